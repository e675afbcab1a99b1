"""The « Carrières » page and its « Mes candidatures » table."""

from __future__ import annotations

from typing import Any

from flask import render_template
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from reference_portal import db
from reference_portal.applications import bp
from reference_portal.models import DRAFT, Application
from reference_portal.security import current_candidate, login_required


@bp.get("")
@login_required
def index() -> Any:
    query = (
        select(Application)
        .where(Application.candidate_id == current_candidate().id)
        .options(selectinload(Application.opening))
        .order_by(Application.created_at.desc(), Application.id.desc())
    )
    applications = db.session().execute(query).scalars().all()
    return render_template("applications/index.html", applications=applications, draft=DRAFT)
