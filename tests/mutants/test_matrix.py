"""Each broken variant must be reported NOT CONFORMANT, naming the requirement its defect breaks.

The end-to-end tests are slow (one portal and one harness run each) and independent, so they run in
parallel: ``pytest -n 2 tests/mutants`` (``make mutants`` runs ``matrix.py``, which does the same two at a
time). The registry checks below are fast and run with the unit tests.
"""

import csv
from collections import Counter
from pathlib import Path

import pytest
from matrix import run_baseline, run_variant
from variants import KINDS, VARIANTS

import reference_portal

REQUIREMENTS = Path(__file__).resolve().parents[2] / "features" / "requirements.csv"
TEMPLATES = Path(reference_portal.__file__).resolve().parent / "templates"


def test_the_matrix_has_at_least_30_variants_of_every_kind_with_unique_names() -> None:
    assert len(VARIANTS) >= 30
    assert len({v.name for v in VARIANTS}) == len(VARIANTS)
    kinds = Counter(v.kind for v in VARIANTS)
    assert set(kinds) == set(KINDS), kinds


def test_each_variant_names_one_must_requirement_of_the_catalogue() -> None:
    with REQUIREMENTS.open(encoding="utf-8") as handle:
        levels = {row["id"]: row["level"] for row in csv.DictReader(handle)}
    for variant in VARIANTS:
        # A broken SHOULD is only a warning, so the run would stay CONFORMANT: such a defect cannot be caught.
        assert levels.get(variant.requirement) == "MUST", f"{variant.name}: {variant.requirement}"
        assert variant.select.strip(), variant.name


def test_each_template_override_still_finds_its_text() -> None:
    for variant in VARIANTS:
        for template, replacements in variant.templates.items():
            source = (TEMPLATES / template).read_text(encoding="utf-8")
            for old, _new in replacements:
                assert old in source, f"{variant.name}: {old!r} is no longer in {template}"


@pytest.mark.slow
@pytest.mark.parametrize("variant", VARIANTS, ids=[v.name for v in VARIANTS])
def test_the_harness_catches_the_defect_by_its_requirement(variant, tmp_path):
    outcome = run_variant(variant, tmp_path)
    assert outcome.verdict == "NOT CONFORMANT", outcome.output[-3000:]
    assert variant.requirement in outcome.failed, (
        f"{variant.defect}: expected {variant.requirement} among the failed requirements, got {outcome.failed}"
    )


@pytest.mark.slow
def test_the_unbroken_portal_meets_every_requirement_the_variants_name(tmp_path):
    """Without this, a variant would look caught while its scenarios fail on the reference portal too."""
    verdict, failed, output = run_baseline(VARIANTS, tmp_path)
    assert verdict != "NO REPORT", output[-3000:]
    assert not {v.requirement for v in VARIANTS} & set(failed), output[-3000:]


def test_the_matrix_holds_page_correct_server_broken_variants_for_the_rules_the_page_withholds() -> None:
    server_only = [v for v in VARIANTS if v.server_only]
    assert len(server_only) >= 12, [v.name for v in server_only]
    # A server-only defect keeps every page as it was: no template of its own to give it away.
    assert not [v.name for v in server_only if v.templates], "a server-only variant changes a page"


def test_collateral_counts_the_other_requirements_a_variant_failed() -> None:
    from matrix import Outcome, collateral, collateral_summary

    own, other = VARIANTS[0], "REQ-XXX-99"
    outcomes = [
        Outcome(own, "NOT CONFORMANT", [own.requirement], ""),
        Outcome(own, "NOT CONFORMANT", [own.requirement, other], ""),
        Outcome(own, "NOT CONFORMANT", [own.requirement, other, "REQ-YYY-98", "REQ-ZZZ-97"], ""),
    ]
    assert [collateral(o) for o in outcomes] == [0, 1, 3]
    assert collateral_summary(outcomes) == "median 1, max 3"
