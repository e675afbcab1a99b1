"""Steps about the 20-minute inactivity timeout, checked at its boundary with the portal's clock."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from playwright.sync_api import Locator, expect
from pytest_bdd import given, parsers, then, when

from fixtures.provision import PortalClock
from steps.applications import COVER_LETTER
from steps.driver import Driver
from steps.pages import ApplicationFlow
from steps.probes import ServerProbes


def start_blank_draft(driver: Driver) -> None:
    ApplicationFlow(driver).start_blank_draft()


@given(
    "j'ai enregistré un projet de candidature avec une lettre de motivation",
    target_fixture="cover_letter",
)
def saved_draft(driver: Driver, probes: ServerProbes) -> str:
    """The save's request is kept: a probe sends it again once the session has ended."""
    from steps.server_rules import save_letter_recorded

    start_blank_draft(driver)
    driver.click_link(COVER_LETTER)
    text = save_letter_recorded(driver, probes)
    driver.click_button("OK")
    return text


@when(parsers.parse("je reste inactif pendant {minutes:d} min {seconds:d} s"))
def stay_idle(driver: Driver, portal_clock: PortalClock, minutes: int, seconds: int) -> None:
    portal_clock.idle(minutes * 60 + seconds, driver.page)


@when("j'affiche à nouveau la page")
def reload(driver: Driver) -> None:
    driver.page.reload()


@then("je suis toujours connecté")
def still_signed_in(driver: Driver, cover_letter: str) -> None:
    expect(driver.field(driver.label(COVER_LETTER))).to_have_value(cover_letter)
    expect(driver.named_field("login_password")).to_have_count(0)


@then("je suis déconnecté")
def signed_out(driver: Driver) -> None:
    password = driver.field_label("login_password")
    driver.present(driver.named_field("login_password"), password, "field")  # the sign-in page
    expect(driver.button("Enregistrer")).to_have_count(0)


@when("je rouvre mon projet de candidature depuis « Mes candidatures »")
def reopen_draft(driver: Driver) -> None:
    driver.click_link("Mes candidatures")
    driver.page.get_by_role("link", name=driver.control_name("open_draft"), exact=True).click()


@then("la lettre de motivation enregistrée est toujours là")
def cover_letter_kept(driver: Driver, cover_letter: str) -> None:
    expect(driver.field(driver.label(COVER_LETTER))).to_have_value(cover_letter)


# -- the in-page warning, with Playwright's fake browser clock beside the portal's clock ------------------
def session_warning(driver: Driver) -> Locator:
    return driver.page.get_by_role("alertdialog", name=driver.field_label("session_warning"), exact=True)


@given("l'horloge du navigateur est contrôlée par le test")
def browser_clock_controlled(driver: Driver, portal_clock: PortalClock) -> None:
    """The page's timers run on Playwright's fake clock from the reload on. Held still (paused) unless the
    run waits in real time: otherwise the real seconds a busy machine spends between the page's load and
    the check would count as inactivity too, and the warning due at 18:00 showed at « 17 min 59 s »."""
    clock = driver.page.clock
    if portal_clock.real_time:
        clock.install()
    else:
        start = datetime.now(UTC).replace(microsecond=0)
        clock.install(time=start)
        # Ahead of the fake time however slow the call; the pause holds through the reload.
        clock.pause_at(start + timedelta(minutes=1))
    driver.page.reload()


@when(parsers.parse("la page reste ouverte sans activité pendant {minutes:d} min {seconds:d} s"))
def page_left_open(driver: Driver, portal_clock: PortalClock, minutes: int, seconds: int) -> None:
    portal_clock.idle(minutes * 60 + seconds, driver.page, browser_clock=True)


@then("l'avertissement de fin de session n'est pas affiché")
def warning_not_shown(driver: Driver) -> None:
    expect(session_warning(driver)).to_have_count(0)


@then("l'avertissement de fin de session s'affiche")
def warning_shown(driver: Driver) -> None:
    expect(session_warning(driver)).to_be_visible()
    expect(session_warning(driver).get_by_role("button", name=driver.field_label("session_keep_alive"))).to_be_focused()


@when("je choisis de rester connecté")
def stay_signed_in(driver: Driver) -> None:
    driver.click_button(driver.field_label("session_keep_alive"))


@then("l'avertissement de fin de session n'est plus affiché")
def warning_gone(driver: Driver) -> None:
    expect(session_warning(driver)).to_have_count(0)
