"""Secrets never leave a run unmasked: the control token, the profile's passwords and every password a
scenario types are searched for in everything a run writes (every file of the report folder, zips
opened down to the Playwright traces inside bundle.zip) and prints, and must not be found."""

from __future__ import annotations

import io
import json
import os
import re
import secrets
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from fixtures.mail import free_port
from fixtures.portal import ReferencePortal
from harness import masking
from harness.masking import PLACEHOLDER

SERVE = [sys.executable, "-m", "harness.cli", "serve"]
# Passwords the harness makes up for the candidates it creates and the new passwords it chooses
# (fixtures/data.py): the test cannot know them, so it looks for anything of their shape.
MADE_UP_PASSWORD = re.compile(rb"Pw-[A-Za-z0-9_-]{16}")
# Arranges a candidate through the control API, chooses a new password on the spot, signs in with it.
SCENARIO = "envoie_un_lien_pour_choisir"
# The project's own pytest plugins a harness run does not use (see test_faults.py).
UNNEEDED_PLUGINS = ["-p", "no:schemathesis", "-p", "no:hypothesispytest", "-p", "no:anyio"]


def every_part(path: Path) -> dict[str, bytes]:
    """Every file under ``path``, and every member of every zip among them, zips inside zips included."""
    parts: dict[str, bytes] = {}

    def add(where: str, data: bytes) -> None:
        if data.startswith(b"PK\x03\x04"):
            with zipfile.ZipFile(io.BytesIO(data)) as archive:
                for info in archive.infolist():
                    add(f"{where}!{info.filename}", archive.read(info))
        parts[where] = data

    for file in sorted(p for p in path.rglob("*") if p.is_file()):
        add(str(file.relative_to(path)), file.read_bytes())
    return parts


def leaks(parts: dict[str, bytes], secret: str) -> list[str]:
    forms = [form.encode() for form in masking.forms_of(secret)]
    return [where for where, data in parts.items() if any(form in data for form in forms)]


def made_up_passwords(parts: dict[str, bytes]) -> list[str]:
    return [where for where, data in parts.items() if MADE_UP_PASSWORD.search(data)]


@pytest.fixture(scope="module")
def run_with_secrets(tmp_path_factory) -> dict:
    """A scenario against a portal started with `serve` and a known control token, with a screenshot after
    every step and its Playwright trace."""
    tmp = tmp_path_factory.mktemp("secrets")
    token = "tok-" + secrets.token_urlsafe(24)
    sink = f"127.0.0.1:{free_port()}"
    reports = tmp / "reports"
    with ReferencePortal(tmp / "portal", control_token=token, smtp=sink, launcher=SERVE) as portal:
        result = subprocess.run(
            [sys.executable, "-m", "harness.cli", "run", "--base-url", portal.base_url, "--control-token", token,
             "--mail-listen", sink, "--evidence", "all", "--report-dir", str(reports),
             "--", "-k", SCENARIO, "--tracing", "on", *UNNEEDED_PLUGINS],
            capture_output=True, text=True, timeout=600, check=False, env={**os.environ, "PYTHONUNBUFFERED": "1"},
        )
    report = json.loads((reports / "latest" / "report.json").read_text(encoding="utf-8"))
    return {
        "token": token,
        "result": result,
        "report": report,
        "reports": reports,
        "parts": every_part(reports),
        "portal_log": (tmp / "portal" / "portal.log").read_bytes(),
    }


def test_the_run_passed_and_kept_every_kind_of_output(run_with_secrets):
    result, report, parts = run_with_secrets["result"], run_with_secrets["report"], run_with_secrets["parts"]
    assert result.returncode == 0, result.stdout + result.stderr
    assert report["summary"]["passed"] == 1 == report["summary"]["total"]
    names = "\n".join(parts)
    for kind in ("report.json", "report.html", "messages.ndjson", "junit.xml", "cucumber.json", "bundle.zip",
                 "bundle.zip!evidence/", "trace.zip!trace.trace", "trace.zip!trace.network", ".png"):
        assert kind in names, kind


def test_the_control_token_is_nowhere(run_with_secrets):
    token, result = run_with_secrets["token"], run_with_secrets["result"]
    assert leaks(run_with_secrets["parts"], token) == []
    assert token not in result.stdout + result.stderr
    assert token.encode() not in run_with_secrets["portal_log"]


def test_no_password_a_scenario_typed_or_was_given_is_anywhere(run_with_secrets):
    result = run_with_secrets["result"]
    assert made_up_passwords(run_with_secrets["parts"]) == []
    assert not MADE_UP_PASSWORD.search((result.stdout + result.stderr).encode())


def test_where_passwords_were_typed_the_traces_show_the_placeholder(run_with_secrets):
    """Not vacuous: the traces recorded the passwords (each fill, the form bodies), masked in place."""
    parts, run_id = run_with_secrets["parts"], run_with_secrets["report"]["run"]["run_id"]
    fills, bodies = [], []
    for where, data in parts.items():
        if not where.startswith(f"{run_id}/") or "bundle.zip!" in where:
            continue  # the same trace again, in reports/latest and in the bundles
        if where.endswith("trace.zip!trace.trace"):
            events = [json.loads(line) for line in data.decode().splitlines() if line.strip()]
            fills += [e["params"]["value"] for e in events if e.get("method") == "fill" and "value" in e["params"]]
        if where.endswith("trace.zip!trace.network"):
            for line in data.decode().splitlines():
                request = json.loads(line).get("snapshot", {}).get("request", {})
                params = request.get("postData", {}).get("params", [])
                bodies += [p["value"] for p in params if "password" in p["name"]]
    assert fills.count(PLACEHOLDER) == 3  # the new password, its confirmation, the sign-in with it
    assert len(bodies) == 3 and set(bodies) == {PLACEHOLDER}  # the same three, in the forms' bodies


def test_the_search_finds_a_secret_planted_anywhere(run_with_secrets, tmp_path):
    """Negative control: the same search, over a copy of the run with the token and a made-up password put
    back into a trace inside bundle.zip, finds both."""
    token, reports = run_with_secrets["token"], run_with_secrets["reports"]
    run_dir = reports / run_with_secrets["report"]["run"]["run_id"]
    copy = tmp_path / "copy"
    bundle_in = zipfile.ZipFile(run_dir / "bundle.zip")
    trace_name = next(n for n in bundle_in.namelist() if n.endswith("trace.zip"))
    trace_in = zipfile.ZipFile(io.BytesIO(bundle_in.read(trace_name)))
    trace_out = io.BytesIO()
    with zipfile.ZipFile(trace_out, "w") as archive:
        for info in trace_in.infolist():
            content = trace_in.read(info)
            if info.filename == "trace.network":
                content = content.replace(PLACEHOLDER.encode(), b"Pw-AAAAbbbbCCCCdddd", 1)
            if info.filename == "trace.trace":
                content += json.dumps({"type": "log", "message": f"Bearer {token}"}).encode() + b"\n"
            archive.writestr(info, content)
    copy.mkdir()
    with zipfile.ZipFile(copy / "bundle.zip", "w") as bundle_out:
        for name in bundle_in.namelist():
            bundle_out.writestr(name, trace_out.getvalue() if name == trace_name else bundle_in.read(name))
    parts = every_part(copy)
    assert leaks(parts, token) == [f"bundle.zip!{trace_name}!trace.trace"]
    assert made_up_passwords(parts) == [f"bundle.zip!{trace_name}!trace.network"]


# -- the masking itself, piece by piece --

def test_a_secret_is_masked_in_every_form_a_run_writes_it():
    secret = "S3cr&t pass/é"
    text = " ".join(masking.forms_of(secret)) + f' {json.dumps({"p": secret})} '
    masked = masking.mask_text(text, {secret})
    assert "S3cr" not in masked and masked.count(PLACEHOLDER) >= 5


def test_zips_inside_zips_are_masked_and_images_left_alone(tmp_path):
    secret = "tok-0123456789"
    inner = io.BytesIO()
    with zipfile.ZipFile(inner, "w") as archive:
        archive.writestr("trace.trace", f'{{"value":"{secret}"}}')
        archive.writestr("screencast/page.jpeg", b"\xff\xd8 raw picture bytes")
    outer = tmp_path / "bundle.zip"
    with zipfile.ZipFile(outer, "w") as archive:
        archive.writestr("evidence/trace.zip", inner.getvalue())
        archive.writestr("report.json", json.dumps({"error": f"Bearer {secret}"}))
    assert masking.find_secrets(tmp_path, {secret}) == [f"{outer}!evidence/trace.zip!trace.trace",
                                                       f"{outer}!report.json"]
    assert masking.mask_tree(tmp_path, {secret}) == [outer]
    assert masking.find_secrets(tmp_path, {secret}) == []
    with zipfile.ZipFile(outer) as archive, zipfile.ZipFile(io.BytesIO(archive.read("evidence/trace.zip"))) as trace:
        assert trace.read("trace.trace") == f'{{"value":"{PLACEHOLDER}"}}'.encode()
        assert trace.read("screencast/page.jpeg") == b"\xff\xd8 raw picture bytes"


def test_the_profiles_passwords_are_secrets_and_its_labels_are_not(tmp_path):
    base = tmp_path / "base.toml"
    base.write_text('[fields]\npassword = "Mot de passe"\n[[accounts]]\nkind = "complete"\npassword = "base-pass-1"\n',
                    encoding="utf-8")
    vendor = tmp_path / "vendor.toml"
    vendor.write_text(
        'extends = "base.toml"\n[[accounts]]\nkind = "empty"\nuser_code = "u1"\npassword = "vendor-pw-2"\n',
        encoding="utf-8",
    )
    assert masking.profile_secrets(vendor) == {"base-pass-1", "vendor-pw-2"}


def test_step_arguments_give_up_their_secrets_one_level_deep():
    class Client:
        def __init__(self) -> None:
            self._token = "control-token-1"

    class Driver:
        def __init__(self) -> None:
            self.profile = {"fields": {"password": "Mot de passe"}}

    found = masking.secrets_in({
        "candidate": {"user_code": "cand1", "password": "Pw-candidate-1"},
        "new_password": "Pw-chosen-2",
        "control": Client(),
        "driver": Driver(),
    })
    assert found == {"Pw-candidate-1", "Pw-chosen-2", "control-token-1"}


def test_a_failure_report_is_masked_before_pytest_prints_or_writes_it():
    from types import SimpleNamespace

    from harness.reporting import _mask_report

    masking.register("tok-in-a-failure")
    report = SimpleNamespace(longrepr="AssertionError: Bearer tok-in-a-failure refused",
                             sections=[("Captured stdout call", "token=tok-in-a-failure")])
    _mask_report(report)
    assert report.longrepr == f"AssertionError: Bearer {PLACEHOLDER} refused"
    assert report.sections == [("Captured stdout call", f"token={PLACEHOLDER}")]


def test_what_is_typed_into_a_password_field_becomes_a_secret():
    """A password a step makes up and types without handing it on is known only to the page: the page
    reports it (watch_password_fields), so it is masked like the others."""
    from playwright.sync_api import sync_playwright

    from harness.browser import find_browser

    typed, other = "Pw-" + secrets.token_urlsafe(12), "not-a-secret-" + secrets.token_hex(4)
    choice = find_browser()  # before sync_playwright: finding the managed browser starts Playwright itself
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(**choice.launch_args())
        context = browser.new_context()
        masking.watch_password_fields(context)
        page = context.new_page()
        form = ('<!doctype html><title>f</title><form><label>Mot de passe <input type="password"></label>'
                '<label>Ville <input type="text"></label></form>')
        # A real navigation (scripts added to the context run on each new document), answered here.
        page.route("http://portal.test/", lambda route: route.fulfill(body=form, content_type="text/html"))
        page.goto("http://portal.test/")
        page.get_by_label("Ville").fill(other)
        page.get_by_label("Mot de passe").fill(typed)
        page.get_by_label("Ville").fill(other + "!")  # one more round trip: the page's report has arrived
        browser.close()
    assert typed in masking.known_secrets()
    assert other not in masking.known_secrets()


@pytest.mark.parametrize("launcher", [SERVE, None], ids=["serve", "python -m reference_portal"])
def test_a_portal_started_by_the_harness_keeps_its_token_out_of_the_process_list(tmp_path, launcher, monkeypatch):
    """Any user of the machine can read every process's command line (``ps``): the token travels in the
    environment instead, and the parent's own INSPIRA_CONTROL_TOKEN does not leak into a portal without one."""
    import urllib.request

    token = secrets.token_hex(16)
    with ReferencePortal(tmp_path / "with", control_token=token, launcher=launcher) as portal:
        command_lines = b"".join(Path(f"/proc/{pid}/cmdline").read_bytes() for pid in _descendants(portal))
        assert command_lines and token.encode() not in command_lines
        request = urllib.request.Request(portal.base_url + "/__conformance__/v1/clock",
                                         headers={"Authorization": f"Bearer {token}"})
        with urllib.request.urlopen(request, timeout=10) as answer:
            assert answer.status == 200
    monkeypatch.setenv("INSPIRA_CONTROL_TOKEN", token)
    with ReferencePortal(tmp_path / "without", launcher=launcher) as portal:
        request = urllib.request.Request(portal.base_url + "/__conformance__/v1/clock",
                                         headers={"Authorization": f"Bearer {token}"})
        with pytest.raises(urllib.error.HTTPError) as refused:
            urllib.request.urlopen(request, timeout=10)
        assert refused.value.code == 404


def _descendants(portal: ReferencePortal) -> list[int]:
    """The portal's process and its children (``serve`` may start the server in a child)."""
    found, queue = [], [portal._process.pid]
    while queue:
        pid = queue.pop()
        found.append(pid)
        children = Path(f"/proc/{pid}/task/{pid}/children")
        if children.exists():
            queue += [int(child) for child in children.read_text().split()]
    return found
