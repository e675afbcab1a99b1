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
        (["run", "--base-url", "http://127.0.0.1:9", "--mail-listen", "127.0.0.1:2525", "--workers", "2"],
         ["--workers 2 with --mail-listen", "--shard I/N"]),
        (["serve", "--host", "0.0.0.0", "--control-token", "t", "--port", "0"], ["--allow-remote-control"]),
    ],
)
def test_usage_mistakes_exit_2_with_one_line(args, words):
    result = cli(*args)
    assert result.returncode == 2
    assert_one_clear_line(result, *words)


def test_coverage_passes_and_prints_json_in_the_documented_shape():
    result = cli("coverage", "--format", "json")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert set(data) == {"requirements", "unknown_tags"}
    first = data["requirements"][0]
    assert set(first) == {"id", "location", "level", "statement", "scenarios"} and first["scenarios"]


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
