"""« Mon Profil »: three tabs, each saved on its own, and the completion status « N% Complet »."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from flask import Blueprint, flash, redirect, render_template, request, url_for
from sqlalchemy import func, select

from reference_portal import db, messages
from reference_portal.forms import Field, validate
from reference_portal.models import Candidate, Profile
from reference_portal.security import current_candidate, login_required

bp = Blueprint("profile", __name__, url_prefix="/profil")


@dataclass(frozen=True)
class Tab:
    endpoint: str
    slug: str
    name: str
    fields: tuple[Field, ...]


TABS = (
    Tab(
        "profile.contact",
        "coordonnees",
        "Coordonnées",
        (
            Field("first_name", "Prénom", required=True, max_length=100, autocomplete="given-name"),
            Field("last_name", "Nom", required=True, max_length=100, autocomplete="family-name"),
            Field("primary_email", "Adresse email principale", kind="email", required=True, max_length=254),
            Field("phone", "Téléphone", kind="tel", required=True, max_length=30, autocomplete="tel"),
            Field("address", "Adresse", required=True, autocomplete="street-address"),
            Field("city", "Ville", required=True, max_length=100),
            Field("country", "Pays", kind="select", required=True, choices=messages.COUNTRIES),
            Field("postal_code", "Code postal", max_length=20, autocomplete="postal-code"),
        ),
    ),
    Tab(
        "profile.family",
        "situation-de-famille",
        "Situation de famille",
        (
            Field("marital_status", "État civil", kind="select", required=True, choices=messages.MARITAL_STATUSES),
            Field("dependent_children", "Nombre d'enfants à charge", kind="integer", minimum=0, maximum=20),
        ),
    ),
    Tab(
        "profile.nationality",
        "nationalite-et-residence",
        "Nationalité et résidence",
        (
            Field("nationality", "Nationalité", kind="select", required=True, choices=messages.COUNTRIES),
            Field("residence_country", "Pays de résidence", kind="select", required=True, choices=messages.COUNTRIES),
            Field("other_nationality", "Autre nationalité", kind="select", choices=messages.COUNTRIES),
        ),
    ),
)
REQUIRED_PROFILE_FIELDS = tuple(f for tab in TABS for f in tab.fields if f.required)


def completion(profile: Profile | None) -> int:
    """Percentage (rounded down) of the mandatory fields of the three tabs that are filled."""
    if profile is None:
        return 0
    filled = sum(1 for f in REQUIRED_PROFILE_FIELDS if getattr(profile, f.name) not in (None, ""))
    return filled * 100 // len(REQUIRED_PROFILE_FIELDS)


def duplicate_candidate_exists(candidate: Candidate, email: str, first_name: str, last_name: str) -> bool:
    """Another candidate already uses this primary e-mail under the same name (case-insensitive)."""
    query = (
        select(Profile.id)
        .where(Profile.candidate_id != candidate.id)
        .where(func.lower(Profile.primary_email) == email.lower())
        .where(func.lower(Profile.first_name) == first_name.lower())
        .where(func.lower(Profile.last_name) == last_name.lower())
    )
    return db.session().execute(query).first() is not None


def profile_values(profile: Profile, tab: Tab) -> dict[str, str]:
    values = {}
    for f in tab.fields:
        value = getattr(profile, f.name)
        values[f.name] = "" if value is None else str(value)
    return values


@bp.get("")
@login_required
def index() -> Any:
    return redirect(url_for("profile.contact"))


def _tab_view(tab: Tab) -> Any:
    candidate = current_candidate()
    profile = candidate.profile
    if profile is None:
        profile = candidate.profile = Profile()
        db.session().commit()
    if request.method == "GET":
        return _render(tab, profile, profile_values(profile, tab), {})
    result = validate(tab.fields, request.form)
    errors = dict(result.errors)
    values = result.values
    if not errors and tab.slug == "coordonnees" and duplicate_candidate_exists(
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


def _render(tab: Tab, profile: Profile, raw: dict[str, str], errors: dict[str, str]) -> str:
    return render_template(
        "profile/tab.html", tabs=TABS, tab=tab, raw=raw, errors=errors, completion=completion(profile)
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
