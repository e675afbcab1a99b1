import re

import pytest

from reference_portal import messages

from .support import Control, login, make_app, text

GOOD = {
    "first_name": "Amina",
    "last_name": "Diallo",
    "email": "amina.diallo@exemple.org",
    "date_of_birth": "05/03/1990",
    "user_code": "adiallo",
    "password": "un-mot-de-passe-long",
    "password_confirmation": "un-mot-de-passe-long",
}


def register(client, **changes):
    return client.post("/inscription", data={**GOOD, **changes})


def test_registration_page_labels_and_note(client):
    page = client.get("/inscription")
    html = page.get_data(as_text=True)
    for label in ("Prénom", "Nom", "Adresse email", "Date de naissance (jj/mm/aaaa)", "Code utilisateur",
                  "Mot de passe", "Confirmer le mot de passe"):
        assert f">{label}</span>" in html
    assert 'placeholder="jj/mm/aaaa"' in html
    assert "Galaxy" in text(page) and "<h1>Inscription immédiate</h1>" in html


def test_registration_signs_in_and_copies_into_profile(client):
    response = register(client)
    assert response.status_code == 302 and response.headers["Location"] == "/accueil"
    home = client.get("/accueil")
    assert 'role="status"' in home.get_data(as_text=True)
    assert messages.ACCOUNT_CREATED in text(home)
    assert "Bienvenue, Amina" in text(home)
    profile = client.get("/profil/coordonnees").get_data(as_text=True)
    assert 'value="amina.diallo@exemple.org"' in profile and 'value="Diallo"' in profile


@pytest.mark.parametrize("bad", ["1990-03-05", "05/03/90", "31/04/1990", "29/02/2023", "5 mars 1990", "5/3/1990"])
def test_bad_dates_refused_and_typing_kept(client, bad):
    response = register(client, date_of_birth=bad)
    assert response.status_code == 422
    html = response.get_data(as_text=True)
    assert 'role="alert"' in html
    assert messages.DATE_OF_BIRTH_INVALID in text(response)
    assert f'value="{bad}"' in html
    assert 'aria-invalid="true" aria-describedby="date_of_birth-error"' in html
    assert 'value="Amina"' in html  # the rest of the typing is kept too


def test_leap_day_accepted_in_leap_year(client):
    assert register(client, date_of_birth="29/02/2024", user_code="leap2024").status_code == 422  # too young
    assert register(client, date_of_birth="29/02/1996", user_code="leap1996").status_code == 302


def test_age_limits(client):
    response = register(client, date_of_birth="01/01/1900")
    assert response.status_code == 422 and "entre 16 et 100 ans" in text(response)
    assert register(client, date_of_birth="01/01/2999").status_code == 422


def test_duplicate_user_code(client, control):
    control.candidate(user_code="adiallo")
    response = register(client, user_code="ADiallo")
    assert response.status_code == 422
    assert messages.USER_CODE_TAKEN in text(response)


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"email": "pas-un-email"}, "email"),
        ({"user_code": "a b"}, "user_code"),
        ({"password": "court", "password_confirmation": "court"}, "password"),
        ({"password_confirmation": "autre-mot-de-passe"}, "password_confirmation"),
        ({"first_name": ""}, "first_name"),
    ],
)
def test_each_rule_names_its_field(client, changes, field):
    response = register(client, **changes)
    assert response.status_code == 422
    assert f'href="#{field}"' in response.get_data(as_text=True)


def test_login_logout(client, control):
    person = control.candidate()
    login(client, person)
    assert client.get("/accueil").status_code == 200
    assert client.post("/deconnexion").status_code == 302
    assert client.get("/accueil").headers["Location"] == "/connexion"


def test_wrong_credentials_same_message(client, control):
    person = control.candidate()
    wrong_password = client.post("/connexion", data={"user_code": person["user_code"], "password": "mauvais-mdp"})
    unknown_user = client.post("/connexion", data={"user_code": "inconnu", "password": "mauvais-mdp"})
    for response in (wrong_password, unknown_user):
        assert response.status_code == 401
        assert messages.BAD_CREDENTIALS in text(response)


def test_login_page(client):
    html = client.get("/connexion").get_data(as_text=True)
    assert ">Code utilisateur</span>" in html and ">Mot de passe</span>" in html
    assert 'href="/inscription">Inscription immédiate</a>' in html
    assert ">Code utilisateur oublié</a>" in html and ">Mot de passe oublié</a>" in html  # test_recovery


def test_anonymous_redirected(client):
    for url in ("/accueil", "/profil/coordonnees", "/emplois", "/candidatures"):
        assert client.get(url).headers["Location"] == "/connexion"


def test_registration_page_says_who_registers(client):
    """Section 1's notes, in our words: staff do not register, the listed people do, Galaxy is separate."""
    page = text(client.get("/inscription"))
    assert "Secrétariat de l'ONU, y compris dans une mission, n'ouvrez pas de compte" in page
    for who in ("Volontaires de l'ONU", "experts associés", "consultants", "stagiaires", "policiers", "militaires"):
        assert who in page
    assert "candidats externes" in page
    assert "Un compte Galaxy ne donne pas accès à inspira" in page


def test_sign_in_page_sets_a_test_cookie(client):
    assert "inspira_cookies=1" in " ".join(client.get("/connexion").headers.get_all("Set-Cookie"))


def test_sign_in_without_any_cookie_says_to_allow_cookies(tmp_path):
    client = make_app(tmp_path, WTF_CSRF_ENABLED=True).test_client()
    person = Control(client).candidate()
    page = client.get("/connexion").get_data(as_text=True)
    token = re.search(r'name="csrf_token" value="([^"]+)"', page)[1]
    for name in ("session", "inspira_cookies"):  # the browser kept nothing the page set
        client.delete_cookie(name)
    data = {"csrf_token": token, "user_code": person["user_code"], "password": person["password"]}
    response = client.post("/connexion", data=data)
    assert response.status_code == 400
    assert messages.COOKIES_REFUSED in text(response)
    assert f'value="{person["user_code"]}"' in response.get_data(as_text=True)  # the typing is kept
    assert client.get("/accueil").status_code == 302  # and nobody was signed in


def test_a_stale_token_with_cookies_is_not_blamed_on_cookies(tmp_path):
    client = make_app(tmp_path, WTF_CSRF_ENABLED=True).test_client()
    client.get("/connexion")
    response = client.post("/connexion", data={"csrf_token": "stale", "user_code": "someone", "password": "x" * 12})
    assert response.status_code == 400 and messages.COOKIES_REFUSED not in text(response)


def test_a_sign_in_ended_on_the_server_cannot_be_replayed_with_a_copy_of_its_cookie(client, control):
    """« Déconnexion » and the inactivity timeout end the sign-in itself, not only the browser's cookie; the
    same person's other sign-ins go on (a new password ends them all: see test_recovery)."""
    from sqlalchemy import select

    from reference_portal import db
    from reference_portal.models import SignIn

    candidate = control.candidate("complete")
    second = client.application.test_client()
    for browser in (client, second):
        login(browser, candidate)
        assert browser.get("/accueil").status_code == 200
    copy = client.get_cookie("session").value
    client.post("/deconnexion")
    thief = client.application.test_client()
    thief.set_cookie("session", copy)
    answer = thief.get("/accueil")
    assert answer.status_code == 302 and answer.headers["Location"].startswith("/connexion")
    assert second.get("/accueil").status_code == 200  # the other sign-in is untouched

    def ended() -> list[bool]:
        with client.application.app_context():
            rows = db.session().execute(select(SignIn.ended_at).where(SignIn.candidate_id == candidate["id"]))
            return [at is not None for at in rows.scalars()]

    assert sorted(ended()) == [False, True]
    control.advance(21 * 60)  # the second sign-in times out; noticed on its next request, it ends there
    assert second.get("/accueil").headers["Location"].startswith("/connexion")
    assert ended() == [True, True]
    login(client, candidate)  # a new sign-in clears the ended ones away
    assert ended() == [False]
