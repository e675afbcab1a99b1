"""One application per opening, even under concurrency: the real server, 20 requests at once.

The portal runs as its own process (threaded WSGI server, SQLite file), as in production; the requests
come from 20 threads sharing one signed-in candidate's session, the way a person double-clicking in
several tabs would send them.
"""

from __future__ import annotations

import http.cookiejar
import json
import re
import signal
import subprocess
import sys
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from .test_applications import SECTION_DATA

TOKEN = "race-token"
RACERS = 20


class Browser:
    """One candidate's cookie jar over real HTTP; redirects are not followed, so each answer is seen."""

    def __init__(self, base: str) -> None:
        self.base = base
        self.jar = http.cookiejar.CookieJar()

        class NoRedirect(urllib.request.HTTPRedirectHandler):
            def redirect_request(self, *args, **kwargs):  # noqa: ANN002, ANN003
                return None

        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.jar), NoRedirect)
        self.bare_opener = urllib.request.build_opener(NoRedirect)  # for a fixed Cookie header
        self.csrf = ""

    def open(self, path: str, data: dict | None = None, cookie: str | None = None) -> tuple[int, str, str]:
        """(status, Location header, body); with ``cookie`` the request carries that exact Cookie header."""
        body = None
        if data is not None:
            body = urllib.parse.urlencode({**data, "csrf_token": self.csrf}).encode()
        request = urllib.request.Request(self.base + path, data=body)
        opener = self.opener
        if cookie is not None:
            request.add_header("Cookie", cookie)
            opener = self.bare_opener
        try:
            with opener.open(request, timeout=30) as response:
                page = response.read().decode()
                status, location = response.status, response.headers.get("Location", "")
        except urllib.error.HTTPError as exc:
            page, status, location = exc.read().decode(), exc.code, exc.headers.get("Location", "")
        if match := re.search(r'name="csrf_token" value="([^"]+)"', page):
            self.csrf = match[1]
        return status, location, page

    def cookie_header(self) -> str:
        return "; ".join(f"{c.name}={c.value}" for c in self.jar)


def control(base: str, method: str, path: str, body: dict | None = None) -> dict:
    data = None if body is None else json.dumps(body).encode()
    request = urllib.request.Request(f"{base}/__conformance__/v1{path}", data=data, method=method)
    request.add_header("Authorization", f"Bearer {TOKEN}")
    request.add_header("Content-Type", "application/json")
    with urllib.request.urlopen(request, timeout=30) as response:
        return json.loads(response.read())


@pytest.fixture
def portal(tmp_path: Path) -> Iterator[str]:
    command = [sys.executable, "-m", "reference_portal", "--host", "127.0.0.1", "--port", "0",
               "--control-token", TOKEN, "--database-url", f"sqlite:///{tmp_path / 'race.sqlite3'}"]
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        line = process.stdout.readline()
        assert "listening on http://" in line, line
        yield line.rsplit(" ", 1)[1].strip()
    finally:
        process.send_signal(signal.SIGTERM)
        process.wait(timeout=15)


def signed_in(base: str) -> tuple[Browser, dict]:
    person = control(base, "POST", "/candidates", {"profile": "complete"})
    browser = Browser(base)
    browser.open("/connexion")
    status, location, _ = browser.open("/connexion", {"user_code": person["user_code"], "password": person["password"]})
    assert status == 302 and location.endswith("/accueil")
    browser.open("/accueil")  # a page with the session's CSRF token
    return browser, person


def race(count: int, call) -> list:  # noqa: ANN001
    with ThreadPoolExecutor(max_workers=count) as pool:
        return list(pool.map(lambda _: call(), range(count)))


def test_twenty_concurrent_creations_store_one_application(portal):
    browser, person = signed_in(portal)
    opening = control(portal, "POST", "/openings", {"title": "Course", "prescreening_questions": ["Anglais ?"]})
    assert browser.open(f"/emplois/{opening['id']}/postuler", {})[0] == 302
    browser.open(f"/candidatures/nouvelle?emploi={opening['id']}")
    assert browser.open("/candidatures/nouvelle", {"origin": "Presse", "emploi": opening["id"]})[0] == 302
    cookie, token = browser.cookie_header(), browser.csrf

    def create() -> tuple[int, str]:
        racer = Browser(portal)
        racer.csrf = token
        status, location, _ = racer.open("/candidatures/nouvelle/options", {"choice": "new"}, cookie=cookie)
        return status, location

    answers = race(RACERS, create)
    stored = control(portal, "GET", f"/candidates/{person['id']}/applications")["applications"]
    assert len(stored) == 1, answers
    assert stored[0]["opening_id"] == opening["id"] and stored[0]["status"] == "Brouillon"
    # Every racer is led to that one application.
    assert {location for _, location in answers} == {f"/candidatures/{stored[0]['id']}/etape/2"}, answers
    assert {status for status, _ in answers} == {302}


def test_twenty_concurrent_submissions_give_one_submission(portal):
    browser, person = signed_in(portal)
    opening = control(portal, "POST", "/openings", {"title": "Course", "prescreening_questions": ["Anglais ?"]})
    browser.open(f"/candidatures/nouvelle?emploi={opening['id']}")
    browser.open("/candidatures/nouvelle", {"origin": "Presse", "emploi": opening["id"]})
    status, location, _ = browser.open("/candidatures/nouvelle/options", {"choice": "new"})
    assert status == 302, location
    application = location.rsplit("/etape", 1)[0]
    _, _, page = browser.open(application + "/etape/2")
    answers = {name: "Oui" for name in re.findall(r'name="(question_\d+)"', page)}
    assert browser.open(application + "/etape/2", {**answers, "action": "save"})[0] == 302
    for path, data in SECTION_DATA.items():
        assert browser.open(application + path, {**data, "action": "save"})[0] == 302, path
    browser.open(application + "/conditions")
    cookie, token = browser.cookie_header(), browser.csrf

    def submit() -> int:
        racer = Browser(portal)
        racer.csrf = token
        return racer.open(application + "/conditions", {"accept": "yes"}, cookie=cookie)[0]

    statuses = race(RACERS, submit)
    assert sorted(statuses) == [303] + [409] * (RACERS - 1), statuses
    stored = control(portal, "GET", f"/candidates/{person['id']}/applications")["applications"]
    assert len(stored) == 1 and stored[0]["status"] == "Postulé" and stored[0]["submitted_at"]
