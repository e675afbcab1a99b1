"""A section, a tab or a step is reached by the guide's name whatever control a portal makes of it (a link to
its own page, an in-page anchor, a tab, a button), and « I am on X » is proven by what the guide fixes, its
name shown as the current one (aria-current, a selected tab) or as a heading of any level (issue 14)."""

import http.server
import threading
import time
from pathlib import Path

import pytest

from harness.labels import LabelNotFound
from harness.paths import PROFILES_DIR
from harness.profile import load_profile
from steps.driver import Driver

BASE = "http://portal.test"
NAV = """<nav aria-label="Étapes"><a href="/formation"{f}>Formation</a>
<a href="/experience"{e}>Expérience professionnelle</a></nav>"""
PAGES = {
    # Each section its own page; the current one marked only by aria-current (no heading names it).
    "/formation": "<h1>Ma candidature</h1>" + NAV.format(f=' aria-current="step"', e=""),
    "/experience": "<h1>Ma candidature</h1>" + NAV.format(f="", e=' aria-current="step"'),
    # Every section on one page, reached by in-page anchors, headed at another level.
    "/one-page": """<nav><a href="#formation">Formation</a> <a href="#experience">Expérience professionnelle</a></nav>
        <section id="formation"><h4>Formation</h4></section><section id="experience"><h4>Expérience
        professionnelle</h4></section>""",
    # Tabs: the selected one is the current one.
    "/tabs": """<div role="tablist"><button role="tab" aria-selected="true" id="t1">Coordonnées</button>
        <button role="tab" aria-selected="false" id="t2">Nationalité et résidence</button></div>
        <script>for (const tab of document.querySelectorAll('[role=tab]')) tab.onclick = () => {
          for (const other of document.querySelectorAll('[role=tab]')) other.setAttribute('aria-selected', 'false');
          tab.setAttribute('aria-selected', 'true'); };</script>""",
    # Buttons that show their section, headed at yet another level.
    "/buttons": """<button onclick="document.getElementById('f').hidden = false">Formation</button>
        <section id="f" hidden><h5>Formation</h5></section>""",
    # A button that stays disabled while a mandatory field is empty.
    "/disabled": """<label for="i">Nom de l'établissement</label><input id="i" required>
        <button disabled>Soumettre candidature</button>""",
    # A link named Formation, but the page is another one.
    "/elsewhere": '<h1>Accueil</h1><a href="/formation">Formation</a>',
    # A link the page handles by a script, never leaving the page.
    "/scripted": """<a href="/formation" id="s">Formation</a><p id="p"></p><script>document.getElementById('s')
        .onclick = e => { e.preventDefault(); document.getElementById('p').textContent = 'montré ici'; };</script>""",
}




@pytest.fixture
def driver(chromium, tmp_path: Path) -> Driver:
    page = chromium.new_page(base_url=BASE)
    page.set_default_timeout(3000)

    def serve(route):
        path = route.request.url.removeprefix(BASE).split("#")[0]
        body = PAGES.get(path)
        if body is None:
            route.fulfill(status=404, body="")
        else:
            route.fulfill(content_type="text/html; charset=utf-8", body=f"<!doctype html><html lang=fr>{body}</html>")

    page.route(f"{BASE}/**", serve)
    yield Driver(page, load_profile(PROFILES_DIR / "reference-fr.toml"))
    page.close()


@pytest.mark.parametrize("start", ["/experience", "/one-page", "/buttons"])
def test_a_section_is_reached_by_its_name_as_a_link_an_anchor_or_a_button(driver: Driver, start: str):
    driver.open(start)
    driver.go_to("Formation")
    assert driver.is_on("Formation")


def test_a_link_to_the_sections_own_page_waits_for_that_page(driver: Driver):
    driver.open("/experience")
    driver.go_to("Formation")
    assert driver.url.endswith("/formation")
    assert not driver.is_on("Expérience professionnelle")


def test_a_tab_is_reached_by_its_name_and_is_current_once_selected(driver: Driver):
    driver.open("/tabs")
    assert driver.is_on("Coordonnées") and not driver.is_on("Nationalité et résidence")
    driver.go_to("Nationalité et résidence")
    assert driver.is_on("Nationalité et résidence") and not driver.is_on("Coordonnées")


def test_a_link_of_that_name_is_not_proof_of_being_there(driver: Driver):
    driver.open("/elsewhere")
    assert driver.is_on("Accueil")
    with pytest.raises(LabelNotFound, match=r"« Formation » \(current\) not found"):
        driver.expect_on("Formation")


def test_a_section_the_page_does_not_offer_fails_naming_the_nearest(driver: Driver):
    driver.open("/experience")
    with pytest.raises(LabelNotFound, match="« Formations » .* nearest: .*« Formation »"):
        driver.go_to("Formations")


def test_a_control_not_found_says_which_profile_key_or_guide_label_to_check(driver: Driver):
    """A vendor reading the failure learns where to look: the [fields] key that gave the name, or that the name
    is the guide's own label, which [labels] maps."""
    driver.open("/elsewhere")
    field_key = r"« Mot de passe » \(field\) not found .*; profile: fields\.login_password$"
    with pytest.raises(LabelNotFound, match=field_key):
        driver.fill("login_password", "secret")
    guide_label = r"« Postuler » \(button\) not found .*; profile: \[labels\] « Postuler »"
    with pytest.raises(LabelNotFound, match=guide_label):
        driver.click_button("Postuler")


def test_a_button_that_stays_disabled_says_so_and_names_the_empty_mandatory_fields(driver: Driver):
    from steps.driver import ButtonDisabled

    driver.open("/disabled")
    with pytest.raises(ButtonDisabled, match=r"« Soumettre candidature » \(button\) stays disabled on \S+/disabled; "
                                             r"mandatory fields of this page still empty: « Nom de l'établissement »$"):
        driver.click_button("Soumettre candidature")


class _SlowPortal(http.server.BaseHTTPRequestHandler):
    """A real server that sends its second page in two parts (a loaded portal): a click returns once the first
    has arrived, while the rest of the page, its table, is still to come."""

    def do_GET(self) -> None:  # noqa: N802 (the standard library's name)
        self.send_response(200)
        self.send_header("content-type", "text/html; charset=utf-8")
        self.end_headers()
        if self.path == "/":
            self.wfile.write(b'<!doctype html><html lang=fr><title>t</title><a href="/lente">Mes candidatures</a>')
            return
        self.wfile.write(b"<!doctype html><html lang=fr><title>t</title><p>" + b" " * 4096 + b"</p>")
        self.wfile.flush()
        time.sleep(0.5)  # the server's delay, not a wait of the test: it only has to outlast a bare click
        self.wfile.write(b"<h1>Mes candidatures</h1></html>")

    def log_message(self, *args) -> None:
        pass


def test_a_link_to_another_document_is_followed_until_that_document_has_loaded(chromium):
    """What the next step reads, or finds absent, is the page the link leads to, never the one it left."""
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _SlowPortal)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    page = chromium.new_page()
    try:
        driver = Driver(page, load_profile(PROFILES_DIR / "reference-fr.toml"))
        driver.open(f"http://127.0.0.1:{server.server_port}/")
        driver.follow(page.get_by_role("link", name="Mes candidatures"))
        assert page.url.endswith("/lente") and page.evaluate("document.readyState") == "complete"
        assert page.evaluate("document.querySelector('h1') && document.querySelector('h1').textContent") == (
            "Mes candidatures")
    finally:
        page.close()
        server.shutdown()


def test_a_link_to_a_fragment_or_one_a_script_handles_is_only_clicked(driver: Driver):
    driver.open(BASE + "/one-page")
    driver.follow(driver.page.get_by_role("link", name="Formation"))
    assert driver.page.url == BASE + "/one-page#formation"
    driver.open(BASE + "/scripted")
    driver.page.set_default_navigation_timeout(300)  # the script keeps the page: the wait for a load ends at this
    driver.follow(driver.page.get_by_role("link", name="Formation"))
    assert driver.page.url == BASE + "/scripted" and driver.page.get_by_text("montré ici").is_visible()
