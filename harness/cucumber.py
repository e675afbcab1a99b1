"""cucumber.json (the Cucumber JSON report most Cucumber dashboards read), written from the report.

pytest-bdd's own writer sees only the scenarios that ran in its process, so it wrote ``[]`` for a run
with workers and nothing for a merge; built from the report, the file holds every scenario of the run.
"""

from __future__ import annotations

import json
from pathlib import Path

from harness.gherkin_source import ScenarioSource, scenario_sources

# Our outcomes in Cucumber's step statuses (passed, failed, skipped, pending, undefined).
_STEP_STATUS = {"passed": "passed", "failed": "failed", "running": "failed"}


def _tags(tags: tuple[tuple[str, int], ...]) -> list[dict]:
    return [{"name": "@" + name, "line": line} for name, line in tags]


def _steps(scenario: dict, source: ScenarioSource) -> list[dict]:
    ran = scenario.get("steps", [])
    steps = []
    for index, step in enumerate(source.steps):
        record = ran[index] if index < len(ran) else None
        result: dict = {"status": _STEP_STATUS.get(record["status"], "skipped") if record else "skipped"}
        if record and "duration_s" in record:
            result["duration"] = int(record["duration_s"] * 1e9)  # nanoseconds
        if record and record.get("error"):
            result["error_message"] = record["error"]
        steps.append({"keyword": step.keyword + " ", "name": step.text, "line": step.line,
                      "match": {"location": ""}, "result": result})
    if scenario["outcome"] in ("failed", "error") and not any(s["result"]["status"] == "failed" for s in steps):
        # Failed outside a step (a fixture, the set-up): the first step not run carries the message.
        target = next((s for s in steps if s["result"]["status"] == "skipped"), steps[-1] if steps else None)
        if target is not None:
            target["result"] = {"status": "failed", "error_message": scenario.get("message") or scenario["outcome"]}
    if scenario.get("warnings") and steps:
        # Accessibility violations: the step output Cucumber's reports show under the scenario's last step.
        steps[-1]["output"] = ["WARNING " + warning for warning in scenario["warnings"]]
    return steps


def build_cucumber(report: dict) -> list[dict]:
    sources = scenario_sources()
    features: dict[str, dict] = {}
    for scenario in report["scenarios"]:
        source = sources.get((scenario["feature"], scenario["name"]))
        if source is None:
            continue
        feature = features.get(source.feature.uri)
        if feature is None:
            feature = features[source.feature.uri] = {
                "keyword": source.feature.keyword, "uri": source.feature.uri, "name": source.feature.name,
                "id": source.feature.uri, "line": source.feature.line, "description": source.feature.description,
                "tags": _tags(source.feature.tags), "elements": [],
            }
        feature["elements"].append({
            "keyword": source.keyword, "id": scenario["nodeid"], "name": source.name, "line": source.line,
            "description": "", "type": "scenario", "tags": _tags(source.tags), "steps": _steps(scenario, source),
        })
    return list(features.values())


def write_cucumber(report: dict, run_dir: Path) -> Path:
    path = run_dir / "cucumber.json"
    path.write_text(json.dumps(build_cucumber(report), ensure_ascii=False, indent=2), encoding="utf-8")
    return path
