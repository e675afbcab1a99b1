"""Attachments (pièces jointes): « Mes pièces jointes » on « Mes candidatures », downloading a file, and the limit
on a request's size. What a file must be, and where it is kept: ``rules.attachments``.
"""

from __future__ import annotations

import io
from typing import Any

from flask import Blueprint, Flask, abort, flash, g, redirect, render_template, request, send_file, url_for
from werkzeug.exceptions import RequestEntityTooLarge

from reference_portal import db, messages
from reference_portal.applications import listing
from reference_portal.models import Attachment
from reference_portal.rules import attachments as attachment_rules
from reference_portal.rules import implements
from reference_portal.security import current_candidate, login_required

UPLOAD_FIELD = attachment_rules.UPLOAD_FIELD

bp = Blueprint("attachments", __name__)


def own_attachments() -> list[Attachment]:
    """The signed-in candidate's « Mes pièces jointes »."""
    candidate = current_candidate()
    return [] if candidate is None else attachment_rules.own_attachments(candidate.id)


# No request body larger than this is even read (the rules above then refuse what is over 1 Mo).
MAX_REQUEST_BYTES = 4 * attachment_rules.MAX_BYTES


def init_app(app: Flask) -> None:
    from reference_portal import variant

    variant.register(app, bp)
    app.config.setdefault("MAX_CONTENT_LENGTH", MAX_REQUEST_BYTES)
    if app.config["MAX_CONTENT_LENGTH"] is None:
        app.config["MAX_CONTENT_LENGTH"] = MAX_REQUEST_BYTES

    @app.errorhandler(RequestEntityTooLarge)
    def too_large(error: RequestEntityTooLarge) -> Any:
        if (request.blueprint or "") == "control":
            return {"error": "request body too large"}, 413
        page = render_template("refused.html", title="Fichier trop volumineux", message=messages.REQUEST_TOO_LARGE)
        return page, 413

    @app.context_processor
    def attachment_helpers() -> dict[str, Any]:
        return {
            "own_attachments": own_attachments,
            "attachment_errors": g.get("attachment_errors", []),
            "attachment_types": ", ".join(messages.ATTACHMENT_TYPES),
            "attachment_problems": lambda errors: [m for k, m in errors.items() if k.startswith(f"_{UPLOAD_FIELD}_")],
        }


@bp.post("/candidatures/pieces-jointes")
@login_required
@implements("REQ-ATT-05", "REQ-ATT-06")
def add_own() -> Any:
    """« Mes pièces jointes »: a file joined after submission; a refusal shows « Mes candidatures » again."""
    accepted, problems = attachment_rules.check(request.files.get(UPLOAD_FIELD))
    if accepted is None:
        g.attachment_errors = problems
        return listing.index(), 422
    attachment_rules.store(current_candidate(), accepted)
    db.session().commit()
    flash(messages.attachment_added(accepted.filename), "status")
    return redirect(url_for("applications.index") + "#mes-pieces-jointes", 303)


@bp.get("/pieces-jointes/<int:attachment_id>")
@login_required
def download(attachment_id: int) -> Any:
    attachment = db.session().get(Attachment, attachment_id)
    if attachment is None or attachment.candidate_id != current_candidate().id:
        abort(404)
    extension = attachment.filename.rpartition(".")[2].lower()
    return send_file(
        io.BytesIO(attachment.content),
        mimetype=attachment_rules.MEDIA_TYPES.get(extension, "application/octet-stream"),
        as_attachment=True,
        download_name=attachment.filename,
    )

