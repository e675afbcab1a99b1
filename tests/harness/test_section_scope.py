"""Where a page shows several sections, each with its own « Enregistrer » and « Suivant » (an application on one
page), the driver presses the button of the section the person is working in: the one last gone to or shown,
or the one holding the field last used. A name that matches several controls where one is meant fails in one
line, not with Playwright's strict-mode error (issue 14)."""

from pathlib import Path

import pytest

from harness.labels import LabelNotFound
from harness.paths import PROFILES_DIR
from harness.profile import load_profile
from steps.driver import Driver

BASE = "http://portal.test"


def _section(anchor: str, name: str, field: str) -> str:
    return f"""<section id="{anchor}" aria-labelledby="{anchor}-t"><h2 id="{anchor}-t">{name}</h2>
      <label for="{anchor}-f">{field}</label><input id="{anchor}-f" required>
      <button onclick="document.title = '{anchor} ' + this.textContent">Enregistrer</button>
      <button onclick="document.title = '{anchor} ' + this.textContent">Suivant</button></section>"""


PAGES = {
    "/one-page": '<nav><a href="#formation">Formation</a> <a href="#langues">Connaissances linguistiques</a></nav>'
    + _section("formation", "Formation", "Domaine d'études")
    + _section("langues", "Connaissances linguistiques", "Langue")
    + '<button onclick="document.title = \'page Fermer\'">Fermer</button>',
    "/rows": """<table><tr><td>12</td><td><a href="#a" aria-label="Modifier le dossier n° 12">✏</a></td></tr>
      <tr><td>13</td><td><a href="#b" aria-label="Modifier le dossier n° 13">✏</a></td></tr></table>""",
}


@pytest.fixture
def driver(chromium, tmp_path: Path) -> Driver:
    page = chromium.new_page(base_url=BASE)
    page.set_default_timeout(3000)

    def serve(route):
        body = PAGES.get(route.request.url.removeprefix(BASE).split("#")[0])
        if body is None:
            route.fulfill(status=404, body="")
        else:
            route.fulfill(content_type="text/html; charset=utf-8", body=f"<!doctype html><html lang=fr>{body}</html>")

    page.route(f"{BASE}/**", serve)
    page.goto("/one-page")
    yield Driver(page, load_profile(PROFILES_DIR / "alt-fr.toml"))
    page.close()


def test_the_button_of_the_section_gone_to_is_pressed(driver: Driver):
    driver.go_to("Connaissances linguistiques")
    driver.click_button("Suivant")
    assert driver.page.title() == "langues Suivant"
    driver.expect_on("Formation")
    driver.click_button("Enregistrer")
    assert driver.page.title() == "formation Enregistrer"


def test_the_button_of_the_section_holding_the_field_last_used_is_pressed(driver: Driver):
    driver.go_to("Formation")
    driver.fill_labelled("Langue", "Français")
    driver.click_button("Enregistrer")
    assert driver.page.title() == "langues Enregistrer"


def test_a_button_the_page_shows_once_is_found_outside_the_section(driver: Driver):
    driver.go_to("Formation")
    driver.click_button("Fermer")
    assert driver.page.title() == "page Fermer"


def test_required_fields_are_filled_in_the_section_at_hand_only(driver: Driver):
    driver.go_to("Connaissances linguistiques")
    assert driver.fill_required_fields() == ["textbox"]
    assert driver.field("Domaine d'études").input_value() == "" and driver.field("Langue").input_value() != ""


def test_several_buttons_and_no_section_at_hand_fail_in_one_line(driver: Driver):
    with pytest.raises(LabelNotFound, match=r"^2 controls match 'Suivant' \(button\) on http://portal\.test/one-page"):
        driver.click_button("Suivant")


def test_a_row_pattern_matching_several_links_fails_in_one_line(driver: Driver):
    driver.open("/rows")
    name = driver.control_name("open_draft")
    with pytest.raises(LabelNotFound) as failure:
        driver.find("link", name)
    message = str(failure.value)
    assert "\n" not in message and message.startswith("2 controls match '^Modifier le dossier n° ")
    driver.find("link", driver.control_name("open_draft", n=13)).click()
    assert driver.url.endswith("#b")
