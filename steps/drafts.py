"""Steps of section 3: the three ways to start a draft, the offline form, the « Carrières » table and
« Voir/Imprimer PHP »."""

from __future__ import annotations

import csv
import io
import re
import secrets
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from playwright.sync_api import expect
from pypdf import PdfReader
from pytest_bdd import given, parsers, then, when

from fixtures.control import ControlClient
from fixtures.provision import PortalLists
from steps.driver import Driver
from steps.pages import ApplicationFlow, LookupDialog, MyApplications

THREE_OPTIONS = re.compile(r"« (.+?) »")
# Where the guide's deadlines live; a portal may also show dates in UTC: either day is accepted.
NEW_YORK = ZoneInfo("America/New_York")


@pytest.fixture
def previous_applications() -> dict[str, dict]:
    """The applications a scenario stored for its candidate, by the title of their opening."""
    return {}


def _unique(title: str) -> str:
    """The opening's title made unique to the scenario (openings are shared by every worker)."""
    return f"{title} {secrets.token_hex(3).upper()}"


def _store_application(control: ControlClient, candidate: dict, store: dict, title: str, **body) -> dict:
    opening = control.create_opening(title=_unique(title), level="P-3", job_family="Legal", duty_station="Genève")
    stored = control.call(
        "POST", f"/candidates/{candidate['id']}/applications", {"opening_id": opening["id"], **body}
    )
    store[title] = {**stored, "title": opening["title"], "number": opening["number"]}
    return stored


@given(
    parsers.parse("ce candidat a déjà enregistré une candidature « {title} » dont la formation est à « {institution} »")
)
def saved_application(
    control: ControlClient, portal_lists: PortalLists, candidate: dict, previous_applications: dict, title: str,
    institution: str,
) -> None:
    """The institution as the portal's own list holds it (the one named, or one of its own in its place)."""
    value = portal_lists.value("education.institution", institution)
    _store_application(control, candidate, previous_applications, title, sections={"education": {"institution": value}})


@given(parsers.parse("ce candidat a soumis une candidature « {title} »"))
def submitted_application(control: ControlClient, candidate: dict, previous_applications: dict, title: str) -> None:
    _store_application(control, candidate, previous_applications, title, status="Postulé")


@given("ce candidat a un projet de candidature")
def draft_application(control: ControlClient, candidate: dict) -> None:
    control.call("POST", f"/candidates/{candidate['id']}/applications", {})


# -- the three options ---------------------------------------------------------------------------------
@then(parsers.parse("les options {options} sont proposées"))
def options_offered(driver: Driver, options: str) -> None:
    for option in THREE_OPTIONS.findall(options):
        expect(ApplicationFlow(driver).option(option)).to_be_attached()


@then(parsers.parse("l'option « {option} » n'est pas disponible et la page dit pourquoi"))
def option_unavailable(driver: Driver, option: str) -> None:
    radio = ApplicationFlow(driver).option(option)
    expect(radio).to_be_disabled()
    expect(radio).to_have_accessible_description(re.compile(r"\w{3,}"))


@then(
    parsers.parse("le tableau « Modèle de candidature précédente » montre la candidature « {title} » et pas les autres")
)
def template_shown(driver: Driver, previous_applications: dict, title: str) -> None:
    for name, stored in previous_applications.items():
        expect(ApplicationFlow(driver).template_rows(stored["title"])).to_have_count(1 if name == title else 0)


@when(parsers.parse("je clique sur l'icône 🔍 « {name} »"))
def click_lookup_icon(driver: Driver, name: str) -> None:
    LookupDialog(driver).click_icon_named(name)


@when(parsers.parse("je choisis la candidature « {title} »"))
def choose_template(driver: Driver, previous_applications: dict, title: str) -> None:
    ApplicationFlow(driver).choose_template(previous_applications[title]["title"])


@then(parsers.parse("le champ « {label} » vaut « {value} »"))
def field_value(driver: Driver, portal_lists: PortalLists, label: str, value: str) -> None:
    driver.expect_value(label, portal_lists.shown(value))


@then(parsers.parse("« Suivant » mène d'une page à la suivante dans cet ordre, chacune indiquant son étape :"))
def walk_with_step_numbers(driver: Driver, datatable: list[list[str]]) -> None:
    header, *rows = datatable
    ApplicationFlow(driver).walk_numbered([(page_name, position) for page_name, position in rows])


@then(parsers.parse("la page indique son étape « {position} »"))
def step_position_shown(driver: Driver, position: str) -> None:
    driver.expect_step_position(position)


# -- the « Carrières » page ----------------------------------------------------------------------------
def _days(moment: str) -> set[str]:
    instant = datetime.fromisoformat(moment.replace("Z", "+00:00"))
    return {instant.strftime("%d/%m/%Y"), instant.astimezone(NEW_YORK).strftime("%d/%m/%Y")}


@then(
    parsers.parse(
        "la candidature « {title} » a le statut « {status} » et pour « {column} » le jour de sa soumission"
    )
)
def submission_date_shown(driver: Driver, previous_applications: dict, title: str, status: str, column: str) -> None:
    stored = previous_applications[title]
    MyApplications(driver).row(stored["title"])
    (row,) = [r for r in MyApplications(driver).table_rows() if any(stored["title"] in cell for cell in r.values())]
    assert driver.label(status) in row.values(), f"the row {row} does not show the status {status!r}"
    shown = row.get(driver.label(column))
    assert shown in _days(stored["submitted_at"]), f"{column!r} shows {shown!r}, not the day of submission"


@then(parsers.parse("la candidature au statut « {status} » a une « {column} » vide"))
def draft_date_empty(driver: Driver, status: str, column: str) -> None:
    rows = [r for r in MyApplications(driver).table_rows() if driver.label(status) in r.values()]
    assert rows, f"no application with the status {status!r} in the table"
    assert all(not r.get(driver.label(column)) for r in rows), f"{column!r} is not empty for a draft: {rows}"


@then(parsers.parse("la candidature « {title} » n'offre pas le lien de modification d'un projet"))
def no_edit_link(driver: Driver, previous_applications: dict, title: str) -> None:
    expect(MyApplications(driver).edit_link(previous_applications[title]["title"])).to_have_count(0)


@when(parsers.parse("j'ouvre la candidature « {title} »"))
def open_application(driver: Driver, previous_applications: dict, title: str) -> None:
    MyApplications(driver).open_application(previous_applications[title]["title"])


@then(parsers.parse("aucun bouton « {button} » n'est proposé et le champ « {label} » n'est pas modifiable"))
def read_only_section(driver: Driver, button: str, label: str) -> None:
    expect(driver.labelled(label)).not_to_be_editable()
    driver.expect_no_button(button)


# -- « Voir/Imprimer PHP » -----------------------------------------------------------------------------
@when(
    parsers.parse("je suis le lien « {link} » de la candidature « {title} »"),
    target_fixture="printout",
)
def follow_print_link(driver: Driver, previous_applications: dict, link: str, title: str) -> dict:
    return MyApplications(driver).follow_print_link(previous_applications[title]["title"], link)


@then("j'obtiens un document PDF qui nomme le candidat")
def pdf_names_candidate(printout: dict, candidate: dict) -> None:
    body = printout["body"]
    assert body.startswith(b"%PDF"), f"not a PDF: starts with {body[:20]!r}"
    shown = " ".join(pdf_text(body).split())
    for name in (candidate["first_name"], candidate["last_name"]):
        assert name in shown, f"the PDF does not name the candidate ({name!r} missing)"


@then("aucune fenêtre pop-up ne s'est ouverte")
def no_popup(printout: dict) -> None:
    assert printout["popups"] == [], f"« Voir/Imprimer PHP » opened {len(printout['popups'])} pop-up window(s)"


def pdf_text(data: bytes) -> str:
    """The text a PDF shows, read with pypdf (any PDF a portal makes, embedded fonts included)."""
    return "\n".join(page.extract_text() or "" for page in PdfReader(io.BytesIO(data)).pages)


# -- the offline form ----------------------------------------------------------------------------------
@when(
    parsers.parse("je télécharge le formulaire de candidature hors ligne depuis la page « {home} »"),
    target_fixture="offline_form",
)
def download_offline_form(driver: Driver, tmp_path: Path, home: str) -> Path:
    driver.expect_on(home)
    path = ApplicationFlow(driver).download_offline_form(tmp_path)
    assert path.stat().st_size > 0, "the offline form downloaded is an empty file"
    return path


@pytest.fixture
def offline_upload() -> dict[str, Path]:
    """The file to put online, when it is not the downloaded form filled by the harness."""
    return {}


def _dialect(text: str) -> str:
    """The separator of the form's header row (« Section », « Champ », « Valeur »)."""
    for line in text.splitlines():
        for delimiter in (";", ",", "\t"):
            cells = [c.strip().strip('"') for c in line.split(delimiter)]
            if {"Section", "Champ", "Valeur"} <= set(cells):
                return delimiter
    raise AssertionError("the offline form has no header row « Section », « Champ », « Valeur »")


@when(parsers.re("je remplis le formulaire hors ligne avec (?P<kind>des valeurs invalides )?:"),
      target_fixture="offline_values")
def fill_offline_form(driver: Driver, offline_form: Path, offline_upload: dict[str, Path], kind: str | None,
                      datatable: list[list[str]]) -> list[tuple[str, str, str]]:
    header, *wanted = datatable
    # The guide fixes no format (3.v): the harness fills its own CSV only where the profile says the form is
    # that CSV; otherwise the vendor filled its own form with the same values (readings.offline_form_*).
    if driver.profile.reading("offline_form") == "files":
        offline_upload["path"] = driver.profile.reading("offline_form_malformed" if kind else "offline_form_filled")
        return [tuple(row) for row in wanted]
    text = offline_form.read_bytes().decode("utf-8-sig")
    delimiter = _dialect(text)
    rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))
    columns = next(r for r in rows if {"Section", "Champ", "Valeur"} <= {c.strip() for c in r})
    section_col, label_col, value_col = (columns.index(name) for name in ("Section", "Champ", "Valeur"))
    for section, label, value in wanted:
        matches = [r for r in rows if len(r) > label_col and (r[section_col], r[label_col]) == (section, label)]
        assert len(matches) == 1, f"the offline form has no single row for {section!r} / {label!r}"
        matches[0][value_col:value_col + 1] = [value]
    out = io.StringIO()
    csv.writer(out, delimiter=delimiter).writerows(rows)
    offline_form.write_bytes(out.getvalue().encode("utf-8-sig"))
    return [tuple(row) for row in wanted]


@when("je mets en ligne le formulaire complété et je clique sur « Suivant »")
def upload_offline_form(driver: Driver, offline_form: Path, offline_upload: dict[str, Path]) -> None:
    driver.named_field("offline_form_file").set_input_files(offline_upload.get("path", offline_form))
    driver.click_button("Suivant")


@then("chaque valeur du formulaire se retrouve dans sa section")
def offline_values_stored(driver: Driver, offline_values: list[tuple[str, str, str]]) -> None:
    driver.expect_on("Questions de présélection")
    for section, label, value in offline_values:
        driver.go_to(section)
        driver.expect_value(label, value)


@then(parsers.parse("un avertissement nomme « {first} » et « {second} »"))
def warning_names(driver: Driver, first: str, second: str) -> None:
    for label in (first, second):
        driver.expect_alert_naming(driver.label(label))


@then("la page de mise en ligne du formulaire est toujours affichée")
def still_on_upload(driver: Driver) -> None:
    expect(driver.named_field("offline_form_file")).to_be_visible()


@then("aucune candidature n'a été enregistrée pour ce candidat")
def nothing_stored(control: ControlClient, candidate: dict) -> None:
    assert control.applications(candidate["id"]) == []
