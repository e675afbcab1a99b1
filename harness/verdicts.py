"""Verdicts the way certification suites give them.

Run status (did the run finish?) is kept apart from the verdict (does the portal conform?).

Per scenario: passed, failed, not_testable (a capability the scenario needs is missing: blocks
certification), not_applicable (the profile declares the optional feature absent: does not block),
error (the harness or the target's infrastructure broke: never a pass, rerun).
Per requirement: conformant when every scenario that verifies it passed; a failed SHOULD is a warning.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from enum import IntEnum, StrEnum


class Outcome(StrEnum):
    PASSED = "passed"
    FAILED = "failed"
    NOT_TESTABLE = "not_testable"
    NOT_APPLICABLE = "not_applicable"
    ERROR = "error"
    # Failed, then passed on a retry: shown as such and a warning, never clean evidence.
    FLAKY = "flaky"


class RequirementVerdict(StrEnum):
    CONFORMANT = "conformant"
    FAILED = "failed"
    WARNING = "warning"
    FLAKY = "flaky"
    NOT_TESTABLE = "not_testable"
    NOT_APPLICABLE = "not_applicable"
    ERROR = "error"
    NOT_RUN = "not_run"


class ExitCode(IntEnum):
    CONFORMANT = 0
    NOT_CONFORMANT = 1
    USAGE_ERROR = 2
    HARNESS_ERROR = 3


CONFORMANT = "CONFORMANT"
NOT_CONFORMANT = "NOT CONFORMANT"

# Skip reasons carry the verdict kind as a prefix, so a skip raised anywhere maps to one outcome.
NOT_TESTABLE_PREFIX = "not testable: "
NOT_APPLICABLE_PREFIX = "not applicable: "


def outcome_of_skip(reason: str) -> Outcome:
    """A skipped scenario is never a pass: it is not applicable only when said so, else not testable."""
    if reason.startswith(NOT_APPLICABLE_PREFIX):
        return Outcome.NOT_APPLICABLE
    return Outcome.NOT_TESTABLE


def requirement_verdict(level: str, outcomes: Iterable[Outcome]) -> RequirementVerdict:
    seen = set(outcomes)
    if not seen:
        return RequirementVerdict.NOT_RUN
    if Outcome.FAILED in seen:
        return RequirementVerdict.FAILED if level == "MUST" else RequirementVerdict.WARNING
    if Outcome.ERROR in seen:
        return RequirementVerdict.ERROR
    if Outcome.NOT_TESTABLE in seen:
        return RequirementVerdict.NOT_TESTABLE
    if seen == {Outcome.NOT_APPLICABLE}:
        return RequirementVerdict.NOT_APPLICABLE
    if Outcome.FLAKY in seen:
        return RequirementVerdict.FLAKY
    return RequirementVerdict.CONFORMANT


# Verdicts of a MUST requirement that still allow the overall verdict CONFORMANT.
_ACCEPTABLE = {
    RequirementVerdict.CONFORMANT,
    RequirementVerdict.NOT_APPLICABLE,
    RequirementVerdict.WARNING,
}
# A MUST whose only passing evidence is a retry (flaky) is not proven: it blocks CONFORMANT like a failure.


def overall_verdict(verdicts: Mapping[str, tuple[str, RequirementVerdict]], partial: bool) -> str:
    """CONFORMANT only when every MUST requirement in scope is conformant (or not applicable).

    ``verdicts`` maps requirement ID to (level, verdict). When the run selected a subset of the
    scenarios (``partial``), requirements that were not run are out of scope; otherwise a requirement
    that was not run blocks the verdict like any other unproven one.
    """
    in_scope = [
        (level, verdict)
        for level, verdict in verdicts.values()
        if not (partial and verdict is RequirementVerdict.NOT_RUN)
    ]
    musts = [verdict for level, verdict in in_scope if level == "MUST"]
    if in_scope and all(v in _ACCEPTABLE for v in musts):
        return CONFORMANT
    return NOT_CONFORMANT


def exit_code(verdict: str, scenario_outcomes: Iterable[Outcome]) -> ExitCode:
    """0 conformant; 1 not conformant; 3 when nothing failed but the harness or target broke."""
    counts = Counter(scenario_outcomes)
    if verdict == CONFORMANT:
        return ExitCode.CONFORMANT
    if counts[Outcome.ERROR] and not counts[Outcome.FAILED]:
        return ExitCode.HARNESS_ERROR
    return ExitCode.NOT_CONFORMANT
