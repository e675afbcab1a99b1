"""The harness as a pytest plugin (entry point ``inspira_conformance``).

It adds the harness's options, loads the portal profile and the requirement catalogue, registers every
requirement ID and capability tag as a marker (so ``--strict-markers`` rejects a misspelt tag), gates
scenarios on the capabilities they need, and pulls in the fixture, step and reporting modules.
"""

from __future__ import annotations

import secrets
from collections.abc import Iterator
from pathlib import Path

import pytest

from harness import options
from harness.expectations import ExpectationsError, load_expectations
from harness.paths import STEPS_DIR
from harness.profile import Profile, ProfileError, default_profile_path, load_profile
from harness.provenance import provenance
from harness.report import new_run_id
from harness.requirements import CatalogueError, Requirement, load_catalogue
from harness.shards import DurationsError, Shard, balanced_split, load_durations, parse_shard
from harness.verdicts import NOT_TESTABLE_PREFIX

# Step modules are found, not listed: a new guide area adds its module to steps/ and nothing else.
_NOT_STEP_MODULES = {"__init__", "conftest", "driver", "probes", "test_guide"}
# Steps assert with plain `assert`; have pytest rewrite them (and the fixtures) for readable failures,
# whichever step module happens to import another first.
pytest.register_assert_rewrite("steps", "fixtures")

pytest_plugins = [
    "fixtures.portal",
    "fixtures.mail",
    "fixtures.data",
    "fixtures.provision",
    "harness.reporting",
    "harness.progress",
    "harness.accessibility_scan",
    *(f"steps.{path.stem}" for path in sorted(STEPS_DIR.glob("*.py")) if path.stem not in _NOT_STEP_MODULES),
]

PROFILE_KEY = pytest.StashKey[Profile]()
CATALOGUE_KEY = pytest.StashKey[dict[str, Requirement]]()
RUN_INFO_KEY = pytest.StashKey[dict]()
SHARD_KEY = pytest.StashKey[Shard]()
DURATIONS_KEY = pytest.StashKey[dict]()
EXPECTATIONS_KEY = pytest.StashKey["list[Expectation] | None"]()

# Scenario tag → the capability it needs.
CAPABILITY_TAGS = {
    "needs-control-api": "control_api",
    "needs-clock": "clock",
    "needs-mail": "mail",
    # Candidates or openings of a kind: made through the control API, or listed in the profile.
    "needs-accounts": "accounts",
}


def pytest_addoption(parser: pytest.Parser) -> None:
    group = parser.getgroup("inspira-conformance", "inspira-conformance harness")
    options.add_to_plugin(group)  # the same table as the CLI's (harness/options.py)


@pytest.hookimpl(tryfirst=True)
def pytest_configure(config: pytest.Config) -> None:
    report_dir = config.getoption("report_dir")
    if report_dir and not hasattr(config, "workerinput"):
        # Decided once, on the controller: the run's folder, where pytest-playwright's evidence goes too.
        config.option.run_id = config.getoption("run_id") or new_run_id()
    if config.getoption("data_seed") is None and not hasattr(config, "workerinput"):
        # xdist hands the controller's options to its workers, so every worker uses this one seed.
        config.option.data_seed = secrets.randbelow(2**32)
    shard_spec = config.getoption("shard")
    if shard_spec:
        try:
            config.stash[SHARD_KEY] = parse_shard(shard_spec)
        except ValueError as exc:
            raise pytest.UsageError(f"--shard: {exc}") from None
        durations_path = config.getoption("durations_file")
        if durations_path:
            try:
                config.stash[DURATIONS_KEY] = load_durations(Path(durations_path))
            except DurationsError as exc:
                raise pytest.UsageError(str(exc)) from None
    profile_path = config.getoption("portal_profile") or default_profile_path()
    try:
        config.stash[PROFILE_KEY] = load_profile(profile_path)
        config.stash[CATALOGUE_KEY] = load_catalogue()
        expectations_path = config.getoption("expectations")
        config.stash[EXPECTATIONS_KEY] = load_expectations(expectations_path) if expectations_path else None
    except (ProfileError, CatalogueError, ExpectationsError) as exc:
        raise pytest.UsageError(str(exc)) from None
    config.stash[RUN_INFO_KEY] = {
        **provenance(),
        "profile": config.stash[PROFILE_KEY].name,
        "profile_path": str(Path(profile_path)),
        "data_seed": config.getoption("data_seed"),
    }
    for requirement in config.stash[CATALOGUE_KEY].values():
        config.addinivalue_line("markers", f"{requirement.id}: {requirement.statement}")
    for tag, capability in CAPABILITY_TAGS.items():
        config.addinivalue_line("markers", f"{tag}: the scenario needs the portal capability '{capability}'")


def _moves_the_clock(item: pytest.Item) -> bool:
    return item.get_closest_marker("needs-clock") is not None


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Deselect what another shard or phase runs; the report then has scope "shard" and can be merged. A re-run
    of failures (``--rerun-of``) keeps only the scenarios it lists."""
    phase = config.getoption("phase")
    shard = config.stash.get(SHARD_KEY, None)
    rerun_of = config.getoption("rerun_of")
    if rerun_of:
        listed = set(Path(rerun_of).read_text(encoding="utf-8").splitlines())

        def owns(item: pytest.Item) -> bool:
            return item.nodeid in listed

    elif phase is not None:
        # A portal shared by parallel workers has one clock: scenarios that move it run on their own.
        def owns(item: pytest.Item) -> bool:
            return _moves_the_clock(item) == (phase == "serial")

        config.stash[RUN_INFO_KEY]["phase"] = phase
    elif shard is not None:
        durations = config.stash.get(DURATIONS_KEY, None)
        if durations:
            owners = balanced_split((item.nodeid for item in items), shard.total, durations)

            def owns(item: pytest.Item) -> bool:
                return owners[item.nodeid] == shard.index

            from harness.provenance import sha256_file

            config.stash[RUN_INFO_KEY]["shard_split"] = "durations"
            config.stash[RUN_INFO_KEY]["shard_durations_sha256"] = sha256_file(Path(config.getoption("durations_file")))
        else:
            def owns(item: pytest.Item) -> bool:
                return shard.owns(item.nodeid)

            config.stash[RUN_INFO_KEY]["shard_split"] = "test-id-hash"
        config.stash[RUN_INFO_KEY]["shard"] = str(shard)
    else:
        return
    kept = [item for item in items if owns(item)]
    others = [item for item in items if not owns(item)]
    config.stash[RUN_INFO_KEY]["shard_deselected"] = len(others)
    if others:
        config.hook.pytest_deselected(items=others)
    items[:] = kept


def missing_capabilities(item: pytest.Item, available: frozenset[str]) -> list[str]:
    needed = [cap for tag, cap in CAPABILITY_TAGS.items() if item.get_closest_marker(tag)]
    return [cap for cap in needed if cap not in available]


def usable_capabilities(item: pytest.Item, target, real_time: bool) -> frozenset[str]:
    """What the target offers this scenario: its capabilities, plus "accounts" when the control API or the
    profile's provisioned data can give it candidates and openings, plus "clock" with --real-time for a
    scenario whose only use of time is waiting (one that also needs the control API moves the clock by days
    or to a deadline, which no one waits for)."""
    usable = set(target.capabilities)
    if "control_api" in usable or target.profile.accounts or target.profile.openings:
        usable.add("accounts")
    if real_time and item.get_closest_marker("needs-control-api") is None:
        usable.add("clock")
    return frozenset(usable)


def _target_capabilities(request: pytest.FixtureRequest) -> frozenset[str]:
    return request.getfixturevalue("target").capabilities


@pytest.fixture(autouse=True)
def _held_clock(request: pytest.FixtureRequest, _capability_gate: None) -> Iterator[None]:
    """A scenario that moves the portal's clock runs with the clock held still, so its moves are exact:
    « 19 min 59 s » is 19 min 59 s of inactivity however slowly the machine runs. Released after."""
    if request.node.get_closest_marker("needs-clock") is None or "clock" not in _target_capabilities(request):
        yield  # with --real-time, the portal's clock runs on its own
        return
    control = request.getfixturevalue("target").control
    control.freeze_clock(True)
    try:
        yield
    finally:
        control.freeze_clock(False)


@pytest.fixture(autouse=True)
def _capability_gate(request: pytest.FixtureRequest) -> None:
    """A scenario needing a capability the target lacks is reported not testable, never run or passed."""
    if not any(request.node.get_closest_marker(tag) for tag in CAPABILITY_TAGS):
        return
    target = request.getfixturevalue("target")
    real_time = request.config.getoption("real_time")
    missing = missing_capabilities(request.node, usable_capabilities(request.node, target, real_time))
    if missing:
        pytest.skip(NOT_TESTABLE_PREFIX + "missing capability: " + ", ".join(missing))
