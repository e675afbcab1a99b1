"""Run the defect matrix: each variant served, only its scenarios run, the verdict and the failed
requirements read from report.json. ``python -m tests.mutants.matrix`` prints the table (make mutants)."""

from __future__ import annotations

import json
import secrets
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from variants import VARIANTS, Variant  # noqa: E402

from fixtures.portal import ReferencePortal  # noqa: E402


@dataclass
class Outcome:
    variant: Variant
    verdict: str
    failed: list[str]
    output: str

    @property
    def caught(self) -> bool:
        return self.verdict == "NOT CONFORMANT" and self.variant.requirement in self.failed


def run_variant(variant: Variant, workdir: Path) -> Outcome:
    token = secrets.token_urlsafe(16)
    launcher = [sys.executable, str(HERE / "serve_variant.py"), variant.name]
    with ReferencePortal(workdir / "portal", control_token=token, launcher=launcher) as portal:
        result = subprocess.run(
            [sys.executable, "-m", "harness.cli", "run", "--base-url", portal.base_url, "--control-token", token,
             "--report-dir", str(workdir / "reports"), "--", "-k", variant.select],
            capture_output=True, text=True, timeout=900, check=False,
        )
    report_path = workdir / "reports" / "latest" / "report.json"
    if not report_path.exists():
        return Outcome(variant, "NO REPORT", [], result.stdout + result.stderr)
    report = json.loads(report_path.read_text(encoding="utf-8"))
    failed = sorted(r["id"] for r in report["requirements"] if r["verdict"] in ("failed", "warning"))
    return Outcome(variant, report["verdict"], failed, result.stdout + result.stderr)


def main() -> int:
    outcomes = []
    with tempfile.TemporaryDirectory(prefix="inspira-mutants-") as tmp:
        for variant in VARIANTS:
            outcomes.append(run_variant(variant, Path(tmp) / variant.name))
            last = outcomes[-1]
            print(f"{variant.name:<28} {variant.kind:<8} expected {variant.requirement:<11} "
                  f"failed {', '.join(last.failed) or '—':<40} {'caught' if last.caught else 'MISSED'}", flush=True)
    caught = sum(o.caught for o in outcomes)
    print(f"caught {caught} of {len(outcomes)} defects")
    return 0 if caught == len(outcomes) else 1


if __name__ == "__main__":
    raise SystemExit(main())
