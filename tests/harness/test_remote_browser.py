"""Browsers can live elsewhere: a run drives a Chromium started with remote debugging, over CDP, the way
it would drive one of Selenium Grid 4 or Browserless."""

import json
import os
import signal
import subprocess
import sys
import threading

import pytest

from fixtures.mail import free_port
from harness.browser import SYSTEM_CHROMIUM_ARGS, find_browser

pytestmark = pytest.mark.slow


@pytest.fixture
def remote_chromium(tmp_path):
    choice = find_browser()
    port = free_port()
    process = subprocess.Popen(
        [choice.executable, "--headless", f"--remote-debugging-port={port}", "--remote-debugging-address=127.0.0.1",
         f"--user-data-dir={tmp_path / 'profile'}", *SYSTEM_CHROMIUM_ARGS, "about:blank"],
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
        # Debian's executable is a shell script that starts the browser: its own process group, ended whole,
        # or the browser outlives the test.
        start_new_session=True,
    )
    ready = threading.Event()

    def watch() -> None:  # Chromium says where it listens once it does
        for line in process.stderr:
            if "DevTools listening on" in line:
                ready.set()

    threading.Thread(target=watch, daemon=True).start()
    assert ready.wait(30), "the remote Chromium did not start"
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(10)


def test_a_run_over_cdp_passes_and_says_where_its_browser_was(remote_chromium, tmp_path):
    result = subprocess.run(
        [sys.executable, "-m", "harness.cli", "run", "--cdp-url", remote_chromium,
         "--report-dir", str(tmp_path / "reports"), "--", "-k", "brouillon or saisie"],
        capture_output=True, text=True, timeout=600, check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    report = json.loads((tmp_path / "reports" / "latest" / "report.json").read_text(encoding="utf-8"))
    assert report["summary"]["passed"] >= 2 and report["summary"]["failed"] == 0
    assert report["run"]["browser_location"] == f"remote over CDP at {remote_chromium}"
