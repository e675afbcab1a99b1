"""« Rech. Emplois »: searching published openings, an opening's page, and « Postuler »."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from flask import Blueprint, abort, redirect, render_template, request, url_for
from sqlalchemy import func, or_, select

from reference_portal import clock, db, messages
from reference_portal.models import Application, JobOpening
from reference_portal.security import current_candidate, login_required

bp = Blueprint("jobs", __name__, url_prefix="/emplois")

PAGE_SIZE = 50
PERIODS = {"tout": ("Tt moment", None), "7": ("7 derniers jours", 7), "30": ("30 derniers jours", 30)}
DEFAULT_PERIOD = "tout"


def refusal_reason(opening: JobOpening, now: datetime) -> str | None:
    """Why this opening does not accept applications now, or None when it does."""
    if opening.posted_at > now:
        return messages.OPENING_REFUSALS["not_published"]
    if opening.state != "open":
        return messages.OPENING_REFUSALS[opening.state]
    if now >= opening.deadline:
        return messages.OPENING_REFUSALS["deadline"]
    return None


def published_opening_or_404(job_id: int) -> JobOpening:
    opening = db.session().get(JobOpening, job_id)
    if opening is None or opening.posted_at > clock.now():
        abort(404)
    return opening


def existing_application(candidate_id: int, job_id: int) -> Application | None:
    query = select(Application).where(Application.candidate_id == candidate_id, Application.opening_id == job_id)
    return db.session().execute(query).scalar_one_or_none()


@bp.get("")
@login_required
def search() -> Any:
    keywords = request.args.get("mots_cles", "").strip()[:200]
    period = request.args.get("periode", DEFAULT_PERIOD)
    if period not in PERIODS:
        period = DEFAULT_PERIOD
    try:
        page = max(1, int(request.args.get("page", "1")))
    except ValueError:
        page = 1
    now = clock.now()
    conditions = [JobOpening.posted_at <= now]
    days = PERIODS[period][1]
    if days is not None:
        conditions.append(JobOpening.posted_at >= now - timedelta(days=days))
    for word in keywords.split():
        pattern = f"%{_escape_like(word)}%"
        conditions.append(
            or_(
                JobOpening.title.ilike(pattern, escape="\\"),
                JobOpening.number.ilike(pattern, escape="\\"),
                JobOpening.job_family.ilike(pattern, escape="\\"),
                JobOpening.duty_station.ilike(pattern, escape="\\"),
            )
        )
    session = db.session()
    searched = "mots_cles" in request.args or "periode" in request.args
    total = session.execute(select(func.count()).select_from(JobOpening).where(*conditions)).scalar_one()
    openings = (
        session.execute(
            select(JobOpening)
            .where(*conditions)
            .order_by(JobOpening.posted_at.desc(), JobOpening.job_id.desc())
            .limit(PAGE_SIZE)
            .offset((page - 1) * PAGE_SIZE)
        )
        .scalars()
        .all()
    )
    pages = max(1, -(-total // PAGE_SIZE))
    return render_template(
        "jobs/search.html",
        keywords=keywords,
        period=period,
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
        refusal=refusal_reason(found, clock.now()),
        application=existing_application(candidate.id, job_id),
        opening_types=messages.OPENING_TYPES,
    )


@bp.post("/<int:job_id>/postuler")
@login_required
def apply(job_id: int) -> Any:
    found = published_opening_or_404(job_id)
    candidate = current_candidate()
    application = existing_application(candidate.id, job_id)
    if application is not None:
        return redirect(url_for("applications.step", application_id=application.id, number=2))
    refusal = refusal_reason(found, clock.now())
    if refusal:
        return render_template("refused.html", title="Candidature impossible", message=refusal), 409
    return redirect(url_for("applications.new", emploi=job_id))
