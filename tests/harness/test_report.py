import json

from harness.report import ScenarioResult, build_report, new_run_id, write_run
from harness.requirements import Requirement
from harness.verdicts import Outcome

CATALOGUE = {
    "REQ-AAA-01": Requirement("REQ-AAA-01", "1.i", "MUST", "One."),
    "REQ-AAA-02": Requirement("REQ-AAA-02", "2", "SHOULD", "Two."),
    "REQ-AAA-03": Requirement("REQ-AAA-03", "3.vii", "MUST", "Three."),
}


def result(name: str, tags: list[str], outcome: Outcome | None) -> ScenarioResult:
    return ScenarioResult(
        nodeid=f"t::{name}", name=name, feature="f.feature", tags=tags, outcome=outcome, duration_s=1.5
    )


def test_requirements_take_the_verdict_of_their_scenarios():
    report = build_report(
        [
            result("a", ["REQ-AAA-01", "needs-clock"], Outcome.PASSED),
            result("b", ["REQ-AAA-02"], Outcome.FAILED),
            result("c", ["REQ-AAA-03", "REQ-ZZZ-99"], Outcome.PASSED),
        ],
        CATALOGUE,
        {"run_id": "x"},
        scope="full",
    )
    verdicts = {r["id"]: r["verdict"] for r in report["requirements"]}
    assert verdicts == {"REQ-AAA-01": "conformant", "REQ-AAA-02": "warning", "REQ-AAA-03": "conformant"}
    assert report["verdict"] == "CONFORMANT" and report["exit_code"] == 0
    assert report["summary"] == {
        "passed": 2, "failed": 1, "not_testable": 0, "not_applicable": 0, "error": 0, "flaky": 0, "total": 3,
    }
    assert report["unknown_requirement_tags"] == ["REQ-ZZZ-99"]
    assert report["scenarios"][0]["requirement_ids"] == ["REQ-AAA-01"]


def test_a_scenario_that_never_finished_counts_as_an_error():
    report = build_report([result("a", ["REQ-AAA-01"], None)], CATALOGUE, {}, scope="partial")
    assert report["scenarios"][0]["outcome"] == "error"
    assert report["verdict"] == "NOT CONFORMANT" and report["exit_code"] == 3


def test_each_run_gets_its_folder_and_latest_follows(tmp_path):
    first, second = new_run_id(), new_run_id()
    assert first != second
    for run_id in (first, second):
        report = build_report([result("a", ["REQ-AAA-01"], Outcome.FAILED)], CATALOGUE, {"run_id": run_id}, "full")
        write_run(tmp_path, run_id, report)
    assert (tmp_path / first / "report.json").exists()
    html = (tmp_path / first / "report.html").read_text(encoding="utf-8")
    assert "NOT CONFORMANT" in html and "REQ-AAA-01" in html and "http" not in html.split("<body>")[1].lower()
    assert json.loads((tmp_path / "latest" / "report.json").read_text())["run"]["run_id"] == second


def test_each_requirement_names_the_code_that_checks_it_and_the_schema_allows_it():
    import jsonschema

    from harness.paths import PROJECT_ROOT
    from harness.requirements import load_catalogue

    catalogue = load_catalogue()
    report = build_report([result("a", ["REQ-SES-01"], Outcome.PASSED)], catalogue, {"run_id": "x"}, scope="partial")
    (session,) = [r for r in report["requirements"] if r["id"] == "REQ-SES-01"]
    assert any(f.startswith("steps/session.py::") for f in session["code"]["step_functions"])
    assert any(m.startswith("steps/pages/") for m in session["code"]["page_methods"])
    schema = json.loads((PROJECT_ROOT / "harness" / "schemas" / "report.schema.json").read_text(encoding="utf-8"))
    requirement_schema = {**schema["properties"]["requirements"]["items"], "$defs": schema["$defs"]}
    jsonschema.validate(session, requirement_schema)
