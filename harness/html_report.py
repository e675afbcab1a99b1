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
    return _environment().get_template("report.html.j2").render(
        report=report,
        scenarios=scenarios,
        sections=sections,
        conformant=report["verdict"] == CONFORMANT,
    )


def write_html(report: dict, run_dir: Path) -> Path:
    path = run_dir / "report.html"
    path.write_text(render_html(report, run_dir), encoding="utf-8")
    return path
