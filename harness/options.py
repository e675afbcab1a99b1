"""The run options the CLI and the pytest plugin share: declared once here, added to both.

``inspira-conformance run``/``demo`` take them (with the CLI's spelling where it differs) and hand them on to
pytest; ``pytest`` run directly takes them from the plugin. Options only one side has (the CLI's ``--workers``,
``--browser``…, which become pytest-xdist's or pytest-playwright's own) are declared where they are used.
"""

from __future__ import annotations

import argparse
import os
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from harness.paths import DEFAULT_REPORTS_DIR

RUN_COMMANDS = ("run", "demo")


def host_port(value: str) -> str:
    host, sep, port = value.rpartition(":")
    if not sep or not host or not port.isdigit():
        raise argparse.ArgumentTypeError(f"expected HOST:PORT, got {value!r}")
    return value


def shard_spec(value: str) -> str:
    from harness.shards import parse_shard

    try:
        parse_shard(value)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None
    return value


@dataclass(frozen=True)
class RunOption:
    flag: str  # as pytest takes it
    help: str
    cli_flag: str | None = None  # the CLI's spelling, where it differs
    commands: tuple[str, ...] = RUN_COMMANDS  # the CLI commands that take it
    default: Any = None
    cli_default: Callable[[], Any] | None = None  # the CLI's default, where it is not pytest's
    choices: tuple[str, ...] | None = None
    metavar: str | None = None
    switch: bool = False
    value_type: Callable[[str], Any] | None = None  # both sides
    cli_check: Callable[[str], Any] | None = None  # the CLI's stricter reading (a mistake is one line, exit 2)
    hidden_in_cli: bool = False  # the CLI sets it itself (a run's phases, its ID)
    forwarded: bool = True  # the CLI hands the value on as typed (else cli._pytest_args builds it)

    @property
    def dest(self) -> str:
        """The attribute of the CLI's namespace."""
        return (self.cli_flag or self.flag).removeprefix("--").replace("-", "_")

    @property
    def plugin_dest(self) -> str:
        """The name ``config.getoption`` takes."""
        return self.flag.removeprefix("--").replace("-", "_")

    def _common(self) -> dict[str, Any]:
        if self.switch:
            return {"action": "store_true"}
        extra: dict[str, Any] = {"choices": list(self.choices)} if self.choices else {}
        if self.metavar:
            extra["metavar"] = self.metavar
        if self.value_type:
            extra["type"] = self.value_type
        return extra


def _env(name: str) -> Callable[[], str | None]:
    return lambda: os.environ.get(name) or None


RUN_OPTIONS: tuple[RunOption, ...] = (
    RunOption("--portal-profile", "portal profile (TOML); default: reference-fr", cli_flag="--profile",
              forwarded=False),
    RunOption("--control-token", "bearer token of the portal's control API (default: $INSPIRA_CONTROL_TOKEN, which "
              "other users of the machine cannot read in the process list)", commands=("run",),
              cli_default=_env("INSPIRA_CONTROL_TOKEN")),
    RunOption("--mail-listen", "run the SMTP sink there; the portal must send its mail to it", commands=("run",),
              metavar="HOST:PORT", cli_check=host_port),
    RunOption("--report-dir", "write the conformance report under this folder", forwarded=False,
              cli_default=lambda: str(DEFAULT_REPORTS_DIR)),
    RunOption("--run-id", "name of this run's report folder", hidden_in_cli=True, forwarded=False),
    RunOption("--cdp-url", "drive a remote Chromium over CDP (e.g. http://127.0.0.1:9222)", commands=("run",)),
    RunOption("--ws-endpoint", "drive a browser of a Playwright server (ws://…)", commands=("run",)),
    RunOption("--evidence", "keep screenshots of failures only (default) or of every step", default="failures",
              choices=("failures", "all")),
    RunOption("--guide", "also write guide.html: this guide, each instruction marked with its verdicts",
              metavar="FILE", forwarded=False),
    RunOption("--expectations", "known failures (TOML); the run then fails only on a difference from them",
              metavar="FILE"),
    RunOption("--phase", "run only the scenarios that leave the portal's clock alone (parallel) or only those that "
              "move it", choices=("parallel", "serial"), hidden_in_cli=True),
    RunOption("--rerun-of", "run only the scenarios of these test IDs (one per line): a run's failures again, traced",
              metavar="FILE", hidden_in_cli=True),
    RunOption("--shard", "run only shard I of N (deterministic); merge with `report merge`", metavar="I/N",
              cli_check=shard_spec, forwarded=False),
    RunOption("--durations-file", "the scenario durations --shard balances on (default: durations.json in the "
              "report folder, written by every run; without one the split is by test ID)",
              cli_flag="--durations", metavar="FILE", forwarded=False),
    RunOption("--real-time", "for a portal without the clock capability: wait for real, the guide's 20 minutes "
              "scaled to the profile's [timing] session_timeout_seconds", switch=True, default=False),
    RunOption("--a11y", "check every distinct page visited with axe-core, WCAG 2.1 A and AA (default on)",
              default="on", choices=("on", "off")),
    RunOption("--data-seed", "seed of the made-up candidate data (names, dates); each report names its own, so a "
              "failure can be replayed with the same data", metavar="N", value_type=int),
)


def add_to_plugin(group: Any) -> None:
    """Declares the options on the plugin's pytest option group."""
    for option in RUN_OPTIONS:
        group.addoption(option.flag, default=option.default, help=option.help, **option._common())


def add_to_cli(command: argparse.ArgumentParser, command_name: str) -> None:
    """Declares the options that ``command_name`` (run, demo) takes, with the CLI's spelling and defaults."""
    for option in RUN_OPTIONS:
        if command_name not in option.commands:
            continue
        extra = option._common()
        if option.cli_check:
            extra["type"] = option.cli_check
        default = option.cli_default() if option.cli_default else option.default
        shown = argparse.SUPPRESS if option.hidden_in_cli else option.help
        command.add_argument(option.cli_flag or option.flag, default=default, help=shown, **extra)


def forwarded_args(args: argparse.Namespace) -> list[str]:
    """The shared options the CLI was given, as pytest arguments (each value in one word: it may start with -)."""
    found: list[str] = []
    for option in RUN_OPTIONS:
        value = getattr(args, option.dest, None)
        if not option.forwarded or value is None or value == option.default:
            continue
        found.append(option.flag if option.switch else f"{option.flag}={value}")
    return found
