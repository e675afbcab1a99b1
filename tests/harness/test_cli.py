"""The CLI's contract with its users: exit codes, and one clear line (never a traceback) on a mistake."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from fixtures.mail import free_port

CLI = [sys.executable, "-m", "harness.cli"]


def cli(*args: str, timeout: float = 60, env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([*CLI, *args], capture_output=True, text=True, timeout=timeout, check=False,
                          env={**os.environ, **(env or {})})


def assert_one_clear_line(result: subprocess.CompletedProcess, *words: str) -> None:
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert "Traceback" not in result.stderr + result.stdout
    assert lines[0].startswith("inspira-conformance: ")
    for word in words:
        assert word in lines[0]


def test_an_unreachable_base_url_is_one_line_and_exit_3_before_any_browser_starts(tmp_path):
    """Refused at once, without waiting out a time-out or starting a browser: checked by what happened (the
    connection was refused; the browser, a script that leaves a mark when started, never ran), not by a
    stopwatch a busy machine would stop."""
    mark = tmp_path / "browser-started"
    browser = tmp_path / "chromium"
    browser.write_text(f"#!/bin/sh\ntouch {mark}\nexit 1\n", encoding="utf-8")
    browser.chmod(0o755)
    url = f"http://127.0.0.1:{free_port()}"
    result = cli("run", "--base-url", url, "--report-dir", str(tmp_path / "reports"),
                 env={"INSPIRA_BROWSER": str(browser)})
    assert result.returncode == 3
    assert_one_clear_line(result, url, "cannot reach", "connection refused")
    assert not mark.exists()
    report = json.loads((tmp_path / "reports" / "latest" / "report.json").read_text(encoding="utf-8"))
    assert report["verdict"] == "ERROR" and report["scenarios"] == []


def test_a_malformed_profile_is_refused_before_any_browser_starts(tmp_path):
    profile = tmp_path / "vendor.toml"
    profile.write_text('name = "vendor"\nlocale = "fr"\nbase_url = "ftp://portal"\n', encoding="utf-8")
    result = cli("run", "--profile", str(profile))
    assert result.returncode == 2
    assert_one_clear_line(result, str(profile), "'base_url'", "expected")


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (["run", "--mail-listen", "nowhere"], ["expected HOST:PORT"]),
        (["launch"], ["invalid choice"]),
        (["run", "--expectations", "/nonexistent/vendor.toml"], ["no such expectations file"]),
        (["run", "--shard", "3/2"], ["--shard"]),
        (["run", "--base-url", "notaurl"], ["--base-url", "expected an http:// or https:// URL", "'notaurl'"]),
        (["run", "--base-url", "127.0.0.1:8000"], ["did you mean http://127.0.0.1:8000?"]),
        (["run", "--base-url", "http://127.0.0.1:port"], ["bad port"]),
        (["run", "--workers", "0"], ["--workers", "at least 1", "'0'"]),
        (["run", "--workers", "-3"], ["--workers", "at least 1", "'-3'"]),
        (["run", "--workers", "two"], ["--workers", "at least 1"]),
        (["run", "--retries", "-2"], ["--retries", "at least 0", "'-2'"]),
        (["run", "--slowmo", "-5"], ["--slowmo", "at least 0"]),
        (["run", "--slowmo", "0.5"], ["--slowmo", "whole number"]),
        (["run", "--video", "always"], ["--video", "invalid choice"]),
        (["run", "--browser", "edge"], ["--browser", "invalid choice"]),
        (["run", "--browser", "firefox"], ["firefox needs a Playwright server", "--ws-endpoint"]),
        (["run", "--", "--browser", "firefox"], ["--browser goes before --"]),
        (["run", "--browser", "webkit", "--cdp-url", "http://127.0.0.1:9"], ["CDP drives Chromium only"]),
        (["run", "--durations", "/nonexistent/durations.json", "--shard", "1/2"], ["--durations", "no such file"]),
        (["serve", "--host", "0.0.0.0", "--control-token", "t", "--port", "0"], ["--allow-remote-control"]),
    ],
)
def test_usage_mistakes_exit_2_with_one_line(args, words):
    result = cli(*args)
    assert result.returncode == 2
    assert_one_clear_line(result, *words)


def test_version_names_the_harness():
    result = cli("--version")
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("inspira-conformance 0.") and "Traceback" not in result.stderr


def test_coverage_passes_and_prints_json_in_the_documented_shape():
    result = cli("coverage", "--format", "json")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert set(data) == {"requirements", "unknown_tags", "unbound_steps"}
    first = data["requirements"][0]
    expected = {"id", "location", "level", "basis", "statement", "scenarios", "proven_on_server", "server_probes",
                "step_functions", "page_methods", "portal_functions"}
    assert set(first) == expected and first["scenarios"] and first["step_functions"] and first["portal_functions"]


def test_the_browser_check_names_the_browser_and_its_version():
    result = subprocess.run(
        [sys.executable, "-m", "harness.browser", "ensure"], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0].startswith("browser (headless): chromium") and any(ch.isdigit() for ch in lines[0])
    for line in lines:  # the headless one, and the headed one where there is a full browser
        assert line.startswith(("browser (headless): ", "browser (headed): chromium ("))
        assert Path(line.rsplit("(", 1)[1].rstrip(")")).exists()


def test_serve_on_an_older_database_is_one_line_and_exit_2(tmp_path):
    import sqlite3

    old = tmp_path / "old.sqlite3"
    with sqlite3.connect(old) as connection:
        connection.execute("CREATE TABLE clock_offset (id INTEGER PRIMARY KEY, offset_seconds FLOAT)")
    result = cli("serve", "--port", "0", "--database-url", f"sqlite:///{old}")
    assert result.returncode == 2
    assert_one_clear_line(result, "another version", "clock_offset.frozen_at")


def test_the_summary_ends_with_the_failures_and_their_requirements(capsys, tmp_path):
    from harness.cli import print_summary
    from harness.report import ScenarioResult, build_report
    from harness.requirements import load_catalogue
    from harness.verdicts import Outcome

    results = [
        ScenarioResult(nodeid="t::a", name="La session dure", feature="session.feature", tags=["REQ-SES-01"],
                       outcome=Outcome.FAILED, message="AssertionError: still signed in\nat line 2"),
        ScenarioResult(nodeid="t::b", name="Tout va bien", feature="aide.feature", tags=["REQ-AID-04"],
                       outcome=Outcome.PASSED),
    ]
    print_summary(build_report(results, load_catalogue(), {"run_id": "r"}, "partial"), tmp_path)
    out = capsys.readouterr().out
    assert "failures (1):\n  FAILED  REQ-SES-01  session › La session dure\n" in out
    assert "          AssertionError: still signed in\n" in out and "Tout va bien" not in out


def test_video_without_playwrights_recorder_is_one_line_and_exit_2(tmp_path):
    env = {**os.environ, "PLAYWRIGHT_BROWSERS_PATH": str(tmp_path)}  # nothing installed there
    result = subprocess.run([*CLI, "run", "--video", "retain-on-failure"], capture_output=True, text=True,
                            timeout=60, check=False, env=env)
    assert result.returncode == 2
    assert_one_clear_line(result, "--video retain-on-failure", "playwright install ffmpeg", str(tmp_path))


def test_headed_without_a_display_is_one_line_and_exit_2():
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY")}
    result = subprocess.run([*CLI, "run", "--headed"], capture_output=True, text=True, timeout=60, check=False, env=env)
    assert result.returncode == 2
    assert_one_clear_line(result, "--headed", "no display", "xvfb-run")


def test_the_shared_run_options_reach_pytest_as_the_plugin_reads_them():
    """One table (harness/options.py) declares them on both sides: what the CLI takes, the plugin parses back."""
    import argparse

    from harness import options
    from harness.cli import build_parser

    given = ["--evidence", "all", "--expectations", "known.toml", "--real-time", "--data-seed", "7",
             "--control-token=-starts-with-a-dash", "--mail-listen", "127.0.0.1:2525",
             "--cdp-url", "http://127.0.0.1:9222", "--profile", "mine.toml"]
    args = build_parser().parse_args(["run", *given])
    plugin = argparse.ArgumentParser()
    options.add_to_plugin(type("Group", (), {"addoption": staticmethod(plugin.add_argument)}))
    seen = plugin.parse_args(options.forwarded_args(args))
    assert (seen.evidence, seen.expectations, seen.real_time, seen.data_seed) == ("all", "known.toml", True, 7)
    assert (seen.control_token, seen.mail_listen, seen.cdp_url) == (
        "-starts-with-a-dash", "127.0.0.1:2525", "http://127.0.0.1:9222"
    )
    assert seen.portal_profile is None  # the CLI resolves the profile itself (its default included)
    defaults = build_parser().parse_args(["demo"])
    assert options.forwarded_args(defaults) == [] and defaults.report_dir and not hasattr(defaults, "control_token")
    declared = {o.dest for o in options.RUN_OPTIONS if "run" in o.commands}
    assert declared <= set(vars(args)), declared - set(vars(args))


def test_a_missing_profile_key_is_one_line_with_the_guides_passage_and_exit_2(tmp_path):
    from harness.paths import PROFILES_DIR

    text = (PROFILES_DIR / "reference-fr.toml").read_text(encoding="utf-8")
    profile = tmp_path / "vendor.toml"
    profile.write_text(text.replace('my_attachments_file = "Pièce jointe"\n', ""), encoding="utf-8")
    result = cli("run", "--profile", str(profile))
    assert result.returncode == 2
    assert_one_clear_line(result, "'fields.my_attachments_file' is missing", "« Mes pièces jointes »", "expected")


def test_by_default_a_run_records_no_trace_and_each_other_trace_mode_is_pytest_playwrights():
    """--trace rerun (the default): the run itself traces nothing (its failures are run again, traced:
    test_end_to_end's broken portal); the other modes are handed to pytest-playwright as they are."""
    from pathlib import Path

    from harness.cli import _pytest_args, build_parser

    def tracing(*given: str) -> str:
        args = build_parser().parse_args(["run", *given])
        pytest_args = _pytest_args(args, Path("p.toml"), Path("run"), "id")
        return pytest_args[pytest_args.index("--tracing") + 1]

    assert tracing() == "off"
    modes = ["retain-on-failure", "on", "off"]
    assert [tracing("--trace", mode) for mode in modes] == modes
    assert build_parser().parse_args(["run"]).trace == "rerun"


def test_a_failure_the_expectations_already_know_is_not_re_run_for_its_trace(tmp_path):
    from harness.cli import failures_to_trace

    def scenario(name: str, outcome: str, *requirements: str) -> dict:
        return {"name": name, "outcome": outcome, "requirement_ids": list(requirements)}

    report = {"scenarios": [
        scenario("known by requirement", "failed", "REQ-SES-01"),
        scenario("partly known", "failed", "REQ-SES-01", "REQ-SES-02"),
        scenario("known by name [example]", "error", "REQ-SUB-01"),
        scenario("news", "failed", "REQ-SUB-02"),
        scenario("passed", "passed", "REQ-SUB-03"),
    ]}
    known = tmp_path / "known.toml"
    known.write_text('[[expected_failure]]\nrequirement = "REQ-SES-01"\nreason = "r"\nlink = "https://t/1"\n'
                     '[[expected_failure]]\nscenario = "known by name"\nreason = "r"\nlink = "https://t/2"\n',
                     encoding="utf-8")
    assert [s["name"] for s in failures_to_trace(report)] == [
        "known by requirement", "partly known", "known by name [example]", "news"]
    assert [s["name"] for s in failures_to_trace(report, str(known))] == ["partly known", "news"]
