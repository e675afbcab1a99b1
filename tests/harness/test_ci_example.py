"""docs/ci/github-actions.yml: a workflow GitHub can read, whose every harness command the CLI accepts,
with shards, a merge, and the files kept as artefacts."""

import re
import shlex

import yaml

from harness.cli import build_parser
from harness.paths import PROJECT_ROOT

WORKFLOW = PROJECT_ROOT / "docs" / "ci" / "github-actions.yml"


def _harness_commands(workflow: dict) -> list[list[str]]:
    commands = []
    for job in workflow["jobs"].values():
        for step in job["steps"]:
            script = step.get("run", "").replace("\\\n", " ")
            for line in script.splitlines():
                if "inspira-conformance " in line:
                    line = re.sub(r"\$\{\{[^}]*\}\}|\$\w+", "1", line)  # ${{ matrix.shard }}/$SHARDS: 1/1
                    commands.append(shlex.split(line.split("inspira-conformance ", 1)[1].split("||")[0], comments=True))
    return commands


def test_the_ci_example_shards_merges_and_keeps_the_files():
    workflow = yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))
    assert set(workflow["jobs"]) == {"plan", "shard", "merge"}
    assert workflow["jobs"]["shard"]["strategy"]["matrix"]["shard"] == [1, 2, 3]
    commands = _harness_commands(workflow)
    assert [c[0] for c in commands] == ["run", "report"]
    for command in commands:
        build_parser().parse_args(command)  # a misspelt option would raise here
    assert "--shard" in commands[0] and "--durations" in commands[0] and commands[1][1] == "merge"
    uploads = [s["with"]["path"] for j in workflow["jobs"].values() for s in j["steps"]
               if s.get("uses", "").startswith("actions/upload-artifact")]
    assert "out/latest/" in uploads and "merged/latest/" in uploads
