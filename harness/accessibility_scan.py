"""axe on every distinct page the scenarios visit, once per worker and page pattern (ids as {n}), so a run
checks each page of the portal once or twice, not at every visit.

A page is checked when its document has loaded (the page's ``load`` event, so also a page a step only passes
through: the page a form lands on before the step follows a link from it), and again after each step if the
page then shown has a pattern not checked yet (a check cut short by the step navigating on). Every pattern a
scenario loaded is noted (``pages_visited`` in report.json), so the report can say which pages were visited
and never checked, rather than count only the pages it checked.

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
from harness.reporting import A11Y_KEY, A11Y_VISITED_KEY

SCANNER_NAME = "inspira-a11y-scanner"


class Scanner:
    def __init__(self, config: pytest.Config) -> None:
        self.config = config
        self.on = config.getoption("a11y") == "on"
        self._source: str | None = None
        self.checked: dict[str, dict] = {}  # page pattern → its entry, on this worker
        self._watched: set[int] = set()  # the pages whose loads are listened to (by id: one per scenario)
        self._checking: set[str] = set()  # patterns being checked now (a load's check and a step's may overlap)

    def source(self) -> str:
        if self._source is None:
            self._source = axe.load_source()
        return self._source

    def pytest_bdd_before_step(self, request, feature, scenario, step, step_func) -> None:
        if self.on and "page" in request.fixturenames:
            self.watch(request.node, request.getfixturevalue("page"))

    @pytest.hookimpl(trylast=True)
    def pytest_bdd_after_step(self, request, feature, scenario, step, step_func, step_func_args) -> None:
        if self.on and "page" in request.fixturenames:
            page = request.getfixturevalue("page")
            self._visited(request.node, page.url)
            self.check(request.node, page)

    def watch(self, item: pytest.Item, page) -> None:
        """From now on, each document the page loads is noted as visited and checked if its pattern is new."""
        if id(page) in self._watched:
            return
        self._watched.add(id(page))

        def loaded(*_: object) -> None:
            if page.is_closed():
                return
            self._visited(item, page.url)
            try:
                self.check(item, page)
            except Exception:  # never the scenario's failure: the page stays listed as visited, not checked
                return

        page.on("load", loaded)
        page.once("close", lambda *_: self._watched.discard(id(page)))

    def _visited(self, item: pytest.Item, url: str) -> None:
        if url.startswith(("http://", "https://")):
            visited = item.stash.setdefault(A11Y_VISITED_KEY, [])
            pattern = axe.page_pattern(url)
            if pattern not in visited:
                visited.append(pattern)

    def check(self, item: pytest.Item, page, again: bool = False) -> dict | None:
        """axe's findings on the page shown, checked now unless this worker already checked its pattern
        (``again``: check it anyway); None when the page is between two documents (the next step retries)."""
        url = page.url
        if not url.startswith(("http://", "https://")):
            return None
        pattern = axe.page_pattern(url)
        if pattern in self.checked and not again:
            return self.checked[pattern]
        if pattern in self._checking:
            return self._after_the_check_under_way(item, page, pattern)
        self._checking.add(pattern)
        try:
            return self._check(item, page, url, pattern)
        finally:
            self._checking.discard(pattern)

    def _after_the_check_under_way(self, item: pytest.Item, page, pattern: str) -> dict | None:
        """The page's load is being checked (its listener runs beside the step): its entry once that is done,
        waited for through Playwright so the listener goes on meanwhile; else a check of its own."""
        from playwright.sync_api import Error as PlaywrightError

        give_up = time.monotonic() + 60
        try:
            while pattern in self._checking and time.monotonic() < give_up:
                page.wait_for_timeout(20)
        except PlaywrightError:
            return None
        if pattern in self.checked:
            return self.checked[pattern]
        return None if pattern in self._checking else self.check(item, page)

    def _check(self, item: pytest.Item, page, url: str, pattern: str) -> dict | None:
        from playwright.sync_api import Error as PlaywrightError

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
        if page.url != url:
            return None  # the step moved on meanwhile: what axe saw may be either page
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
