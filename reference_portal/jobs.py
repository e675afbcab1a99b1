"""« Rech. Emplois »: searching published openings, an opening's page, and « Postuler »."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, abort, redirect, render_template, request, url_for
from sqlalchemy import select

from reference_portal import clock, db, messages
from reference_portal.models import JobOpening
from reference_portal.rules import implements
from reference_portal.rules import openings as opening_rules
from reference_portal.rules import search as search_rules
from reference_portal.rules.statuses import Status
from reference_portal.security import current_candidate, login_required

bp = Blueprint("jobs", __name__, url_prefix="/emplois")


def published_opening_or_404(job_id: int) -> JobOpening:
    opening = db.session().get(JobOpening, job_id)
    if opening is None or not opening_rules.is_published(opening, clock.now()):
        abort(404)
    return opening


@bp.get("")
@login_required
@implements("REQ-SUB-01", "REQ-SUB-02", "REQ-ALR-01")
def search() -> Any:
    criteria = search_rules.SearchCriteria.from_mapping(request.args)
    try:
        page = min(max(1, int(request.args.get("page", "1"))), 100_000)  # an offset the database can hold
    except ValueError:
        page = 1
    matching = criteria.matching_ids(clock.now())
    session = db.session()
    searched = "mots_cles" in request.args or "periode" in request.args
    skipped = (page - 1) * search_rules.PAGE_SIZE
    ids = session.execute(matching.limit(search_rules.PAGE_SIZE + 1).offset(skipped)).scalars().all()
    more = len(ids) > search_rules.PAGE_SIZE
    ids = ids[:search_rules.PAGE_SIZE]
    found = {o.job_id: o for o in session.execute(select(JobOpening).where(JobOpening.job_id.in_(ids))).scalars()}
    openings = [found[job_id] for job_id in ids if job_id in found]
    if not more and (ids or page == 1):
        # The last page: the total is known without counting.
        total, exact = skipped + len(ids), True
    else:
        # Counted up to COUNT_CAP: past it the page says « more than », and the cost stays bounded.
        counted = search_rules.capped_count(matching)
        cap = search_rules.COUNT_CAP
        total, exact = (counted, True) if counted <= cap else (max(cap, skipped + len(ids)), False)
    pages = max(1, -(-total // search_rules.PAGE_SIZE)) if exact else None
    return render_template(
        "jobs/search.html",
        keywords=criteria.keywords,
        period=criteria.period,
        periods=search_rules.PERIODS,
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
@implements("REQ-SUB-03", "REQ-SUB-14", "REQ-FAQ-05")
def opening(job_id: int) -> Any:
    found = published_opening_or_404(job_id)
    candidate = current_candidate()
    return render_template(
        "jobs/opening.html",
        opening=found,
        refusal=opening_rules.refusal_reason(found, clock.now(), candidate.id),
        application=opening_rules.existing_application(candidate.id, job_id),
        withdrawn=Status.WITHDRAWN,
        opening_types=messages.OPENING_TYPES,
    )


@bp.post("/<int:job_id>/postuler")
@login_required
def apply(job_id: int) -> Any:
    found = published_opening_or_404(job_id)
    application, refusal = opening_rules.start_of_application(current_candidate().id, found, clock.now())
    if application is not None:  # one application per opening: « Postuler » again leads back to it
        return redirect(url_for("applications.step", application_id=application.id, number=2))
    if refusal:
        return render_template("refused.html", title="Candidature impossible", message=refusal), 409
    return redirect(url_for("applications.new", emploi=job_id))
