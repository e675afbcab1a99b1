"""Withdrawing a submitted application (FAQ viii): until the candidate is selected or the selection is over."""

from __future__ import annotations

from sqlalchemy import update

from reference_portal import db, messages
from reference_portal.models import Application
from reference_portal.rules import implements, statuses
from reference_portal.rules.statuses import Status

# Why an application of these statuses cannot be withdrawn (any other finished status: WITHDRAWAL_CLOSED).
REFUSALS: dict[Status, str] = {
    Status.SELECTED: messages.WITHDRAWAL_SELECTED,
    Status.DRAFT: messages.WITHDRAWAL_DRAFT,
    Status.WITHDRAWN: messages.WITHDRAWAL_ALREADY_DONE,
}


@implements("REQ-FAQ-08", "REQ-FAQ-09")
def withdrawal_refusal(application: Application) -> str | None:
    """Why this application cannot be withdrawn, or None when it can."""
    if application.status in statuses.WITHDRAWABLE:
        return None
    return REFUSALS.get(application.status, messages.WITHDRAWAL_CLOSED)


@implements("REQ-FAQ-08", "REQ-FAQ-09")
def withdraw(application: Application) -> bool:
    """« Retirée » now, if the application may still be withdrawn (the caller commits). Conditional, so a
    recruiter's « Sélectionné » recorded meanwhile wins over a late withdrawal."""
    changed = db.session().execute(
        update(Application)
        .where(Application.id == application.id, Application.status.in_(statuses.WITHDRAWABLE))
        .values(status=Status.WITHDRAWN)
    ).rowcount
    return changed == 1
