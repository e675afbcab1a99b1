import re

import pytest

from reference_portal import messages

from .support import login, text

CONTACT = {
    "first_name": "Jean",
    "last_name": "Dupont",
    "primary_email": "jean.dupont@exemple.org",
    "phone": "+33 1 23 45 67 89",
    "address": "1 place de la Concorde",
    "city": "Paris",
    "country": "France",
    "postal_code": "",
}


def status(client) -> str:
    return re.search(r"(\d+)% Complet", text(client.get("/profil/coordonnees")))[0]


def test_profile_redirects_to_first_tab(client, candidate):
    assert client.get("/profil").headers["Location"] == "/profil/coordonnees"


def test_tabs_and_required_marks(client, candidate):
    html = client.get("/profil/coordonnees").get_data(as_text=True)
    assert 'aria-label="Onglets du profil"' in html
    assert 'aria-current="page">Coordonnées</a>' in html
    assert html.count(" required") == 7  # the seven mandatory fields of Coordonnées
    assert '<option value="">— Choisir —</option>' in html


def test_empty_profile_reaches_100_percent(client, control):
    person = control.candidate("empty")
    assert person["profile_completion"] == 30  # first name, last name, e-mail copied from the account
    login(client, person)
    assert status(client) == "30% Complet"
    data = {**CONTACT, "first_name": person["first_name"], "last_name": person["last_name"],
            "primary_email": person["email"]}
    response = client.post("/profil/coordonnees", data=data)
    assert response.headers["Location"] == "/profil/coordonnees"
    assert messages.PROFILE_SAVED in text(client.get("/profil/coordonnees"))
    assert status(client) == "70% Complet"
    client.post("/profil/situation-de-famille", data={"marital_status": "Célibataire", "dependent_children": ""})
    assert status(client) == "80% Complet"
    client.post("/profil/nationalite-et-residence", data={"nationality": "Sénégal", "residence_country": "France"})
    assert status(client) == "100% Complet"


def test_errors_named_and_typing_kept(client, candidate):
    before = status(client)
    response = client.post("/profil/coordonnees", data={**CONTACT, "phone": "abc", "country": "Atlantide"})
    assert response.status_code == 422
    page = text(response)
    assert "Téléphone : saisissez un numéro de téléphone, par exemple +33 1 23 45 67 89." in page
    assert "Pays : choisissez une valeur dans la liste proposée." in page
    html = response.get_data(as_text=True)
    assert 'value="abc"' in html and 'value="Dupont"' in html
    assert status(client) == before  # nothing saved


def test_children_bounds(client, candidate):
    data = {"marital_status": "Marié(e)", "dependent_children": "21"}
    response = client.post("/profil/situation-de-famille", data=data)
    assert response.status_code == 422
    assert "Nombre d'enfants à charge" in text(response)


def test_duplicate_email_same_name_refused(client, control):
    other = control.candidate("complete", first_name="Marie", last_name="Curie", email="marie@exemple.org")
    me = control.candidate("complete", first_name="Pierre", last_name="Curie")
    login(client, me)
    data = {**CONTACT, "first_name": "MARIE", "last_name": "curie", "primary_email": "Marie@Exemple.org"}
    response = client.post("/profil/coordonnees", data=data)
    assert response.status_code == 422
    assert messages.DUPLICATE_CANDIDATE in text(response)
    assert "Pierre" in client.get("/profil/coordonnees").get_data(as_text=True)  # nothing saved
    # The same e-mail under another name is allowed.
    allowed = {**CONTACT, "first_name": "Pierre", "last_name": "Curie", "primary_email": "marie@exemple.org"}
    assert client.post("/profil/coordonnees", data=allowed).status_code == 302
    assert other["email"] == "marie@exemple.org"


def test_warning_names_a_malformed_and_an_empty_field_and_keeps_what_was_saved(client, candidate):
    saved = {**CONTACT, "first_name": candidate["first_name"], "last_name": candidate["last_name"],
             "primary_email": candidate["email"], "phone": "+41 22 917 12 34", "city": "Genève"}
    assert client.post("/profil/coordonnees", data=saved).status_code == 302
    response = client.post("/profil/coordonnees", data={**saved, "phone": "douze", "city": ""})
    assert response.status_code == 422
    warning = re.search(r'<div role="alert".*?</div>', response.get_data(as_text=True), re.S)[0]
    assert "Téléphone : " in warning and "Ville : ce champ est obligatoire" in warning
    assert 'value="douze"' in response.get_data(as_text=True)
    html = client.get("/profil/coordonnees").get_data(as_text=True)
    assert 'value="+41 22 917 12 34"' in html and 'value="Genève"' in html


@pytest.mark.parametrize("stored, typed", [
    (("Awa", "Ndiaye"), ("Awa", "Ndiaye")),
    # Faker's French names often start with « É »: SQLite's own lower() leaves it as it is.
    (("Élodie", "Émery"), ("élodie", "ÉMERY")),
])
def test_a_namesake_with_the_same_address_is_refused_whatever_the_case_and_the_typing_kept(
    client, control, stored, typed
):
    first, last = stored
    other = control.candidate("complete", first_name=first, last_name=last, email="premier@exemple.org")
    me = control.candidate("complete", first_name=first, last_name=last, email="second@exemple.org")
    login(client, me)
    data = {**CONTACT, "first_name": typed[0], "last_name": typed[1], "primary_email": other["email"]}
    response = client.post("/profil/coordonnees", data=data)
    assert response.status_code == 422 and messages.DUPLICATE_CANDIDATE in text(response)
    assert 'value="premier@exemple.org"' in response.get_data(as_text=True)
    assert 'value="second@exemple.org"' in client.get("/profil/coordonnees").get_data(as_text=True)
