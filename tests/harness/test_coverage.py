from pathlib import Path

import pytest

from harness.coverage import compute_coverage, coverage_problems
from harness.requirements import CatalogueError, load_catalogue

CATALOGUE = """id,location,level,basis,statement
REQ-ABC-01,1.i,MUST,guide,One thing.
REQ-ABC-02,2,SHOULD,reading,Another thing.
"""

FEATURE = """# language: fr
@REQ-ABC-01
Fonctionnalité: essai
  Scénario: un
    Étant donné un état
  @REQ-XYZ-09
  Plan du scénario: deux
    Étant donné un état <x>
    Exemples:
      | x |
      | 1 |
"""


def make_project(tmp_path: Path, catalogue: str = CATALOGUE, feature: str = FEATURE) -> tuple[Path, Path]:
    features = tmp_path / "features"
    features.mkdir()
    (features / "requirements.csv").write_text(catalogue, encoding="utf-8")
    (features / "essai.feature").write_text(feature, encoding="utf-8")
    return features, features / "requirements.csv"


def test_coverage_lists_scenarios_and_reports_gaps_and_unknown_tags(tmp_path):
    features, csv_path = make_project(tmp_path)
    result = compute_coverage(load_catalogue(csv_path), features)
    by_id = {r["id"]: r for r in result["requirements"]}
    assert len(by_id["REQ-ABC-01"]["scenarios"]) == 2  # feature tag reaches both scenarios
    assert by_id["REQ-ABC-02"]["scenarios"] == []
    assert [u["tag"] for u in result["unknown_tags"]] == ["REQ-XYZ-09"]
    problems = coverage_problems(result)
    assert any("REQ-ABC-02 (2) has no scenario" in p for p in problems)
    assert any("REQ-XYZ-09 names no requirement" in p for p in problems)


def test_the_project_catalogue_is_fully_covered():
    assert coverage_problems(compute_coverage()) == []


@pytest.mark.parametrize(
    ("row", "problem"),
    [
        ("REQ-ABC-01,1.i,MUST,guide,Twice.", "listed twice"),
        ("REQ-abc-3,1.i,MUST,guide,Bad id.", "is not of the form"),
        ("REQ-ABC-03,1.i,MAY,guide,Bad level.", "must be MUST or SHOULD"),
        ("REQ-ABC-03,,MUST,guide,No location.", "location and statement are required"),
        ("REQ-ABC-03,1.i,MUST,practice,Bad basis.", "basis 'practice' of REQ-ABC-03 must be guide"),
        ("REQ-ABC-03,1.i,MUST,A row written before the basis column.", r":4: expected 5 values"),
    ],
)
def test_a_malformed_catalogue_is_refused(tmp_path, row, problem):
    _, csv_path = make_project(tmp_path, CATALOGUE + row + "\n")
    with pytest.raises(CatalogueError, match=problem):
        load_catalogue(csv_path)


# -- server probes: the wording the coverage reads, held to what the steps do ---------------------------------------
STEPS = Path(__file__).resolve().parents[2] / "steps"
PROBE_CALLS = {"replay", "force_form", "fetch"}
# Steps that replay only as a positive control (the replay must be taken): they prove the probe works, not a rule.
CONTROL_ONLY = {"letter_and_file_recorded"}


def _step_texts(function) -> list[str]:
    import ast

    texts = []
    for decorator in function.decorator_list:
        if isinstance(decorator, ast.Call) and getattr(decorator.func, "id", "") in ("given", "when", "then"):
            argument = decorator.args[0]
            if isinstance(argument, ast.Call):  # parsers.parse("…")
                argument = argument.args[0]
            texts.append(argument.value)
    return texts


def _probing_steps() -> tuple[dict[str, list[str]], set[str]]:
    """Every step function (name → its texts), and the names of the functions that probe the portal, directly
    (``probes.replay``…) or through another function of steps/ that does."""
    import ast

    functions, calls = {}, {}
    for path in STEPS.glob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.FunctionDef):
                functions[node.name] = node
                calls[node.name] = {
                    (getattr(c.func, "attr", None) if getattr(getattr(c.func, "value", None), "id", "") == "probes"
                     else getattr(c.func, "id", None))
                    for c in ast.walk(node) if isinstance(c, ast.Call)
                }
    probing = {name for name, called in calls.items() if called & PROBE_CALLS}
    while True:
        more = {name for name, called in calls.items() if called & probing} - probing
        if not more:
            break
        probing |= more
    steps = {name: _step_texts(node) for name, node in functions.items() if _step_texts(node)}
    return steps, probing


def test_a_step_worded_as_a_server_probe_probes_and_every_probing_step_is_worded_so():
    from harness.coverage import SERVER_PROBE_WORDING

    steps, probing = _probing_steps()
    assert probing & set(steps), "no step probes the server"
    for name, texts in steps.items():
        worded = any(SERVER_PROBE_WORDING.search(text) for text in texts)
        if name in CONTROL_ONLY:
            continue
        assert worded == (name in probing), (
            f"{name} ({texts[0]!r}): {'worded as a probe but sends nothing' if worded else 'probes unworded'}"
        )


def test_coverage_says_which_requirements_are_proven_on_the_server():
    result = {r["id"]: r for r in compute_coverage()["requirements"]}
    assert result["REQ-DRA-10"]["proven_on_server"] and result["REQ-DRA-10"]["server_probes"]
    assert result["REQ-REG-01"]["proven_on_server"] is False


def test_the_loader_carries_each_requirements_basis(tmp_path):
    features, csv_path = make_project(tmp_path)
    catalogue = load_catalogue(csv_path)
    assert (catalogue["REQ-ABC-01"].basis, catalogue["REQ-ABC-02"].basis) == ("guide", "reading")
    result = compute_coverage(catalogue, features)
    assert [r["basis"] for r in result["requirements"]] == ["guide", "reading"]


def test_a_catalogue_without_the_basis_column_is_refused(tmp_path):
    _, csv_path = make_project(tmp_path, "id,location,level,statement\nREQ-ABC-01,1.i,MUST,One thing.\n")
    with pytest.raises(CatalogueError, match="missing column.*basis"):
        load_catalogue(csv_path)


def test_a_must_on_a_reading_fails_the_coverage_in_one_line_naming_the_rows(tmp_path):
    catalogue = CATALOGUE + "REQ-ABC-03,3.v,MUST,reading,A reading made a rule.\nREQ-ABC-04,3.v,MUST,reading,Another.\n"
    feature = FEATURE.replace("@REQ-ABC-01", "@REQ-ABC-01 @REQ-ABC-02 @REQ-ABC-03 @REQ-ABC-04")
    features, csv_path = make_project(tmp_path, catalogue, feature)
    problems = [p for p in coverage_problems(compute_coverage(load_catalogue(csv_path), features))
                if "REQ-XYZ-09" not in p]
    assert len(problems) == 1, problems
    assert problems[0].startswith("MUST on a reading, not on the guide: REQ-ABC-03, REQ-ABC-04 ")


def test_the_coverage_command_fails_on_a_must_reading(tmp_path, monkeypatch, capsys):
    from harness import cli, coverage

    catalogue = CATALOGUE + "REQ-ABC-03,3.v,MUST,reading,A reading made a rule.\n"
    feature = FEATURE.replace("@REQ-ABC-01", "@REQ-ABC-01 @REQ-ABC-02 @REQ-ABC-03").replace(" @REQ-XYZ-09", "")
    feature = feature.replace("  @REQ-XYZ-09\n", "")
    features, csv_path = make_project(tmp_path, catalogue, feature)
    real = coverage.compute_coverage
    monkeypatch.setattr(coverage, "compute_coverage", lambda: real(load_catalogue(csv_path), features))
    assert cli.main(["coverage"]) == 1
    errors = capsys.readouterr().err.strip().splitlines()
    assert errors == [f"{cli.PROG}: coverage: MUST on a reading, not on the guide: REQ-ABC-03 (make each SHOULD, "
                      "or let the profile declare the portal's choice and check that)"]


# -- the map from each requirement to its steps, page-object methods and portal functions ---------------------
MAP_FEATURE = """# language: fr
@REQ-ABC-01
Fonctionnalité: essai
  Contexte:
    Étant donné que je suis sur le site
  Scénario: un
    Quand je postule à l'appel « 12 »
    Et je coche « J'accepte »
    Alors la page indique « Étape 8 sur 8 »
  @REQ-ABC-02
  Plan du scénario: deux
    Quand je joins un fichier de <taille> octets
    Exemples:
      | taille |
      | 10     |
"""
MAP_STEPS = '''
from pytest_bdd import given, parsers, then, when
from steps.pages import Flow


@given("je suis sur le site")
def on_site(driver):
    driver.open_start()


@when(parsers.parse("je postule à l'appel « {number} »"))
def apply(driver, number):
    flow = Flow(driver)
    flow.apply(number)


@when(parsers.parse("je coche « {label} »"))
def tick(driver, label):
    _tick(driver, label)


def _tick(driver, label):
    Flow(driver).tick(label)


@then(parsers.parse("la page indique « {text} »"))
def says(driver, text):
    driver.expect_text(text)


@when(parsers.re(r"je joins un fichier de (?P<size>\\d+) octets"))
def attach(driver, size):
    Attachments(driver).attach(int(size))
'''
MAP_PAGES = "class Flow:\n    def apply(self, n): ...\n    def tick(self, l): ...\n\n\nclass Attachments:\n    pass\n"
MAP_PORTAL = '''
from reference_portal.rules import implements
from reference_portal import rules


@implements("REQ-ABC-01")
def may_submit(application): ...


class Deadlines:
    @rules.implements("REQ-ABC-01", "REQ-ABC-02")
    def passed(self, opening, now): ...


@other("REQ-ABC-02")
def not_a_rule(): ...
'''


def make_sources(tmp_path: Path) -> tuple[Path, Path]:
    steps = tmp_path / "steps"
    (steps / "pages").mkdir(parents=True)
    (steps / "pages" / "__init__.py").write_text(MAP_PAGES, encoding="utf-8")
    (steps / "driver.py").write_text("class Driver:\n    pass\n", encoding="utf-8")
    (steps / "essai.py").write_text(MAP_STEPS, encoding="utf-8")
    portal = tmp_path / "reference_portal"
    (portal / "rules").mkdir(parents=True)
    (portal / "rules" / "submission.py").write_text(MAP_PORTAL, encoding="utf-8")
    return steps, portal


def test_the_portal_scan_finds_every_function_decorated_implements(tmp_path):
    from harness.coverage_map import scan_implementations

    _, portal = make_sources(tmp_path)
    assert scan_implementations(portal) == {
        "REQ-ABC-01": ["reference_portal/rules/submission.py::Deadlines.passed",
                       "reference_portal/rules/submission.py::may_submit"],
        "REQ-ABC-02": ["reference_portal/rules/submission.py::Deadlines.passed"],
    }


def test_the_map_follows_each_requirement_to_steps_page_methods_and_portal_functions(tmp_path):
    features, csv_path = make_project(tmp_path, feature=MAP_FEATURE)
    steps, portal = make_sources(tmp_path)
    result = compute_coverage(load_catalogue(csv_path), features, steps, portal)
    first, second = result["requirements"]
    assert first["step_functions"] == [
        "steps/essai.py::apply", "steps/essai.py::attach", "steps/essai.py::on_site", "steps/essai.py::says",
        "steps/essai.py::tick",
    ]  # the feature's tag reaches the outline too; the background's step counts for both
    assert first["page_methods"] == [
        "steps/driver.py::Driver.expect_text", "steps/driver.py::Driver.open_start",
        "steps/pages/__init__.py::Attachments.attach", "steps/pages/__init__.py::Flow.apply",
        "steps/pages/__init__.py::Flow.tick",  # through the helper _tick
    ]
    assert second["step_functions"] == ["steps/essai.py::attach", "steps/essai.py::on_site"]  # <taille> filled in
    assert first["portal_functions"] == ["reference_portal/rules/submission.py::Deadlines.passed",
                                         "reference_portal/rules/submission.py::may_submit"]
    assert result["unbound_steps"] == []


def test_a_step_no_definition_matches_is_listed_as_unbound(tmp_path):
    features, csv_path = make_project(tmp_path, feature=MAP_FEATURE.replace("je coche", "je décoche"))
    steps, portal = make_sources(tmp_path)
    result = compute_coverage(load_catalogue(csv_path), features, steps, portal)
    assert [u["step"] for u in result["unbound_steps"]] == ["je décoche « J'accepte »"]


def test_every_requirement_of_the_project_names_its_scenarios_steps_and_page_methods():
    result = compute_coverage()
    assert result["unbound_steps"] == []
    for field in ("scenarios", "step_functions", "page_methods"):
        missing = [r["id"] for r in result["requirements"] if not r[field]]
        assert not missing, f"requirements without {field}: {missing}"
    methods = {m for r in result["requirements"] for m in r["page_methods"]}
    assert any(m.startswith("steps/pages/") for m in methods)  # the page objects, not only the driver


def test_every_requirement_of_the_project_names_the_portal_function_that_implements_it():
    missing = [r["id"] for r in compute_coverage()["requirements"] if not r["portal_functions"]]
    assert not missing, f"requirements no portal function declares @implements for: {missing}"
