"""The form filler fills a look-up field wherever its values are offered: from the text box's suggestions (a
<datalist>), or, where the text box suggests nothing, through its 🔍 icon and the list of values it opens (the
profile's lookup_icon, lookup_results and lookup_choose), the first value chosen (issue 14)."""

from urllib.parse import parse_qs, quote, urlsplit

import pytest

from harness.paths import PROFILES_DIR
from harness.profile import load_profile
from steps.driver import Driver

BASE = "http://portal.test"
VALUES = ("Université de Dakar", "Université de Paris")


def section(value: str = "", datalist: bool = False) -> str:
    suggestions = "".join(f'<option value="{v}">' for v in VALUES)
    return f"""<h1>Formation</h1><form action="/formation">
      <label for="i"><span id="i-label">Nom de l'établissement</span> <span aria-hidden="true">*</span></label>
      <input id="i" name="institution" aria-labelledby="i-label" required value="{value}"
        {'list="l"' if datalist else ''}>{f'<datalist id="l">{suggestions}</datalist>' if datalist else ''}
      <a href="/liste" aria-label="Ouvrir la liste des valeurs de Nom de l'établissement">🔍</a>
      <label for="d">Domaine d'études</label><input id="d" name="field_of_study" required>
      <label for="c">Pays de l'établissement</label><input id="c" name="country"></form>"""


LIST = "<table><caption>Valeurs de la liste</caption>" + "".join(
    f'<tr><td>{v}</td><td><a href="/formation?v={quote(v)}" aria-label="Sélectionner {v}">Sélectionner</a></td></tr>'
    for v in VALUES) + "</table>"


@pytest.fixture
def page(chromium):
    page = chromium.new_page(base_url=BASE)
    page.set_default_timeout(3000)
    opened: list[str] = []

    def serve(route):
        parts = urlsplit(route.request.url)
        opened.append(parts.path)
        if parts.path == "/formation":
            value = parse_qs(parts.query).get("v", [""])[0]
            body = section(value, datalist="datalist" in parts.query)
        elif parts.path == "/liste":
            body = LIST
        else:
            route.fulfill(status=404, body="")
            return
        route.fulfill(content_type="text/html; charset=utf-8", body=f"<!doctype html><html lang=fr>{body}</html>")

    page.route(f"{BASE}/**", serve)
    page.opened = opened
    yield page
    page.close()


def alt_profile():
    return load_profile(PROFILES_DIR / "alt-fr.toml")


def test_a_lookup_without_suggestions_is_filled_through_its_icon_and_list(page):
    driver = Driver(page, alt_profile())
    driver.open("/formation")
    filled = driver.fill_required_fields()
    assert filled == ["institution", "field_of_study"]
    assert page.get_by_label("Nom de l'établissement", exact=True).input_value() == VALUES[0]
    assert page.get_by_label("Domaine d'études").input_value()  # the rest filled after coming back
    assert page.get_by_label("Pays de l'établissement").input_value() == ""  # optional: left empty
    assert page.opened.count("/liste") == 1


def test_a_lookup_with_suggestions_takes_the_first_without_opening_its_list(page):
    driver = Driver(page, alt_profile())
    driver.open("/formation?datalist=1")
    # A text box with suggestions is a combobox to assistive technology: filled with the drop-down lists.
    assert driver.fill_required_fields() == ["institution", "field_of_study"]  # in the page's order
    assert page.get_by_label("Nom de l'établissement", exact=True).input_value() == VALUES[0]
    assert "/liste" not in page.opened


def test_a_text_box_with_no_icon_of_the_profiles_name_is_typed_into(page):
    """With the reference profile the icon's name (« Rechercher : … ») is not this page's: no list is opened."""
    driver = Driver(page, load_profile(PROFILES_DIR / "reference-fr.toml"))
    driver.open("/formation")
    assert driver.fill_required_fields() == ["institution", "field_of_study"]
    assert "/liste" not in page.opened
