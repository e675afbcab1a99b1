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


# --- cookies, password hashes, the control API's exposure ----------------------------------------------

import hmac  # noqa: E402

import pytest  # noqa: E402

from reference_portal import __main__ as portal_main  # noqa: E402
from reference_portal import db  # noqa: E402
from reference_portal.config import is_loopback  # noqa: E402
from reference_portal.models import Candidate  # noqa: E402

from .support import make_app  # noqa: E402


def session_cookie(client, control, **request) -> str:
    person = control.candidate()
    data = {"user_code": person["user_code"], "password": person["password"]}
    response = client.post("/connexion", data=data, **request)
    assert response.status_code == 302
    [cookie] = [c for c in response.headers.getlist("Set-Cookie") if c.startswith("session=")]
    return cookie


def test_session_cookie_over_http_is_httponly_lax_and_not_secure(client, control):
    cookie = session_cookie(client, control)
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie and "Secure" not in cookie


def test_session_cookie_over_https_is_secure(client, control):
    cookie = session_cookie(client, control, base_url="https://localhost")
    assert "Secure" in cookie and "HttpOnly" in cookie and "SameSite=Lax" in cookie
    page = client.get("/connexion", base_url="https://localhost")
    assert all("Secure" in c for c in page.headers.getlist("Set-Cookie"))  # the cookie check's cookie too


def test_behind_a_tls_proxy_the_forwarded_scheme_counts_only_when_trusted(tmp_path, control):
    forwarded = {"headers": {"X-Forwarded-Proto": "https", "X-Forwarded-For": "203.0.113.9"}}
    assert "Secure" not in session_cookie(control.client, control, **forwarded)  # not trusted by default
    (tmp_path / "proxy").mkdir()
    trusting = make_app(tmp_path / "proxy", BEHIND_PROXY=True).test_client()
    from .support import Control

    assert "Secure" in session_cookie(trusting, Control(trusting), **forwarded)


def test_passwords_are_stored_as_argon2id_hashes(app, client, control):
    person = control.candidate()
    with app.app_context():
        stored = db.session().get(Candidate, person["id"]).password_hash
    assert stored.startswith("$argon2id$") and person["password"] not in stored


def test_the_control_token_is_compared_in_constant_time(client, monkeypatch):
    compared = []
    real = hmac.compare_digest

    def spy(a, b):  # noqa: ANN001
        compared.append((a, b))
        return real(a, b)

    monkeypatch.setattr(hmac, "compare_digest", spy)
    assert client.post("/__conformance__/v1/reset", headers={"Authorization": "Bearer faux"}).status_code == 401
    assert client.post("/__conformance__/v1/reset", headers={"Authorization": "Bearer test-token"}).status_code == 204
    assert compared == [(b"faux", b"test-token"), (b"test-token", b"test-token")]


@pytest.mark.parametrize(
    ("host", "loopback"),
    [("127.0.0.1", True), ("127.0.0.2", True), ("localhost", True), ("::1", True), ("[::1]", True),
     ("0.0.0.0", False), ("::", False), ("192.168.1.10", False), ("portal.example", False)],
)
def test_loopback_addresses(host, loopback):
    assert is_loopback(host) is loopback


def test_python_m_reference_portal_refuses_the_control_api_on_a_public_address(capsys, monkeypatch):
    started = []
    monkeypatch.setattr(portal_main, "serve", lambda *args, **kwargs: started.append(kwargs))
    with pytest.raises(SystemExit) as exit_:
        portal_main.main(["--host", "0.0.0.0", "--port", "0", "--control-token", "t"])
    assert exit_.value.code == 2 and started == []
    assert "refusing to expose the control API on 0.0.0.0" in capsys.readouterr().err
    portal_main.main(["--host", "0.0.0.0", "--port", "0", "--control-token", "t", "--allow-remote-control"])
    portal_main.main(["--host", "0.0.0.0", "--port", "0"])  # no token, no API: nothing to refuse
    portal_main.main(["--host", "127.0.0.1", "--port", "0", "--control-token", "t"])
    assert len(started) == 3


def test_a_nul_character_is_refused_everywhere_with_a_message_and_nothing_saved(client, control, candidate):
    """PostgreSQL cannot store or compare a NUL: refused at the door (pages and control API), never a 500."""
    before = client.get("/profil/coordonnees").get_data(as_text=True)
    page = client.get("/emplois", query_string={"mots_cles": "juri\x00ste"})
    assert page.status_code == 400 and messages.NUL_CHARACTER_REFUSED in text(page)
    refused = client.post("/profil/coordonnees", data={"first_name": "A\x00", "city": "Paris"})
    assert refused.status_code == 400 and messages.NUL_CHARACTER_REFUSED in text(refused)
    assert client.get("/profil/coordonnees").get_data(as_text=True) == before
    api = control.client.post("/__conformance__/v1/openings", json={"title": "Ju\x00riste"},
                              headers=control.headers)
    assert api.status_code == 400 and api.get_json() == {"error": "a value contains a NUL character"}


def test_other_control_characters_are_refused_by_the_field_that_holds_them(client, candidate):
    data = {"first_name": "Jean\x07", "last_name": "Dupont", "primary_email": candidate["email"], "city": "Paris"}
    response = client.post("/profil/coordonnees", data=data)
    assert response.status_code == 422
    assert "Prénom : " + messages.CONTROL_CHARACTER_HINT in text(response)
