"""`run --real-time`: a portal without the clock capability is given real inactivity, the guide's 20 minutes
scaled to the portal's own timeout, each wait kept clear of the boundary it must fall before or after."""

import json
import os
import secrets
import subprocess
import sys
from types import SimpleNamespace

import pytest

from fixtures.control import ControlClient
from fixtures.data import People
from fixtures.portal import ReferencePortal
from fixtures.provision import provisioned_profile
from harness.paths import PROFILES_DIR
from harness.profile import Timing
from harness.pytest_plugin import usable_capabilities

SERVE = [sys.executable, "-m", "harness.cli", "serve"]
# The session feature's scenarios on a page left open or reloaded (the one that signs in again adds time,
# not mechanism).
SESSION_SCENARIOS = "tient_jusquà or avertissement_propose or passe_dellemême"


def test_guide_durations_scale_to_the_portal_and_stay_clear_of_its_boundaries():
    timing = Timing(session_timeout_seconds=6, session_warning_seconds=4, real_time_tolerance_seconds=1.2)
    assert timing.real_seconds(19 * 60 + 59) == pytest.approx(4.8)  # before the timeout, by the tolerance
    assert timing.real_seconds(20 * 60 + 1) == pytest.approx(7.2)  # after it, by the tolerance
    assert timing.real_seconds(17 * 60 + 59) == pytest.approx(2.8)  # before the warning, by the tolerance
    assert timing.real_seconds(60) == pytest.approx(0.3)  # far from both: only scaled
    assert timing.real_seconds(30 * 60) == pytest.approx(9.0)
    guide = Timing()  # a portal that keeps the guide's 20 minutes waits them
    assert guide.real_seconds(19 * 60 + 59) == 19 * 60 + 59 and guide.real_seconds(20 * 60 + 1) == 20 * 60 + 1


def _item(*tags: str):
    return SimpleNamespace(get_closest_marker=lambda name: name if name in tags else None)


def test_real_time_stands_in_for_the_clock_only_where_waiting_is_all_that_is_needed():
    target = SimpleNamespace(capabilities=frozenset(), profile=SimpleNamespace(accounts=(1,), openings=()))
    session = _item("needs-accounts", "needs-clock")
    deadline = _item("needs-control-api", "needs-clock")  # moves the clock to a deadline: nobody waits days
    assert "clock" in usable_capabilities(session, target, real_time=True)
    assert "clock" not in usable_capabilities(session, target, real_time=False)
    assert "clock" not in usable_capabilities(deadline, target, real_time=True)
    assert "accounts" in usable_capabilities(session, target, real_time=False)


@pytest.mark.slow
def test_session_scenarios_wait_for_real_against_a_portal_with_a_sixteen_second_timeout(tmp_path):
    token = secrets.token_hex(16)
    short = ["--session-timeout", "16", "--session-warning", "10"]
    with ReferencePortal(tmp_path / "portal", control_token=token, extra_args=short, launcher=SERVE) as portal:
        # The control API only makes the accounts; the run itself goes without it, and without the clock.
        profile = provisioned_profile(
            ControlClient(portal.base_url, token), People(), PROFILES_DIR / "reference-no-control.toml",
            "reference-sixteen-seconds", accounts={"complete": 8}, openings={},
            # Real waits are what is under test, so real seconds count here and nowhere else: four seconds either
            # side of a boundary leave room for a loaded machine's page loads (two CPU hogs beside the run).
            timing={"session_timeout_seconds": 16, "session_warning_seconds": 10, "real_time_tolerance_seconds": 4},
        )
        (tmp_path / "sixteen-seconds.toml").write_text(profile, encoding="utf-8")
        result = subprocess.run(
            [sys.executable, "-m", "harness.cli", "run", "--real-time", "--workers", "2",
             "--base-url", portal.base_url, "--profile", str(tmp_path / "sixteen-seconds.toml"),
             "--report-dir", str(tmp_path / "reports"), "--", "-k", SESSION_SCENARIOS],
            capture_output=True, text=True, timeout=300, check=False, env={**os.environ, "PYTHONUNBUFFERED": "1"},
        )
    output = result.stdout + result.stderr
    report = json.loads((tmp_path / "reports" / "latest" / "report.json").read_text(encoding="utf-8"))
    outcomes = {s["name"]: (s["outcome"], s.get("message")) for s in report["scenarios"]}
    assert len(outcomes) == 4 and all(o == "passed" for o, _ in outcomes.values()), (outcomes, output)
    assert result.returncode == 0 and report["verdict"] == "CONFORMANT", output
    # The waits were real, and kept clear of the boundaries: 19 min 59 s → 12 s, 20 min 01 s → 20 s,
    # 17 min 59 s → 6 s (the warning comes at 10 s). That they were scaled, not the guide's 20 minutes, is
    # the subprocess's time-out's to catch: no stopwatch on the run, which a busy machine would stop.
    idle = {}
    for scenario in report["scenarios"]:
        for step in scenario["steps"]:
            if "sans activité pendant" in step["text"] or "inactif pendant" in step["text"]:
                idle.setdefault(step["text"].rsplit("pendant ", 1)[1], []).append(step["duration_s"])
    expected = {"19 min 59 s": 12, "20 min 01 s": 20, "17 min 59 s": 6, "19 min 00 s": 12}
    for duration, seconds in expected.items():
        assert idle[duration] and all(s >= seconds - 0.05 for s in idle[duration]), idle
