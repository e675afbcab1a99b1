"""Zero flakes: run the whole suite N times against the reference portal, retries off, and count the
scenarios that ever failed. ``make flake-check RUNS=N`` (``python -m tests.flake_check --runs N``)."""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="flake-check", description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args(argv)
    outcomes: dict[str, list[str]] = defaultdict(list)
    started = time.monotonic()
    with tempfile.TemporaryDirectory(prefix="inspira-flakes-") as tmp:
        for run in range(1, args.runs + 1):
            reports = Path(tmp) / f"run-{run}"
            subprocess.run(
                [sys.executable, "-m", "harness.cli", "run", "--workers", str(args.workers),
                 "--report-dir", str(reports)],
                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False,
            )
            latest = reports / "latest" / "report.json"
            if not latest.exists():
                print(f"run {run}: no report (the harness could not run)")
                outcomes["<the run itself>"].append("error")
                continue
            report = json.loads(latest.read_text(encoding="utf-8"))
            for scenario in report["scenarios"]:
                outcomes[scenario["name"]].append(scenario["outcome"])
            bad = [s["name"] for s in report["scenarios"] if s["outcome"] != "passed"]
            print(f"run {run}: {report['summary']['passed']} of {report['summary']['total']} passed"
                  + (f"; not passed: {', '.join(bad)} (data seed {report['run'].get('data_seed')})" if bad else ""),
                  flush=True)
    ever_failed = {name: seen for name, seen in outcomes.items() if any(o != "passed" for o in seen)}
    for name, seen in sorted(ever_failed.items()):
        print(f"  {name}: {', '.join(seen)}")
    print(f"{args.runs} runs in {time.monotonic() - started:.0f} s: {len(outcomes)} scenarios, "
          f"{len(ever_failed)} ever failed")
    return 1 if ever_failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
