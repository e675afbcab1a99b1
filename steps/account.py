"""Steps of the account: « Code utilisateur oublié », « Mot de passe oublié » (section 1) and the cookie
check of FAQ vi. Mail is read from the harness's SMTP sink; links found in it are opened as a person would."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect
from pytest_bdd import given, parsers, then, when

from fixtures.control import ControlClient
from fixtures.data import People
from fixtures.mail import MailSink, body_text
from steps.common import sign_in
from steps.driver import Driver

LINK_RE = re.compile(r"https?://[^\s<>\"]+")


@pytest.fixture
def recovery_answers() -> list[str]:
    """What the portal answered to each recovery request of the scenario, in order."""
    return []


def reset_link(mail: MailSink, candidate: dict) -> str:
    found = LINK_RE.search(body_text(mail.wait_for_mail_to(candidate["email"])))
    assert found, f"the e-mail to {candidate['email']} holds no link"
    return found[0]


def answer_text(driver: Driver) -> str:
    answer = driver.page.get_by_role("status")
    expect(answer).to_be_visible()
    return answer.inner_text().strip()


def ask_reset_link(driver: Driver, identifier: str) -> str:
    driver.fill("recovery_identifier", identifier)
    driver.click_button(driver.field_label("recovery_send_link"))
    return answer_text(driver)


@given("je suis sur la page de connexion")
def on_sign_in_page(driver: Driver) -> None:
    driver.open_start()
    driver.click_link("Connexion")
    expect(driver.named_field("login_password")).to_be_visible()


@when("je demande mon code utilisateur avec l'adresse email du candidat")
def ask_user_code(driver: Driver, candidate: dict) -> None:
    driver.fill("recovery_email", candidate["email"])
    driver.click_button(driver.field_label("recovery_send_user_code"))
    answer_text(driver)


@then("le code utilisateur du candidat arrive par email")
def user_code_arrives(mail: MailSink, candidate: dict) -> None:
    assert candidate["user_code"] in body_text(mail.wait_for_mail_to(candidate["email"]))


@when("je demande un lien avec le code utilisateur du candidat")
def ask_link_for_candidate(driver: Driver, candidate: dict, recovery_answers: list[str]) -> None:
    recovery_answers.append(ask_reset_link(driver, candidate["user_code"]))


@when("je demande un lien avec un code utilisateur que personne n'a")
def ask_link_for_nobody(driver: Driver, people: People, recovery_answers: list[str]) -> None:
    driver.open_start()
    driver.click_link("Connexion")
    driver.click_link("Mot de passe oublié")
    recovery_answers.append(ask_reset_link(driver, people.person().user_code))


@then("les deux réponses sont identiques")
def same_answers(recovery_answers: list[str]) -> None:
    assert len(recovery_answers) == 2 and recovery_answers[0] == recovery_answers[1], recovery_answers


@when(parsers.parse("le lien reçu par email attend {minutes:d} min {seconds:d} s"))
def link_waits(mail: MailSink, candidate: dict, control: ControlClient, minutes: int, seconds: int) -> None:
    reset_link(mail, candidate)  # it has arrived: its time runs from the request
    control.advance_clock(minutes * 60 + seconds)


@when("j'ouvre le lien reçu par email")
def open_link(driver: Driver, mail: MailSink, candidate: dict) -> None:
    driver.page.goto(reset_link(mail, candidate))


@when("je choisis un nouveau mot de passe", target_fixture="new_password")
def choose_new_password(driver: Driver, people: People) -> str:
    password = people.person().password
    driver.fill("new_password", password)
    driver.fill("new_password_confirmation", password)
    driver.click_button(driver.field_label("new_password_save"))
    expect(driver.named_field("new_password")).to_have_count(0)
    return password


@when("je me connecte avec le nouveau mot de passe")
def sign_in_with_new_password(driver: Driver, candidate: dict, new_password: str) -> None:
    if not driver.named_field("login_password").is_visible():
        driver.open_start()
        driver.click_link("Connexion")
    sign_in(driver, {**candidate, "password": new_password})


@then(parsers.parse("le lien est {verdict}"))
def link_verdict(driver: Driver, verdict: str) -> None:
    if verdict == "accepté":
        expect(driver.named_field("new_password")).to_be_visible()
    elif verdict == "refusé":
        expect(driver.page.get_by_role("alert")).to_be_visible()
        expect(driver.named_field("new_password")).to_have_count(0)
    else:
        raise ValueError(f"unknown verdict {verdict!r}: « accepté » or « refusé »")


@when("mon navigateur ne garde aucun cookie")
def browser_keeps_no_cookie(driver: Driver) -> None:
    driver.page.context.clear_cookies()


@when("je saisis le code utilisateur et le mot de passe du candidat puis je clique sur « Connexion »")
def submit_credentials(driver: Driver, candidate: dict) -> None:
    driver.fill("login_user_code", candidate["user_code"])
    driver.fill("login_password", candidate["password"])
    driver.click_button("Connexion")


@then("un message me demande d'autoriser les cookies")
def told_to_allow_cookies(driver: Driver) -> None:
    expect(driver.page.get_by_role("alert")).to_contain_text(driver.field_label("cookies_refused"))
    expect(driver.named_field("login_password")).to_be_visible()
