"""« Rech. Emplois »: searching published openings, an opening's page, and « Postuler »."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

from flask import Blueprint, abort, redirect, render_template, request, url_for
from sqlalchemy import event, func, select

from reference_portal import clock, db, messages
from reference_portal.i18n import gettext as _
from reference_portal.models import WITHDRAWN, Application, JobOpening, RosterMembership
from reference_portal.security import current_candidate, login_required

bp = Blueprint("jobs", __name__, url_prefix="/emplois")

PAGE_SIZE = 50
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

    def conditions(self, now: datetime) -> list[Any]:
        """SQL conditions selecting the published openings that match."""
        conditions: list[Any] = [JobOpening.posted_at <= now]
        days = PERIODS[self.period][1]
        if days is not None:
            conditions.append(JobOpening.posted_at >= now - timedelta(days=days))
        for word in self.keywords.split():
            conditions.append(JobOpening.search_text.like(f"%{_escape_like(word.casefold())}%", escape="\\"))
        return conditions

    def matches(self, opening: JobOpening, now: datetime) -> bool:
        """The same rule as ``conditions``, for one opening (used when an opening is published)."""
        if opening.posted_at > now:
            return False
        days = PERIODS[self.period][1]
        if days is not None and opening.posted_at < now - timedelta(days=days):
            return False
        searched = searchable_text(opening)
        return all(word.casefold() in searched for word in self.keywords.split())


_SEARCHED_COLUMNS = (JobOpening.title, JobOpening.number, JobOpening.job_family, JobOpening.duty_station)


def searchable_text(opening: JobOpening | Mapping[str, Any]) -> str:
    """What a keyword is looked for in: the searched columns, case-folded, one per line (a word never spans two).

    Case-folded in Python, so « Élodie » finds « élodie » on every database, with no per-row function in SQL."""
    if isinstance(opening, Mapping):
        values = (opening.get(column.key) for column in _SEARCHED_COLUMNS)
    else:
        values = (getattr(opening, column.key) for column in _SEARCHED_COLUMNS)
    return "\n".join(str(value or "") for value in values).casefold()


@event.listens_for(JobOpening, "before_insert")
@event.listens_for(JobOpening, "before_update")
def _keep_search_text(mapper: Any, connection: Any, opening: JobOpening) -> None:
    opening.search_text = searchable_text(opening)


@bp.get("")
@login_required
def search() -> Any:
    criteria = SearchCriteria.from_mapping(request.args)
    try:
        page = min(max(1, int(request.args.get("page", "1"))), 100_000)  # an offset the database can hold
    except ValueError:
        page = 1
    conditions = criteria.conditions(clock.now())
    session = db.session()
    searched = "mots_cles" in request.args or "periode" in request.args
    skipped = (page - 1) * PAGE_SIZE
    openings = (
        session.execute(
            select(JobOpening)
            .where(*conditions)
            .order_by(JobOpening.posted_at.desc(), JobOpening.job_id.desc())
            .limit(PAGE_SIZE + 1)
            .offset(skipped)
        )
        .scalars()
        .all()
    )
    if len(openings) <= PAGE_SIZE and (openings or page == 1):
        # The last page, so the total is known without a second pass over the catalogue (what a search
        # for a rare word costs most).
        total = skipped + len(openings)
    else:
        total = session.execute(select(func.count()).select_from(JobOpening).where(*conditions)).scalar_one()
    openings = openings[:PAGE_SIZE]
    pages = max(1, -(-total // PAGE_SIZE))
    return render_template(
        "jobs/search.html",
        keywords=criteria.keywords,
        period=criteria.period,
        periods=PERIODS,
        openings=openings,
        total=total,
        page=page,
        pages=pages,
        searched=searched,
    )


def _escape_like(word: str) -> str:
    return word.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


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
