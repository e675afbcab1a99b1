"""Look-up fields (the 🔍 icon next to a field) and their lists: institutions and countries (guide 3.vii, 6.x).

A look-up field only takes a value of its list: a typed value that names no entry is not stored, and
« Enregistrer » warns, naming the field. The institutions list is reference data, not the portal's data: it lives
in its own tables (a separate metadata, so the control API's reset leaves it alone) and is loaded from
``data/institutions.csv``. Searches run in SQL on an indexed, accent- and case-free copy of the name, with a LIMIT.
"""

from __future__ import annotations

import csv
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import String, delete, func, insert, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column

from reference_portal import db, messages
from reference_portal.forms import Field, FormResult
from reference_portal.rules import implements

DATA_FILE = Path(__file__).parents[1] / "data" / "institutions.csv"
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

    @implements("REQ-EDU-02", "REQ-EDU-04")
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


@implements("REQ-LKP-01", "REQ-LKP-02", "REQ-EDU-03", "REQ-EDU-04")
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


def load(engine: Any) -> None:
    """Creates the reference tables and (re)loads the institutions from the data file when they differ."""
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
