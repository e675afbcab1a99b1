import sys
from pathlib import Path

import pytest

# The matrix's modules import one another by name, also when run as `python -m tests.mutants.matrix`.
sys.path.insert(0, str(Path(__file__).resolve().parent))


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """The end-to-end variants (one portal and one harness run each, about a minute apiece) run when asked
    for: `pytest -n 2 tests/mutants`, `-m slow`, or `make mutants`; a plain `pytest tests` keeps the fast checks."""
    asked = any("mutants" in str(arg) for arg in config.args) or "slow" in (config.option.markexpr or "")
    if asked:
        return
    skip = pytest.mark.skip(reason="defect matrix: run `make mutants` or `pytest -n 2 tests/mutants`")
    for item in items:
        if "slow" in item.keywords and "mutants" in str(item.path):
            item.add_marker(skip)
