"""The alternative portal's look-ups, offline form, attachment limit, wording and saved searches (issue 14 point 6),
checked over HTTP: what alt does differently it does on the server, and the rules the guide fixes stay.

Addresses are asked of the portal (``url_for``), so these tests follow wherever alt puts its pages.
"""

from __future__ import annotations

import io
import re
from datetime import date, timedelta
from html import unescape
from pathlib import Path

import pytest
from flask import Flask, url_for
from openpyxl import load_workbook

from fixtures.profiles.alt import make_samples
from harness.profile import load_profile
from reference_portal import db, messages, offline_form
from reference_portal.applications import steps
from reference_portal.models import Application
from reference_portal.rules import sections
from reference_portal.rules.alerts import add_months
from reference_portal.security import new_sign_in

from .support import Control, make_app, text
from .test_attachments import content

PROFILE = load_profile(Path(__file__).parents[2] / "fixtures" / "profiles" / "alt-fr.toml")
INSTITUTION = "Nom de l'établissement"
DAY = 86400


@pytest.fixture
def alt_app(tmp_path: Path) -> Flask:
    return make_app(tmp_path, VARIANT="alt")


@pytest.fixture
def client(alt_app: Flask):
    return alt_app.test_client()


@pytest.fixture
def control(client) -> Control:
    return Control(client)


def sign_in(client, person: dict) -> None:
    """Signed in as the portal's own sign-in does it, without going through its page."""
    with client.application.app_context():
        values = new_sign_in(person["id"])
    with client.session_transaction() as session:
        session.update(values)


@pytest.fixture
def candidate(client, control) -> dict:
    person = control.candidate("complete")
    sign_in(client, person)
    return person


def url(app: Flask, endpoint: str, **values) -> str:
    with app.test_request_context():
        return url_for(endpoint, **values)


def section_url(app: Flask, application_id: int, key: str) -> str:
    with app.test_request_context():
        application = db.session().get(Application, application_id)
        return steps.step_url(application, next(s for s in sections.SECTIONS if s.key == key))


@pytest.fixture
def draft(client, control, candidate) -> dict:
    return control.call("POST", f"/candidates/{candidate['id']}/applications", {}, expect=201)


def education(control: Control, candidate: dict) -> dict:
    return control.applications(candidate["id"])[0]["sections"]["education"][0]


# -- look-ups: a text box and an icon-only 🔍 -------------------------------------------------------------------
def test_a_lookup_is_a_plain_text_box_and_an_icon_named_by_aria_label(alt_app, client, draft):
    html = client.get(section_url(alt_app, draft["id"], "education")).get_data(as_text=True)
    box = re.search(r'<input id="institution"[^>]*>', html)[0]
    assert " required" in box and "list=" not in box and "<datalist" not in html
    icon_name = PROFILE.field_label("lookup_icon").format(label=INSTITUTION)
    icon = re.search(r'<button[^>]*name="lookup" value="institution"[^>]*>(.*?)</button>', html)
    assert f'aria-label="{icon_name}"' in unescape(icon[0])
    assert re.sub(r"<[^>]+>", "", icon[1]).strip() == "🔍"  # icon-only: its name only by aria-label


def test_the_icon_opens_the_list_with_a_choose_button_per_value(alt_app, client, control, candidate, draft):
    page = section_url(alt_app, draft["id"], "education")
    opened = client.post(page, data={"institution": "", "field_of_study": "Droit", "lookup": "institution"})
    assert opened.status_code == 303
    listing = client.get(opened.headers["Location"])
    html = unescape(listing.get_data(as_text=True))
    assert f"<caption>{PROFILE.field_label('lookup_results')}</caption>" in html
    values = re.findall(r'aria-label="Sélectionner ([^"]+)"', html)
    assert len(values) > 1 and messages.COUNTRIES[0] not in values
    assert "Consultation Avancée" in text(listing) and "Long Description" in html
    choice = re.search(r'name="choice" value="([^"]+)"', html)[1]
    chosen = client.post(opened.headers["Location"].split("?")[0], data={"choice": choice})
    assert chosen.status_code == 303 and chosen.headers["Location"].startswith(page)
    stored = education(control, candidate)
    assert stored["institution"] == values[0] and stored["field_of_study"] == "Droit"


def test_an_unknown_lookup_value_is_refused_with_a_message_naming_the_field(alt_app, client, control, candidate,
                                                                            draft):
    page = section_url(alt_app, draft["id"], "education")
    refused = client.post(page, data={"institution": "Université de Nulle-Part", "field_of_study": "Droit",
                                      "action": "save"})
    assert refused.status_code == 422
    html = unescape(refused.get_data(as_text=True))
    assert 'role="alert"' in html and messages.lookup_warning(INSTITUTION) in html
    assert 'value="Université de Nulle-Part"' in html  # the typing stays on the page
    stored = education(control, candidate)
    assert stored["institution"] is None and stored["field_of_study"] == "Droit"
    # Nor can the list's page be sent a value it does not hold.
    lookup = url(alt_app, "lookups.lookup", application_id=draft["id"], field_name="institution")
    assert client.post(lookup, data={"choice": "IAU-999999999"}).status_code == 400
    assert education(control, candidate)["institution"] is None


# -- the offline form: an XLSX workbook ---------------------------------------------------------------------------
def upload(app: Flask, client, data: bytes, filename: str):
    assert client.post(url(app, "applications.new"), data={"origin": "Presse"}).status_code == 302
    chosen = client.post(url(app, "applications.new_options"), data={"choice": "upload"})
    assert chosen.headers["Location"] == url(app, "applications.upload_offline_form")
    return client.post(chosen.headers["Location"], data={"offline_form": (io.BytesIO(data), filename)},
                       content_type="multipart/form-data")


def test_the_blank_form_from_accueil_is_an_xlsx_workbook(alt_app, client, candidate):
    home = client.get(url(alt_app, "home.dashboard")).get_data(as_text=True)
    link = re.search(r'href="([^"]+)"[^>]*>Télécharger le formulaire de candidature hors ligne<', home)[1]
    assert link.endswith(".xlsx")
    blank = client.get(link)
    assert blank.status_code == 200 and blank.mimetype == offline_form.XLSX_MEDIA_TYPE
    assert offline_form.XLSX_FILENAME in blank.headers["Content-Disposition"]
    sheet = load_workbook(io.BytesIO(blank.data))[offline_form.XLSX_SHEET]
    labels = [row[0] for row in sheet.iter_rows(values_only=True)]
    for section in offline_form.offline_sections():
        assert offline_form.section_label(section) in labels
        assert all(f.label in labels for f in section.fields)
    assert client.get(link.replace(".xlsx", ".csv")).status_code == 404  # alt's form has one format


def test_the_reference_portal_keeps_its_csv_form(tmp_path):
    client = make_app(tmp_path).test_client()
    sign_in(client, Control(client).candidate("complete"))
    assert client.get("/candidatures/formulaire-hors-ligne.csv").mimetype == "text/csv"
    assert client.get("/candidatures/formulaire-hors-ligne.xlsx").status_code == 404


def test_a_filled_workbook_starts_an_application_with_its_values(alt_app, client, control, candidate):
    data = (make_samples.HERE / "formulaire-complete.xlsx").read_bytes()
    response = upload(alt_app, client, data, "formulaire-complete.xlsx")
    assert response.status_code == 302, text(response)
    [stored] = control.applications(candidate["id"])
    assert stored["sections"]["education"][0]["institution"] == "Université de Dakar"
    assert stored["sections"]["education"][0]["graduation_year"] == 2012
    assert stored["sections"]["experience"][0]["employer"] == "Programme alimentaire mondial"
    assert stored["sections"]["languages"][0]["language"] == "Espagnol"


def test_numbers_and_dates_a_spreadsheet_made_are_read_as_typed(alt_app, client, control, candidate):
    values = [("Formation", "Année d'obtention", 2012.0),
              ("Expérience professionnelle", "Date de début (mm/aaaa)", date(2015, 9, 1))]
    response = upload(alt_app, client, make_samples.filled_form(values), "rempli.xlsx")
    assert response.status_code == 302, text(response)
    [stored] = control.applications(candidate["id"])
    assert stored["sections"]["education"][0]["graduation_year"] == 2012
    assert stored["sections"]["experience"][0]["start_month"] == "09/2015"


@pytest.mark.parametrize(
    ("name", "data", "problems"),
    [
        ("formulaire-invalide.xlsx", None, ["Année d'obtention", "Langue"]),
        ("abime.xlsx", b"PK\x03\x04 ceci n'est plus un classeur", [messages.OFFLINE_XLSX_UNREADABLE]),
        ("texte.xlsx", b"Section;Champ;Valeur\n", [messages.OFFLINE_XLSX_UNREADABLE]),
        ("formulaire.csv", b"Section;Champ;Valeur\n", [messages.OFFLINE_NOT_XLSX]),
    ],
)
def test_a_malformed_workbook_is_refused_saying_why_and_nothing_is_saved(alt_app, client, control, candidate, name,
                                                                        data, problems):
    if data is None:
        data = (make_samples.HERE / name).read_bytes()
    response = upload(alt_app, client, data, name)
    assert response.status_code == 422
    page = text(response)
    assert messages.OFFLINE_SUMMARY in page and all(problem in page for problem in problems)
    assert control.applications(candidate["id"]) == []


def test_a_workbook_that_is_not_the_form_is_refused(alt_app, client, control, candidate):
    from openpyxl import Workbook

    book, out = Workbook(), io.BytesIO()
    book.active.append(["Nom", "Prénom"])
    book.save(out)
    response = upload(alt_app, client, out.getvalue(), "autre.xlsx")
    assert response.status_code == 422 and messages.OFFLINE_XLSX_NOT_THE_FORM in text(response)
    assert control.applications(candidate["id"]) == []


def test_the_profiles_sample_forms_are_what_make_samples_makes():
    def cells(data: bytes) -> list[tuple]:
        return list(load_workbook(io.BytesIO(data))[offline_form.XLSX_SHEET].iter_rows(values_only=True))

    for name, data in make_samples.samples().items():
        assert cells((make_samples.HERE / name).read_bytes()) == cells(data), f"run make_samples.py again ({name})"
    assert PROFILE.reading("offline_form") == "files"
    assert {PROFILE.reading("offline_form_filled").name, PROFILE.reading("offline_form_malformed").name} == set(
        make_samples.SAMPLES)


# -- attachments: 1 Mb read as 1 000 000 bytes, alt's wording -----------------------------------------------------
@pytest.mark.parametrize(("size", "accepted"), [(999_999, True), (1_000_000, False), (1_048_575, False)])
def test_a_file_must_stay_under_1_000_000_bytes(alt_app, client, control, candidate, draft, size, accepted):
    assert PROFILE.reading("attachment_limit_bytes") == 1_000_000
    page = section_url(alt_app, draft["id"], "cover_letter")
    response = client.post(page, data={"attachment": (io.BytesIO(content("pdf", size)), "Initiales_Diplome.pdf"),
                                       "action": "attach", "letter": "Madame, Monsieur"},
                           content_type="multipart/form-data")
    files = control.call("GET", f"/candidates/{candidate['id']}/attachments")["attachments"]
    if accepted:
        assert response.status_code == 303 and [f["size"] for f in files] == [size]
    else:
        assert response.status_code == 422 and files == []
        assert PROFILE.message("attachment_too_large") in text(response)
        assert messages.ATTACHMENT_TOO_BIG not in unescape(response.get_data(as_text=True))


def test_my_attachments_apply_the_same_limit(alt_app, client, control, candidate):
    add = url(alt_app, "attachments.add_own")
    for size, status in ((1_000_000, 422), (999_999, 303)):
        response = client.post(add, data={"attachment": (io.BytesIO(content("pdf", size)), "Attestation.pdf")},
                               content_type="multipart/form-data")
        assert response.status_code == status
    files = control.call("GET", f"/candidates/{candidate['id']}/attachments")["attachments"]
    assert [f["size"] for f in files] == [999_999]


@pytest.mark.parametrize("name", ["Diplôme de master.pdf", "A" * 47 + ".pdf"])
def test_a_bad_file_name_is_refused_in_alts_words(alt_app, client, control, candidate, draft, name):
    page = section_url(alt_app, draft["id"], "cover_letter")
    response = client.post(page, data={"attachment": (io.BytesIO(content("pdf")), name), "action": "attach"},
                           content_type="multipart/form-data")
    assert response.status_code == 422 and PROFILE.message("attachment_bad_name") in text(response)
    assert control.call("GET", f"/candidates/{candidate['id']}/attachments")["attachments"] == []


def test_the_deadline_and_roster_refusals_are_in_alts_words(alt_app, client, control, candidate):
    tomorrow = (control.now() + timedelta(days=1)).date().isoformat()
    late, roster = control.opening(deadline=tomorrow), control.opening(opening_type="roster")
    control.advance(3 * DAY)
    sign_in(client, candidate)
    refused = client.post(url(alt_app, "jobs.apply", job_id=late["id"]))
    assert refused.status_code == 409 and PROFILE.message("deadline_passed") in text(refused)
    assert messages.OPENING_REFUSALS["deadline"] not in text(refused)
    page = text(client.get(url(alt_app, "jobs.opening", job_id=roster["id"])))
    assert PROFILE.message("not_on_roster") in page and messages.NOT_ON_ROSTER not in page


def test_alts_wording_is_alts_only(tmp_path):
    """The reference portal keeps its own words (its profile quotes them)."""
    client = make_app(tmp_path).test_client()
    control = Control(client)
    person = control.candidate("complete")
    sign_in(client, person)
    draft = control.call("POST", f"/candidates/{person['id']}/applications", {}, expect=201)
    response = client.post(f"/candidatures/{draft['id']}/etape/7/lettre",
                           data={"attachment": (io.BytesIO(content("pdf", 1_000_000)), "Initiales_Diplome.pdf"),
                                 "action": "attach"}, content_type="multipart/form-data")
    assert response.status_code == 303  # 1 000 000 bytes is under the reference's 1 048 576


# -- job search and saved searches: other pages, the same rules ---------------------------------------------------
def save(app: Flask, client, name: str, keywords: str = "", alert: bool = False, email: str = ""):
    data = {"name": name, "mots_cles": keywords, "periode": "tout", "alert_email": email}
    if alert:
        data["alert"] = "yes"
    return client.post(url(app, "alerts.new"), data=data)


def saved_ids(app: Flask) -> dict[str, int]:
    from reference_portal.models import SavedSearch

    with app.app_context():
        return {s.name: s.id for s in db.session().query(SavedSearch)}


def test_the_search_page_keeps_the_guides_labels(alt_app, client, candidate):
    page = client.get(url(alt_app, "jobs.search")).get_data(as_text=True)
    for label in ("Rechercher", "Enregistrer recherche", "Rech. offres publiées sous", "Tt moment"):
        assert f">{label}<" in page
    assert f">{PROFILE.field_label('search_keywords')}<" in unescape(page)
    assert f">{PROFILE.field_label('saved_searches')}<" in page
    assert "<h2>Offres d'emploi</h2>" in unescape(page) and "<h1>Recherche d'emploi</h1>" not in unescape(page)


def test_at_most_five_saved_searches_deleted_by_their_rows_button(alt_app, client, candidate):
    for n in range(1, 6):
        assert save(alt_app, client, f"Recherche {n}").status_code == 302
    refused = save(alt_app, client, "Recherche 6")
    assert refused.status_code == 409 and "5" in text(refused)
    assert 'value="Recherche 6"' in refused.get_data(as_text=True)
    listing = client.get(url(alt_app, "alerts.index")).get_data(as_text=True)
    assert f">{PROFILE.field_label('saved_searches_heading')}</h2>" in listing
    for n in range(1, 6):
        assert f">{PROFILE.control_name('delete_saved_search', title=f'Recherche {n}')}</button>" in listing
    first = saved_ids(alt_app)["Recherche 1"]
    assert client.post(url(alt_app, "alerts.delete", search_id=first)).status_code == 302
    assert save(alt_app, client, "Recherche 6").status_code == 302
    assert set(saved_ids(alt_app)) == {f"Recherche {n}" for n in range(2, 7)}


def test_an_alert_needs_a_valid_address_and_a_search_a_name(alt_app, client, candidate):
    refused = save(alt_app, client, "Alerte", alert=True, email="pas-une-adresse")
    assert refused.status_code == 422 and "Envoyer une notification Alerte emploi à :" in text(refused)
    unnamed = save(alt_app, client, "")
    assert unnamed.status_code == 422 and PROFILE.field_label("search_name") in text(unnamed)
    assert saved_ids(alt_app) == {}


@pytest.mark.parametrize(("offset_days", "state", "other"), [(-1, "saved_search_valid", "saved_search_expired"),
                                                              (1, "saved_search_expired", "saved_search_valid")])
def test_a_saved_search_is_valid_six_months(alt_app, client, control, candidate, offset_days, state, other):
    saved_at = control.now()
    save(alt_app, client, "Bornes", "juriste")
    control.advance((add_months(saved_at, 6) - control.now()).total_seconds() + offset_days * DAY)
    sign_in(client, candidate)
    listing = text(client.get(url(alt_app, "alerts.index")))
    assert "Bornes" in listing and PROFILE.field_label(state) in listing
    assert PROFILE.field_label(other) not in listing
