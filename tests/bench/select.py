"""A pytest plugin for ``make bench`` (``run -- -p tests.bench.select``): with ``INSPIRA_BENCH_SELECT=FILE``
(one pytest node ID a line), only those scenarios run, so ours is timed on exactly the scenarios the naive
run could express."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

SELECT_ENV = "INSPIRA_BENCH_SELECT"


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    selection = os.environ.get(SELECT_ENV)
    if not selection:
        return
    wanted = set(Path(selection).read_text(encoding="utf-8").splitlines()) - {""}
    config.hook.pytest_deselected(items=[item for item in items if item.nodeid not in wanted])
    items[:] = [item for item in items if item.nodeid in wanted]
