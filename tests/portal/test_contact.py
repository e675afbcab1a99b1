from io import BytesIO

import pytest

from reference_portal import messages

from .support import Control, login, make_app, text

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64
FORM = {
    "full_name": "Camille Martin",
    "user_code": "cmartin.2026",
    "email": "camille.martin@exemple.org",
    "opening_number": "26-Information Technology-ITECNET-250123-R-New York (R)",
    "steps": "1. Connexion\n2. Rech. Emplois\n3. Postuler : page blanche",
    "message": "La page reste blanche après « Postuler ».",
}


@pytest.fixture
def desk(tmp_path, mailbox):
    box, port = mailbox
    app = make_app(tmp_path, SMTP_HOST="127.0.0.1", SMTP_PORT=port, SERVICE_DESK_ADDRESS="desk@inspira.example")
    return app.test_client(), box


def post(client, form=None, screenshot=None):
    data = dict(FORM if form is None else form)
    if screenshot is not None:
        data["screenshot"] = screenshot
    return client.post("/contactez-nous", data=data, content_type="multipart/form-data")


def test_link_on_careers_home_and_signed_in_pages(client, control, candidate):
    anonymous = control.client.application.test_client()
    assert 'href="/contactez-nous">Contactez-nous</a>' in anonymous.get("/").get_data(as_text=True)
    for page in ("/accueil", "/emplois", "/candidatures", "/profil/coordonnees"):
        response = client.get(page)
        assert response.status_code == 200, page
        assert 'href="/contactez-nous">Contactez-nous</a>' in response.get_data(as_text=True), page


def test_form_warns_and_has_no_password_field(client):
    page = client.get("/contactez-nous")
    html, words = page.get_data(as_text=True).replace("&#39;", "'"), text(page)
    assert "Merci de ne pas révéler votre mot de passe" in words
    assert "Merci de ne pas joindre votre CV" in words
    assert "ne peut répondre qu'aux questions d'ordre technique" in words
    assert 'type="password"' not in html
    for label in ("Nom complet", "Code utilisateur", "Numéro de l'appel à candidature", "Étapes suivies",
                  "Capture d'écran", "Message"):
        assert f">{label}</" in html, label
    assert 'accept="image/png,image/jpeg,image/gif,image/webp"' in html


def test_prefilled_for_a_signed_in_candidate(client, control, candidate):
    html = client.get("/contactez-nous").get_data(as_text=True)
    assert f'value="{candidate["user_code"]}"' in html and f'value="{candidate["email"]}"' in html


def test_sent_to_the_service_desk_with_the_screenshot(desk):
    client, box = desk
    response = post(client, screenshot=(BytesIO(PNG), "erreur.png"))
    assert response.status_code == 302 and response.headers["Location"] == "/contactez-nous/envoye"
    confirmation = text(client.get("/contactez-nous/envoye"))
    assert "Votre message a été envoyé à l'équipe du Unite Service Desk" in confirmation
    assert [m["To"] for m in box.messages] == ["desk@inspira.example"]
    mail = box.messages[0]
    assert mail["Reply-To"] == FORM["email"]
    assert FORM["user_code"] in mail["Subject"] and FORM["opening_number"] in mail["Subject"]
    body = mail.get_body(preferencelist=("plain",)).get_content().replace("\r\n", "\n")
    for value in FORM.values():
        assert value in body
    (attachment,) = list(mail.iter_attachments())
    assert attachment.get_content_type() == "image/png" and attachment.get_content() == PNG


def test_opening_number_and_screenshot_are_optional(desk):
    client, box = desk
    form = {**FORM, "opening_number": "", "steps": ""}
    assert post(client, form).status_code == 302
    assert "(non précisé)" in box.messages[0].get_content()
    assert list(box.messages[0].iter_attachments()) == []


@pytest.mark.parametrize(("name", "label"), [("full_name", "Nom complet"), ("user_code", "Code utilisateur")])
def test_full_name_and_user_code_required_typing_kept(desk, name, label):
    client, box = desk
    response = post(client, {**FORM, name: ""})
    assert response.status_code == 422
    assert f"{label} : {messages.REQUIRED_HINT}" in text(response)
    html = response.get_data(as_text=True)
    kept = "cmartin.2026" if name == "full_name" else "Camille Martin"
    assert f'value="{kept}"' in html and "La page reste blanche" in html
    assert box.messages == []


def test_invalid_user_code_refused(desk):
    client, box = desk
    response = post(client, {**FORM, "user_code": "a b"})
    assert response.status_code == 422 and messages.USER_CODE_HINT in text(response)
    assert box.messages == []


@pytest.mark.parametrize(
    ("content", "filename", "hint"),
    [
        (b"%PDF-1.7 mon CV", "cv.png", messages.SCREENSHOT_TYPE),
        (b"\x89PNG\r\n\x1a\n" + b"\x00" * (1024 * 1024), "grande.png", messages.SCREENSHOT_SIZE),
    ],
)
def test_screenshot_must_be_a_small_image(desk, content, filename, hint):
    client, box = desk
    response = post(client, screenshot=(BytesIO(content), filename))
    assert response.status_code == 422
    assert f"Capture d'écran : {hint}" in text(response)
    assert 'value="Camille Martin"' in response.get_data(as_text=True)
    assert box.messages == []


def test_just_under_one_megabyte_is_accepted(desk):
    client, box = desk
    content = PNG + b"\x00" * (1024 * 1024 - len(PNG) - 1)
    assert post(client, screenshot=(BytesIO(content), "limite.png")).status_code == 302
    assert len(box.messages) == 1


def test_mail_failure_keeps_the_typing(tmp_path):
    client = make_app(tmp_path, SMTP_HOST="127.0.0.1", SMTP_PORT=1).test_client()
    response = post(client)
    assert response.status_code == 503
    assert messages.CONTACT_NOT_SENT in text(response)
    assert 'value="cmartin.2026"' in response.get_data(as_text=True)


def test_confirmation_page_only_after_sending(client):
    assert client.get("/contactez-nous/envoye").headers["Location"] == "/contactez-nous"


def test_signed_in_sender_is_named_in_the_mail(desk):
    client, box = desk
    control = Control(client)
    person = control.candidate("complete")
    login(client, person)
    assert post(client).status_code == 302
    assert f"Connecté(e) au moment de l'envoi : {person['user_code']}" in box.messages[0].get_content()
