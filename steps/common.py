"""Steps every feature shares: where I am, what I click, what I see, who I am."""

from __future__ import annotations

from urllib.parse import urljoin

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
    """A precondition, not the act: where the portal offers it (capability sign_in), the control API hands
    over a sign-in's cookie and the scenario opens the page the form lands on; the login form has scenarios
    of its own. Otherwise one sign-in through the form per candidate and worker; later scenarios start from
    its storage state, unless the portal no longer honours it (then the form again)."""
    form = SignIn(driver)
    if target.control is not None and "sign_in" in target.capabilities and "id" in candidate:
        granted = target.control.sign_in(candidate["id"])
        form.enter_with([{**cookie, "url": target.base_url} for cookie in granted["cookies"]],
                        urljoin(target.base_url, granted["landing"]))
        driver.expect_on("Accueil")
        return
    key = (target.base_url, candidate["user_code"])
    saved = signed_in_states.get(key)
    if saved is not None:
        if form.enter_with(saved["storage_state"]["cookies"], saved["landing"]):  # loaded: its state, not a wait
            return
        driver.forget_cookies()
    form.open()
    form.sign_in(candidate)
    signed_in_states[key] = {"storage_state": driver.storage_state(), "landing": driver.url}


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
