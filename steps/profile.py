"""Steps of section 2: the profile's three tabs and its completion status."""

from __future__ import annotations

from faker import Faker
from playwright.sync_api import expect
from pytest_bdd import given, parsers, then, when

from fixtures.control import ControlClient
from fixtures.data import People
from steps.driver import Driver
from steps.pages import ProfilePage

# Letters where digits are expected: malformed on any portal.
MALFORMED_PHONE = "douze trente"


def open_tab(driver: Driver, tab: str) -> None:
    ProfilePage(driver).open_tab(tab)


def save_profile_tab(driver: Driver) -> None:
    ProfilePage(driver).save()


@when(parsers.parse("je complète l'onglet « {tab} » et je clique sur « Enregistrer »"))
def complete_tab(driver: Driver, tab: str) -> None:
    ProfilePage(driver).complete_tab(tab)


@then(parsers.parse("le statut du profil est « {status} »"))
def profile_status(driver: Driver, status: str) -> None:
    driver.expect_text(status)


@then("le statut du profil n'est pas « 100% Complet »")
def profile_not_complete(driver: Driver) -> None:
    ProfilePage(driver).expect_not_complete()


@given(
    "j'ai enregistré un téléphone et une ville dans l'onglet « Coordonnées »", target_fixture="saved_contact"
)
def saved_phone_and_city(driver: Driver) -> dict[str, str]:
    faker = Faker("fr_FR")
    saved = {"profile_phone": f"+41 22 917 {faker.numerify('## ##')}", "profile_city": faker.city()}
    ProfilePage(driver).save_fields("Coordonnées", saved)
    return saved


@when("je saisis un téléphone mal formé, je vide la ville et je clique sur « Enregistrer »")
def break_phone_and_city(driver: Driver) -> None:
    driver.fill("profile_phone", MALFORMED_PHONE)
    driver.fill("profile_city", "")
    save_profile_tab(driver)


@then("l'avertissement nomme le téléphone et la ville")
def warning_names_both(driver: Driver) -> None:
    driver.expect_alert_naming(driver.field_label("profile_phone"))
    driver.expect_alert_naming(driver.field_label("profile_city"))


@then("le téléphone mal formé est toujours dans le formulaire")
def malformed_phone_kept(driver: Driver) -> None:
    expect(driver.named_field("profile_phone")).to_have_value(MALFORMED_PHONE)


@when(parsers.parse("je rouvre l'onglet « {tab} »"))
def reopen_tab(driver: Driver, tab: str) -> None:
    open_tab(driver, tab)
    ProfilePage(driver).expect_no_warning()


@then("le téléphone et la ville enregistrés sont toujours là")
def phone_and_city_kept(driver: Driver, saved_contact: dict[str, str]) -> None:
    ProfilePage(driver).expect_values(saved_contact)


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
