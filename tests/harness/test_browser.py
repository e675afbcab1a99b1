"""Which Chromium a run drives: the headless shell for headless runs (Playwright's, else Debian's), the full
browser for headed runs and where no shell is found."""

from pathlib import Path

import pytest

from harness import browser
from harness.browser import FULL, HEADLESS_SHELL, find_browser


def executable(path: Path) -> str:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("#!/bin/sh\n", encoding="utf-8")
    path.chmod(0o755)
    return str(path)


@pytest.fixture
def machine(tmp_path, monkeypatch):
    """No browser anywhere until a test puts one there: Playwright's folder, the system's paths."""
    monkeypatch.delenv(browser.BROWSER_ENV, raising=False)
    monkeypatch.setattr(browser, "SYSTEM_HEADLESS_SHELL", str(tmp_path / "usr/bin/chromium-headless-shell"))
    monkeypatch.setattr(browser, "SYSTEM_CANDIDATES", (str(tmp_path / "usr/bin/chromium"),))
    return tmp_path


def managed_full(root: Path) -> str:
    return executable(root / "ms-playwright/chromium-1255/chrome-linux64/chrome")


def test_headless_prefers_playwrights_headless_shell_then_debians(machine):
    full = managed_full(machine)
    shell = executable(machine / "ms-playwright/chromium_headless_shell-1255/chrome-headless-shell-linux64"
                       / "chrome-headless-shell")
    debian_shell = executable(machine / "usr/bin/chromium-headless-shell")
    choice = find_browser(managed=full)
    assert (choice.kind, choice.build, choice.executable) == ("playwright-managed", HEADLESS_SHELL, shell)
    assert choice.launch_args()["headless"] is True and choice.launch_args()["executable_path"] == shell
    Path(shell).unlink()
    choice = find_browser(managed=full)
    assert (choice.kind, choice.build, choice.executable) == ("system", HEADLESS_SHELL, debian_shell)
    assert choice.name == "chromium-headless-shell (system)"


def test_a_shell_of_another_revision_is_not_taken_for_this_playwrights(machine):
    full = managed_full(machine)
    executable(machine / "ms-playwright/chromium_headless_shell-1200/chrome-headless-shell-linux64"
               / "chrome-headless-shell")
    assert find_browser(managed=full).executable == full


def test_headed_runs_and_machines_without_a_shell_use_the_full_browser(machine):
    system_full = executable(machine / "usr/bin/chromium")
    executable(machine / "usr/bin/chromium-headless-shell")
    headed = find_browser(managed="", headed=True)
    assert (headed.kind, headed.build, headed.executable) == ("system", FULL, system_full)
    assert headed.launch_args()["headless"] is False
    Path(machine / "usr/bin/chromium-headless-shell").unlink()
    headless = find_browser(managed="")
    assert (headless.build, headless.executable) == (FULL, system_full)
    assert headless.launch_args()["headless"] is True
    full = managed_full(machine)
    assert find_browser(managed=full, headed=True).executable == full


def test_inspira_browser_wins_headed_or_not(machine, monkeypatch):
    executable(machine / "usr/bin/chromium-headless-shell")
    monkeypatch.setenv(browser.BROWSER_ENV, "/opt/chrome/chrome")
    for headed in (False, True):
        choice = find_browser(managed="", headed=headed)
        assert (choice.kind, choice.executable, choice.launch_args()["headless"]) == (
            "configured", "/opt/chrome/chrome", not headed)


def test_the_set_up_installs_what_is_missing(machine):
    assert browser.missing_builds(None) == [HEADLESS_SHELL, FULL]
    executable(machine / "usr/bin/chromium")
    assert browser.missing_builds(None) == [HEADLESS_SHELL]
    executable(machine / "usr/bin/chromium-headless-shell")
    assert browser.missing_builds(None) == []


def test_nothing_found(machine):
    assert find_browser(managed="") is None and find_browser(managed="", headed=True) is None
