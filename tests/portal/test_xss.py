"""Script and markup typed into any text field come back as the same text, never as markup: on the pages
(escaped in the HTML, read back as typed), in the PDF, and in the e-mails (plain text only)."""

from __future__ import annotations

import html
import re

import pytest
from pypdf import PdfReader

from reference_portal.rules.profile import TABS
from reference_portal.rules.sections import SECTIONS

from .support import Control, login, make_app
from .test_alerts import save
from .test_applications import SECTION_DATA, start
from .test_contact import FORM

SCRIPT = "<script>alert(1)</script>"
SHORT = "<i>\"'&</i>"  # for fields too short for the script


def payload(field, tag: str) -> str:
    """What a hostile person types into this field (tagged so each field's value is told apart)."""
    full = f"{SCRIPT}<b>{tag}</b>"
    return full if len(full) <= field.max_length else SHORT


def text_fields(fields):
    return [f for f in fields if f.kind in ("text", "textarea")]


def assert_inert(response, *typed: str) -> None:
    """Each typed value is in the page as text, and no markup of it is."""
    page = response.get_data(as_text=True)
    assert "<script>alert(1)" not in page and "<b>" not in page and "<i>\"" not in page
    readable = html.unescape(page)
    for value in typed:
        assert value in readable, value


def section_path(section) -> str:
    return f"/etape/7/{section.sub}" if section.sub else f"/etape/{section.step}"


def pdf_text(data: bytes) -> str:
    return "".join((page.extract_text() or "") for page in PdfReader(__import__("io").BytesIO(data)).pages)


@pytest.fixture
def portal(tmp_path, mailbox):
    box, port = mailbox
    app = make_app(tmp_path, SMTP_HOST="127.0.0.1", SMTP_PORT=port)
    client = app.test_client()
    return client, Control(client), box


def test_profile_application_pdf_and_mail_carry_script_as_text(portal):
    client, control, box = portal
    person = control.candidate("complete")
    login(client, person)
    profile: dict[str, dict] = {}
    typed: list[str] = []  # what the application's PDF shows
    for tab in TABS:
        page = client.get(f"/profil/{tab.slug}")
        current = dict(re.findall(r'name="([a-z_]+)" [^>]*value="([^"]*)"', page.get_data(as_text=True)))
        data = {f.name: html.unescape(current.get(f.name, "")) for f in tab.fields}
        data.update(_selected(page.get_data(as_text=True), tab.fields))
        for f in text_fields(tab.fields):
            data[f.name] = payload(f, f.name)
        saved = client.post(f"/profil/{tab.slug}", data=data)
        assert saved.status_code in (302, 303), (tab.slug, saved.get_data(as_text=True)[:3000])
        shown = client.get(f"/profil/{tab.slug}")
        assert_inert(shown, *(data[f.name] for f in text_fields(tab.fields)))
        profile[tab.slug] = data
    opening = control.opening(title=f"{SCRIPT}<b>intitulé</b>", prescreening_questions=["Anglais ?"])
    base = start(client, opening)
    page = client.get(base + "/etape/2").get_data(as_text=True)
    answers = {name: "Oui" for name in re.findall(r'name="(question_\d+)"', page)}
    assert client.post(base + "/etape/2", data={**answers, "action": "save"}).status_code == 302
    for section in SECTIONS:
        if not section.fields:
            continue
        data = dict(SECTION_DATA[section_path(section)])
        for f in text_fields(section.fields):
            data[f.name] = payload(f, f.name)
        response = client.post(base + section_path(section), data={**data, "action": "save"})
        assert response.status_code == 302, (section.key, response.get_data(as_text=True)[:2000])
        assert_inert(client.get(base + section_path(section)), *(data[f.name] for f in text_fields(section.fields)))
        typed += [data[f.name] for f in text_fields(section.fields)]
    for page in ("/etape/8", "/conditions"):
        assert_inert(client.get(base + page))
    assert_inert(client.get("/candidatures"), f"{SCRIPT}<b>intitulé</b>")
    assert_inert(client.get(f"/emplois/{opening['id']}"), f"{SCRIPT}<b>intitulé</b>")
    assert_inert(client.get("/emplois?mots_cles=script"))
    typed += [profile["coordonnees"]["first_name"], profile["coordonnees"]["last_name"], f"{SCRIPT}<b>intitulé</b>"]
    printed = "".join(pdf_text(client.get(base + "/imprimer.pdf").data).split())
    for value in typed:
        assert "".join(value.split()) in printed, value
    assert client.post(base + "/conditions", data={"accept": "yes"}).status_code == 303
    [confirmation] = box.messages
    assert not any(part.get_content_type() == "text/html" for part in confirmation.walk())
    body = confirmation.get_content()
    assert "<b>first_name</b>" in body and "<b>intitulé</b>" in body  # as typed: plain text shows it as text


def _selected(page: str, fields) -> dict[str, str]:
    chosen = {}
    for f in fields:
        if f.kind == "select":
            block = re.search(rf'<select[^>]*name="{f.name}".*?</select>', page, re.S)
            option = re.search(r'<option[^>]*value="([^"]*)"[^>]*selected', block[0]) if block else None
            chosen[f.name] = html.unescape(option[1]) if option else (f.choices[0] if f.required else "")
    return chosen


def test_saved_search_name_is_shown_as_text(portal):
    client, control, box = portal
    login(client, control.candidate("complete"))
    name = f"{SCRIPT}<b>n</b>"[:100]
    assert save(client, name=name).status_code in (302, 303)
    assert_inert(client.get("/emplois/recherches-enregistrees"), name)
    refused = save(client, name=SCRIPT, alert=True, email="pas une adresse")  # a refusal shows the typing inert too
    assert refused.status_code == 422
    assert_inert(refused, SCRIPT)


def test_contact_form_mail_and_pages_carry_script_as_text(portal):
    client, control, box = portal
    typed = {"full_name": f"{SCRIPT}<b>nom</b>", "steps": f"{SCRIPT}<b>étapes</b>", "message": f"{SCRIPT}<b>m</b>"}
    refused = client.post("/contactez-nous", data={**FORM, **typed, "email": "pas une adresse"},
                          content_type="multipart/form-data")
    assert refused.status_code == 422
    assert_inert(refused, *typed.values())
    sent = client.post("/contactez-nous", data={**FORM, **typed}, content_type="multipart/form-data")
    assert sent.status_code == 302
    [mail] = box.messages
    assert not any(part.get_content_type() == "text/html" for part in mail.walk())
    body = mail.get_body(preferencelist=("plain",)).get_content()
    for value in typed.values():
        assert value in body
    assert_inert(client.get(sent.headers["Location"]))


def test_registration_refusal_shows_the_typing_as_text(portal):
    client, control, box = portal
    typed = {"first_name": f"{SCRIPT}<b>p</b>", "last_name": f"{SCRIPT}<b>n</b>", "email": SCRIPT,
             "date_of_birth": SCRIPT, "user_code": SCRIPT}
    refused = client.post("/inscription", data=typed)
    assert refused.status_code == 422
    assert_inert(refused, typed["first_name"], typed["last_name"])
    failed = client.post("/connexion", data={"user_code": SCRIPT, "password": "x" * 12})
    assert failed.status_code == 401
    assert_inert(failed, SCRIPT)
