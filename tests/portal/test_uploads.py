"""Hostile uploads, beyond the rules tested in test_attachments and test_offline_form: names that try to leave
their folder or carry control characters, content that lies about its type, bodies too large to read, archives
(zip bombs) and huge cells given as the offline form."""

from __future__ import annotations

import io
import zipfile
from html import unescape

import pytest

from reference_portal import messages
from reference_portal.attachments import MAX_REQUEST_BYTES

from .support import text
from .test_applications import start
from .test_attachments import content, stored, upload
from .test_offline_form import download
from .test_offline_form import upload as upload_form


@pytest.fixture
def letter_url(client, candidate) -> str:
    return start(client) + "/etape/7/lettre"


@pytest.mark.parametrize("name", ["../../etc/Diplome.pdf", "C:\\Users\\a\\Diplome.pdf", "/tmp/x/Releve.pdf"])
def test_a_path_in_the_name_never_reaches_storage(client, control, candidate, letter_url, name):
    response = upload(client, letter_url, name, content("pdf"), action="attach")
    names = [f["filename"] for f in stored(control, candidate)]
    # Either only the plain name is kept, or the file is refused; never a name with a folder in it.
    assert (response.status_code == 303 and names == [name.replace("\\", "/").rsplit("/", 1)[1]]) or (
        response.status_code == 422 and names == []
    )


@pytest.mark.parametrize("name", ["Diplome\x00.pdf", "Dipl\u202eome.pdf", "Dip\tlome.pdf", "..pdf", ".pdf"])
def test_control_characters_and_odd_names_are_refused(client, control, candidate, letter_url, name):
    response = upload(client, letter_url, name, content("pdf"), action="attach")
    assert response.status_code == 422 and stored(control, candidate) == []
    assert messages.ATTACHMENT_NAME_CHARACTERS in unescape(response.get_data(as_text=True))


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("Photo.jpg", b"<html><script>alert(1)</script></html>"),
        ("Photo.png", b"\xff\xd8\xff\xe0" + b"0" * 100),  # a JPEG named .png
        ("Lettre.doc", b"%PDF-1.4\n" + b"0" * 100),
        ("Lettre.docx", b"PK\x03\x04" + b"0" * 100),  # claims to be a zip, is not one
        # A right signature, then markup: the whole file is checked, not its first bytes (issue 16, point 8).
        ("Photo.png", content("png")[:-12] + b"<script>alert(1)</script>"),
        ("Photo.png", content("png") + b"<script>alert(1)</script>"),
        ("Photo.jpg", b"\xff\xd8\xff\xe0<html><script>alert(1)</script></html>"),
        ("Scan.pdf", b"%PDF-1.4\n<html><script>alert(1)</script></html>"),
        ("Lettre.doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1<script>alert(1)</script>"),
        ("Lettre.docx", content("docx") + b"<script>alert(1)</script>"),
    ],
)
def test_content_must_be_what_the_extension_says(client, control, candidate, letter_url, name, data):
    response = upload(client, letter_url, name, data, action="attach")
    assert response.status_code == 422 and stored(control, candidate) == []
    assert messages.ATTACHMENT_CONTENT in unescape(response.get_data(as_text=True))


def zip_bomb(entry: str = "word/document.xml", size: int = 200 * 1024 * 1024) -> bytes:
    """A small archive that would expand to ``size`` bytes if anyone decompressed it."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        with archive.open(entry, "w", force_zip64=True) as member:
            chunk = b"\0" * (1024 * 1024)
            for _ in range(size // len(chunk)):
                member.write(chunk)
    return buffer.getvalue()


@pytest.fixture(scope="module")
def bomb() -> bytes:
    return zip_bomb()


def test_a_docx_zip_bomb_is_never_expanded(client, control, candidate, letter_url, bomb):
    assert len(bomb) < 1024 * 1024  # under the size limit: only its content can betray it
    response = upload(client, letter_url, "Lettre.docx", bomb, action="attach")
    # Only its list of entries is read (it has word/document.xml), so it is stored as the 200 kB it weighs.
    assert response.status_code == 303
    assert [f["size"] for f in stored(control, candidate)] == [len(bomb)]


def test_a_body_too_large_to_read_is_refused_with_a_message(client, control, candidate, letter_url):
    response = upload(client, letter_url, "Enorme.pdf", content("pdf", MAX_REQUEST_BYTES + 1), action="attach")
    assert response.status_code == 413 and stored(control, candidate) == []
    assert messages.REQUEST_TOO_LARGE in unescape(response.get_data(as_text=True))


@pytest.mark.parametrize(
    ("filename", "data", "expected"),
    [
        ("formulaire.xlsx", None, "n'est pas au format CSV"),
        ("formulaire.csv", None, "n'est pas un fichier texte CSV lisible"),  # the bomb renamed .csv
        ("formulaire.csv", "huge-cell", "n'est pas du CSV valide"),
        ("formulaire.csv", "many-columns", "n'est pas du CSV valide"),
    ],
)
def test_the_offline_form_refuses_archives_and_huge_cells(client, control, candidate, bomb, filename, data, expected):
    if data is None:
        data = bomb[:150_000]
    elif data == "huge-cell":  # one cell larger than the csv module reads, inside the 200 kB limit
        data = download(client) + ("Formation;Domaine d'études;" + "x" * 150_000 + "\r\n").encode()
    elif data == "many-columns":
        data = (";" * 150_000 + "\r\n").encode()
    response = upload_form(client, data, filename)
    assert response.status_code in (413, 422)
    assert expected in text(response), text(response)[:500]
    assert control.applications(candidate["id"]) == []
