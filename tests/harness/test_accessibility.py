"""Accessibility checks: axe's findings reach the report, the verdict, JUnit and Cucumber; the profile can raise
them to MUST; a control reached only through the profile's locator is a warning, never silent."""

import json
import xml.etree.ElementTree as ET
from pathlib import Path

import jsonschema
import pytest

from harness import axe
from harness.accessibility import settings
from harness.cucumber import build_cucumber
from harness.junit import build_junit
from harness.paths import PROFILES_DIR, PROJECT_ROOT
from harness.profile import ProfileError, load_profile
from harness.report import ScenarioResult, build_report
from harness.requirements import load_catalogue
from harness.verdicts import Outcome
from steps.driver import Driver

SCHEMA = json.loads((PROJECT_ROOT / "harness" / "schemas" / "report.schema.json").read_text(encoding="utf-8"))
# An image button without a name and a text field without a label: what the defect variant ships too.
BROKEN_FORM = """<!doctype html><html lang="fr"><head><title>Recherche</title></head><body><main>
<h1>Recherche</h1><form><input type="text" name="q"><input type="image" src="data:," name="go"></form>
</main></body></html>"""




def test_page_patterns_make_ids_and_tokens_generic():
    assert axe.page_pattern("http://h:1/candidatures/12/etape/7/langues?x=1") == "/candidatures/{n}/etape/{n}/langues"
    assert axe.page_pattern("http://h/mot-de-passe/nouveau/Ab3dEf6hIj9kLm2nOp") == "/mot-de-passe/nouveau/{token}"
    assert axe.page_pattern("http://h/") == "/"


def test_each_rule_goes_to_the_requirement_of_its_wcag_principle():
    assert axe.requirements_of(["cat.name-role-value", "wcag2a", "wcag412"]) == ["REQ-A11Y-04"]
    assert axe.requirements_of(["wcag2aa", "wcag143"]) == ["REQ-A11Y-01"]
    assert axe.requirements_of(["wcag2a", "wcag111", "wcag412"]) == ["REQ-A11Y-01", "REQ-A11Y-04"]
    assert axe.requirements_of(["wcag2a", "wcag242"]) == ["REQ-A11Y-02"]
    assert axe.requirements_of(["wcag2a", "wcag311"]) == ["REQ-A11Y-03"]


def test_axe_finds_the_nameless_image_button_and_the_unlabelled_field_and_outlines_them(chromium, tmp_path):
    page = chromium.new_page()
    page.set_content(BROKEN_FORM)
    found = axe.scan(page, axe.load_source())
    assert found["engine"] == axe.VERSION
    rules = {v["rule"]: v for v in found["violations"]}
    assert {"input-image-alt", "label"} <= set(rules), sorted(rules)
    assert rules["input-image-alt"]["impact"] == "critical"
    assert page.locator(rules["label"]["nodes"][0]["selector"]).get_attribute("name") == "q"
    assert '<input type="text" name="q">' in rules["label"]["nodes"][0]["html"]
    shot = tmp_path / "a11y.png"
    axe.outlined_screenshot(page, [n["selector"] for v in found["violations"] for n in v["nodes"]], shot)
    assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert page.locator("[data-inspira-a11y]").count() == 0  # the outline is taken off after the screenshot
    page.close()


def _violation(rule: str, impact: str, requirement: str) -> dict:
    return {"rule": rule, "impact": impact, "help": f"{rule} help", "help_url": "https://example.org",
            "requirements": [requirement], "nodes": [{"selector": "#x", "html": "<i id=x></i>", "summary": "Fix"}]}


def _report(level: str, scenarios: list[ScenarioResult], checks: bool = True) -> dict:
    return build_report(scenarios, load_catalogue(), {
        "run_id": "x", "profile": "p", "started": "2026-01-01T00:00:00+00:00", "duration_s": 1.0, "status": "finished",
        "accessibility": settings(checks, level)},
                        scope="partial")


def _scenario(name: str, pages: list[dict], labels: list[dict] | None = None) -> ScenarioResult:
    return ScenarioResult(nodeid=f"t::{name}", name=name, feature="inscription.feature", tags=["REQ-REG-01"],
                          outcome=Outcome.PASSED, duration_s=1.0, accessibility=pages, labels=labels or [])


TWO_WORKERS = [
    _scenario("a", [{"page": "/connexion", "violations": [_violation("button-name", "critical", "REQ-A11Y-04")],
                     "screenshot": "evidence/a11y/connexion-gw0.png"}]),
    # The other worker met the same page: merged into one page, its extra element added once.
    _scenario("b", [{"page": "/connexion", "violations": [
        {**_violation("button-name", "critical", "REQ-A11Y-04"),
         "nodes": [{"selector": "#x", "html": "", "summary": ""}, {"selector": "#y", "html": "", "summary": ""}]},
        _violation("color-contrast", "serious", "REQ-A11Y-01")]}]),
]


def test_violations_are_warnings_at_should_level_merged_per_page_and_counted_per_impact():
    report = _report("SHOULD", TWO_WORKERS)
    jsonschema.validate(report, SCHEMA)
    assert report["verdict"] == "CONFORMANT"
    verdicts = {r["id"]: (r["verdict"], r["level"]) for r in report["requirements"] if r["id"].startswith("REQ-A11Y")}
    assert verdicts["REQ-A11Y-04"] == ("warning", "SHOULD")
    assert verdicts["REQ-A11Y-01"] == ("warning", "SHOULD")
    assert verdicts["REQ-A11Y-02"] == ("not_run", "SHOULD")
    [page] = report["accessibility"]["pages"]
    assert page["page"] == "/connexion" and page["screenshot"] == "evidence/a11y/connexion-gw0.png"
    assert [v["rule"] for v in page["violations"]] == ["button-name", "color-contrast"]
    assert [n["selector"] for n in page["violations"][0]["nodes"]] == ["#x", "#y"]
    assert report["accessibility"]["impact_counts"] == {"critical": 1, "serious": 1, "moderate": 0, "minor": 0}
    assert report["accessibility"]["element_counts"]["critical"] == 2
    assert all(s["outcome"] == "passed" for s in report["scenarios"])


def test_the_profile_raising_accessibility_to_must_makes_the_portal_not_conformant():
    report = _report("MUST", TWO_WORKERS)
    jsonschema.validate(report, SCHEMA)
    assert report["verdict"] == "NOT CONFORMANT"
    [robust] = [r for r in report["requirements"] if r["id"] == "REQ-A11Y-04"]
    assert (robust["verdict"], robust["level"], robust["level_raised_by"]) == ("failed", "MUST", "profile")
    # The catalogue itself keeps its SHOULD on a reading (the rule CI checks); the raise is the customer's.
    assert load_catalogue()["REQ-A11Y-04"].level == "SHOULD"


def test_junit_and_cucumber_carry_the_violations_as_warnings():
    report = _report("SHOULD", TWO_WORKERS)
    [first] = [s for s in report["scenarios"] if s["name"] == "a"]
    assert first["warnings"] == ["REQ-A11Y-04 button-name (critical) on /connexion: #x — button-name help"]
    junit = build_junit(report)
    case = next(c for c in junit.iter("testcase") if c.get("name") == "a")
    warnings = [p.get("value") for p in case.iter("property") if p.get("name") == "warning"]
    assert warnings == ["WARNING REQ-A11Y-04 button-name (critical) on /connexion: #x — button-name help"]
    assert "button-name" in case.find("system-out").text
    assert case.find("failure") is None
    ET.tostring(junit)


def test_cucumber_puts_the_warnings_under_the_last_step(monkeypatch):
    from harness import cucumber
    from harness.gherkin_source import scenario_sources

    name, source = next(((k[1], v) for k, v in scenario_sources().items() if k[0] == "inscription.feature"))
    monkeypatch.setattr(cucumber, "scenario_sources", lambda: {("inscription.feature", name): source})
    scenario = _scenario(name, TWO_WORKERS[0].accessibility)
    [feature] = build_cucumber(_report("SHOULD", [scenario]))
    assert feature["elements"][0]["steps"][-1]["output"][0].startswith("WARNING REQ-A11Y-04 button-name")


def test_the_profile_refuses_an_unknown_level_and_a_locator_of_an_unknown_kind(tmp_path):
    base = f'extends = "{PROFILES_DIR / "reference-fr.toml"}"\nname = "vendor"\n'
    path = tmp_path / "p.toml"
    path.write_text(base + '[accessibility]\nlevel = "MAY"\n', encoding="utf-8")
    with pytest.raises(ProfileError, match="accessibility.level"):
        load_profile(path)
    path.write_text(base + '[locators]\n"Modifier" = "xpath=//a"\n', encoding="utf-8")
    with pytest.raises(ProfileError, match="locators.Modifier"):
        load_profile(path)
    path.write_text(base + '[accessibility]\nlevel = "MUST"\n[locators]\n"Modifier" = "testid=edit"\n',
                    encoding="utf-8")
    profile = load_profile(path)
    assert (profile.accessibility_level, profile.locator("Modifier")) == ("MUST", "testid=edit")


def test_a_control_without_a_name_is_used_through_the_profiles_locator_and_reported(chromium, tmp_path: Path):
    path = tmp_path / "p.toml"
    path.write_text(f'extends = "{PROFILES_DIR / "reference-fr.toml"}"\nname = "vendor"\n'
                    '[locators]\n"Rechercher" = "testid=magnifier"\n"Modifier" = "css=a.pencil"\n', encoding="utf-8")
    page = chromium.new_page()
    page.set_default_timeout(3000)
    page.set_content('<button data-testid="magnifier" onclick="this.dataset.pressed=1"><svg></svg></button>'
                     '<a class="pencil" href="#edit"><svg></svg></a>')
    labels: list[dict] = []
    driver = Driver(page, load_profile(path), seen_labels=labels)
    driver.click_button("Rechercher")
    driver.click_link("Modifier")
    assert page.get_by_test_id("magnifier").get_attribute("data-pressed") == "1"
    assert page.url.endswith("#edit")
    assert [(x["label"], x["located_by"]) for x in labels if x.get("located_by")] == [
        ("Rechercher", "testid=magnifier"), ("Modifier", "css=a.pencil")]
    page.close()
    scenario = _scenario("pencil", [], labels=labels)
    for checks in (True, False):  # with the checks off too: never silent
        report = _report("SHOULD", [scenario], checks=checks)
        jsonschema.validate(report, SCHEMA)
        [robust] = [r for r in report["requirements"] if r["id"] == "REQ-A11Y-04"]
        assert robust["verdict"] == "warning"
        assert report["scenarios"][0]["outcome"] == "passed"
        assert any("profile-locator" in w and "testid=magnifier" in w for w in report["scenarios"][0]["warnings"])


def test_report_html_lists_each_page_with_its_violations_and_screenshot(tmp_path):
    from harness.html_report import render_html

    html = render_html(_report("SHOULD", TWO_WORKERS), tmp_path)
    assert 'id="accessibility"' in html
    assert "<code>/connexion</code>" in html and "button-name" in html and "color-contrast" in html
    assert 'href="evidence/a11y/connexion-gw0.png"' in html
    assert "1 critical, 1 serious, 0 moderate, 0 minor" in html


def test_a_page_on_the_scenarios_paused_fake_clock_is_not_checked_and_the_run_goes_on(tmp_path):
    """axe waits on timers: on a page whose timers are Playwright's paused clock its evaluation never ended, and
    the run hung on the first page of a pattern met there (« À l'expiration… » reaching « Connexion »)."""
    import subprocess
    import sys

    result = subprocess.run(
        [sys.executable, "-m", "harness.cli", "run", "-q", "--report-dir", str(tmp_path), "--",
         "-k", "expiration and restée"],
        capture_output=True, text=True, timeout=600, check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "1 passed" in result.stdout


def test_the_report_names_the_pages_visited_that_no_check_covered():
    checked = _scenario("a", [{"page": "/connexion", "violations": []}])
    checked.pages_visited = ["/connexion", "/accueil"]
    other = _scenario("b", [{"page": "/accueil", "violations": []}])
    other.pages_visited = ["/accueil", "/candidatures/{n}/etape/{n}"]
    report = _report("SHOULD", [checked, other])
    jsonschema.validate(report, SCHEMA)
    a11y = report["accessibility"]
    assert (a11y["pages_checked"], a11y["pages_visited"]) == (2, 3)
    assert a11y["pages_not_checked"] == ["/candidatures/{n}/etape/{n}"]
    from harness.accessibility import summary_line

    assert summary_line(a11y).endswith("; 1 page(s) visited but not checked: /candidatures/{n}/etape/{n}")
    other.pages_visited = ["/accueil"]
    assert _report("SHOULD", [checked, other])["accessibility"]["pages_not_checked"] == []


def test_a_page_is_checked_when_it_loads_not_only_at_the_end_of_a_step(chromium, tmp_path):
    """A page a step only passes through (a form's answer, left by a link in the same step) is checked on its
    load: no step boundary is reached here, yet the page is checked and noted as visited."""
    from types import SimpleNamespace

    from harness.accessibility_scan import Scanner
    from harness.reporting import A11Y_KEY, A11Y_VISITED_KEY

    config = SimpleNamespace(getoption=lambda name: "on" if name == "a11y" else None)
    scanner, item = Scanner(config), SimpleNamespace(stash=pytest.Stash())
    context = chromium.new_context()
    page = context.new_page()
    try:
        start = '<html lang="fr"><title>x</title><main><a href="/milieu">suite</a></main>'
        page.route("http://portail.test/**", lambda route: route.fulfill(
            status=200, content_type="text/html", body=BROKEN_FORM if route.request.url.endswith("/milieu") else start))
        scanner.watch(item, page)
        page.goto("http://portail.test/debut")
        page.get_by_role("link", name="suite").click()
        page.wait_for_url("**/milieu")
        for _ in range(600):  # the load's check runs beside the test: wait until it is recorded (state, not time)
            if "/milieu" in scanner.checked:
                break
            page.wait_for_timeout(50)
    finally:
        context.close()
    assert item.stash[A11Y_VISITED_KEY] == ["/debut", "/milieu"]
    milieu = next(entry for entry in item.stash[A11Y_KEY] if entry["page"] == "/milieu")
    assert {"input-image-alt", "label"} <= {v["rule"] for v in milieu["violations"]}
