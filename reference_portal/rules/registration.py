"""Registration (guide 1): the user code, the date of birth jj/mm/aaaa, and the new account."""

from __future__ import annotations

import re
from datetime import date, datetime

from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError

from reference_portal import clock, db, messages, security
from reference_portal.models import Candidate, Profile
from reference_portal.rules import implements

USER_CODE_RE = re.compile(r"^[A-Za-z0-9._-]{4,30}$")
DATE_FR_RE = re.compile(r"^(\d{2})/(\d{2})/(\d{4})$")
MIN_PASSWORD_LENGTH = 10


@implements("REQ-REG-03", "REQ-REG-06")
def parse_date_of_birth(raw: str, today: date) -> tuple[date | None, str | None]:
    """A real calendar date written jj/mm/aaaa (29/02 only in a leap year), in the past, of someone aged 16 to
    100 today; else None and what to type."""
    match = DATE_FR_RE.match(raw)
    if not match:
        return None, messages.DATE_OF_BIRTH_INVALID
    try:
        born = datetime.strptime(raw, "%d/%m/%Y").date()
    except ValueError:
        return None, messages.DATE_OF_BIRTH_INVALID
    if born >= today:
        return None, messages.DATE_OF_BIRTH_INVALID
    age = today.year - born.year - ((today.month, today.day) < (born.month, born.day))
    if not 16 <= age <= 100:
        return None, messages.field_error("Date de naissance (jj/mm/aaaa)", messages.DATE_OF_BIRTH_AGE)
    return born, None


def user_code_taken(user_code: str) -> bool:
    query = select(Candidate.id).where(func.lower(Candidate.user_code) == user_code.lower())
    return db.session().execute(query).first() is not None


@implements("REQ-REG-04")
def create_candidate(
    *, user_code: str, password: str, email: str, first_name: str, last_name: str, date_of_birth: date | None
) -> Candidate | None:
    """Creates the account and copies what registration asked into the profile; None if the code is taken."""
    session = db.session()
    candidate = Candidate(
        user_code=user_code,
        password_hash=security.hash_password(password),
        email=email,
        first_name=first_name,
        last_name=last_name,
        date_of_birth=date_of_birth,
        created_at=clock.now(),
    )
    candidate.profile = Profile(first_name=first_name, last_name=last_name, primary_email=email)
    session.add(candidate)
    try:
        session.commit()
    except IntegrityError:
        session.rollback()
        return None
    return candidate
