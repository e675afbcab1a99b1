"""report.html: one self-contained page (no server, no network) that a customer can open from disk.

The verdict comes first; then one row per requirement with its guide location, level, verdict and
scenarios, filterable by verdict, level and guide section; then every scenario with its steps and, on a
failure, the evidence: the message (with the nearest accessible names when a label was missing), the
URL, the screenshot at the failing step (embedded) and the Playwright trace.
"""

from __future__ import annotations

import base64
from pathlib import Path

from jinja2 import Environment, PackageLoader, select_autoescape

from harness.verdicts import CONFORMANT

_WORST_FIRST = ["failed", "error", "not_testable", "flaky", "warning", "not_run", "not_applicable", "conformant"]
# The report's order: what needs a look, then what was checked, then what this run did not check.
_VERDICTS_SHOWN = ["failed", "error", "not_testable", "flaky", "warning", "conformant", "not_applicable", "not_run"]
_OUTCOMES_WORST_FIRST = ["failed", "error", "not_testable", "flaky", "passed", "not_applicable"]


def _environment() -> Environment:
    env = Environment(loader=PackageLoader("harness", "templates"), autoescape=select_autoescape(["html", "j2"]))
    env.filters["anchor"] = lambda text: "s-" + "".join(ch if ch.isalnum() else "-" for ch in text)[:80]
    return env


def _embedded_screenshot(run_dir: Path, relative: str | None) -> str | None:
    if not relative:
        return None
    path = run_dir / relative
    if not path.exists():
        return None
    return "data:image/png;base64," + base64.b64encode(path.read_bytes()).decode()


def render_html(report: dict, run_dir: Path) -> str:
    scenarios = []
    for scenario in report["scenarios"]:
        evidence = scenario.get("evidence") or {}
        scenarios.append({**scenario, "screenshot_data": _embedded_screenshot(run_dir, evidence.get("screenshot"))})
    sections = sorted({r["location"].split(".")[0] for r in report["requirements"]}, key=lambda s: (len(s), s))
    # What needs a person's eyes first: failures, then what could not be checked, then the rest.
    requirements = sorted(report["requirements"], key=lambda r: _VERDICTS_SHOWN.index(r["verdict"]))
    scenarios.sort(key=lambda s: _OUTCOMES_WORST_FIRST.index(s["outcome"]))
    return _environment().get_template("report.html.j2").render(
        report=report,
        requirements=requirements,
        scenarios=scenarios,
        sections=sections,
        verdicts=_VERDICTS_SHOWN,
        outcomes=_OUTCOMES_WORST_FIRST,
        conformant=report["verdict"] == CONFORMANT,
    )


def write_html(report: dict, run_dir: Path) -> Path:
    path = run_dir / "report.html"
    path.write_text(render_html(report, run_dir), encoding="utf-8")
    return path




def render_annotated_guide(report: dict, guide_text: str, guide_name: str) -> str:
    """The guide the user gave, section by section, each instruction marked with its requirements' verdicts."""
    from harness.guide import guide_blocks

    by_location: dict[str, list[dict]] = {}
    for requirement in report["requirements"]:
        by_location.setdefault(requirement["location"], []).append(requirement)
    blocks = []
    for block in guide_blocks(guide_text):
        requirements = by_location.get(block["location"], [])
        verdicts = [r["verdict"] for r in requirements]
        worst = min(verdicts, key=_WORST_FIRST.index) if verdicts else None
        blocks.append({**block, "requirements": requirements, "worst": worst})
    unplaced = sorted(
        {r["location"] for r in report["requirements"]} - {b["location"] for b in blocks}
    )
    return _environment().get_template("guide.html.j2").render(
        report=report, blocks=blocks, guide_name=guide_name, unplaced=unplaced
    )


def write_annotated_guide(report: dict, run_dir: Path, guide_path: Path) -> Path:
    path = run_dir / "guide.html"
    text = guide_path.read_text(encoding="utf-8")
    path.write_text(render_annotated_guide(report, text, guide_path.name), encoding="utf-8")
    return path
