"""Steps 2 to 7: one page per section (step 7 has four sub-sections), saved with « Enregistrer » or « Suivant ».

A draft may be incomplete: saving stores every well-formed value and refuses only malformed ones
(completeness is checked at step 8). Only drafts change: any POST to a submitted application is refused.
"""

from __future__ import annotations

from typing import Any

from flask import abort, flash, get_flashed_messages, redirect, render_template, request, url_for

from reference_portal import clock, db, messages, variant
from reference_portal.applications.blueprint import bp, own_application_or_404
from reference_portal.forms import FormResult, validate
from reference_portal.models import Application
from reference_portal.rules import attachments as attachment_rules
from reference_portal.rules import drafts, implements, lookups, sections
from reference_portal.rules.profile import completion
from reference_portal.security import current_candidate, login_required

_SAVED = "draft-saved"


@implements("REQ-DRA-10")
def refuse_if_not_draft(application: Application) -> Any | None:
    """The refusal page for a change to an application that is no longer a draft, else None."""
    if not drafts.is_editable(application):
        page = render_template(
            "refused.html", title="Modification impossible", message=messages.ALREADY_SUBMITTED
        )
        return page, 409
    return None


# alt shows every section on one page (see ``_render_one_page``): each has an anchor there, and the group
# « Lettre de motivation » one of its own before its four sub-sections.
ONE_PAGE_ANCHORS = {
    "prescreening": "questions-de-preselection",
    "education": "formation",
    "experience": "experience-professionnelle",
    "languages": "connaissances-linguistiques",
    "skills": "competences-et-formations",
    "cover_letter": "lettre-et-pieces-jointes",
    "references": "references",
    "final_questions": "dernieres-questions",
    "profile_check": "verifier-mon-profil",
}
COVER_LETTER_ANCHOR = "lettre-de-motivation"


def step_url(application: Application, section: sections.Section | None) -> str:
    if section is None:
        return url_for("applications.review", application_id=application.id)
    if section.sub:
        url = url_for("applications.sub_step", application_id=application.id, sub=section.sub)
    else:
        url = url_for("applications.step", application_id=application.id, number=section.step)
    return f"{url}#{ONE_PAGE_ANCHORS[section.key]}" if variant.is_alt() else url


@bp.route("/<int:application_id>/etape/<int:number>", methods=["GET", "POST"])
@login_required
@implements("REQ-SUB-06", "REQ-SUB-13", "REQ-DRA-08", "REQ-FAQ-04", "REQ-EDU-01")
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
@implements("REQ-ATT-01", "REQ-SUB-06", "REQ-DRA-08")
def sub_step(application_id: int, sub: str) -> Any:
    application = own_application_or_404(application_id)
    if request.method == "POST" and (refusal := refuse_if_not_draft(application)) is not None:
        return refusal
    section = sections.find(7, sub)
    if section is None:
        abort(404)
    return _section_page(application, section)


@implements("REQ-DRA-03", "REQ-SES-02", "REQ-LKP-01", "REQ-LKP-02", "REQ-SUB-12")
def _section_page(application: Application, section: sections.Section) -> Any:
    fields = sections.fields_of(section, application)
    if request.method == "GET":
        stored = sections.stored_values(section, application)
        raw = {name: "" if value is None else str(value) for name, value in stored.items()}
        return _render(application, section, fields, raw, {}, saved=bool(get_flashed_messages([_SAVED])))
    if (refusal := refuse_if_not_draft(application)) is not None:
        return refusal
    result = validate(fields, request.form, enforce_required=False, current_year=clock.now().year)
    if not drafts.hold_draft(application) and (refusal := refuse_if_not_draft(application)) is not None:
        return refusal
    lookups.check_lookups(fields, result)
    sections.store(section, application, {n: v for n, v in result.values.items() if n not in result.errors})
    if section.key == "cover_letter":
        _receive_attachment(application, result, request.form.get("action") == "attach")
    db.session().commit()
    # The 🔍 icon saves the section, then opens its look-up page (unless another field needs correcting first).
    lookup = next((f for f in fields if f.kind == "lookup" and f.name == request.form.get("lookup")), None)
    if lookup is not None and not set(result.errors) - {lookup.name}:
        lookup_page = url_for(
            "lookups.lookup", application_id=application.id, field_name=lookup.name, q=result.raw[lookup.name] or None
        )
        return redirect(lookup_page, 303)
    if not result.ok:
        return _render(application, section, fields, result.raw, result.errors, saved=False), 422
    if request.form.get("action") == "next":
        return redirect(step_url(application, sections.following(section)))
    if request.form.get("action") == "attach":
        return redirect(step_url(application, section), 303)
    flash(messages.DRAFT_SAVED, _SAVED)
    return redirect(step_url(application, section))


def _receive_attachment(application: Application, result: FormResult, asked: bool) -> bool:
    """Takes the file sent with « Lettre de motivation et pièces-jointes », if any; adds what is wrong to the
    form's errors. ``asked``: the person clicked « Joindre le fichier » (so a missing file is an error).
    Returns whether a file was attached (the caller commits)."""
    upload = request.files.get(attachment_rules.UPLOAD_FIELD)
    if not asked and (upload is None or not upload.filename):
        return False
    accepted, problems = attachment_rules.check(upload)
    for number, problem in enumerate(problems):
        result.errors[f"_{attachment_rules.UPLOAD_FIELD}_{number}"] = problem
    if accepted is None:
        return False
    attachment_rules.store(current_candidate(), accepted, application)
    flash(messages.attachment_added(accepted.filename), "status")
    return True


def _render(
    application: Application,
    section: sections.Section,
    fields: tuple,
    raw: dict[str, str],
    errors: dict[str, str],
    saved: bool,
) -> str:
    if variant.is_alt():
        return _render_one_page(application, section, raw, errors, saved)
    return render_template(
        "applications/step.html",
        application=application,
        opening=application.opening,
        section=section,
        fields=fields,
        raw=raw,
        errors=errors,
        saved=saved,
        editable=drafts.is_editable(application),
        navigation=sections.NAVIGATION,
        completion=completion(current_candidate().profile) if section.key == "profile_check" else None,
    )


@implements("REQ-DRA-03", "REQ-SUB-06", "REQ-DRA-10")
def _render_one_page(
    application: Application, current: sections.Section, raw: dict[str, str], errors: dict[str, str], saved: bool
) -> str:
    """alt: every section (and sub-section) of the application on one page, each a region with its own form
    posting to that section's own address, so the server checks and stores one section at a time exactly as
    for one page per section. ``current`` is the section asked for (its values ``raw``, its ``errors``); the
    others show what is stored."""
    parts = []
    for section in sections.SECTIONS:
        if section is current:
            values, section_errors = raw, errors
        else:
            stored = sections.stored_values(section, application)
            values = {name: "" if value is None else str(value) for name, value in stored.items()}
            section_errors = {}
        parts.append({
            "section": section,
            "fields": sections.fields_of(section, application),
            "raw": values,
            "errors": section_errors,
            "anchor": ONE_PAGE_ANCHORS[section.key],
            "action": step_url(application, section).split("#", 1)[0],
        })
    return render_template(
        "applications/dossier.html",
        application=application,
        opening=application.opening,
        parts=parts,
        current=current,
        saved=saved,
        editable=drafts.is_editable(application),
        navigation=sections.NAVIGATION,
        anchors=ONE_PAGE_ANCHORS,
        cover_letter_anchor=COVER_LETTER_ANCHOR,
        completion=completion(current_candidate().profile),
    )
