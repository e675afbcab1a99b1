import pytest

from harness.report import ScenarioResult, build_report
from harness.report_tools import ReportError, diff_reports, merge_reports
from harness.requirements import Requirement
from harness.shards import DurationsError, Shard, balanced_split, load_durations, parse_shard
from harness.verdicts import Outcome

CATALOGUE = {f"REQ-AAA-0{i}": Requirement(f"REQ-AAA-0{i}", f"{i}", "MUST", f"Rule {i}.") for i in range(1, 5)}
IDS = [f"steps/test_guide.py::test_scenario_{i}[example {i % 3}]" for i in range(40)]


def test_every_test_id_lands_in_exactly_one_shard_and_the_split_is_stable():
    shards = [Shard(i, 3) for i in (1, 2, 3)]
    owners = [[s for s in shards if s.owns(test_id)] for test_id in IDS]
    assert all(len(o) == 1 for o in owners)
    assert [o[0].index for o in owners] == [[s for s in shards if s.owns(t)][0].index for t in IDS]
    assert all(any(o[0] == s for o in owners) for s in shards)  # no shard is empty with 40 IDs


@pytest.mark.parametrize("spec", ["0/2", "3/2", "1/0", "a/b", "1-2", ""])
def test_bad_shard_specs_are_refused(spec):
    with pytest.raises(ValueError):
        parse_shard(spec)


def shard_report(shard: Shard, outcomes: dict[str, Outcome]) -> dict:
    results = [
        ScenarioResult(nodeid=test_id, name=test_id, feature="f.feature", tags=[tag], outcome=outcome)
        for test_id, (tag, outcome) in outcomes.items()
        if shard.owns(test_id)
    ]
    return build_report(results, CATALOGUE, {"run_id": f"s{shard.index}", "shard": str(shard)}, "shard")


def test_merged_shards_give_the_verdicts_of_the_unsharded_run():
    outcomes = {
        test_id: (f"REQ-AAA-0{i % 4 + 1}", Outcome.FAILED if i == 7 else Outcome.PASSED)
        for i, test_id in enumerate(IDS)
    }
    results = [
        ScenarioResult(nodeid=t, name=t, feature="f.feature", tags=[tag], outcome=o) for t, (tag, o) in outcomes.items()
    ]
    whole = build_report(results, CATALOGUE, {}, "full")
    scenarios, scope, run = merge_reports([shard_report(Shard(i, 2), outcomes) for i in (1, 2)])
    merged = build_report(scenarios, CATALOGUE, run, scope)
    assert scope == "full" and run["shards"] == ["1/2", "2/2"]
    assert [(r["id"], r["verdict"]) for r in merged["requirements"]] == [
        (r["id"], r["verdict"]) for r in whole["requirements"]
    ]
    assert merged["verdict"] == whole["verdict"] == "NOT CONFORMANT"


def test_a_missing_shard_leaves_the_merge_partial_and_a_duplicate_is_refused():
    outcomes = {t: ("REQ-AAA-01", Outcome.PASSED) for t in IDS}
    _, scope, _ = merge_reports([shard_report(Shard(1, 3), outcomes), shard_report(Shard(2, 3), outcomes)])
    assert scope == "partial"
    with pytest.raises(ReportError, match="appears in two"):
        merge_reports([shard_report(Shard(1, 2), outcomes)] * 2)


def test_diff_lists_new_failures_first():
    def report(verdicts):
        rows = [{"id": k, "location": "1", "verdict": v, "statement": ""} for k, v in verdicts.items()]
        return {"requirements": rows}

    before = report({"REQ-AAA-01": "conformant", "REQ-AAA-02": "failed", "REQ-AAA-03": "conformant"})
    after = report({"REQ-AAA-01": "conformant", "REQ-AAA-02": "conformant", "REQ-AAA-03": "failed"})
    changes = diff_reports(before, after)
    assert [(c["id"], c["regression"]) for c in changes] == [("REQ-AAA-03", True), ("REQ-AAA-02", False)]


def test_recorded_durations_balance_the_shards():
    # The suite's shape: many short scenarios, a few long ones (a submitted application, the clock).
    durations = {test_id: (9.0 if i % 10 == 0 else 1.0 + (i % 4) * 0.5) for i, test_id in enumerate(IDS)}
    owners = balanced_split(IDS, 2, durations)
    assert set(owners) == set(IDS) and set(owners.values()) == {1, 2}
    loads = [sum(d for t, d in durations.items() if owners[t] == shard) for shard in (1, 2)]
    assert abs(loads[0] - loads[1]) <= max(durations.values())
    by_hash = [sum(d for t, d in durations.items() if Shard(shard, 2).owns(t)) for shard in (1, 2)]
    assert abs(loads[0] - loads[1]) <= abs(by_hash[0] - by_hash[1])
    assert balanced_split(reversed(IDS), 2, durations) == owners  # the order of collection does not matter


def test_a_scenario_without_a_record_counts_as_the_median():
    durations = {IDS[0]: 10.0, IDS[1]: 1.0, IDS[2]: 1.0}
    owners = balanced_split(IDS[:5], 2, durations)  # 10 on one side; 1 + 1 + 1 + 1 on the other
    assert [owners[t] for t in IDS[:5]].count(owners[IDS[0]]) == 1


def test_a_durations_file_that_is_not_one_is_refused(tmp_path):
    bad = tmp_path / "durations.json"
    bad.write_text('["not", "a", "mapping"]', encoding="utf-8")
    with pytest.raises(DurationsError, match="test ID → seconds"):
        load_durations(bad)
    bad.write_text("{", encoding="utf-8")
    with pytest.raises(DurationsError, match="not JSON"):
        load_durations(bad)


def test_shards_split_on_different_durations_are_not_merged():
    outcomes = {t: ("REQ-AAA-01", Outcome.PASSED) for t in IDS}
    first, second = shard_report(Shard(1, 2), outcomes), shard_report(Shard(2, 2), outcomes)
    first["run"].update(shard_split="durations", shard_durations_sha256="a" * 64)
    second["run"].update(shard_split="durations", shard_durations_sha256="b" * 64)
    with pytest.raises(ReportError, match="same --durations FILE"):
        merge_reports([first, second])


def test_every_run_records_its_durations_and_a_shard_leaves_the_shared_file_alone(tmp_path):
    from harness.report import write_run

    whole = build_report([ScenarioResult(nodeid=t, name=t, feature="f.feature", tags=[], outcome=Outcome.PASSED,
                                         duration_s=2.5) for t in IDS[:3]], CATALOGUE, {"run_id": "w"}, "full")
    write_run(tmp_path, "w", whole)
    assert load_durations(tmp_path / "durations.json") == dict.fromkeys(IDS[:3], 2.5)
    assert load_durations(tmp_path / "w" / "durations.json") == dict.fromkeys(IDS[:3], 2.5)
    shard = build_report([ScenarioResult(nodeid=IDS[0], name="x", feature="f.feature", tags=[], outcome=Outcome.PASSED,
                                         duration_s=7.0)], CATALOGUE, {"run_id": "s", "shard": "1/2"}, "shard")
    write_run(tmp_path, "s", shard)
    assert load_durations(tmp_path / "durations.json")[IDS[0]] == 2.5  # the split of the other shards holds
    assert load_durations(tmp_path / "s" / "durations.json") == {IDS[0]: 7.0}


@pytest.mark.parametrize(
    ("key", "value", "named"),
    [
        ("portal", {"portal": "another portal", "version": "2.0"}, "portals"),
        ("profile", "vendor-x", "profiles"),
        ("harness_commit", "0" * 40, "harness commits"),
        ("features_sha256", "f" * 64, "features digests"),
    ],
)
def test_shards_of_different_targets_or_harnesses_are_not_merged(key, value, named):
    outcomes = {t: ("REQ-AAA-01", Outcome.PASSED) for t in IDS}
    first, second = shard_report(Shard(1, 2), outcomes), shard_report(Shard(2, 2), outcomes)
    for report in (first, second):
        report["run"].update(portal={"portal": "inspira reference portal", "version": "0.1.0"}, profile="reference-fr",
                             harness_commit="a" * 40, features_sha256="e" * 64)
    assert merge_reports([first, second])[1] == "full"
    second["run"][key] = value
    with pytest.raises(ReportError, match=f"different {named}"):
        merge_reports([first, second])
