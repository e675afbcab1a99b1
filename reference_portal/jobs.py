"""« Rech. Emplois »: searching published openings, an opening's page, and « Postuler »."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

from flask import Blueprint, abort, redirect, render_template, request, url_for
from sqlalchemy import Select, delete, event, exists, func, insert, select
from sqlalchemy.orm import aliased

from reference_portal import clock, db, messages
from reference_portal.i18n import gettext as _
from reference_portal.models import WITHDRAWN, WORD_MAX, Application, JobOpening, OpeningWord, RosterMembership
from reference_portal.security import current_candidate, login_required

bp = Blueprint("jobs", __name__, url_prefix="/emplois")

PAGE_SIZE = 50
COUNT_CAP = 1000  # results counted at most; past it the page says « more than 1000 »
PERIODS = {"tout": ("Tt moment", None), "7": ("7 derniers jours", 7), "30": ("30 derniers jours", 30)}
DEFAULT_PERIOD = "tout"


def deadline_for(closing_date: date) -> datetime:
    """Applications close at 23:59, New York time, on the closing date (whatever the season's UTC offset)."""
    return datetime.combine(closing_date, time(23, 59), tzinfo=clock.NEW_YORK).astimezone(UTC)


def on_roster(candidate_id: int, opening: JobOpening) -> bool:
    """Whether the candidate is on a roster for the same job family and level as this opening."""
    query = select(RosterMembership.id).where(
        RosterMembership.candidate_id == candidate_id,
        RosterMembership.level == opening.level,
        RosterMembership.job_family == opening.job_family,
    )
    return db.session().execute(query).first() is not None


def refusal_reason(opening: JobOpening, now: datetime, candidate_id: int | None = None) -> str | None:
    """Why this opening does not accept applications now (from this candidate, when given), or None."""
    if opening.posted_at > now:
        return messages.OPENING_REFUSALS["not_published"]
    if opening.state != "open":
        return messages.OPENING_REFUSALS[opening.state]
    if now >= opening.deadline:
        return messages.OPENING_REFUSALS["deadline"]
    if candidate_id is not None and opening.opening_type == "roster" and not on_roster(candidate_id, opening):
        return messages.NOT_ON_ROSTER
    return None


def published_opening_or_404(job_id: int) -> JobOpening:
    opening = db.session().get(JobOpening, job_id)
    if opening is None or opening.posted_at > clock.now():
        abort(404)
    return opening


def existing_application(candidate_id: int, job_id: int) -> Application | None:
    query = select(Application).where(Application.candidate_id == candidate_id, Application.opening_id == job_id)
    return db.session().execute(query).scalar_one_or_none()


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

    def _within_period(self, column: Any, now: datetime) -> list[Any]:
        conditions = [column <= now]
        days = PERIODS[self.period][1]
        if days is not None:
            conditions.append(column >= now - timedelta(days=days))
        return conditions

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
    return _capped_count(select(OpeningWord.job_id).where(OpeningWord.word == word))


def _capped_count(query: Select) -> int:
    """The rows ``query`` selects, counted up to COUNT_CAP + 1 (so "more than COUNT_CAP" can be told)."""
    capped = query.order_by(None).limit(COUNT_CAP + 1).subquery()
    return db.session().execute(select(func.count()).select_from(capped)).scalar_one()


@bp.get("")
@login_required
def search() -> Any:
    criteria = SearchCriteria.from_mapping(request.args)
    try:
        page = min(max(1, int(request.args.get("page", "1"))), 100_000)  # an offset the database can hold
    except ValueError:
        page = 1
    matching = criteria.matching_ids(clock.now())
    session = db.session()
    searched = "mots_cles" in request.args or "periode" in request.args
    skipped = (page - 1) * PAGE_SIZE
    ids = session.execute(matching.limit(PAGE_SIZE + 1).offset(skipped)).scalars().all()
    more = len(ids) > PAGE_SIZE
    ids = ids[:PAGE_SIZE]
    found = {o.job_id: o for o in session.execute(select(JobOpening).where(JobOpening.job_id.in_(ids))).scalars()}
    openings = [found[job_id] for job_id in ids if job_id in found]
    if not more and (ids or page == 1):
        # The last page: the total is known without counting.
        total, exact = skipped + len(ids), True
    else:
        # Counted up to COUNT_CAP: past it the page says « more than », and the cost stays bounded.
        counted = _capped_count(matching)
        total, exact = (counted, True) if counted <= COUNT_CAP else (max(COUNT_CAP, skipped + len(ids)), False)
    pages = max(1, -(-total // PAGE_SIZE)) if exact else None
    return render_template(
        "jobs/search.html",
        keywords=criteria.keywords,
        period=criteria.period,
        periods=PERIODS,
        openings=openings,
        total=total,
        exact=exact,
        more=more,
        page=page,
        pages=pages,
        searched=searched,
    )


@bp.get("/<int:job_id>")
@login_required
def opening(job_id: int) -> Any:
    found = published_opening_or_404(job_id)
    candidate = current_candidate()
    return render_template(
        "jobs/opening.html",
        opening=found,
        refusal=refusal_reason(found, clock.now(), candidate.id),
        application=existing_application(candidate.id, job_id),
        withdrawn=WITHDRAWN,
        opening_types=messages.OPENING_TYPES,
    )


@bp.post("/<int:job_id>/postuler")
@login_required
def apply(job_id: int) -> Any:
    found = published_opening_or_404(job_id)
    candidate = current_candidate()
    application = existing_application(candidate.id, job_id)
    if application is not None and application.status == WITHDRAWN:
        page = render_template("refused.html", title="Candidature impossible", message=messages.ALREADY_WITHDRAWN)
        return page, 409
    if application is not None:  # one application per opening: « Postuler » again leads back to it
        return redirect(url_for("applications.step", application_id=application.id, number=2))
    refusal = refusal_reason(found, clock.now(), candidate.id)
    if refusal:
        return render_template("refused.html", title="Candidature impossible", message=refusal), 409
    return redirect(url_for("applications.new", emploi=job_id))
