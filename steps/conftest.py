"""Browser fixtures for the scenarios: pytest-playwright's, extended (one browser per worker, a fresh
context per scenario, French locale, the target's base URL)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, BrowserContext, Playwright
from playwright.sync_api import Error as PlaywrightError

from harness.browser import BrowserChoice, find_browser
from harness.masking import watch_password_fields
from harness.preflight import RunAborted, browser_failure
from harness.pytest_plugin import RUN_INFO_KEY

ACTION_TIMEOUT_MS = 10_000


@pytest.fixture(scope="session")
def browser_choice(playwright: Playwright, pytestconfig: pytest.Config) -> BrowserChoice:
    """The headless shell, or the full browser with pytest-playwright's ``--headed`` (``run --headed`` passes
    it) or where no shell is found."""
    headed = bool(pytestconfig.getoption("--headed"))
    choice = find_browser(managed=playwright.chromium.executable_path, headed=headed)
    if choice is None:
        raise pytest.UsageError("no Chromium found: run `python -m harness.browser ensure` (make does it)")
    return choice


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args: dict, browser_choice: BrowserChoice) -> dict:
    return {**browser_type_launch_args, **browser_choice.launch_args()}


@pytest.fixture(scope="session")
def browser(
    launch_browser, playwright: Playwright, pytestconfig: pytest.Config, browser_type_launch_args: dict,
    request: pytest.FixtureRequest,
) -> Iterator[Browser]:
    """One browser per worker: launched here, or a remote one (Selenium Grid 4, Browserless, a Playwright
    server) reached over CDP or a Playwright websocket."""
    cdp_url = pytestconfig.getoption("cdp_url")
    ws_endpoint = pytestconfig.getoption("ws_endpoint")
    try:
        if cdp_url:
            where = f"remote over CDP at {cdp_url}"
            browser = playwright.chromium.connect_over_cdp(cdp_url, timeout=15_000)
        elif ws_endpoint:  # any engine the server runs: --browser chromium, firefox or webkit
            where = f"Playwright server at {ws_endpoint}"
            engine = getattr(playwright, (pytestconfig.getoption("browser") or ["chromium"])[0])
            browser = engine.connect(ws_endpoint, timeout=15_000)
        else:
            where = "launched locally"
            browser = launch_browser()
    except PlaywrightError as exc:  # nothing can be checked without it: the run stops with the verdict ERROR
        executable = browser_type_launch_args.get("executable_path", "the Playwright-managed Chromium")
        how = f"launch {executable}" if where == "launched locally" else f"connect to {where}"
        raise RunAborted(browser_failure(exc, how)) from None
    # Which build ran (the headless shell or the full browser), where this harness launched it.
    name = request.getfixturevalue("browser_choice").build if where == "launched locally" else browser.browser_type.name
    pytestconfig.stash[RUN_INFO_KEY]["browser"] = f"{name} {browser.version}"
    pytestconfig.stash[RUN_INFO_KEY]["browser_location"] = where
    yield browser
    browser.close()


@pytest.fixture(scope="session")
def base_url(target) -> str:
    """The portal under test. Defined here, pytest-playwright's own fallback fixture (a method of a class,
    deprecated by pytest 9 with a warning at every run) is never used."""
    return target.base_url


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args: dict, target) -> dict:
    locale = "fr-FR" if target.profile.locale == "fr" else "en-US"
    return {**browser_context_args, "base_url": target.base_url, "locale": locale}


@pytest.fixture(scope="session")
def signed_in_states() -> dict[tuple[str, str], dict]:
    """What each candidate's sign-in through the UI left in the browser (Playwright's storage state: the
    cookies) and the page it led to, per portal and user code, for this worker. A later scenario of the
    same candidate starts its fresh context from it instead of signing in again (see steps/common.py)."""
    return {}


@pytest.fixture
def context(context: BrowserContext) -> BrowserContext:
    context.set_default_timeout(ACTION_TIMEOUT_MS)
    watch_password_fields(context)  # what is typed there is masked in the report and the trace
    return context
