"""``inspira-conformance``: serve the reference portal, check a portal against the guide, or demo both.

Exit codes: 0 conformant, 1 not conformant, 2 usage or configuration error, 3 target unreachable or
harness error. A user's mistake gets one line, never a traceback.
"""

from __future__ import annotations

import argparse
import json
import os
import secrets
import sys
from pathlib import Path

from harness import masking, options
from harness.accessibility import summary_line
from harness.paths import DEFAULT_REPORTS_DIR, PROFILES_DIR, PROJECT_ROOT, STEPS_DIR
from harness.preflight import Unreachable, check_target
from harness.profile import ProfileError, default_profile_path, load_profile
from harness.report import DURATIONS_NAME, new_run_id
from harness.verdicts import ExitCode

PROG = "inspira-conformance"


class UsageError(Exception):
    """A mistake in how the command was called: one line, exit 2."""


class RunFailed(Exception):
    """The run could not give a verdict for a reason of its own (not the portal's, not the caller's): one line,
    exit 3."""


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # one line instead of usage + message
        raise UsageError(f"{message} (see `{self.prog} --help`)")


def _base_url(value: str) -> str:
    from urllib.parse import urlsplit

    parts = urlsplit(value)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        hint = f" (did you mean http://{value}?)" if "://" not in value and value else ""
        raise argparse.ArgumentTypeError(f"expected an http:// or https:// URL, got {value!r}{hint}")
    try:
        parts.port  # noqa: B018 (a port that is not a number raises here)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected an http:// or https:// URL, got {value!r} (bad port)") from None
    return value


def _count(minimum: int):
    def parse(value: str) -> int:
        try:
            number = int(value)
        except ValueError:
            number = minimum - 1
        if number < minimum:
            raise argparse.ArgumentTypeError(f"expected a whole number of at least {minimum}, got {value!r}")
        return number

    return parse


BROWSERS = ("chromium", "firefox", "webkit")


def _missing_video_recorder() -> Path | None:
    """Playwright records video with its own ffmpeg build (``playwright install ffmpeg``): where it
    should be when it is not there, else None."""
    import platform

    import playwright

    package = Path(playwright.__file__).parent / "driver" / "package" / "browsers.json"
    try:
        entries = json.loads(package.read_text(encoding="utf-8"))["browsers"]
        revision = next(b["revision"] for b in entries if b["name"] == "ffmpeg")
    except (OSError, ValueError, KeyError, StopIteration):
        return None  # a Playwright laid out otherwise: let it say what it lacks
    root = Path(os.environ.get("PLAYWRIGHT_BROWSERS_PATH") or Path.home() / ".cache" / "ms-playwright")
    name = {"Linux": "ffmpeg-linux", "Darwin": "ffmpeg-mac", "Windows": "ffmpeg-win64.exe"}.get(platform.system())
    executable = root / f"ffmpeg-{revision}" / (name or "ffmpeg")
    return None if executable.exists() else executable


def _version() -> str:
    from harness.provenance import provenance

    info = provenance()
    commit = f", commit {info['harness_commit'][:12]}" if info.get("harness_commit") else ""
    return f"{PROG} {info.get('harness_version', 'unknown')}{commit}"


# Recording a trace of every scenario costs about a third of a run (measured: 2 workers, 112 scenarios, 193 s
# traced against 139 s not), for the few that fail. So by default a run records none, and runs its failures once
# more, traced; the verdict stays the first run's, and the report says how the re-run ended.
TRACE_MODES = ("rerun", "retain-on-failure", "on", "off")
TRACE_RERUN_LIMIT = 10


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog=PROG, description=__doc__.splitlines()[0])
    parser.add_argument("--version", action="version", version=_version())
    sub = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)

    serve = sub.add_parser("serve", help="run the reference portal")
    from reference_portal.config import add_serve_arguments

    add_serve_arguments(serve)  # the same options as `python -m reference_portal`

    def add_run_options(command: argparse.ArgumentParser, name: str) -> None:
        options.add_to_cli(command, name)  # those pytest takes too (harness/options.py)
        command.add_argument("--retries", type=_count(0), default=0, metavar="N",
                             help="retry a failed scenario up to N times; one that then passes is reported flaky")
        command.add_argument("--workers", type=_count(1), default=1, metavar="N",
                             help="run scenarios in N parallel browsers (pytest-xdist), each worker with its own data")
        command.add_argument("-q", "--quiet", action="store_true",
                             help="no line per scenario; only the verdict and the failures at the end")
        command.add_argument("--browser", choices=BROWSERS, default="chromium",
                             help="chromium (default); firefox and webkit only on a Playwright server (--ws-endpoint)")
        command.add_argument("--headed", action="store_true", help="show the browser (needs a display)")
        command.add_argument("--slowmo", type=_count(0), default=0, metavar="MS",
                             help="slow every browser action down by MS milliseconds")
        command.add_argument("--video", choices=["off", "on", "retain-on-failure"], default="off",
                             help="record a video of each scenario (all, or failures only), linked from the report")
        command.add_argument(
            "--trace", choices=TRACE_MODES, default="rerun",
            help=f"Playwright traces: rerun (default) runs each failed scenario once more, traced, the verdict "
                 f"staying the first run's (up to {TRACE_RERUN_LIMIT}); retain-on-failure records every scenario and "
                 "keeps the failures' (about 35% slower); on keeps every one; off")
        command.add_argument(
            "pytest_args", nargs=argparse.REMAINDER, help="after --: extra pytest arguments (e.g. -k timeout)"
        )

    run = sub.add_parser("run", help="check a portal against the guide and write the report")
    run.add_argument(
        "--base-url", type=_base_url, default=None, help="the portal to check (default: start the reference portal)"
    )
    add_run_options(run, "run")

    demo = sub.add_parser("demo", help="run the whole suite against the embedded reference portal")
    add_run_options(demo, "demo")

    report = sub.add_parser("report", help="work on finished runs")
    report_sub = report.add_subparsers(dest="report_command", required=True, parser_class=_Parser)
    merge = report_sub.add_parser("merge", help="merge shard runs into one report")
    merge.add_argument("runs", nargs="+", help="run folders, report.json files or run IDs")
    merge.add_argument("--report-dir", default=str(DEFAULT_REPORTS_DIR))
    annotate = report_sub.add_parser("guide", help="write guide.html for a finished run: the guide, annotated")
    annotate.add_argument("--guide", required=True, metavar="FILE")
    annotate.add_argument("--run", default="latest", help="run folder, report.json or run ID (default: latest)")
    annotate.add_argument("--report-dir", default=str(DEFAULT_REPORTS_DIR))
    diff = report_sub.add_parser("diff", help="requirements whose verdict changed between two runs")
    diff.add_argument("before")
    diff.add_argument("after")
    diff.add_argument("--report-dir", default=str(DEFAULT_REPORTS_DIR))
    diff.add_argument("--format", choices=["text", "json"], default="text")

    labels = sub.add_parser("labels", help="which labels the guide quotes were found on the portal in a run")
    labels.add_argument("--guide", required=True, help="the guide (text) whose « … » labels to check")
    labels.add_argument("--run", action="append", default=None,
                        help="run folder, report.json or run ID (repeatable); default: the latest run")
    labels.add_argument("--report-dir", default=str(DEFAULT_REPORTS_DIR))
    labels.add_argument("--format", choices=["text", "json"], default="text")

    names = sub.add_parser("names", help="the roles and accessible names a page of your portal offers, each "
                                         "beside the profile key that names it (for writing a profile)")
    names.add_argument("url", help="the page's whole address")
    names.add_argument("--profile", default=str(PROFILES_DIR / "reference-fr.toml"),
                       help="the profile whose keys to show beside the names (default: reference-fr)")
    names.add_argument("--sign-in", metavar="USER_CODE", default=None,
                       help="sign in first through the pages, with the password in $INSPIRA_PASSWORD")
    names.add_argument("--role", default=None, help="only this role (button, link, textbox, heading…)")
    names.add_argument("--format", choices=["text", "json"], default="text")

    coverage = sub.add_parser("coverage", help="requirement → scenarios; fails on gaps and unknown tags")
    coverage.add_argument("--format", choices=["text", "json"], default="text")
    return parser


def names(args: argparse.Namespace) -> int:
    from harness.page_names import NamesError, names_command

    try:
        return names_command(args.url, args.profile, args.sign_in, args.role, args.format == "json")
    except ProfileError as exc:
        raise UsageError(str(exc)) from None
    except NamesError as exc:
        if exc.usage:
            raise UsageError(str(exc)) from None
        raise Unreachable(str(exc)) from None


def coverage(args: argparse.Namespace) -> int:
    from harness.coverage import compute_coverage, coverage_problems
    from harness.requirements import CatalogueError

    try:
        result = compute_coverage()
    except CatalogueError as exc:
        raise UsageError(str(exc)) from None
    problems = coverage_problems(result)
    if args.format == "json":
        print(json.dumps(result, ensure_ascii=False, indent=2))
    else:
        for requirement in result["requirements"]:
            count = len(requirement["scenarios"])
            proof = ", proven on the server" if requirement["proven_on_server"] else ""
            print(f"{requirement['id']}  {requirement['location']:<6} {requirement['level']:<6} {count} scenario(s)"
                  f"{proof}")
            for scenario in requirement["scenarios"]:
                print(f"    {scenario}")
        for problem in problems:
            print(f"{PROG}: coverage: {problem}", file=sys.stderr)
        total = len(result["requirements"])
        print(f"{total - sum(1 for r in result['requirements'] if not r['scenarios'])} of {total} requirements "
              f"have a scenario; {len(result['unknown_tags'])} unknown tag(s)")
    return ExitCode.NOT_CONFORMANT if problems else ExitCode.CONFORMANT


def labels_command(args: argparse.Namespace) -> int:
    from harness.guide import label_status, quoted_labels, read_guide
    from harness.report_tools import ReportError, load_run

    try:
        guide_labels = quoted_labels(read_guide(args.guide))
    except OSError as exc:
        raise UsageError(f"cannot read the guide {args.guide}: {exc.strerror}") from None
    try:
        reports = [load_run(run, Path(args.report_dir)) for run in (args.run or ["latest"])]
    except ReportError as exc:
        raise UsageError(str(exc)) from None
    status = label_status(guide_labels, reports)
    if args.format == "json":
        print(json.dumps(status, ensure_ascii=False, indent=2))
    else:
        for entry in status["missing"]:
            print(f"missing  « {entry['label']} »  on {', '.join(entry['pages'])}")
        for entry in status["found"]:
            shown = "" if entry["shown_as"] == [entry["label"]] else f"  (shown as {', '.join(entry['shown_as'])})"
            print(f"found    « {entry['label']} »{shown}")
        for entry in status["unused"]:
            print(f"unused   « {entry['label']} »  (no scenario looks for it)")
        print(f"{len(guide_labels)} labels in the guide: {len(status['found'])} found, "
              f"{len(status['missing'])} missing, {len(status['unused'])} used by no scenario")
    return ExitCode.NOT_CONFORMANT if status["missing"] else ExitCode.CONFORMANT


def report_command(args: argparse.Namespace) -> int:
    from harness.report_tools import ReportError, diff_reports, load_run, merge_runs

    report_dir = Path(args.report_dir)
    try:
        if args.report_command == "guide":
            from harness.html_report import write_annotated_guide

            report = load_run(args.run, report_dir)
            run_dir = report_dir / report["run"]["run_id"]
            if not Path(args.guide).is_file():
                raise UsageError(f"--guide {args.guide}: no such file")
            print(f"annotated guide: {write_annotated_guide(report, run_dir, Path(args.guide))}")
            return ExitCode.CONFORMANT
        if args.report_command == "merge":
            report, run_dir = merge_runs(args.runs, report_dir)
            print_summary(report, run_dir)
            return report["exit_code"]
        changes = diff_reports(load_run(args.before, report_dir), load_run(args.after, report_dir))
    except ReportError as exc:
        raise UsageError(str(exc)) from None
    if args.format == "json":
        print(json.dumps(changes, ensure_ascii=False, indent=2))
    else:
        for change in changes:
            mark = "NEW FAILURE" if change["regression"] and change["after"] in ("failed", "error") else (
                "regression" if change["regression"] else "change")
            print(f"{mark:<12} {change['id']}  {change['location']:<6} {change['before']} → {change['after']}")
        print(f"{len(changes)} requirement(s) changed verdict")
    return ExitCode.NOT_CONFORMANT if any(c["regression"] for c in changes) else ExitCode.CONFORMANT


def serve(args: argparse.Namespace) -> int:
    """The reference portal, as ``python -m reference_portal`` serves it (the same options and checks)."""
    from reference_portal.config import ConfigurationError, serve_settings
    from reference_portal.db import SchemaOutOfDate
    from reference_portal.server import serve as serve_portal

    try:
        serve_portal(**serve_settings(args))
    except (SchemaOutOfDate, ConfigurationError) as exc:
        raise UsageError(str(exc)) from None
    except OSError as exc:  # the port is taken, the address is not ours…
        raise UsageError(f"cannot serve on {args.host}:{args.port}: {exc.strerror or exc}") from None
    return 0


def _pytest_args(args: argparse.Namespace, profile_path: Path, run_dir: Path, run_id: str) -> list[str]:
    extra = list(args.pytest_args)
    if extra and extra[0] == "--":
        extra = extra[1:]
    pytest_args = [
        str(STEPS_DIR / "test_guide.py"),
        "--rootdir",
        str(PROJECT_ROOT),
        "--portal-profile",
        str(profile_path),
        "--report-dir",
        str(Path(args.report_dir)),
        "--run-id",
        run_id,
        "--screenshot",
        "only-on-failure",
        "--tracing",
        "off" if args.trace == "rerun" else args.trace,
        "--output",
        str(run_dir / "evidence"),
        "--browser",
        args.browser,
        # Each scenario's line, and the failures with their requirements at the end, say what a traceback
        # would; `-- --tb=short` brings them back.
        "--tb=no",
        *(["-qq"] if args.quiet else ["-q", "--progress"]),
        # The CLI imports the harness before pytest starts; nothing to rewrite there.
        "-W", "ignore::pytest.PytestAssertRewriteWarning",
        # Plugins of the project's own tests (installed with its dev extras), never used by a run: importing
        # them costs ~10 s where bytecode is not cached (PYTHONDONTWRITEBYTECODE).
        "-p", "no:schemathesis", "-p", "no:hypothesispytest", "-p", "no:anyio",
    ]
    pytest_args += options.forwarded_args(args)
    if args.shard:
        pytest_args += ["--shard", args.shard]
        durations = Path(args.durations) if args.durations else Path(args.report_dir) / DURATIONS_NAME
        if durations.is_file():
            pytest_args += ["--durations-file", str(durations)]
    if args.headed:
        pytest_args += ["--headed"]
    if args.slowmo:
        pytest_args += ["--slowmo", str(args.slowmo)]
    if args.video != "off":
        pytest_args += ["--video", args.video]
    if args.guide:
        pytest_args += ["--guide", str(Path(args.guide).resolve())]
    if args.retries:
        pytest_args += ["--reruns", str(args.retries)]
    if args.workers > 1 and args.phase != "serial":
        pytest_args += ["-n", str(args.workers)]
    if getattr(args, "base_url", None):
        pytest_args += ["--base-url", args.base_url]
    return pytest_args + extra


def run(args: argparse.Namespace) -> tuple[int, dict | None, Path]:
    profile_path = Path(args.profile) if args.profile else default_profile_path()
    # What this process prints or writes before pytest starts is masked too (pytest registers its own).
    masking.register(getattr(args, "control_token", None), *masking.profile_secrets(profile_path))
    masking.register(*masking.url_secrets(getattr(args, "base_url", None)))
    try:
        profile = load_profile(profile_path)
    except ProfileError as exc:
        raise UsageError(str(exc)) from None
    for note in profile.deprecations:  # an old key still works; say once what to write instead
        print(f"{PROG}: warning: {note}", file=sys.stderr)
    if args.guide and not Path(args.guide).is_file():
        raise UsageError(f"--guide {args.guide}: no such file")
    if args.expectations:
        from harness.expectations import ExpectationsError, load_expectations

        try:
            load_expectations(args.expectations)
        except ExpectationsError as exc:
            raise UsageError(str(exc)) from None
    passthrough = args.pytest_args[1:] if args.pytest_args[:1] == ["--"] else args.pytest_args
    for option in ("--browser", "--headed", "--video", "--slowmo"):
        if any(word == option or word.startswith(option + "=") for word in passthrough):
            raise UsageError(f"{option} goes before --, as an option of run: `run {option} … -- …`")
    remote = getattr(args, "cdp_url", None) or getattr(args, "ws_endpoint", None)
    if args.headed and not remote and sys.platform.startswith("linux") and not (
            os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")):
        raise UsageError("--headed: no display here (DISPLAY is not set); run without --headed, or under xvfb-run")
    if args.video != "off" and not remote:
        missing = _missing_video_recorder()
        if missing is not None:
            raise UsageError(f"--video {args.video}: Playwright's video recorder is not installed ({missing}); "
                             "run `playwright install ffmpeg`, or run without --video")
    if args.durations and not Path(args.durations).is_file():
        raise UsageError(f"--durations {args.durations}: no such file")
    if args.browser != "chromium" and getattr(args, "cdp_url", None):
        raise UsageError(f"--browser {args.browser} with --cdp-url: CDP drives Chromium only; use --ws-endpoint")
    if args.browser != "chromium" and not getattr(args, "ws_endpoint", None):
        raise UsageError(
            f"--browser {args.browser}: only Chromium runs on this machine's set-up; {args.browser} needs a "
            f"Playwright server running it (`playwright run-server`), given with --ws-endpoint ws://…"
        )
    base_url = getattr(args, "base_url", None) or profile.base_url
    if base_url:
        args.base_url = base_url
        masking.register(*masking.url_secrets(base_url))
        check_target(base_url)
    if args.workers > 1 and base_url and not args.shard and not args.phase and profile.has("clock"):
        return _run_in_phases(args)
    run_id = args.run_id or new_run_id()
    run_dir = Path(args.report_dir) / run_id
    run_dir.mkdir(parents=True, exist_ok=True)

    import pytest

    status = pytest.main(_pytest_args(args, profile_path, run_dir, run_id))
    report_path = run_dir / "report.json"
    if status == pytest.ExitCode.USAGE_ERROR:
        return ExitCode.USAGE_ERROR, None, run_dir
    if status == pytest.ExitCode.NO_TESTS_COLLECTED and args.phase and report_path.exists():
        # A phase with nothing to run (a selection of clock scenarios only, or none): the other may have some.
        return ExitCode.CONFORMANT, None, run_dir
    if status == pytest.ExitCode.NO_TESTS_COLLECTED:
        print(f"{PROG}: no scenario matched the selection", file=sys.stderr)
        return ExitCode.USAGE_ERROR, None, run_dir
    if not report_path.exists():
        print(f"{PROG}: the run ended without a report (pytest exit status {int(status)})", file=sys.stderr)
        return ExitCode.HARNESS_ERROR, None, run_dir
    report = json.loads(report_path.read_text(encoding="utf-8"))
    if report["run"].get("error"):  # the run stopped (a browser that does not start): say why, in one line
        print(f"{PROG}: {report['run']['error']}", file=sys.stderr)
    elif args.trace == "rerun" and not args.rerun_of:
        _trace_failures(args, report, run_dir)
    return report["exit_code"], report, run_dir


def failures_to_trace(report: dict, expectations: str | None = None) -> list[dict]:
    """The failed scenarios worth a traced re-run: not those the expectations file already knows (a scenario
    it names, or one whose every requirement it lists), which would be run again at every build for nothing."""
    failed = [s for s in report["scenarios"] if s["outcome"] in ("failed", "error")]
    if not expectations:
        return failed
    from harness.expectations import load_expectations

    known = load_expectations(expectations)
    scenarios = {e.scenario for e in known if e.scenario}
    requirements = {e.requirement for e in known if e.requirement}
    return [s for s in failed if s["name"] not in scenarios and s["name"].split(" [")[0] not in scenarios
            and not (s["requirement_ids"] and set(s["requirement_ids"]) <= requirements)]


def _trace_failures(args: argparse.Namespace, report: dict, run_dir: Path) -> None:
    """Run the failed scenarios again, one at a time, with the same data seed and a trace recorded; put each trace
    into the run's evidence (``trace_from``: how the re-run ended) and write the run's files again."""
    import shutil
    import subprocess
    import tempfile

    from slugify import slugify

    from harness.report import write_run

    failed = failures_to_trace(report, args.expectations)
    if not failed:
        return
    traced = failed[:TRACE_RERUN_LIMIT]
    if not args.quiet:
        more = f" (the first {len(traced)} of {len(failed)})" if len(failed) > len(traced) else ""
        print(f"{PROG}: recording a trace of the failed scenarios{more}: each runs once more, traced; the "
              "verdict is this run's (--trace off: no re-run)", flush=True)
    seed = report["run"].get("data_seed")
    with tempfile.TemporaryDirectory(prefix="inspira-trace-") as tmp:
        listing = Path(tmp) / "scenarios.txt"
        listing.write_text("\n".join(s["nodeid"] for s in traced), encoding="utf-8")
        command = [sys.executable, "-m", "harness.cli", *_without_passthrough(args.argv),
                   "--trace", "on", "--workers", "1", "--retries", "0", "--quiet", "--report-dir", tmp,
                   "--run-id", "rerun", "--rerun-of", str(listing),
                   *(["--data-seed", str(seed)] if seed is not None else []), "--", *_passthrough(args.argv)]
        try:  # bounded: a re-run for evidence must not hold up the verdict already written
            subprocess.run(command, check=False, capture_output=True, timeout=120 + 120 * len(traced))
        except subprocess.TimeoutExpired:
            print(f"{PROG}: the re-run that records the failures' traces did not end in time; no trace kept",
                  file=sys.stderr)
            return
        rerun_report = Path(tmp) / "rerun" / "report.json"
        if not rerun_report.is_file():
            print(f"{PROG}: the re-run that records the failures' traces left no report; no trace kept",
                  file=sys.stderr)
            return
        rerun = json.loads(rerun_report.read_text(encoding="utf-8"))
        outcomes = {s["nodeid"]: s["outcome"] for s in rerun["scenarios"]}
        for scenario in traced:
            folder = slugify(scenario["nodeid"])
            trace = Path(tmp) / "rerun" / "evidence" / folder / "trace.zip"
            if scenario["nodeid"] not in outcomes or not trace.is_file():
                continue
            (run_dir / "evidence" / folder).mkdir(parents=True, exist_ok=True)
            shutil.copyfile(trace, run_dir / "evidence" / folder / "trace.zip")
            again = "failed again" if outcomes[scenario["nodeid"]] in ("failed", "error") else "passed"
            scenario.setdefault("evidence", {})["trace_from"] = f"a re-run of the scenario, which {again}"
    write_run(Path(args.report_dir), report["run"]["run_id"], report, Path(args.guide) if args.guide else None)


def _report_failed_run(args: argparse.Namespace, line: str, code: int) -> None:
    """A run that could not start still leaves a report, saying ERROR and why, so that reports/latest
    never shows an older run's verdict as this one's."""
    from harness.provenance import provenance
    from harness.report import error_report, write_run
    from harness.requirements import CatalogueError, load_catalogue

    profile_path = Path(args.profile) if args.profile else default_profile_path()
    run_info = {**provenance(), "profile": profile_path.stem, "profile_path": str(profile_path)}
    if getattr(args, "base_url", None):
        run_info["portal_url"] = args.base_url
    run_id = args.run_id or new_run_id()
    try:
        write_run(Path(args.report_dir), run_id, error_report(line, code, load_catalogue(), run_id, run_info))
    except (OSError, CatalogueError):
        pass  # an unwritable report folder: the line on stderr is then all there is


def _run_in_phases(args: argparse.Namespace) -> tuple[int, dict | None, Path]:
    """Parallel workers against one shared portal: the portal has one clock, and a scenario that moves it
    would end the others' sessions. So the scenarios that leave the clock alone run in parallel, then
    those that move it run one by one, and the two reports are merged into one."""
    import subprocess

    from harness.provenance import COMMIT_VARIABLE, harness_commit
    from harness.report_tools import ReportError, merge_runs

    runs = []
    # Both phases name the commit the run started from, so a commit made meanwhile does not split the run.
    environment = {**os.environ, COMMIT_VARIABLE: harness_commit() or ""}
    seed = [] if args.data_seed is not None else ["--data-seed", str(secrets.randbelow(2**32))]  # one for both
    for phase in ("parallel", "serial"):
        if not args.quiet:
            what = (f"the scenarios that leave the portal's clock alone, on {args.workers} workers"
                    if phase == "parallel" else "the scenarios that move the portal's clock, one at a time")
            print(f"{PROG}: phase {1 if phase == 'parallel' else 2} of 2: {what}", flush=True)
        run_id = new_run_id()
        command = [sys.executable, "-m", "harness.cli", *_without_passthrough(args.argv), *seed,
                   "--phase", phase, "--run-id", run_id, "--", *_passthrough(args.argv)]
        status = subprocess.run(command, check=False, env=environment).returncode
        if status not in (ExitCode.CONFORMANT, ExitCode.NOT_CONFORMANT):
            return status, None, Path(args.report_dir) / run_id
        runs.append(run_id)
    try:
        report, run_dir = merge_runs(runs, Path(args.report_dir))
    except ReportError as exc:  # the phases ran different features (edited during the run): one line
        raise RunFailed(f"the two phases cannot be merged into one report: {exc}") from None
    if report["summary"]["total"] == 0:
        print(f"{PROG}: no scenario matched the selection", file=sys.stderr)
        return ExitCode.USAGE_ERROR, None, run_dir
    return report["exit_code"], report, run_dir


def _without_passthrough(argv: list[str]) -> list[str]:
    return argv[: argv.index("--")] if "--" in argv else argv


def _passthrough(argv: list[str]) -> list[str]:
    return argv[argv.index("--") + 1 :] if "--" in argv else []


def print_summary(report: dict, run_dir: Path) -> None:
    counts = report["summary"]
    print()
    print(f"verdict: {report['verdict']} ({report['scope']} run)")
    print("scenarios: " + ", ".join(f"{counts[k]} {k.replace('_', ' ')}" for k in counts if k != "total"))
    if report["run"].get("data_seed") is not None and report["verdict"] != "CONFORMANT":
        print(f"data seed: {report['run']['data_seed']} (the same names and dates again: run --data-seed "
              f"{report['run']['data_seed']})")
    width = max((len(r["id"]) for r in report["requirements"]), default=10)
    for requirement in report["requirements"]:
        if requirement["verdict"] not in ("conformant", "not_run"):
            print(f"  {requirement['id']:<{width}}  {requirement['location']:<6} {requirement['verdict']}")
    failures = [s for s in report["scenarios"] if s["outcome"] in ("failed", "error")]
    if failures:
        print(f"failures ({len(failures)}):")
        for scenario in failures:
            ids = ", ".join(scenario["requirement_ids"]) or "no requirement"
            print(f"  {scenario['outcome'].upper():<6}  {ids}  {Path(scenario['feature']).stem} › {scenario['name']}")
            if scenario.get("message"):
                print(f"          {scenario['message'].strip().splitlines()[0][:200]}")
    expectations = report.get("expectations")
    if expectations is not None:
        verdict = "met" if expectations["met"] else "NOT met"
        print(f"expectations: {verdict} ({len(expectations['expected_failures'])} expected failure(s))")
        for key in ("unexpected_failures", "unexpected_passes", "unmatched"):
            for target in expectations[key]:
                print(f"  {key.replace('_', ' ')}: {target}")
    if report.get("accessibility"):
        print(summary_line(report["accessibility"]))
    not_run = sum(1 for r in report["requirements"] if r["verdict"] == "not_run")
    if not_run:
        print(f"  ({not_run} requirement(s) not run by this selection)")
    print(f"report: {run_dir / 'report.html'}")


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    try:
        argv = list(sys.argv[1:] if argv is None else argv)
        args = parser.parse_args(argv)
        args.argv = argv
        if args.command == "serve":
            return serve(args)
        if args.command == "coverage":
            return int(coverage(args))
        if args.command == "report":
            return int(report_command(args))
        if args.command == "labels":
            return int(labels_command(args))
        if args.command == "names":
            return names(args)
        try:
            code, report, run_dir = run(args)
        except (UsageError, Unreachable, RunFailed) as exc:
            failure = ExitCode.USAGE_ERROR if isinstance(exc, UsageError) else ExitCode.HARNESS_ERROR
            _report_failed_run(args, masking.mask_text(str(exc)), failure)
            raise
        if report is not None and not args.phase:  # a phase's run is summed up once merged
            print_summary(report, run_dir)
        return int(code)
    except UsageError as exc:
        print(f"{PROG}: {masking.mask_text(str(exc))}", file=sys.stderr)
        return ExitCode.USAGE_ERROR
    except (Unreachable, RunFailed) as exc:
        print(f"{PROG}: {masking.mask_text(str(exc))}", file=sys.stderr)
        return ExitCode.HARNESS_ERROR
    except KeyboardInterrupt:
        print(f"{PROG}: interrupted", file=sys.stderr)
        return ExitCode.HARNESS_ERROR


if __name__ == "__main__":
    raise SystemExit(main())
