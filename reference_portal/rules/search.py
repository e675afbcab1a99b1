"""Searching the published openings (« Rech. Emplois », guide 4.ii-iii and 5.iii), for the search page and for
saved searches and job alerts alike.

An opening's searched words are kept in ``OpeningWord`` (written with the opening, in its transaction), so a
search reads only the rows of the page it shows, whatever the size of the catalogue.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import Select, delete, event, exists, func, insert, select
from sqlalchemy.orm import aliased

from reference_portal import db
from reference_portal.i18n import gettext as _
from reference_portal.models import WORD_MAX, JobOpening, OpeningWord
from reference_portal.rules import implements

PAGE_SIZE = 50
COUNT_CAP = 1000  # results counted at most; past it the page says « more than 1000 »
# « Rech. offres publiées sous »: key in the URL → (the choice a person reads, the window in days or None).
PERIODS = {"tout": ("Tt moment", None), "7": ("7 derniers jours", 7), "30": ("30 derniers jours", 30)}
DEFAULT_PERIOD = "tout"


@dataclass(frozen=True)
class SearchCriteria:
    """The search parameters of « Rech. Emplois », as typed in the form and as stored in a saved search."""

    keywords: str = ""
    period: str = DEFAULT_PERIOD

    @classmethod
    def from_mapping(cls, values: Mapping[str, Any]) -> SearchCriteria:
        keywords = " ".join(str(values.get("mots_cles") or "").split())[:200]
        period = str(values.get("periode") or DEFAULT_PERIOD)
        return cls(keywords, period if period in PERIODS else DEFAULT_PERIOD)

    def as_args(self) -> dict[str, str]:
        return {"mots_cles": self.keywords, "periode": self.period}

    def describe(self) -> str:
        """The criteria in words, in the portal's language."""
        everything = _("tous les appels à candidature")
        words = _("« {keywords} »").format(keywords=self.keywords) if self.keywords else everything
        period = _(PERIODS[self.period][0])
        return _("Mots clés : {words} ; Rech. offres publiées sous : {period}").format(words=words, period=period)

    def words(self) -> list[str]:
        """The words searched for, folded as the index folds them, each once."""
        return list(dict.fromkeys(words_of(self.keywords)))

    @implements("REQ-ALR-01", "REQ-ALR-08")
    def _within_period(self, column: Any, now: datetime) -> list[Any]:
        conditions = [column <= now]
        days = PERIODS[self.period][1]
        if days is not None:
            conditions.append(column >= now - timedelta(days=days))
        return conditions

    @implements("REQ-SUB-02")
    def matching_ids(self, now: datetime) -> Select:
        """The IDs of the published openings that match, newest first.

        With words, the query walks the index of the rarest word in posting order and checks the others by
        key, so a page costs about the rows it shows (and a count up to COUNT_CAP rows), not the catalogue."""
        words = self.words()
        if not words:
            return (
                select(JobOpening.job_id)
                .where(*self._within_period(JobOpening.posted_at, now))
                .order_by(JobOpening.posted_at.desc(), JobOpening.job_id.desc())
            )
        rarest, *others = sorted(words, key=_word_frequency) if len(words) > 1 else words
        driver = aliased(OpeningWord)
        query = select(driver.job_id).where(driver.word == rarest, *self._within_period(driver.posted_at, now))
        for word in others:
            other = aliased(OpeningWord)
            # The whole primary key of the other word's row: one look-up (an opening's rows share its date).
            same_row = (other.word == word, other.posted_at == driver.posted_at, other.job_id == driver.job_id)
            query = query.where(exists().where(*same_row))
        return query.order_by(driver.posted_at.desc(), driver.job_id.desc())

    @implements("REQ-ALR-06")
    def matches(self, opening: JobOpening, now: datetime) -> bool:
        """The same rule as ``matching_ids``, for one opening (used when an opening is published)."""
        if opening.posted_at > now:
            return False
        days = PERIODS[self.period][1]
        if days is not None and opening.posted_at < now - timedelta(days=days):
            return False
        return set(self.words()) <= set(words_of(searchable_text(opening)))


_SEARCHED_COLUMNS = (JobOpening.title, JobOpening.number, JobOpening.job_family, JobOpening.duty_station)
_WORD = re.compile(r"\w+")


def words_of(text: str) -> list[str]:
    """The words of a text, as searched: case-folded, accents dropped (« Économiste » is found by « economiste »),
    split at anything not a letter or digit (« Addis-Abeba », « l'informatique », an opening's number)."""
    folded = "".join(c for c in unicodedata.normalize("NFKD", text.casefold()) if not unicodedata.combining(c))
    return [word[:WORD_MAX] for word in _WORD.findall(folded)]


def searchable_text(opening: JobOpening | Mapping[str, Any]) -> str:
    """The searched columns of an opening (an object or a row's values), one per line."""
    if isinstance(opening, Mapping):
        values = (opening.get(column.key) for column in _SEARCHED_COLUMNS)
    else:
        values = (getattr(opening, column.key) for column in _SEARCHED_COLUMNS)
    return "\n".join(str(value or "") for value in values)


def word_rows(opening: JobOpening | Mapping[str, Any]) -> list[dict[str, Any]]:
    """The opening's rows in the word index (also used to seed a catalogue in bulk)."""
    values = opening if isinstance(opening, Mapping) else {"job_id": opening.job_id, "posted_at": opening.posted_at}
    job_id, posted_at = values["job_id"], values["posted_at"]
    words = dict.fromkeys(words_of(searchable_text(opening)))
    return [{"word": word, "posted_at": posted_at, "job_id": job_id} for word in words]


@event.listens_for(JobOpening, "after_insert")
@event.listens_for(JobOpening, "after_update")
def _index_words(mapper: Any, connection: Any, opening: JobOpening) -> None:
    """Rewrites the opening's words in the same transaction as the opening (a title edited, a publication)."""
    connection.execute(delete(OpeningWord).where(OpeningWord.job_id == opening.job_id))
    connection.execute(insert(OpeningWord), word_rows(opening))


def _word_frequency(word: str) -> int:
    """How many openings hold the word, counted up to COUNT_CAP: enough to pick the rarest word to walk."""
    return capped_count(select(OpeningWord.job_id).where(OpeningWord.word == word))


def capped_count(query: Select) -> int:
    """The rows ``query`` selects, counted up to COUNT_CAP + 1 (so "more than COUNT_CAP" can be told)."""
    capped = query.order_by(None).limit(COUNT_CAP + 1).subquery()
    return db.session().execute(select(func.count()).select_from(capped)).scalar_one()
