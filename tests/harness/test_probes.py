"""Server probes (steps/probes.py) against a tiny page served here: a replay reaches the server with the page's
fresh token and the edits asked for, a captured request never reaches it, a disabled control's form can be
forced, and a probe that cannot be made ends the scenario as not testable, never as a pass."""

from __future__ import annotations

import http.server
import json
import threading
from collections.abc import Iterator
from urllib.parse import parse_qs

import jsonschema
import pytest
from playwright.sync_api import Page

from harness.paths import PROJECT_ROOT
from harness.verdicts import NOT_TESTABLE_PREFIX
from steps.probes import ServerProbes

PROBE_SCHEMA = json.loads((PROJECT_ROOT / "harness" / "schemas" / "report.schema.json").read_text(encoding="utf-8"))[
    "properties"]["scenarios"]["items"]["properties"]["probes"]["items"]


@pytest.fixture(autouse=True)
def evidence_is_what_the_report_schema_allows(monkeypatch) -> Iterator[None]:
    """Every probe these tests make writes evidence the report's schema allows: a key added to the probes and
    not to report.schema.json fails here, not only in the whole runs of `make test`."""
    written: list[list[dict]] = []
    real_init = ServerProbes.__init__

    def watched(self, page, evidence):
        written.append(evidence)
        real_init(self, page, evidence)

    monkeypatch.setattr(ServerProbes, "__init__", watched)
    yield
    for item in (item for evidence in written for item in evidence):
        jsonschema.validate(item, PROBE_SCHEMA)

PAGES = {
    # A form with a token that changes at every page load, as a portal rotating its CSRF token would.
    "/form": '<form method="post" action="/save"><input type="hidden" name="token" value="{token}">'
             '<label>Lettre <input name="letter" value="premier"></label><button>Enregistrer</button></form>',
    # A disabled control inside its form, and one with no form at all (a portal driven by scripts).
    "/disabled": '<form method="get" action="/forced"><button name="go" value="1" disabled>Soumettre</button></form>'
                 '<button disabled>Sans formulaire</button>',
    # An action that sends nothing the browser can see (a script that only changes the page).
    "/script": '<button onclick="document.body.append(\'fait\')">Enregistrer</button>',
    "/forced": "<p>formulaire reçu</p>",
    # A page of the portal with no form, so no token of the session.
    "/plain": "<p>Accueil</p>",
    # A form whose answer is a page of its own (200, no redirect), with a link onwards; an ASP.NET-style token.
    "/ask": '<form method="post" action="/asked"><input type="hidden" name="__RequestVerificationToken" '
            'value="{token}"><button>Postuler</button></form>',
    # A document served from the address it redirects to.
    "/document": "<p>le document confidentiel</p>",
}
REDIRECTS = {"/noted": "/document"}


class Portal(http.server.BaseHTTPRequestHandler):
    received: list[tuple[str, str, dict]] = []
    loads = 0

    def do_GET(self) -> None:  # noqa: N802 (the standard library's name)
        path = self.path.split("?")[0]
        if path in REDIRECTS:
            self.send_response(302)
            self.send_header("location", REDIRECTS[path])
            self.end_headers()
            return
        if path not in PAGES:
            self._answer(404, "")
            return
        Portal.received.append(("GET", path, {}))
        Portal.loads += path == "/form"
        self._answer(200, PAGES[path].replace("{token}", f"t{Portal.loads}"))

    def do_POST(self) -> None:  # noqa: N802
        body = self.rfile.read(int(self.headers["content-length"] or 0)).decode()
        Portal.received.append(("POST", self.path, parse_qs(body, keep_blank_values=True)))
        if self.path == "/asked":
            self._answer(200, '<h1>Question de présélection</h1><a href="/plain">Continuer</a>')
            return
        self.send_response(303)
        self.send_header("location", "/form")
        self.end_headers()

    def _answer(self, status: int, html: str) -> None:
        self.send_response(status)
        self.send_header("content-type", "text/html; charset=utf-8")
        self.end_headers()
        self.wfile.write(f"<!doctype html><html lang=fr><body>{html}</body></html>".encode())

    def log_message(self, *args) -> None:
        pass


@pytest.fixture(scope="module")
def tiny_portal() -> Iterator[str]:
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Portal)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()


@pytest.fixture
def page(chromium, tiny_portal: str) -> Iterator[Page]:
    context = chromium.new_context(base_url=tiny_portal)
    context.set_default_timeout(10_000)
    Portal.received.clear()
    Portal.loads = 0
    yield context.new_page()
    context.close()


def posts() -> list[dict]:
    return [body for method, _, body in Portal.received if method == "POST"]


def test_a_replay_carries_the_current_token_and_the_fields_it_changes_or_drops(page: Page) -> None:
    probes = ServerProbes(page, evidence := [])
    page.goto("/form")
    with probes.recording("save"):
        page.get_by_role("button", name="Enregistrer").click()
    page.wait_for_url("**/form")  # the answer's redirect loaded the form again, with a new token
    result = probes.replay("save", "une seconde fois", changes={"letter": "second"})
    probes.replay("save", "sans la lettre", drop=("letter",))
    first, again, without = posts()
    assert first == {"token": ["t1"], "letter": ["premier"]}
    assert again == {"token": ["t2"], "letter": ["second"]}, "the token was not refreshed from the current page"
    assert without == {"token": ["t2"]}
    assert result.status == 303 and result.location == "/form"
    assert [e["path"] for e in evidence] == ["/save", "/save"] and evidence[0]["changed_fields"] == ["letter"]


def test_a_captured_request_never_reaches_the_server_and_can_be_sent_later(page: Page) -> None:
    probes = ServerProbes(page, [])
    page.goto("/form")
    with probes.capturing("save"):
        page.get_by_role("button", name="Enregistrer").click()
    assert posts() == [] and page.get_by_role("button", name="Enregistrer").is_visible()
    probes.replay("save", "envoyée plus tard")
    assert posts() == [{"token": ["t1"], "letter": ["premier"]}]


def test_the_form_of_a_disabled_control_can_be_forced(page: Page) -> None:
    probes = ServerProbes(page, evidence := [])
    page.goto("/disabled")
    probes.force_form(page.get_by_role("button", name="Soumettre"), "forcé")
    assert page.get_by_text("formulaire reçu").is_visible()
    assert ("GET", "/forced", {}) in Portal.received and evidence[0]["technique"] == "forced form"


@pytest.mark.parametrize("case", ["no form around the control", "no request was sent", "never learnt"])
def test_a_probe_that_cannot_be_made_is_not_testable_never_a_pass(page: Page, case: str) -> None:
    probes = ServerProbes(page, [])
    with pytest.raises(pytest.skip.Exception) as skipped:
        if case == "no form around the control":
            page.goto("/disabled")
            probes.force_form(page.get_by_role("button", name="Sans formulaire"), "forcé")
        elif case == "no request was sent":
            page.goto("/script")
            with probes.recording("save"):
                page.get_by_role("button", name="Enregistrer").click()
            probes.replay("save", "rien à rejouer")
        else:
            probes.replay("jamais vu", "rien à rejouer")
    assert str(skipped.value.msg).startswith(NOT_TESTABLE_PREFIX + "server probe: ")
    assert posts() == []


def test_a_replay_from_a_page_without_its_token_is_not_testable(page: Page) -> None:
    """Sent with the token it was learnt with (another session's, or one the portal gave one page), the portal
    would refuse it for the token, and the refusal would pass for the rule kept: the probe says it cannot be
    made, and sends nothing."""
    probes = ServerProbes(page, [])
    page.goto("/form")
    with probes.capturing("save"):
        page.get_by_role("button", name="Enregistrer").click()
    page.goto("/plain")
    with pytest.raises(pytest.skip.Exception) as skipped:
        probes.replay("save", "par un autre candidat")
    assert "carries token" in str(skipped.value.msg) and "/plain" in str(skipped.value.msg)
    assert posts() == []


def test_a_replay_in_another_session_carries_the_token_of_the_page_shown_now(page: Page) -> None:
    probes = ServerProbes(page, [])
    page.goto("/form")
    with probes.capturing("save"):
        page.get_by_role("button", name="Enregistrer").click()
    page.goto("/form")  # the other candidate's own page with a form: a token of his session
    probes.replay("save", "par un autre candidat")
    assert posts() == [{"token": ["t2"], "letter": ["premier"]}]


def test_a_fetch_follows_the_portals_redirects_to_what_it_finally_gives(page: Page) -> None:
    """A redirect to the document is giving it: the answer read is the document's, and the evidence says where
    it came from (an answer read at the redirect itself, an empty body, would pass for a refusal)."""
    probes = ServerProbes(page, evidence := [])
    page.goto("/plain")
    answer = probes.fetch("/noted", "le document d'un autre")
    assert answer.status == 200 and "le document confidentiel" in answer.text
    assert evidence[0]["path"] == "/noted" and evidence[0]["answered_from"] == "/document"


def test_a_replays_own_page_can_be_shown_and_followed_as_a_person_would(page: Page) -> None:
    """A portal that answers a replay with a page (200), not a redirect: the answer is shown at the request's
    address, and its links reach the portal."""
    probes = ServerProbes(page, evidence := [])
    page.goto("/ask")
    with probes.capturing("apply"):
        page.get_by_role("button", name="Postuler").click()
    result = probes.replay("apply", "Postuler rejoué")
    assert result.status == 200 and result.location is None
    probes.show(result)
    assert page.url.endswith("/asked") and page.get_by_role("heading", name="Question de présélection").is_visible()
    with page.expect_navigation():
        page.get_by_role("link", name="Continuer").click()
    assert page.url.endswith("/plain") and "montrée dans le navigateur" in evidence[-1]["shown_after"][0]


def test_tokens_of_other_frameworks_are_known_as_tokens(page: Page) -> None:
    """An ASP.NET form's token, learnt in one session and absent from the page shown in another, is stale."""
    probes = ServerProbes(page, [])
    page.goto("/ask")
    with probes.capturing("apply"):
        page.get_by_role("button", name="Postuler").click()
    page.goto("/plain")
    with pytest.raises(pytest.skip.Exception) as skipped:
        probes.replay("apply", "par un autre candidat")
    assert "__RequestVerificationToken" in str(skipped.value.msg)
    assert posts() == []
