"""A parallel run against a portal with a clock runs in two phases (two processes) merged into one report."""

import argparse
import subprocess

import pytest

from harness import cli, report_tools
from harness.provenance import COMMIT_VARIABLE, harness_commit


def phases_args(tmp_path) -> argparse.Namespace:
    argv = ["run", "--workers", "2", "--base-url", "http://127.0.0.1:9", "--report-dir", str(tmp_path)]
    return argparse.Namespace(data_seed=None, quiet=True, argv=argv, report_dir=str(tmp_path), workers=2)


def test_both_phases_name_the_commit_the_run_started_from(tmp_path, monkeypatch):
    """A commit made while the run goes on (a developer working beside it) must not make the phases two runs."""
    environments = []
    monkeypatch.setenv(COMMIT_VARIABLE, "")
    started_from = harness_commit()
    real_run = subprocess.run

    def phase(command, **options):
        if command[:3] != [cli.sys.executable, "-m", "harness.cli"]:
            return real_run(command, **options)  # git rev-parse
        environments.append(options["env"])
        return subprocess.CompletedProcess(command, 0)

    monkeypatch.setattr(subprocess, "run", phase)
    monkeypatch.setattr(report_tools, "merge_runs", lambda runs, folder: ({"summary": {"total": 1}, "exit_code": 0},
                                                                          folder))
    assert cli._run_in_phases(phases_args(tmp_path))[0] == 0
    assert [env[COMMIT_VARIABLE] for env in environments] == [started_from or ""] * 2
    monkeypatch.setenv(COMMIT_VARIABLE, "f" * 40)
    assert harness_commit() == "f" * 40  # what each phase then writes into its report


def test_phases_that_cannot_be_merged_end_in_one_line_and_exit_3(tmp_path, monkeypatch):
    monkeypatch.setenv(COMMIT_VARIABLE, "e" * 40)
    monkeypatch.setattr(subprocess, "run", lambda command, **options: subprocess.CompletedProcess(command, 0))

    def refuse(runs, folder):
        raise report_tools.ReportError("the runs name different features digests (a, b)")

    monkeypatch.setattr(report_tools, "merge_runs", refuse)
    with pytest.raises(cli.RunFailed, match="^the two phases cannot be merged into one report: the runs name"):
        cli._run_in_phases(phases_args(tmp_path))
