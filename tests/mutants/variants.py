"""The defect matrix: deliberately broken variants of the reference portal, each one defect a real portal
could ship, with the requirement a conforming harness must name when it meets it.

A variant is made here, in the tests — a configuration, a patched function, an overridden template or
message — and never by a flag that ships in the portal. ``serve_variant.py`` applies one and serves.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date


@dataclass(frozen=True)
class Variant:
    name: str
    kind: str  # wording, flow, rule, time, mail, security
    defect: str
    requirement: str  # the requirement the run must report failed
    select: str  # pytest -k expression: only the scenarios that matter to this defect
    patch: Callable[[], None] = lambda: None
    serve_args: tuple[str, ...] = ()
    templates: dict[str, tuple[tuple[str, str], ...]] = field(default_factory=dict)


def _set_message(name: str, value: str) -> Callable[[], None]:
    def patch() -> None:
        from reference_portal import messages

        setattr(messages, name, value)

    return patch


def _leap_day_always_accepted() -> None:
    """Forgets the leap-year rule: 29/02 of any year is taken (as the 28th)."""
    from reference_portal import auth

    original = auth.parse_date_of_birth

    def parse(raw, today):
        if raw[:6] == "29/02/" and raw[6:].isdigit():
            return date(int(raw[6:]), 2, 28), None
        return original(raw, today)

    auth.parse_date_of_birth = parse


VARIANTS: list[Variant] = [
    Variant(
        "postuler-renamed", "wording", "the opening's « Postuler » button reads « Candidater »",
        "REQ-SUB-03", "Parcours",
        templates={"jobs/opening.html": (('<button type="submit">Postuler</button>',
                                          '<button type="submit">Candidater</button>'),)},
    ),
    Variant(
        "draft-saved-reworded", "wording",
        "« Enregistrer » confirms with « Brouillon sauvegardé » instead of the guide's message",
        "REQ-DRA-03", "Brouillon", patch=_set_message("DRAFT_SAVED", "Brouillon sauvegardé"),
    ),
    Variant(
        "timeout-25-minutes", "time", "sessions end after 25 minutes of inactivity, not 20",
        "REQ-SES-01", "session", serve_args=("--session-timeout", "1500"),
    ),
    Variant(
        "no-timeout", "time", "sessions never expire",
        "REQ-SES-01", "session", serve_args=("--session-timeout", str(10 * 365 * 24 * 3600)),
    ),
    Variant(
        "leap-day-any-year", "rule", "29/02 accepted as a date of birth in a common year",
        "REQ-REG-03", "saisie or bissextiles", patch=_leap_day_always_accepted,
    ),
]


def by_name(name: str) -> Variant:
    for variant in VARIANTS:
        if variant.name == name:
            return variant
    raise KeyError(name)
