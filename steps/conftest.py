"""Browser fixtures for the scenarios: pytest-playwright's, extended (one browser per worker, a fresh
context per scenario, French locale, the target's base URL)."""

from __future__ import annotations

import pytest
from playwright.sync_api import Browser, BrowserContext, Playwright

from harness.browser import find_browser
from harness.pytest_plugin import RUN_INFO_KEY

ACTION_TIMEOUT_MS = 10_000


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args: dict, playwright: Playwright) -> dict:
    choice = find_browser(managed=playwright.chromium.executable_path)
    if choice is None:
        raise pytest.UsageError("no Chromium found: run `python -m harness.browser ensure` (make does it)")
    return {**browser_type_launch_args, **choice.launch_args()}


@pytest.fixture(scope="session")
def browser(browser: Browser, pytestconfig: pytest.Config) -> Browser:
    pytestconfig.stash[RUN_INFO_KEY]["browser"] = f"{browser.browser_type.name} {browser.version}"
    return browser


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args: dict, target) -> dict:
    locale = "fr-FR" if target.profile.locale == "fr" else "en-US"
    return {**browser_context_args, "base_url": target.base_url, "locale": locale}


@pytest.fixture
def context(context: BrowserContext) -> BrowserContext:
    context.set_default_timeout(ACTION_TIMEOUT_MS)
    return context
