"""report.html as a person uses it: failures first, a search box, every outcome filterable (flaky too), the
trace and the video as links to their files, and a page that fits a phone (390 px) without sideways
scrolling. guide.html fits a phone too. Built from a made-up report, opened in a headless Chromium."""

from pathlib import Path

import pytest
from playwright.sync_api import expect

from harness.html_report import render_annotated_guide
from harness.report import ScenarioResult, build_report, write_run
from harness.requirements import load_catalogue
from harness.verdicts import Outcome

LONG = "une-adresse-sans-espace-" * 8  # what a phone cannot break: long URLs and paths


def _results() -> list[ScenarioResult]:
    base = "steps/test_guide.py::test_"
    return [
        ScenarioResult(nodeid=base + "ok", name="Tout va bien", feature="session.feature", tags=["REQ-SES-03"],
                       outcome=Outcome.PASSED, duration_s=1.2),
        ScenarioResult(nodeid=base + "flaky", name="Passe au deuxième essai", feature="session.feature",
                       tags=["REQ-SES-04"], outcome=Outcome.FLAKY, message="passed on attempt 2 after: boom"),
        ScenarioResult(nodeid=base + "ko", name="La session dure trop " + LONG, feature="session.feature",
                       tags=["REQ-SES-01"], outcome=Outcome.FAILED, message="AssertionError: " + LONG,
                       url="http://127.0.0.1:5000/" + LONG,
                       steps=[{"keyword": "Quand", "text": "je reste inactif", "status": "failed",
                               "duration_s": 0.5, "error": "AssertionError: " + LONG}]),
    ]


@pytest.fixture(scope="module")
def written_run(tmp_path_factory) -> Path:
    from slugify import slugify

    reports = tmp_path_factory.mktemp("reports")
    run_id = "run-html"
    evidence = reports / run_id / "evidence" / slugify("steps/test_guide.py::test_ko")
    evidence.mkdir(parents=True)
    (evidence / "trace.zip").write_bytes(b"PK\x05\x06" + bytes(18))
    (evidence / "video.webm").write_bytes(b"\x1aE\xdf\xa3")
    report = build_report(_results(), load_catalogue(), {"run_id": run_id, "profile": "reference-fr"}, "partial")
    return write_run(reports, run_id, report)


def test_failures_come_first_and_everything_can_be_found(written_run, chromium):
    page = chromium.new_page(viewport={"width": 1280, "height": 900})
    page.goto((written_run / "report.html").as_uri())
    rows = page.get_by_role("table", name="Exigences").get_by_role("row")
    expect(rows.nth(1)).to_contain_text("REQ-SES-01")  # header, then the failed requirement
    expect(rows.nth(2)).to_contain_text("REQ-SES-04")  # then the flaky one, before the 85 not run
    page.get_by_label("Rechercher une exigence ou un scénario").fill("REQ-SES-03")
    expect(page.get_by_text("1 exigence(s) affichée(s)")).to_be_visible()
    expect(page.get_by_text("1 scénario(s) affiché(s)")).to_be_visible()
    page.get_by_label("Rechercher une exigence ou un scénario").fill("")
    for outcome, name in (("flaky", "Passe au deuxième essai"), ("failed", "La session dure trop"),
                          ("passed", "Tout va bien")):
        page.get_by_label("Filtrer les scénarios par résultat").select_option(outcome)
        expect(page.get_by_text("1 scénario(s) affiché(s)")).to_be_visible()
        expect(page.locator("details.scenario:visible")).to_contain_text(name)
    page.get_by_label("Filtrer par verdict").select_option("flaky")
    expect(page.get_by_text("1 exigence(s) affichée(s)")).to_be_visible()
    page.close()


def test_the_trace_and_the_video_are_links_to_their_files(written_run, chromium):
    page = chromium.new_page()
    page.goto((written_run / "report.html").as_uri())
    for name in ("trace.zip", "video.webm"):
        link = page.get_by_role("link", name=name)
        href = link.get_attribute("href")
        assert href.endswith(name) and (written_run / href).is_file()
    expect(page.get_by_text("playwright show-trace")).to_be_visible()
    page.close()


def test_the_report_fits_a_phone(written_run, chromium):
    page = chromium.new_page(viewport={"width": 390, "height": 844})
    page.goto((written_run / "report.html").as_uri())
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    page.screenshot(path=str(written_run / "report-390px.png"), full_page=False)
    page.close()


def test_the_annotated_guide_fits_a_phone(tmp_path, chromium):
    report = build_report(_results(), load_catalogue(), {"run_id": "g"}, "partial")
    guide = "1. Section\n\ni. " + LONG + "\n"
    path = tmp_path / "guide.html"
    path.write_text(render_annotated_guide(report, guide, "guide.txt"), encoding="utf-8")
    assert '<meta name="viewport" content="width=device-width, initial-scale=1">' in path.read_text("utf-8")
    page = chromium.new_page(viewport={"width": 390, "height": 844})
    page.goto(path.as_uri())
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    page.close()
