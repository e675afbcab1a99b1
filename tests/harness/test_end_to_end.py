"""The harness against a real reference portal started on its own with `inspira-conformance serve`.

These prove the two halves meet at the contract: a conformant portal is certified through --base-url,
and a portal that keeps sessions for 30 minutes instead of 20 is caught, by the right requirement.
"""

import json
import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest

from fixtures.mail import free_port
from fixtures.portal import ReferencePortal

pytestmark = pytest.mark.slow

SERVE = [sys.executable, "-m", "harness.cli", "serve"]


def run_cli(*args: str) -> tuple[int, str]:
    result = subprocess.run(
        [sys.executable, "-m", "harness.cli", "run", *args],
        capture_output=True, text=True, timeout=900, check=False, env={**os.environ, "PYTHONUNBUFFERED": "1"},
    )
    return result.returncode, result.stdout + result.stderr


def latest_report(report_dir: Path) -> dict:
    return json.loads((report_dir / "latest" / "report.json").read_text(encoding="utf-8"))


def test_a_portal_started_with_serve_passes_through_base_url(tmp_path):
    token = secrets.token_urlsafe(16)
    sink = f"127.0.0.1:{free_port()}"  # the run listens there; the portal sends its mail there
    with ReferencePortal(tmp_path / "portal", control_token=token, smtp=sink, launcher=SERVE) as portal:
        code, output = run_cli(
            "--base-url", portal.base_url, "--control-token", token,
            "--mail-listen", sink, "--report-dir", str(tmp_path / "reports"),
        )
    report = latest_report(tmp_path / "reports")
    assert code == 0, output
    assert report["verdict"] == "CONFORMANT" and report["scope"] == "full"
    assert report["summary"]["failed"] == report["summary"]["error"] == report["summary"]["not_testable"] == 0
    assert report["summary"]["passed"] == report["summary"]["total"] > 0
    assert all(r["verdict"] == "conformant" and r["scenarios"] for r in report["requirements"])
    assert report["run"]["portal_url"] == portal.base_url and report["run"]["browser"].startswith("chromium ")
    for scenario in report["scenarios"]:
        assert {"name", "feature", "requirement_ids", "outcome", "duration_s"} <= set(scenario)
    assert (tmp_path / "reports" / "latest" / "junit.xml").exists()
    assert token not in json.dumps(report)


def test_a_portal_that_keeps_sessions_for_30_minutes_is_caught(tmp_path):
    token = secrets.token_urlsafe(16)
    thirty_minutes = ["--session-timeout", "1800"]
    with ReferencePortal(tmp_path / "portal", control_token=token, extra_args=thirty_minutes, launcher=SERVE) as portal:
        code, output = run_cli(
            "--base-url", portal.base_url, "--control-token", token,
            "--report-dir", str(tmp_path / "reports"), "--", "-k", "session",
        )
    report = latest_report(tmp_path / "reports")
    assert code == 1, output
    assert report["verdict"] == "NOT CONFORMANT"
    verdicts = {r["id"]: r["verdict"] for r in report["requirements"]}
    assert verdicts["REQ-SES-01"] == "failed"
    outcomes = {s["name"]: s["outcome"] for s in report["scenarios"]}
    assert [o for name, o in outcomes.items() if "19 min 59 s" in name] == ["passed"]
    assert [o for name, o in outcomes.items() if "20 min 01 s" in name] == ["failed"]
    assert {r["id"] for r in report["requirements"] if r["verdict"] == "failed"} == {"REQ-SES-01", "REQ-SES-02"}
