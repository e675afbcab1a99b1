"""The alternative portal's application pages (reference_portal/variant.py, ``one_page_application`` and
``row_links``): every section on one page, each with its own form, and the rules still held by the server
whatever the layout (only drafts change, step 8 needs the earlier sections)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from flask import Flask
from flask.testing import FlaskClient

from reference_portal import messages
from reference_portal.variant import ALT_PREFIX

from .support import Control, make_app, text
from .test_applications import SECTION_DATA

APPLICATIONS = ALT_PREFIX + "/candidatures"
SECTION_NAMES = ("Questions de présélection", "Formation", "Expérience professionnelle", "Connaissances linguistiques",
                 "Compétences et formations", "Lettre de motivation")
SUB_SECTIONS = ("Lettre de motivation et pièces-jointes", "Références", "Dernières questions", "Vérifier Mon profil")


@pytest.fixture
def alt_app(tmp_path: Path) -> Flask:
    return make_app(tmp_path, VARIANT="alt")


@pytest.fixture
def alt_client(alt_app: Flask) -> FlaskClient:
    return alt_app.test_client()


@pytest.fixture
def alt_control(alt_client: FlaskClient) -> Control:
    return Control(alt_client)


@pytest.fixture
def alt_candidate(alt_control: Control, alt_client: FlaskClient) -> dict:
    """A candidate with a complete profile, signed in the way the control API gives a browser its session."""
    person = alt_control.candidate("complete")
    (cookie,) = alt_control.call("POST", f"/candidates/{person['id']}/sign-in", expect=201)["cookies"]
    alt_client.set_cookie(cookie["name"], cookie["value"], path=cookie.get("path", "/"))
    return person


def start(client: FlaskClient, opening: dict | None = None) -> str:
    """A new blank draft through step 1; its base URL (…/candidatures/<id>)."""
    data = {"origin": "Presse", **({"emploi": opening["id"]} if opening else {})}
    assert client.post(APPLICATIONS + "/nouvelle", data=data).status_code == 302
    response = client.post(APPLICATIONS + "/nouvelle/options", data={"choice": "new"})
    assert response.status_code == 302, text(response)
    return response.headers["Location"].rsplit("/etape", 1)[0]


def fill_everything(client: FlaskClient, base: str) -> None:
    html = client.get(base + "/etape/2").get_data(as_text=True)
    answers = {name: "Oui" for name in re.findall(r'name="(question_\d+)"', html)}
    assert client.post(base + "/etape/2", data={**answers, "action": "save"}).status_code == 302
    for path, data in SECTION_DATA.items():
        assert client.post(base + path, data={**data, "action": "save"}).status_code == 302


def test_every_section_on_one_page_each_with_its_form(alt_client, alt_candidate):
    base = start(alt_client)
    page = alt_client.get(base + "/etape/2")
    html = page.get_data(as_text=True)
    assert page.status_code == 200 and "Étape" not in text(page)  # alt numbers only step 8 of 8
    nav = html.split('aria-label="Sections du dossier"', 1)[1].split("</nav>", 1)[0]
    for name in (*SECTION_NAMES, *SUB_SECTIONS):
        assert re.search(rf'<a href="#[a-z-]+">{re.escape(name)}</a>', nav.replace("&#39;", "'")), name
    assert f'href="{base}/etape/8">Vérifier/soumettre</a>' in nav
    # One region per section and sub-section, each with its own form to that section's own address.
    assert len(re.findall(r'<section id="[a-z-]+" aria-labelledby=', html)) == 9
    actions = re.findall(r'<form method="post" action="([^"]+/etape/[^"]+)"', html)
    assert actions == [base + path for path in ("/etape/2", *SECTION_DATA)] + [base + "/etape/7/profil"]
    assert html.count(">Enregistrer</button>") == 2 * 9 and html.count(">Suivant</button>") == 9


def test_a_section_saved_from_the_one_page_is_stored_and_the_others_kept(alt_client, alt_control, alt_candidate):
    base = start(alt_client)
    saved = alt_client.post(base + "/etape/5", data={"language": "Français", "level": "Courant", "action": "save"})
    assert saved.status_code == 302 and saved.headers["Location"] == base + "/etape/5#connaissances-linguistiques"
    letter = alt_client.post(base + "/etape/7/lettre", data={"letter": "Madame, Monsieur", "action": "next"})
    assert letter.headers["Location"] == base + "/etape/7/references#references"
    stored = alt_control.applications(alt_candidate["id"])[0]["sections"]
    assert stored["languages"][0] == {"language": "Français", "level": "Courant"}
    assert stored["cover_letter"][0]["letter"] == "Madame, Monsieur"
    html = alt_client.get(base + "/etape/2").get_data(as_text=True)
    assert '<option value="Français" selected>' in html and "Madame, Monsieur</textarea>" in html
    last = alt_client.post(base + "/etape/7/profil", data={"action": "next"})
    assert last.headers["Location"] == base + "/etape/8"


def test_a_malformed_value_is_refused_in_its_own_section(alt_client, alt_control, alt_candidate):
    base = start(alt_client)
    refused = alt_client.post(base + "/etape/3", data={"degree": "Master", "graduation_year": "12", "action": "save"})
    assert refused.status_code == 422
    html = refused.get_data(as_text=True)
    education = html.split('<section id="formation"', 1)[1].split("</section>", 1)[0]
    assert 'role="alert"' in education and 'value="12"' in education
    assert html.count('role="alert"') == 1  # only the section that was sent
    stored = alt_control.applications(alt_candidate["id"])[0]["sections"]["education"][0]
    assert stored["degree"] == "Master" and stored["graduation_year"] is None


def test_a_submitted_applications_sections_cannot_be_changed_by_post(alt_client, alt_control, alt_candidate):
    opening = alt_control.opening(prescreening_questions=["Parlez-vous anglais ?"])
    base = start(alt_client, opening)
    fill_everything(alt_client, base)
    terms = alt_client.get(base + "/conditions").get_data(as_text=True)
    assert "<h2>Soumettre ma candidature</h2>" in terms and "<h3>Conditions générales</h3>" in terms
    assert alt_client.post(base + "/conditions", data={"accept": "yes"}).status_code == 303
    assert "Nous avons bien reçu votre candidature" in text(alt_client.get(base + "/confirmation"))
    for path in ("/etape/3", "/etape/7/lettre"):
        data = {"letter": "Autre texte", "field_of_study": "Autre", "action": "save"}
        refused = alt_client.post(base + path, data=data)
        assert refused.status_code == 409 and messages.ALREADY_SUBMITTED in text(refused)
    stored = alt_control.applications(alt_candidate["id"])[0]
    assert stored["status"] == "Postulé"
    assert stored["sections"]["cover_letter"][0]["letter"] == SECTION_DATA["/etape/7/lettre"]["letter"]
    assert stored["sections"]["education"][0]["field_of_study"] == "Droit"
    page = alt_client.get(base + "/etape/2").get_data(as_text=True)
    assert "/etape/" not in "".join(re.findall(r'<form method="post" action="([^"]+)"', page))
    assert ">Enregistrer</button>" not in page and "disabled" in page


def test_an_incomplete_application_cannot_be_submitted(alt_client, alt_control, alt_candidate):
    opening = alt_control.opening(prescreening_questions=["Parlez-vous anglais ?"])
    base = start(alt_client, opening)
    alt_client.post(base + "/etape/3", data={"institution": "Sorbonne", "action": "save"})
    review = alt_client.get(base + "/etape/8")
    assert "Étape 8 sur 8" in text(review)
    assert re.search(r"<button type=\"submit\"[^>]* disabled[^>]*>Soumettre candidature</button>",
                     review.get_data(as_text=True))
    assert alt_client.post(base + "/conditions", data={"accept": "yes"}).status_code == 409
    assert alt_control.applications(alt_candidate["id"])[0]["status"] == "Brouillon"


def test_review_pencils_lead_to_each_sections_anchor(alt_client, alt_candidate):
    base = start(alt_client)
    html = alt_client.get(base + "/etape/8").get_data(as_text=True)
    assert f'href="{base}/etape/7/lettre#lettre-et-pieces-jointes" aria-label="Modifier Lettre de motivation' in html
    assert f'href="{base}/etape/3#formation" aria-label="Modifier Formation"' in html


def test_rows_name_their_links(alt_client, alt_control, alt_candidate):
    opening = alt_control.opening(title="Traducteur arabe")
    alt_control.call("POST", f"/candidates/{alt_candidate['id']}/applications",
                     {"opening_id": opening["id"], "status": "Postulé"}, expect=201)
    draft = alt_control.call("POST", f"/candidates/{alt_candidate['id']}/applications", {}, expect=201)
    html = alt_client.get(APPLICATIONS).get_data(as_text=True)
    assert f'aria-label="Modifier le dossier n° {draft["id"]}"' in html and f"<td>{draft['id']}</td>" in html
    assert ">Voir la candidature Traducteur arabe</a>" in html
    assert ">Modifier</a>" not in html and ">Consulter</a>" not in html
    assert ">Ajouter la pièce jointe</button>" not in html and ">Déposer le fichier</button>" in html
