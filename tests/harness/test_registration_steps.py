"""Who makes the user code is the portal's choice (readings.user_code): the harness types one only where the
candidate makes it, and otherwise looks for the one the portal shows after « Inscription »."""

from datetime import date
from pathlib import Path

import pytest

from fixtures.data import Person
from harness.labels import LabelNotFound
from harness.paths import PROFILES_DIR
from harness.profile import load_profile
from steps.driver import Driver
from steps.pages import Registration
from steps.registration import fill_registration, user_code_settled

PERSON = Person("Awa", "Diop", "awa.diop@exemple.org", date(1990, 3, 5), "ADIOP42", "Mot-de-passe-1")
# A registration form without a user-code field, as on a portal that issues the code itself.
FORM = """<form><label>Prénom <input name=a></label><label>Nom <input name=b></label>
<label>Adresse email <input name=c></label><label>Date de naissance (jj/mm/aaaa) <input name=d></label>
<label>Mot de passe <input name=e type=password></label>
<label>Confirmer le mot de passe <input name=f type=password></label></form>"""




def driver_for(chromium, tmp_path: Path, user_code: str) -> Driver:
    path = tmp_path / f"{user_code}.toml"
    path.write_text(f'extends = "{PROFILES_DIR / "reference-fr.toml"}"\nname = "vendor"\n'
                    f'[readings]\nuser_code = "{user_code}"\n', encoding="utf-8")
    page = chromium.new_page()
    page.set_default_timeout(3000)
    return Driver(page, load_profile(path))


def test_a_portal_issuing_the_code_gets_no_code_typed_and_must_show_it(chromium, tmp_path):
    driver = driver_for(chromium, tmp_path, "portal")
    driver.page.set_content(FORM)
    fill_registration(driver, PERSON, PERSON.date_of_birth_fr)
    assert driver.page.get_by_label("Prénom").input_value() == "Awa"
    driver.page.set_content("<h1>Accueil</h1><p>Votre compte a été créé. Code utilisateur : AB12CD</p>")
    user_code_settled(driver)
    driver.page.set_content("<h1>Accueil</h1><p>Votre compte a été créé.</p>")
    with pytest.raises(LabelNotFound, match="Code utilisateur : <the issued code>"):
        user_code_settled(driver)


def test_a_candidate_making_the_code_types_it(chromium, tmp_path):
    driver = driver_for(chromium, tmp_path, "candidate")
    driver.page.set_content(FORM)
    with pytest.raises(LabelNotFound, match="Code utilisateur"):
        fill_registration(driver, PERSON, PERSON.date_of_birth_fr)


def test_the_issued_code_is_read_from_its_label_not_from_a_mention_of_code_utilisateur_oublie(chromium, tmp_path):
    driver = driver_for(chromium, tmp_path, "portal")
    driver.page.set_content("<h2>Compte créé</h2><p>Code utilisateur : <strong>IN4K7Q2M</strong></p>"
                            "<p>Oublié ? « Code utilisateur oublié » vous l'envoie par email.</p>")
    assert Registration(driver).issued_user_code() == "IN4K7Q2M"
    driver.page.set_content("<p>Oublié ? « Code utilisateur oublié » vous l'envoie par email.</p>")
    with pytest.raises(LabelNotFound, match="Code utilisateur : <the issued code>"):
        Registration(driver).issued_user_code()
