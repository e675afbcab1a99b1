"""Which Chromium the harness drives, and how to make sure there is one.

A Playwright-managed Chromium is used where one is installed; otherwise the system Chromium (Debian's
``chromium`` package), installed with apt when it is missing and the user is root. The environment
variable ``INSPIRA_BROWSER`` names another Chromium executable to use instead.

    python -m harness.browser ensure   # used by the Makefile; prints the browser and its version
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

SYSTEM_CANDIDATES = ("chromium", "chromium-browser", "google-chrome")
BROWSER_ENV = "INSPIRA_BROWSER"

# Flags that let a system Chromium run headless as root on a machine with a closed network.
SYSTEM_CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
]


@dataclass(frozen=True)
class BrowserChoice:
    kind: str  # "playwright-managed", "system", or "configured" (INSPIRA_BROWSER)
    executable: str

    def launch_args(self, headless: bool = True) -> dict:
        """Playwright's launch options for this browser; ``headless=False`` shows its window (``run --headed``)."""
        if self.kind == "playwright-managed":
            return {"headless": headless, **({"args": ["--no-sandbox"]} if os.geteuid() == 0 else {})}
        return {"headless": headless, "executable_path": self.executable, "args": list(SYSTEM_CHROMIUM_ARGS)}

    def version(self) -> str:
        try:
            out = subprocess.run(
                [self.executable, "--version"], capture_output=True, text=True, timeout=30, check=False
            ).stdout
        except OSError:
            return "unknown"
        return out.strip() or "unknown"


def managed_chromium() -> str | None:
    """The Playwright-managed Chromium's executable, if that browser is installed."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        path = pw.chromium.executable_path
    return path if path and Path(path).exists() else None


def system_chromium() -> str | None:
    for name in SYSTEM_CANDIDATES:
        found = shutil.which(name)
        if found:
            return found
    return None


def find_browser(managed: str | None = None) -> BrowserChoice | None:
    """``managed``: the Playwright-managed executable path when the caller already runs Playwright.
    INSPIRA_BROWSER wins over both, as given: if it cannot start, the run says so."""
    configured = os.environ.get(BROWSER_ENV)
    if configured:
        return BrowserChoice("configured", configured)
    managed = managed if managed is not None else managed_chromium()
    if managed and not Path(managed).exists():
        managed = None
    if managed:
        return BrowserChoice("playwright-managed", managed)
    system = system_chromium()
    if system:
        return BrowserChoice("system", system)
    return None


def ensure_browser() -> BrowserChoice:
    """Find a browser, installing Debian's chromium when none is there and we may."""
    choice = find_browser()
    if choice:
        return choice
    if os.geteuid() != 0 or not shutil.which("apt-get"):
        raise SystemExit(
            "inspira-conformance: no Chromium found. Install one (as root: apt-get install chromium, "
            "or: playwright install chromium) and run again."
        )
    print("inspira-conformance: no Chromium found; installing Debian's chromium package", flush=True)
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    for command in (["apt-get", "update", "-qq"], ["apt-get", "install", "-y", "-qq", "chromium"]):
        subprocess.run(command, check=True, env=env, stdout=subprocess.DEVNULL)
    choice = find_browser()
    if choice is None:
        raise SystemExit("inspira-conformance: chromium was installed but cannot be found on PATH")
    return choice


def main(argv: list[str]) -> int:
    if argv != ["ensure"]:
        print("usage: python -m harness.browser ensure", file=sys.stderr)
        return 2
    choice = ensure_browser()
    print(f"browser: {choice.kind} {choice.version()} ({choice.executable})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
