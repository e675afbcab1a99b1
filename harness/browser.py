"""Which Chromium the harness drives, and how to make sure there is one.

Headless runs (the default) use Chromium's headless shell, the lighter build Playwright itself uses for
headless Chromium (less CPU per page than the full browser): the Playwright-managed one where it
is installed, otherwise Debian's ``chromium-headless-shell``. Headed runs, and headless ones where no shell is
found, use the full browser: the Playwright-managed Chromium, otherwise the system's (Debian's ``chromium``).
``ensure`` installs the Debian packages that are missing when the user is root. The environment variable
``INSPIRA_BROWSER`` names another Chromium executable to use instead, headed or not.

    python -m harness.browser ensure   # used by the Makefile; prints the browsers and their versions
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

SYSTEM_CANDIDATES = ("chromium", "chromium-browser", "google-chrome")
SYSTEM_HEADLESS_SHELL = "/usr/bin/chromium-headless-shell"
BROWSER_ENV = "INSPIRA_BROWSER"
FULL, HEADLESS_SHELL = "chromium", "chromium-headless-shell"
DEBIAN_PACKAGES = {FULL: "chromium", HEADLESS_SHELL: "chromium-headless-shell"}

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
    build: str = FULL  # FULL or HEADLESS_SHELL (headless only)
    headed: bool = False

    @property
    def name(self) -> str:
        """What the report's ``run.browser`` calls it, e.g. « chromium-headless-shell (system) »."""
        return f"{self.build} ({self.kind})"

    def launch_args(self) -> dict:
        """Playwright's launch options for this browser, headed or headless as chosen."""
        args: dict = {"headless": not self.headed, "executable_path": self.executable}
        if self.kind == "playwright-managed":
            if os.geteuid() == 0:
                args["args"] = ["--no-sandbox"]
            return args
        return {**args, "args": list(SYSTEM_CHROMIUM_ARGS)}

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


def managed_headless_shell(managed: str | None) -> str | None:
    """The Playwright-managed headless shell beside that Chromium (same revision, same browsers folder:
    ``chromium-1255/chrome-linux64/chrome`` → ``chromium_headless_shell-1255/*/chrome-headless-shell``), if
    installed. Playwright's API names only the full browser's path."""
    if not managed:
        return None
    folder = Path(managed).parent.parent
    revision = folder.name.rpartition("-")[2]
    shell = folder.parent / f"chromium_headless_shell-{revision}"
    for name in ("chrome-headless-shell", "headless_shell"):  # the name since Chrome for Testing, and before
        found = sorted(shell.glob(f"*/{name}"))
        if found:
            return str(found[0])
    return None


def system_chromium() -> str | None:
    for name in SYSTEM_CANDIDATES:
        found = shutil.which(name)
        if found:
            return found
    return None


def system_headless_shell() -> str | None:
    return SYSTEM_HEADLESS_SHELL if os.access(SYSTEM_HEADLESS_SHELL, os.X_OK) else None


def find_browser(managed: str | None = None, headed: bool = False) -> BrowserChoice | None:
    """The browser a run uses, headed or headless (the ``--headed`` choice). ``managed``: the
    Playwright-managed Chromium's path when the caller already runs Playwright. INSPIRA_BROWSER wins, as
    given: if it cannot start, the run says so."""
    configured = os.environ.get(BROWSER_ENV)
    if configured:
        build = HEADLESS_SHELL if "headless" in Path(configured).name.replace("_", "-") else FULL
        return BrowserChoice("configured", configured, build, headed)
    managed = managed if managed is not None else managed_chromium()
    if managed and not Path(managed).exists():
        managed = None
    if not headed:
        shell = managed_headless_shell(managed)
        if shell:
            return BrowserChoice("playwright-managed", shell, HEADLESS_SHELL)
        shell = system_headless_shell()
        if shell:
            return BrowserChoice("system", shell, HEADLESS_SHELL)
    if managed:
        return BrowserChoice("playwright-managed", managed, FULL, headed)
    system = system_chromium()
    if system:
        return BrowserChoice("system", system, FULL, headed)
    return None


def missing_builds(managed: str | None) -> list[str]:
    """The builds neither Playwright nor the system has: the headless shell (headless runs) and the full
    browser (headed runs)."""
    missing = []
    if not (managed_headless_shell(managed) or system_headless_shell()):
        missing.append(HEADLESS_SHELL)
    if not (managed or system_chromium()):
        missing.append(FULL)
    return missing


def ensure_browser() -> tuple[BrowserChoice, BrowserChoice | None]:
    """The headless and the headed browser (None: none for headed runs), installing Debian's packages for
    what is missing when we may. Without that right, runs go on with what there is, and it says so."""
    if os.environ.get(BROWSER_ENV):
        return find_browser(headed=False), find_browser(headed=True)  # type: ignore[return-value]
    managed = managed_chromium()
    missing = missing_builds(managed)
    if missing and os.geteuid() == 0 and shutil.which("apt-get"):
        packages = [DEBIAN_PACKAGES[build] for build in missing]
        print(f"inspira-conformance: installing Debian's {' and '.join(packages)}", flush=True)
        env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
        for command in (["apt-get", "update", "-qq"], ["apt-get", "install", "-y", "-qq", *packages]):
            subprocess.run(command, check=True, env=env, stdout=subprocess.DEVNULL)
    headless, headed = find_browser(managed, headed=False), find_browser(managed, headed=True)
    if headless is None:
        raise SystemExit(
            "inspira-conformance: no Chromium found. Install one (as root: apt-get install "
            "chromium-headless-shell chromium, or: playwright install chromium) and run again."
        )
    if headless.build != HEADLESS_SHELL:
        print("inspira-conformance: no Chromium headless shell found; headless runs use the full browser "
              "(as root: apt-get install chromium-headless-shell)", flush=True)
    if headed is None:
        print("inspira-conformance: no full Chromium found; headed runs need one "
              "(as root: apt-get install chromium)", flush=True)
    return headless, headed


def main(argv: list[str]) -> int:
    if argv != ["ensure"]:
        print("usage: python -m harness.browser ensure", file=sys.stderr)
        return 2
    for use, choice in zip(("headless", "headed"), ensure_browser(), strict=True):
        if choice is not None:
            print(f"browser ({use}): {choice.name} {choice.version()} ({choice.executable})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
