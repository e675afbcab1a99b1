"""Cucumber Messages (``messages.ndjson``): the run in the protocol every Cucumber tool reads.

pytest-bdd writes no messages; this builds them from the features (parsed and compiled to pickles by the
official ``gherkin`` parser that pytest-bdd already uses) and the run's scenario results.
"""

from __future__ import annotations

import json
import platform
from datetime import datetime
from pathlib import Path

from gherkin.stream.id_generator import IdGenerator

from harness.gherkin_source import parse_feature, report_name
from harness.paths import FEATURES_DIR

PROTOCOL_VERSION = "27.0.0"
_STATUS = {"passed": "PASSED", "failed": "FAILED"}


def _timestamp(seconds: float) -> dict:
    whole = int(seconds)
    return {"seconds": whole, "nanos": int(round((seconds - whole) * 1e9)) % 1_000_000_000}


def _duration(seconds: float) -> dict:
    return _timestamp(max(seconds, 0.0))


def build_messages(report: dict, features_dir: Path = FEATURES_DIR) -> list[dict]:
    ids = IdGenerator()
    started = datetime.fromisoformat(report["run"]["started"]).timestamp() if report["run"].get("started") else 0.0
    envelopes: list[dict] = [
        {
            "meta": {
                "protocolVersion": PROTOCOL_VERSION,
                "implementation": _product("inspira-conformance", report["run"].get("harness_version")),
                "runtime": {"name": "python", "version": platform.python_version()},
                "os": {"name": platform.system()},
                "cpu": {"name": platform.machine()},
            }
        }
    ]
    pickles_by_key: dict[tuple[str, str], dict] = {}
    for path in sorted(features_dir.rglob("*.feature")):
        uri, data, document, pickles = parse_feature(path, ids)
        envelopes.append({"source": {"uri": uri, "data": data, "mediaType": "text/x.cucumber.gherkin+plain"}})
        envelopes.append({"gherkinDocument": document})
        for pickle in pickles:
            envelopes.append({"pickle": pickle})
            # Keyed as the report names it: an outline's name as written, `<placeholders>` left in.
            pickles_by_key[(path.name, report_name(document, pickle))] = pickle

    run_started_id = ids.get_next_id()
    envelopes.append({"testRunStarted": {"timestamp": _timestamp(started), "id": run_started_id}})
    clock = started
    success = report.get("verdict") != "ERROR"  # a run that could not check the portal never succeeded
    for scenario in report["scenarios"]:
        pickle = pickles_by_key.get((scenario["feature"], scenario["name"]))
        if pickle is None:
            continue
        test_case_id, started_id = ids.get_next_id(), ids.get_next_id()
        steps = [{"id": ids.get_next_id(), "pickleStepId": s["id"], "stepDefinitionIds": [],
                  "stepMatchArgumentsLists": []} for s in pickle["steps"]]
        envelopes.append({"testCase": {"id": test_case_id, "pickleId": pickle["id"], "testSteps": steps,
                                       "testRunStartedId": run_started_id}})
        envelopes.append({"testCaseStarted": {"id": started_id, "testCaseId": test_case_id, "attempt": 0,
                                              "timestamp": _timestamp(clock)}})
        ran = scenario["steps"]
        for index, step in enumerate(steps):
            record = ran[index] if index < len(ran) else None
            status = _STATUS.get(record["status"], "UNKNOWN") if record else "SKIPPED"
            if record and record["status"] == "failed" and scenario["outcome"] == "error":
                status = "UNKNOWN"
            duration = (record or {}).get("duration_s", 0.0)
            envelopes.append({"testStepStarted": {"testCaseStartedId": started_id, "testStepId": step["id"],
                                                  "timestamp": _timestamp(clock)}})
            clock += duration
            result = {"status": status, "duration": _duration(duration)}
            if record and record.get("error"):
                result["message"] = record["error"]
            envelopes.append({"testStepFinished": {"testCaseStartedId": started_id, "testStepId": step["id"],
                                                   "testStepResult": result, "timestamp": _timestamp(clock)}})
        # Warnings (accessibility violations met, a profile locator used) as the protocol logs text: attachments
        # of the last step, the way Cucumber's own `log` writes them, so a Cucumber tool shows them.
        for warning in scenario.get("warnings", []):
            logged = {"body": "WARNING " + warning, "contentEncoding": "IDENTITY",
                      "mediaType": "text/x.cucumber.log+plain", "testCaseStartedId": started_id,
                      "timestamp": _timestamp(clock)}
            envelopes.append({"attachment": {**logged, **({"testStepId": steps[-1]["id"]} if steps else {})}})
        success = success and scenario["outcome"] in ("passed", "not_applicable", "flaky")
        envelopes.append({"testCaseFinished": {"testCaseStartedId": started_id, "timestamp": _timestamp(clock),
                                               "willBeRetried": False}})
    finished = {"success": success, "timestamp": _timestamp(clock), "testRunStartedId": run_started_id}
    if report.get("run", {}).get("error"):
        finished["message"] = report["run"]["error"]
    envelopes.append({"testRunFinished": finished})
    return envelopes


def write_messages(report: dict, run_dir: Path) -> Path:
    path = run_dir / "messages.ndjson"
    with path.open("w", encoding="utf-8") as handle:
        for envelope in build_messages(report):
            handle.write(json.dumps(envelope, ensure_ascii=False, separators=(",", ":")) + "\n")
    return path


def _product(name: str, version: str | None) -> dict:
    """A Product message: the version is optional in the protocol, but a string when present."""
    return {"name": name} if version is None else {"name": name, "version": version}
