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
from reference_portal.applications import bp
from reference_portal.models import APPLICATION_STATUSES, DRAFT, WITHDRAWN, Application
from reference_portal.security import current_candidate, login_required

DEFAULT_FILTER = "en-cours"
# Statuses after which nothing more happens to an application: only « Toutes » (or « Retirées ») shows them.
FINISHED = (WITHDRAWN, "Recrutement terminé", "Pourvu à partir d'une liste", "Avis annulé")
SUBMITTED = tuple(s for s in APPLICATION_STATUSES if s not in (DRAFT, WITHDRAWN))
FILTER_STATUSES: dict[str, tuple[str, ...]] = {
    "en-cours": tuple(s for s in APPLICATION_STATUSES if s not in FINISHED),
    "brouillons": (DRAFT,),
    "soumises": SUBMITTED,
    "retirees": (WITHDRAWN,),
    "toutes": APPLICATION_STATUSES,
}


@bp.get("")
@login_required
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
        draft=DRAFT,
        filters=messages.APPLICATION_FILTERS,
        shown=shown,
    )
