"""The offline application form: downloading it blank, and option 3 « Mettre en ligne à partir d'un fichier »."""

from __future__ import annotations

from typing import Any

from flask import Response, render_template, request
from werkzeug.exceptions import RequestEntityTooLarge

from reference_portal import clock, messages, offline_form
from reference_portal.applications.blueprint import bp
from reference_portal.applications.create import create_application, flow_in_progress
from reference_portal.rules import implements
from reference_portal.security import login_required

UPLOAD_FIELD = "offline_form"
# The multipart envelope around the file adds a little to the file's own size.
_ENVELOPE_BYTES = 16 * 1024


@bp.get("/formulaire-hors-ligne.csv")
@login_required
@implements("REQ-OFF-01")
def offline_form_download() -> Response:
    return Response(
        offline_form.blank_form(),
        mimetype="text/csv",
        headers={
            "Content-Type": "text/csv; charset=utf-8",
            "Content-Disposition": f'attachment; filename="{offline_form.FILENAME}"',
        },
    )


@bp.route("/nouvelle/fichier", methods=["GET", "POST"])
@login_required
@implements("REQ-OFF-02", "REQ-OFF-03")
def upload_offline_form() -> Any:
    flow, opening = flow_in_progress()
    if request.method == "GET":
        return _page(opening, [])
    request.max_content_length = offline_form.MAX_BYTES + _ENVELOPE_BYTES
    try:
        upload = request.files.get(UPLOAD_FIELD)
    except RequestEntityTooLarge:
        return _page(opening, [messages.offline_too_big(offline_form.MAX_BYTES // 1024)], 413)
    if upload is None or not upload.filename:
        return _page(opening, [messages.OFFLINE_NO_FILE], 422)
    data = upload.stream.read(offline_form.MAX_BYTES + 1)
    result = offline_form.read_offline_form(upload.filename, data, clock.now().year)
    if not result.ok:
        return _page(opening, result.problems, 422)
    return create_application(opening, flow["origin"], values=result.values)


def _page(opening: Any, problems: list[str], status: int = 200) -> Any:
    page = render_template(
        "applications/upload.html",
        opening=opening,
        problems=problems,
        upload_field=UPLOAD_FIELD,
        max_kb=offline_form.MAX_BYTES // 1024,
    )
    return page, status
