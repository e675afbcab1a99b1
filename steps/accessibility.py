"""The step proving axe checks the pages (features/accessibilite.feature); the checks themselves run after
every step of every scenario (harness/accessibility_scan.py)."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page
from pytest_bdd import then

from fixtures.portal import Target
from harness import axe
from harness.accessibility_scan import scanner
from harness.verdicts import NOT_APPLICABLE_PREFIX, NOT_TESTABLE_PREFIX


@then("la page affichée a été contrôlée selon WCAG 2.1 A et AA")
def page_checked(page: Page, target: Target, request: pytest.FixtureRequest) -> None:
    checks = scanner(request.config)
    if not checks.on:
        # Turned off for this run: a customer who demands accessibility gets no verdict without the checks.
        prefix = NOT_TESTABLE_PREFIX if target.profile.accessibility_level == "MUST" else NOT_APPLICABLE_PREFIX
        pytest.skip(prefix + "accessibility checks turned off (run --a11y off)")
    entry = checks.check(request.node, page)
    assert entry is not None, f"axe could not check {page.url}"
    assert entry["engine"] == axe.VERSION, f"axe {entry['engine']} ran, not the pinned {axe.VERSION}"
