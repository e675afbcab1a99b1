"""Declarative form fields, their server-side validation, and what the templates need to render them.

A field knows its label, its kind and whether it is mandatory. The same declarations render the page (the
`required` attribute, the visible asterisk), validate what comes back, and count towards « N% Complet »
and the submit rule, so the page and the rules cannot drift apart.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from reference_portal import messages

EMAIL_RE = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s.]{2,}$")
PHONE_RE = re.compile(r"^\+?[0-9 ().-]{6,25}$")
# Control characters other than tab and line breaks: invisible, never meant, and PostgreSQL refuses NUL.
CONTROL_RE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
MONTH_YEAR_RE = re.compile(r"^(\d{2})/(\d{4})$")
YEAR_RE = re.compile(r"^\d{4}$")


@dataclass(frozen=True)
class Field:
    name: str
    label: str
    kind: str = "text"  # text, textarea, email, tel, password, select, integer, year, month_year, date_fr, lookup
    required: bool = False
    choices: tuple[str, ...] = ()
    placeholder: str | None = None
    max_length: int = 200
    minimum: int | None = None
    maximum: int | None = None
    autocomplete: str | None = None
    empty_choice: str = messages.EMPTY_CHOICE
    lookup: str | None = None  # kind "lookup": the list (rules.lookups.LISTS) its value must come from

    @property
    def input_type(self) -> str:
        return {"email": "email", "tel": "tel", "password": "password", "integer": "number"}.get(self.kind, "text")


@dataclass
class FormResult:
    """What a submitted form gave: the typing as it was, the cleaned values, the errors by field name."""

    raw: dict[str, str] = field(default_factory=dict)
    values: dict[str, object] = field(default_factory=dict)
    errors: dict[str, str] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return not self.errors


def validate(
    fields: Iterable[Field],
    formdata: Mapping[str, str],
    *,
    enforce_required: bool = True,
    current_year: int | None = None,
) -> FormResult:
    """Check every field; with ``enforce_required=False`` (drafts) a blank mandatory field is accepted."""
    result = FormResult()
    for f in fields:
        raw = (formdata.get(f.name) or "").strip()
        result.raw[f.name] = raw
        if not raw:
            result.values[f.name] = None
            if f.required and enforce_required:
                result.errors[f.name] = messages.field_error(f.label, messages.REQUIRED_HINT)
            continue
        value, problem = _clean(f, raw, current_year)
        if problem:
            result.errors[f.name] = messages.field_error(f.label, problem)
        else:
            result.values[f.name] = value
    return result


def _clean(f: Field, raw: str, current_year: int | None) -> tuple[object, str | None]:
    if len(raw) > f.max_length:
        return None, messages.too_long(f.max_length)
    if CONTROL_RE.search(raw):
        return None, messages.CONTROL_CHARACTER_HINT
    if f.kind != "textarea" and ("\n" in raw or "\r" in raw):  # a one-line field (a mail header, a name…)
        return None, messages.LINE_BREAK_HINT
    if f.kind == "select":
        return (raw, None) if raw in f.choices else (None, messages.CHOICE_HINT)
    if f.kind == "email":
        return (raw, None) if EMAIL_RE.match(raw) else (None, messages.EMAIL_HINT)
    if f.kind == "tel":
        digits = sum(ch.isdigit() for ch in raw)
        return (raw, None) if PHONE_RE.match(raw) and digits >= 6 else (None, messages.PHONE_HINT)
    if f.kind == "integer":
        if not re.fullmatch(r"\d{1,4}", raw) or not _within(int(raw), f.minimum, f.maximum):
            return None, messages.integer_hint(f.minimum, f.maximum)
        return int(raw), None
    if f.kind == "year":
        top = current_year if current_year is not None else f.maximum
        if not YEAR_RE.match(raw) or not _within(int(raw), f.minimum, top):
            return None, messages.year_hint(f.minimum, top)
        return int(raw), None
    if f.kind == "month_year":
        match = MONTH_YEAR_RE.match(raw)
        top = current_year if current_year is not None else 9999
        if not match or not 1 <= int(match[1]) <= 12 or not _within(int(match[2]), 1950, top):
            return None, messages.MONTH_YEAR_HINT
        return raw, None
    return raw, None


def _within(value: int, low: int | None, high: int | None) -> bool:
    return (low is None or value >= low) and (high is None or value <= high)


def required_fields(fields: Iterable[Field]) -> list[Field]:
    return [f for f in fields if f.required]
