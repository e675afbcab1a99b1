"""Step 8 « Vérifier/soumettre », the « Conditions générales », the confirmation, and withdrawal.

The pages only: what keeps an application from being submitted, the submission and the withdrawal are the
rules of ``rules.submission`` and ``rules.withdrawal``, checked on the server every time.
"""

from __future__ import annotations

from typing import Any

from flask import flash, redirect, render_template, request, url_for

from reference_portal import db, messages
from reference_portal.applications.blueprint import bp, own_application_or_404
from reference_portal.applications.steps import refuse_if_not_draft, step_url
from reference_portal.models import Application
from reference_portal.rules import implements, sections, submission, withdrawal
from reference_portal.rules.profile import completion
from reference_portal.rules.statuses import Status
from reference_portal.security import current_candidate, login_required


@bp.get("/<int:application_id>/etape/8")
@login_required
@implements("REQ-SUB-07", "REQ-SUB-12", "REQ-FAQ-01", "REQ-FAQ-02", "REQ-FAQ-03", "REQ-DRA-10")
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
        blockers=submission.submission_blockers(application, current_candidate()),
        completion=completion(current_candidate().profile),
        navigation=sections.NAVIGATION,
        current_step=sections.LAST_STEP,
        step_url=lambda section: _section_url(application, section),
        draft=Status.DRAFT,
        withdrawal_refusal=withdrawal.withdrawal_refusal(application),
    )


def _section_url(application: Application, section: sections.Section) -> str:
    return step_url(application, section)  # alt: the section's anchor on its one page


@bp.route("/<int:application_id>/conditions", methods=["GET", "POST"])
@login_required
@implements("REQ-SUB-08", "REQ-SUB-18", "REQ-SUB-17", "REQ-FAQ-03")
def conditions(application_id: int) -> Any:
    application = own_application_or_404(application_id)
    if request.method == "POST" and (refusal := refuse_if_not_draft(application)) is not None:
        return refusal
    candidate = current_candidate()
    blockers = submission.submission_blockers(application, candidate)
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
    if (refused := submission.record_submission(application, candidate)) is not None:
        session.rollback()
        if refused == [messages.ALREADY_SUBMITTED]:  # another request submitted it first
            return refuse_if_not_draft(session.get(Application, application.id, populate_existing=True))
        page = render_template("applications/blocked.html", application=application, blockers=refused)
        return page, 409
    session.commit()
    return redirect(url_for("applications.confirmation", application_id=application.id), 303)


@bp.get("/<int:application_id>/confirmation")
@login_required
@implements("REQ-SUB-09")
def confirmation(application_id: int) -> Any:
    application = own_application_or_404(application_id)
    if application.status == Status.DRAFT:
        return redirect(url_for("applications.review", application_id=application.id))
    return render_template("applications/confirmation.html", application=application)


@bp.route("/<int:application_id>/retrait", methods=["GET", "POST"])
@login_required
@implements("REQ-FAQ-08", "REQ-FAQ-09")
def withdraw(application_id: int) -> Any:
    application = own_application_or_404(application_id)
    refusal = withdrawal.withdrawal_refusal(application)
    if refusal is None and request.method == "POST":
        session = db.session()
        changed = withdrawal.withdraw(application)
        session.commit()
        if changed:
            flash(messages.WITHDRAWN_DONE, "status")
            return redirect(url_for("applications.review", application_id=application.id), 303)
        refusal = withdrawal.withdrawal_refusal(session.get(Application, application.id, populate_existing=True))
    if refusal is not None:
        back = url_for("applications.review", application_id=application.id)
        page = render_template(
            "refused.html", title="Retrait impossible", message=refusal, back_url=back, back_label="Ma candidature"
        )
        return page, 409
    return render_template("applications/withdraw.html", application=application)
