"""Steps of section 2: the profile's three tabs and its completion status."""

from __future__ import annotations

import re

from playwright.sync_api import expect
from pytest_bdd import parsers, then, when

from steps.driver import Driver

COMPLETE = "100% Complet"


@when(parsers.parse("je complète l'onglet « {tab} » et je clique sur « Enregistrer »"))
def complete_tab(driver: Driver, tab: str) -> None:
    name = driver.label(tab)
    driver.page.get_by_role("tab", name=name, exact=True).or_(
        driver.page.get_by_role("link", name=name, exact=True)
    ).click()
    driver.fill_required_fields()
    driver.click_button("Enregistrer")
    expect(driver.page.get_by_role("alert")).to_have_count(0)


@then(parsers.parse("le statut du profil est « {status} »"))
def profile_status(driver: Driver, status: str) -> None:
    driver.expect_text(status)


@then("le statut du profil n'est pas « 100% Complet »")
def profile_not_complete(driver: Driver) -> None:
    complete = driver.label(COMPLETE)
    partial = re.compile(re.escape(complete).replace("100", r"\b\d{1,2}"))
    expect(driver.page.get_by_text(partial)).to_be_visible()
    expect(driver.page.get_by_text(complete)).to_have_count(0)
