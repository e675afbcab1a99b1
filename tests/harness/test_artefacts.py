"""Every file a run writes holds the same scenarios, however the run was split: one worker, two workers,
a portal with a clock shared by workers (two phases, merged), two shards merged by `report merge`.

A few scenarios each (`-k`), not the whole suite: « Sans <champ>, … » is an outline whose name holds a
placeholder (messages.ndjson used to leave its examples out), and the « Contactez-nous » outline's name
holds none (its examples differ only by their values).
"""

import json
import secrets
import subprocess
import sys
import xml.etree.ElementTree as ET
import zipfile
from pathlib import Path

import jsonschema
import pytest

from fixtures.mail import free_port
from fixtures.portal import ReferencePortal
from harness.paths import PROJECT_ROOT

pytestmark = pytest.mark.slow

CLI = [sys.executable, "-m", "harness.cli"]
SERVE = [*CLI, "serve"]
OUTLINE_WITH_PLACEHOLDER = "sans_champ"  # 2 examples
AIDE = "sans_champ or contactez"  # 6 scenarios of aide.feature
SCHEMA = json.loads((PROJECT_ROOT / "harness" / "schemas" / "report.schema.json").read_text(encoding="utf-8"))


def cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([*CLI, *args], capture_output=True, text=True, timeout=900, check=False)


def latest_run(reports: Path) -> Path:
    report = json.loads((reports / "latest" / "report.json").read_text(encoding="utf-8"))
    return reports / report["run"]["run_id"]


def scenario_counts(run_dir: Path) -> dict[str, int]:
    report = json.loads((run_dir / "report.json").read_text(encoding="utf-8"))
    junit = ET.parse(run_dir / "junit.xml").getroot()
    cucumber = json.loads((run_dir / "cucumber.json").read_text(encoding="utf-8"))
    lines = (run_dir / "messages.ndjson").read_text(encoding="utf-8").splitlines()
    return {
        "report.json": len(report["scenarios"]),
        "junit.xml": len(junit.findall(".//testcase")),
        "cucumber.json": sum(len(feature["elements"]) for feature in cucumber),
        "messages.ndjson": sum(1 for line in lines if "testCase" in json.loads(line)),
    }


def assert_whole(run_dir: Path, expected: int) -> None:
    jsonschema.validate(json.loads((run_dir / "report.json").read_text(encoding="utf-8")), SCHEMA)
    assert scenario_counts(run_dir) == dict.fromkeys(
        ("report.json", "junit.xml", "cucumber.json", "messages.ndjson"), expected
    )
    names = [case.get("name") for case in ET.parse(run_dir / "junit.xml").getroot().iter("testcase")]
    assert len(set(names)) == len(names), names  # every example under a name of its own


@pytest.fixture(scope="module")
def served_portal(tmp_path_factory):
    """A reference portal started on its own, with a clock (control API) and mail to a sink address."""
    tmp_path = tmp_path_factory.mktemp("served")
    token, sink = secrets.token_hex(16), f"127.0.0.1:{free_port()}"
    with ReferencePortal(tmp_path / "portal", control_token=token, smtp=sink, launcher=SERVE) as portal:
        yield portal.base_url, token, sink


def test_one_worker_writes_every_example_in_every_file(tmp_path):
    result = cli("run", "--report-dir", str(tmp_path), "--", "-k", OUTLINE_WITH_PLACEHOLDER)
    assert result.returncode == 0, result.stdout + result.stderr
    run_dir = latest_run(tmp_path)
    assert_whole(run_dir, 2)
    # A person sees each scenario as it ends: the count, the outcome, the duration and the readable name.
    shown = [line for line in result.stdout.splitlines() if line.startswith(("[1/2", "[2/2"))]
    assert len(shown) == 2 and all(" passed " in line and "aide › Sans " in line for line in shown), result.stdout
    junit = ET.parse(run_dir / "junit.xml").getroot()
    cases = list(junit.iter("testcase"))
    # A dashboard's names: the feature as the class, the example's values filled in, in plain UTF-8.
    assert {c.get("classname") for c in cases} == {"Besoin d'aide ? « Contactez-nous » (section 7 du guide)"}
    assert sorted(c.get("name") for c in cases) == [
        "Sans code utilisateur, le message est refusé, le champ nommé et la saisie conservée",
        "Sans nom complet, le message est refusé, le champ nommé et la saisie conservée",
    ]
    for case in cases:
        properties = {(p.get("name"), p.get("value")) for p in case.iter("property")}
        assert properties == {("requirement", "REQ-AID-04"), ("outcome", "passed")}
    assert "inspira_scenario" not in (run_dir / "junit.xml").read_text(encoding="utf-8")


def test_two_workers_write_every_scenario_in_every_file(tmp_path):
    result = cli("run", "--workers", "2", "-q", "--report-dir", str(tmp_path), "--", "-k", OUTLINE_WITH_PLACEHOLDER)
    assert result.returncode == 0, result.stdout + result.stderr
    assert_whole(latest_run(tmp_path), 2)
    assert "[1/2" not in result.stdout and "verdict: CONFORMANT" in result.stdout  # -q: the verdict only


def test_a_clock_run_with_workers_and_an_empty_parallel_phase_is_whole(tmp_path, served_portal):
    base_url, token, _ = served_portal
    # Every scenario selected moves the clock: the parallel phase has nothing to run, which is no mistake.
    result = cli("run", "--workers", "2", "--base-url", base_url, "--control-token", token,
                 "--report-dir", str(tmp_path), "--", "-k", "tient_jusqu")
    assert result.returncode == 0, result.stdout + result.stderr
    run_dir = latest_run(tmp_path)
    assert_whole(run_dir, 2)
    report = json.loads((run_dir / "report.json").read_text(encoding="utf-8"))
    assert len(report["run"]["merged_from"]) == 2  # the two phases


def test_a_clock_run_with_workers_that_selects_nothing_says_so(tmp_path, served_portal):
    base_url, token, _ = served_portal
    result = cli("run", "--workers", "2", "--base-url", base_url, "--control-token", token,
                 "--report-dir", str(tmp_path), "--", "-k", "no_scenario_has_this_name")
    assert result.returncode == 2, result.stdout + result.stderr
    assert result.stderr.strip().splitlines() == ["inspira-conformance: no scenario matched the selection"]


def test_two_shards_merged_give_every_file_and_the_evidence(tmp_path):
    shards = tmp_path / "shards"
    for index in (1, 2):
        result = cli("run", "--shard", f"{index}/2", "--evidence", "all", "--report-dir", str(shards / str(index)),
                     "--", "-k", AIDE)
        assert result.returncode == 0, result.stdout + result.stderr
    parts = [latest_run(shards / str(index)) for index in (1, 2)]
    for part in parts:
        jsonschema.validate(json.loads((part / "report.json").read_text(encoding="utf-8")), SCHEMA)
    counts = [scenario_counts(part)["report.json"] for part in parts]
    assert all(counts) and sum(counts) == 6
    merged_reports = tmp_path / "merged"
    merge = cli("report", "merge", *map(str, parts), "--report-dir", str(merged_reports))
    assert merge.returncode == 0, merge.stdout + merge.stderr
    run_dir = latest_run(merged_reports)
    assert_whole(run_dir, 6)
    report = json.loads((run_dir / "report.json").read_text(encoding="utf-8"))
    shots = [step["screenshot"] for s in report["scenarios"] for step in s["steps"] if step.get("screenshot")]
    assert shots and all((run_dir / shot).is_file() for shot in shots)  # copied from the shards' folders
    with zipfile.ZipFile(run_dir / "bundle.zip") as bundle:
        names = set(bundle.namelist())
    assert {"report.json", "junit.xml", "cucumber.json", "messages.ndjson", "report.html"} <= names
    assert set(shots) <= names


def test_workers_share_one_mail_sink(tmp_path, served_portal):
    base_url, token, sink = served_portal
    result = cli("run", "--workers", "2", "--base-url", base_url, "--control-token", token, "--mail-listen", sink,
                 "--report-dir", str(tmp_path), "--", "-k", "oublié")
    assert result.returncode == 0, result.stdout + result.stderr
    report = json.loads((latest_run(tmp_path) / "report.json").read_text(encoding="utf-8"))
    needs_mail = [s for s in report["scenarios"] if "needs-mail" in s["tags"]]
    assert len(needs_mail) >= 2 and all(s["outcome"] == "passed" for s in needs_mail), needs_mail
    total = report["summary"]["total"]
    assert sum(1 for line in result.stdout.splitlines() if line.startswith("[") and f"/{total}" in line) == total
