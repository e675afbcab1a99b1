"""Cucumber Messages (``messages.ndjson``): the run in the protocol every Cucumber tool reads.

pytest-bdd writes no messages; this builds them from the features (parsed and compiled to pickles by the
official ``gherkin`` parser that pytest-bdd already uses) and the run's scenario results.
"""

from __future__ import annotations

import json
import platform
from datetime import datetime
from pathlib import Path

from gherkin.ast_builder import AstBuilder
from gherkin.parser import Parser
from gherkin.pickles.compiler import Compiler
from gherkin.stream.id_generator import IdGenerator
from gherkin.token_scanner import TokenScanner

from harness.paths import FEATURES_DIR, PROJECT_ROOT

PROTOCOL_VERSION = "27.0.0"
_STATUS = {"passed": "PASSED", "failed": "FAILED"}


def _timestamp(seconds: float) -> dict:
    whole = int(seconds)
    return {"seconds": whole, "nanos": int(round((seconds - whole) * 1e9)) % 1_000_000_000}


def _duration(seconds: float) -> dict:
    return _timestamp(max(seconds, 0.0))


def _example_label(document: dict, pickle: dict) -> str:
    """The " [key: value, …]" our reports append to an outline's name, for the pickle's example row."""
    if len(pickle["astNodeIds"]) < 2:
        return ""
    row_id = pickle["astNodeIds"][1]
    for child in document["feature"]["children"]:
        scenario = child.get("scenario")
        for examples in (scenario or {}).get("examples", []):
            for row in examples.get("tableBody", []):
                if row["id"] == row_id:
                    header = [cell["value"] for cell in examples["tableHeader"]["cells"]]
                    values = [cell["value"] for cell in row["cells"]]
                    return " [" + ", ".join(f"{k}: {v}" for k, v in zip(header, values, strict=True)) + "]"
    return ""


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
        uri = str(path.relative_to(PROJECT_ROOT)) if path.is_relative_to(PROJECT_ROOT) else path.name
        data = path.read_text(encoding="utf-8")
        envelopes.append({"source": {"uri": uri, "data": data, "mediaType": "text/x.cucumber.gherkin+plain"}})
        document = Parser(AstBuilder(ids)).parse(TokenScanner(data))
        document["uri"] = uri
        envelopes.append({"gherkinDocument": document})
        for pickle in Compiler(ids).compile(document):
            envelopes.append({"pickle": pickle})
            pickles_by_key[(path.name, pickle["name"] + _example_label(document, pickle))] = pickle

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
