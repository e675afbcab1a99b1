from datetime import UTC, datetime, timedelta

import pytest

from reference_portal import messages
from reference_portal.clock import NEW_YORK
from reference_portal.rules.alerts import add_months

from .support import Control, login, make_app, text

DAY = 86400


def save(client, name="Informatique", keywords="", alert=False, email="", period="tout"):
    data = {"name": name, "mots_cles": keywords, "periode": period, "alert_email": email}
    if alert:
        data["alert"] = "yes"
    return client.post("/emplois/recherches-enregistrees/nouvelle", data=data)


def sign_in_again(client, person) -> None:
    """After a clock jump the inactivity timeout has ended the session: the next request says so."""
    assert "expire=1" in client.get("/accueil").headers["Location"]
    login(client, person)


def seconds_until(control, moment: datetime) -> float:
    now = datetime.fromisoformat(control.call("GET", "/clock")["now"].replace("Z", "+00:00"))
    return (moment - now).total_seconds()


def test_add_months_keeps_the_day_or_takes_the_months_last():
    assert add_months(datetime(2026, 1, 15, 9, tzinfo=UTC), 6) == datetime(2026, 7, 15, 9, tzinfo=UTC)
    assert add_months(datetime(2026, 8, 31, tzinfo=UTC), 6) == datetime(2027, 2, 28, tzinfo=UTC)
    assert add_months(datetime(2026, 12, 1, tzinfo=UTC), 6) == datetime(2027, 6, 1, tzinfo=UTC)


def test_search_page_offers_tt_moment_and_save_button(client, control, candidate):
    page = client.get("/emplois").get_data(as_text=True)
    assert '<label for="periode">Rech. offres publiées sous</label>' in page
    assert ">Tt moment</option>" in page
    assert 'formaction="/emplois/recherches-enregistrees/nouvelle">Enregistrer recherche</button>' in page


def test_tt_moment_lists_openings_of_any_posting_date(client, control, candidate):
    now = control.now()
    control.opening(title="Archiviste ancien", posted_at=(now - timedelta(days=400)).isoformat())
    control.opening(title="Archiviste récent", posted_at=(now - timedelta(days=3)).isoformat())
    everything = text(client.get("/emplois", query_string={"mots_cles": "archiviste", "periode": "tout"}))
    assert "2 résultat(s)" in everything
    assert "1 résultat(s)" in text(client.get("/emplois", query_string={"mots_cles": "archiviste", "periode": "30"}))


def test_save_form_defaults_to_profile_email(client, control, candidate):
    page = client.get("/emplois/recherches-enregistrees/nouvelle", query_string={"mots_cles": "juriste"})
    html = page.get_data(as_text=True)
    assert "Utiliser comme Alerte emploi" in html and "Envoyer une notification Alerte emploi à :" in html
    assert f'value="{candidate["email"]}"' in html
    assert "Mots clés : « juriste »" in text(page)


def test_saved_search_listed_with_criteria_and_validity(client, control, candidate):
    response = save(client, "Juristes Genève", "juriste genève", alert=True, email="alertes@exemple.org")
    assert response.status_code == 302
    listing = text(client.get("/emplois/recherches-enregistrees"))
    assert "Juristes Genève" in listing and "« juriste genève »" in listing
    assert "alertes@exemple.org" in listing and "Valide" in listing
    until = add_months(control.now(), 6).astimezone(NEW_YORK).strftime("%d/%m/%Y")
    assert until in listing


@pytest.mark.parametrize("email", ["", "pas-une-adresse"])
def test_alert_needs_a_valid_email(client, control, candidate, email):
    response = save(client, "Ma recherche", "juriste", alert=True, email=email)
    assert response.status_code == 422
    page = text(response)
    assert "Envoyer une notification Alerte emploi à :" in page
    assert ("ou décochez" in page) if not email else (messages.EMAIL_HINT in page)
    assert 'value="Ma recherche"' in response.get_data(as_text=True)
    assert "Ma recherche" not in text(client.get("/emplois/recherches-enregistrees"))


def test_name_is_required(client, control, candidate):
    response = save(client, "", "juriste")
    assert response.status_code == 422
    assert "Nom de la recherche : " + messages.REQUIRED_HINT in text(response)


def test_search_without_alert_needs_no_email(client, control, candidate):
    assert save(client, "Sans alerte", "juriste", alert=False, email="").status_code == 302
    assert "Non" in text(client.get("/emplois/recherches-enregistrees"))


def test_at_most_five_saved_searches_then_delete_one(client, control, candidate):
    for n in range(1, 6):
        assert save(client, f"Recherche {n}").status_code == 302
    refused = save(client, "Recherche 6")
    assert refused.status_code == 409
    assert "supprimez-en une" in text(refused)
    assert 'value="Recherche 6"' in refused.get_data(as_text=True)
    assert "Recherche 6" not in text(client.get("/emplois/recherches-enregistrees"))
    from reference_portal import db
    from reference_portal.models import SavedSearch

    with client.application.app_context():
        first = db.session().query(SavedSearch).filter_by(name="Recherche 1").one().id
    assert client.post(f"/emplois/recherches-enregistrees/{first}/supprimer").status_code == 302
    assert save(client, "Recherche 6").status_code == 302
    client.get("/emplois/recherches-enregistrees")  # shows (and so clears) the messages
    listing = text(client.get("/emplois/recherches-enregistrees"))
    assert "Recherche 6" in listing and "Recherche 1 " not in listing


def test_cannot_delete_someone_elses_search(client, control, candidate):
    save(client, "La mienne")
    other = control.candidate("complete")
    login(client, other)
    from reference_portal import db
    from reference_portal.models import SavedSearch

    with client.application.app_context():
        mine = db.session().query(SavedSearch).filter_by(name="La mienne").one().id
    assert client.post(f"/emplois/recherches-enregistrees/{mine}/supprimer").status_code == 404


@pytest.mark.parametrize(("offset_days", "state"), [(-1, "Valide"), (1, "Expirée")])
def test_six_month_validity_boundary(client, control, candidate, offset_days, state):
    saved_at = datetime.fromisoformat(control.call("GET", "/clock")["now"].replace("Z", "+00:00"))
    save(client, "Bornes", "juriste")
    control.advance(seconds_until(control, add_months(saved_at, 6)) + offset_days * DAY)
    sign_in_again(client, candidate)
    listing = text(client.get("/emplois/recherches-enregistrees"))
    assert "Bornes" in listing and state in listing
    other = "Expirée" if state == "Valide" else "Valide"
    assert f"{other} Supprimer" not in listing


@pytest.fixture
def mail_app(tmp_path, mailbox):
    box, port = mailbox
    app = make_app(tmp_path, SMTP_HOST="127.0.0.1", SMTP_PORT=port)
    client = app.test_client()
    control = Control(client)
    person = control.candidate("complete")
    login(client, person)
    return client, control, person, box


def test_publish_sends_matching_alert_naming_the_opening(mail_app):
    client, control, person, box = mail_app
    save(client, "Juristes", "juriste genève", alert=True, email="juriste@exemple.org")
    save(client, "Comptables", "comptable", alert=True, email="comptable@exemple.org")
    save(client, "Sans alerte", "juriste", alert=False)
    future = (control.now() + timedelta(days=5)).isoformat()
    opening = control.opening(title="Juriste adjoint", duty_station="Genève", posted_at=future)
    assert box.messages == []
    published = control.call("POST", f"/openings/{opening['id']}/publish")
    assert published["alerts_sent"] == 1
    assert datetime.fromisoformat(published["posted_at"].replace("Z", "+00:00")) == control.now()
    assert [m["To"] for m in box.messages] == ["juriste@exemple.org"]
    body = box.messages[0].get_content()
    assert opening["number"] in box.messages[0]["Subject"]
    assert opening["number"] in body and "Juriste adjoint" in body and "« Juristes »" in body
    assert f"/emplois/{opening['id']}" in body
    assert client.get(f"/emplois/{opening['id']}").status_code == 200  # the link leads to a published page


def test_expired_alert_sends_nothing(mail_app):
    client, control, person, box = mail_app
    saved_at = datetime.fromisoformat(control.call("GET", "/clock")["now"].replace("Z", "+00:00"))
    save(client, "Ancienne", "statisticien", alert=True, email="ancienne@exemple.org")
    control.advance(seconds_until(control, add_months(saved_at, 6)) + DAY)
    sign_in_again(client, person)
    save(client, "Nouvelle", "statisticien", alert=True, email="nouvelle@exemple.org")
    opening = control.opening(title="Statisticien")
    assert control.call("POST", f"/openings/{opening['id']}/publish")["alerts_sent"] == 1
    assert [m["To"] for m in box.messages] == ["nouvelle@exemple.org"]


def test_alert_not_sent_for_an_opening_that_does_not_accept_applications(mail_app):
    client, control, person, box = mail_app
    save(client, "Traducteurs", "traducteur", alert=True, email="trad@exemple.org")
    opening = control.opening(title="Traducteur", state="cancelled")
    assert control.call("POST", f"/openings/{opening['id']}/publish")["alerts_sent"] == 0
    assert box.messages == []


def test_publish_unknown_opening(client, control):
    assert control.call("POST", "/openings/999999/publish", expect=404)["error"]
