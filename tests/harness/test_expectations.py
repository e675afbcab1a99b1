import pytest

from harness.expectations import Expectation, ExpectationsError, check_expectations, load_expectations


def report(verdicts: dict[str, str], scenarios: dict[str, tuple[str, list[str]]]) -> dict:
    return {
        "requirements": [{"id": rid, "verdict": v} for rid, v in verdicts.items()],
        "scenarios": [{"name": n, "outcome": o, "requirement_ids": r} for n, (o, r) in scenarios.items()],
    }


RUN = report(
    {"REQ-SES-01": "failed", "REQ-SES-02": "conformant", "REQ-REG-01": "failed", "REQ-ZZZ-01": "not_run"},
    {"timeout [20 min 01 s]": ("failed", ["REQ-SES-01"]), "saved": ("passed", ["REQ-SES-02"]),
     "register": ("failed", ["REQ-REG-01"])},
)


def known(**target: str) -> Expectation:
    return Expectation(reason="known", link="https://tracker.example/1", **target)


def test_expected_failures_are_met_and_listed_with_reason_and_link():
    result = check_expectations(RUN, [known(requirement="REQ-SES-01"), known(scenario="register")])
    assert result["met"] and len(result["expected_failures"]) == 2
    assert result["expected_failures"][0]["link"] == "https://tracker.example/1"


def test_an_unexpected_failure_an_unexpected_pass_and_a_stale_expectation_each_fail_the_run():
    result = check_expectations(
        RUN, [known(requirement="REQ-SES-01"), known(requirement="REQ-SES-02"), known(scenario="no such scenario")]
    )
    assert not result["met"]
    assert result["unexpected_failures"] == ["REQ-REG-01"]
    assert result["unexpected_passes"] == ["REQ-SES-02"]
    assert result["unmatched"] == ["scenario « no such scenario »"]


def test_an_expectation_for_a_requirement_not_run_matches_nothing():
    result = check_expectations(RUN, [known(requirement="REQ-ZZZ-01")])
    assert result["unmatched"] == ["REQ-ZZZ-01"]


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ('[[expected_failure]]\nrequirement = "REQ-SES-01"\nlink = "x"\n', "key 'reason'"),
        ('[[expected_failure]]\nreason = "r"\nlink = "x"\n', "exactly one of"),
        ('[[expected_failure]]\nrequirement = "R"\nscenario = "s"\nreason = "r"\nlink = "x"\n', "exactly one of"),
        ('[[known]]\nreason = "r"\n', "unknown key"),
        ("[[expected_failure]\n", "not valid TOML"),
    ],
)
def test_a_malformed_expectations_file_is_refused_naming_the_problem(tmp_path, text, problem):
    path = tmp_path / "vendor.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ExpectationsError, match=problem):
        load_expectations(path)


def test_an_expectation_by_scenario_excuses_that_scenario_only_not_its_requirement():
    run = report(
        {"REQ-SES-01": "failed"},
        {"timeout [20 min 01 s]": ("failed", ["REQ-SES-01"]), "activity": ("failed", ["REQ-SES-01"])},
    )
    only_one = check_expectations(run, [known(scenario="timeout")])
    assert not only_one["met"] and only_one["unexpected_failures"] == ["REQ-SES-01"]
    both = check_expectations(run, [known(scenario="timeout"), known(scenario="activity")])
    assert both["met"], both
