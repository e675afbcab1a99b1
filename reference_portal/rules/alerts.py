"""Saved searches and job alerts (guide 5): at most five per candidate, each valid six months from the day it was
saved (by the portal clock); an alert mails each newly published opening its criteria match."""

from __future__ import annotations

import calendar
import json
from datetime import datetime

from sqlalchemy import func, select, update

from reference_portal import clock, db, mail, messages
from reference_portal.config import public_url
from reference_portal.models import Candidate, JobOpening, OutgoingMail, SavedSearch
from reference_portal.rules import implements, openings
from reference_portal.rules.search import SearchCriteria

MAX_SAVED_SEARCHES = 5
VALIDITY_MONTHS = 6


def add_months(moment: datetime, months: int) -> datetime:
    """The same day and time ``months`` calendar months later (the month's last day when it is shorter)."""
    month_index = moment.month - 1 + months
    year, month = moment.year + month_index // 12, month_index % 12 + 1
    return moment.replace(year=year, month=month, day=min(moment.day, calendar.monthrange(year, month)[1]))


@implements("REQ-ALR-05")
def expiry_of(saved_at: datetime) -> datetime:
    """When a search saved at this moment stops being valid: six calendar months later."""
    return add_months(saved_at, VALIDITY_MONTHS)


@implements("REQ-ALR-05", "REQ-ALR-07")
def is_valid(saved: SavedSearch, now: datetime) -> bool:
    return now < saved.expires_at


def criteria_of(saved: SavedSearch) -> SearchCriteria:
    return SearchCriteria.from_mapping(json.loads(saved.criteria))


def saved_searches(candidate_id: int) -> list[SavedSearch]:
    query = select(SavedSearch).where(SavedSearch.candidate_id == candidate_id).order_by(SavedSearch.id)
    return list(db.session().execute(query).scalars())


def saved_count(candidate_id: int) -> int:
    query = select(func.count()).select_from(SavedSearch).where(SavedSearch.candidate_id == candidate_id)
    return db.session().execute(query).scalar_one()


@implements("REQ-ALR-04")
def claim_room_for_one_more(candidate_id: int) -> bool:
    """Whether the candidate may save one more search, counted under a lock on the candidate's row (one
    conditional UPDATE: SQLite's write lock, PostgreSQL's row lock) so that parallel saves cannot all see room
    for one more. True: the lock is held until the caller commits the new search; False: the caller rolls back."""
    session = db.session()
    session.commit()
    session.execute(update(Candidate).where(Candidate.id == candidate_id).values(id=Candidate.id))
    return saved_count(candidate_id) < MAX_SAVED_SEARCHES


def default_alert_email(candidate: Candidate) -> str:
    profile_email = candidate.profile.primary_email if candidate.profile else None
    return profile_email or candidate.email


@implements("REQ-ALR-02", "REQ-ALR-05")
def new_saved_search(
    candidate_id: int, name: str, criteria: SearchCriteria, alert_email: str | None, now: datetime
) -> SavedSearch:
    """A saved search (not yet added to the session); with an address, it is also a job alert."""
    return SavedSearch(
        candidate_id=candidate_id,
        name=name,
        criteria=json.dumps(criteria.as_args(), ensure_ascii=False),
        alert=alert_email is not None,
        alert_email=alert_email,
        created_at=now,
        expires_at=expiry_of(now),
    )


@implements("REQ-ALR-06", "REQ-ALR-07")
def send_job_alerts(opening: JobOpening) -> list[OutgoingMail]:
    """Queue mail for every valid job alert whose criteria match this (just published) opening, in the
    caller's transaction (the outbox delivers it once committed, and again later if SMTP is down); returns
    the queued messages."""
    now = clock.now()
    if openings.refusal_reason(opening, now) is not None:
        return []
    query = select(SavedSearch).where(SavedSearch.alert.is_(True), SavedSearch.expires_at > now).order_by(
        SavedSearch.id
    )
    link = public_url("jobs.opening", job_id=opening.job_id)
    queued: list[OutgoingMail] = []
    for saved in db.session().execute(query).scalars():
        if not saved.alert_email or not is_valid(saved, now) or not criteria_of(saved).matches(opening, now):
            continue
        body = messages.job_alert_body(
            saved.name, opening.number, opening.title, clock.format_date(opening.deadline), link
        )
        queued.append(mail.queue_mail(saved.alert_email, messages.job_alert_subject(opening.number), body))
    return queued
