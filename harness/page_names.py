"""``inspira-conformance names URL``: the roles and accessible names one page of a portal offers, as the steps
look controls up, each beside the profile key or guide label that already names it.

For writing a profile without a run: a vendor sees what the harness sees (Playwright's accessibility tree),
on any page, signed in or not (``--sign-in USER_CODE``, the password from ``INSPIRA_PASSWORD``, never on the
command line; the sign-in goes through the pages with the profile's own keys, so it checks them as well).
"""

from __future__ import annotations

import json
import os
import re
from pathlib import Path
from urllib.parse import urlsplit

from harness.labels import LabelNotFound, page_names
from harness.profile import Profile, load_profile

PASSWORD_ENV = "INSPIRA_PASSWORD"


class NamesError(Exception):
    """What stops the command, in one line: ``usage`` for the caller's mistake, else the portal is unreachable."""

    def __init__(self, message: str, usage: bool) -> None:
        super().__init__(message)
        self.usage = usage


def known_names(profile: Profile) -> list[tuple[str | re.Pattern[str], str]]:
    """(name or per-row pattern, where the profile gives it): every [fields] key and every [labels] entry."""
    known: list[tuple[str | re.Pattern[str], str]] = []
    for key in profile.fields:
        known.append((profile.control_name(key), f"fields.{key}"))
    for guide, shown in profile.labels.items():
        known.append((shown, f"[labels] « {guide} »" if shown != guide else "the guide's label"))
    return known


def named_by(name: str, known: list[tuple[str | re.Pattern[str], str]]) -> list[str]:
    return [where for pattern, where in known
            if (pattern.fullmatch(name) if isinstance(pattern, re.Pattern) else pattern == name)]


def collect(url: str, profile: Profile, user_code: str | None, password: str | None) -> tuple[str, list]:
    """The page's final URL and its (role, name) pairs, signed in first when a user code is given."""
    from playwright.sync_api import Error as PlaywrightError
    from playwright.sync_api import sync_playwright

    from harness.browser import find_browser
    from steps.driver import Driver
    from steps.pages.account import SignIn

    parts = urlsplit(url)
    origin = f"{parts.scheme}://{parts.netloc}"
    choice = find_browser()
    if choice is None:
        raise NamesError("no Chromium found: run `make setup` (or apt-get install chromium-headless-shell)", True)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(**choice.launch_args())
        try:
            context = browser.new_context(base_url=origin, locale=profile.locale)
            page = context.new_page()
            try:
                if user_code:
                    sign_in = SignIn(Driver(page, profile))
                    sign_in.open()
                    sign_in.sign_in({"user_code": user_code, "password": password or ""})
                page.goto(url)
                page.wait_for_load_state("load")
            except LabelNotFound as exc:
                raise NamesError(f"signing in as {user_code} through the pages failed: {exc}", True) from None
            except PlaywrightError as exc:
                first = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
                raise NamesError(f"{url} could not be shown: {first}", False) from None
            return page.url, page_names(page)
        finally:
            browser.close()


def render(url: str, names: list[tuple[str, str]], known: list, role: str | None, as_json: bool) -> str:
    rows = [(r, n, named_by(n, known)) for r, n in dict.fromkeys(names) if role is None or r == role]
    if as_json:
        return json.dumps({"url": url, "names": [{"role": r, "name": n, "profile": w} for r, n, w in rows]},
                          ensure_ascii=False, indent=2)
    width = max((len(r) for r, _, _ in rows), default=4)
    lines = [f"{url}: {len(rows)} name(s)" + (f" of role {role}" if role else "")]
    for r, n, where in rows:
        lines.append(f"  {r:<{width}}  « {n} »" + (f"  ← {', '.join(where)}" if where else ""))
    return "\n".join(lines)


def names_command(url: str, profile_path: str, user_code: str | None, role: str | None, as_json: bool) -> int:
    if not url.startswith(("http://", "https://")):
        raise NamesError(f"expected the page's whole address (http:// or https://…), got {url!r}", True)
    password = os.environ.get(PASSWORD_ENV)
    if user_code and not password:
        raise NamesError(f"--sign-in needs the account's password in {PASSWORD_ENV} (never on the command line)",
                         True)
    profile = load_profile(Path(profile_path))
    final_url, names = collect(url, profile, user_code, password)
    print(render(final_url, names, known_names(profile), role, as_json))
    return 0
