"""Saved searches and job alerts (section 5 of the guide): the pages.

« Enregistrer recherche » on « Rech. Emplois » stores the search's criteria under a name; ticked « Utiliser
comme Alerte emploi », it also mails each newly published opening that matches to the chosen address. The
limit, the validity and the alerts themselves are the rules of ``rules.alerts``.
"""

from __future__ import annotations

from typing import Any

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for

from reference_portal import clock, db, messages
from reference_portal.forms import Field, validate
from reference_portal.models import SavedSearch
from reference_portal.rules import alerts as alert_rules
from reference_portal.rules import implements
from reference_portal.rules import search as search_rules
from reference_portal.rules.search import SearchCriteria
from reference_portal.security import current_candidate, login_required

bp = Blueprint("alerts", __name__, url_prefix="/emplois/recherches-enregistrees")

ALERT_CHECKBOX = "Utiliser comme Alerte emploi"
NAME_FIELD = Field("name", "Nom de la recherche", required=True, max_length=100)
EMAIL_FIELD = Field("alert_email", "Envoyer une notification Alerte emploi à :", kind="email", max_length=254)


@bp.get("")
@login_required
@implements("REQ-ALR-05")
def index() -> Any:
    candidate = current_candidate()
    now = clock.now()
    rows = [
        (s, alert_rules.criteria_of(s), alert_rules.is_valid(s, now)) for s in alert_rules.saved_searches(candidate.id)
    ]
    return render_template("alerts/index.html", rows=rows, limit=alert_rules.MAX_SAVED_SEARCHES)


@bp.route("/nouvelle", methods=["GET", "POST"])
@login_required
@implements("REQ-ALR-02", "REQ-ALR-03", "REQ-ALR-04")
def new() -> Any:
    candidate = current_candidate()
    source = request.form if request.method == "POST" else request.args
    criteria = SearchCriteria.from_mapping(source)
    if request.method == "GET":
        raw = {"name": "", "alert_email": alert_rules.default_alert_email(candidate)}
        return _render_form(criteria, raw, alert=False, errors={})
    alert = request.form.get("alert") == "yes"
    result = validate((NAME_FIELD, EMAIL_FIELD), request.form)
    errors = dict(result.errors)
    if alert and not result.values.get("alert_email") and "alert_email" not in errors:
        errors["alert_email"] = messages.field_error(EMAIL_FIELD.label, messages.ALERT_EMAIL_REQUIRED)
    if not errors and not alert_rules.claim_room_for_one_more(candidate.id):
        db.session().rollback()
        errors["_limit"] = messages.SAVED_SEARCH_LIMIT.format(limit=alert_rules.MAX_SAVED_SEARCHES)
    if errors:
        status = 409 if "_limit" in errors else 422
        return _render_form(criteria, result.raw, alert=alert, errors=errors), status
    saved = alert_rules.new_saved_search(
        candidate.id,
        str(result.values["name"]),
        criteria,
        str(result.values["alert_email"]) if alert else None,
        clock.now(),
    )
    db.session().add(saved)
    db.session().commit()
    flash(messages.SAVED_SEARCH_SAVED.format(name=saved.name, until=clock.format_date(saved.expires_at)), "status")
    return redirect(url_for("alerts.index"))


def _render_form(criteria: SearchCriteria, raw: dict[str, str], alert: bool, errors: dict[str, str]) -> str:
    return render_template(
        "alerts/new.html",
        criteria=criteria,
        periods=search_rules.PERIODS,
        fields=(NAME_FIELD, EMAIL_FIELD),
        name_field=NAME_FIELD,
        email_field=EMAIL_FIELD,
        checkbox_label=ALERT_CHECKBOX,
        raw=raw,
        alert=alert,
        errors=errors,
        count=alert_rules.saved_count(current_candidate().id),
        limit=alert_rules.MAX_SAVED_SEARCHES,
    )


@bp.post("/<int:search_id>/supprimer")
@login_required
def delete(search_id: int) -> Any:
    saved = db.session().get(SavedSearch, search_id)
    if saved is None or saved.candidate_id != current_candidate().id:
        abort(404)
    name = saved.name
    db.session().delete(saved)
    db.session().commit()
    flash(messages.SAVED_SEARCH_DELETED.format(name=name), "status")
    return redirect(url_for("alerts.index"))
