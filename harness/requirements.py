"""The requirement catalogue: every testable statement of the guide, with a stable ID.

The catalogue is data (``features/requirements.csv``); scenarios carry only the IDs as tags.
Coverage is computed from the two, never kept by hand.

Each requirement says its basis: ``guide`` when the guide fixes it (a quoted label, message, status, order
or rule), ``reading`` when it is this project's reading of something the guide leaves open (the statement
then says the reading). A reading is never MUST: it is SHOULD, or the portal's profile declares its own
choice and the requirement, checking that declared choice, rests on the guide again.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from pathlib import Path

from harness.paths import FEATURES_DIR

CATALOGUE_PATH = FEATURES_DIR / "requirements.csv"
REQUIREMENT_TAG = re.compile(r"^REQ-[A-Z][A-Z0-9]{2,3}-\d{2}$")
LEVELS = ("MUST", "SHOULD")
BASES = ("guide", "reading")
COLUMNS = ("id", "location", "level", "basis", "statement")


class CatalogueError(ValueError):
    """The catalogue file is malformed; the message names the line and the problem."""


@dataclass(frozen=True)
class Requirement:
    id: str
    location: str
    level: str
    statement: str
    basis: str = "guide"

    @property
    def section(self) -> str:
        """The guide's section number, e.g. "4" for location "4.ix"."""
        return self.location.split(".", 1)[0]


def load_catalogue(path: Path = CATALOGUE_PATH) -> dict[str, Requirement]:
    """Read the catalogue, refusing duplicates, unknown levels and malformed IDs."""
    requirements: dict[str, Requirement] = {}
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        missing = [c for c in COLUMNS if c not in (reader.fieldnames or [])]
        if missing:
            raise CatalogueError(f"{path}: missing column(s) {', '.join(missing)}")
        for line_no, row in enumerate(reader, start=2):
            where = f"{path}:{line_no}"
            if None in row or any(row[c] is None for c in COLUMNS):
                raise CatalogueError(f"{where}: expected {len(COLUMNS)} values ({', '.join(COLUMNS)})")
            req = Requirement(**{c: row[c].strip() for c in COLUMNS})
            if not REQUIREMENT_TAG.match(req.id):
                raise CatalogueError(f"{where}: ID {req.id!r} is not of the form REQ-ABC-01")
            if req.level not in LEVELS:
                raise CatalogueError(f"{where}: level {req.level!r} must be MUST or SHOULD")
            if req.basis not in BASES:
                raise CatalogueError(
                    f"{where}: basis {req.basis!r} of {req.id} must be guide (the guide fixes it) or reading "
                    "(this project's reading of what the guide leaves open)"
                )
            if req.id in requirements:
                raise CatalogueError(f"{where}: ID {req.id} is listed twice")
            if not req.location or not req.statement:
                raise CatalogueError(f"{where}: location and statement are required")
            requirements[req.id] = req
    return requirements


def requirement_ids(tags: set[str] | list[str]) -> list[str]:
    """The requirement IDs among a scenario's tags, sorted."""
    return sorted(t for t in tags if t.startswith("REQ-"))
