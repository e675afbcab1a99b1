"""The « Mes candidatures » blueprint, and the one way a page reaches an application: its owner's."""

from __future__ import annotations

from flask import Blueprint, abort

from reference_portal import db
from reference_portal.models import Application
from reference_portal.rules import implements
from reference_portal.security import current_candidate

bp = Blueprint("applications", __name__, url_prefix="/candidatures")


@implements("REQ-SEC-01")
def own_application_or_404(application_id: int) -> Application:
    """The signed-in candidate's application; anyone else's is answered as if it did not exist."""
    application = db.session().get(Application, application_id)
    candidate = current_candidate()
    if application is None or candidate is None or application.candidate_id != candidate.id:
        abort(404)
    return application
