"""The alternative portal's account area over HTTP (``VARIANT="alt"``): the user code it issues at « Inscription »,
its sign-in form, recovery and profile wording, and its « Contactez-nous » form with one more mandatory field.
Each is a choice the guide leaves open (reference_portal/variant.py, ALT_DIFFERENCES); the rules stay on the
server, the same as the reference portal's."""

import re
from io import BytesIO

import pytest

from reference_portal import auth
from reference_portal.rules.registration import USER_CODE_RE
from reference_portal.variant import ALT_DIFFERENCES, ALT_PREFIX

from .support import Control, make_app, text

P = ALT_PREFIX
PERSON = {
    "first_name": "Amina",
    "last_name": "Diallo",
    "email": "amina.diallo@exemple.org",
    "date_of_birth": "05/03/1990",
    "password": "un-mot-de-passe-long",
    "password_confirmation": "un-mot-de-passe-long",
}
ISSUED_RE = re.compile(r"Code utilisateur : (\S+)")
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


@pytest.fixture
def alt_app(tmp_path, mailbox):
    box, port = mailbox
    return make_app(tmp_path, VARIANT="alt", SMTP_HOST="127.0.0.1", SMTP_PORT=port,
                    SERVICE_DESK_ADDRESS="desk@inspira.example")


@pytest.fixture
def alt(alt_app):
    return alt_app.test_client()


@pytest.fixture
def inbox(mailbox):
    return mailbox[0].messages


def register(client, **changes):
    """« Inscription », then the page it leads to: (the POST's answer, that page)."""
    posted = client.post(f"{P}/inscription", data={**PERSON, **changes})
    assert posted.status_code == 302, text(posted)
    return posted, client.get(posted.headers["Location"])


def issued_code(page) -> str:
    found = ISSUED_RE.search(text(page))
    assert found, text(page)
    return found[1]


def sign_in(client, user_code: str, password: str = PERSON["password"]):
    return client.post(f"{P}/connexion", data={"user_code": user_code, "password": password})


def test_every_difference_built_here_is_listed():
    for key in ("sign_in_button", "issued_user_code", "headings", "contact_page", "account_wording"):
        assert key in ALT_DIFFERENCES


# -- « Inscription »: the portal issues the user code -------------------------------------------------------
def test_the_registration_form_has_no_user_code_field(alt):
    html = alt.get(f"{P}/inscription").get_data(as_text=True)
    assert 'name="user_code"' not in html and ">Date de naissance (jj/mm/aaaa)</span>" in html
    assert "<h2>Inscription immédiate</h2>" in html and "Galaxy" in html


def test_registration_issues_a_code_shows_it_once_and_signs_in_with_it(alt):
    posted, page = register(alt)
    assert posted.headers["Location"] == f"{P}/inscription/compte-cree"
    assert page.status_code == 200 and "<h2>Compte créé</h2>" in page.get_data(as_text=True)
    code = issued_code(page)
    assert USER_CODE_RE.match(code)
    assert alt.get(f"{P}/accueil").status_code == 302  # not signed in: the candidate signs in with the code
    again = alt.get(f"{P}/inscription/compte-cree")
    assert again.status_code == 302 and again.headers["Location"] == f"{P}/connexion"  # shown once
    signed_in = sign_in(alt, code)
    assert signed_in.status_code == 302 and signed_in.headers["Location"] == f"{P}/accueil"
    assert "Bonjour Amina" in text(alt.get(f"{P}/accueil"))


def test_a_posted_user_code_is_not_taken(alt):
    _, page = register(alt, user_code="choisi-par-moi")
    code = issued_code(page)
    assert code != "choisi-par-moi"
    assert sign_in(alt, "choisi-par-moi").status_code == 401
    assert sign_in(alt, code).status_code == 302


def test_every_account_gets_its_own_code(alt):
    codes = {issued_code(register(alt, email=f"personne{i}@exemple.org")[1]) for i in range(4)}
    assert len(codes) == 4


def test_a_code_another_account_has_is_never_issued(alt, monkeypatch):
    Control(alt).candidate(user_code="INAAAAAA")
    picks = iter("A" * auth.ISSUED_CODE_LENGTH + "B" * auth.ISSUED_CODE_LENGTH)
    monkeypatch.setattr(auth.secrets, "choice", lambda alphabet: next(picks))
    assert issued_code(register(alt)[1]) == "INBBBBBB"


def test_no_code_left_to_issue_is_refused_and_makes_no_account(alt, monkeypatch):
    Control(alt).candidate(user_code="INAAAAAA")
    monkeypatch.setattr(auth.secrets, "choice", lambda alphabet: "A")
    refused = alt.post(f"{P}/inscription", data=PERSON)
    assert refused.status_code == 503 and 'role="alert"' in refused.get_data(as_text=True)
    assert auth.USER_CODE_NOT_ISSUED in text(refused)
    assert alt.post(f"{P}/code-utilisateur-oublie", data={"email": PERSON["email"]}).status_code == 200


def test_a_bad_date_is_refused_as_on_the_reference_portal(alt):
    refused = alt.post(f"{P}/inscription", data={**PERSON, "date_of_birth": "29/02/1999"})
    assert refused.status_code == 422
    html = refused.get_data(as_text=True)
    assert 'value="29/02/1999"' in html and 'role="alert"' in html and "jj/mm/aaaa" in text(refused)
    assert register(alt, date_of_birth="29/02/1996")[1].status_code == 200


def test_the_issued_code_comes_back_by_code_utilisateur_oublie(alt, inbox):
    code = issued_code(register(alt)[1])
    alt.post(f"{P}/code-utilisateur-oublie", data={"email": PERSON["email"]})
    assert code in inbox[-1].get_content()


def test_the_control_api_still_makes_candidates_with_a_chosen_code(alt):
    person = Control(alt).candidate(user_code="seed.alt-1")
    assert person["user_code"] == "seed.alt-1"
    assert sign_in(alt, person["user_code"], person["password"]).status_code == 302


def test_the_reference_portal_keeps_the_candidates_code(client):
    html = client.get("/inscription").get_data(as_text=True)
    assert 'name="user_code"' in html
    posted = client.post("/inscription", data={**PERSON, "user_code": "adiallo"})
    assert posted.headers["Location"] == "/accueil"
    assert client.get("/inscription/compte-cree").headers["Location"] == "/connexion"


# -- the sign-in page and the frame --------------------------------------------------------------------------
def test_the_sign_in_form_says_se_connecter_under_the_sites_heading(alt):
    html = alt.get(f"{P}/connexion").get_data(as_text=True)
    assert '<button type="submit">Se connecter</button>' in html and ">Connexion</button>" not in html
    assert html.count("<h1") == 1 and '<h1 class="brand">' in html and "<h2>Authentification</h2>" in html
    assert ">Votre code utilisateur</span>" in html and ">Votre mot de passe</span>" in html
    assert "Code utilisateur oublié" in html and "Mot de passe oublié" in html and "Inscription immédiate" in html
    careers = alt.get(f"{P}/").get_data(as_text=True)
    assert ">Connexion</a>" in careers  # the guide's « Connexion »: the Careers site's link


# -- recovery --------------------------------------------------------------------------------------------------
def test_recovery_pages_word_their_controls_otherwise_and_refusals_name_them(alt):
    page = alt.get(f"{P}/code-utilisateur-oublie").get_data(as_text=True)
    assert ">Adresse électronique du compte</span>" in page and ">Recevoir mon code par email</button>" in page
    page = alt.get(f"{P}/mot-de-passe-oublie").get_data(as_text=True)
    assert ">Votre code utilisateur ou votre adresse électronique</span>" in page
    assert ">Envoyer le lien de réinitialisation</button>" in page
    refused = alt.post(f"{P}/code-utilisateur-oublie", data={"email": "pas-une-adresse"})
    assert refused.status_code == 422 and "Adresse électronique du compte" in text(refused)
    assert "« Courriers Indésirables »" in text(alt.get(f"{P}/mot-de-passe-oublie"))


def test_a_new_password_chosen_by_the_link_signs_in(alt, inbox):
    code = issued_code(register(alt)[1])
    alt.post(f"{P}/mot-de-passe-oublie", data={"identifier": code})
    link = re.search(r"http://localhost(\S+/mot-de-passe/nouveau/\S+)", inbox[-1].get_content())[1]
    form = alt.get(link).get_data(as_text=True)
    assert ">Choisissez un mot de passe</span>" in form and ">Valider le nouveau mot de passe</button>" in form
    short = alt.post(link, data={"password": "court", "password_confirmation": "court"})
    assert short.status_code == 422 and "Choisissez un mot de passe" in text(short)
    chosen = alt.post(link, data={"password": "un-tout-nouveau-mot", "password_confirmation": "un-tout-nouveau-mot"})
    assert chosen.status_code == 302
    assert sign_in(alt, code, "un-tout-nouveau-mot").status_code == 302


# -- « Mon Profil » --------------------------------------------------------------------------------------------
def test_the_profile_tabs_are_tabs_and_the_warning_names_alts_labels(alt):
    person = Control(alt).candidate("complete")
    sign_in(alt, person["user_code"], person["password"])
    page = alt.get(f"{P}/profil/coordonnees").get_data(as_text=True)
    assert 'role="tablist"' in page and page.count('role="tab"') == 3 and 'aria-selected="true"' in page
    assert ">Numéro de téléphone</span>" in page and ">Ville de résidence</span>" in page
    assert "<h2>Mon Profil</h2>" in page and "100% Complet" in page
    data = {"first_name": "A", "last_name": "B", "primary_email": person["email"], "phone": "douze trente",
            "address": "1 rue A", "city": "", "country": "France"}
    refused = alt.post(f"{P}/profil/coordonnees", data=data)
    assert refused.status_code == 422
    assert "Numéro de téléphone" in text(refused) and "Ville de résidence" in text(refused)


# -- « Contactez-nous » ----------------------------------------------------------------------------------------
CONTACT = {
    "full_name": "Camille Martin",
    "user_code": "cmartin.2026",
    "email": "camille.martin@exemple.org",
    "opening_number": "26-Information Technology-ITECNET-250123-R-New York (R)",
    "steps": "1. Connexion 2. Postuler : page blanche",
    "message": "La page reste blanche.",
}


def send(client, **changes):
    data = {**CONTACT, "screenshot": (BytesIO(PNG), "erreur.png"), **changes}
    return client.post(f"{P}/contactez-nous", data=data, content_type="multipart/form-data")


def test_the_contact_page_has_its_own_title_and_a_mandatory_subject(alt):
    html = alt.get(f"{P}/contactez-nous").get_data(as_text=True)
    assert "<h2>Demande d'assistance technique</h2>" in html and "<h2>Contactez-nous</h2>" not in html
    assert 'aria-current="page">Contactez-nous</a>' in html  # the guide's link, marked as the current page
    assert 'name="subject"' in html and "Sélectionnez un objet" in html
    assert "ne pas révéler votre mot de passe" in html and "ne pas joindre votre CV" in html


@pytest.mark.parametrize("subject", [None, "", "Recrutement"])
def test_a_message_without_a_subject_of_the_list_is_refused_and_typing_kept(alt, inbox, subject):
    changes = {} if subject is None else {"subject": subject}
    refused = send(alt, **changes)
    assert refused.status_code == 422 and "Objet de la demande" in text(refused)
    assert 'value="cmartin.2026"' in refused.get_data(as_text=True)
    assert inbox == []


def test_a_message_with_its_subject_reaches_the_desk(alt, inbox):
    sent = send(alt, subject="Dossier de candidature")
    assert sent.status_code == 302
    (mail,) = inbox
    assert mail["To"] == "desk@inspira.example"
    body = mail.get_body(preferencelist=("plain",)).get_content()
    assert "Objet : Dossier de candidature" in body and "cmartin.2026" in body
    assert [part.get_content_maintype() for part in mail.iter_attachments()] == ["image"]


def test_the_reference_contact_form_asks_no_subject(client):
    html = client.get("/contactez-nous").get_data(as_text=True)
    assert 'name="subject"' not in html and "<h1>Contactez-nous</h1>" in html
