"""Steps about the 20-minute inactivity timeout, checked at its boundary with the portal's clock."""

from __future__ import annotations

from pytest_bdd import given, parsers, then, when

from fixtures.provision import PortalClock
from steps.driver import Driver
from steps.pages import ApplicationFlow, MyApplications, SessionWarning, SignIn
from steps.probes import ServerProbes


@given(
    "j'ai enregistré un projet de candidature avec une lettre de motivation",
    target_fixture="cover_letter",
)
def saved_draft(driver: Driver, probes: ServerProbes) -> str:
    """The save's request is kept: a probe sends it again once the session has ended."""
    from steps.server_rules import save_letter_in_new_draft

    return save_letter_in_new_draft(driver, probes)


@when(parsers.parse("je reste inactif pendant {minutes:d} min {seconds:d} s"))
def stay_idle(driver: Driver, portal_clock: PortalClock, minutes: int, seconds: int) -> None:
    SessionWarning(driver).stay_idle(portal_clock, minutes * 60 + seconds)


@when("j'affiche à nouveau la page")
def reload(driver: Driver) -> None:
    driver.reload()


@then("je suis toujours connecté")
def still_signed_in(driver: Driver, cover_letter: str) -> None:
    ApplicationFlow(driver).expect_letter(cover_letter)
    SignIn(driver).expect_left()


@then("je suis déconnecté")
def signed_out(driver: Driver) -> None:
    SignIn(driver).expect_form()
    driver.expect_no_button("Enregistrer")


@when("je rouvre mon projet de candidature depuis « Mes candidatures »")
def reopen_draft(driver: Driver) -> None:
    MyApplications(driver).open()
    MyApplications(driver).open_draft()


@then("la lettre de motivation enregistrée est toujours là")
def cover_letter_kept(driver: Driver, cover_letter: str) -> None:
    ApplicationFlow(driver).expect_letter(cover_letter)


# -- the in-page warning, with Playwright's fake browser clock beside the portal's clock ------------------
@given("l'horloge du navigateur est contrôlée par le test")
def browser_clock_controlled(driver: Driver, portal_clock: PortalClock) -> None:
    SessionWarning(driver).control_browser_clock(portal_clock.real_time)


@when(parsers.parse("la page reste ouverte sans activité pendant {minutes:d} min {seconds:d} s"))
def page_left_open(driver: Driver, portal_clock: PortalClock, minutes: int, seconds: int) -> None:
    SessionWarning(driver).stay_idle(portal_clock, minutes * 60 + seconds, browser_clock=True)


@then("l'avertissement de fin de session n'est pas affiché")
@then("l'avertissement de fin de session n'est plus affiché")
def warning_not_shown(driver: Driver) -> None:
    SessionWarning(driver).expect_hidden()


@then("l'avertissement de fin de session s'affiche")
def warning_shown(driver: Driver) -> None:
    SessionWarning(driver).expect_shown()


@when("je choisis de rester connecté")
def stay_signed_in(driver: Driver) -> None:
    SessionWarning(driver).keep_alive()
