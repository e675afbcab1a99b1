"""Look-up fields (the 🔍 icon next to a field) and their lists: institutions and countries.

A look-up field only takes a value of its list. The icon saves the section and opens a look-up page
(basic search, and « Consultation Avancée »: « Long Description » with « commence par », « contient » or
« est égal à »); choosing a row stores the value and returns to the section. A typed value that is not in
the list is not stored: « Enregistrer » saves the rest of the section and warns, naming the field.

The institutions list is reference data, not the portal's data: it lives in its own tables (a separate
metadata, so the control API's reset leaves it alone) and is loaded from ``data/institutions.csv``.
Searches run in SQL on an indexed, accent- and case-free copy of the name, with a LIMIT.
"""

from __future__ import annotations

import csv
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from flask import Blueprint, Flask, abort, redirect, render_template, request, url_for
from sqlalchemy import String, delete, func, insert, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column

from reference_portal import db, messages
from reference_portal.forms import Field, FormResult
from reference_portal.security import login_required

DATA_FILE = Path(__file__).parent / "data" / "institutions.csv"
OTHER_INSTITUTION = "Other/I cannot find my school"
PAGE_SIZE = 50
SUGGESTIONS = 25  # how many values the text box suggests as one types (a <datalist>)
OPERATORS = {"commence par": "starts", "contient": "contains", "est égal à": "equals"}
CRITERION = "Long Description"


class ReferenceBase(DeclarativeBase):
    pass


class Institution(ReferenceBase):
    __tablename__ = "institutions"

    id: Mapped[str] = mapped_column(String(12), primary_key=True)  # IAU-012345
    name: Mapped[str] = mapped_column(String(200), unique=True)
    search_name: Mapped[str] = mapped_column(String(200), index=True)  # normalized: no accents, lower case
    country: Mapped[str] = mapped_column(String(100))


@dataclass(frozen=True)
class Choice:
    id: str
    name: str
    country: str = ""


def normalize(text: str) -> str:
    """« École d'Abidjan » → « ecole d'abidjan »: what searches compare."""
    decomposed = unicodedata.normalize("NFKD", text)
    return " ".join("".join(ch for ch in decomposed if not unicodedata.combining(ch)).casefold().split())


def _escape_like(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


class InstitutionList:
    key = "institutions"
    has_country = True

    def search(self, operator: str, text: str, limit: int = PAGE_SIZE) -> tuple[list[Choice], int]:
        wanted = normalize(text)
        if not wanted:
            condition = Institution.id.is_not(None)
        elif operator == "equals":
            condition = Institution.search_name == wanted
        elif operator == "contains":
            condition = Institution.search_name.like(f"%{_escape_like(wanted)}%", escape="\\")
        else:
            condition = Institution.search_name.like(f"{_escape_like(wanted)}%", escape="\\")
        session = db.session()
        total = session.execute(select(func.count()).select_from(Institution).where(condition)).scalar_one()
        rows = session.execute(select(Institution).where(condition).order_by(Institution.name).limit(limit)).scalars()
        return [Choice(r.id, r.name, r.country) for r in rows], total

    def get(self, choice_id: str) -> Choice | None:
        row = db.session().get(Institution, choice_id)
        return None if row is None else Choice(row.id, row.name, row.country)

    def resolve(self, value: str) -> Choice | None:
        """The list's entry a typed value names (accents and case aside), or None when it names none."""
        rows = db.session().execute(
            select(Institution).where(Institution.search_name == normalize(value)).limit(2)
        ).scalars().all()
        return Choice(rows[0].id, rows[0].name, rows[0].country) if len(rows) == 1 else None

    def suggestions(self) -> list[str]:
        names = db.session().execute(select(Institution.name).order_by(Institution.name).limit(SUGGESTIONS - 1))
        return [OTHER_INSTITUTION, *(n for n in names.scalars() if n != OTHER_INSTITUTION)]


class CountryList:
    """The portal's country list (a few dozen entries, held in memory)."""

    key = "countries"
    has_country = False

    def _all(self) -> list[Choice]:
        return [Choice(name, name) for name in messages.COUNTRIES]

    def search(self, operator: str, text: str, limit: int = PAGE_SIZE) -> tuple[list[Choice], int]:
        wanted = normalize(text)
        test = {
            "equals": lambda name: name == wanted,
            "contains": lambda name: wanted in name,
        }.get(operator, lambda name: name.startswith(wanted))
        found = [c for c in self._all() if test(normalize(c.name))]
        return found[:limit], len(found)

    def get(self, choice_id: str) -> Choice | None:
        return next((c for c in self._all() if c.id == choice_id), None)

    def resolve(self, value: str) -> Choice | None:
        return next((c for c in self._all() if normalize(c.name) == normalize(value)), None)

    def suggestions(self) -> list[str]:
        return list(messages.COUNTRIES)


LISTS: dict[str, InstitutionList | CountryList] = {"institutions": InstitutionList(), "countries": CountryList()}


def check_lookups(fields: tuple[Field, ...], result: FormResult) -> None:
    """Turns each look-up value that names no entry of its list into a warning; well-named ones take the
    list's spelling. The warned value is not stored (the typing stays on the page)."""
    for f in fields:
        if f.kind != "lookup" or f.name in result.errors or not result.values.get(f.name):
            continue
        choice = LISTS[f.lookup].resolve(str(result.values[f.name]))
        if choice is None:
            result.errors[f.name] = messages.lookup_warning(f.label)
            result.values[f.name] = None
        else:
            result.values[f.name] = choice.name


def _load(engine: Any) -> None:
    ReferenceBase.metadata.create_all(engine)
    with DATA_FILE.open(encoding="utf-8", newline="") as source:
        rows = [
            {"id": r["id"], "name": r["name"], "search_name": normalize(r["name"]), "country": r["country"]}
            for r in csv.DictReader(source)
        ]
    with Session(engine) as session:
        if session.execute(select(func.count()).select_from(Institution)).scalar_one() == len(rows):
            return
        try:
            session.execute(delete(Institution))
            session.execute(insert(Institution), rows)
            session.commit()
        except IntegrityError:  # another process loaded it at the same moment
            session.rollback()


bp = Blueprint("lookups", __name__, url_prefix="/candidatures")


def init_app(app: Flask) -> None:
    with app.app_context():
        _load(db.engine())
    app.jinja_env.globals["lookup_suggestions"] = lambda key: LISTS[key].suggestions()
    app.register_blueprint(bp)


def _lookup_field(name: str) -> tuple[Any, Field]:
    from reference_portal.applications import sections

    for section in sections.SECTIONS:
        for f in section.fields:
            if f.name == name and f.kind == "lookup":
                return section, f
    abort(404)


def lookup_url(application_id: int, field_name: str, text: str = "") -> str:
    return url_for("lookups.lookup", application_id=application_id, field_name=field_name, q=text or None)


@bp.route("/<int:application_id>/recherche/<field_name>", methods=["GET", "POST"])
@login_required
def lookup(application_id: int, field_name: str) -> Any:
    # Imported here: the application steps import this module to check look-up values.
    from reference_portal.applications import own_application_or_404, sections
    from reference_portal.applications.steps import refuse_if_not_draft, step_url

    application = own_application_or_404(application_id)
    section, f = _lookup_field(field_name)
    values = LISTS[f.lookup]
    if (refusal := refuse_if_not_draft(application)) is not None:
        return refusal
    if request.method == "POST":
        choice = values.get(request.form.get("choice", ""))
        if choice is None:
            abort(400)
        sections.store(section, application, {f.name: choice.name})
        db.session().commit()
        return redirect(step_url(application, section) + f"#{f.name}", 303)
    advanced = request.args.get("avance") == "1"
    operator_label = request.args.get("op", "contient" if advanced else "commence par")
    operator = OPERATORS.get(operator_label)
    if operator is None:
        abort(400)
    text = (request.args.get("q") or "").strip()[:200]
    searched = "q" in request.args or not advanced
    found, total = values.search(operator, text) if searched else ([], 0)
    return render_template(
        "lookups/lookup.html",
        application=application,
        section=section,
        field=f,
        values=values,
        advanced=advanced,
        operators=OPERATORS,
        operator_label=operator_label,
        criterion=CRITERION,
        text=text,
        searched=searched,
        found=found,
        total=total,
        page_size=PAGE_SIZE,
        back_url=step_url(application, section),
    )
