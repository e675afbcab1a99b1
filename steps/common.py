"""Steps every feature shares: where I am, what I click, what I see, who I am."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect
from pytest_bdd import given, parsers, then, when

from fixtures.portal import Target
from fixtures.provision import Provisioner
from harness.reporting import LABELS_KEY, PROBES_KEY
from steps.driver import Driver
from steps.pages import SignIn
from steps.probes import ServerProbes


@pytest.fixture
def driver(page: Page, target: Target, request: pytest.FixtureRequest) -> Driver:
    return Driver(page, target.profile, seen_labels=request.node.stash.setdefault(LABELS_KEY, []))


@given("je suis sur le site Carrières")
def on_careers_site(driver: Driver) -> None:
    driver.open_start()


@given(parsers.parse("un candidat inscrit dont le profil est {state}"), target_fixture="candidate")
def registered_candidate(provision: Provisioner, state: str) -> dict:
    # Made through the control API, or one of the profile's accounts of that kind (@needs-accounts).
    return provision.candidate({"vide": "empty", "complet": "complete"}[state])


def sign_in(driver: Driver, candidate: dict) -> None:
    SignIn(driver).sign_in(candidate)


@given("je suis connecté en tant que ce candidat")
def signed_in(driver: Driver, candidate: dict, target: Target, signed_in_states: dict) -> None:
    """A precondition, not the act (see ``SignIn.signed_in``): the control API's sign-in where offered, else
    the form once per candidate and worker."""
    SignIn(driver).signed_in(candidate, target, signed_in_states)


@when("je me reconnecte en tant que ce candidat")
def sign_in_again(driver: Driver, candidate: dict) -> None:
    sign_in(driver, candidate)


@when(parsers.parse("je clique sur le lien « {label} »"))
def click_link(driver: Driver, label: str) -> None:
    driver.click_link(label)


@when(parsers.parse("je clique sur le bouton « {label} »"))
def click_button(driver: Driver, label: str) -> None:
    driver.click_button(label)


@then(parsers.parse("je suis sur la page « {label} »"))
def on_page(driver: Driver, label: str) -> None:
    driver.expect_on(label)


@then(parsers.parse("le message « {text} » s'affiche"))
def message_shown(driver: Driver, text: str) -> None:
    driver.expect_text(text)


@then(parsers.parse("la page indique « {text} »"))
def page_says(driver: Driver, text: str) -> None:
    driver.expect_text(text)


@then("aucun avertissement n'est affiché")
def no_warning(driver: Driver) -> None:
    expect(driver.alerts()).to_have_count(0)


@pytest.fixture
def probes(page: Page, request: pytest.FixtureRequest) -> ServerProbes:
    """The requests this scenario learns from its page, to prove on the server the rules the page withholds."""
    return ServerProbes(page, request.node.stash.setdefault(PROBES_KEY, []))
