"""« Mon Profil »: three tabs, each saved on its own, and the completion status « N% Complet »."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from flask import Blueprint, flash, redirect, render_template, request, url_for

from reference_portal import db, messages, variant
from reference_portal.forms import Field, validate
from reference_portal.models import Profile
from reference_portal.rules import implements
from reference_portal.rules import profile as profile_rules
from reference_portal.rules.profile import TABS, Tab, completion
from reference_portal.security import current_candidate, login_required

bp = Blueprint("profile", __name__, url_prefix="/profil")

# alt words some fields of « Coordonnées » otherwise (the guide names the tabs, not their fields).
ALT_LABELS = {"phone": "Numéro de téléphone", "city": "Ville de résidence"}


def tab_fields(tab: Tab) -> tuple[Field, ...]:
    """The tab's fields as this variant labels them (the warning names each one as its page labels it)."""
    if not variant.is_alt():
        return tab.fields
    return tuple(replace(f, label=ALT_LABELS.get(f.name, f.label)) for f in tab.fields)


def profile_values(profile: Profile, tab: Tab) -> dict[str, str]:
    values = {}
    for f in tab.fields:
        value = getattr(profile, f.name)
        values[f.name] = "" if value is None else str(value)
    return values


@bp.get("")
@login_required
@implements("REQ-PRO-01")
def index() -> Any:
    return redirect(url_for("profile.contact"))


@implements("REQ-PRO-02", "REQ-PRO-03", "REQ-PRO-05", "REQ-PRO-06", "REQ-FAQ-10")
def _tab_view(tab: Tab) -> Any:
    candidate = current_candidate()
    profile = candidate.profile
    if profile is None:
        profile = candidate.profile = Profile()
        db.session().commit()
    if request.method == "GET":
        return _render(tab, profile, profile_values(profile, tab), {})
    result = validate(tab_fields(tab), request.form)
    errors = dict(result.errors)
    values = result.values
    if not errors and tab.slug == "coordonnees" and profile_rules.duplicate_candidate_exists(
        candidate, values["primary_email"], values["first_name"], values["last_name"]
    ):
        errors["_duplicate"] = messages.DUPLICATE_CANDIDATE
    if errors:
        return _render(tab, profile, result.raw, errors), 422
    for f in tab.fields:
        setattr(profile, f.name, values[f.name])
    db.session().commit()
    flash(messages.PROFILE_SAVED, "status")
    return redirect(url_for(tab.endpoint))


@implements("REQ-PRO-04")
def _render(tab: Tab, profile: Profile, raw: dict[str, str], errors: dict[str, str]) -> str:
    return render_template(
        "profile/tab.html", tabs=TABS, tab=tab, fields=tab_fields(tab), raw=raw, errors=errors,
        completion=completion(profile),
    )


@bp.route("/coordonnees", methods=["GET", "POST"])
@login_required
def contact() -> Any:
    return _tab_view(TABS[0])


@bp.route("/situation-de-famille", methods=["GET", "POST"])
@login_required
def family() -> Any:
    return _tab_view(TABS[1])


@bp.route("/nationalite-et-residence", methods=["GET", "POST"])
@login_required
def nationality() -> Any:
    return _tab_view(TABS[2])
