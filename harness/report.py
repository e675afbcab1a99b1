"""The conformance report: from scenario results and the catalogue to ``report.json`` and friends.

Each run writes ``<report dir>/<run id>/`` and refreshes ``<report dir>/latest/``.
"""

from __future__ import annotations

import json
import secrets
import shutil
import zipfile
from collections import Counter
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from harness.accessibility import is_accessibility_requirement, summarize, violations_by_requirement
from harness.requirements import Requirement, requirement_ids
from harness.verdicts import (
    ExitCode,
    Outcome,
    RequirementVerdict,
    exit_code,
    overall_verdict,
    requirement_verdict,
)

REPORT_FORMAT = 1


@dataclass
class ScenarioResult:
    nodeid: str
    name: str
    feature: str
    tags: list[str]
    outcome: Outcome | None = None
    message: str | None = None
    duration_s: float = 0.0
    steps: list[dict] = field(default_factory=list)
    url: str | None = None
    attempts: list[dict] = field(default_factory=list)
    labels: list[dict] = field(default_factory=list)
    probes: list[dict] = field(default_factory=list)
    # The pages this scenario was the first of its worker to visit, with axe's findings on each.
    accessibility: list[dict] = field(default_factory=list)
    # Every page pattern this scenario's browser loaded, checked by axe or not.
    pages_visited: list[str] = field(default_factory=list)

    @property
    def requirement_ids(self) -> list[str]:
        return requirement_ids(self.tags)

    def as_dict(self) -> dict:
        return {
            "name": self.name,
            "feature": self.feature,
            "nodeid": self.nodeid,
            "requirement_ids": self.requirement_ids,
            "tags": self.tags,
            # A scenario that never reached a verdict (interrupted run) is an error, never a pass.
            "outcome": (self.outcome or Outcome.ERROR).value,
            "message": self.message,
            "duration_s": round(self.duration_s, 3),
            "steps": self.steps,
            **({"evidence": {"url": self.url}} if self.url else {}),
            **({"failed_attempts": self.attempts} if self.attempts else {}),
            "labels": self.labels,
            **({"probes": self.probes} if self.probes else {}),
            **({"accessibility": self.accessibility} if self.accessibility else {}),
            **({"pages_visited": self.pages_visited} if self.pages_visited else {}),
        }


def new_run_id(now: datetime | None = None) -> str:
    now = now or datetime.now(UTC)
    return now.strftime("%Y%m%dT%H%M%SZ") + "-" + secrets.token_hex(2)


SCOPES = ("full", "partial", "shard")
_A11Y_OVERRIDABLE = {RequirementVerdict.CONFORMANT, RequirementVerdict.FLAKY, RequirementVerdict.NOT_APPLICABLE,
                     RequirementVerdict.NOT_RUN}


def build_report(
    results: list[ScenarioResult] | list[dict], catalogue: dict[str, Requirement], run_info: dict, scope: str
) -> dict:
    """The report of a run from its scenario results (objects, or dicts of an earlier report).

    ``scope``: "full" (every scenario selected), "partial" (a subset chosen by the user) or "shard"
    (one shard of a split run). Only a full run can certify: elsewhere unrun requirements are left out.
    """
    if scope not in SCOPES:
        raise ValueError(f"scope must be one of {SCOPES}, not {scope!r}")
    rows = [r.as_dict() if isinstance(r, ScenarioResult) else r for r in results]
    scenarios = sorted(rows, key=lambda s: (s["feature"], s["name"], s["nodeid"]))
    by_requirement: dict[str, list[dict]] = {rid: [] for rid in catalogue}
    unknown: set[str] = set()
    for scenario in scenarios:
        for rid in scenario["requirement_ids"]:
            if rid in by_requirement:
                by_requirement[rid].append(scenario)
            else:
                unknown.add(rid)
    a11y_settings = run_info.get("accessibility")
    accessibility = summarize(scenarios, a11y_settings) if a11y_settings else None
    a11y_found = violations_by_requirement(accessibility) if accessibility else {}
    requirements = []
    verdicts: dict[str, tuple[str, RequirementVerdict]] = {}
    traced = code_map(catalogue)
    for rid, requirement in catalogue.items():
        level, raised = requirement.level, {}
        if accessibility and is_accessibility_requirement(rid):
            raised = {"accessibility_violations": a11y_found.get(rid, 0)}
            if accessibility["level"] == "MUST" and level != "MUST":
                # The customer's demand, stated in the profile: the catalogue keeps its SHOULD on a reading.
                level, raised = "MUST", {**raised, "level_raised_by": "profile"}
        verdict = requirement_verdict(level, (Outcome(s["outcome"]) for s in by_requirement[rid]))
        # Found on any page of the run, whichever scenario was there: also when this requirement's own
        # scenario was not selected, or was not applicable (checks off, a profile's locator still used).
        if a11y_found.get(rid) and raised and verdict in _A11Y_OVERRIDABLE:
            verdict = RequirementVerdict.FAILED if level == "MUST" else RequirementVerdict.WARNING
        verdicts[rid] = (level, verdict)
        requirements.append(
            {
                "id": rid,
                "location": requirement.location,
                "level": level,
                "basis": requirement.basis,
                "statement": requirement.statement,
                "verdict": verdict.value,
                "scenarios": [s["name"] for s in by_requirement[rid]],
                "code": traced[rid],
                **raised,
            }
        )
    summary = Counter(s["outcome"] for s in scenarios)
    verdict = overall_verdict(verdicts, partial=scope != "full")
    return {
        "format": REPORT_FORMAT,
        "verdict": verdict,
        "exit_code": int(exit_code(verdict, (Outcome(s["outcome"]) for s in scenarios))),
        "scope": scope,
        "summary": {outcome.value: summary.get(outcome.value, 0) for outcome in Outcome}
        | {"total": len(scenarios)},
        "requirement_summary": dict(Counter(r["verdict"] for r in requirements)),
        "requirements": requirements,
        "scenarios": scenarios,
        "unknown_requirement_tags": sorted(unknown),
        **({"accessibility": accessibility} if accessibility else {}),
        "run": run_info,
    }


def code_map(catalogue: dict[str, Requirement]) -> dict[str, dict[str, list[str]]]:
    """Per requirement, the harness code that checks it and the reference portal's code that implements it
    (harness/coverage_map.py): read from this project's sources, whatever portal the run checked."""
    from harness.coverage import compute_coverage

    mapped = {r["id"]: r for r in compute_coverage(catalogue)["requirements"]}
    return {
        rid: {
            "step_functions": mapped[rid]["step_functions"],
            "page_methods": mapped[rid]["page_methods"],
            "reference_portal_functions": mapped[rid]["portal_functions"],
        }
        for rid in catalogue
    }


ERROR_VERDICT = "ERROR"


def mark_run_error(report: dict, line: str, code: int = ExitCode.HARNESS_ERROR) -> dict:
    """The run could not check the portal (a browser that does not start, a target that cannot be
    reached, a configuration that cannot be used): the verdict is ERROR, never a pass, and the run says why."""
    report["verdict"] = ERROR_VERDICT
    report["exit_code"] = int(code)
    report["run"]["status"] = "error"
    report["run"]["error"] = line
    return report


def error_report(
    line: str, code: int, catalogue: dict[str, Requirement], run_id: str, run_info: dict | None = None
) -> dict:
    """The report of a run that stopped before any scenario ran."""
    info = {**(run_info or {}), "run_id": run_id, "started": datetime.now(UTC).isoformat(timespec="seconds"),
            "duration_s": 0.0}
    return mark_run_error(build_report([], catalogue, info, "full"), line, code)


def attach_evidence(report: dict, run_dir: Path) -> None:
    """Point each failed scenario at its screenshot and Playwright trace (saved by pytest-playwright
    under ``evidence/<slug of the test id>/``)."""
    from slugify import slugify

    evidence_dir = run_dir / "evidence"
    if not evidence_dir.is_dir():
        return
    folders = {folder.name: folder for folder in evidence_dir.iterdir() if folder.is_dir()}
    for scenario in report["scenarios"]:
        folder = folders.get(slugify(scenario["nodeid"]))
        if folder is None:
            continue
        evidence = scenario.setdefault("evidence", {})
        screenshots = sorted(folder.glob("*.png"))
        if screenshots:
            evidence["screenshot"] = str(screenshots[-1].relative_to(run_dir))
        if (folder / "trace.zip").exists():
            evidence["trace"] = str((folder / "trace.zip").relative_to(run_dir))
        videos = sorted(folder.glob("*.webm"))
        if videos:
            evidence["video"] = str(videos[-1].relative_to(run_dir))


BUNDLE_NAME = "bundle.zip"


def write_bundle(run_dir: Path, report: dict) -> Path:
    """bundle.zip: every file of the run, and a manifest with each file's SHA-256 and the run's provenance
    (portal, profile, browser, harness version and commit, digests of the features and of the guide)."""
    from harness.provenance import sha256_file

    files = sorted(p for p in run_dir.rglob("*") if p.is_file() and p.name != BUNDLE_NAME)
    manifest = {
        "run": report.get("run", {}),
        "verdict": report.get("verdict"),
        "files": {str(p.relative_to(run_dir)): sha256_file(p) for p in files},
    }
    bundle = run_dir / BUNDLE_NAME
    with zipfile.ZipFile(bundle, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("manifest.json", json.dumps(manifest, ensure_ascii=False, indent=2))
        for path in files:
            archive.write(path, str(path.relative_to(run_dir)))
    return bundle


DURATIONS_NAME = "durations.json"


def write_durations(report: dict, run_dir: Path, shared: Path | None) -> None:
    """durations.json: each scenario's duration in this run (test ID → seconds), which ``--shard`` uses
    to balance shards. ``shared`` (``<report dir>/durations.json``) takes this run's figures over its own;
    a shard or a phase leaves it alone, so the shards of one split all read the same file."""
    # Only scenarios that ran through: a not testable one, skipped at once, says nothing of its cost.
    durations = {s["nodeid"]: round(s["duration_s"], 3) for s in report["scenarios"]
                 if s["outcome"] in ("passed", "failed", "flaky")}
    _write_json_atomically(run_dir / DURATIONS_NAME, dict(sorted(durations.items())))
    if shared is None or not durations:
        return
    try:
        known = json.loads(shared.read_text(encoding="utf-8")) if shared.is_file() else {}
    except ValueError:
        known = {}
    _write_json_atomically(shared, dict(sorted({**(known if isinstance(known, dict) else {}), **durations}.items())))


def _write_json_atomically(path: Path, data: dict) -> None:
    staging = path.with_name(f".{path.name}-{secrets.token_hex(4)}")
    staging.write_text(json.dumps(data, ensure_ascii=False, indent=1), encoding="utf-8")
    staging.replace(path)


def write_run(report_dir: Path, run_id: str, report: dict, guide: Path | None = None) -> Path:
    """Every file of a run, from its report: one writer for a run, its workers, its phases and a merge,
    so report.json, junit.xml, cucumber.json and messages.ndjson always hold the same scenarios."""
    from harness.cucumber import write_cucumber
    from harness.html_report import write_annotated_guide, write_html
    from harness.junit import write_junit
    from harness.masking import mask_tree, mask_value
    from harness.messages import write_messages

    run_dir = report_dir / run_id
    run_dir.mkdir(parents=True, exist_ok=True)
    report.update(mask_value(report))
    attach_evidence(report, run_dir)
    write_html(report, run_dir)
    write_messages(report, run_dir)
    write_junit(report, run_dir)
    write_cucumber(report, run_dir)
    split = {"shard", "phase"} & set(report.get("run", {}))
    write_durations(report, run_dir, None if split else report_dir / DURATIONS_NAME)
    if guide is not None:
        write_annotated_guide(report, run_dir, guide)
    (run_dir / "report.json").write_text(json.dumps(report, ensure_ascii=False, indent=2), encoding="utf-8")
    # The last sweep: whatever pytest and Playwright wrote (traces, screenshots' folders) is masked before
    # the bundle is made from it.
    mask_tree(run_dir)
    write_bundle(run_dir, report)
    latest = report_dir / "latest"
    staging = report_dir / f".latest-{run_id}"
    shutil.copytree(run_dir, staging)
    if latest.is_symlink() or latest.is_file():
        latest.unlink()
    elif latest.exists():
        shutil.rmtree(latest)
    staging.rename(latest)
    return run_dir
