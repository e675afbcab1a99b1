"""When a run cannot check the portal, it says why in one line, exits 2 (the user's configuration) or 3
(target or browser unreachable), prints no traceback, and leaves a report whose verdict is ERROR, so
that reports/latest never shows an older pass for this run.

Each fault is made here, on this machine: a closed port, a name under ``.invalid`` (reserved: it never
resolves), a local HTTPS server with a self-signed certificate made by ``openssl``, a local portal that
answers 500 everywhere, a browser executable that cannot run, a remote browser that is not there, and
malformed profile and expectations files.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import socket
import ssl
import subprocess
import sys
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from wsgiref.simple_server import WSGIRequestHandler, WSGIServer, make_server

import jsonschema
import pytest

from fixtures.mail import free_port
from harness import cli
from harness.paths import PROJECT_ROOT

SCHEMA = json.loads((PROJECT_ROOT / "harness" / "schemas" / "report.schema.json").read_text(encoding="utf-8"))
# pytest plugins of the project's own tests that a harness run does not use; without the bytecode cache
# (PYTHONDONTWRITEBYTECODE) pytest re-compiles them at every start, which is most of a short run's time.
UNNEEDED_PLUGINS = ["-p", "no:schemathesis", "-p", "no:hypothesispytest", "-p", "no:anyio"]
# Two scenarios that open a page and need no capability: the browser is the first thing they ask for.
BROWSER_SCENARIO = ["--", "-k", "site_carrières_offre or met_en_garde", *UNNEEDED_PLUGINS]


class _Quiet(WSGIRequestHandler):
    def log_message(self, *args) -> None:  # the test's output stays the harness's
        pass


def _answer(status: str) -> Callable:
    def app(environ, start_response):
        start_response(status, [("Content-Type", "text/html; charset=utf-8")])
        return [b"<!doctype html><title>portal</title><h1>portal</h1>"]

    return app


@contextmanager
def local_portal(status: str, tls: ssl.SSLContext | None = None) -> Iterator[str]:
    """A tiny WSGI server on 127.0.0.1 answering every request with ``status`` (over TLS if given)."""
    server: WSGIServer = make_server("127.0.0.1", 0, _answer(status), handler_class=_Quiet)
    scheme = "http"
    if tls is not None:
        server.socket = tls.wrap_socket(server.socket, server_side=True)
        scheme = "https"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"{scheme}://127.0.0.1:{server.server_port}"
    finally:
        server.shutdown()
        server.server_close()


def self_signed_context(folder: Path) -> ssl.SSLContext:
    openssl = shutil.which("openssl")
    if openssl is None:
        pytest.skip("the TLS case needs the openssl command to make a self-signed certificate")
    key, cert = folder / "key.pem", folder / "cert.pem"
    subprocess.run(
        [openssl, "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", str(key), "-out", str(cert),
         "-days", "1", "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1"],
        check=True, capture_output=True, timeout=60,
    )
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(cert, key)
    return context


@dataclass
class Outcome:
    code: int
    stdout: str
    stderr: str
    report_dir: Path


def run_in_process(capsys, monkeypatch, report_dir: Path, *args: str) -> Outcome:
    """`inspira-conformance run ...` called as the console script calls it, in this process: the faults
    found before pytest starts need nothing more, and the DNS case can stay off the network."""
    monkeypatch.setattr(sys, "argv", ["inspira-conformance"])
    code = cli.main(["run", "--report-dir", str(report_dir), *args])
    captured = capsys.readouterr()
    return Outcome(code, captured.out, captured.err, report_dir)


@contextmanager
def unresolvable_invalid_names(monkeypatch) -> Iterator[None]:
    """Names under .invalid never resolve (RFC 6761); answer so here, the way a resolver must, so the
    test sends no DNS query at all."""
    real = socket.getaddrinfo

    def getaddrinfo(host, *args, **kwargs):
        if isinstance(host, str) and host.rstrip(".").endswith(".invalid"):
            raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")
        return real(host, *args, **kwargs)

    monkeypatch.setattr(socket, "getaddrinfo", getaddrinfo)
    yield


@dataclass
class Fault:
    name: str
    code: int
    words: list[str]
    # None: the fault surfaces inside pytest; its run comes from the browser_runs fixture.
    run: Callable[[Path, pytest.CaptureFixture, pytest.MonkeyPatch], Outcome] | None = field(default=None, repr=False)


def _unreachable_port(tmp, capsys, monkeypatch):
    return run_in_process(capsys, monkeypatch, tmp / "reports", "--base-url", f"http://127.0.0.1:{free_port()}")


def _dns_failure(tmp, capsys, monkeypatch):
    with unresolvable_invalid_names(monkeypatch):
        return run_in_process(capsys, monkeypatch, tmp / "reports", "--base-url", "http://portal.invalid:8000")


def _tls_error(tmp, capsys, monkeypatch):
    with local_portal("200 OK", tls=self_signed_context(tmp)) as url:
        return run_in_process(capsys, monkeypatch, tmp / "reports", "--base-url", url)


def _answers_500(tmp, capsys, monkeypatch):
    with local_portal("500 Internal Server Error") as url:
        return run_in_process(capsys, monkeypatch, tmp / "reports", "--base-url", url)


def _malformed_profile(tmp, capsys, monkeypatch):
    profile = tmp / "vendor.toml"
    profile.write_text('name = "vendor"\nlocale = "fr"\ncapabilities = "all"\n', encoding="utf-8")
    return run_in_process(capsys, monkeypatch, tmp / "reports", "--profile", str(profile))


def _profile_not_toml(tmp, capsys, monkeypatch):
    profile = tmp / "vendor.toml"
    profile.write_text('name = "vendor\nlocale = "fr"\n', encoding="utf-8")
    return run_in_process(capsys, monkeypatch, tmp / "reports", "--profile", str(profile))


def _malformed_expectations(tmp, capsys, monkeypatch):
    expectations = tmp / "known-failures.toml"
    expectations.write_text('[[expected_failure]]\nrequirement = "REQ-SES-01"\nlink = "https://t/1"\n',
                            encoding="utf-8")
    return run_in_process(capsys, monkeypatch, tmp / "reports", "--expectations", str(expectations))


def start_subprocess(report_dir: Path, *args: str, env: dict | None = None) -> Callable[[], Outcome]:
    """Starts `inspira-conformance run ...`; the returned function waits for it."""
    process = subprocess.Popen(
        [sys.executable, "-m", "harness.cli", "run", "--report-dir", str(report_dir), *args],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env={**os.environ, **(env or {})},
    )

    def finish() -> Outcome:
        stdout, stderr = process.communicate(timeout=180)
        return Outcome(process.returncode, stdout, stderr, report_dir)

    return finish


@pytest.fixture(scope="module")
def browser_runs(tmp_path_factory) -> dict[str, Outcome]:
    """The faults that surface inside pytest, where the browser starts: both runs side by side (each is
    mostly pytest starting), against a local portal that answers, so only the browser is at fault."""
    tmp = tmp_path_factory.mktemp("browser-faults")
    not_executable = tmp / "chromium"
    not_executable.write_text("not a browser\n", encoding="utf-8")
    not_executable.chmod(0o644)
    with local_portal("200 OK") as url:
        runs = {
            "browser not executable": start_subprocess(
                tmp / "not-executable", "--base-url", url, *BROWSER_SCENARIO,
                env={"INSPIRA_BROWSER": str(not_executable)}),
            "remote browser absent": start_subprocess(
                tmp / "remote", "--base-url", url, "--cdp-url", f"http://127.0.0.1:{free_port()}", *BROWSER_SCENARIO),
        }
        return {name: finish() for name, finish in runs.items()}


FAULTS = [
    Fault("unreachable port", 3, ["cannot reach", "connection refused", "start the portal"], _unreachable_port),
    Fault("DNS failure", 3, ["'portal.invalid' does not resolve", "DNS"], _dns_failure),
    Fault("TLS error", 3, ["TLS certificate is not trusted", "self-signed", "trust store"], _tls_error),
    Fault("portal answering 500", 3, ["answers HTTP 500", "check its logs"], _answers_500),
    Fault("browser not executable", 3, ["browser could not start", "not an executable file", "set INSPIRA_BROWSER"]),
    Fault("remote browser absent", 3, ["browser could not start", "ECONNREFUSED", "remote browser is up"]),
    Fault("malformed profile", 2, ["vendor.toml", "'capabilities'", "expected a table"], _malformed_profile),
    Fault("profile not TOML", 2, ["vendor.toml", "not valid TOML"], _profile_not_toml),
    Fault("malformed expectations", 2, ["known-failures.toml", "expected_failure #1", "'reason'", "expected"],
          _malformed_expectations),
]


@pytest.mark.parametrize("fault", FAULTS, ids=[fault.name for fault in FAULTS])
def test_a_fault_gives_one_line_the_documented_exit_code_and_an_error_report(
    fault, tmp_path, capsys, monkeypatch, request
):
    if fault.run is not None:
        outcome = fault.run(tmp_path, capsys, monkeypatch)
    else:
        outcome = request.getfixturevalue("browser_runs")[fault.name]

    assert outcome.code == fault.code, outcome.stderr + outcome.stdout
    lines = outcome.stderr.strip().splitlines()
    assert len(lines) == 1, outcome.stderr
    line = lines[0]
    assert line.startswith("inspira-conformance: ")
    for word in fault.words:
        assert word in line
    assert "Traceback" not in outcome.stdout + outcome.stderr
    assert not re.search(r"\.py:\d+", outcome.stdout + outcome.stderr)  # nor pytest's listing of one

    report = json.loads((outcome.report_dir / "latest" / "report.json").read_text(encoding="utf-8"))
    jsonschema.validate(report, SCHEMA)
    assert report["verdict"] == "ERROR" and report["exit_code"] == fault.code
    assert report["run"]["status"] == "error"
    assert report["run"]["error"] == line.removeprefix("inspira-conformance: ")
    assert report["summary"]["passed"] == 0
    if fault.run is None:  # the browser broke inside the run: it stopped at the first scenario
        assert report["summary"]["error"] == report["summary"]["total"] == 1
    run_dir = outcome.report_dir / report["run"]["run_id"]
    assert "ERROR" in (run_dir / "report.html").read_text(encoding="utf-8")
    finished = [json.loads(x) for x in (run_dir / "messages.ndjson").read_text(encoding="utf-8").splitlines()]
    assert finished[-1]["testRunFinished"]["success"] is False


def test_an_error_report_replaces_an_older_pass_as_latest(tmp_path, capsys, monkeypatch):
    """CI reading reports/latest after a run that could not start must not see the run before it."""
    from harness.report import build_report, write_run
    from harness.requirements import load_catalogue

    reports = tmp_path / "reports"
    older = build_report([], load_catalogue(), {"run_id": "older", "profile": "p", "started": "", "duration_s": 0,
                                                "status": "finished"}, "full")
    older["verdict"] = "CONFORMANT"
    write_run(reports, "older", older)
    outcome = run_in_process(capsys, monkeypatch, reports, "--base-url", f"http://127.0.0.1:{free_port()}")
    assert outcome.code == 3
    assert json.loads((reports / "latest" / "report.json").read_text(encoding="utf-8"))["verdict"] == "ERROR"


def test_a_browser_that_exits_at_once_is_named_with_what_it_said_and_its_exit_code(tmp_path):
    """The same conversion as above, for the other way a launch fails: the executable runs and dies."""
    from playwright.sync_api import Error, sync_playwright

    from harness.preflight import browser_failure

    browser = tmp_path / "chromium"
    browser.write_text("#!/bin/sh\necho 'cannot open display' >&2\nexit 1\n", encoding="utf-8")
    browser.chmod(0o755)
    with sync_playwright() as playwright, pytest.raises(Error) as failure:
        playwright.chromium.launch(executable_path=str(browser), timeout=30_000)
    line = browser_failure(failure.value, f"launch {browser}")
    assert "\n" not in line and line.startswith(f"the browser could not start (launch {browser}: ")
    assert "it said: cannot open display" in line and "exit code 1" in line and "set INSPIRA_BROWSER" in line
