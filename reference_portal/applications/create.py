"""Step 1 of 8: the question « Comment avez-vous entendu parler de cette offre ? », then how to start.

What the first page answered is kept server-side (in the signed session) until the second page creates
the draft; every value is checked again when the draft is created.
"""

from __future__ import annotations

from typing import Any

from flask import abort, redirect, render_template, request, session, url_for
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import selectinload

from reference_portal import clock, db, messages
from reference_portal.applications import bp, own_application_or_404
from reference_portal.applications.sections import copy_sections
from reference_portal.forms import Field, validate
from reference_portal.jobs import existing_application, published_opening_or_404, refusal_reason
from reference_portal.models import DRAFT, Application, JobOpening
from reference_portal.security import current_candidate, login_required

ORIGIN_FIELD = Field(
    "origin", "Comment avez-vous entendu parler de cette offre ?", kind="select", required=True,
    choices=messages.ORIGINS,
)
CHOICE_LEGEND = "Comment souhaitez-vous créer votre candidature ?"
CHOICES = {"reuse": "Reprendre une candidature existante ou précédente", "new": "Créer une nouvelle candidature"}
_FLOW_KEY = "new_application"


def _opening_from(value: str | None) -> JobOpening | None:
    """The opening named by the request, if any; refuses one that does not accept applications."""
    if not value:
        return None
    if not value.isdigit():
        abort(404)
    return published_opening_or_404(int(value))


def _refuse(opening: JobOpening) -> Any | None:
    """A response when this opening cannot get a new application from this candidate, else None."""
    existing = existing_application(current_candidate().id, opening.job_id)
    if existing is not None:
        return redirect(url_for("applications.step", application_id=existing.id, number=2))
    reason = refusal_reason(opening, clock.now())
    if reason:
        return render_template("refused.html", title="Candidature impossible", message=reason), 409
    return None


@bp.route("/nouvelle", methods=["GET", "POST"])
@login_required
def new() -> Any:
    source = request.form if request.method == "POST" else request.args
    opening = _opening_from(source.get("emploi"))
    if opening is not None and (refusal := _refuse(opening)) is not None:
        return refusal
    if request.method == "GET":
        return render_template("applications/new.html", opening=opening, field=ORIGIN_FIELD, raw={}, errors={})
    result = validate([ORIGIN_FIELD], request.form)
    if not result.ok:
        page = render_template(
            "applications/new.html", opening=opening, field=ORIGIN_FIELD, raw=result.raw, errors=result.errors
        )
        return page, 422
    session[_FLOW_KEY] = {"opening": opening.job_id if opening else None, "origin": result.values["origin"]}
    return redirect(url_for("applications.new_options"))


def _previous_applications() -> list[Application]:
    query = (
        select(Application)
        .where(Application.candidate_id == current_candidate().id)
        .options(selectinload(Application.opening))
        .order_by(Application.created_at.desc(), Application.id.desc())
    )
    return list(db.session().execute(query).scalars())


@bp.route("/nouvelle/options", methods=["GET", "POST"])
@login_required
def new_options() -> Any:
    flow = session.get(_FLOW_KEY)
    if not flow or flow.get("origin") not in messages.ORIGINS:
        return redirect(url_for("applications.new"))
    opening = _opening_from(str(flow["opening"]) if flow.get("opening") else None)
    if opening is not None and (refusal := _refuse(opening)) is not None:
        return refusal
    previous = _previous_applications()
    errors: dict[str, str] = {}
    choice = request.form.get("choice", "")
    template_id = request.form.get("template", str(previous[0].id) if previous else "")
    if request.method == "POST":
        template: Application | None = None
        if choice not in CHOICES or (choice == "reuse" and not previous):
            errors["choice"] = messages.field_error(CHOICE_LEGEND, "choisissez l'une des options proposées.")
        elif choice == "reuse":
            if not template_id.isdigit():
                errors["template"] = messages.field_error("Choisir une autre candidature", messages.CHOICE_HINT)
            else:
                template = own_application_or_404(int(template_id))
        if not errors:
            return _create(opening, flow["origin"], template)
    page = render_template(
        "applications/options.html",
        opening=opening,
        previous=previous,
        choices=CHOICES,
        legend=CHOICE_LEGEND,
        choice=choice,
        template_id=template_id,
        errors=errors,
    )
    return page, (422 if errors else 200)


def _create(opening: JobOpening | None, origin: str, template: Application | None) -> Any:
    session_db = db.session()
    application = Application(
        candidate_id=current_candidate().id,
        opening_id=opening.job_id if opening else None,
        status=DRAFT,
        created_at=clock.now(),
        origin=origin,
    )
    if template is not None:
        copy_sections(template, application)
    session_db.add(application)
    try:
        session_db.commit()
    except IntegrityError:  # the same candidate applied to this opening from another tab meanwhile
        session_db.rollback()
        existing = existing_application(current_candidate().id, opening.job_id)
        return redirect(url_for("applications.step", application_id=existing.id, number=2))
    session.pop(_FLOW_KEY, None)
    return redirect(url_for("applications.step", application_id=application.id, number=2))
