"""junit.xml for CI dashboards, written from the report like every other file of a run.

One ``testsuite`` per feature, its name as classname; each scenario under its own readable name (an
outline's example with its values filled in), the requirement IDs as properties, the harness's outcome
as a property (so ``not_testable``, ``not_applicable`` and ``flaky`` are not lost in JUnit's four states).
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from pathlib import Path

from harness.gherkin_source import scenario_sources

# What XML 1.0 cannot hold (a browser's error may carry terminal colour codes): dropped.
_NOT_XML = re.compile(r"[^\x09\x0a\x0d\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
_FAILED, _ERROR, _SKIPPED = {"failed"}, {"error"}, {"not_testable", "not_applicable"}


def _xml(text: str) -> str:
    return _NOT_XML.sub("", text)


def _first_line(text: str | None) -> str:
    return _xml((text or "").strip().splitlines()[0][:500]) if (text or "").strip() else ""


def _steps_text(scenario: dict) -> str:
    lines = []
    for step in scenario.get("steps", []):
        duration = f" ({step['duration_s']} s)" if "duration_s" in step else ""
        lines.append(f"{step['status']:<8} {step['keyword']} {step['text']}{duration}")
        if step.get("error"):
            lines.append(f"         {step['error']}")
    return _xml("\n".join(lines))


def build_junit(report: dict) -> ET.Element:
    sources = scenario_sources()
    suites: dict[str, list[tuple[dict, object]]] = {}
    for scenario in report["scenarios"]:
        source = sources.get((scenario["feature"], scenario["name"]))
        suite = source.feature.name if source else scenario["feature"]
        suites.setdefault(suite, []).append((scenario, source))
    root = ET.Element("testsuites", name="inspira-conformance")
    totals = {"tests": 0, "failures": 0, "errors": 0, "skipped": 0}
    total_time = 0.0
    for suite_name, members in suites.items():
        counts = {
            "tests": len(members),
            "failures": sum(1 for s, _ in members if s["outcome"] in _FAILED),
            "errors": sum(1 for s, _ in members if s["outcome"] in _ERROR),
            "skipped": sum(1 for s, _ in members if s["outcome"] in _SKIPPED),
        }
        suite_time = sum(s["duration_s"] for s, _ in members)
        suite = ET.SubElement(root, "testsuite", name=suite_name, time=f"{suite_time:.3f}",
                              **{k: str(v) for k, v in counts.items()})
        if report["run"].get("started"):
            suite.set("timestamp", report["run"]["started"])
        for scenario, source in members:
            case = ET.SubElement(
                suite, "testcase", classname=suite_name, name=_xml(source.name if source else scenario["name"]),
                time=f"{scenario['duration_s']:.3f}",
            )
            if source is not None:
                case.set("file", source.feature.uri)
                case.set("line", str(source.line))
            properties = ET.SubElement(case, "properties")
            for rid in scenario["requirement_ids"]:
                ET.SubElement(properties, "property", name="requirement", value=rid)
            ET.SubElement(properties, "property", name="outcome", value=scenario["outcome"])
            # Accessibility violations met by this scenario: warnings, which JUnit has no state for.
            for warning in scenario.get("warnings", []):
                ET.SubElement(properties, "property", name="warning", value=_xml("WARNING " + warning[:500]))
            for key in ("screenshot", "trace", "video"):
                if (scenario.get("evidence") or {}).get(key):
                    ET.SubElement(properties, "property", name=key, value=scenario["evidence"][key])
            outcome, message = scenario["outcome"], scenario.get("message") or ""
            if outcome in _FAILED | _ERROR:
                tag = "failure" if outcome in _FAILED else "error"
                detail = ET.SubElement(case, tag, message=_first_line(message), type=outcome)
                detail.text = _xml(message) + ("\n\n" + _steps_text(scenario) if scenario.get("steps") else "")
            elif outcome in _SKIPPED:
                ET.SubElement(case, "skipped", message=_first_line(message) or outcome)
            out = ([message] if outcome == "flaky" and message else []) + [
                "WARNING " + w for w in scenario.get("warnings", [])]
            if out:
                ET.SubElement(case, "system-out").text = _xml("\n".join(out))
        for key, value in counts.items():
            totals[key] += value
        total_time += suite_time
    for key, value in totals.items():
        root.set(key, str(value))
    root.set("time", f"{total_time:.3f}")
    return root


def write_junit(report: dict, run_dir: Path) -> Path:
    path = run_dir / "junit.xml"
    tree = ET.ElementTree(build_junit(report))
    ET.indent(tree)
    tree.write(path, encoding="utf-8", xml_declaration=True)
    return path
