"""The public careers home and the signed-in « Accueil »."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, render_template

from reference_portal.rules import implements
from reference_portal.security import current_candidate, login_required

bp = Blueprint("home", __name__)


@bp.get("/")
@implements("REQ-REG-01", "REQ-AID-01")
def careers() -> Any:
    return render_template("home/careers.html")


@bp.get("/accueil")
@login_required
@implements("REQ-REG-11", "REQ-PRO-01", "REQ-DRA-01", "REQ-SUB-01", "REQ-OFF-01", "REQ-AID-01")
def dashboard() -> Any:
    return render_template("home/dashboard.html", candidate=current_candidate())


@bp.get("/manuels")
@implements("REQ-SUB-16")
def manuals() -> Any:
    """« Manuels »: how the selection goes on after « Postulé », in the portal's own words."""
    return render_template("home/manuals.html")
