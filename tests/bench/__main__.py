"""``make bench`` (``python -m tests.bench``): how fast the suite is and how the reference portal holds load.

Writes reports/bench.json and prints each figure beside its target. Timings are wall-clock (time.perf_counter
around each run) and the harness's own per-scenario durations (report.json); the load is measured by
tests/bench/load.py against gunicorn. Sizes and durations are options, so a quick look costs a minute.
"""

from __future__ import annotations

import argparse
import json
import os
import secrets
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import requests

from tests.bench.load import free_port
from tests.bench.run_load import run_load
from tests.bench.select import SELECT_ENV

ROOT = Path(__file__).resolve().parents[2]


def timed(command: list[str], env: dict | None = None, log: Path | None = None) -> tuple[float, int]:
    started = time.perf_counter()
    with (log.open("wb") if log else open(os.devnull, "wb")) as out:
        status = subprocess.run(command, cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT, check=False)
    return time.perf_counter() - started, status.returncode


def harness_run(report_dir: Path, *options: str, log: Path, env: dict | None = None) -> tuple[float, dict | None]:
    seconds, _ = timed([sys.executable, "-m", "harness.cli", "run", "--report-dir", str(report_dir), *options],
                       env=env, log=log)
    latest = report_dir / "latest" / "report.json"
    if not latest.exists():  # runs in phases write their merged report under its own id
        found = sorted(report_dir.glob("*/report.json"), key=lambda p: p.stat().st_mtime)
        latest = found[-1] if found else latest
    return seconds, json.loads(latest.read_text(encoding="utf-8")) if latest.exists() else None


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, int(round(p / 100 * len(ordered) + 0.5)) - 1))]


def bench_suite(tmp: Path, out: Path, selection: list[str], log=print) -> dict:  # noqa: ANN001
    result: dict = {}
    # Not counted: the first run after a start pays for cold caches (Chromium's, the disk's, bytecode), which
    # would otherwise fall on whichever figure comes first.
    log("warming up (one scenario through every step, not counted)…")
    harness_run(tmp / "warm-up", "--workers", "1", "--", "-k", "Parcours", log=out / "bench-warm-up.log")
    # The accessibility checks' cost: one worker with them (the default), then at once without, so both runs
    # meet the machine in the same state.
    runs = ((1, "on"), (1, "off"), (2, "on"))
    for workers, a11y in runs:
        log(f"the suite with {workers} worker(s)" + (", accessibility checks off (--a11y off)…" if a11y == "off"
                                                     else "…"))
        name = f"suite-{workers}" + ("-a11y-off" if a11y == "off" else "")
        seconds, report = harness_run(tmp / name, "--workers", str(workers), "--a11y", a11y, *selection,
                                      log=out / f"bench-{name}.log")
        if report is None:
            raise SystemExit(f"bench: the suite with {workers} worker(s), --a11y {a11y}, wrote no report; see {out}")
        log(f"  {seconds:.0f} s, {report['summary']}")
        if a11y == "off":
            result["suite_s_1_worker_a11y_off"] = round(seconds, 1)
            continue
        result[f"suite_s_{workers}_worker" + ("s" if workers > 1 else "")] = round(seconds, 1)
        result[f"suite_{workers}_summary"] = report["summary"]
        if workers == 1:
            durations = [s["duration_s"] for s in report["scenarios"]]
            result["scenario_median_s"] = round(statistics.median(durations), 2)
            result["scenario_p95_s"] = round(percentile(durations, 95), 2)
            result["scenarios"] = len(durations)
            result["a11y_check_s"] = (report.get("accessibility") or {}).get("check_s")  # axe itself
    return result


NAIVE_PROFILE = """extends = "{base}"
name = "reference-fr-naive"
description = "the reference portal, arranged the naive way: no sign-in or submission through the control API"

[capabilities]
sign_in = false
submit_application = false
"""


def scenario_seconds(report: dict | None, outcome: str = "passed") -> dict[str, float]:
    """Node ID → the harness's own duration of each scenario with that outcome."""
    return {s["nodeid"]: s["duration_s"] for s in (report or {}).get("scenarios", []) if s["outcome"] == outcome}


def fair_ratio(naive: dict[str, float], ours: dict[str, float]) -> tuple[float, int]:
    """Summed durations, naive over ours, over the scenarios both passed; and how many they are."""
    both = sorted(set(naive) & set(ours))
    mine = sum(ours[n] for n in both)
    return (round(sum(naive[n] for n in both) / mine, 2) if mine else 0.0), len(both)


def bench_naive(tmp: Path, out: Path, selection: list[str], log=print) -> dict:  # noqa: ANN001
    """The suite's scenarios the naive way (tests/bench/naive.py) and ours, against one portal: the naive run
    first over every scenario selected, then ours over exactly those it passed. The ratio is over the
    scenarios' own durations (report.json), so the scenarios the naive way cannot express do not count.
    One worker each: several against one portal run in two phases (the clock's scenarios apart), and a phase
    left with no scenario by the selection ends the run without its merged report."""
    port, token = free_port(), secrets.token_hex(16)
    portal = subprocess.Popen(
        [sys.executable, "-m", "reference_portal", "--port", str(port), "--control-token", token,
         "--database-url", f"sqlite:///{tmp / 'fair.sqlite3'}",
         "--registration-limit", "100000"],  # the naive way registers every candidate through the pages
        cwd=ROOT, stdout=(out / "bench-portal.log").open("wb"), stderr=subprocess.STDOUT)
    base_url = f"http://127.0.0.1:{port}"
    target = ["--workers", "1", "--base-url", base_url, f"--control-token={token}"]
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                if requests.get(base_url + "/health", timeout=5).ok:
                    break
            except requests.RequestException:
                if time.monotonic() > deadline or portal.poll() is not None:
                    raise SystemExit(f"bench: the portal did not start; see {out / 'bench-portal.log'}") from None
                time.sleep(0.1)  # nothing to wait on but the port
        profile = tmp / "naive.toml"
        profile.write_text(NAIVE_PROFILE.format(base=ROOT / "fixtures" / "profiles" / "reference-fr.toml"),
                           encoding="utf-8")
        log("the suite the naive way (UI registration, profile and sign-in in every test; no fixed wait)…")
        naive_s, naive_report = harness_run(tmp / "naive", *target, "--profile", str(profile), "--",
                                            "-p", "tests.bench.naive", *selection, log=out / "bench-naive.log")
        naive = scenario_seconds(naive_report)
        selected = len((naive_report or {}).get("scenarios", []))
        log(f"  {naive_s:.0f} s; it expresses {len(naive)} of {selected} scenarios")
        if not naive:
            raise SystemExit(f"bench: the naive run passed no scenario; see {out / 'bench-naive.log'}")
        chosen = tmp / "naive-passed.txt"
        chosen.write_text("\n".join(sorted(naive)) + "\n", encoding="utf-8")
        log("the same scenarios, our way…")
        ours_s, ours_report = harness_run(tmp / "ours", *target, "--", "-p", "tests.bench.select",
                                          log=out / "bench-ours.log", env={**os.environ, SELECT_ENV: str(chosen)})
        ours = scenario_seconds(ours_report)
        ratio, compared = fair_ratio(naive, ours)
        log(f"  {ours_s:.0f} s; {len(ours)} of {len(naive)} passed")
    finally:
        portal.terminate()
        portal.wait(timeout=30)
    return {"fair_naive_over_ours": ratio, "fair_scenarios_compared": compared,
            "fair_scenarios_selected": selected, "fair_naive_s": round(naive_s, 1), "fair_ours_s": round(ours_s, 1),
            "fair_naive_scenario_s": round(sum(naive[n] for n in naive if n in ours), 1),
            "fair_ours_scenario_s": round(sum(ours[n] for n in ours if n in naive), 1)}


def targets(result: dict) -> list[tuple[str, str, str, bool | None]]:
    """(figure, value, target, met) rows; met is None when the figure was not measured."""
    rows: list[tuple[str, str, str, bool | None]] = []

    def row(name: str, value: str, target: str, met: bool | None) -> None:
        rows.append((name, value, target, met))

    one, two = result.get("suite_s_1_worker"), result.get("suite_s_2_workers")
    if one and two:
        row("full suite, 1 worker", f"{one:.0f} s", "", None)
        row("full suite, 2 workers", f"{two:.0f} s", "≤ 100 s", two <= 100)
        row("full suite, 2 workers over 1", f"{two / one:.2f}", "≤ 0.6", two <= 0.6 * one)
        row("scenario median", f"{result['scenario_median_s']:.2f} s", "≤ 1 s", result["scenario_median_s"] <= 1)
    off = result.get("suite_s_1_worker_a11y_off")
    if one and off:
        checks = result.get("a11y_check_s")
        row("accessibility checks (1 worker, on / off)", f"{one:.0f} s / {off:.0f} s = +{one / off - 1:.0%}"
            + (f" (axe itself {checks:.1f} s)" if checks is not None else ""), "≤ +15%", one <= 1.15 * off)
        row("scenario p95", f"{result['scenario_p95_s']:.2f} s", "", None)
    if "fair_naive_over_ours" in result:
        row(f"fair naive / ours, {result['fair_scenarios_compared']} of {result['fair_scenarios_selected']} scenarios",
            f"{result['fair_naive_scenario_s']:.0f} s / {result['fair_ours_scenario_s']:.0f} s = "
            f"{result['fair_naive_over_ours']:.2f}", "≥ 2.5", result["fair_naive_over_ours"] >= 2.5)
    p95 = result.get("search_p95_ms", {})
    if p95:
        sizes = sorted(p95, key=int)
        for size in sizes:
            row(f"search at {int(size):,} openings", f"p95 {p95[size]:.0f} ms, p50 "
                f"{result['load']['search'][size]['p50_ms']:.0f} ms, {result['load']['search'][size]['rps']:.0f} rps",
                "", None)
        small, large = sizes[0], sizes[-1]
        row(f"search p95 at {int(large):,}", f"{p95[large]:.0f} ms", "≤ 50 ms", p95[large] <= 50)
        row(f"search p95 {int(large):,} / {int(small):,}", f"{p95[large] / p95[small]:.2f}", "≤ 2",
            p95[large] <= 2 * p95[small])
        steps = result["load"]["steps"]
        row("step pages", f"p95 {steps['p95_ms']:.0f} ms, p50 {steps['p50_ms']:.0f} ms, {steps['rps']:.0f} rps"
            + (f", {steps['errors']} errors" if steps["errors"] else ""), "", None)
        row("trivial endpoint (/health)", f"{result['trivial_rps']:.0f} rps", "", None)
        row(f"search rps at {int(large):,} / trivial", f"{result['search_rps']:.0f} / {result['trivial_rps']:.0f} = "
            f"{result['search_rps'] / result['trivial_rps']:.0%}", "≥ 40%",
            result["search_rps"] >= 0.4 * result["trivial_rps"])
    return rows


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tests.bench", description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="100,10000,100000", help="catalogue sizes, comma-separated")
    parser.add_argument("--seconds", type=float, default=8.0, help="length of each load measure")
    parser.add_argument("--clients", type=int, default=16)
    parser.add_argument("--server-workers", type=int, default=3, help="gunicorn worker processes")
    parser.add_argument("--database-url", default=None, help="load test on this database (default: SQLite)")
    parser.add_argument("--skip", action="append", default=[], choices=["suite", "naive", "load"])
    parser.add_argument("--out", default=str(ROOT / "reports"))
    parser.add_argument("suite_args", nargs="*", help="after --: pytest arguments narrowing the suite (-k …)")
    args = parser.parse_args(argv)
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    result: dict = {"load_average_at_start": os.getloadavg(), "cpus": os.cpu_count()}
    with tempfile.TemporaryDirectory(prefix="inspira-bench-") as tmp:
        if "suite" not in args.skip:
            result.update(bench_suite(Path(tmp), out, ["--", *args.suite_args] if args.suite_args else []))
        if "naive" not in args.skip:
            result.update(bench_naive(Path(tmp), out, args.suite_args))
    if "load" not in args.skip:
        print("the portal under load (gunicorn)…")
        sizes = [int(s) for s in args.sizes.split(",")]
        load = run_load(sizes, args.clients, args.seconds, args.server_workers, args.database_url, out)
        result["load"] = load
        result["search_p95_ms"] = {size: load["search"][size]["p95_ms"] for size in load["search"]}
        result["search_rps"] = load["search"][str(sizes[-1])]["rps"]
        result["trivial_rps"] = load["trivial"]["rps"]
    result["load_average_at_end"] = os.getloadavg()
    result["bench_s"] = round(time.perf_counter() - started, 1)
    rows = targets(result)
    result["targets"] = [{"figure": f, "value": v, "target": t, "met": m} for f, v, t, m in rows if m is not None]
    (out / "bench.json").write_text(json.dumps(result, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    width = max((len(f) for f, *_ in rows), default=10)
    print()
    for figure, value, target, met in rows:
        verdict = "" if met is None else ("pass" if met else "FAIL")
        print(f"{figure:<{width}}  {value:<44} {target:<18} {verdict}")
    print(f"\nload average {result['load_average_at_start'][0]:.1f} at start, {result['load_average_at_end'][0]:.1f} "
          f"at end, {result['cpus']} CPUs; {result['bench_s']:.0f} s in all; written to {out / 'bench.json'}")
    return 1 if any(m is False for *_, m in rows) else 0


if __name__ == "__main__":
    raise SystemExit(main())
