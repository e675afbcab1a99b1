"""Guessing is slowed down: sign-in failures and recovery requests are counted per user code or address and
per client, in the database, over a 15-minute window of the portal's clock (moved here, never slept)."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from reference_portal import db, messages, security
from reference_portal.models import ThrottleEvent

from .support import text

LIMIT = security.SIGN_IN_FAILURES_PER_USER_CODE
WINDOW = security.THROTTLE_MINUTES * 60


def sign_in(client, user_code: str, password: str):
    return client.post("/connexion", data={"user_code": user_code, "password": password})


def fail(client, user_code: str, times: int) -> None:
    for _ in range(times):
        assert sign_in(client, user_code, "pas-le-bon-mot-de-passe").status_code == 401


def test_after_five_failures_even_the_right_password_is_refused_for_a_while(client, control):
    person = control.candidate("complete")
    fail(client, person["user_code"], LIMIT)
    refused = sign_in(client, person["user_code"], person["password"])
    assert refused.status_code == 429
    assert messages.sign_in_throttled(15) in text(refused)
    assert client.get("/accueil").status_code == 302  # not signed in
    control.advance(WINDOW - 5)
    assert sign_in(client, person["user_code"], person["password"]).status_code == 429
    control.advance(10)  # the oldest failures have left the window
    assert sign_in(client, person["user_code"], person["password"]).status_code == 302


def test_four_failures_then_the_right_password_signs_in_and_clears_the_count(client, control):
    person = control.candidate("complete")
    fail(client, person["user_code"], LIMIT - 1)
    assert sign_in(client, person["user_code"], person["password"]).status_code == 302
    client.post("/deconnexion")
    fail(client, person["user_code"], LIMIT - 1)  # a fresh count: still below the limit
    assert sign_in(client, person["user_code"], person["password"]).status_code == 302


def test_the_refusal_does_not_tell_whether_the_user_code_exists(client, control):
    person = control.candidate("complete")
    fail(client, person["user_code"], LIMIT)
    fail(client, "personne.inconnue", LIMIT)
    known = sign_in(client, person["user_code"], "nimporte-quoi-123")
    unknown = sign_in(client, "personne.inconnue", "nimporte-quoi-123")
    assert known.status_code == unknown.status_code == 429
    assert text(known).replace(person["user_code"], "X") == text(unknown).replace("personne.inconnue", "X")


def test_another_user_code_is_not_locked_by_someone_elses_failures(client, control):
    first, second = control.candidate("complete"), control.candidate("complete")
    fail(client, first["user_code"], LIMIT)
    assert sign_in(client, second["user_code"], second["password"]).status_code == 302


def test_one_client_trying_many_user_codes_is_throttled(client, control, monkeypatch):
    monkeypatch.setattr(security, "SIGN_IN_FAILURES_PER_CLIENT", 8)  # the rule, with fewer slow password checks
    person = control.candidate("complete")
    for number in range(8):
        assert sign_in(client, f"essai{number:03d}", "pas-le-bon-mot-de-passe").status_code == 401
    assert sign_in(client, person["user_code"], person["password"]).status_code == 429
    other_client = client.application.test_client()
    other_client.environ_base["REMOTE_ADDR"] = "192.0.2.7"
    assert sign_in(other_client, person["user_code"], person["password"]).status_code == 302


def test_only_hashes_are_stored(app, client, control):
    fail(client, "quelquun.de.precis", 1)
    with app.app_context():
        keys = db.session().execute(select(ThrottleEvent.key)).scalars().all()
    assert len(keys) == 2 and not any("quelquun" in key or "127.0.0.1" in key for key in keys)


@pytest.mark.parametrize(
    ("url", "field", "value"),
    [
        ("/mot-de-passe-oublie", "identifier", "quelquun.de.precis"),
        ("/code-utilisateur-oublie", "email", "a@exemple.org"),
    ],
)
def test_recovery_requests_for_one_target_are_throttled(client, control, url, field, value):
    for _ in range(security.RECOVERY_REQUESTS_PER_TARGET):
        assert client.post(url, data={field: value}).status_code == 200
    refused = client.post(url, data={field: value})
    assert refused.status_code == 429
    assert messages.recovery_throttled(15) in text(refused)
    assert f'value="{value}"' in refused.get_data(as_text=True)  # the typing is kept
    control.advance(WINDOW + 1)
    assert client.post(url, data={field: value}).status_code == 200


def test_recovery_requests_from_one_client_are_throttled(client, monkeypatch):
    monkeypatch.setattr(security, "RECOVERY_REQUESTS_PER_CLIENT", 6)
    for number in range(6):
        assert client.post("/mot-de-passe-oublie", data={"identifier": f"code{number:03d}"}).status_code == 200
    assert client.post("/mot-de-passe-oublie", data={"identifier": "encore.un"}).status_code == 429
