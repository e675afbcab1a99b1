"""`make bench`'s fair baseline: compared only over the scenarios both ways passed."""

from tests.bench.__main__ import fair_ratio, scenario_seconds


def report(**outcomes: tuple[str, float]) -> dict:
    return {"scenarios": [{"nodeid": n, "outcome": o, "duration_s": d} for n, (o, d) in outcomes.items()]}


def test_only_scenarios_both_ways_passed_count():
    naive = scenario_seconds(report(a=("passed", 9.0), b=("error", 30.0), c=("passed", 6.0)))
    ours = scenario_seconds(report(a=("passed", 3.0), c=("failed", 1.0), d=("passed", 2.0)))
    assert naive == {"a": 9.0, "c": 6.0} and ours == {"a": 3.0, "d": 2.0}
    assert fair_ratio(naive, ours) == (3.0, 1)


def test_nothing_in_common_is_no_ratio():
    assert fair_ratio({"a": 1.0}, {"b": 1.0}) == (0.0, 0)
