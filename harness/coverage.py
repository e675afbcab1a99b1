"""Requirement coverage, computed from the features and the catalogue, never kept by hand.

Fails when a requirement has no scenario, a scenario names a requirement the catalogue lacks, or a MUST
rests on this project's reading rather than on the guide (basis ``reading``). Each requirement also names
the step functions its scenarios use, the page-object methods those call and the portal functions that
implement it (harness/coverage_map.py).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from gherkin.parser import Parser
from gherkin.token_scanner import TokenScanner

from harness.coverage_map import PORTAL_DIR, scan_implementations, scan_steps
from harness.paths import FEATURES_DIR, STEPS_DIR
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
    # (given/when/then, text) of every step, an outline's placeholders filled from each row of its examples.
    bound_steps: tuple[tuple[str, str], ...] = ()

    @property
    def probes_the_server(self) -> bool:
        return any(SERVER_PROBE_WORDING.search(step) for step in self.steps)


def _names(tags: list[dict]) -> set[str]:
    return {t["name"].lstrip("@") for t in tags}


_KIND = {"Context": "given", "Action": "when", "Outcome": "then"}


def _kinds(steps: list[dict]) -> list[tuple[str, str]]:
    """Each step's kind as pytest-bdd reads it (« Et », « Mais » take the kind of the step before)."""
    kinds, kind = [], "given"
    for step in steps:
        kind = _KIND.get(step.get("keywordType", ""), kind)
        kinds.append((kind, step["text"]))
    return kinds


def _filled(steps: list[tuple[str, str]], scenario: dict) -> tuple[tuple[str, str], ...]:
    rows = [
        {h["value"]: c["value"] for h, c in zip(examples["tableHeader"]["cells"], row["cells"], strict=True)}
        for examples in scenario.get("examples", []) if examples.get("tableHeader")
        for row in examples.get("tableBody", [])
    ]
    if not rows:
        return tuple(steps)
    filled: dict[tuple[str, str], None] = {}
    for row in rows:
        for kind, text in steps:
            for name, value in row.items():
                text = text.replace(f"<{name}>", value)
            filled[(kind, text)] = None
    return tuple(filled)


def _scenarios_in(children: list[dict], inherited: set[str], feature: str, background: tuple = ()):
    for child in children:
        if "background" in child:
            background = background + tuple(child["background"]["steps"])
        elif "rule" in child:
            rule = child["rule"]
            yield from _scenarios_in(rule["children"], inherited | _names(rule.get("tags", [])), feature, background)
        elif "scenario" in child:
            scenario = child["scenario"]
            tags = inherited | _names(scenario["tags"])
            for examples in scenario.get("examples", []):
                tags |= _names(examples.get("tags", []))
            every = [*background, *scenario["steps"]]
            steps = tuple(step["text"] for step in every)
            bound = _filled(_kinds(every), scenario)
            yield ScenarioTags(feature, scenario["name"], scenario["location"]["line"], frozenset(tags), steps, bound)


def scan_features(features_dir: Path = FEATURES_DIR) -> list[ScenarioTags]:
    found: list[ScenarioTags] = []
    for path in sorted(features_dir.rglob("*.feature")):
        document = Parser().parse(TokenScanner(path.read_text(encoding="utf-8")))
        feature = document.get("feature")
        if feature:
            found += _scenarios_in(feature["children"], _names(feature["tags"]), path.name)
    return found


def compute_coverage(
    catalogue: dict[str, Requirement] | None = None,
    features_dir: Path = FEATURES_DIR,
    steps_dir: Path = STEPS_DIR,
    portal_dir: Path = PORTAL_DIR,
) -> dict:
    catalogue = catalogue if catalogue is not None else load_catalogue()
    scenarios = scan_features(features_dir)
    step_catalogue = scan_steps(steps_dir)
    implemented = scan_implementations(portal_dir)
    by_requirement: dict[str, list[str]] = {rid: [] for rid in catalogue}
    probed: dict[str, list[str]] = {rid: [] for rid in catalogue}
    step_functions: dict[str, set[str]] = {rid: set() for rid in catalogue}
    unknown: dict[str, list[str]] = {}
    unbound: dict[str, list[str]] = {}
    for scenario in scenarios:
        label = f"{scenario.feature}:{scenario.line} {scenario.name}"
        functions: set[str] = set()
        for kind, text in scenario.bound_steps:
            matched = step_catalogue.match(kind, text)
            functions.update(matched)
            if not matched:
                unbound.setdefault(text, []).append(label)
        for tag in sorted(t for t in scenario.tags if t.startswith("REQ-")):
            (by_requirement[tag] if tag in by_requirement else unknown.setdefault(tag, [])).append(label)
            if scenario.probes_the_server and tag in probed:
                probed[tag].append(label)
            if tag in step_functions:
                step_functions[tag] |= functions
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
                # What checks it and what implements it, read from the sources (harness/coverage_map.py).
                "step_functions": sorted(step_functions[r.id]),
                "page_methods": sorted(
                    set().union(*(step_catalogue.page_methods(f) for f in step_functions[r.id]))
                ),
                "portal_functions": implemented.get(r.id, []),
            }
            for r in catalogue.values()
        ],
        "unknown_tags": [{"tag": tag, "scenarios": where} for tag, where in sorted(unknown.items())],
        # Feature steps no step definition matches (pytest-bdd would fail them at run time).
        "unbound_steps": [{"step": text, "scenarios": where} for text, where in sorted(unbound.items())],
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
