"""« Code utilisateur oublié » and « Mot de passe oublié », with real SMTP and the portal's clock."""

import hashlib
import re

import pytest
from sqlalchemy import select

from reference_portal import db, messages
from reference_portal.models import PasswordResetToken

from .support import make_app, text

LINK_RE = re.compile(r"http://localhost/mot-de-passe/nouveau/[A-Za-z0-9_-]+")
NEW_PASSWORD = "un-tout-nouveau-mot-de-passe"


@pytest.fixture
def app(tmp_path, mailbox):
    box, port = mailbox
    return make_app(tmp_path, SMTP_HOST="127.0.0.1", SMTP_PORT=port)


@pytest.fixture
def inbox(mailbox):
    return mailbox[0].messages


def reset_link(inbox) -> str:
    body = inbox[-1].get_body(preferencelist=("plain",)).get_content()
    return LINK_RE.search(body)[0].removeprefix("http://localhost")


def ask_link(client, identifier: str):
    return client.post("/mot-de-passe-oublie", data={"identifier": identifier})


def choose(client, link: str, password: str = NEW_PASSWORD, confirmation: str | None = None):
    data = {"password": password, "password_confirmation": password if confirmation is None else confirmation}
    return client.post(link, data=data)


def can_sign_in(client, user_code: str, password: str) -> bool:
    return client.post("/connexion", data={"user_code": user_code, "password": password}).status_code == 302


def test_login_page_offers_both_links(client):
    html = client.get("/connexion").get_data(as_text=True)
    assert 'href="/code-utilisateur-oublie">Code utilisateur oublié</a>' in html
    assert 'href="/mot-de-passe-oublie">Mot de passe oublié</a>' in html


@pytest.mark.parametrize("url", ["/code-utilisateur-oublie", "/mot-de-passe-oublie"])
def test_forms_remind_the_spam_folder(client, url):
    assert "« Courriers Indésirables »" in text(client.get(url))


def test_user_code_sent_to_the_address(client, control, inbox):
    person = control.candidate(email="nadia.haddad@exemple.org")
    response = client.post("/code-utilisateur-oublie", data={"email": "Nadia.Haddad@exemple.org"})
    assert response.status_code == 200
    assert messages.USER_CODE_SENT in text(response) and "« Courriers Indésirables »" in text(response)
    assert len(inbox) == 1 and inbox[0]["To"] == "Nadia.Haddad@exemple.org"
    assert inbox[0]["Subject"] == messages.USER_CODE_SUBJECT
    assert person["user_code"] in inbox[0].get_content()
    assert person["password"] not in inbox[0].get_content()


def test_user_code_found_by_profile_primary_email(client, control, inbox):
    person = control.candidate(email="ancienne@exemple.org")
    client.post("/connexion", data={"user_code": person["user_code"], "password": person["password"]})
    contact = {"first_name": person["first_name"], "last_name": person["last_name"],
               "primary_email": "nouvelle@exemple.org", "phone": "+33 1 23 45 67 89", "address": "1 rue A",
               "city": "Lyon", "country": "France"}
    assert client.post("/profil/coordonnees", data=contact).status_code == 302
    client.post("/deconnexion")
    client.post("/code-utilisateur-oublie", data={"email": "nouvelle@exemple.org"})
    assert person["user_code"] in inbox[-1].get_content()


def test_same_answer_whether_or_not_the_account_exists(client, control, inbox):
    control.candidate(user_code="existe", email="existe@exemple.org")
    known = client.post("/code-utilisateur-oublie", data={"email": "existe@exemple.org"})
    unknown = client.post("/code-utilisateur-oublie", data={"email": "personne@exemple.org"})
    assert known.status_code == unknown.status_code == 200
    assert text(known) == text(unknown)
    known = ask_link(client, "existe")
    unknown = ask_link(client, "inexistant")
    assert known.status_code == unknown.status_code == 200 and text(known) == text(unknown)
    assert [m["To"] for m in inbox] == ["existe@exemple.org", "existe@exemple.org"]  # nothing to strangers


@pytest.mark.parametrize(("url", "data"), [
    ("/code-utilisateur-oublie", {"email": ""}),
    ("/code-utilisateur-oublie", {"email": "pas-une-adresse"}),
    ("/mot-de-passe-oublie", {"identifier": ""}),
    ("/mot-de-passe-oublie", {"identifier": "moi@@exemple"}),
])
def test_bad_input_says_what_to_type_and_keeps_it(client, url, data, inbox):
    response = client.post(url, data=data)
    assert response.status_code == 422
    html = response.get_data(as_text=True)
    assert 'role="alert"' in html and 'aria-invalid="true"' in html
    assert f'value="{next(iter(data.values()))}"' in html
    assert inbox == []


def test_reset_by_user_code_then_sign_in_with_the_new_password(client, control, inbox):
    person = control.candidate()
    elsewhere = client.application.test_client()  # signed in on another device with the old password
    assert can_sign_in(elsewhere, person["user_code"], person["password"])
    assert ask_link(client, person["user_code"].upper()).status_code == 200
    assert inbox[-1]["To"] == person["email"] and inbox[-1]["Subject"] == messages.RESET_SUBJECT
    link = reset_link(inbox)
    form = client.get(link)
    assert form.status_code == 200 and form.headers["Referrer-Policy"] == "no-referrer"
    assert ">Nouveau mot de passe</span>" in form.get_data(as_text=True)
    response = choose(client, link)
    assert response.headers["Location"] == "/connexion"
    assert messages.PASSWORD_CHANGED in text(client.get("/connexion"))
    assert elsewhere.get("/accueil").status_code == 302  # a new password ends every sign-in
    assert can_sign_in(client, person["user_code"], NEW_PASSWORD)
    client.post("/deconnexion")
    assert not can_sign_in(client, person["user_code"], person["password"])


def test_reset_by_email(client, control, inbox):
    person = control.candidate(email="par.email@exemple.org")
    ask_link(client, "PAR.EMAIL@exemple.org")
    assert person["user_code"] in inbox[-1].get_content()
    choose(client, reset_link(inbox))
    assert can_sign_in(client, person["user_code"], NEW_PASSWORD)


def test_only_a_hash_of_the_token_is_stored(app, client, control, inbox):
    ask_link(client, control.candidate()["user_code"])
    token = reset_link(inbox).rsplit("/", 1)[1]
    with app.app_context():
        stored = db.session().execute(select(PasswordResetToken)).scalar_one()
    assert stored.token_hash == hashlib.sha256(token.encode()).hexdigest() and token not in stored.token_hash


def test_link_serves_once(client, control, inbox):
    person = control.candidate()
    ask_link(client, person["user_code"])
    link = reset_link(inbox)
    assert choose(client, link).status_code == 302
    for again in (client.get(link), choose(client, link, "encore-un-autre-mot-de-passe")):
        assert again.status_code == 410 and messages.RESET_LINK_USED in text(again)
    assert can_sign_in(client, person["user_code"], NEW_PASSWORD)


def test_a_used_link_cancels_the_other_links(client, control, inbox):
    person = control.candidate()
    ask_link(client, person["user_code"])
    first = reset_link(inbox)
    ask_link(client, person["user_code"])
    second = reset_link(inbox)
    assert first != second
    choose(client, second)
    assert client.get(first).status_code == 410


@pytest.mark.parametrize(("seconds", "status"), [(3599, 200), (3601, 410)])
def test_link_expires_after_60_minutes(client, control, inbox, seconds, status):
    ask_link(client, control.candidate()["user_code"])
    link = reset_link(inbox)
    control.advance(seconds)
    response = client.get(link)
    assert response.status_code == status
    if status == 410:
        assert messages.reset_link_expired(60) in text(response)
        assert choose(client, link).status_code == 410


def test_unknown_link_refused(client):
    response = client.get("/mot-de-passe/nouveau/pas-un-vrai-jeton")
    assert response.status_code == 410 and messages.RESET_LINK_UNKNOWN in text(response)


@pytest.mark.parametrize(("password", "confirmation", "problem"), [
    ("court", "court", messages.PASSWORD_HINT),
    (NEW_PASSWORD, "autre-mot-de-passe", messages.PASSWORD_MISMATCH),
])
def test_bad_new_password_refused_and_link_still_usable(client, control, inbox, password, confirmation, problem):
    person = control.candidate()
    ask_link(client, person["user_code"])
    link = reset_link(inbox)
    response = choose(client, link, password, confirmation)
    assert response.status_code == 422 and problem in text(response)
    assert choose(client, link).status_code == 302
    assert can_sign_in(client, person["user_code"], NEW_PASSWORD)


def test_recovery_needs_csrf_token(tmp_path):
    client = make_app(tmp_path, WTF_CSRF_ENABLED=True).test_client()
    client.get("/mot-de-passe-oublie")
    assert client.post("/mot-de-passe-oublie", data={"identifier": "quelquun"}).status_code == 400
