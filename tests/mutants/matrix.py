"""Run the defect matrix: each variant served, only its scenarios run, the verdict and the failed
requirements read from report.json. ``python -m tests.mutants.matrix`` prints the table (make mutants).

Variants run two at a time (each with its own portal and report folder): ``--jobs N`` changes that, and
names given on the command line run only those variants.
"""

from __future__ import annotations

import argparse
import json
import secrets
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from variants import VARIANTS, Variant, by_name  # noqa: E402

from fixtures.portal import PortalStartError, ReferencePortal  # noqa: E402

PARALLEL_VARIANTS = 2


@dataclass
class Outcome:
    variant: Variant
    verdict: str
    failed: list[str]
    output: str
    seconds: float = 0.0

    @property
    def caught(self) -> bool:
        return self.verdict == "NOT CONFORMANT" and self.variant.requirement in self.failed


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _run(launcher: list[str] | None, select: str, workdir: Path,
         run_args: tuple[str, ...] = ()) -> tuple[str, list[str], str]:
    """Serves one portal, runs the selected scenarios against it: the verdict, failed requirements, output.
    ``run_args``: more options of `run` (a profile). No traces: only the verdicts are read."""
    token = secrets.token_hex(16)  # a urlsafe token may start with "-", which argparse takes for an option
    mail = f"127.0.0.1:{_free_port()}"  # the harness runs its SMTP sink there, the portal sends there
    try:
        with ReferencePortal(workdir / "portal", control_token=token, smtp=mail, launcher=launcher) as portal:
            result = subprocess.run(
                [sys.executable, "-m", "harness.cli", "run", "--base-url", portal.base_url, "--control-token", token,
                 "--mail-listen", mail, "--report-dir", str(workdir / "reports"), "--trace", "off", *run_args,
                 "--", "-k", select],
                capture_output=True, text=True, timeout=900, check=False,
            )
    except (PortalStartError, subprocess.TimeoutExpired) as exc:
        return "ERROR", [], str(exc)
    output = result.stdout + result.stderr
    report_path = workdir / "reports" / "latest" / "report.json"
    if not report_path.exists():
        return "NO REPORT", [], output
    report = json.loads(report_path.read_text(encoding="utf-8"))
    failed = sorted(r["id"] for r in report["requirements"] if r["verdict"] in ("failed", "warning"))
    return report["verdict"], failed, output


def run_variant(variant: Variant, workdir: Path) -> Outcome:
    started = time.monotonic()
    verdict, failed, output = _run([sys.executable, str(HERE / "serve_variant.py"), variant.name], variant.select,
                                   workdir)
    return Outcome(variant, verdict, failed, output, time.monotonic() - started)


def run_baseline(variants: list[Variant], workdir: Path) -> tuple[str, list[str], str]:
    """The unbroken portal on every variant's scenarios: a requirement failing here proves nothing there."""
    return _run(None, " or ".join(f"({v.select})" for v in variants), workdir)


def row(outcome: Outcome) -> str:
    variant = outcome.variant
    others = collateral(outcome)
    named = variant.requirement if variant.requirement in outcome.failed else "—"
    extra = f" (+{others} other)" if others else ""
    where = "server" if variant.server_only else ""
    return (f"{variant.name:<32} {variant.kind:<8} {where:<6} expected {variant.requirement:<11} "
            f"failed {named + extra:<24} {outcome.seconds:5.0f}s  {'caught' if outcome.caught else 'MISSED'}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tests.mutants.matrix", description=__doc__)
    parser.add_argument("names", nargs="*", help="run only these variants")
    parser.add_argument("--jobs", type=int, default=PARALLEL_VARIANTS, help="variants run at the same time")
    parser.add_argument("--no-baseline", action="store_true", help="skip the run of the unbroken portal")
    args = parser.parse_args(argv)
    chosen = [by_name(n) for n in args.names] if args.names else VARIANTS
    started = time.monotonic()
    with tempfile.TemporaryDirectory(prefix="inspira-mutants-") as tmp:
        with ThreadPoolExecutor(max_workers=max(1, args.jobs)) as pool:
            baseline = None if args.no_baseline else pool.submit(run_baseline, chosen, Path(tmp) / "baseline")
            futures = [pool.submit(run_variant, v, Path(tmp) / v.name) for v in chosen]
            outcomes = []
            for future in futures:
                outcomes.append(future.result())
                print(f"  done {outcomes[-1].variant.name}", file=sys.stderr, flush=True)
            broken: list[str] = []
            if baseline is not None:
                verdict, broken, output = baseline.result()
                if verdict == "NO REPORT":
                    print(f"baseline: no report\n{output[-2000:]}")
                    return 1
                print(f"baseline (unbroken portal, every variant's scenarios): {verdict}"
                      f"{'; failing: ' + ', '.join(broken) if broken else ''}")
    # A variant is caught only if its requirement holds on the unbroken portal.
    for outcome in outcomes:
        if outcome.variant.requirement in broken:
            outcome.verdict = f"{outcome.verdict}, but {outcome.variant.requirement} fails unbroken too"
        print(row(outcome))
    for outcome in outcomes:
        if not outcome.caught:
            print(f"\n--- {outcome.variant.name}: {outcome.verdict}\n{outcome.output[-1500:]}", flush=True)
    caught = sum(o.caught for o in outcomes)
    elapsed = time.monotonic() - started
    print(f"{len(outcomes)} variants, {args.jobs} at a time, in {elapsed / 60:.1f} min")
    server_only = [o for o in outcomes if o.variant.server_only]
    print(f"server-only: {sum(o.caught for o in server_only)} of {len(server_only)} caught")
    print(f"collateral: {collateral_summary(outcomes)}")
    print(f"caught {caught} of {len(outcomes)} defects")
    return 0 if caught == len(outcomes) else 1


def collateral(outcome: Outcome) -> int:
    """How many requirements other than its own a variant failed: one defect should fail one rule."""
    return len([r for r in outcome.failed if r != outcome.variant.requirement])


def collateral_summary(outcomes: list[Outcome]) -> str:
    counts = [collateral(o) for o in outcomes]
    if not counts:
        return "no variant run"
    return f"median {statistics.median(counts):g}, max {max(counts)}"


if __name__ == "__main__":
    raise SystemExit(main())
