"""The harness against a real reference portal started on its own with `inspira-conformance serve`.

These prove the two halves meet at the contract: a conformant portal is certified through --base-url,
and a portal that keeps sessions for 30 minutes instead of 20 is caught, by the right requirement, with
evidence a person can read in report.html.
"""

import json
import os
import secrets
import subprocess
import sys
import zipfile
from pathlib import Path

import jsonschema
import pytest
from playwright.sync_api import expect, sync_playwright

from fixtures.mail import free_port
from fixtures.portal import ReferencePortal
from harness.browser import find_browser
from harness.paths import PROJECT_ROOT

from . import cucumber_schema
from .test_artefacts import assert_whole
from .test_english import assert_every_page_checked_and_clean, scenario_count
from .test_messages import assert_valid_ndjson

pytestmark = pytest.mark.slow

SERVE = [sys.executable, "-m", "harness.cli", "serve"]
SCHEMA = json.loads((PROJECT_ROOT / "harness" / "schemas" / "report.schema.json").read_text(encoding="utf-8"))


def run_cli(*args: str) -> tuple[int, str]:
    result = subprocess.run(
        [sys.executable, "-m", "harness.cli", "run", *args],
        capture_output=True, text=True, timeout=1200, check=False, env={**os.environ, "PYTHONUNBUFFERED": "1"},
    )
    return result.returncode, result.stdout + result.stderr


def latest(report_dir: Path) -> tuple[dict, Path]:
    report = json.loads((report_dir / "latest" / "report.json").read_text(encoding="utf-8"))
    return report, report_dir / report["run"]["run_id"]


def assert_no_secret_in_outputs(run_dir: Path, secret: str) -> None:
    for path in run_dir.rglob("*"):
        if path.is_file() and path.suffix != ".zip":
            assert secret.encode() not in path.read_bytes(), f"the control token leaked into {path}"


@pytest.fixture(scope="module")
def conformant_run(tmp_path_factory) -> tuple[int, str, dict, Path, str, str]:
    """The whole suite against a portal started on its own with `serve`, reached through --base-url, in two
    workers that share the run's one mail sink (the mail scenarios included)."""
    tmp_path = tmp_path_factory.mktemp("conformant")
    token = secrets.token_hex(16)
    sink = f"127.0.0.1:{free_port()}"  # the run listens there; the portal sends its mail there
    with ReferencePortal(tmp_path / "portal", control_token=token, smtp=sink, launcher=SERVE) as portal:
        code, output = run_cli(
            "--base-url", portal.base_url, "--control-token", token, "--workers", "2",
            "--mail-listen", sink, "--report-dir", str(tmp_path / "reports"),
        )
    report, run_dir = latest(tmp_path / "reports")
    return code, output, report, run_dir, token, portal.base_url


def test_a_portal_started_with_serve_passes_through_base_url(conformant_run):
    code, output, report, run_dir, token, base_url = conformant_run
    assert code == 0, output
    jsonschema.validate(report, SCHEMA)
    assert report["verdict"] == "CONFORMANT" and report["scope"] == "full"
    assert report["summary"]["passed"] == report["summary"]["total"] == scenario_count()
    assert all(r["verdict"] == "conformant" and r["scenarios"] for r in report["requirements"])
    assert_whole(run_dir, scenario_count())  # report.json, junit.xml, cucumber.json, messages.ndjson alike
    assert_every_page_checked_and_clean(report)
    assert any("needs-mail" in s["tags"] for s in report["scenarios"])
    assert report["run"]["portal_url"] == base_url
    assert report["run"]["browser"].startswith(find_browser().build + " ")  # the headless shell where installed
    assert len(report["run"]["features_sha256"]) == 64 and report["run"]["guide_sha256"]
    for name in ("junit.xml", "cucumber.json", "messages.ndjson", "report.html", "bundle.zip"):
        assert (run_dir / name).exists(), name
    with zipfile.ZipFile(run_dir / "bundle.zip") as bundle:
        manifest = json.loads(bundle.read("manifest.json"))
        assert {"report.json", "junit.xml", "cucumber.json", "report.html"} <= set(manifest["files"])
        assert manifest["run"]["harness_version"] and manifest["verdict"] == "CONFORMANT"
        assert all(token.encode() not in bundle.read(name) for name in bundle.namelist())
    assert_no_secret_in_outputs(run_dir, token)


def test_the_runs_messages_validate_against_cucumbers_published_schema(conformant_run, thirty_minute_run):
    validator = jsonschema.Draft202012Validator(cucumber_schema.load())
    for run_dir in (conformant_run[3], thirty_minute_run[3]):
        lines = (run_dir / "messages.ndjson").read_text(encoding="utf-8").splitlines()
        assert any('"testCaseFinished"' in line for line in lines)
        assert_valid_ndjson(validator, lines)


@pytest.fixture(scope="module")
def thirty_minute_run(tmp_path_factory) -> tuple[int, str, dict, Path]:
    tmp_path = tmp_path_factory.mktemp("thirty-minutes")
    token = secrets.token_hex(16)
    thirty_minutes = ["--session-timeout", "1800"]
    with ReferencePortal(tmp_path / "portal", control_token=token, extra_args=thirty_minutes, launcher=SERVE) as portal:
        code, output = run_cli(
            "--base-url", portal.base_url, "--control-token", token,
            "--report-dir", str(tmp_path / "reports"), "--", "-k", "session",
        )
    report, run_dir = latest(tmp_path / "reports")
    return code, output, report, run_dir


def test_a_portal_that_keeps_sessions_for_30_minutes_is_caught(thirty_minute_run):
    code, output, report, _ = thirty_minute_run
    assert code == 1, output
    jsonschema.validate(report, SCHEMA)
    assert report["verdict"] == "NOT CONFORMANT"
    outcomes = {s["name"]: s["outcome"] for s in report["scenarios"]}
    assert [o for name, o in outcomes.items() if "19 min 59 s" in name] == ["passed"]
    assert [o for name, o in outcomes.items() if "20 min 01 s" in name] == ["failed"]
    assert {r["id"] for r in report["requirements"] if r["verdict"] == "failed"} == {"REQ-SES-01", "REQ-SES-02"}


def test_diff_shows_the_broken_portals_new_failures_first(conformant_run, thirty_minute_run):
    conformant_dir, broken_dir = conformant_run[3], thirty_minute_run[3]
    result = subprocess.run(
        [sys.executable, "-m", "harness.cli", "report", "diff", str(conformant_dir), str(broken_dir),
         "--format", "json"],
        capture_output=True, text=True, timeout=60, check=False,
    )
    assert result.returncode == 1, result.stderr
    changes = json.loads(result.stdout)
    new_failures = [c["id"] for c in changes if c["regression"] and c["after"] == "failed"]
    assert new_failures == ["REQ-SES-01", "REQ-SES-02"]
    assert changes[:2] == [c for c in changes if c["id"] in new_failures]


def test_report_html_shows_the_verdict_filters_and_a_failures_evidence(thirty_minute_run):
    _, _, report, run_dir = thirty_minute_run
    failed = next(s for s in report["scenarios"] if s["outcome"] == "failed")
    assert failed["evidence"]["screenshot"] and (run_dir / failed["evidence"]["trace"]).exists()
    # Not recorded in the run (--trace rerun, the default): in a re-run of the failed scenario, which failed again.
    assert failed["evidence"]["trace_from"] == "a re-run of the scenario, which failed again"
    passed = next(s for s in report["scenarios"] if s["outcome"] == "passed")
    assert "trace" not in passed.get("evidence", {})
    choice = find_browser()
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(**choice.launch_args())
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        # Self-contained: anything but the file itself is refused, so a network dependency would show.
        page.route("**/*", lambda r: r.continue_() if r.request.url.startswith("file:") else r.abort())
        page.goto((run_dir / "report.html").as_uri())
        expect(page.get_by_role("status", name="Verdict")).to_have_text("NOT CONFORMANT")
        requirements = page.get_by_role("table", name="Exigences")
        page.get_by_label("Filtrer par verdict").select_option("failed")
        expect(requirements.get_by_role("row")).to_have_count(3)  # header + REQ-SES-01 + REQ-SES-02
        expect(page.get_by_text("2 exigence(s) affichée(s)")).to_be_visible()
        evidence = page.get_by_role("img", name=f"Capture d'écran de l'échec : {failed['name']}")
        expect(evidence).to_be_visible()
        rerun = "en rejouant le scénario après l'exécution, qui a de nouveau échoué"
        expect(page.get_by_text(rerun)).not_to_have_count(0)  # where the failure's trace comes from
        # Kept with the run: the picture of a failing run's report (docs/report-failing-run.png is one).
        page.screenshot(path=str(run_dir / "report-screenshot.png"), full_page=True)
        browser.close()
    assert (run_dir / "report-screenshot.png").stat().st_size > 10_000


def test_without_a_control_api_what_needs_it_is_not_testable_and_the_rest_passes(tmp_path):
    from harness.coverage import scan_features
    from harness.paths import PROFILES_DIR

    with ReferencePortal(tmp_path / "portal", launcher=SERVE) as portal:
        code, output = run_cli(
            "--base-url", portal.base_url, "--profile", str(PROFILES_DIR / "reference-no-control.toml"),
            "--report-dir", str(tmp_path / "reports"),
        )
    report, _ = latest(tmp_path / "reports")
    jsonschema.validate(report, SCHEMA)
    assert code == 1, output  # not testable blocks certification
    assert report["verdict"] == "NOT CONFORMANT"
    assert report["summary"]["failed"] == report["summary"]["error"] == 0
    # Without provisioned accounts in the profile, scenarios that need one are not testable either.
    needs_control = {s.name for s in scan_features() if "needs-control-api" in s.tags}
    needs_accounts = {s.name for s in scan_features() if "needs-accounts" in s.tags}
    not_testable = {s["name"].split(" [")[0] for s in report["scenarios"] if s["outcome"] == "not_testable"}
    passed = {s["name"].split(" [")[0] for s in report["scenarios"] if s["outcome"] == "passed"}
    assert not_testable == needs_control | needs_accounts and passed and not passed & not_testable
    for scenario in report["scenarios"]:
        if scenario["outcome"] == "not_testable":
            missing = "control_api" if scenario["name"].split(" [")[0] in needs_control else "accounts"
            assert missing in scenario["message"].split("missing capability: ", 1)[1].split(", ")
