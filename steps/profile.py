"""Steps of section 2: the profile's three tabs and its completion status."""

from __future__ import annotations

import re

from faker import Faker
from playwright.sync_api import expect
from pytest_bdd import given, parsers, then, when

from fixtures.control import ControlClient
from fixtures.data import People
from steps.driver import Driver

COMPLETE = "100% Complet"
# Letters where digits are expected: malformed on any portal.
MALFORMED_PHONE = "douze trente"


def open_tab(driver: Driver, tab: str) -> None:
    """Open a profile tab and wait until it is shown: a tab that is a link loads a page, and a step that
    filled the form before that page arrived would fill (and save) the previous tab."""
    name = driver.label(tab)
    as_tab = driver.page.get_by_role("tab", name=name, exact=True)
    as_link = driver.page.get_by_role("link", name=name, exact=True)
    expect(as_tab.or_(as_link)).to_be_visible()
    if as_link.count():
        with driver.page.expect_navigation():
            as_link.click()
    else:
        as_tab.click()
        expect(as_tab).to_have_attribute("aria-selected", "true")


def save_profile_tab(driver: Driver) -> None:
    driver.click_button("Enregistrer")


@when(parsers.parse("je complète l'onglet « {tab} » et je clique sur « Enregistrer »"))
def complete_tab(driver: Driver, tab: str) -> None:
    open_tab(driver, tab)
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


@given(
    "j'ai enregistré un téléphone et une ville dans l'onglet « Coordonnées »", target_fixture="saved_contact"
)
def saved_phone_and_city(driver: Driver) -> dict[str, str]:
    faker = Faker("fr_FR")
    saved = {"profile_phone": f"+41 22 917 {faker.numerify('## ##')}", "profile_city": faker.city()}
    driver.click_link("Mon Profil")
    open_tab(driver, "Coordonnées")
    for key, value in saved.items():
        driver.fill(key, value)
    save_profile_tab(driver)
    expect(driver.page.get_by_role("status")).to_be_visible()
    expect(driver.page.get_by_role("alert")).to_have_count(0)
    return saved


@when("je saisis un téléphone mal formé, je vide la ville et je clique sur « Enregistrer »")
def break_phone_and_city(driver: Driver) -> None:
    driver.fill("profile_phone", MALFORMED_PHONE)
    driver.fill("profile_city", "")
    save_profile_tab(driver)


@then("l'avertissement nomme le téléphone et la ville")
def warning_names_both(driver: Driver) -> None:
    warning = driver.page.get_by_role("alert")
    expect(warning).to_contain_text(driver.field_label("profile_phone"))
    expect(warning).to_contain_text(driver.field_label("profile_city"))


@then("le téléphone mal formé est toujours dans le formulaire")
def malformed_phone_kept(driver: Driver) -> None:
    expect(driver.named_field("profile_phone")).to_have_value(MALFORMED_PHONE)


@when(parsers.parse("je rouvre l'onglet « {tab} »"))
def reopen_tab(driver: Driver, tab: str) -> None:
    open_tab(driver, tab)
    expect(driver.page.get_by_role("alert")).to_have_count(0)


@then("le téléphone et la ville enregistrés sont toujours là")
def phone_and_city_kept(driver: Driver, saved_contact: dict[str, str]) -> None:
    for key, value in saved_contact.items():
        expect(driver.named_field(key)).to_have_value(value)


@given("un autre candidat est inscrit sous le même nom avec une autre adresse email", target_fixture="other_candidate")
def namesake(control: ControlClient, people: People, candidate: dict) -> dict:
    person = people.person()
    return control.create_candidate(
        profile="complete",
        first_name=candidate["first_name"],
        last_name=candidate["last_name"],
        email=person.email,
        user_code=person.user_code,
        password=person.password,
    )


@when("je saisis l'adresse email principale de l'autre candidat et je clique sur « Enregistrer »")
def enter_namesake_email(driver: Driver, other_candidate: dict) -> None:
    driver.fill("profile_primary_email", other_candidate["email"])
    save_profile_tab(driver)


@then("l'adresse email principale saisie est toujours dans le formulaire")
def typed_email_kept(driver: Driver, other_candidate: dict) -> None:
    expect(driver.named_field("profile_primary_email")).to_have_value(other_candidate["email"])


@then("mon adresse email principale n'a pas changé")
def own_email_unchanged(driver: Driver, candidate: dict) -> None:
    expect(driver.named_field("profile_primary_email")).to_have_value(candidate["email"])
