"""axe on every distinct page the scenarios visit: after each step, the page then shown is checked once per
worker and page pattern (ids as {n}), so a run checks each page of the portal once or twice, not at every
visit. A step that leaves the page where it was costs one look at the page's URL.

What axe finds goes with the scenario that first met the page (``accessibility`` in report.json); the
report merges the workers' pages (harness/accessibility.py). ``run --a11y off`` turns the checks off.
"""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

from harness import axe
from harness.accessibility import settings
from harness.reporting import A11Y_KEY

SCANNER_NAME = "inspira-a11y-scanner"


class Scanner:
    def __init__(self, config: pytest.Config) -> None:
        self.config = config
        self.on = config.getoption("a11y") == "on"
        self._source: str | None = None
        self.checked: dict[str, dict] = {}  # page pattern → its entry, on this worker

    def source(self) -> str:
        if self._source is None:
            self._source = axe.load_source()
        return self._source

    @pytest.hookimpl(trylast=True)
    def pytest_bdd_after_step(self, request, feature, scenario, step, step_func, step_func_args) -> None:
        if self.on and "page" in request.fixturenames:
            self.check(request.node, request.getfixturevalue("page"))

    def check(self, item: pytest.Item, page, again: bool = False) -> dict | None:
        """axe's findings on the page shown, checked now unless this worker already checked its pattern
        (``again``: check it anyway); None when the page is between two documents (the next step retries)."""
        from playwright.sync_api import Error as PlaywrightError

        url = page.url
        if not url.startswith(("http://", "https://")):
            return None
        pattern = axe.page_pattern(url)
        if pattern in self.checked and not again:
            return self.checked[pattern]
        started = time.monotonic()
        try:
            page.wait_for_load_state("load", timeout=5_000)
            if page.evaluate("() => typeof globalThis.__pwClock === 'object'"):
                # The page's timers are the scenario's fake clock (Playwright's, paused): axe waits on timers, so
                # its evaluation would never end. The page is checked where another scenario shows it.
                return None
            found = axe.scan(page, self.source())
        except PlaywrightError:  # navigating away, or closed: nothing stable to check
            return None
        entry = {"page": pattern, "engine": found["engine"], "violations": found["violations"]}
        if "{token}" not in pattern:  # a one-time link's token is nobody's business in a report
            entry["url"] = url.split("?", 1)[0].split("#", 1)[0]
        if found["violations"]:
            shot = self._screenshot(page, pattern, found["violations"])
            if shot:
                entry["screenshot"] = shot
        entry["check_s"] = round(time.monotonic() - started, 3)
        first = pattern not in self.checked
        self.checked[pattern] = entry
        if first:
            item.stash.setdefault(A11Y_KEY, []).append(entry)
        return entry

    def _screenshot(self, page, pattern: str, violations: list[dict]) -> str | None:
        from playwright.sync_api import Error as PlaywrightError
        from slugify import slugify

        report_dir, run_id = self.config.getoption("report_dir"), self.config.getoption("run_id")
        if not (report_dir and run_id):
            return None
        run_dir = Path(report_dir) / run_id
        worker = os.environ.get("PYTEST_XDIST_WORKER", "main")
        # Named by page, worker and run, so the phases or shards merged into one folder never overwrite each other.
        path = run_dir / "evidence" / "a11y" / f"{slugify(pattern) or 'root'}-{worker}-{run_id[-4:]}.png"
        selectors = [node["selector"] for violation in violations for node in violation["nodes"]]
        try:
            axe.outlined_screenshot(page, selectors, path)
        except PlaywrightError:
            return None
        return str(path.relative_to(run_dir))


def scanner(config: pytest.Config) -> Scanner:
    return config.pluginmanager.get_plugin(SCANNER_NAME)


def pytest_configure(config: pytest.Config) -> None:
    from harness.pytest_plugin import PROFILE_KEY, RUN_INFO_KEY

    plugin = Scanner(config)
    config.pluginmanager.register(plugin, SCANNER_NAME)
    profile = config.stash.get(PROFILE_KEY, None)
    level = profile.accessibility_level if profile is not None else "SHOULD"
    if RUN_INFO_KEY in config.stash:
        config.stash[RUN_INFO_KEY]["accessibility"] = settings(plugin.on, level)
    if plugin.on and not hasattr(config, "workerinput"):
        try:  # once, before any browser starts: a run that cannot check says so in one line
            axe.ensure()
        except axe.EngineUnavailable as exc:
            raise pytest.UsageError(f"{exc} (make setup fetches it; or run --a11y off)") from None
