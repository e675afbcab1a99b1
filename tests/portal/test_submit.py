import re
from datetime import timedelta

from reference_portal import messages

from .support import make_app, text
from .test_applications import fill_everything, start


def ready(client, control, **opening_fields) -> tuple[dict, str]:
    opening = control.opening(prescreening_questions=["Parlez-vous anglais ?"], **opening_fields)
    base = start(client, opening)
    fill_everything(client, base)
    return opening, base


def submit_button_disabled(client, base: str) -> bool:
    html = client.get(base + "/etape/8").get_data(as_text=True)
    return re.search(r"<button type=\"submit\"[^>]* disabled[^>]*>Soumettre candidature</button>", html) is not None


def test_full_submission(client, control, candidate):
    opening, base = ready(client, control)
    review = client.get(base + "/etape/8")
    html = review.get_data(as_text=True)
    assert "Étape 8 sur 8" in text(review) and not submit_button_disabled(client, base)
    assert 'aria-label="Modifier Formation"' in html and 'aria-label="Modifier Références"' in html
    terms = client.get(base + "/conditions")
    assert "Conditions générales" in text(terms) and "J'accepte ces conditions" in text(terms)
    refused = client.post(base + "/conditions", data={})
    assert refused.status_code == 422 and messages.TERMS_NOT_ACCEPTED in text(refused)
    done = client.post(base + "/conditions", data={"accept": "yes"})
    assert done.headers["Location"] == base + "/confirmation"
    confirmation = client.get(base + "/confirmation")
    assert "Nous avons bien reçu votre candidature" in text(confirmation)
    html = confirmation.get_data(as_text=True).replace("&#39;", "'")
    assert 'href="/emplois">Retour à recherche d\'emplois</a>' in html
    listed = text(client.get("/candidatures"))
    assert "Postulé" in listed
    stored = control.applications(candidate["id"])[0]
    assert stored["status"] == "Postulé" and stored["submitted_at"]


def test_second_submission_refused(client, control, candidate):
    _, base = ready(client, control)
    client.post(base + "/conditions", data={"accept": "yes"})
    assert client.post(base + "/conditions", data={"accept": "yes"}).status_code == 409


def test_incomplete_application_cannot_be_submitted(client, control, candidate):
    opening = control.opening()
    base = start(client, opening)
    client.post(base + "/etape/3", data={"institution": "Sorbonne", "action": "save"})
    assert submit_button_disabled(client, base)
    body = text(client.get(base + "/etape/8"))
    assert "Formation : Diplôme" in body and "Lettre de motivation et pièces-jointes : Lettre de motivation" in body
    assert client.get(base + "/conditions").status_code == 409
    assert client.post(base + "/conditions", data={"accept": "yes"}).status_code == 409
    assert control.applications(candidate["id"])[0]["status"] == "Brouillon"


def test_unlinked_application_cannot_be_submitted(client, control, candidate):
    base = start(client)
    fill_everything(client, base)
    page = client.get(base + "/etape/8")
    html = page.get_data(as_text=True)
    assert submit_button_disabled(client, base)
    assert ">Quitter</button>" in html and 'href="/emplois">Recherche d\'emploi</a>' in html
    assert client.post(base + "/conditions", data={"accept": "yes"}).status_code == 409


def test_profile_must_be_complete(client, control):
    person = control.candidate("empty")
    client.post("/connexion", data={"user_code": person["user_code"], "password": person["password"]})
    _, base = ready(client, control)
    assert messages.PROFILE_INCOMPLETE in text(client.get(base + "/etape/8"))
    assert client.post(base + "/conditions", data={"accept": "yes"}).status_code == 409


def test_closed_or_cancelled_opening_blocks_submission(client, control, candidate):
    for state in ("closed", "cancelled", "filled_from_roster"):
        opening, base = ready(client, control, title=f"Poste {state}")
        control.update_opening(opening["id"], state=state)
        assert submit_button_disabled(client, base)
        assert messages.OPENING_REFUSALS[state] in text(client.get(base + "/etape/8"))
        assert client.post(base + "/conditions", data={"accept": "yes"}).status_code == 409


def test_deadline_passed_blocks_submission(client, control, candidate):
    deadline = (control.now() + timedelta(minutes=5)).isoformat()
    _, base = ready(client, control, deadline=deadline)
    assert not submit_button_disabled(client, base)
    control.advance(600)
    assert submit_button_disabled(client, base)
    assert client.post(base + "/conditions", data={"accept": "yes"}).status_code == 409


def test_submitted_application_cannot_change(client, control, candidate):
    _, base = ready(client, control)
    client.post(base + "/conditions", data={"accept": "yes"})
    for path in ("/etape/2", "/etape/3", "/etape/4", "/etape/7", "/etape/7/lettre", "/etape/8", "/etape/9"):
        response = client.post(base + path, data={"institution": "Changé", "action": "save"})
        assert response.status_code == 409, path
        assert messages.ALREADY_SUBMITTED in text(response)
    page = client.get(base + "/etape/3").get_data(as_text=True)
    assert ">Enregistrer</button>" not in page and " disabled" in page
    assert control.applications(candidate["id"])[0]["sections"]["education"][0]["institution"] != "Changé"
    assert ">Modifier</a>" not in client.get("/candidatures").get_data(as_text=True)


def test_confirmation_mail_sent(tmp_path, mailbox):
    box, port = mailbox
    app = make_app(tmp_path, SMTP_HOST="127.0.0.1", SMTP_PORT=port)
    client = app.test_client()
    from .support import Control, login

    control = Control(client)
    person = control.candidate("complete")
    login(client, person)
    opening, base = ready(client, control)
    client.post(base + "/conditions", data={"accept": "yes"})
    assert len(box.messages) == 1
    mail = box.messages[0]
    assert mail["To"] == person["email"]
    assert mail["From"] == "ne-pas-repondre@inspira.example"
    assert mail["Subject"] == f"Nous avons bien reçu votre candidature – {opening['number']}"
    assert opening["title"] in mail.get_content()


def test_mail_failure_does_not_break_submission(tmp_path):
    from .support import Control, free_port, login

    app = make_app(tmp_path, SMTP_HOST="127.0.0.1", SMTP_PORT=free_port())  # nobody listens there
    client = app.test_client()
    control = Control(client)
    login(client, control.candidate("complete"))
    _, base = ready(client, control)
    assert client.post(base + "/conditions", data={"accept": "yes"}).headers["Location"] == base + "/confirmation"
