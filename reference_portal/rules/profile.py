"""« Mon Profil » (guide 2): its three tabs, when it is « 100% Complet », and who else may not use its address."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, select

from reference_portal import db, messages
from reference_portal.forms import Field
from reference_portal.models import Candidate, Profile
from reference_portal.rules import implements


@dataclass(frozen=True)
class Tab:
    endpoint: str
    slug: str
    name: str
    fields: tuple[Field, ...]


# The three tabs of « Mon Profil » in the guide's order, and their fields (the mandatory ones make « 100% Complet »).
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


@implements("REQ-PRO-04")
def completion(profile: Profile | None) -> int:
    """Percentage (rounded down) of the mandatory fields of the three tabs that are filled."""
    if profile is None:
        return 0
    filled = sum(1 for f in REQUIRED_PROFILE_FIELDS if getattr(profile, f.name) not in (None, ""))
    return filled * 100 // len(REQUIRED_PROFILE_FIELDS)


@implements("REQ-PRO-06")
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
