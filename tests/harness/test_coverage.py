from pathlib import Path

import pytest

from harness.coverage import compute_coverage, coverage_problems
from harness.requirements import CatalogueError, load_catalogue

CATALOGUE = """id,location,level,statement
REQ-ABC-01,1.i,MUST,One thing.
REQ-ABC-02,2,SHOULD,Another thing.
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
        ("REQ-ABC-01,1.i,MUST,Twice.", "listed twice"),
        ("REQ-abc-3,1.i,MUST,Bad id.", "is not of the form"),
        ("REQ-ABC-03,1.i,MAY,Bad level.", "must be MUST or SHOULD"),
        ("REQ-ABC-03,,MUST,No location.", "location and statement are required"),
    ],
)
def test_a_malformed_catalogue_is_refused(tmp_path, row, problem):
    _, csv_path = make_project(tmp_path, CATALOGUE + row + "\n")
    with pytest.raises(CatalogueError, match=problem):
        load_catalogue(csv_path)
