"""Steps of section 1: registering as an external candidate."""

from __future__ import annotations

from playwright.sync_api import expect
from pytest_bdd import given, parsers, then, when

from fixtures.data import Person
from steps.driver import Driver
from steps.pages import Registration


@given("je suis sur le formulaire « Inscription immédiate »")
def on_registration_form(driver: Driver) -> None:
    Registration(driver).open()


def fill_registration(driver: Driver, person: Person, date_of_birth: str) -> None:
    driver.fill("first_name", person.first_name)
    driver.fill("last_name", person.last_name)
    driver.fill("email", person.email)
    driver.fill("date_of_birth", date_of_birth)
    if driver.profile.reading("user_code") == "candidate":  # else the portal issues it (readings.user_code)
        driver.fill("user_code", person.user_code)
    driver.fill("password", person.password)
    driver.fill("password_confirmation", person.password)


@when("je remplis le formulaire d'inscription avec la date de naissance de la personne")
def fill_with_valid_date(driver: Driver, person: Person) -> None:
    fill_registration(driver, person, person.date_of_birth_fr)


@when(parsers.parse('je remplis le formulaire d\'inscription avec la date de naissance "{date_of_birth}"'))
def fill_with_date(driver: Driver, person: Person, date_of_birth: str) -> None:
    fill_registration(driver, person, date_of_birth)


@then("l'inscription est refusée avec un message sur la date de naissance")
def refused_for_date(driver: Driver) -> None:
    Registration(driver).expect_refused_for_date()


@then(parsers.parse('le champ de la date de naissance contient toujours "{date_of_birth}"'))
def date_kept(driver: Driver, date_of_birth: str) -> None:
    expect(driver.named_field("date_of_birth")).to_have_value(date_of_birth)


def created_account(driver: Driver, person: Person) -> dict:
    """The account « Inscription » made: the user code typed, or the one the portal shows (readings.user_code)."""
    registration = Registration(driver)
    registration.expect_left()
    typed = driver.profile.reading("user_code") == "candidate"
    user_code = person.user_code if typed else registration.issued_user_code()
    return {"user_code": user_code, "password": person.password, "email": person.email,
            "first_name": person.first_name, "last_name": person.last_name}


def enter_with_new_account(driver: Driver, person: Person) -> None:
    Registration(driver).enter(created_account(driver, person))


@when("j'entre dans inspira avec le compte créé")
def enter_inspira(driver: Driver, person: Person) -> None:
    # Signed in by « Inscription » or through the sign-in form: the guide fixes no page after « Inscription ».
    enter_with_new_account(driver, person)


@then(parsers.parse('la date de naissance "{date_of_birth}" est acceptée'))
def date_accepted(driver: Driver, person: Person, date_of_birth: str) -> None:
    # Accepted: the account exists, so the candidate gets into inspira with it.
    enter_with_new_account(driver, person)
    driver.expect_on("Accueil")


@then(parsers.parse('la date de naissance "{date_of_birth}" est refusée'))
def date_refused(driver: Driver, date_of_birth: str) -> None:
    refused_for_date(driver)
    date_kept(driver, date_of_birth)


@then("le compte a pour code utilisateur celui que j'ai saisi ou celui que le portail affiche")
def user_code_settled(driver: Driver) -> None:
    # The guide does not say who makes the user code; the profile does (readings.user_code).
    Registration(driver).expect_user_code_settled()


@then(parsers.parse("la page offre le lien « {label} »"))
def link_offered(driver: Driver, label: str) -> None:
    driver.present(driver.link(label), driver.label(label), "link", label)
