"""The inactivity timeout, at its boundary, with the portal's clock moved through the control API."""

from reference_portal import messages

from .support import text


def save_cover_letter(client) -> str:
    client.post("/candidatures/nouvelle", data={"origin": "Presse"})
    location = client.post("/candidatures/nouvelle/options", data={"choice": "new"}).headers["Location"]
    base = location.rsplit("/etape", 1)[0]
    client.post(base + "/etape/7/lettre", data={"letter": "Ma lettre", "action": "save"})
    return base


def test_still_signed_in_after_1199_seconds(client, control, candidate):
    base = save_cover_letter(client)
    control.advance(1199)
    page = client.get(base + "/etape/7/lettre")
    assert page.status_code == 200 and ">Ma lettre</textarea>" in page.get_data(as_text=True)


def test_signed_out_after_1201_seconds_and_data_kept(client, control, candidate):
    base = save_cover_letter(client)
    control.advance(1201)
    response = client.get(base + "/etape/7/lettre")
    assert response.headers["Location"] == "/connexion?expire=1"
    login_page = client.get("/connexion?expire=1")
    assert messages.session_expired(20) in text(login_page)
    assert client.get("/accueil").status_code == 302  # the session was cleared
    client.post("/connexion", data={"user_code": candidate["user_code"], "password": candidate["password"]})
    assert ">Ma lettre</textarea>" in client.get(base + "/etape/7/lettre").get_data(as_text=True)


def test_activity_renews_the_session(client, control, candidate):
    control.advance(1000)
    assert client.get("/accueil").status_code == 200
    control.advance(1000)
    assert client.get("/accueil").status_code == 200


def test_health_does_not_count_as_activity(client, control, candidate):
    control.advance(1000)
    client.get("/health")
    control.advance(201)
    assert client.get("/accueil").headers["Location"] == "/connexion?expire=1"
