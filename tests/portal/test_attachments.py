"""Attachments (FAQ vii) and « Mes pièces jointes » (FAQ ix), checked on the server."""

from __future__ import annotations

import io
import struct
import zipfile
import zlib
from html import unescape

import pytest

from reference_portal import messages
from reference_portal.rules.attachments import MAX_BYTES

from .support import text
from .test_applications import start


def _png_chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def content(kind: str = "pdf", size: int = 2048) -> bytes:
    """A well-formed file of this kind, ``size`` bytes long (padded where the format allows)."""
    if kind == "docx":
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w") as archive:
            archive.writestr("[Content_Types].xml", "<Types/>")
            archive.writestr("word/document.xml", "<document/>")
        return buffer.getvalue()
    if kind == "pdf":
        head, tail = b"%PDF-1.4\n%", b"\n%%EOF\n"
        return head + b"0" * (size - len(head) - len(tail)) + tail
    if kind == "doc":  # a compound-file header declaring 512-byte sectors, then whole sectors
        header = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(20) + b"\xfe\xff" + struct.pack("<H", 9)
        return header + bytes(512 - len(header)) + bytes(max(512, size - 512) // 512 * 512)
    if kind == "jpg":  # SOI, comment segments as padding, EOI
        body, room = b"", size - 4
        while room > 0:
            part = min(room, 65535 + 2)
            part = max(part, 4)
            body += b"\xff\xfe" + struct.pack(">H", part - 2) + b"0" * (part - 4)
            room -= part
        return b"\xff\xd8" + body + b"\xff\xd9"
    if kind == "png":
        ihdr = _png_chunk(b"IHDR", struct.pack(">IIBBBBB", 1, 1, 8, 0, 0, 0, 0))
        iend = _png_chunk(b"IEND", b"")
        padding = size - 8 - len(ihdr) - len(iend) - 12
        return b"\x89PNG\r\n\x1a\n" + ihdr + _png_chunk(b"zPAD", b"0" * padding) + iend
    raise ValueError(kind)


def upload(client, url: str, name: str, data: bytes, **form):
    return client.post(url, data={"attachment": (io.BytesIO(data), name), **form},
                       content_type="multipart/form-data")


def stored(control, candidate) -> list[dict]:
    return control.call("GET", f"/candidates/{candidate['id']}/attachments")["attachments"]


@pytest.fixture
def letter_url(client, candidate) -> str:
    return start(client) + "/etape/7/lettre"


@pytest.mark.parametrize(
    ("size", "accepted"), [(MAX_BYTES - 1, True), (MAX_BYTES, False), (MAX_BYTES + 10, False)]
)
def test_size_boundary_at_one_megabyte(client, control, candidate, letter_url, size, accepted):
    assert MAX_BYTES == 1_048_576
    response = upload(client, letter_url, "Initiales_Diplome.pdf", content("pdf", size), action="attach",
                      letter="Madame, Monsieur")
    files = stored(control, candidate)
    if accepted:
        assert response.status_code == 303
        assert [(f["filename"], f["size"]) for f in files] == [("Initiales_Diplome.pdf", size)]
        assert messages.attachment_added("Initiales_Diplome.pdf") in text(client.get(letter_url))
    else:
        assert response.status_code == 422 and files == []
        assert messages.ATTACHMENT_TOO_BIG in unescape(response.get_data(as_text=True))
    # The letter typed beside the file is saved either way.
    assert control.applications(candidate["id"])[0]["sections"]["cover_letter"][0]["letter"] == "Madame, Monsieur"


@pytest.mark.parametrize(
    ("name", "problem"),
    [
        ("A" * 46 + ".pdf", None),  # 50 characters
        ("A" * 47 + ".pdf", messages.ATTACHMENT_NAME_TOO_LONG),  # 51
        ("Mon diplome.pdf", messages.ATTACHMENT_NAME_CHARACTERS),
        ("Diplôme.pdf", messages.ATTACHMENT_NAME_CHARACTERS),
        ("Diplome.final.pdf", messages.ATTACHMENT_NAME_CHARACTERS),
        ("Diplome(1).pdf", messages.ATTACHMENT_NAME_CHARACTERS),
        ("Initiales-Diplome_2019.pdf", None),
    ],
)
def test_file_names(client, control, candidate, letter_url, name, problem):
    response = upload(client, letter_url, name, content("pdf"), action="attach")
    if problem is None:
        assert response.status_code == 303 and [f["filename"] for f in stored(control, candidate)] == [name]
    else:
        assert response.status_code == 422 and stored(control, candidate) == []
        assert problem in unescape(response.get_data(as_text=True))


@pytest.mark.parametrize("kind", ["pdf", "doc", "docx", "jpg", "png"])
def test_accepted_types(client, control, candidate, letter_url, kind):
    assert upload(client, letter_url, f"Piece.{kind}", content(kind), action="attach").status_code == 303
    assert len(stored(control, candidate)) == 1


@pytest.mark.parametrize(
    ("name", "data", "problem"),
    [
        ("Programme.exe", b"MZ" + b"0" * 100, messages.ATTACHMENT_TYPE),
        ("Notes.txt", b"quelques notes", messages.ATTACHMENT_TYPE),
        ("Faux.pdf", content("png"), messages.ATTACHMENT_CONTENT),
        ("Faux.docx", content("pdf"), messages.ATTACHMENT_CONTENT),
        ("Vide.pdf", b"", messages.ATTACHMENT_EMPTY),
    ],
)
def test_refused_types_and_contents(client, control, candidate, letter_url, name, data, problem):
    response = upload(client, letter_url, name, data, action="attach")
    assert response.status_code == 422 and stored(control, candidate) == []
    assert problem in unescape(response.get_data(as_text=True))


def test_attach_without_file_says_so(client, control, candidate, letter_url):
    response = client.post(letter_url, data={"action": "attach"})
    assert response.status_code == 422 and messages.ATTACHMENT_NONE in unescape(response.get_data(as_text=True))
    # « Enregistrer » without a file is a plain save.
    assert client.post(letter_url, data={"letter": "Bonjour", "action": "save"}).status_code == 302


def test_refusal_keeps_what_was_attached(client, control, candidate, letter_url):
    upload(client, letter_url, "Premier.pdf", content("pdf"), action="attach")
    refused = upload(client, letter_url, "Trop gros.pdf", content("pdf", MAX_BYTES), action="attach")
    assert refused.status_code == 422
    assert [f["filename"] for f in stored(control, candidate)] == ["Premier.pdf"]
    assert "Premier.pdf" in text(refused)


def test_attachments_belong_to_their_candidate(client, control, candidate, letter_url):
    upload(client, letter_url, "Releve_de_notes.pdf", content("pdf", 4096), action="attach")
    [attachment] = stored(control, candidate)
    assert attachment["visible_to_recruiters"] is False  # a draft's files are not seen by recruiters
    own = client.get(f"/pieces-jointes/{attachment['id']}")
    assert own.status_code == 200 and own.data == content("pdf", 4096)
    assert "attachment" in own.headers["Content-Disposition"]
    client.post("/deconnexion")
    intruder = control.candidate()
    client.post("/connexion", data={"user_code": intruder["user_code"], "password": intruder["password"]})
    assert client.get(f"/pieces-jointes/{attachment['id']}").status_code == 404
    assert client.get("/pieces-jointes/999999").status_code == 404
    assert "Releve_de_notes.pdf" not in text(client.get("/candidatures"))


def test_submitted_application_takes_no_more_files(client, control, candidate):
    opening = control.opening()
    application = control.call("POST", f"/candidates/{candidate['id']}/applications",
                               {"opening_id": opening["id"], "status": "Postulé"}, expect=201)
    url = f"/candidatures/{application['id']}/etape/7/lettre"
    assert upload(client, url, "Diplome.pdf", content("pdf"), action="attach").status_code == 409
    assert stored(control, candidate) == []
    assert "Mes pièces jointes" in text(client.get("/candidatures"))


def test_my_attachments_section(client, control, candidate):
    page = text(client.get("/candidatures"))
    assert "Mes pièces jointes" in page and messages.CV_NOT_ACCEPTED in page
    assert "consultables par les équipes de recrutement" in page
    added = upload(client, "/candidatures/pieces-jointes", "Attestation_2024.pdf", content("pdf"))
    assert added.status_code == 303 and added.headers["Location"].endswith("/candidatures#mes-pieces-jointes")
    [attachment] = stored(control, candidate)
    assert attachment["application_id"] is None and attachment["visible_to_recruiters"] is True
    assert "Attestation_2024.pdf" in text(client.get("/candidatures"))


def test_my_attachments_refuses_one_megabyte_and_stores_nothing(client, control, candidate):
    upload(client, "/candidatures/pieces-jointes", "Premier.png", content("png"))
    response = upload(client, "/candidatures/pieces-jointes", "Scan.pdf", content("pdf", MAX_BYTES))
    assert response.status_code == 422
    html = unescape(response.get_data(as_text=True))
    assert 'role="alert"' in html and messages.ATTACHMENT_TOO_BIG in html and "Mes candidatures" in html
    assert [f["filename"] for f in stored(control, candidate)] == ["Premier.png"]


def test_my_attachments_needs_login_and_api_knows_candidates(client, control):
    response = upload(client, "/candidatures/pieces-jointes", "Scan.pdf", content("pdf"))
    assert response.status_code == 302 and response.headers["Location"].endswith("/connexion")
    control.call("GET", "/candidates/424242/attachments", expect=404)
