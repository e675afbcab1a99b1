"""The harness's pytest plugin, tested the way pytest-bdd tests itself: a tiny feature and steps in a
temporary project, run with pytester, and the written report inspected."""

import json

import pytest

CONFTEST = '''
import pytest
from pytest_bdd import given

from fixtures.portal import Target
from harness.profile import default_profile_path, load_profile


@pytest.fixture(scope="session")
def target():
    # A target without the clock capability and nothing listening: no scenario here touches it.
    return Target("http://127.0.0.1:9", load_profile(default_profile_path()), frozenset({"control_api"}))


@given("tout va bien")
def fine():
    pass


@given("une règle est enfreinte")
def broken_rule():
    assert 1 == 2, "the portal broke a rule"


@given("la première tentative échoue")
def fails_once(tmp_path_factory):
    marker = tmp_path_factory.getbasetemp().parent / "attempted"
    if not marker.exists():
        marker.write_text("1")
        assert False, "first attempt fails"


@given("le banc de test casse")
def broken_harness():
    raise RuntimeError("the harness broke")
'''

FEATURE = '''# language: fr
Fonctionnalité: Verdicts
  @REQ-REG-01
  Scénario: réussi
    Étant donné tout va bien

  @REQ-REG-02
  Scénario: échoué
    Étant donné une règle est enfreinte

  @REQ-REG-03
  Scénario: en erreur
    Étant donné le banc de test casse

  @REQ-REG-04 @needs-clock
  Scénario: non testable
    Étant donné tout va bien
'''


@pytest.fixture
def project(pytester: pytest.Pytester) -> pytest.Pytester:
    pytester.makeconftest(CONFTEST)
    pytester.makefile(".feature", verdicts=FEATURE)
    pytester.makepyfile(test_verdicts='from pytest_bdd import scenarios\nscenarios("verdicts.feature")\n')
    return pytester


def test_each_scenario_gets_its_verdict_kind_and_the_report_is_written(project, tmp_path):
    reports = tmp_path / "reports"
    result = project.runpytest_subprocess("--report-dir", str(reports), "--run-id", "run-1", "-p", "no:cacheprovider")
    result.assert_outcomes(passed=1, failed=2, skipped=1)
    report = json.loads((reports / "run-1" / "report.json").read_text(encoding="utf-8"))
    outcomes = {s["name"]: s["outcome"] for s in report["scenarios"]}
    assert outcomes == {
        "réussi": "passed",
        "échoué": "failed",
        "en erreur": "error",
        "non testable": "not_testable",
    }
    verdicts = {r["id"]: r["verdict"] for r in report["requirements"]}
    assert verdicts["REQ-REG-01"] == "conformant"
    assert verdicts["REQ-REG-02"] == "failed"
    assert verdicts["REQ-REG-03"] == "error"
    assert verdicts["REQ-REG-04"] == "not_testable"
    assert report["verdict"] == "NOT CONFORMANT" and report["exit_code"] == 1
    not_testable = next(s for s in report["scenarios"] if s["name"] == "non testable")
    assert "missing capability: clock" in not_testable["message"]
    failed = next(s for s in report["scenarios"] if s["name"] == "échoué")
    assert failed["steps"][0]["status"] == "failed" and "the portal broke a rule" in failed["steps"][0]["error"]
    assert (reports / "run-1" / "junit.xml").exists()
    assert json.loads((reports / "latest" / "report.json").read_text(encoding="utf-8"))["run"]["run_id"] == "run-1"


def test_a_misspelt_requirement_tag_fails_the_run(pytester: pytest.Pytester):
    pytester.makeconftest(CONFTEST)
    pytester.makefile(".feature", typo=FEATURE.replace("@REQ-REG-01", "@REQ-RGE-01"))
    pytester.makepyfile(test_typo='from pytest_bdd import scenarios\nscenarios("typo.feature")\n')
    result = pytester.runpytest_subprocess("--strict-markers", "-p", "no:cacheprovider")
    result.stdout.fnmatch_lines(["*'REQ-RGE-01' not found in `markers` configuration option*"])
    assert result.ret != 0


def test_a_malformed_profile_is_a_usage_error(pytester: pytest.Pytester, tmp_path):
    bad = tmp_path / "bad.toml"
    bad.write_text('name = "x"\nlocale = "xx"\n', encoding="utf-8")
    pytester.makepyfile(test_nothing="def test_nothing():\n    pass\n")
    result = pytester.runpytest_subprocess("--portal-profile", str(bad), "-p", "no:cacheprovider")
    assert result.ret == pytest.ExitCode.USAGE_ERROR
    result.stderr.fnmatch_lines([f"*{bad}: key 'locale': expected*"])


FLAKY_FEATURE = """# language: fr
Fonctionnalité: Tentatives
  @REQ-REG-01
  Scénario: instable
    Étant donné la première tentative échoue
"""


def test_a_scenario_that_passes_only_on_retry_is_flaky_never_clean(pytester: pytest.Pytester, tmp_path):
    pytester.makeconftest(CONFTEST)
    pytester.makefile(".feature", flaky=FLAKY_FEATURE)
    pytester.makepyfile(test_flaky='from pytest_bdd import scenarios\nscenarios("flaky.feature")\n')
    reports = tmp_path / "reports"
    result = pytester.runpytest_subprocess(
        "--reruns", "1", "--report-dir", str(reports), "--run-id", "r", "-p", "no:cacheprovider"
    )
    assert result.ret == 0
    report = json.loads((reports / "r" / "report.json").read_text(encoding="utf-8"))
    [scenario] = report["scenarios"]
    assert scenario["outcome"] == "flaky" and "first attempt fails" in scenario["failed_attempts"][0]["message"]
    assert {r["id"]: r["verdict"] for r in report["requirements"]}["REQ-REG-01"] == "flaky"
    assert report["summary"]["flaky"] == 1 and report["summary"]["passed"] == 0


SEEDED_CONFTEST = '''
import json
import pytest
from pytest_bdd import given

from fixtures.portal import Target
from harness.profile import default_profile_path, load_profile


@pytest.fixture(scope="session")
def target():
    return Target("http://127.0.0.1:9", load_profile(default_profile_path()), frozenset({"control_api"}))


@given("un candidat inventé")
def made_up(people, request, tmp_path_factory):
    person = people.person()
    out = tmp_path_factory.getbasetemp().parent / "names.jsonl"
    with out.open("a", encoding="utf-8") as names:
        names.write(json.dumps([request.node.name, person.first_name, person.last_name, str(person.date_of_birth),
                                person.user_code]) + "\\n")
'''

SEEDED_FEATURE = '''# language: fr
Fonctionnalité: Données
  @REQ-REG-01
  Scénario: premier
    Étant donné un candidat inventé

  @REQ-REG-02
  Scénario: second
    Étant donné un candidat inventé
'''


def test_the_data_seed_replays_a_scenarios_names_whatever_else_runs(pytester: pytest.Pytester, tmp_path):
    pytester.makeconftest(SEEDED_CONFTEST)
    pytester.makefile(".feature", donnees=SEEDED_FEATURE)
    pytester.makepyfile(test_donnees='from pytest_bdd import scenarios\nscenarios("donnees.feature")\n')
    names = pytester.path / "names.jsonl"

    def run(*args: str) -> list[list[str]]:
        names.unlink(missing_ok=True)
        reports = tmp_path / "reports"
        result = pytester.runpytest_subprocess("--report-dir", str(reports), "--run-id", "seeded", *args)
        result.assert_outcomes(passed=len(names.read_text(encoding="utf-8").splitlines()))
        return [json.loads(line) for line in names.read_text(encoding="utf-8").splitlines()]

    both = {row[0]: row for row in run("--data-seed", "7")}
    alone = run("--data-seed", "7", "-k", "second")
    assert alone[0][:4] == both["test_second"][:4]  # same names and date of birth without the first scenario
    assert alone[0][4] != both["test_second"][4]  # but a new user code: a rerun never collides with the first
    report = json.loads((tmp_path / "reports" / "seeded" / "report.json").read_text(encoding="utf-8"))
    assert report["run"]["data_seed"] == 7
    other = {row[0]: row for row in run("--data-seed", "8")}
    assert other["test_second"][:3] != both["test_second"][:3]
    assert both["test_premier"][:3] != both["test_second"][:3]
    unseeded = run()
    report = json.loads((tmp_path / "reports" / "seeded" / "report.json").read_text(encoding="utf-8"))
    assert isinstance(report["run"]["data_seed"], int)  # a seed was chosen and is named
    assert len(unseeded) == 2


def test_progress_shows_each_scenario_as_it_ends_with_a_count(project, tmp_path):
    reports = tmp_path / "reports"
    result = project.runpytest_subprocess("--report-dir", str(reports), "--progress", "-q", "-p", "no:cacheprovider")
    result.assert_outcomes(passed=1, failed=2, skipped=1)
    lines = [line for line in result.stdout.lines if line.startswith("[")]
    assert len(lines) == 4, result.stdout.str()
    assert [line.split("]")[0].split(",")[0] for line in lines] == ["[1/4", "[2/4", "[3/4", "[4/4"]
    by_name = {line.rsplit("› ", 1)[1]: line for line in lines}
    assert " passed " in by_name["réussi"] and ", about " in lines[0] and " left]" in lines[0]
    assert " FAILED " in by_name["échoué  (REQ-REG-02)"]
    assert " ERROR " in by_name["en erreur  (REQ-REG-03)"]
    assert " not testable " in by_name["non testable"]
    assert "the portal broke a rule" in result.stdout.str()
    assert not any(line.strip(".FsE") == "" and line for line in result.stdout.lines)  # no progress dots


def test_without_progress_no_scenario_line_is_printed(project, tmp_path):
    result = project.runpytest_subprocess("--report-dir", str(tmp_path / "r"), "-q", "-p", "no:cacheprovider")
    assert not [line for line in result.stdout.lines if line.startswith("[1/")]


def test_a_shard_takes_its_part_of_the_recorded_durations(project, tmp_path):
    """4 scenarios, one as long as the three others together: balanced, it has a shard of its own."""
    # Test IDs are relative to the rootdir pytest finds above the temporary project.
    ids = {name: f"{project.path.name}/test_verdicts.py::test_{name}"
           for name in ("réussi", "échoué", "en_erreur", "non_testable")}
    durations = tmp_path / "durations.json"
    durations.write_text(json.dumps({ids["échoué"]: 30.0, ids["réussi"]: 10.0, ids["en_erreur"]: 10.0,
                                     ids["non_testable"]: 10.0}), encoding="utf-8")
    names = {}
    for index in (1, 2):
        reports = tmp_path / f"shard-{index}"
        project.runpytest_subprocess("--report-dir", str(reports), "--run-id", "r", "--shard", f"{index}/2",
                                     "--durations-file", str(durations), "-p", "no:cacheprovider")
        report = json.loads((reports / "r" / "report.json").read_text(encoding="utf-8"))
        assert report["run"]["shard_split"] == "durations" and len(report["run"]["shard_durations_sha256"]) == 64
        names[index] = sorted(s["name"] for s in report["scenarios"])
    assert names == {1: ["échoué"], 2: ["en erreur", "non testable", "réussi"]}
