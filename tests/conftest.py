"""Fixtures shared by the portal's and the harness's tests."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, sync_playwright

from harness.browser import find_browser


@pytest.fixture(scope="module")
def chromium() -> Iterator[Browser]:
    """The browser the harness itself would launch (its headless shell where installed), one per module."""
    choice = find_browser()  # before Playwright starts: finding the managed build starts its own
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(**choice.launch_args())
        yield browser
        browser.close()
