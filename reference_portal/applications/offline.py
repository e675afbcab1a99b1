"""The offline application form: downloading it blank, and option 3 « Mettre en ligne à partir d'un fichier ».

The reference portal's form is a CSV; the alternative portal's an XLSX workbook (reference_portal/variant.py), at
its own address: each variant's address of the other format is not found.
"""

from __future__ import annotations

from typing import Any

from flask import Response, abort, render_template, request
from werkzeug.exceptions import RequestEntityTooLarge

from reference_portal import clock, messages, offline_form, variant
from reference_portal.applications.blueprint import bp
from reference_portal.applications.create import create_application, flow_in_progress
from reference_portal.rules import implements
from reference_portal.security import login_required

UPLOAD_FIELD = "offline_form"
# The multipart envelope around the file adds a little to the file's own size.
_ENVELOPE_BYTES = 16 * 1024


@bp.url_defaults
def _offline_form_format(endpoint: str, values: dict[str, Any]) -> None:
    if endpoint == "applications.offline_form_download":
        values.setdefault("extension", "xlsx" if variant.is_alt() else "csv")


@bp.get("/formulaire-hors-ligne.csv", defaults={"extension": "csv"})
@bp.get("/formulaire-hors-ligne.xlsx", defaults={"extension": "xlsx"})
@login_required
@implements("REQ-OFF-01")
def offline_form_download(extension: str) -> Response:
    if extension != ("xlsx" if variant.is_alt() else "csv"):
        abort(404)
    if variant.is_alt():
        return Response(
            offline_form.blank_workbook(),
            mimetype=offline_form.XLSX_MEDIA_TYPE,
            headers={"Content-Disposition": f'attachment; filename="{offline_form.XLSX_FILENAME}"'},
        )
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
    read = offline_form.read_offline_workbook if variant.is_alt() else offline_form.read_offline_form
    result = read(upload.filename, data, clock.now().year)
    if not result.ok:
        return _page(opening, result.problems, 422)
    return create_application(opening, flow["origin"], values=result.values)


def _page(opening: Any, problems: list[str], status: int = 200) -> Any:
    page = render_template(
        "offline/upload.html" if variant.is_alt() else "applications/upload.html",
        opening=opening,
        problems=problems,
        upload_field=UPLOAD_FIELD,
        max_kb=offline_form.MAX_BYTES // 1024,
    )
    return page, status
