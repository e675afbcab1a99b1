"""Where each scenario of a report comes from in the features: its feature, its lines, its steps' text.

The features are parsed and compiled to pickles by the official ``gherkin`` parser (the one pytest-bdd
uses). A report names a scenario as pytest-bdd does: the scenario's own name, as written (an outline's
``<placeholder>`` left in), followed for an outline's example by `` [column: value, …]``. That name and
the feature's file name find the pickle here, so every example of every outline has its source.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from gherkin.ast_builder import AstBuilder
from gherkin.parser import Parser
from gherkin.pickles.compiler import Compiler
from gherkin.stream.id_generator import IdGenerator
from gherkin.token_scanner import TokenScanner

from harness.paths import FEATURES_DIR, PROJECT_ROOT


@dataclass(frozen=True)
class FeatureSource:
    uri: str  # relative to the project
    name: str
    keyword: str
    line: int
    description: str
    tags: tuple[tuple[str, int], ...]  # (tag without "@", line)


@dataclass(frozen=True)
class StepSource:
    keyword: str
    text: str  # an outline's placeholders filled with the example's values
    line: int


@dataclass(frozen=True)
class ScenarioSource:
    feature: FeatureSource
    name: str  # readable: an outline's placeholders filled in; a bare outline name gets its example
    keyword: str
    line: int  # the scenario's line, or its example row's for an outline
    tags: tuple[tuple[str, int], ...]
    steps: tuple[StepSource, ...] = field(default=())


def example_label(document: dict, pickle: dict) -> str:
    """The `` [column: value, …]`` a report appends to an outline's name, for the pickle's example row."""
    row = _example_row(document, pickle)
    if row is None:
        return ""
    header, values = row
    return " [" + ", ".join(f"{k}: {v}" for k, v in zip(header, values, strict=True)) + "]"


def _example_row(document: dict, pickle: dict) -> tuple[list[str], list[str]] | None:
    if len(pickle["astNodeIds"]) < 2:
        return None
    row_id = pickle["astNodeIds"][1]
    for scenario in _scenarios(document):
        for examples in scenario.get("examples", []):
            for row in examples.get("tableBody", []):
                if row["id"] == row_id:
                    return ([c["value"] for c in examples["tableHeader"]["cells"]], [c["value"] for c in row["cells"]])
    return None


def _scenarios(document: dict) -> list[dict]:
    """Every scenario of a feature, those inside a « Règle » (Rule) included."""
    found = []
    for child in document["feature"]["children"]:
        if "scenario" in child:
            found.append(child["scenario"])
        elif "rule" in child:
            found.extend(c["scenario"] for c in child["rule"]["children"] if "scenario" in c)
    return found


def _nodes(document: dict) -> dict[str, dict]:
    """AST nodes by id: scenarios, steps (the background's too) and example rows."""
    nodes: dict[str, dict] = {}

    def steps_of(container: dict) -> None:
        for step in container.get("steps", []):
            nodes[step["id"]] = step

    for child in document["feature"]["children"]:
        for part in ("background",):
            if part in child:
                steps_of(child[part])
        if "rule" in child:
            for sub in child["rule"]["children"]:
                if "background" in sub:
                    steps_of(sub["background"])
    for scenario in _scenarios(document):
        nodes[scenario["id"]] = scenario
        steps_of(scenario)
        for examples in scenario.get("examples", []):
            for row in examples.get("tableBody", []):
                nodes[row["id"]] = row
    return nodes


def parse_feature(path: Path, ids: IdGenerator) -> tuple[str, str, dict, list[dict]]:
    """(uri, text, gherkin document, pickles) of one feature file."""
    uri = str(path.relative_to(PROJECT_ROOT)) if path.is_relative_to(PROJECT_ROOT) else path.name
    data = path.read_text(encoding="utf-8")
    document = Parser(AstBuilder(ids)).parse(TokenScanner(data))
    document["uri"] = uri
    return uri, data, document, Compiler(ids).compile(document)


def report_name(document: dict, pickle: dict) -> str:
    """The name a report gives the scenario a pickle runs (see the module's docstring)."""
    scenario = _nodes(document)[pickle["astNodeIds"][0]]
    return scenario["name"] + example_label(document, pickle)


@lru_cache(maxsize=4)
def scenario_sources(features_dir: Path = FEATURES_DIR) -> dict[tuple[str, str], ScenarioSource]:
    """Every scenario of the features by (feature file name, report name)."""
    sources: dict[tuple[str, str], ScenarioSource] = {}
    for path in sorted(features_dir.rglob("*.feature")):
        uri, _, document, pickles = parse_feature(path, IdGenerator())
        ast = document["feature"]
        feature = FeatureSource(
            uri=uri, name=ast["name"], keyword=ast["keyword"], line=ast["location"]["line"],
            description=(ast.get("description") or "").strip(),
            tags=tuple((t["name"].lstrip("@"), t["location"]["line"]) for t in ast["tags"]),
        )
        nodes = _nodes(document)
        for pickle in pickles:
            scenario = nodes[pickle["astNodeIds"][0]]
            label = example_label(document, pickle)
            row = nodes.get(pickle["astNodeIds"][1]) if len(pickle["astNodeIds"]) > 1 else None
            # An outline whose name holds no placeholder reads the same for every example: name the example.
            readable = pickle["name"] + (label if pickle["name"] == scenario["name"] else "")
            steps = tuple(
                StepSource(nodes[s["astNodeIds"][0]]["keyword"].strip(), s["text"],
                           nodes[s["astNodeIds"][0]]["location"]["line"])
                for s in pickle["steps"]
            )
            sources[(path.name, scenario["name"] + label)] = ScenarioSource(
                feature=feature, name=readable, keyword=scenario["keyword"],
                line=(row or scenario)["location"]["line"],
                tags=tuple((t["name"].lstrip("@"), _tag_line(document, t)) for t in pickle["tags"]),
                steps=steps,
            )
    return sources


def _tag_line(document: dict, tag: dict) -> int:
    for node in _all_tags(document):
        if node["id"] == tag["astNodeId"]:
            return node["location"]["line"]
    return 0


def _all_tags(document: dict) -> list[dict]:
    tags = list(document["feature"]["tags"])
    for child in document["feature"]["children"]:
        if "rule" in child:
            tags.extend(child["rule"].get("tags", []))
    for scenario in _scenarios(document):
        tags.extend(scenario.get("tags", []))
        for examples in scenario.get("examples", []):
            tags.extend(examples.get("tags", []))
    return tags
