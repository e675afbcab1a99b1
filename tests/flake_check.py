"""Zero flakes: run the whole suite N times against the reference portal, retries off, and count the
scenarios that ever failed. ``make flake-check RUNS=N`` (``python -m tests.flake_check --runs N``);
``--load N`` runs N CPU-burning processes beside it, so the check is made on a loaded machine."""

from __future__ import annotations

import argparse
import json
import signal
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

# A burner stops by itself after this long even if nothing stops it (the check was killed): never left behind.
BURN_SECONDS_PER_RUN = 1200
_BURN = "import sys, time\nend = time.monotonic() + float(sys.argv[1])\nwhile time.monotonic() < end:\n    pass\n"


@contextmanager
def cpu_load(processes: int, seconds: float) -> Iterator[list[subprocess.Popen]]:
    """``processes`` busy loops beside what runs inside, each ending by itself after ``seconds`` at most,
    and all of them ended (and reaped) when the block is left, however it is left."""
    burners: list[subprocess.Popen] = []
    try:
        for _ in range(processes):
            burners.append(subprocess.Popen([sys.executable, "-c", _BURN, str(seconds)],
                                            stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL))
        yield burners
    finally:
        for burner in burners:
            burner.kill()
        for burner in burners:
            burner.wait()


def _exit_on_sigterm(signum: int, frame: object) -> None:
    """A SIGTERM (a CI's timeout, ``kill``) leaves through the ``finally`` blocks, as Ctrl-C does: the run under
    way and the burners are ended, not left to burn until their bound."""
    raise SystemExit(128 + signum)


def _run_harness(command: list[str]) -> None:
    """One run of the suite; should the check be stopped meanwhile, the run is asked to end (its portal and
    browsers with it) before it is killed."""
    run = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        run.wait()
    finally:
        if run.poll() is None:
            run.terminate()
            try:
                run.wait(timeout=60)
            except subprocess.TimeoutExpired:
                run.kill()
                run.wait()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="flake-check", description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--load", type=int, default=0, metavar="N",
                        help="N CPU-burning processes beside the runs (each bounded in time, all ended after)")
    parser.add_argument("pytest_args", nargs="*", help="after --: passed to pytest, e.g. -- -k session")
    args = parser.parse_args(argv)
    if args.runs < 1 or args.workers < 1 or args.load < 0:
        parser.error("--runs and --workers must be at least 1, --load at least 0")
    signal.signal(signal.SIGTERM, _exit_on_sigterm)
    outcomes: dict[str, list[str]] = defaultdict(list)
    started = time.monotonic()
    extra = ["--", *args.pytest_args] if args.pytest_args else []
    with tempfile.TemporaryDirectory(prefix="inspira-flakes-") as tmp, \
            cpu_load(args.load, BURN_SECONDS_PER_RUN * args.runs):
        for run in range(1, args.runs + 1):
            reports = Path(tmp) / f"run-{run}"
            _run_harness([sys.executable, "-m", "harness.cli", "run", "--workers", str(args.workers),
                          "--report-dir", str(reports), *extra])
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
    load = f" beside {args.load} CPU-burning process{'es' if args.load > 1 else ''}" if args.load else ""
    print(f"{args.runs} runs in {time.monotonic() - started:.0f} s{load}: {len(outcomes)} scenarios, "
          f"{len(ever_failed)} ever failed")
    return 1 if ever_failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
