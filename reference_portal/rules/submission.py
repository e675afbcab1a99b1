"""Submitting an application (guide 4.ix, FAQ i): what keeps one from being submitted, and the submission itself.

The rule is checked on the server every time: a draft, linked to an opening that is open and before its
deadline, every mandatory field filled, the profile « 100% Complet ». The status changes in one conditional
UPDATE, so two concurrent submissions cannot both succeed.
"""

from __future__ import annotations

from sqlalchemy import update

from reference_portal import clock, db, messages
from reference_portal.mail import queue_mail
from reference_portal.models import Application, Candidate
from reference_portal.rules import implements, openings, sections
from reference_portal.rules.profile import completion
from reference_portal.rules.statuses import Status


@implements("REQ-SUB-07", "REQ-FAQ-01", "REQ-DRA-10")
def submission_blockers(application: Application, candidate: Candidate) -> list[str]:
    """Everything that keeps this application from being submitted now; empty when it may be."""
    if application.status != Status.DRAFT:
        return [messages.ALREADY_SUBMITTED]
    return content_blockers(application, candidate)


@implements("REQ-SUB-14", "REQ-SUB-17", "REQ-FAQ-02", "REQ-FAQ-03", "REQ-FAQ-05")
def content_blockers(application: Application, candidate: Candidate) -> list[str]:
    """What keeps this application's content (its opening, its fields, the profile) from being submitted."""
    blockers: list[str] = []
    if application.opening is None:
        blockers.append(messages.NOT_LINKED_BLOCKER)
    else:
        reason = openings.refusal_reason(application.opening, clock.now(), candidate.id)
        if reason:
            blockers.append(reason)
    for section in sections.SECTIONS:
        for label in sections.missing(section, application):
            blockers.append(messages.missing_field(section.title, label))
    if completion(candidate.profile) < 100:
        blockers.append(messages.PROFILE_INCOMPLETE)
    return blockers


@implements("REQ-SUB-08", "REQ-SUB-10", "REQ-SUB-11", "REQ-DRA-09")
def record_submission(application: Application, candidate: Candidate) -> list[str] | None:
    """« Postulé » now, with the confirmation e-mail queued in the same transaction (the caller commits, so
    both happen or neither does). Else why not, and the caller rolls back: « already submitted » when another
    request submitted it first, or what the content lacks once its row is held."""
    now = clock.now()
    changed = db.session().execute(
        update(Application)
        .where(Application.id == application.id, Application.status == Status.DRAFT)
        .values(status=Status.APPLIED, submitted_at=now)
    ).rowcount
    if changed != 1:
        return [messages.ALREADY_SUBMITTED]
    # The row is held now (see drafts.hold_draft): what is submitted is checked again as it is stored, so a save
    # that committed after the first check cannot slip an empty mandatory field into a submission.
    session = db.session()
    session.expire_all()
    application = session.get(Application, application.id)
    if blockers := content_blockers(application, candidate):
        return blockers
    opening = application.opening
    profile = candidate.profile
    queue_mail(
        (profile.primary_email if profile and profile.primary_email else candidate.email),
        messages.confirmation_subject(opening.number),
        messages.confirmation_body(
            (profile.first_name if profile and profile.first_name else candidate.first_name),
            opening.number,
            opening.title,
            clock.format_date(now),
        ),
    )
    return None
