"""The harness certifies a portal it was not written against: the alternative portal (``serve --variant alt``)
differs from the reference one wherever the guide leaves a choice open (reference_portal/variant.py), and the
whole French suite, run with its own profile (fixtures/profiles/alt-fr.toml), finds it CONFORMANT. A step that
leans on something only the reference portal does fails here."""

import secrets
import sys

import pytest

from fixtures.mail import free_port
from fixtures.portal import ReferencePortal
from harness.paths import PROFILES_DIR

from .test_artefacts import assert_whole
from .test_english import latest, run_cli, scenario_count

pytestmark = pytest.mark.slow

SERVE = [sys.executable, "-m", "harness.cli", "serve"]
ALT_PROFILE = PROFILES_DIR / "alt-fr.toml"


def test_the_whole_suite_certifies_the_alternative_portal_with_its_profile(tmp_path):
    token = secrets.token_hex(16)
    sink = f"127.0.0.1:{free_port()}"
    reports = tmp_path / "reports"
    with ReferencePortal(
        tmp_path / "portal", control_token=token, smtp=sink, launcher=SERVE, extra_args=["--variant", "alt"]
    ) as portal:
        code, output = run_cli(
            "--base-url", portal.base_url, "--control-token", token, "--mail-listen", sink, "--workers", "2",
            "--profile", str(ALT_PROFILE), "--report-dir", str(reports),
        )
    report = latest(reports)
    failed = [(s["name"], s.get("message", "")[:400]) for s in report["scenarios"] if s["outcome"] != "passed"]
    assert code == 0, failed or output
    assert report["verdict"] == "CONFORMANT" and report["scope"] == "full"
    assert report["summary"]["passed"] == report["summary"]["total"] == scenario_count()
    assert report["run"]["profile"] == "alt-fr"
    assert_whole(reports / report["run"]["run_id"], scenario_count())
