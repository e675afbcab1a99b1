"""junit.xml and cucumber.json written from a report: what CI dashboards and Cucumber tools read."""

import json
import xml.etree.ElementTree as ET

from harness.cucumber import build_cucumber
from harness.junit import write_junit
from harness.report import ScenarioResult, build_report
from harness.requirements import load_catalogue
from harness.verdicts import Outcome

OUTLINE = "La session tient jusqu'à 20 minutes d'inactivité, pas au-delà"
STEPS = [{"keyword": "Étant donné", "text": "un candidat inscrit dont le profil est complet", "status": "passed",
          "duration_s": 0.25},
         {"keyword": "Et que", "text": "je suis connecté en tant que ce candidat", "status": "failed",
          "duration_s": 1.5, "error": "AssertionError: \x1b[31mstill signed in\x1b[0m"}]


def _report() -> dict:
    results = [
        ScenarioResult(nodeid="t::a[1]", feature="session.feature",
                       name=OUTLINE + " [durée: 20 min 01 s, état: déconnecté]",
                       tags=["REQ-SES-01", "needs-clock"], outcome=Outcome.FAILED, duration_s=2.0,
                       message="AssertionError: \x1b[31mstill signed in\x1b[0m\nmore", steps=STEPS),
        ScenarioResult(nodeid="t::b", feature="session.feature",
                       name="Ce qui a été enregistré survit à l'expiration de la session",
                       tags=["REQ-SES-02"], outcome=Outcome.NOT_TESTABLE,
                       message="not testable: missing capability: clock"),
        ScenarioResult(nodeid="t::c", feature="aide.feature",
                       name="Sans <champ>, le message est refusé, le champ nommé et la saisie conservée"
                            " [champ: nom complet]",
                       tags=["REQ-AID-04"], outcome=Outcome.FLAKY, message="passed on attempt 2 after: boom"),
    ]
    return build_report(results, load_catalogue(), {"run_id": "r", "started": "2026-12-03T08:00:00+00:00"}, "partial")


def test_junit_has_a_class_per_feature_readable_names_and_requirement_properties(tmp_path):
    root = ET.parse(write_junit(_report(), tmp_path)).getroot()
    assert root.get("tests") == "3" and root.get("failures") == "1" and root.get("skipped") == "1"
    cases = {case.get("name"): case for case in root.iter("testcase")}
    assert set(cases) == {
        OUTLINE + " [durée: 20 min 01 s, état: déconnecté]",
        "Ce qui a été enregistré survit à l'expiration de la session",
        "Sans nom complet, le message est refusé, le champ nommé et la saisie conservée",
    }
    failed = cases[OUTLINE + " [durée: 20 min 01 s, état: déconnecté]"]
    assert failed.get("classname").startswith("Expiration de la session après 20 minutes")
    assert failed.get("file") == "features/session.feature" and failed.get("line") == "25"
    assert [p.get("value") for p in failed.iter("property") if p.get("name") == "requirement"] == ["REQ-SES-01"]
    failure = failed.find("failure")
    assert failure.get("message") == "AssertionError: [31mstill signed in[0m"  # no control character left
    assert "je suis connecté en tant que ce candidat" in failure.text
    assert cases["Ce qui a été enregistré survit à l'expiration de la session"].find("skipped") is not None
    flaky = cases["Sans nom complet, le message est refusé, le champ nommé et la saisie conservée"]
    assert ("outcome", "flaky") in {(p.get("name"), p.get("value")) for p in flaky.iter("property")}
    text = (tmp_path / "junit.xml").read_text(encoding="utf-8")
    assert "\\x" not in text and "inspira_scenario" not in text


def test_cucumber_json_has_every_scenario_with_its_steps_and_lines():
    features = build_cucumber(_report())
    assert [f["uri"] for f in features] == ["features/aide.feature", "features/session.feature"]
    session = features[1]
    assert [e["name"] for e in session["elements"]] == [
        "Ce qui a été enregistré survit à l'expiration de la session",
        OUTLINE + " [durée: 20 min 01 s, état: déconnecté]",
    ]
    outline = session["elements"][1]
    statuses = [s["result"]["status"] for s in outline["steps"]]
    assert statuses[:2] == ["passed", "failed"] and set(statuses[2:]) == {"skipped"}
    assert outline["steps"][0]["result"]["duration"] == 250_000_000 and outline["line"] == 25
    assert {"name": "@REQ-SES-01", "line": 14} in outline["tags"]
    assert all(s["result"]["status"] == "skipped" for s in session["elements"][0]["steps"])
    json.dumps(features)


COLLECT = """
import json, sys
import pytest
from harness.reporting import scenario_of

class Names:
    def pytest_collection_finish(self, session):
        names = [scenario_of(item) for item in session.items]
        print("NAMES=" + json.dumps([[n["feature"], n["name"]] for n in names if n]))

sys.exit(pytest.main(["steps/test_guide.py", "--collect-only", "-q", "-p", "no:cacheprovider"], plugins=[Names()]))
"""


def test_every_scenario_of_the_suite_has_its_source_every_outline_example_included():
    """What the report names, junit.xml, cucumber.json and messages.ndjson find in the features: for the
    whole suite, collected (not run)."""
    import subprocess
    import sys

    from harness.gherkin_source import scenario_sources
    from harness.paths import PROJECT_ROOT

    result = subprocess.run([sys.executable, "-c", COLLECT], capture_output=True, text=True, cwd=PROJECT_ROOT,
                            timeout=300, check=False)
    line = next(line for line in result.stdout.splitlines() if line.startswith("NAMES="))
    collected = {tuple(pair) for pair in json.loads(line.removeprefix("NAMES="))}
    assert len(collected) >= 87 and any("<" in name for _, name in collected)
    assert collected == set(scenario_sources())
