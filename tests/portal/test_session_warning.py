"""What the in-page inactivity warning needs from the server: the numbers it renders, the keep-alive
(« Rester connecté ») that renews the session, and the status check that does not."""

import re
from pathlib import Path

import pytest

from reference_portal import messages

from .support import Control, login, make_app, text


def warning_data(response) -> dict[str, str]:
    html = response.get_data(as_text=True)
    block = re.search(r'<div id="session-warning"(.*?)>', html, re.S)
    assert block, "no session warning on this page"
    return dict(re.findall(r'data-([a-z-]+)="([^"]*)"', block[1]))


def test_signed_in_pages_carry_the_warning(client, candidate):
    for url in ("/accueil", "/profil/coordonnees", "/candidatures"):
        page = client.get(url)
        html = page.get_data(as_text=True)
        assert 'role="alertdialog"' in html and 'aria-labelledby="session-warning-title"' in html
        assert messages.SESSION_WARNING_TITLE in text(page) and f">{messages.STAY_SIGNED_IN}</button>" in html
        assert "/static/session.js" in html
        data = warning_data(page)
        assert data["warn-before"] == "120" and data["seconds-left"] == "1200"
        assert data["keep-alive-url"] == "/session/prolonger" and data["expired-url"] == "/connexion?expire=1"


def test_anonymous_pages_have_no_warning(client):
    for url in ("/", "/connexion", "/inscription"):
        assert "session-warning" not in client.get(url).get_data(as_text=True)


def test_seconds_left_counts_down_with_the_portal_clock(client, control, candidate):
    # Held still, so the real time between the two requests (a second on a busy machine) does not count.
    control.call("POST", "/clock/freeze", {"frozen": True})
    client.get("/accueil")
    control.advance(1000)
    state = client.get("/session/etat").get_json()
    assert state == {"signed_in": True, "seconds_left": 200}


def test_status_check_does_not_renew_the_session(client, control, candidate):
    control.advance(1100)
    client.get("/session/etat")
    control.advance(101)
    assert client.get("/accueil").headers["Location"] == "/connexion?expire=1"


def test_status_after_the_timeout_ends_the_session(client, control, candidate):
    control.advance(1201)
    assert client.get("/session/etat").get_json() == {"signed_in": False, "seconds_left": 0}
    assert client.get("/accueil").headers["Location"] == "/connexion"


def test_keep_alive_renews_the_session(client, control, candidate):
    control.advance(1080)
    assert client.post("/session/prolonger").get_json() == {"signed_in": True, "seconds_left": 1200}
    control.advance(1140)  # 37 minutes after the last page, 19 after « Rester connecté »
    assert client.get("/accueil").status_code == 200


def test_keep_alive_after_the_timeout_does_not_revive(client, control, candidate):
    control.advance(1201)
    response = client.post("/session/prolonger")
    assert response.headers["Location"] == "/connexion?expire=1"
    assert client.get("/accueil").status_code == 302


def test_keep_alive_when_signed_out(client):
    response = client.post("/session/prolonger")
    assert response.status_code == 401 and response.get_json()["signed_in"] is False


def test_keep_alive_is_csrf_protected(tmp_path: Path):
    client = make_app(tmp_path, WTF_CSRF_ENABLED=True).test_client()
    person = Control(client).candidate()
    page = client.get("/connexion").get_data(as_text=True)
    token = re.search(r'name="csrf_token" value="([^"]+)"', page)[1]
    client.post("/connexion", data={"csrf_token": token, "user_code": person["user_code"],
                                    "password": person["password"]})
    assert client.post("/session/prolonger").status_code == 400
    header_token = warning_data(client.get("/accueil"))["csrf-token"]
    response = client.post("/session/prolonger", headers={"X-CSRFToken": header_token})
    assert response.status_code == 200 and response.get_json()["signed_in"] is True


@pytest.mark.parametrize(
    ("timeout", "warning", "warn_before", "minutes"), [(600, 480, "120", 2), (1200, 900, "300", 5)]
)
def test_times_are_configurable(tmp_path: Path, timeout, warning, warn_before, minutes):
    client = make_app(tmp_path, SESSION_TIMEOUT_SECONDS=timeout, SESSION_WARNING_SECONDS=warning).test_client()
    login(client, Control(client).candidate())
    page = client.get("/accueil")
    data = warning_data(page)
    assert data["warn-before"] == warn_before and data["seconds-left"] == str(timeout)
    assert messages.session_warning_text(minutes) in text(page)
