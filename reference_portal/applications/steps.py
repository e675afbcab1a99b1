"""Steps 2 to 7: one page per section (step 7 has four sub-sections), saved with « Enregistrer » or « Suivant ».

A draft may be incomplete: saving stores every well-formed value and refuses only malformed ones
(completeness is checked at step 8). Only drafts change: any POST to a submitted application is refused.
"""

from __future__ import annotations

from typing import Any

from flask import abort, flash, get_flashed_messages, redirect, render_template, request, url_for
from sqlalchemy import update

from reference_portal import attachments, clock, db, institutions, messages
from reference_portal.applications import bp, own_application_or_404, sections
from reference_portal.forms import validate
from reference_portal.models import DRAFT, Application
from reference_portal.profile import completion
from reference_portal.security import current_candidate, login_required

_SAVED = "draft-saved"


def hold_draft(application: Application) -> bool:
    """Takes the application's row for the rest of this transaction, if it is still a draft (one conditional
    UPDATE: SQLite's write lock, PostgreSQL's row lock), so a save and « Soumettre » never interleave: a save
    after the submission is refused, a submission after the save sees what it saved."""
    session = db.session()
    session.commit()  # the lock begins a transaction of its own
    held = session.execute(
        update(Application).where(Application.id == application.id, Application.status == DRAFT).values(status=DRAFT)
    ).rowcount
    if held != 1:
        session.rollback()
        session.refresh(application)
        return False
    session.expire(application)  # what others committed before the lock, read again under it
    return True


def refuse_if_not_draft(application: Application) -> Any | None:
    if application.status != DRAFT:
        page = render_template(
            "refused.html", title="Modification impossible", message=messages.ALREADY_SUBMITTED
        )
        return page, 409
    return None


def step_url(application: Application, section: sections.Section | None) -> str:
    if section is None:
        return url_for("applications.review", application_id=application.id)
    if section.sub:
        return url_for("applications.sub_step", application_id=application.id, sub=section.sub)
    return url_for("applications.step", application_id=application.id, number=section.step)


@bp.route("/<int:application_id>/etape/<int:number>", methods=["GET", "POST"])
@login_required
def step(application_id: int, number: int) -> Any:
    application = own_application_or_404(application_id)
    if request.method == "POST" and (refusal := refuse_if_not_draft(application)) is not None:
        return refusal
    if number == 7:
        return redirect(url_for("applications.sub_step", application_id=application_id, sub="lettre"), 303)
    if number == sections.LAST_STEP:
        return redirect(url_for("applications.review", application_id=application_id), 303)
    section = sections.find(number, None)
    if section is None:
        abort(404)
    return _section_page(application, section)


@bp.route("/<int:application_id>/etape/7/<sub>", methods=["GET", "POST"])
@login_required
def sub_step(application_id: int, sub: str) -> Any:
    application = own_application_or_404(application_id)
    if request.method == "POST" and (refusal := refuse_if_not_draft(application)) is not None:
        return refusal
    section = sections.find(7, sub)
    if section is None:
        abort(404)
    return _section_page(application, section)


def _section_page(application: Application, section: sections.Section) -> Any:
    fields = sections.fields_of(section, application)
    if request.method == "GET":
        stored = sections.stored_values(section, application)
        raw = {name: "" if value is None else str(value) for name, value in stored.items()}
        return _render(application, section, fields, raw, {}, saved=bool(get_flashed_messages([_SAVED])))
    if (refusal := refuse_if_not_draft(application)) is not None:
        return refusal
    result = validate(fields, request.form, enforce_required=False, current_year=clock.now().year)
    if not hold_draft(application) and (refusal := refuse_if_not_draft(application)) is not None:
        return refusal
    institutions.check_lookups(fields, result)
    sections.store(section, application, {n: v for n, v in result.values.items() if n not in result.errors})
    if section.key == "cover_letter":
        attachments.receive_for_application(application, result.errors, request.form.get("action") == "attach")
    db.session().commit()
    # The 🔍 icon saves the section, then opens its look-up page (unless another field needs correcting first).
    lookup = next((f for f in fields if f.kind == "lookup" and f.name == request.form.get("lookup")), None)
    if lookup is not None and not set(result.errors) - {lookup.name}:
        return redirect(institutions.lookup_url(application.id, lookup.name, result.raw[lookup.name]), 303)
    if not result.ok:
        return _render(application, section, fields, result.raw, result.errors, saved=False), 422
    if request.form.get("action") == "next":
        return redirect(step_url(application, sections.following(section)))
    if request.form.get("action") == "attach":
        return redirect(step_url(application, section), 303)
    flash(messages.DRAFT_SAVED, _SAVED)
    return redirect(step_url(application, section))


def _render(
    application: Application,
    section: sections.Section,
    fields: tuple,
    raw: dict[str, str],
    errors: dict[str, str],
    saved: bool,
) -> str:
    return render_template(
        "applications/step.html",
        application=application,
        opening=application.opening,
        section=section,
        fields=fields,
        raw=raw,
        errors=errors,
        saved=saved,
        editable=application.status == DRAFT,
        navigation=sections.NAVIGATION,
        completion=completion(current_candidate().profile) if section.key == "profile_check" else None,
    )
