"""The accessibility defect variant: a nameless image button and an unlabelled field on the careers home.

At the catalogue's SHOULD level the run stays CONFORMANT with a WARNING naming the rule, the page and the
element; with a profile raising accessibility to MUST (the customer's demand) it is NOT CONFORMANT."""

import json

import pytest
from matrix import HERE, _run
from variants import A11Y_VARIANTS

from harness.paths import PROFILES_DIR

[VARIANT] = A11Y_VARIANTS


def _broken_run(tmp_path, *run_args: str) -> tuple[str, list[str], dict]:
    import sys

    verdict, flagged, output = _run([sys.executable, str(HERE / "serve_variant.py"), VARIANT.name], VARIANT.select,
                                    tmp_path, run_args)
    report_path = tmp_path / "reports" / "latest" / "report.json"
    assert report_path.exists(), output[-3000:]
    return verdict, flagged, json.loads(report_path.read_text(encoding="utf-8"))


def _verdicts(report: dict) -> dict[str, str]:
    return {r["id"]: r["verdict"] for r in report["requirements"] if r["id"].startswith("REQ-A11Y-")}


@pytest.mark.slow
def test_the_variant_is_a_warning_naming_rule_page_and_element(tmp_path):
    verdict, _, report = _broken_run(tmp_path)
    assert verdict == "CONFORMANT"
    assert _verdicts(report)["REQ-A11Y-04"] == "warning"
    [home] = [p for p in report["accessibility"]["pages"] if p["page"] == "/"]
    rules = {v["rule"]: v for v in home["violations"]}
    assert {"input-image-alt", "label"} <= set(rules), sorted(rules)
    assert 'type="image"' in rules["input-image-alt"]["nodes"][0]["html"]
    assert 'name="q"' in rules["label"]["nodes"][0]["html"]
    assert (tmp_path / "reports" / "latest" / home["screenshot"]).is_file()
    warnings = [w for s in report["scenarios"] for w in s.get("warnings", [])]
    assert any("input-image-alt (critical) on /" in w for w in warnings), warnings
    junit = (tmp_path / "reports" / "latest" / "junit.xml").read_text(encoding="utf-8")
    assert "WARNING REQ-A11Y-01/REQ-A11Y-04 input-image-alt (critical) on /" in junit


@pytest.mark.slow
def test_with_the_profile_raising_accessibility_the_variant_is_not_conformant(tmp_path):
    profile = tmp_path / "wcag-required.toml"
    profile.write_text(f'extends = "{PROFILES_DIR / "reference-fr.toml"}"\nname = "reference-fr-wcag"\n'
                       '[accessibility]\nlevel = "MUST"\n', encoding="utf-8")
    verdict, flagged, report = _broken_run(tmp_path, "--profile", str(profile))
    assert verdict == "NOT CONFORMANT"
    assert _verdicts(report)["REQ-A11Y-04"] == "failed"
    assert "REQ-A11Y-04" in flagged
    [robust] = [r for r in report["requirements"] if r["id"] == "REQ-A11Y-04"]
    assert (robust["level"], robust["level_raised_by"]) == ("MUST", "profile")
