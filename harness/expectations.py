"""A vendor's known failures, kept out of the features: each with a reason and a link.

    [[expected_failure]]
    requirement = "REQ-SES-01"        # or: scenario = "the scenario's name"
    reason = "sessions last 30 minutes until release 4.2"
    link = "https://tracker.example/PORTAL-123"

A run that uses an expectations file passes only when the failures are exactly the expected ones: an
expected failure that passes, or an expectation that matches nothing, fails it, so the file cannot go
stale. The conformance verdict itself is never changed by expectations.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from harness.toml_files import read_toml

FAILING = {"failed", "error"}


class ExpectationsError(ValueError):
    """A malformed expectations file; the message names the file, the entry and what is expected."""


@dataclass(frozen=True)
class Expectation:
    reason: str
    link: str
    requirement: str | None = None
    scenario: str | None = None

    @property
    def target(self) -> str:
        return self.requirement or f"scenario « {self.scenario} »"


def load_expectations(path: Path | str) -> list[Expectation]:
    path = Path(path)
    data = read_toml(path, "expectations file", ExpectationsError)
    unknown = set(data) - {"expected_failure"}
    if unknown:
        raise ExpectationsError(f"{path}: unknown key(s) {', '.join(sorted(unknown))}; expected [[expected_failure]]")
    expectations = []
    for number, entry in enumerate(data.get("expected_failure", []), start=1):
        where = f"{path}: expected_failure #{number}"
        if not isinstance(entry, dict):
            raise ExpectationsError(f"{where}: expected a table")
        if ("requirement" in entry) == ("scenario" in entry):
            raise ExpectationsError(f"{where}: give exactly one of 'requirement' or 'scenario'")
        for key in ("reason", "link", *(k for k in ("requirement", "scenario") if k in entry)):
            if not isinstance(entry.get(key), str) or not entry[key].strip():
                raise ExpectationsError(f"{where}: key '{key}': expected a non-empty string")
        extra = set(entry) - {"requirement", "scenario", "reason", "link"}
        if extra:
            raise ExpectationsError(f"{where}: unknown key(s) {', '.join(sorted(extra))}")
        expectations.append(
            Expectation(entry["reason"], entry["link"], entry.get("requirement"), entry.get("scenario"))
        )
    return expectations


def check_expectations(report: dict, expectations: list[Expectation]) -> dict:
    """Compare a report with the expectations: what failed unexpectedly, what passed unexpectedly, what
    matched nothing. ``met`` is true only when all three are empty."""
    requirements = {r["id"]: r for r in report["requirements"]}
    failed_requirements = {rid for rid, r in requirements.items() if r["verdict"] in FAILING | {"warning"}}
    scenario_outcomes: dict[str, set[str]] = {}
    for scenario in report["scenarios"]:
        scenario_outcomes.setdefault(scenario["name"].split(" [")[0], set()).add(scenario["outcome"])
        scenario_outcomes.setdefault(scenario["name"], set()).add(scenario["outcome"])
    covered: set[str] = set()
    expected_scenarios: set[str] = set()
    unexpected_passes, unmatched, expected = [], [], []
    for expectation in expectations:
        if expectation.requirement:
            requirement = requirements.get(expectation.requirement)
            if requirement is None or requirement["verdict"] == "not_run":
                unmatched.append(expectation.target)
            elif expectation.requirement in failed_requirements:
                covered.add(expectation.requirement)
                expected.append({"target": expectation.target, "reason": expectation.reason, "link": expectation.link})
            else:
                unexpected_passes.append(expectation.target)
        else:
            outcomes = scenario_outcomes.get(expectation.scenario)
            if not outcomes:
                unmatched.append(expectation.target)
            elif outcomes & FAILING:
                expected.append({"target": expectation.target, "reason": expectation.reason, "link": expectation.link})
                expected_scenarios.add(expectation.scenario)
            else:
                unexpected_passes.append(expectation.target)
    # An expectation by scenario excuses that scenario's failure only: the requirement is covered when every one
    # of its failing scenarios is expected, so another scenario of the same rule failing still fails the run.
    for rid in failed_requirements - covered:
        failing = {s["name"] for s in report["scenarios"] if rid in s["requirement_ids"] and s["outcome"] in FAILING}
        if failing and all(name in expected_scenarios or name.split(" [")[0] in expected_scenarios for name in failing):
            covered.add(rid)
    unexpected_failures = sorted(failed_requirements - covered)
    return {
        "met": not (unexpected_failures or unexpected_passes or unmatched),
        "expected_failures": expected,
        "unexpected_failures": unexpected_failures,
        "unexpected_passes": unexpected_passes,
        "unmatched": unmatched,
    }
