"""What a person sees while a run goes: one line per scenario as it ends.

    [12/87, about 3 min 10 s left] passed 2.8 s  aide › Sans nom complet, le message est refusé, …
    [13/87, about 3 min 02 s left] FAILED 4.1 s  session › La session tient … [durée: 20 min 01 s, …]  (REQ-SES-01)
        AssertionError: « Connexion » (heading) not found on …/candidatures

Built on pytest's terminal reporter rather than pytest-bdd's Gherkin reporter: that one prints every step
of every scenario (about 900 lines for this suite), knows nothing of not testable or flaky, prints no
count or time left, and sees nothing of what pytest-xdist's workers run. Here the controller prints, so
one run with any number of workers reads as one list; the outcome is the harness's own, known once the
scenario's teardown (where its evidence is saved) is over. Pytest's progress dots are silenced for
scenarios, its final tally is kept. ``run -q`` turns the lines off.
"""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from harness.verdicts import Outcome

_SHOWN = {
    Outcome.PASSED: "passed", Outcome.FAILED: "FAILED", Outcome.ERROR: "ERROR",
    Outcome.NOT_TESTABLE: "not testable", Outcome.NOT_APPLICABLE: "not applicable", Outcome.FLAKY: "flaky",
}


def human_duration(seconds: float) -> str:
    seconds = max(0, int(round(seconds)))
    if seconds < 60:
        return f"{seconds} s"
    minutes, seconds = divmod(seconds, 60)
    if minutes < 60:
        return f"{minutes} min {seconds:02d} s"
    hours, minutes = divmod(minutes, 60)
    return f"{hours} h {minutes:02d} min"


def time_left(elapsed: float, done: int, total: int) -> float | None:
    """Remaining scenarios at the pace so far (wall clock, so parallel workers count as they should)."""
    if done <= 0 or total <= done:
        return None
    return elapsed / done * (total - done)


def _short(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


PROFILE_HINT = "; profile: "


def failure_line(message: str, width: int = 200) -> str:
    """A failure's first line within ``width``; what it says of the profile (the key to check, at its end) is
    kept whole and the description before it cut instead: the hint is what a vendor acts on."""
    first = message.strip().splitlines()[0] if message.strip() else ""
    head, sep, hint = first.partition(PROFILE_HINT)
    if not sep or len(first) <= width:
        return _short(first, width)
    hint = _short(hint, width // 2)
    return _short(head, width - len(sep) - len(hint)) + sep + hint


class Progress:
    def __init__(self, config: pytest.Config) -> None:
        self.config = config
        self.total = 0
        self.done = 0
        self.started = time.monotonic()
        self.printed: set[str] = set()

    def _collector(self):
        return self.config.pluginmanager.get_plugin("inspira-report-collector")

    def _write(self, line: str) -> None:
        reporter = self.config.pluginmanager.get_plugin("terminalreporter")
        if reporter is not None:
            reporter.write_line(line)

    # How many scenarios the run will show: counted where the collection happens.
    def pytest_collection_finish(self, session: pytest.Session) -> None:
        if not hasattr(self.config, "workerinput"):
            self.total = len(session.items)

    @pytest.hookimpl(optionalhook=True)
    def pytest_xdist_node_collection_finished(self, node, ids: list[str]) -> None:
        self.total = max(self.total, len(ids))

    @pytest.hookimpl(tryfirst=True)
    def pytest_report_teststatus(self, report: pytest.TestReport, config: pytest.Config):
        """No dot per phase for scenarios: their line says it. The category keeps pytest's tally right."""
        from harness.reporting import RESULT_PROPERTY

        if not any(name == RESULT_PROPERTY for name, _ in getattr(report, "user_properties", [])):
            return None
        if report.outcome == "rerun":
            return "rerun", "", ""
        if report.when != "call":
            if report.failed:
                return "error", "", ""
            return ("skipped", "", "") if report.skipped else ("", "", "")
        return report.outcome, "", ""

    @pytest.hookimpl(trylast=True)  # after the collector has taken the report in
    def pytest_runtest_logreport(self, report: pytest.TestReport) -> None:
        if hasattr(self.config, "workerinput") or report.when != "teardown" or report.nodeid in self.printed:
            return
        collector = self._collector()
        result = collector.results.get(report.nodeid) if collector is not None else None
        if result is None or result.outcome is None:
            return
        self.printed.add(report.nodeid)
        self.done += 1
        self._write(self.line(result))

    def line(self, result) -> str:
        from harness.gherkin_source import scenario_sources

        source = scenario_sources().get((result.feature, result.name))
        name = source.name if source else result.name
        total = max(self.total, self.done)
        left = time_left(time.monotonic() - self.started, self.done, total)
        count = f"[{self.done:>{len(str(total))}}/{total}" + (f", about {human_duration(left)} left]" if left else "]")
        text = (f"{count} {_SHOWN[result.outcome]} {result.duration_s:.1f} s  "
                f"{Path(result.feature).stem} › {name}")
        if result.outcome in (Outcome.FAILED, Outcome.ERROR, Outcome.FLAKY):
            text += "  (" + (", ".join(result.requirement_ids) or "no requirement") + ")"
        if result.outcome in (Outcome.FAILED, Outcome.ERROR) and result.message:
            text += "\n    " + failure_line(result.message)
        return text


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.getgroup("inspira-conformance").addoption(
        "--progress", action="store_true", default=False,
        help="print each scenario's outcome and duration as it ends, with a count and the time left",
    )


def pytest_configure(config: pytest.Config) -> None:
    if config.getoption("progress") and not hasattr(config, "workerinput"):
        config.pluginmanager.register(Progress(config), "inspira-progress")
