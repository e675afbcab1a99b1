"""Work on finished runs: merge shards into one report, and diff two runs' verdicts."""

from __future__ import annotations

import json
import shutil
from datetime import UTC, datetime
from pathlib import Path

from harness.report import build_report, new_run_id, write_run
from harness.requirements import load_catalogue


class ReportError(ValueError):
    """A run folder or report that cannot be used; the message names it."""


def report_path(location: Path | str, reports_dir: Path | None = None) -> Path:
    """The report.json of a run folder, a report.json path, or a run ID under ``reports_dir``."""
    path = Path(location)
    candidates = [path, path / "report.json"]
    if reports_dir is not None:
        candidates.append(reports_dir / str(location) / "report.json")
    for candidate in candidates:
        if candidate.is_file():
            return candidate
    raise ReportError(f"{location}: no report.json there (give a run folder, a report.json or a run ID)")


def load_run(location: Path | str, reports_dir: Path | None = None) -> dict:
    """A report from a run folder, a report.json path, or a run ID under ``reports_dir``."""
    candidate = report_path(location, reports_dir)
    try:
        return json.loads(candidate.read_text(encoding="utf-8"))
    except ValueError as exc:
        raise ReportError(f"{candidate}: not a valid report.json ({exc})") from None


# What every shard of one run shares: the portal (name and version), the profile, the harness, the features.
_IDENTITY = {
    "portal": lambda run: " ".join(str((run.get("portal") or {}).get(key)) for key in ("portal", "version")),
    "profile": lambda run: run.get("profile"),
    "harness commit": lambda run: run.get("harness_commit"),
    "features digest": lambda run: run.get("features_sha256"),
}


def _same_target(reports: list[dict]) -> None:
    """Shards of different portals, profiles, harnesses or features are not one run: refused, naming the difference."""
    # A run that ran nothing (an empty phase or shard) never reached the portal, so it names none.
    checked = [r for r in reports if r["scenarios"]]
    for what, read in _IDENTITY.items():
        seen = {read(r["run"]) for r in checked}
        if len(seen) > 1:
            named = ", ".join(sorted(map(str, seen)))
            raise ReportError(f"the runs name different {what}s ({named}): they are not shards of one run")


def merge_reports(reports: list[dict]) -> tuple[list[dict], str, dict]:
    """The scenarios of several shard reports, the merged scope, and the merged run description."""
    if not reports:
        raise ReportError("nothing to merge")
    _same_target(reports)
    scenarios: dict[str, dict] = {}
    for report in reports:
        for scenario in report["scenarios"]:
            if scenario["nodeid"] in scenarios:
                raise ReportError(f"scenario {scenario['nodeid']} appears in two of the runs: were they shards?")
            scenarios[scenario["nodeid"]] = scenario
    shards = [r["run"].get("shard") for r in reports]
    splits = {(r["run"].get("shard_split"), r["run"].get("shard_durations_sha256"))
              for r in reports if r["run"].get("shard")}
    if len(splits) > 1:
        raise ReportError("the shards were split differently (by other durations files, or some by test ID): "
                          "give every shard the same --durations FILE and run them again")
    totals = {s.split("/")[1] for s in shards if s}
    covered = {s.split("/")[0] for s in shards if s}
    phases = {r["run"].get("phase") for r in reports}
    all_split = all(r["scope"] == "shard" for r in reports)
    complete = all_split and (
        (len(totals) == 1 and covered == {str(i) for i in range(1, int(next(iter(totals))) + 1)})
        or (not any(shards) and phases == {"parallel", "serial"} and len(reports) == 2)
    )
    first = reports[0]["run"]
    run = {
        **{k: v for k, v in first.items()
           if k not in ("run_id", "shard", "shard_deselected", "duration_s", "phase", "shard_split",
                        "shard_durations_sha256")},
        "merged_from": [r["run"].get("run_id") for r in reports],
        "shards": shards,
        "started": min(r["run"].get("started", "") for r in reports),
        "duration_s": round(max(r["run"].get("duration_s", 0) for r in reports), 3),
        "status": "finished" if all(r["run"].get("status") == "finished" for r in reports) else "interrupted",
    }
    return list(scenarios.values()), "full" if complete else "partial", run


def merge_runs(locations: list[str], report_dir: Path) -> tuple[dict, Path]:
    """One run from several: its report and every file written from it, and the evidence of each run
    (screenshots, traces, videos) copied in, so the merged folder and its bundle stand on their own."""
    folders = [report_path(location, report_dir).parent for location in locations]
    reports = [load_run(folder) for folder in folders]
    scenarios, scope, run = merge_reports(reports)
    run["run_id"] = new_run_id(datetime.now(UTC))
    report = build_report(scenarios, load_catalogue(), run, scope)
    run_dir = report_dir / run["run_id"]
    for folder in folders:
        if (folder / "evidence").is_dir():
            # Each scenario's evidence lives in a folder named after its test ID: the runs never collide.
            shutil.copytree(folder / "evidence", run_dir / "evidence", dirs_exist_ok=True)
    return report, write_run(report_dir, run["run_id"], report)


_SEVERITY = {"failed": 0, "error": 1, "not_testable": 2, "flaky": 3, "warning": 4}


def diff_reports(before: dict, after: dict) -> list[dict]:
    """Requirements whose verdict changed, new failures first, then other regressions, then the rest."""
    old = {r["id"]: r["verdict"] for r in before["requirements"]}
    changes = []
    for requirement in after["requirements"]:
        was = old.get(requirement["id"], "absent")
        now = requirement["verdict"]
        if was != now:
            worse = _SEVERITY.get(now, 9) < _SEVERITY.get(was, 9)
            changes.append({"id": requirement["id"], "location": requirement["location"], "before": was,
                            "after": now, "regression": worse, "statement": requirement["statement"]})
    changes.sort(key=lambda c: (not c["regression"], _SEVERITY.get(c["after"], 9), c["id"]))
    return changes
