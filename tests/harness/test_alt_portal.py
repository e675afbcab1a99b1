"""The harness certifies a portal it was not written against: the alternative portal (``serve --variant alt``)
differs from the reference one wherever the guide leaves a choice open (reference_portal/variant.py), and the
whole French suite, run with its own profile (fixtures/profiles/alt-fr.toml), finds it CONFORMANT. A step that
leans on something only the reference portal does fails here.

The run is also the end-to-end proof of sharding: two shards, each against its own alternative portal and
mail sink, merged by ``report merge`` into one whole run with every scenario's evidence (the merge's rules
themselves are tested in test_shards.py). One whole-suite run serves both, which keeps ``make test`` short.
"""

import contextlib
import secrets
import subprocess
import sys

import pytest

from fixtures.mail import free_port
from fixtures.portal import ReferencePortal
from harness.paths import PROFILES_DIR

from .test_artefacts import assert_whole
from .test_english import assert_every_page_checked_and_clean, latest, scenario_count

pytestmark = pytest.mark.slow

SERVE = [sys.executable, "-m", "harness.cli", "serve"]
ALT_PROFILE = PROFILES_DIR / "alt-fr.toml"
SHARDS = 2


def test_the_whole_suite_in_two_shards_certifies_the_alternative_portal_with_its_profile(tmp_path):
    reports = tmp_path / "reports"
    with contextlib.ExitStack() as portals:
        runs = []
        for shard in range(1, SHARDS + 1):  # a portal per shard: each has its own clock and mail sink
            token, sink = secrets.token_hex(16), f"127.0.0.1:{free_port()}"
            portal = portals.enter_context(ReferencePortal(
                tmp_path / f"portal-{shard}", control_token=token, smtp=sink, launcher=SERVE,
                extra_args=["--variant", "alt"],
            ))
            runs.append(subprocess.Popen(
                [sys.executable, "-m", "harness.cli", "run", "--shard", f"{shard}/{SHARDS}", "--evidence", "all",
                 "--base-url", portal.base_url, "--control-token", token, "--mail-listen", sink,
                 "--profile", str(ALT_PROFILE), "--report-dir", str(reports)],
                stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
            ))
        outputs = [run.communicate(timeout=3600)[0] for run in runs]
    shard_runs = sorted(p.name for p in reports.iterdir() if p.is_dir() and p.name != "latest")
    merge = subprocess.run(
        [sys.executable, "-m", "harness.cli", "report", "merge", *shard_runs, "--report-dir", str(reports)],
        capture_output=True, text=True, timeout=300, check=False,
    )
    assert merge.returncode in (0, 1), merge.stdout + merge.stderr
    report = latest(reports)
    failed = [(s["name"], s.get("message", "")[:400]) for s in report["scenarios"] if s["outcome"] != "passed"]
    assert not failed and [run.returncode for run in runs] == [0] * SHARDS, failed or outputs
    assert merge.returncode == 0 and report["verdict"] == "CONFORMANT" and report["scope"] == "full"
    assert report["summary"]["passed"] == report["summary"]["total"] == scenario_count()
    assert report["run"]["profile"] == "alt-fr"
    assert_every_page_checked_and_clean(report)  # merged from the two shards
    assert {r["verdict"] for r in report["requirements"]} == {"conformant"}, [
        (r["id"], r["verdict"]) for r in report["requirements"] if r["verdict"] != "conformant"]
    merged_dir = reports / report["run"]["run_id"]
    assert_whole(merged_dir, scenario_count())
    # Every scenario's screenshots (--evidence all) copied by the merge into the merged run's folder.
    shots = {s["nodeid"]: [step["screenshot"] for step in s["steps"] if step.get("screenshot")]
             for s in report["scenarios"]}
    assert all(shots.values()) and all((merged_dir / shot).is_file() for each in shots.values() for shot in each)
