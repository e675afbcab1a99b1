"""The catalogue's basis column reaches the report: each requirement of report.json says its basis."""

import json

import jsonschema

from harness.paths import PROJECT_ROOT
from harness.report import ScenarioResult, build_report
from harness.requirements import load_catalogue
from harness.verdicts import Outcome

SCHEMA = json.loads((PROJECT_ROOT / "harness" / "schemas" / "report.schema.json").read_text(encoding="utf-8"))


def test_each_requirement_of_the_report_carries_its_basis(tmp_path):
    path = tmp_path / "requirements.csv"
    path.write_text("id,location,level,basis,statement\nREQ-AAA-01,1.i,MUST,guide,One.\n"
                    "REQ-AAA-02,2,SHOULD,reading,Two.\n", encoding="utf-8")
    result = ScenarioResult(nodeid="t::a", name="a", feature="f.feature", tags=["REQ-AAA-01", "REQ-AAA-02"],
                            outcome=Outcome.PASSED, duration_s=1.0)
    report = build_report([result], load_catalogue(path), {"run_id": "x"}, scope="full")
    assert {r["id"]: r["basis"] for r in report["requirements"]} == {"REQ-AAA-01": "guide", "REQ-AAA-02": "reading"}
    requirement_schema = {**SCHEMA["properties"]["requirements"]["items"], "$defs": SCHEMA["$defs"]}
    for requirement in report["requirements"]:
        jsonschema.validate(requirement, requirement_schema)


def test_the_schema_refuses_a_requirement_without_a_known_basis():
    requirement_schema = {**SCHEMA["properties"]["requirements"]["items"], "$defs": SCHEMA["$defs"]}
    good = {"id": "REQ-AAA-01", "location": "1", "level": "MUST", "basis": "guide", "statement": "One.",
            "verdict": "conformant", "scenarios": []}
    jsonschema.validate(good, requirement_schema)
    for bad in ({**good, "basis": "habit"}, {k: v for k, v in good.items() if k != "basis"}):
        try:
            jsonschema.validate(bad, requirement_schema)
        except jsonschema.ValidationError:
            continue
        raise AssertionError(f"accepted {bad}")


def test_every_row_of_the_project_catalogue_says_its_basis():
    catalogue = load_catalogue()
    assert {r.basis for r in catalogue.values()} <= {"guide", "reading"}
    assert [r.id for r in catalogue.values() if r.level == "MUST" and r.basis == "reading"] == []
