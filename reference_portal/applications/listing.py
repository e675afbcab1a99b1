"""The « Carrières » page and its « Mes candidatures » table, filtered by « Afficher mes candidatures ».

The table opens on the applications still in progress; « Toutes » shows every one (a withdrawn application,
one whose selection is over), as the guide tells a candidate who cannot find theirs.
"""

from __future__ import annotations

from typing import Any

from flask import render_template, request
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from reference_portal import db, messages
from reference_portal.applications.blueprint import bp
from reference_portal.models import Application
from reference_portal.rules import implements, statuses
from reference_portal.rules.statuses import Status
from reference_portal.security import current_candidate, login_required

DEFAULT_FILTER = "en-cours"
# « Afficher mes candidatures »: key in the URL → the statuses listed. The default leaves out the finished ones.
FILTER_STATUSES: dict[str, tuple[Status, ...]] = {
    "en-cours": tuple(s for s in statuses.ALL if s not in statuses.FINISHED),
    "brouillons": (Status.DRAFT,),
    "soumises": statuses.SUBMITTED,
    "retirees": (Status.WITHDRAWN,),
    "toutes": statuses.ALL,
}


@bp.get("")
@login_required
@implements("REQ-DRA-01", "REQ-DRA-04", "REQ-DRA-09", "REQ-SUB-10", "REQ-FAQ-06", "REQ-FAQ-07", "REQ-PDF-01")
def index() -> Any:
    shown = request.args.get("afficher", DEFAULT_FILTER)
    if shown not in FILTER_STATUSES:
        shown = DEFAULT_FILTER
    query = (
        select(Application)
        .where(Application.candidate_id == current_candidate().id)
        .where(Application.status.in_(FILTER_STATUSES[shown]))
        .options(selectinload(Application.opening))
        .order_by(Application.created_at.desc(), Application.id.desc())
    )
    applications = db.session().execute(query).scalars().all()
    return render_template(
        "applications/index.html",
        applications=applications,
        draft=Status.DRAFT,
        filters=messages.APPLICATION_FILTERS,
        shown=shown,
    )
