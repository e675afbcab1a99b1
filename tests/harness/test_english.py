"""The French features certify a translated portal: the reference portal served in English, run with
fixtures/profiles/reference-en.toml, is CONFORMANT; with the French profile it is not, and the failure names
the guide's label and what the page shows instead. The whole run is what proves the label mapping.
"""

import json
import os
import re
import secrets
import subprocess
import sys
from pathlib import Path

import pytest

from fixtures.mail import free_port
from fixtures.portal import ReferencePortal
from harness.paths import PROJECT_ROOT
from reference_portal.i18n import load_catalogue

pytestmark = pytest.mark.slow

SERVE = [sys.executable, "-m", "harness.cli", "serve"]
ENGLISH_PROFILE = PROJECT_ROOT / "fixtures" / "profiles" / "reference-en.toml"


def run_cli(*args: str) -> tuple[int, str]:
    # A ceiling, not an expectation: the whole run takes about 4 minutes, far longer on a loaded machine.
    result = subprocess.run(
        [sys.executable, "-m", "harness.cli", "run", *args],
        capture_output=True, text=True, timeout=3600, check=False, env={**os.environ, "PYTHONUNBUFFERED": "1"},
    )
    return result.returncode, result.stdout + result.stderr


def latest(report_dir: Path) -> dict:
    return json.loads((report_dir / "latest" / "report.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def english_portal(tmp_path_factory):
    """The reference portal served in English, with the control API and mail routed to the run's sink."""
    tmp_path = tmp_path_factory.mktemp("english")
    token = secrets.token_hex(16)
    sink = f"127.0.0.1:{free_port()}"
    with ReferencePortal(
        tmp_path / "portal", control_token=token, smtp=sink, launcher=SERVE, extra_args=["--locale", "en"]
    ) as portal:
        yield portal, token, sink, tmp_path


def scenario_count() -> int:
    """Every scenario of the features, each example of an outline counted once."""
    from gherkin.parser import Parser
    from gherkin.token_scanner import TokenScanner

    from harness.paths import FEATURES_DIR

    total = 0
    for path in FEATURES_DIR.glob("*.feature"):
        document = Parser().parse(TokenScanner(path.read_text(encoding="utf-8")))
        for child in document["feature"]["children"]:
            if "scenario" in child:
                total += sum(len(e["tableBody"]) for e in child["scenario"]["examples"]) or 1
    return total


def assert_every_page_checked_and_clean(report: dict) -> None:
    """#17: axe checked every distinct page the run loaded, and found nothing serious or critical."""
    a11y = report["accessibility"]
    assert a11y["checks"] == "on" and a11y["pages_checked"] >= 20, a11y["pages_checked"]
    assert a11y["pages_not_checked"] == [] and a11y["pages_visited"] == a11y["pages_checked"], a11y["pages_not_checked"]
    assert a11y["impact_counts"]["critical"] == a11y["impact_counts"]["serious"] == 0, [
        (page["page"], [v["rule"] for v in page["violations"]]) for page in a11y["pages"] if page["violations"]]


def test_the_french_features_certify_the_english_portal_with_the_english_profile(english_portal):
    portal, token, sink, tmp_path = english_portal
    reports = tmp_path / "reports-en"
    code, output = run_cli(
        "--base-url", portal.base_url, "--control-token", token, "--mail-listen", sink,
        "--profile", str(ENGLISH_PROFILE), "--report-dir", str(reports),
    )
    report = latest(reports)
    failed = [(s["name"], s.get("message", "")) for s in report["scenarios"] if s["outcome"] != "passed"]
    assert code == 0, failed or output
    assert report["verdict"] == "CONFORMANT" and report["scope"] == "full"
    assert report["summary"]["passed"] == report["summary"]["total"] == scenario_count()
    assert report["run"]["profile"] == "reference-en"
    assert_every_page_checked_and_clean(report)


def test_the_english_portal_fails_with_the_french_profile_naming_the_label(english_portal):
    """Without the mapping the same scenario fails, and says which guide label is missing and what the page
    offers instead (the English label), so the certification above cannot pass by accident."""
    portal, token, sink, tmp_path = english_portal
    reports = tmp_path / "reports-fr"
    code, output = run_cli(
        "--base-url", portal.base_url, "--control-token", token, "--mail-listen", sink,
        "--report-dir", str(reports), "--", "-k", "arrive_sur_la_page__accueil",
    )
    report = latest(reports)
    assert code == 1, output
    assert report["verdict"] == "NOT CONFORMANT" and report["run"]["profile"] == "reference-fr"
    [scenario] = report["scenarios"]
    assert scenario["outcome"] == "failed", scenario
    message = scenario["message"]
    found = re.search(r"« Connexion » \(link\) not found on \S+; nearest: (.+?)"
                      r"(?:; other [a-z ]+s here: .*?)?(?:; profile: .*)?$", message)
    assert found, message
    nearest = re.findall(r"« (.+?) »", found[1])
    english = set(load_catalogue("en").values())
    assert nearest and all(name in english for name in nearest), nearest  # what the English page offers
