"""Attachments (pièces jointes, guide 6.vii and 6.ix): the rules a file must meet, and where it is kept.

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
from typing import BinaryIO, Protocol

from flask import has_app_context
from sqlalchemy import select

from reference_portal import clock, db, messages
from reference_portal.models import Application, Attachment, Candidate
from reference_portal.rules import implements
from reference_portal.rules.statuses import Status

MAX_BYTES = 1_048_576  # 1 Mo: a file must be strictly smaller
ALT_MAX_BYTES = 1_000_000  # the alternative portal reads « inférieure à 1 Mb » as 1 000 000 bytes (variant.py)
NAME_RE = re.compile(r"^[A-Za-z0-9_-]+\.([A-Za-z0-9]+)$")
MEDIA_TYPES = {
    "pdf": "application/pdf",
    "doc": "application/msword",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "jpg": "image/jpeg",
    "png": "image/png",
}
_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"

UPLOAD_FIELD = "attachment"  # the form field of both pages that take a file


class SentFile(Protocol):
    """A file as a form sends it (werkzeug's FileStorage is one): the name the browser gave, and the bytes."""

    filename: str | None
    stream: BinaryIO


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


def max_bytes() -> int:
    """The size a file must stay under: 1 Mo as this portal variant reads it."""
    from reference_portal import variant

    return ALT_MAX_BYTES if has_app_context() and variant.is_alt() else MAX_BYTES


@implements("REQ-ATT-01", "REQ-ATT-02", "REQ-ATT-03")
def check(upload: SentFile | None) -> tuple[Upload | None, list[str]]:
    """The sent file when it meets every rule, else None and what is wrong (each message says what to do). Its
    stream is read no further than the limit."""
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
    limit = max_bytes()
    content = upload.stream.read(limit)  # never more: one byte short of 1 Mo is the largest accepted
    if len(content) >= limit:
        problems.append(messages.ATTACHMENT_TOO_BIG)
    elif not content:
        problems.append(messages.ATTACHMENT_EMPTY)
    elif extension in MEDIA_TYPES and not _looks_like(extension, content):
        problems.append(messages.ATTACHMENT_CONTENT)
    if problems:
        return None, problems
    return Upload(filename, content), []


@implements("REQ-ATT-04", "REQ-ATT-05")
def store(candidate: Candidate, upload: Upload, application: Application | None = None) -> Attachment:
    """Adds the accepted file beside those already there (the caller commits): nothing attached is replaced."""
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


def own_attachments(candidate_id: int) -> list[Attachment]:
    """The candidate's « Mes pièces jointes » (files not joined to one application), oldest first."""
    query = (
        select(Attachment)
        .where(Attachment.candidate_id == candidate_id, Attachment.application_id.is_(None))
        .order_by(Attachment.created_at, Attachment.id)
    )
    return list(db.session().execute(query).scalars())


@implements("REQ-ATT-05")
def visible_to_recruiters(attachment: Attachment) -> bool:
    """Recruiters see « Mes pièces jointes » and the files of submitted applications, not those of drafts."""
    application = attachment.application
    return application is None or application.status != Status.DRAFT
