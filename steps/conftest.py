"""Browser fixtures for the scenarios: pytest-playwright's, extended (one browser per worker, a fresh
context per scenario, French locale, the target's base URL)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, BrowserContext, Playwright

from harness.browser import find_browser
from harness.masking import watch_password_fields
from harness.pytest_plugin import RUN_INFO_KEY

ACTION_TIMEOUT_MS = 10_000


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args: dict, playwright: Playwright) -> dict:
    choice = find_browser(managed=playwright.chromium.executable_path)
    if choice is None:
        raise pytest.UsageError("no Chromium found: run `python -m harness.browser ensure` (make does it)")
    return {**browser_type_launch_args, **choice.launch_args()}


@pytest.fixture(scope="session")
def browser(launch_browser, playwright: Playwright, pytestconfig: pytest.Config) -> Iterator[Browser]:
    """One browser per worker: launched here, or a remote one (Selenium Grid 4, Browserless, a Playwright
    server) reached over CDP or a Playwright websocket."""
    cdp_url = pytestconfig.getoption("cdp_url")
    ws_endpoint = pytestconfig.getoption("ws_endpoint")
    if cdp_url:
        browser = playwright.chromium.connect_over_cdp(cdp_url, timeout=15_000)
        where = f"remote over CDP at {cdp_url}"
    elif ws_endpoint:
        browser = playwright.chromium.connect(ws_endpoint, timeout=15_000)
        where = f"Playwright server at {ws_endpoint}"
    else:
        browser = launch_browser()
        where = "launched locally"
    pytestconfig.stash[RUN_INFO_KEY]["browser"] = f"{browser.browser_type.name} {browser.version}"
    pytestconfig.stash[RUN_INFO_KEY]["browser_location"] = where
    yield browser
    browser.close()


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args: dict, target) -> dict:
    locale = "fr-FR" if target.profile.locale == "fr" else "en-US"
    return {**browser_context_args, "base_url": target.base_url, "locale": locale}


@pytest.fixture
def context(context: BrowserContext) -> BrowserContext:
    context.set_default_timeout(ACTION_TIMEOUT_MS)
    watch_password_fields(context)  # what is typed there is masked in the report and the trace
    return context
