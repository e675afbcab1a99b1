"""Account recovery (guide 1): « Code utilisateur oublié » and « Mot de passe oublié » by e-mail.

A reset link carries a random token of which only a SHA-256 hash is stored; it serves once and expires after
``RESET_LINK_MINUTES`` by the portal's clock. Whom to write to never depends on what the page answers.
"""

from __future__ import annotations

import hashlib
import secrets
from datetime import datetime, timedelta

from sqlalchemy import func, or_, select

from reference_portal import db, messages
from reference_portal.config import public_url
from reference_portal.i18n import gettext
from reference_portal.mail import queue_mail
from reference_portal.models import Candidate, PasswordResetToken, Profile
from reference_portal.rules import implements

RESET_LINK_MINUTES = 60


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def candidates_by_email(email: str) -> list[Candidate]:
    """Accounts registered with this address or whose profile gives it as primary e-mail."""
    email = email.lower()
    query = (
        select(Candidate)
        .outerjoin(Profile, Profile.candidate_id == Candidate.id)
        .where(or_(func.lower(Candidate.email) == email, func.lower(Profile.primary_email) == email))
        .order_by(Candidate.id)
    )
    return list(db.session().execute(query).scalars().unique())


def candidate_by_user_code(user_code: str) -> Candidate | None:
    query = select(Candidate).where(func.lower(Candidate.user_code) == user_code.lower())
    return db.session().execute(query).scalar_one_or_none()


def contact_address(candidate: Candidate) -> str:
    """The primary e-mail of the profile (kept up to date by the candidate), else the registration one."""
    profile = candidate.profile
    return (profile.primary_email if profile and profile.primary_email else None) or candidate.email


@implements("REQ-REG-08", "REQ-REG-09")
def issue_reset_link(candidate: Candidate, to: str, now: datetime) -> None:
    """Stores a new link and queues its mail (the caller commits both)."""
    token = secrets.token_urlsafe(32)
    db.session().add(
        PasswordResetToken(
            candidate_id=candidate.id,
            token_hash=token_hash(token),
            created_at=now,
            expires_at=now + timedelta(minutes=RESET_LINK_MINUTES),
        )
    )
    link = public_url("auth.recovery.new_password", token=token)
    body = messages.reset_body(candidate.first_name, candidate.user_code, link, RESET_LINK_MINUTES)
    queue_mail(to, gettext(messages.RESET_SUBJECT), body)  # committed with the link by the caller


@implements("REQ-REG-09")
def usable_token(token: str, now: datetime) -> tuple[PasswordResetToken | None, str | None]:
    """The stored link for this token if it can still serve, else why not."""
    query = select(PasswordResetToken).where(PasswordResetToken.token_hash == token_hash(token))
    stored = db.session().execute(query).scalar_one_or_none()
    if stored is None:
        return None, messages.RESET_LINK_UNKNOWN
    if stored.used_at is not None:
        return None, messages.RESET_LINK_USED
    if now > stored.expires_at:
        return None, messages.reset_link_expired(RESET_LINK_MINUTES)
    return stored, None
