"""Step 8 « Vérifier/soumettre », the « Conditions générales », the confirmation, and withdrawal.

The submit rule is checked on the server every time: a draft, linked to an opening that is open and
before its deadline, every mandatory field filled, the profile « 100% Complet ». The status changes in one
conditional UPDATE, so two concurrent submissions cannot both succeed.
"""

from __future__ import annotations

from typing import Any

from flask import flash, redirect, render_template, request, url_for
from sqlalchemy import update

from reference_portal import clock, db, messages
from reference_portal.applications import bp, own_application_or_404, sections
from reference_portal.applications.steps import refuse_if_not_draft
from reference_portal.jobs import refusal_reason
from reference_portal.mail import queue_mail
from reference_portal.models import APPLIED, DRAFT, UNDER_CONSIDERATION, WITHDRAWN, Application, Candidate
from reference_portal.profile import completion
from reference_portal.security import current_candidate, login_required


def submission_blockers(application: Application, candidate: Candidate) -> list[str]:
    """Everything that keeps this application from being submitted now; empty when it may be."""
    if application.status != DRAFT:
        return [messages.ALREADY_SUBMITTED]
    return content_blockers(application, candidate)


def content_blockers(application: Application, candidate: Candidate) -> list[str]:
    """What keeps this application's content (its opening, its fields, the profile) from being submitted."""
    blockers: list[str] = []
    if application.opening is None:
        blockers.append(messages.NOT_LINKED_BLOCKER)
    else:
        reason = refusal_reason(application.opening, clock.now(), candidate.id)
        if reason:
            blockers.append(reason)
    for section in sections.SECTIONS:
        for label in sections.missing(section, application):
            blockers.append(messages.missing_field(section.title, label))
    if completion(candidate.profile) < 100:
        blockers.append(messages.PROFILE_INCOMPLETE)
    return blockers


@bp.get("/<int:application_id>/etape/8")
@login_required
def review(application_id: int) -> Any:
    application = own_application_or_404(application_id)
    summary = [
        (section, sections.fields_of(section, application), sections.stored_values(section, application))
        for section in sections.SECTIONS
    ]
    return render_template(
        "applications/review.html",
        application=application,
        opening=application.opening,
        summary=summary,
        blockers=submission_blockers(application, current_candidate()),
        completion=completion(current_candidate().profile),
        navigation=sections.NAVIGATION,
        current_step=sections.LAST_STEP,
        step_url=lambda section: _section_url(application, section),
        draft=DRAFT,
        withdrawal_refusal=withdrawal_refusal(application),
    )


def _section_url(application: Application, section: sections.Section) -> str:
    if section.sub:
        return url_for("applications.sub_step", application_id=application.id, sub=section.sub)
    return url_for("applications.step", application_id=application.id, number=section.step)


@bp.route("/<int:application_id>/conditions", methods=["GET", "POST"])
@login_required
def conditions(application_id: int) -> Any:
    application = own_application_or_404(application_id)
    if request.method == "POST" and (refusal := refuse_if_not_draft(application)) is not None:
        return refusal
    candidate = current_candidate()
    blockers = submission_blockers(application, candidate)
    if blockers:
        page = render_template("applications/blocked.html", application=application, blockers=blockers)
        return page, 409
    if request.method == "GET":
        return render_template("applications/conditions.html", application=application, error=None)
    if request.form.get("accept") != "yes":
        error = messages.TERMS_NOT_ACCEPTED
        page = render_template("applications/conditions.html", application=application, error=error)
        return page, 422
    session = db.session()
    if (refused := record_submission(application, candidate)) is not None:
        session.rollback()
        if refused == [messages.ALREADY_SUBMITTED]:  # another request submitted it first
            return refuse_if_not_draft(session.get(Application, application.id, populate_existing=True))
        page = render_template("applications/blocked.html", application=application, blockers=refused)
        return page, 409
    session.commit()
    return redirect(url_for("applications.confirmation", application_id=application.id), 303)


def record_submission(application: Application, candidate: Candidate) -> list[str] | None:
    """« Postulé » now, with the confirmation e-mail queued in the same transaction (the caller commits, so
    both happen or neither does). Else why not, and the caller rolls back: « already submitted » when another
    request submitted it first, or what the content lacks once its row is held."""
    now = clock.now()
    changed = db.session().execute(
        update(Application)
        .where(Application.id == application.id, Application.status == DRAFT)
        .values(status=APPLIED, submitted_at=now)
    ).rowcount
    if changed != 1:
        return [messages.ALREADY_SUBMITTED]
    # The row is held now (see steps.hold_draft): what is submitted is checked again as it is stored, so a save
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


@bp.get("/<int:application_id>/confirmation")
@login_required
def confirmation(application_id: int) -> Any:
    application = own_application_or_404(application_id)
    if application.status == DRAFT:
        return redirect(url_for("applications.review", application_id=application.id))
    return render_template("applications/confirmation.html", application=application)


# A submitted application may be withdrawn until the candidate is selected or the selection is over.
WITHDRAWABLE = (APPLIED, UNDER_CONSIDERATION, "Inscrit sur une liste")


def withdrawal_refusal(application: Application) -> str | None:
    """Why this application cannot be withdrawn, or None when it can."""
    if application.status in WITHDRAWABLE:
        return None
    return messages.WITHDRAWAL_REFUSED.get(application.status, messages.WITHDRAWAL_CLOSED)


@bp.route("/<int:application_id>/retrait", methods=["GET", "POST"])
@login_required
def withdraw(application_id: int) -> Any:
    application = own_application_or_404(application_id)
    refusal = withdrawal_refusal(application)
    if refusal is None and request.method == "POST":
        session = db.session()
        # Conditional, so a recruiter's « Sélectionné » recorded meanwhile wins over a late withdrawal.
        changed = session.execute(
            update(Application)
            .where(Application.id == application.id, Application.status.in_(WITHDRAWABLE))
            .values(status=WITHDRAWN)
        ).rowcount
        session.commit()
        if changed == 1:
            flash(messages.WITHDRAWN_DONE, "status")
            return redirect(url_for("applications.review", application_id=application.id), 303)
        refusal = withdrawal_refusal(session.get(Application, application.id, populate_existing=True))
    if refusal is not None:
        back = url_for("applications.review", application_id=application.id)
        page = render_template(
            "refused.html", title="Retrait impossible", message=refusal, back_url=back, back_label="Ma candidature"
        )
        return page, 409
    return render_template("applications/withdraw.html", application=application)
