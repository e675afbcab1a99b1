"""Attachments (pièces jointes): checked on the server, kept per candidate.

Files are joined in « Lettre de motivation et pièces-jointes » while the application is a draft, or later
in « Mes pièces jointes » on the « Mes candidatures » page (seen by the recruiters of the candidate's
submitted applications). Every upload is checked here, whatever the page did:

- size under 1 Mo, where 1 Mo = 1 048 576 octets (1 048 575 accepted, 1 048 576 refused); the upload is
  read at most that far;
- a short, plain name: at most 50 characters, letters without accents, digits, « _ », « - », and one
  dot before the extension (``Initiales_Diplome.pdf``);
- pdf, doc, docx, jpg or png, and the whole content must be what the extension says (its structure to the
  last byte, not only the first bytes).

A refused upload stores nothing and removes nothing already attached.
"""

from __future__ import annotations

import io
import re
import struct
import zipfile
import zlib
from dataclasses import dataclass
from typing import Any

from flask import Blueprint, Flask, abort, flash, g, redirect, render_template, request, send_file, url_for
from sqlalchemy import select
from werkzeug.datastructures import FileStorage
from werkzeug.exceptions import RequestEntityTooLarge

from reference_portal import clock, db, messages
from reference_portal.models import DRAFT, Application, Attachment, Candidate
from reference_portal.security import current_candidate, login_required

MAX_BYTES = 1_048_576  # 1 Mo: a file must be strictly smaller
NAME_RE = re.compile(r"^[A-Za-z0-9_-]+\.([A-Za-z0-9]+)$")
MEDIA_TYPES = {
    "pdf": "application/pdf",
    "doc": "application/msword",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "jpg": "image/jpeg",
    "png": "image/png",
}
_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
UPLOAD_FIELD = "attachment"

bp = Blueprint("attachments", __name__)


@dataclass(frozen=True)
class Upload:
    filename: str
    content: bytes


def _looks_like(extension: str, content: bytes) -> bool:
    """Whether the whole file has the structure its extension names, to its last byte: a signature followed by
    anything else (markup, a script) is refused."""
    check = {"pdf": _is_pdf, "doc": _is_ole, "jpg": _is_jpeg, "png": _is_png, "docx": _is_docx}.get(extension)
    try:
        return check is not None and check(content)
    except (IndexError, ValueError, struct.error):
        return False


def _is_pdf(content: bytes) -> bool:
    # A PDF ends with its %%EOF marker (followed at most by a line break).
    return content.startswith(b"%PDF-") and content.rstrip(b"\r\n\t ").endswith(b"%%EOF")


def _is_ole(content: bytes) -> bool:
    # A compound file (.doc): the 512-byte header, then whole sectors of the size it declares.
    if not content.startswith(_OLE) or content[28:30] != b"\xfe\xff":
        return False
    sector = 1 << struct.unpack_from("<H", content, 30)[0]
    return sector in (512, 4096) and len(content) > 512 and (len(content) - 512) % sector == 0


def _is_png(content: bytes) -> bool:
    # Chunk after chunk, each with its CRC, from IHDR to IEND, which must be the file's end.
    if not content.startswith(b"\x89PNG\r\n\x1a\n"):
        return False
    position, first = 8, True
    while position < len(content):
        length, kind = struct.unpack_from(">I4s", content, position)
        data_end = position + 8 + length
        if data_end + 4 > len(content) or (first and kind != b"IHDR"):
            return False
        (crc,) = struct.unpack_from(">I", content, data_end)
        if zlib.crc32(content[position + 4:data_end]) != crc:
            return False
        position, first = data_end + 4, False
        if kind == b"IEND":
            return position == len(content)
    return False


def _is_jpeg(content: bytes) -> bool:
    # Marker segments from SOI; entropy-coded data after each SOS; EOI must be the file's last two bytes.
    if not content.startswith(b"\xff\xd8"):
        return False
    position = 2
    while position + 1 < len(content):
        if content[position] != 0xFF:
            return False
        marker = content[position + 1]
        if marker == 0xFF:  # fill byte
            position += 1
            continue
        if marker == 0xD9:
            return position + 2 == len(content)
        if 0xD0 <= marker <= 0xD7 or marker == 0x01:
            position += 2
            continue
        (length,) = struct.unpack_from(">H", content, position + 2)
        position += 2 + length
        if marker == 0xDA:  # scan data runs to the next marker that is not a stuffed 0xFF00 or a restart
            while True:
                position = content.index(b"\xff", position)
                following = content[position + 1]
                if following == 0x00 or 0xD0 <= following <= 0xD7:
                    position += 2
                    continue
                break
    return False


def _is_docx(content: bytes) -> bool:
    # A zip from its first byte to the end of its central directory record, with a Word document inside.
    end = content.rfind(b"PK\x05\x06")
    if not content.startswith(b"PK\x03\x04") or end < 0 or end + 22 > len(content):
        return False
    (comment_length,) = struct.unpack_from("<H", content, end + 20)
    if end + 22 + comment_length != len(content):
        return False
    try:
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            return "word/document.xml" in archive.namelist()
    except zipfile.BadZipFile:
        return False


def check(upload: FileStorage | None) -> tuple[Upload | None, list[str]]:
    """The upload when it meets every rule, else None and what is wrong (each message says what to do)."""
    if upload is None or not upload.filename:
        return None, [messages.ATTACHMENT_NONE]
    filename = re.split(r"[\\/]", upload.filename)[-1]
    problems: list[str] = []
    if len(filename) > messages.ATTACHMENT_MAX_NAME:
        problems.append(messages.ATTACHMENT_NAME_TOO_LONG)
    match = NAME_RE.match(filename)
    if not match:
        problems.append(messages.ATTACHMENT_NAME_CHARACTERS)
    extension = (match[1] if match else filename.rpartition(".")[2]).lower()
    if extension not in MEDIA_TYPES:
        problems.append(messages.ATTACHMENT_TYPE)
    content = upload.stream.read(MAX_BYTES)  # never more: one byte short of 1 Mo is the largest accepted
    if len(content) >= MAX_BYTES:
        problems.append(messages.ATTACHMENT_TOO_BIG)
    elif not content:
        problems.append(messages.ATTACHMENT_EMPTY)
    elif extension in MEDIA_TYPES and not _looks_like(extension, content):
        problems.append(messages.ATTACHMENT_CONTENT)
    if problems:
        return None, problems
    return Upload(filename, content), []


def store(candidate: Candidate, upload: Upload, application: Application | None = None) -> Attachment:
    attachment = Attachment(
        candidate_id=candidate.id,
        application_id=application.id if application else None,
        filename=upload.filename,
        size=len(upload.content),
        content=upload.content,
        created_at=clock.now(),
    )
    db.session().add(attachment)
    return attachment


def receive_for_application(application: Application, errors: dict[str, str], asked: bool) -> bool:
    """Takes the file sent with « Lettre de motivation et pièces-jointes », if any; adds what is wrong to
    ``errors``. ``asked``: the person clicked « Joindre le fichier » (so a missing file is an error).
    Returns whether a file was attached (the caller commits)."""
    upload = request.files.get(UPLOAD_FIELD)
    if not asked and (upload is None or not upload.filename):
        return False
    accepted, problems = check(upload)
    for number, problem in enumerate(problems):
        errors[f"_{UPLOAD_FIELD}_{number}"] = problem
    if accepted is None:
        return False
    store(current_candidate(), accepted, application)
    flash(messages.attachment_added(accepted.filename), "status")
    return True


def own_attachments() -> list[Attachment]:
    """The signed-in candidate's « Mes pièces jointes » (files not joined to one application)."""
    candidate = current_candidate()
    if candidate is None:
        return []
    query = (
        select(Attachment)
        .where(Attachment.candidate_id == candidate.id, Attachment.application_id.is_(None))
        .order_by(Attachment.created_at, Attachment.id)
    )
    return list(db.session().execute(query).scalars())


# No request body larger than this is even read (the rules above then refuse what is over 1 Mo).
MAX_REQUEST_BYTES = 4 * MAX_BYTES


def init_app(app: Flask) -> None:
    app.register_blueprint(bp)
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
def add_own() -> Any:
    """« Mes pièces jointes »: a file joined after submission; a refusal shows « Mes candidatures » again."""
    accepted, problems = check(request.files.get(UPLOAD_FIELD))
    if accepted is None:
        from reference_portal.applications import listing

        g.attachment_errors = problems
        return listing.index(), 422
    store(current_candidate(), accepted)
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
        mimetype=MEDIA_TYPES.get(extension, "application/octet-stream"),
        as_attachment=True,
        download_name=attachment.filename,
    )


def as_json(attachment: Attachment) -> dict[str, Any]:
    """What a recruiter sees of one attachment (for the control API)."""
    application = attachment.application
    return {
        "id": attachment.id,
        "filename": attachment.filename,
        "size": attachment.size,
        "application_id": attachment.application_id,
        "created_at": attachment.created_at.isoformat().replace("+00:00", "Z"),
        # Recruiters see « Mes pièces jointes » and the files of submitted applications, not of drafts.
        "visible_to_recruiters": application is None or application.status != DRAFT,
    }
