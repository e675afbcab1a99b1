"""Who may apply to an opening, and until when (guide 4, FAQ i, iii, viii): deadlines and eligibility."""

from __future__ import annotations

from datetime import UTC, date, datetime, time

from sqlalchemy import select

from reference_portal import clock, db, messages
from reference_portal.models import Application, JobOpening, RosterMembership
from reference_portal.rules import implements
from reference_portal.rules.statuses import Status


@implements("REQ-SUB-14")
def deadline_for(closing_date: date) -> datetime:
    """Applications close at 23:59, New York time, on the closing date (whatever the season's UTC offset)."""
    return datetime.combine(closing_date, time(23, 59), tzinfo=clock.NEW_YORK).astimezone(UTC)


def is_published(opening: JobOpening, now: datetime) -> bool:
    return opening.posted_at <= now


@implements("REQ-FAQ-05")
def on_roster(candidate_id: int, opening: JobOpening) -> bool:
    """Whether the candidate is on a roster for the same job family and level as this opening."""
    query = select(RosterMembership.id).where(
        RosterMembership.candidate_id == candidate_id,
        RosterMembership.level == opening.level,
        RosterMembership.job_family == opening.job_family,
    )
    return db.session().execute(query).first() is not None


@implements("REQ-SUB-14", "REQ-FAQ-03", "REQ-FAQ-05")
def refusal_reason(opening: JobOpening, now: datetime, candidate_id: int | None = None) -> str | None:
    """Why this opening does not accept applications now (from this candidate, when given), or None."""
    if not is_published(opening, now):
        return messages.OPENING_REFUSALS["not_published"]
    if opening.state != "open":
        return messages.OPENING_REFUSALS[opening.state]
    if now >= opening.deadline:
        return messages.OPENING_REFUSALS["deadline"]
    if candidate_id is not None and opening.opening_type == "roster" and not on_roster(candidate_id, opening):
        return messages.NOT_ON_ROSTER
    return None


@implements("REQ-SUB-15")
def existing_application(candidate_id: int, job_id: int) -> Application | None:
    """The candidate's one application to this opening, whatever its status (a withdrawn one included)."""
    query = select(Application).where(Application.candidate_id == candidate_id, Application.opening_id == job_id)
    return db.session().execute(query).scalar_one_or_none()


@implements("REQ-SUB-15", "REQ-FAQ-08")
def start_of_application(
    candidate_id: int, opening: JobOpening, now: datetime
) -> tuple[Application | None, str | None]:
    """What « Postuler » on this opening leads to: (the application already made, None) to go back to it, or
    (None, why the candidate cannot apply), or (None, None) when a new application may start."""
    existing = existing_application(candidate_id, opening.job_id)
    if existing is not None and existing.status == Status.WITHDRAWN:
        return None, messages.ALREADY_WITHDRAWN  # no second application after a withdrawal
    if existing is not None:
        return existing, None
    return None, refusal_reason(opening, now, candidate_id)
