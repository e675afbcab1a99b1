"""Mandatory fields the harness does not know (a portal's own « Objet » on its contact form) get a value of
their kind, a drop-down list one of its real choices, never its prompt; what a scenario types itself wins."""

import pytest

from harness.paths import PROFILES_DIR
from harness.profile import load_profile
from steps.driver import Driver
from steps.pages import ContactForm

CONTACT_FORM = """<form>
<label>Nom complet <input name=full_name required></label>
<label>Code utilisateur <input name=user_code required></label>
<label>Objet <select name=subject required><option value="">Sélectionnez un objet</option>
  <option value="compte">Connexion ou compte</option><option value="autre">Autre</option></select></label>
<label>Précisions <input name=details></label>
<label>Message <textarea name=message required></textarea></label>
</form>"""


@pytest.fixture
def driver(chromium) -> Driver:
    page = chromium.new_page()
    page.set_default_timeout(3000)
    yield Driver(page, load_profile(PROFILES_DIR / "reference-fr.toml"))
    page.close()


def test_a_required_list_gets_a_real_choice_not_its_prompt(driver: Driver):
    driver.page.set_content(CONTACT_FORM)
    filled = driver.fill_required_fields()
    assert set(filled) == {"full_name", "user_code", "subject", "message"}
    assert driver.page.get_by_label("Objet").input_value() == "compte"
    assert driver.page.get_by_label("Précisions").input_value() == ""  # not required: left alone


def test_the_contact_form_fills_what_it_does_not_know_and_keeps_a_field_left_blank(driver: Driver):
    driver.page.set_content(CONTACT_FORM)
    ContactForm(driver).fill({"contact_full_name": "", "contact_user_code": "cand42", "contact_message": "Bonjour"})
    assert driver.page.get_by_label("Objet").input_value() == "compte"
    assert driver.page.get_by_label("Nom complet").input_value() == ""  # the scenario's blank stays blank
    assert driver.page.get_by_label("Code utilisateur").input_value() == "cand42"
    assert driver.page.get_by_label("Message").input_value() == "Bonjour"
