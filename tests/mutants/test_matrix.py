"""Each broken variant must be reported NOT CONFORMANT, naming the requirement its defect breaks."""

import pytest
from matrix import run_variant
from variants import VARIANTS

pytestmark = pytest.mark.slow


@pytest.mark.parametrize("variant", VARIANTS, ids=[v.name for v in VARIANTS])
def test_the_harness_catches_the_defect_by_its_requirement(variant, tmp_path):
    outcome = run_variant(variant, tmp_path)
    assert outcome.verdict == "NOT CONFORMANT", outcome.output[-3000:]
    assert variant.requirement in outcome.failed, (
        f"{variant.defect}: expected {variant.requirement} among the failed requirements, got {outcome.failed}"
    )
