from harness.verdicts import (
    CONFORMANT,
    NOT_CONFORMANT,
    ExitCode,
    Outcome,
    RequirementVerdict,
    exit_code,
    outcome_of_skip,
    overall_verdict,
    requirement_verdict,
)

V = RequirementVerdict


def test_a_requirement_is_conformant_only_when_every_scenario_passed():
    assert requirement_verdict("MUST", [Outcome.PASSED, Outcome.PASSED]) is V.CONFORMANT
    assert requirement_verdict("MUST", [Outcome.PASSED, Outcome.FAILED]) is V.FAILED
    assert requirement_verdict("MUST", []) is V.NOT_RUN


def test_a_broken_should_is_a_warning_not_a_failure():
    assert requirement_verdict("SHOULD", [Outcome.FAILED]) is V.WARNING


def test_errors_and_missing_capabilities_are_never_passes():
    assert requirement_verdict("MUST", [Outcome.PASSED, Outcome.ERROR]) is V.ERROR
    assert requirement_verdict("MUST", [Outcome.PASSED, Outcome.NOT_TESTABLE]) is V.NOT_TESTABLE
    assert requirement_verdict("MUST", [Outcome.NOT_APPLICABLE]) is V.NOT_APPLICABLE
    assert requirement_verdict("MUST", [Outcome.PASSED, Outcome.NOT_APPLICABLE]) is V.CONFORMANT


def test_skip_reasons_map_to_verdict_kinds():
    assert outcome_of_skip("not applicable: job alerts declared absent") is Outcome.NOT_APPLICABLE
    assert outcome_of_skip("not testable: missing capability: clock") is Outcome.NOT_TESTABLE
    assert outcome_of_skip("anything else") is Outcome.NOT_TESTABLE


def test_overall_verdict_needs_every_must_conformant():
    ok = {"A": ("MUST", V.CONFORMANT), "B": ("SHOULD", V.WARNING)}
    assert overall_verdict(ok, partial=False) == CONFORMANT
    assert overall_verdict({**ok, "C": ("MUST", V.NOT_TESTABLE)}, partial=False) == NOT_CONFORMANT
    assert overall_verdict({**ok, "C": ("MUST", V.NOT_RUN)}, partial=False) == NOT_CONFORMANT


def test_a_partial_run_judges_only_what_it_ran_and_never_nothing():
    assert overall_verdict({"A": ("MUST", V.CONFORMANT), "C": ("MUST", V.NOT_RUN)}, partial=True) == CONFORMANT
    assert overall_verdict({"C": ("MUST", V.NOT_RUN)}, partial=True) == NOT_CONFORMANT


def test_exit_codes():
    assert exit_code(CONFORMANT, [Outcome.PASSED]) is ExitCode.CONFORMANT
    assert exit_code(NOT_CONFORMANT, [Outcome.PASSED, Outcome.FAILED, Outcome.ERROR]) is ExitCode.NOT_CONFORMANT
    assert exit_code(NOT_CONFORMANT, [Outcome.PASSED, Outcome.ERROR]) is ExitCode.HARNESS_ERROR
    assert exit_code(NOT_CONFORMANT, [Outcome.NOT_TESTABLE]) is ExitCode.NOT_CONFORMANT


def test_a_partial_run_of_should_requirements_only_is_judged_on_them():
    assert overall_verdict({"S": ("SHOULD", RequirementVerdict.CONFORMANT)}, partial=True) == CONFORMANT
    assert overall_verdict({"S": ("SHOULD", RequirementVerdict.WARNING)}, partial=True) == CONFORMANT


def test_a_must_passed_only_on_a_retry_is_not_proven():
    flaky_must = {"A": ("MUST", requirement_verdict("MUST", [Outcome.PASSED, Outcome.FLAKY]))}
    assert flaky_must["A"][1] is V.FLAKY
    assert overall_verdict(flaky_must, partial=False) == NOT_CONFORMANT
    # A flaky SHOULD stays what a broken SHOULD is: a warning, not a failure of the run.
    assert overall_verdict({**flaky_must, "A": ("SHOULD", V.FLAKY)}, partial=False) == CONFORMANT
