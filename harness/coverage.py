"""Requirement coverage, computed from the features and the catalogue, never kept by hand.

Fails when a requirement has no scenario, a scenario names a requirement the catalogue lacks, or a MUST
rests on this project's reading rather than on the guide (basis ``reading``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from gherkin.parser import Parser
from gherkin.token_scanner import TokenScanner

from harness.paths import FEATURES_DIR
from harness.requirements import Requirement, load_catalogue

# How the features word a server probe (steps/probes.py): a step that sends the portal a request the page did
# not offer for it says so, in these words. tests/harness/test_coverage.py holds every probing step to them.
SERVER_PROBE_WORDING = re.compile(r"renvoie au portail|force l'envoi|demand(?:e|ée) au portail")


@dataclass(frozen=True)
class ScenarioTags:
    feature: str
    name: str
    line: int
    tags: frozenset[str]
    steps: tuple[str, ...] = ()

    @property
    def probes_the_server(self) -> bool:
        return any(SERVER_PROBE_WORDING.search(step) for step in self.steps)


def _names(tags: list[dict]) -> set[str]:
    return {t["name"].lstrip("@") for t in tags}


def _scenarios_in(children: list[dict], inherited: set[str], feature: str, background: tuple[str, ...] = ()):
    for child in children:
        if "background" in child:
            background = background + tuple(step["text"] for step in child["background"]["steps"])
        elif "rule" in child:
            rule = child["rule"]
            yield from _scenarios_in(rule["children"], inherited | _names(rule.get("tags", [])), feature, background)
        elif "scenario" in child:
            scenario = child["scenario"]
            tags = inherited | _names(scenario["tags"])
            for examples in scenario.get("examples", []):
                tags |= _names(examples.get("tags", []))
            steps = background + tuple(step["text"] for step in scenario["steps"])
            yield ScenarioTags(feature, scenario["name"], scenario["location"]["line"], frozenset(tags), steps)


def scan_features(features_dir: Path = FEATURES_DIR) -> list[ScenarioTags]:
    found: list[ScenarioTags] = []
    for path in sorted(features_dir.rglob("*.feature")):
        document = Parser().parse(TokenScanner(path.read_text(encoding="utf-8")))
        feature = document.get("feature")
        if feature:
            found += _scenarios_in(feature["children"], _names(feature["tags"]), path.name)
    return found


def compute_coverage(
    catalogue: dict[str, Requirement] | None = None, features_dir: Path = FEATURES_DIR
) -> dict:
    catalogue = catalogue if catalogue is not None else load_catalogue()
    scenarios = scan_features(features_dir)
    by_requirement: dict[str, list[str]] = {rid: [] for rid in catalogue}
    probed: dict[str, list[str]] = {rid: [] for rid in catalogue}
    unknown: dict[str, list[str]] = {}
    for scenario in scenarios:
        label = f"{scenario.feature}:{scenario.line} {scenario.name}"
        for tag in sorted(t for t in scenario.tags if t.startswith("REQ-")):
            (by_requirement[tag] if tag in by_requirement else unknown.setdefault(tag, [])).append(label)
            if scenario.probes_the_server and tag in probed:
                probed[tag].append(label)
    return {
        "requirements": [
            {
                "id": r.id,
                "location": r.location,
                "level": r.level,
                "basis": r.basis,
                "statement": r.statement,
                "scenarios": by_requirement[r.id],
                # Some scenario sends the portal a request its page withheld and checks nothing changed.
                "proven_on_server": bool(probed[r.id]),
                "server_probes": probed[r.id],
            }
            for r in catalogue.values()
        ],
        "unknown_tags": [{"tag": tag, "scenarios": where} for tag, where in sorted(unknown.items())],
    }


def coverage_problems(coverage: dict) -> list[str]:
    problems = [f"{r['id']} ({r['location']}) has no scenario" for r in coverage["requirements"] if not r["scenarios"]]
    problems += [
        f"{u['tag']} names no requirement (used by {', '.join(u['scenarios'])})" for u in coverage["unknown_tags"]
    ]
    on_a_reading = [r["id"] for r in coverage["requirements"] if r["level"] == "MUST" and r["basis"] == "reading"]
    if on_a_reading:
        problems.append(
            f"MUST on a reading, not on the guide: {', '.join(on_a_reading)} (make each SHOULD, or let the "
            "profile declare the portal's choice and check that)"
        )
    return problems
