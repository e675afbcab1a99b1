"""Saved searches and job alerts (section 5 of the guide).

« Enregistrer recherche » on « Rech. Emplois » stores the search's criteria under a name; ticked « Utiliser
comme Alerte emploi », it also mails each newly published opening that matches to the chosen address. A
candidate keeps at most five, each valid six months from the day it was saved (read from the portal clock).
"""

from __future__ import annotations

import calendar
import json
from datetime import datetime
from typing import Any

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from sqlalchemy import func, select, update

from reference_portal import clock, db, mail, messages, public_url
from reference_portal.forms import Field, validate
from reference_portal.jobs import PERIODS, SearchCriteria, refusal_reason
from reference_portal.models import Candidate, JobOpening, SavedSearch
from reference_portal.security import current_candidate, login_required

bp = Blueprint("alerts", __name__, url_prefix="/emplois/recherches-enregistrees")

MAX_SAVED_SEARCHES = 5
VALIDITY_MONTHS = 6
ALERT_CHECKBOX = "Utiliser comme Alerte emploi"
NAME_FIELD = Field("name", "Nom de la recherche", required=True, max_length=100)
EMAIL_FIELD = Field("alert_email", "Envoyer une notification Alerte emploi à :", kind="email", max_length=254)


def add_months(moment: datetime, months: int) -> datetime:
    """The same day and time ``months`` calendar months later (the month's last day when it is shorter)."""
    month_index = moment.month - 1 + months
    year, month = moment.year + month_index // 12, month_index % 12 + 1
    return moment.replace(year=year, month=month, day=min(moment.day, calendar.monthrange(year, month)[1]))


def is_valid(saved: SavedSearch, now: datetime) -> bool:
    return now < saved.expires_at


def criteria_of(saved: SavedSearch) -> SearchCriteria:
    return SearchCriteria.from_mapping(json.loads(saved.criteria))


def saved_searches(candidate_id: int) -> list[SavedSearch]:
    query = select(SavedSearch).where(SavedSearch.candidate_id == candidate_id).order_by(SavedSearch.id)
    return list(db.session().execute(query).scalars())


def saved_count(candidate_id: int) -> int:
    query = select(func.count()).select_from(SavedSearch).where(SavedSearch.candidate_id == candidate_id)
    return db.session().execute(query).scalar_one()


def default_alert_email(candidate: Candidate) -> str:
    profile_email = candidate.profile.primary_email if candidate.profile else None
    return profile_email or candidate.email


@bp.get("")
@login_required
def index() -> Any:
    candidate = current_candidate()
    now = clock.now()
    rows = [(s, criteria_of(s), is_valid(s, now)) for s in saved_searches(candidate.id)]
    return render_template("alerts/index.html", rows=rows, limit=MAX_SAVED_SEARCHES)


@bp.route("/nouvelle", methods=["GET", "POST"])
@login_required
def new() -> Any:
    candidate = current_candidate()
    source = request.form if request.method == "POST" else request.args
    criteria = SearchCriteria.from_mapping(source)
    if request.method == "GET":
        raw = {"name": "", "alert_email": default_alert_email(candidate)}
        return _render_form(criteria, raw, alert=False, errors={})
    alert = request.form.get("alert") == "yes"
    result = validate((NAME_FIELD, EMAIL_FIELD), request.form)
    errors = dict(result.errors)
    if alert and not result.values.get("alert_email") and "alert_email" not in errors:
        errors["alert_email"] = messages.field_error(EMAIL_FIELD.label, messages.ALERT_EMAIL_REQUIRED)
    if not errors:
        # Counted and inserted under a lock on the candidate's row (one conditional UPDATE: SQLite's write
        # lock, PostgreSQL's row lock), so parallel saves cannot all see room for one more.
        db.session().commit()
        db.session().execute(update(Candidate).where(Candidate.id == candidate.id).values(id=Candidate.id))
        if saved_count(candidate.id) >= MAX_SAVED_SEARCHES:
            db.session().rollback()
            errors["_limit"] = messages.SAVED_SEARCH_LIMIT.format(limit=MAX_SAVED_SEARCHES)
    if errors:
        status = 409 if "_limit" in errors else 422
        return _render_form(criteria, result.raw, alert=alert, errors=errors), status
    now = clock.now()
    saved = SavedSearch(
        candidate_id=candidate.id,
        name=str(result.values["name"]),
        criteria=json.dumps(criteria.as_args(), ensure_ascii=False),
        alert=alert,
        alert_email=result.values["alert_email"] if alert else None,
        created_at=now,
        expires_at=add_months(now, VALIDITY_MONTHS),
    )
    db.session().add(saved)
    db.session().commit()
    flash(messages.SAVED_SEARCH_SAVED.format(name=saved.name, until=clock.format_date(saved.expires_at)), "status")
    return redirect(url_for("alerts.index"))


def _render_form(criteria: SearchCriteria, raw: dict[str, str], alert: bool, errors: dict[str, str]) -> str:
    return render_template(
        "alerts/new.html",
        criteria=criteria,
        periods=PERIODS,
        fields=(NAME_FIELD, EMAIL_FIELD),
        name_field=NAME_FIELD,
        email_field=EMAIL_FIELD,
        checkbox_label=ALERT_CHECKBOX,
        raw=raw,
        alert=alert,
        errors=errors,
        count=saved_count(current_candidate().id),
        limit=MAX_SAVED_SEARCHES,
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


def send_job_alerts(opening: JobOpening) -> int:
    """Queue mail for every valid job alert whose criteria match this (just published) opening, in the
    caller's transaction (the outbox delivers it once committed, and again later if SMTP is down); returns
    how many were queued."""
    now = clock.now()
    if refusal_reason(opening, now) is not None:
        return 0
    query = select(SavedSearch).where(SavedSearch.alert.is_(True), SavedSearch.expires_at > now).order_by(
        SavedSearch.id
    )
    link = public_url("jobs.opening", job_id=opening.job_id)
    sent = 0
    for saved in db.session().execute(query).scalars():
        if not saved.alert_email or not is_valid(saved, now) or not criteria_of(saved).matches(opening, now):
            continue
        body = messages.job_alert_body(
            saved.name, opening.number, opening.title, clock.format_date(opening.deadline), link
        )
        mail.queue_mail(saved.alert_email, messages.job_alert_subject(opening.number), body)
        sent += 1
    return sent
