"""Issue 16, points 13 and 14: the harness's own mistakes-proofing (each test fails on the harness as it was)."""

from __future__ import annotations

import base64
import json
import re
import subprocess
import sys
import urllib.parse
from pathlib import Path

import pytest

from harness import masking
from harness.paths import PROFILES_DIR

CLI = [sys.executable, "-m", "harness.cli"]


def run_cli(tmp_path: Path, *args: str, env: dict | None = None) -> tuple[subprocess.CompletedProcess, dict]:
    reports = tmp_path / "reports"
    result = subprocess.run([*CLI, "run", "--report-dir", str(reports), *args], capture_output=True, text=True,
                            timeout=120, check=False, env=env)
    report_file = reports / "latest" / "report.json"
    report = json.loads(report_file.read_text(encoding="utf-8")) if report_file.exists() else {}
    return result, report


def assert_usage_error(result: subprocess.CompletedProcess, report: dict, *words: str) -> None:
    lines = result.stderr.strip().splitlines()
    assert result.returncode == 2, result.stderr
    assert len(lines) == 1 and "Traceback" not in result.stderr + result.stdout, result.stderr
    assert all(word in lines[0] for word in words), lines[0]
    assert report.get("verdict") == "ERROR", report


# 13: a profile or expectations file that is not UTF-8, a directory, or a non-string requirement.

LATIN1_PROFILE = 'name = "vendeur"\nlocale = "fr"\ndescription = "Portail é"\n'.encode("latin-1")


@pytest.mark.parametrize("kind", ["not-utf8", "directory"])
def test_an_unreadable_profile_is_one_line_exit_2_and_an_error_report(tmp_path, kind):
    path = tmp_path / "vendeur.toml"
    if kind == "directory":
        path.mkdir()
    else:
        path.write_bytes(LATIN1_PROFILE)
    result, report = run_cli(tmp_path, "--profile", str(path))
    assert_usage_error(result, report, str(path), "directory" if kind == "directory" else "UTF-8")


@pytest.mark.parametrize("kind, words", [
    ("not-utf8", ["UTF-8"]),
    ("directory", ["directory"]),
    ("number", ["'requirement'", "string"]),
])
def test_an_unusable_expectations_file_is_one_line_exit_2_and_an_error_report(tmp_path, kind, words):
    path = tmp_path / "attendus.toml"
    entry = '[[expected_failure]]\nrequirement = {}\nreason = "connu é"\nlink = "https://suivi.example/1"\n'
    if kind == "directory":
        path.mkdir()
    elif kind == "number":
        path.write_text(entry.format("5"), encoding="utf-8")
    else:
        path.write_bytes(entry.format('"REQ-1"').encode("latin-1"))
    result, report = run_cli(tmp_path, "--expectations", str(path), "--base-url", "http://127.0.0.1:9")
    assert_usage_error(result, report, str(path), *words)


# 14: masking finds a secret in the encodings a run's output may hold it in.

SECRET = "p'a\"ss wörd/+="


@pytest.mark.parametrize("form", [
    SECRET.replace("'", "&#39;").replace('"', "&#34;"),  # what Jinja writes
    json.dumps(SECRET, ensure_ascii=True)[1:-1].replace("'", "\\u0027"),  # JSON with \\u escapes
    re.sub("%[0-9A-F]{2}", lambda m: m[0].lower(), urllib.parse.quote(SECRET, safe="")),  # lower-case %-escapes
    json.dumps(json.dumps({"password": SECRET}))[1:-1],  # JSON inside JSON
    base64.b64encode(SECRET.encode()).decode(),  # base64 (Basic auth with a base URL's credentials: below)
])
def test_masking_finds_the_encodings_a_secret_takes(form):
    masked = masking.mask_text(f"before {form} after", [SECRET])
    assert form not in masked, masked
    assert masked.startswith("before ") and masked.endswith(" after")


def test_basic_auth_of_a_base_url_is_masked():
    url = "https://vendeur:s3cr3t-Mot@portail.example/"
    header = "Authorization: Basic " + base64.b64encode(b"vendeur:s3cr3t-Mot").decode()
    assert masking.mask_text(header, masking.url_secrets(url)) == f"Authorization: Basic {masking.PLACEHOLDER}"


def test_run_reads_the_control_token_from_the_environment(tmp_path):
    import os

    env = {**os.environ, "INSPIRA_CONTROL_TOKEN": "jeton-de-l-environnement"}
    profile = PROFILES_DIR / "reference-fr.toml"
    from harness.cli import build_parser

    args = build_parser().parse_args(["run", "--profile", str(profile)])
    assert args.control_token is None  # the command line need not carry it
    os.environ["INSPIRA_CONTROL_TOKEN"] = env["INSPIRA_CONTROL_TOKEN"]
    try:
        args = build_parser().parse_args(["run", "--profile", str(profile)])
    finally:
        del os.environ["INSPIRA_CONTROL_TOKEN"]
    assert args.control_token == "jeton-de-l-environnement"
