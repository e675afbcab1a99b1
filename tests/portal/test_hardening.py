"""Issue 16, the security and reliability review: each test fails on the portal as it was before its fix.

Races run against a real server on 127.0.0.1 (``live``), their threads released together by a barrier."""

from __future__ import annotations

import http.client
import re
import urllib.parse

import pytest
from sqlalchemy import select

from reference_portal import db, wsgi
from reference_portal.models import Candidate, OutgoingMail

from .live import portal_process, released_together, served
from .support import TOKEN, Control, MailBox, free_port, login, make_app
from .test_race import TOKEN as RACE_TOKEN
from .test_race import Browser
from .test_race import control as race_control

KEY = "k" * 32


def outbox(app) -> list[OutgoingMail]:
    with app.app_context():
        return list(db.session().execute(select(OutgoingMail).order_by(OutgoingMail.id)).scalars())


def raw_post(base: str, path: str, form: dict[str, str], host: str | None = None,
             headers: dict[str, str] | None = None) -> tuple[int, str]:
    """A POST over real HTTP with exactly this Host header (urllib would not let us lie about it)."""
    parts = urllib.parse.urlsplit(base)
    connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=30)
    try:
        connection.request("POST", path, body=urllib.parse.urlencode(form), headers={
            "Host": host or parts.netloc, "Content-Type": "application/x-www-form-urlencoded", **(headers or {})})
        response = connection.getresponse()
        return response.status, response.read().decode()
    finally:
        connection.close()


# 1 (HIGH): links in mail come from the configured public URL, never from the request's Host header.

def test_reset_links_use_the_public_url_and_a_foreign_host_is_refused(tmp_path):
    app = make_app(tmp_path, PUBLIC_URL="https://portal.example", TRUSTED_HOSTS=["portal.example", "localhost"])
    client = app.test_client()
    person = client.post("/__conformance__/v1/candidates", json={"profile": "complete"},
                         headers={"Authorization": f"Bearer {TOKEN}"}).get_json()
    refused = client.post("/mot-de-passe-oublie", data={"identifier": person["user_code"]},
                          headers={"Host": "evil.example"})
    assert refused.status_code == 400 and outbox(app) == []
    assert client.post("/mot-de-passe-oublie", data={"identifier": person["user_code"]}).status_code == 200
    [mail] = outbox(app)
    links = re.findall(r"\S+/mot-de-passe/nouveau/\S+", mail.body)
    assert links and all(link.startswith("https://portal.example/mot-de-passe/nouveau/") for link in links)


def test_job_alert_links_use_the_public_url(tmp_path):
    from .test_alerts import save

    app = make_app(tmp_path, PUBLIC_URL="https://portal.example/candidats", TRUSTED_HOSTS=["localhost"])
    client = app.test_client()
    control = Control(client)
    login(client, control.candidate("complete"))
    save(client, "Juristes", "juriste", alert=True, email="juriste@exemple.org")
    opening = control.opening(title="Juriste adjoint")
    assert control.call("POST", f"/openings/{opening['id']}/publish")["alerts_sent"] == 1
    [mail] = outbox(app)
    assert f"https://portal.example/candidats/emplois/{opening['id']}" in mail.body


def test_the_embedded_server_links_to_its_bound_address_and_refuses_other_hosts(tmp_path, mailbox):
    box, port = mailbox
    with portal_process("--control-token", RACE_TOKEN, "--smtp", f"127.0.0.1:{port}",
                        "--database-url", f"sqlite:///{tmp_path / 'p.sqlite3'}") as base:
        person = race_control(base, "POST", "/candidates", {"profile": "complete"})
        # CSRF is on here: a 400 before any form is read is the host check's.
        status, page = raw_post(base, "/mot-de-passe-oublie", {"identifier": person["user_code"]}, host="evil.example")
        assert status == 400 and "CSRF" not in page
        browser = Browser(base)
        browser.open("/mot-de-passe-oublie")
        assert browser.open("/mot-de-passe-oublie", {"identifier": person["user_code"]})[0] == 200
        # The mail leaves after the answer: wait for it before the portal stops (the bound only ends a lost one).
        assert box.arrived.wait(timeout=60), "the recovery mail never arrived"
    [message] = box.messages
    body = message.get_body(preferencelist=("plain",)).get_content()
    assert re.search(re.escape(base) + r"/mot-de-passe/nouveau/[A-Za-z0-9_-]+", body), body


def test_the_wsgi_entry_point_requires_a_public_url():
    with pytest.raises(wsgi.ConfigurationError, match="INSPIRA_PUBLIC_URL"):
        wsgi.config_from_environment({"INSPIRA_SECRET_KEY": KEY})
    with pytest.raises(wsgi.ConfigurationError, match="INSPIRA_PUBLIC_URL"):
        wsgi.make_app({"INSPIRA_SECRET_KEY": KEY, "INSPIRA_PUBLIC_URL": "portal.example"})


# 2 (HIGH): BEHIND_PROXY can be set from the environment (and `serve --behind-proxy`).

WSGI_CONTROL = {"Authorization": f"Bearer {TOKEN}", "Host": "portal.example"}


def _wsgi_app(tmp_path, **variables: str):
    environ = {"INSPIRA_SECRET_KEY": KEY, "INSPIRA_PUBLIC_URL": "https://portal.example",
               "INSPIRA_DATABASE_URL": f"sqlite:///{tmp_path / 'w.sqlite3'}", "INSPIRA_CONTROL_TOKEN": TOKEN,
               **variables}
    app = wsgi.make_app(environ)
    app.config.update(WTF_CSRF_ENABLED=False, PASSWORD_HASHING="cheapest")
    return app


def test_behind_a_proxy_throttling_counts_clients_and_cookies_are_secure(tmp_path):
    app = _wsgi_app(tmp_path, INSPIRA_BEHIND_PROXY="1")
    client = app.test_client()
    person = client.post("/__conformance__/v1/candidates", json={"profile": "complete"},
                         headers=WSGI_CONTROL).get_json()
    proxy = {"Host": "portal.example", "X-Forwarded-Proto": "https"}
    for attempt in range(30):  # 30 failures from one client, each on another user code
        answer = client.post("/connexion", data={"user_code": f"intrus{attempt:03d}", "password": "x" * 12},
                             headers={**proxy, "X-Forwarded-For": "203.0.113.7"})
        assert answer.status_code == 401
    other = client.post("/connexion", data={"user_code": person["user_code"], "password": person["password"]},
                        headers={**proxy, "X-Forwarded-For": "198.51.100.20"})
    assert other.status_code == 302, "another client behind the same proxy was locked out"
    cookie = next(h for h in other.headers.getlist("Set-Cookie") if h.startswith("session="))
    assert "Secure" in cookie
    with pytest.raises(wsgi.ConfigurationError, match="INSPIRA_BEHIND_PROXY"):
        _wsgi_app(tmp_path, INSPIRA_BEHIND_PROXY="yes")


def test_serve_takes_behind_proxy_and_public_url(monkeypatch):
    from harness.cli import build_parser

    args = build_parser().parse_args(["serve", "--behind-proxy", "--public-url", "https://portal.example"])
    assert args.behind_proxy and args.public_url == "https://portal.example"
    monkeypatch.setenv("INSPIRA_BEHIND_PROXY", "1")
    monkeypatch.setenv("INSPIRA_PUBLIC_URL", "https://p.example")
    from reference_portal import __main__ as portal_main

    seen = {}
    monkeypatch.setattr(portal_main, "serve", lambda *a, **kw: seen.update(kw))
    portal_main.main(["--port", "0"])
    assert seen["behind_proxy"] is True and seen["public_url"] == "https://p.example"


# 3 (MEDIUM): the control API refuses non-loopback peers inside the app, unless remote control is allowed.

@pytest.mark.parametrize("allowed, expected", [("", 403), ("1", 201)])
def test_the_control_api_refuses_remote_peers_unless_allowed(tmp_path, allowed, expected):
    app = _wsgi_app(tmp_path, INSPIRA_ALLOW_REMOTE_CONTROL=allowed)
    client = app.test_client()
    answer = client.post("/__conformance__/v1/candidates", json={"profile": "empty"},
                         headers=WSGI_CONTROL, environ_base={"REMOTE_ADDR": "192.0.2.10"})
    assert answer.status_code == expected
    loopback = client.post("/__conformance__/v1/candidates", json={"profile": "empty"},
                           headers=WSGI_CONTROL, environ_base={"REMOTE_ADDR": "::1"})
    assert loopback.status_code == 201


def test_behind_a_proxy_the_control_api_judges_the_client_not_the_proxy(tmp_path):
    client = _wsgi_app(tmp_path, INSPIRA_BEHIND_PROXY="1").test_client()
    answer = client.post("/__conformance__/v1/candidates", json={"profile": "empty"},
                         headers={**WSGI_CONTROL, "X-Forwarded-For": "192.0.2.10"})
    assert answer.status_code == 403


# Races: a real server on 127.0.0.1 in this process (CSRF off, cheapest hashing), requests released together.

RACERS = 20


@pytest.fixture
def live(tmp_path):
    app = make_app(tmp_path, PASSWORD_HASHING="cheapest")
    with served(app) as base:
        yield app, base


def session_cookie(base: str, person: dict) -> str:
    status, _, headers = http_call(base, "POST", "/connexion",
                                   {"user_code": person["user_code"], "password": person["password"]})
    assert status == 302
    return next(h for h in headers if h.startswith("session=")).split(";", 1)[0]


def http_call(base: str, method: str, path: str, form: dict | None = None, cookie: str | None = None,
              body: bytes | None = None, content_type: str = "application/x-www-form-urlencoded",
              extra: dict | None = None, timeout: float = 60) -> tuple[int, str, list[str]]:
    """(status, body, Set-Cookie headers) of one request over real HTTP."""
    parts = urllib.parse.urlsplit(base)
    connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=timeout)
    headers = {"Content-Type": content_type, **(extra or {})}
    if cookie:
        headers["Cookie"] = cookie
    if form is not None:
        body = urllib.parse.urlencode(form).encode()
    try:
        connection.request(method, path, body=body, headers=headers)
        response = connection.getresponse()
        return response.status, response.read().decode(), response.headers.get_all("Set-Cookie") or []
    finally:
        connection.close()


def api(base: str, method: str, path: str, body: dict | None = None) -> dict:
    import json

    status, page, _ = http_call(base, method, f"/__conformance__/v1{path}",
                                body=None if body is None else json.dumps(body).encode(),
                                content_type="application/json", extra={"Authorization": f"Bearer {TOKEN}"})
    assert status in (200, 201), page
    return json.loads(page)


# 4 (MEDIUM): parallel sign-in attempts on one user code check at most 5 passwords.

def test_parallel_guesses_on_one_user_code_check_at_most_five_passwords(live):
    app, base = live
    person = api(base, "POST", "/candidates", {"profile": "complete"})
    attempts = 40
    answers = released_together(attempts, lambda i: http_call(
        base, "POST", "/connexion", {"user_code": person["user_code"], "password": f"mauvais-{i:04d}"})[0])
    assert answers.count(401) == 5 and answers.count(429) == attempts - 5, sorted(answers)
    # The right password is refused too, now.
    right = http_call(base, "POST", "/connexion", {"user_code": person["user_code"], "password": person["password"]})
    assert right[0] == 429


# 5 (MEDIUM): a save racing « Soumettre » never leaves a submitted application with a mandatory field empty.

def test_a_save_racing_the_submission_never_submits_an_empty_mandatory_field(live):
    from .test_applications import SECTION_DATA

    app, base = live
    opening = api(base, "POST", "/openings", {"title": "Course"})
    person = api(base, "POST", "/candidates", {"profile": "complete"})
    cookie = session_cookie(base, person)
    filled = {"education": SECTION_DATA["/etape/3"], "experience": SECTION_DATA["/etape/4"],
              "languages": SECTION_DATA["/etape/5"], "skills": SECTION_DATA["/etape/6"],
              "cover_letter": SECTION_DATA["/etape/7/lettre"], "references": SECTION_DATA["/etape/7/references"],
              "final_questions": SECTION_DATA["/etape/7/questions"]}
    blank = {**SECTION_DATA["/etape/4"], "employer": "", "action": "save"}
    for trial in range(3):  # a few trials: one interleaving is enough to lose data
        opening = api(base, "POST", "/openings", {"title": f"Course {trial}"})
        stored = api(base, "POST", f"/candidates/{person['id']}/applications",
                     {"opening_id": opening["id"], "sections": filled})
        application = f"/candidatures/{stored['id']}"

        def act(i: int, application: str = application) -> tuple[str, int]:
            if i % 2:
                return "save", http_call(base, "POST", application + "/etape/4", blank, cookie)[0]
            return "submit", http_call(base, "POST", application + "/conditions", {"accept": "yes"}, cookie)[0]

        answers = released_together(RACERS, act)
        [after] = [a for a in api(base, "GET", f"/candidates/{person['id']}/applications")["applications"]
                   if a["id"] == stored["id"]]
        employer = after["sections"]["experience"][0]["employer"]
        saves_accepted = [status for kind, status in answers if kind == "save" and status == 302]
        if after["status"] == "Postulé":
            assert employer, f"submitted with « Employeur » empty: {answers}"
            assert not saves_accepted or not employer, answers
        else:
            assert after["status"] == "Brouillon" and not employer and saves_accepted, answers
        assert {status for _, status in answers} <= {302, 303, 409}, answers


# 6 (MEDIUM): uniqueness kept by the database, whatever the concurrency.

def test_parallel_first_saves_of_a_section_store_one_entry(live):
    from .test_applications import SECTION_DATA

    app, base = live
    person = api(base, "POST", "/candidates", {"profile": "complete"})
    cookie = session_cookie(base, person)
    stored = api(base, "POST", f"/candidates/{person['id']}/applications", {})
    answers = released_together(RACERS, lambda i: http_call(
        base, "POST", f"/candidatures/{stored['id']}/etape/3",
        {**SECTION_DATA["/etape/3"], "field_of_study": f"Droit {i}", "action": "save"}, cookie)[0])
    assert set(answers) == {302}, answers
    [after] = api(base, "GET", f"/candidates/{person['id']}/applications")["applications"]
    assert len(after["sections"]["education"]) == 1, after["sections"]["education"]


def test_user_codes_differing_by_case_are_one_code(live):
    app, base = live
    codes = [f"{'DuPont' if i % 2 else 'dupont'}{'x' * (i % 3)}" for i in range(RACERS)]
    form = {"first_name": "Ana", "last_name": "Dupont", "email": "ana@exemple.org", "date_of_birth": "01/02/1990",
            "password": "un-mot-de-passe-sûr", "password_confirmation": "un-mot-de-passe-sûr"}
    answers = released_together(RACERS, lambda i: http_call(base, "POST", "/inscription",
                                                            {**form, "user_code": codes[i]})[0])
    assert answers.count(302) == 3, answers  # dupont, dupontx, dupontxx: once each, whatever the case
    for code in ("DUPONT", "dupontX"):
        assert http_call(base, "POST", "/mot-de-passe-oublie", {"identifier": code})[0] == 200


def test_parallel_saved_searches_stop_at_the_limit(live):
    app, base = live
    person = api(base, "POST", "/candidates", {"profile": "complete"})
    cookie = session_cookie(base, person)
    answers = released_together(RACERS, lambda i: http_call(
        base, "POST", "/emplois/recherches-enregistrees/nouvelle",
        {"name": f"Recherche {i}", "mots_cles": "juriste", "periode": "tout", "alert_email": ""}, cookie)[0])
    assert answers.count(302) == 5 and answers.count(409) == RACERS - 5, answers
    with app.app_context():
        from reference_portal.rules.alerts import saved_count

        assert saved_count(person["id"]) == 5


# 8 (MEDIUM): security headers on every answer; no inline script or style for the CSP to allow.

def test_pages_carry_security_headers_and_personal_pages_are_not_cached(client, candidate):
    for path in ("/accueil", "/profil/coordonnees", "/candidatures"):
        response = client.get(path)
        assert response.status_code == 200, path
        policy = response.headers["Content-Security-Policy"]
        assert "script-src 'self'" in policy and "frame-ancestors 'none'" in policy and "unsafe-inline" not in policy
        assert response.headers["X-Frame-Options"] == "DENY"
        assert response.headers["X-Content-Type-Options"] == "nosniff"
        assert response.headers["Referrer-Policy"] in ("same-origin", "no-referrer")
        assert "no-store" in response.headers["Cache-Control"]


def test_templates_hold_no_inline_script_handler_or_style():
    from pathlib import Path

    import reference_portal

    inline = re.compile(r"<script(?![^>]*\bsrc=)[^>]*>|\son[a-z]+\s*=|\sstyle\s*=|<style\b|javascript:", re.I)
    root = Path(reference_portal.__file__).parent / "templates"
    found = {str(path.relative_to(root)): inline.findall(path.read_text(encoding="utf-8"))
             for path in root.rglob("*.html")}
    assert {name: hits for name, hits in found.items() if hits} == {}


def test_the_embedded_server_names_no_version(tmp_path):
    with portal_process("--database-url", f"sqlite:///{tmp_path / 'p.sqlite3'}") as base:
        parts = urllib.parse.urlsplit(base)
        connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=30)
        connection.request("GET", "/health")
        response = connection.getresponse()
        response.read()
        connection.close()
    server = response.headers.get("Server", "")
    assert not re.search(r"\d", server) and "Werkzeug" not in server and "Python" not in server, server


# 7 (MEDIUM): mail is delivered at least once, each message with a Message-ID stored before it is sent.

class Killed(BaseException):
    """The process dying (kill -9) right after the SMTP server accepted the message."""


def test_a_mail_sent_again_after_a_crash_carries_the_same_message_id(tmp_path, mailbox, monkeypatch):
    from datetime import timedelta

    from reference_portal import mail

    box, port = mailbox
    app = make_app(tmp_path, SMTP_HOST="127.0.0.1", SMTP_PORT=port)
    with app.app_context():
        mail.queue_mail("ana@exemple.org", "Objet", "Corps")
        db.session().commit()
        [row] = outbox(app)
        assert row.message_id and row.sent_at is None  # chosen before any attempt
        transmit = mail._transmit

        def accepted_then_killed(message):  # noqa: ANN001, ANN202
            assert transmit(message) is None
            raise Killed

        monkeypatch.setattr(mail, "_transmit", accepted_then_killed)
        with pytest.raises(Killed):
            mail.deliver_pending()
        monkeypatch.setattr(mail, "_transmit", transmit)
        later = mail._wall_clock() + timedelta(seconds=mail.CLAIM_SECONDS + 1)
        monkeypatch.setattr(mail, "_wall_clock", lambda: later)  # after restart, once the dead claim lapsed
        assert mail.deliver_pending() == 1
    assert [m["Message-ID"] for m in box.messages] == [row.message_id, row.message_id]
    assert outbox(app)[0].sent_at is not None


# 9 (MEDIUM): the answer to « Mot de passe oublié » leaves before any mail is sent, so its delay tells nothing.

def test_the_recovery_answer_does_not_wait_for_the_mail(tmp_path, monkeypatch):
    import asyncio
    import threading

    from aiosmtpd.controller import Controller

    from reference_portal import mail

    release, arrived = threading.Event(), threading.Event()

    class HeldSink(MailBox):
        async def handle_DATA(self, server, session, envelope):  # noqa: ANN001, ANN201, N802
            await asyncio.to_thread(release.wait, 60)  # the SMTP server holds its 250
            answer = await super().handle_DATA(server, session, envelope)
            arrived.set()
            return answer

    box, port = HeldSink(), free_port()
    controller = Controller(box, hostname="127.0.0.1", port=port)
    controller.start()
    monkeypatch.setattr(mail, "SMTP_TIMEOUT_SECONDS", 120)  # a held SMTP server, not a failed one
    try:
        app = make_app(tmp_path, SMTP_HOST="127.0.0.1", SMTP_PORT=port)
        with served(app) as base:
            person = api(base, "POST", "/candidates", {"profile": "complete"})
            try:
                status, page, _ = http_call(base, "POST", "/mot-de-passe-oublie",
                                            {"identifier": person["user_code"]}, timeout=30)
            except TimeoutError:
                pytest.fail("the answer waited for the SMTP server")
            assert status == 200 and not release.is_set()
            release.set()
            assert arrived.wait(30), "the mail was not delivered once the SMTP server answered"
    finally:
        release.set()
        controller.stop()
    assert len(box.messages) == 1


# 10 (LOW): a JSON body nested thousands of levels deep is a bad request, not a server error.

@pytest.mark.parametrize("path", ["/connexion", "/__conformance__/v1/candidates", "/inexistant"])
def test_a_deeply_nested_json_body_is_refused_with_400(client, path):
    body = "[" * 2000 + "]" * 2000
    answer = client.post(path, data=body, content_type="application/json",
                         headers={"Authorization": f"Bearer {TOKEN}"})
    assert answer.status_code == 400


# 11 (LOW): a line break in a one-line field of « Contactez-nous » is refused, the typing kept.

def test_a_line_break_in_a_one_line_contact_field_is_refused_and_the_typing_kept(tmp_path, mailbox):
    from reference_portal import messages

    box, port = mailbox
    client = make_app(tmp_path, SMTP_HOST="127.0.0.1", SMTP_PORT=port).test_client()
    form = {"full_name": "Ana Dupont", "user_code": "anadupont", "email": "ana@exemple.org",
            "opening_number": "26-ITEC-1\r\nBcc: autre@exemple.org", "steps": "Étape 1\r\nÉtape 2",
            "message": "Bonjour,\r\nla page ne répond pas."}
    answer = client.post("/contactez-nous", data=form)
    page = answer.get_data(as_text=True)
    assert answer.status_code == 422 and box.messages == []
    assert messages.LINE_BREAK_HINT.replace("'", "&#39;") in page
    assert "la page ne répond pas." in page  # the message typed is shown back, not lost
    form["opening_number"] = "26-ITEC-1"
    assert client.post("/contactez-nous", data=form).status_code == 302  # multi-line fields keep their lines
    assert "Étape 1\r\nÉtape 2" in box.messages[0].get_body(preferencelist=("plain",)).get_content()


# 12 (LOW): registration is throttled per client, and password hashing is bounded per process.

REGISTRATION = {"first_name": "Ana", "last_name": "Dupont", "email": "ana@exemple.org",
                "date_of_birth": "01/02/1990", "password": "un-mot-de-passe-sûr",
                "password_confirmation": "un-mot-de-passe-sûr"}


def test_registration_is_throttled_per_client(tmp_path):
    from reference_portal import messages

    client = make_app(tmp_path, PASSWORD_HASHING="cheapest").test_client()
    for number in range(20):  # security.REGISTRATIONS_PER_CLIENT
        answer = client.post("/inscription", data={**REGISTRATION, "user_code": f"ana{number:04d}"})
        assert answer.status_code == 302, number
        client.post("/deconnexion")
    refused = client.post("/inscription", data={**REGISTRATION, "user_code": "anadernier"})
    page = refused.get_data(as_text=True)
    assert refused.status_code == 429 and messages.registration_throttled(15).replace("'", "&#39;") in page
    assert 'value="anadernier"' in page and "un-mot-de-passe" not in page  # the typing kept, not the password


def test_the_registration_limit_is_an_option_of_serving_the_portal(tmp_path):
    import argparse

    from reference_portal.config import add_serve_arguments, serve_settings

    parser = argparse.ArgumentParser()
    add_serve_arguments(parser)
    assert serve_settings(parser.parse_args([]))["registration_limit"] is None  # the default, 20
    assert serve_settings(parser.parse_args(["--registration-limit", "2"]))["registration_limit"] == 2
    with pytest.raises(SystemExit):
        parser.parse_args(["--registration-limit", "0"])
    client = make_app(tmp_path, PASSWORD_HASHING="cheapest", REGISTRATION_LIMIT=2).test_client()
    answers = []
    for number in range(3):
        answers.append(client.post("/inscription", data={**REGISTRATION, "user_code": f"lim{number:04d}"}).status_code)
        client.post("/deconnexion")
    assert answers == [302, 302, 429]


def test_the_hashing_cost_is_an_option_of_serving_the_portal_and_standard_by_default(tmp_path):
    """The harness's embedded portal, whose accounts live for one run, asks for the cheapest cost; a served one
    hashes at argon2-cffi's default unless told otherwise. Either way every stored hash is Argon2id."""
    import argparse

    from argon2 import extract_parameters, profiles

    from reference_portal.config import add_serve_arguments, serve_settings

    parser = argparse.ArgumentParser()
    add_serve_arguments(parser)
    assert serve_settings(parser.parse_args([]))["password_hashing"] == "standard"
    assert serve_settings(parser.parse_args(["--password-hashing", "cheapest"]))["password_hashing"] == "cheapest"
    with pytest.raises(SystemExit):
        parser.parse_args(["--password-hashing", "none"])
    costs = {}
    for name, extra in (("standard", {}), ("cheapest", {"PASSWORD_HASHING": "cheapest"})):
        (tmp_path / name).mkdir()
        app = make_app(tmp_path / name, **extra)
        client = app.test_client()
        assert client.post("/inscription", data={**REGISTRATION, "user_code": "cout0001"}).status_code == 302
        with app.app_context():
            stored = db.session().scalars(select(Candidate.password_hash)).one()
        assert stored.startswith("$argon2id$")
        costs[name] = extract_parameters(stored).memory_cost
    assert costs == {"standard": profiles.RFC_9106_LOW_MEMORY.memory_cost, "cheapest": profiles.CHEAPEST.memory_cost}


def test_concurrent_password_hashing_is_bounded(tmp_path, monkeypatch):
    import threading

    from reference_portal import security

    app = make_app(tmp_path, PASSWORD_HASHING="cheapest", REGISTRATION_LIMIT=1000)
    state = threading.Condition()
    counts = {"entered": 0, "active": 0, "most": 0}
    go = threading.Event()
    real_hash_password, cheapest = security.hash_password, security._CHEAPEST

    class Watched:
        """Argon2id at the cheapest cost, counting how many computations run at once."""

        def hash(self, password: str) -> str:
            with state:
                counts["active"] += 1
                counts["most"] = max(counts["most"], counts["active"])
                state.notify_all()
            go.wait(60)
            try:
                return cheapest.hash(password)
            finally:
                with state:
                    counts["active"] -= 1

    def entering(password: str) -> str:
        with state:
            counts["entered"] += 1
            state.notify_all()
        return real_hash_password(password)

    monkeypatch.setattr(security, "_current_hasher", lambda: Watched())
    monkeypatch.setattr(security, "hash_password", entering)
    count = 24
    with served(app) as base:
        results: list = []
        runner = threading.Thread(target=lambda: results.extend(released_together(count, lambda i: http_call(
            base, "POST", "/inscription", {**REGISTRATION, "user_code": f"course{i:03d}"})[0])))
        runner.start()
        try:
            with state:
                assert state.wait_for(lambda: counts["entered"] == count, timeout=60), counts
                # Every registration is at the hashing; given a moment, more than the bound would be computing.
                state.wait_for(lambda: counts["active"] > security.HASHING_AT_ONCE, timeout=3)
        finally:
            go.set()
            runner.join(timeout=120)
    assert results == [302] * count
    assert counts["most"] == security.HASHING_AT_ONCE, counts
