"""Step 1 of 8: the question « Comment avez-vous entendu parler de cette offre ? », then how to start.

What the first page answered is kept server-side (in the signed session) until the second page creates
the draft; every value is checked again when the draft is created.
"""

from __future__ import annotations

import re
from typing import Any

from flask import abort, make_response, redirect, render_template, request, session, url_for
from sqlalchemy.exc import IntegrityError

from reference_portal import clock, db, messages
from reference_portal.applications.blueprint import bp, own_application_or_404
from reference_portal.forms import Field, validate
from reference_portal.jobs import published_opening_or_404
from reference_portal.models import Application, JobOpening
from reference_portal.rules import drafts, implements
from reference_portal.rules import openings as opening_rules
from reference_portal.security import current_candidate, login_required

ORIGIN_FIELD = Field(
    "origin", "Comment avez-vous entendu parler de cette offre ?", kind="select", required=True,
    choices=messages.ORIGINS,
)
CHOICE_LEGEND = "Comment souhaitez-vous créer votre candidature ?"
CHOICES = {
    "reuse": "Reprendre une candidature existante ou précédente",
    "new": "Créer une nouvelle candidature",
    "upload": "Mettre en ligne à partir d'un fichier",
}
LOOKUP_LABEL = "Choisir une autre candidature"
_FLOW_KEY = "new_application"


def _opening_from(value: str | None) -> JobOpening | None:
    """The opening named by the request, if any; refuses one that does not accept applications."""
    if not value:
        return None
    if not re.fullmatch(r"[0-9]{1,18}", value):  # not isdigit(): « ¹ » is a digit int() refuses
        abort(404)
    return published_opening_or_404(int(value))


def refusal_for(opening: JobOpening) -> Any | None:
    """A response when this opening cannot get a new application from this candidate, else None."""
    existing, reason = opening_rules.start_of_application(current_candidate().id, opening, clock.now())
    if existing is not None:
        return redirect(url_for("applications.step", application_id=existing.id, number=2))
    if reason:
        return render_template("refused.html", title="Candidature impossible", message=reason), 409
    return None


@bp.route("/nouvelle", methods=["GET", "POST"])
@login_required
@implements("REQ-SUB-04", "REQ-DRA-05")
def new() -> Any:
    source = request.form if request.method == "POST" else request.args
    opening = _opening_from(source.get("emploi"))
    if opening is not None and (refusal := refusal_for(opening)) is not None:
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


def current_flow() -> dict[str, Any] | None:
    """What step 1 answered, or None when the person has not answered the question yet."""
    flow = session.get(_FLOW_KEY)
    if not flow or flow.get("origin") not in messages.ORIGINS:
        return None
    return flow


def flow_opening(flow: dict[str, Any]) -> JobOpening | None:
    return _opening_from(str(flow["opening"]) if flow.get("opening") else None)


def _chosen_template(previous: list[Application], value: str | None) -> Application | None:
    """The model the person picked with the look-up, else the most recently created application."""
    if value:
        if not re.fullmatch(r"[0-9]{1,18}", value):
            abort(404)
        return own_application_or_404(int(value))
    return previous[0] if previous else None


def flow_in_progress() -> tuple[dict[str, Any], JobOpening | None]:
    """The step-1 flow under way and its opening; without one, back to its start; for an opening that
    refuses this candidate, that refusal (both end the request)."""
    flow = current_flow()
    if flow is None:
        abort(redirect(url_for("applications.new")))
    opening = flow_opening(flow)
    if opening is not None and (refusal := refusal_for(opening)) is not None:
        abort(make_response(refusal))
    return flow, opening


@bp.route("/nouvelle/options", methods=["GET", "POST"])
@login_required
@implements("REQ-DRA-05", "REQ-DRA-06", "REQ-DRA-07", "REQ-SUB-05")
def new_options() -> Any:
    flow, opening = flow_in_progress()
    previous = drafts.previous_applications(current_candidate().id)
    errors: dict[str, str] = {}
    picked = request.args.get("modele")
    choice = request.form.get("choice", "reuse" if picked else "")
    template = _chosen_template(previous, request.form.get("template") or picked)
    if request.method == "POST":
        if choice not in CHOICES or (choice == "reuse" and template is None):
            errors["choice"] = messages.field_error(CHOICE_LEGEND, "choisissez l'une des options proposées.")
        elif choice == "upload":
            return redirect(url_for("applications.upload_offline_form"), 303)
        else:
            return create_application(opening, flow["origin"], template if choice == "reuse" else None)
    page = render_template(
        "applications/options.html",
        opening=opening,
        previous=previous,
        template=template,
        choices=CHOICES,
        legend=CHOICE_LEGEND,
        lookup_label=LOOKUP_LABEL,
        choice=choice,
        errors=errors,
    )
    return page, (422 if errors else 200)


@bp.get("/nouvelle/modeles")
@login_required
@implements("REQ-DRA-07")
def choose_template() -> Any:
    """The look-up behind the 🔍 icon: every previous application, each with a « Choisir » link."""
    flow = current_flow()
    if flow is None:
        return redirect(url_for("applications.new"))
    return render_template(
        "applications/lookup.html",
        opening=flow_opening(flow),
        previous=drafts.previous_applications(current_candidate().id),
        lookup_label=LOOKUP_LABEL,
    )


def create_application(
    opening: JobOpening | None,
    origin: str,
    template: Application | None = None,
    values: dict[str, dict[str, object]] | None = None,
) -> Any:
    """Stores the new draft (from a model, from the offline form's values, or blank) and opens step 2."""
    session_db = db.session()
    application = drafts.new_draft(current_candidate().id, opening, origin, clock.now(), template, values)
    session_db.add(application)
    try:
        session_db.commit()
    except IntegrityError:  # the same candidate applied to this opening from another tab meanwhile
        session_db.rollback()
        existing = opening_rules.existing_application(current_candidate().id, opening.job_id)
        return redirect(url_for("applications.step", application_id=existing.id, number=2))
    session.pop(_FLOW_KEY, None)
    return redirect(url_for("applications.step", application_id=application.id, number=2))

