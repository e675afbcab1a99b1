"""Collects what every scenario did and writes the run's report when the session ends.

Results travel in each test report's ``user_properties`` so they survive pytest-xdist (workers send
reports to the controller, which writes the report).
"""

from __future__ import annotations

import json
import os
import time
from collections.abc import Generator
from datetime import UTC, datetime
from pathlib import Path

import pytest

from harness import masking
from harness.expectations import check_expectations
from harness.preflight import RunAborted
from harness.report import ScenarioResult, build_report, mark_run_error, new_run_id, write_run
from harness.verdicts import Outcome, outcome_of_skip

RESULT_PROPERTY = "inspira_scenario"
RUN_INFO_OUTPUT = "inspira_run_info"
# pytest-xdist: a worker hands the secrets it learnt to the controller in memory (never in a file), so the
# controller's last sweep over the run folder masks them too.
SECRETS_OUTPUT = "inspira_secrets"
STEPS_KEY = pytest.StashKey[list]()
LABELS_KEY = pytest.StashKey[list]()
# The server probes a scenario made (steps/probes.py): what each sent, the answer, what the page showed.
PROBES_KEY = pytest.StashKey[list]()
# The pages a scenario was the first of its worker to check with axe (harness/accessibility_scan.py).
A11Y_KEY = pytest.StashKey[list]()
# The page patterns a scenario's browser loaded, checked or not (harness/accessibility_scan.py).
A11Y_VISITED_KEY = pytest.StashKey[list]()


def scenario_of(item: pytest.Item) -> dict | None:
    """The scenario a test item runs (name, feature file, every tag it inherits), or None.

    pytest-bdd keeps the scenario of each generated test function in this registry (its own
    ``generation`` module reads it the same way); the version is pinned in pyproject.toml.
    """
    from pytest_bdd.scenario import scenario_wrapper_template_registry

    template = scenario_wrapper_template_registry.get(getattr(item, "obj", None)) if hasattr(item, "obj") else None
    if template is None:
        return None
    rule_tags = template.rule.tags if template.rule is not None else set()
    name = template.name
    example = getattr(getattr(item, "callspec", None), "params", {}).get("_pytest_bdd_example")
    if example:
        name += " [" + ", ".join(f"{key}: {value}" for key, value in example.items()) + "]"
    return {
        "name": name,
        "feature": Path(template.feature.filename).name,
        "tags": sorted(template.tags | template.feature.tags | rule_tags),
    }


def classify_failure(excinfo: pytest.ExceptionInfo) -> Outcome:
    """A broken rule is a failure; a broken harness or unreachable infrastructure is an error."""
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    failure_types: tuple[type[BaseException], ...] = (
        AssertionError,
        PlaywrightTimeout,
        pytest.fail.Exception,
    )
    return Outcome.FAILED if excinfo.errisinstance(failure_types) else Outcome.ERROR


class ReportCollector:
    def __init__(self, config: pytest.Config) -> None:
        self.config = config
        self.results: dict[str, ScenarioResult] = {}
        self.deselected = 0
        self.run_error: str | None = None  # why the run stopped before it could check anything more
        self.started = datetime.now(UTC)
        self.t0 = time.monotonic()

    # -- on the process that runs the scenario (worker or single process) --
    @pytest.hookimpl(tryfirst=True)
    def pytest_bdd_before_step(self, request, feature, scenario, step, step_func) -> None:
        request.node.stash.setdefault(STEPS_KEY, []).append(
            {"keyword": step.keyword.strip(), "text": step.name, "status": "running", "t0": time.monotonic()}
        )

    def _finish_step(self, request, status: str, error: str | None = None) -> None:
        steps = request.node.stash.get(STEPS_KEY, [])
        if steps and steps[-1]["status"] == "running":
            step = steps[-1]
            step["status"] = status
            step["duration_s"] = round(time.monotonic() - step.pop("t0"), 3)
            if error:
                step["error"] = error

    def pytest_bdd_after_step(self, request, feature, scenario, step, step_func, step_func_args) -> None:
        masking.register(*masking.secrets_in(step_func_args))
        self._finish_step(request, "passed")
        if self.config.getoption("evidence") == "all":
            self._step_screenshot(request)

    def _step_screenshot(self, request) -> None:
        """With ``--evidence all``: a screenshot after every step, next to the run's other evidence."""
        report_dir, run_id = self.config.getoption("report_dir"), self.config.getoption("run_id")
        steps = request.node.stash.get(STEPS_KEY, [])
        if not (report_dir and run_id and steps and "page" in request.fixturenames):
            return
        from slugify import slugify

        folder = Path(report_dir) / run_id / "evidence" / "steps" / slugify(request.node.nodeid)[:120]
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / f"{len(steps):02d}.png"
        try:
            request.getfixturevalue("page").screenshot(path=str(path))
        except Exception:  # a page that is closing has nothing to show; the step's own status stands
            return
        steps[-1]["screenshot"] = str(path.relative_to(Path(report_dir) / run_id))

    def pytest_bdd_step_error(
        self, request, feature, scenario, step, step_func, step_func_args, exception
    ) -> None:
        masking.register(*masking.secrets_in(step_func_args))
        self._finish_step(request, "failed", f"{type(exception).__name__}: {exception}".splitlines()[0][:500])

    @pytest.hookimpl(hookwrapper=True)
    def pytest_runtest_makereport(self, item: pytest.Item, call: pytest.CallInfo) -> Generator:
        outcome = yield
        report: pytest.TestReport = outcome.get_result()
        scenario = scenario_of(item)
        if scenario is None:
            return
        aborted = call.excinfo.value if call.excinfo is not None and call.excinfo.errisinstance(RunAborted) else None
        if aborted is not None:
            # The one line says it all; the run stops here (and its report says ERROR) rather than fail
            # the same way in every scenario.
            report.longrepr = str(aborted)
            item.session.shouldstop = str(aborted)
        _mask_report(report)
        phase_outcome = None
        if report.skipped:
            reason = call.excinfo.value.msg if call.excinfo and hasattr(call.excinfo.value, "msg") else ""
            phase_outcome = outcome_of_skip(str(reason))
        elif report.failed and call.excinfo is not None:
            phase_outcome = classify_failure(call.excinfo) if report.when == "call" else Outcome.ERROR
        message = None
        if call.excinfo is not None and not report.skipped:
            message = f"{call.excinfo.typename}: {call.excinfo.value}".strip()[:2000]
        elif report.skipped and call.excinfo is not None:
            message = str(getattr(call.excinfo.value, "msg", ""))
        url = None
        if report.failed and report.when == "call":
            page = item.funcargs.get("page") if hasattr(item, "funcargs") else None
            try:
                url = page.url if page is not None else None
            except Exception:  # a crashed page has no URL to give
                url = None
        steps = [{k: v for k, v in s.items() if k != "t0"} for s in item.stash.get(STEPS_KEY, [])]
        report.user_properties.append(
            (
                RESULT_PROPERTY,
                masking.mask_value({
                    "when": report.when,
                    "outcome": phase_outcome.value if phase_outcome else None,
                    "message": message,
                    **scenario,
                    "steps": steps,
                    "url": url,
                    "labels": item.stash.get(LABELS_KEY, []),
                    "probes": item.stash.get(PROBES_KEY, []),
                    "accessibility": item.stash.get(A11Y_KEY, []),
                    "pages_visited": item.stash.get(A11Y_VISITED_KEY, []),
                    **({"aborts_run": str(aborted)} if aborted is not None else {}),
                }),
            )
        )

    # -- on the controller --
    def pytest_deselected(self, items: list[pytest.Item]) -> None:
        self.deselected += len(items)

    def pytest_runtest_logreport(self, report: pytest.TestReport) -> None:
        if report.when == "teardown":  # pytest-playwright has now moved the scenario's trace and screenshots
            for name, path in report.user_properties:
                if name.startswith("playwright_"):
                    masking.mask_file(self.config.invocation_params.dir / path)
        data = dict(report.user_properties).get(RESULT_PROPERTY)
        if data is None:
            return
        if data.get("aborts_run"):
            self.run_error = self.run_error or data["aborts_run"]
        result = self.results.get(report.nodeid)
        if result is None:
            result = self.results[report.nodeid] = ScenarioResult(
                nodeid=report.nodeid, name=data["name"], feature=data["feature"], tags=data["tags"]
            )
        result.duration_s += report.duration
        if report.outcome == "rerun":  # pytest-rerunfailures: this attempt failed, another follows
            result.attempts.append({"outcome": data["outcome"] or "failed", "message": data["message"]})
            result.outcome, result.message, result.steps = None, None, []
            return
        if data["steps"]:
            result.steps = data["steps"]
        if data.get("labels"):
            result.labels = data["labels"]
        if data.get("probes"):
            result.probes = data["probes"]
        known_pages = {entry["page"] for entry in result.accessibility}
        result.accessibility += [e for e in data.get("accessibility", []) if e["page"] not in known_pages]
        result.pages_visited += [p for p in data.get("pages_visited", []) if p not in result.pages_visited]
        if data["outcome"] and result.outcome in (None, Outcome.PASSED):
            result.outcome = Outcome(data["outcome"])
            result.message = data["message"]
            result.url = data.get("url") or result.url
        elif report.when == "call" and report.passed and result.outcome is None:
            result.outcome = Outcome.FLAKY if result.attempts else Outcome.PASSED
            if result.attempts:
                result.message = "passed on attempt {} after: {}".format(
                    len(result.attempts) + 1, result.attempts[0]["message"]
                )

    @pytest.hookimpl(optionalhook=True)
    def pytest_testnodedown(self, node, error) -> None:
        """pytest-xdist: take what a worker learnt of the run (portal, browser) into the report."""
        from harness.pytest_plugin import RUN_INFO_KEY

        masking.register(*json.loads(getattr(node, "workeroutput", {}).get(SECRETS_OUTPUT, "[]")))
        worker_info = json.loads(getattr(node, "workeroutput", {}).get(RUN_INFO_OUTPUT, "{}"))
        run_info = self.config.stash[RUN_INFO_KEY]
        for key, value in worker_info.items():
            run_info.setdefault(key, value)
        if worker_info.get("portal_url"):
            run_info.setdefault("portal_urls", []).append(worker_info["portal_url"])

    @pytest.hookimpl(trylast=True)
    def pytest_sessionfinish(self, session: pytest.Session, exitstatus: int) -> None:
        from harness.pytest_plugin import CATALOGUE_KEY, EXPECTATIONS_KEY, RUN_INFO_KEY

        if hasattr(self.config, "workerinput"):
            self.config.workeroutput[RUN_INFO_OUTPUT] = json.dumps(self.config.stash[RUN_INFO_KEY])
            self.config.workeroutput[SECRETS_OUTPUT] = json.dumps(sorted(masking.known_secrets()))
            return
        report_dir = self.config.getoption("report_dir")
        if not report_dir:
            return

        option = self.config.option
        by_shard = self.config.stash[RUN_INFO_KEY].get("shard_deselected", 0)
        # With workers, the workers deselect and this controller only learns their count: more deselected than
        # the shard or phase explains means the user chose a subset, fewer (none seen here) does not.
        selected_subset = self.deselected > by_shard or bool(option.keyword or option.markexpr)
        split = "shard" in self.config.stash[RUN_INFO_KEY] or "phase" in self.config.stash[RUN_INFO_KEY]
        scope = "partial" if selected_subset else ("shard" if split else "full")
        run_info = {
            **self.config.stash[RUN_INFO_KEY],
            "run_id": self.config.getoption("run_id") or new_run_id(),
            "started": self.started.isoformat(timespec="seconds"),
            "duration_s": round(time.monotonic() - self.t0, 3),
            "status": "interrupted" if exitstatus == pytest.ExitCode.INTERRUPTED else "finished",
            "pytest_exit_status": int(exitstatus),
        }
        report = build_report(
            list(self.results.values()), self.config.stash[CATALOGUE_KEY], run_info, scope
        )
        expectations = self.config.stash.get(EXPECTATIONS_KEY, None)
        if self.run_error:
            mark_run_error(report, self.run_error)
        elif expectations is not None:
            # The verdict stays what it is; the exit code then says whether the run met the expectations.
            report["expectations"] = check_expectations(report, expectations)
            report["exit_code"] = 0 if report["expectations"]["met"] else 1
        guide = self.config.getoption("guide")
        guide_path = Path(guide) if guide else None
        write_run(Path(report_dir), run_info["run_id"], report, guide=guide_path)


def _mask_report(report: pytest.TestReport) -> None:
    """What pytest prints and writes of a failure (terminal, junit.xml, cucumber.json) without secrets."""
    if not masking.known_secrets():
        return
    if report.longrepr is not None:
        text = str(report.longrepr)
        masked = masking.mask_text(text)
        if masked != text:
            report.longrepr = masked
    report.sections = [(title, masking.mask_text(content)) for title, content in report.sections]


def register_run_secrets(config: pytest.Config) -> None:
    """The secrets every process of the run knows from the start: the control token (option or
    environment), the profile's passwords, and credentials written into the base URL."""
    from harness.profile import default_profile_path

    masking.register(config.getoption("control_token", None), os.environ.get("INSPIRA_CONTROL_TOKEN"))
    masking.register(*masking.profile_secrets(config.getoption("portal_profile", None) or default_profile_path()))
    masking.register(*masking.url_secrets(config.getoption("base_url", None)))


def pytest_configure(config: pytest.Config) -> None:
    register_run_secrets(config)
    config.pluginmanager.register(ReportCollector(config), "inspira-report-collector")
