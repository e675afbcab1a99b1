"""Steps of the account: « Code utilisateur oublié », « Mot de passe oublié » (section 1) and the cookie
check of FAQ vi. Mail is read from the harness's SMTP sink; links found in it are opened as a person would."""

from __future__ import annotations

import re

import pytest
from pytest_bdd import given, parsers, then, when

from fixtures.control import ControlClient
from fixtures.data import People
from fixtures.mail import MailSink, body_text
from steps.driver import Driver
from steps.pages import SignIn

LINK_RE = re.compile(r"https?://[^\s<>\"]+")


@pytest.fixture
def recovery_answers() -> list[str]:
    """What the portal answered to each recovery request of the scenario, in order."""
    return []


def reset_link(mail: MailSink, candidate: dict) -> str:
    found = LINK_RE.search(body_text(mail.wait_for_mail_to(candidate["email"])))
    assert found, f"the e-mail to {candidate['email']} holds no link"
    return found[0]


@given("je suis sur la page de connexion")
def on_sign_in_page(driver: Driver) -> None:
    SignIn(driver).open_form()


@when("je demande mon code utilisateur avec l'adresse email du candidat")
def ask_user_code(driver: Driver, candidate: dict) -> None:
    SignIn(driver).ask_user_code(candidate["email"])


@then("le code utilisateur du candidat arrive par email")
def user_code_arrives(mail: MailSink, candidate: dict) -> None:
    assert candidate["user_code"] in body_text(mail.wait_for_mail_to(candidate["email"]))


@when("je demande un lien avec le code utilisateur du candidat")
def ask_link_for_candidate(driver: Driver, candidate: dict, recovery_answers: list[str]) -> None:
    recovery_answers.append(SignIn(driver).ask_reset_link(candidate["user_code"]))


@when("je demande un lien avec un code utilisateur que personne n'a")
def ask_link_for_nobody(driver: Driver, people: People, recovery_answers: list[str]) -> None:
    SignIn(driver).open()
    driver.click_link("Mot de passe oublié")
    recovery_answers.append(SignIn(driver).ask_reset_link(people.person().user_code))


@then("les deux réponses sont identiques")
def same_answers(recovery_answers: list[str]) -> None:
    assert len(recovery_answers) == 2 and recovery_answers[0] == recovery_answers[1], recovery_answers


@when(parsers.parse("le lien reçu par email attend {minutes:d} min {seconds:d} s"))
def link_waits(mail: MailSink, candidate: dict, control: ControlClient, minutes: int, seconds: int) -> None:
    reset_link(mail, candidate)  # it has arrived: its time runs from the request
    control.advance_clock(minutes * 60 + seconds)


@when("j'ouvre le lien reçu par email")
def open_link(driver: Driver, mail: MailSink, candidate: dict) -> None:
    driver.open(reset_link(mail, candidate))


@when("je choisis un nouveau mot de passe", target_fixture="new_password")
def choose_new_password(driver: Driver, people: People) -> str:
    password = people.person().password
    SignIn(driver).choose_password(password)
    return password


@when("je me connecte avec le nouveau mot de passe")
def sign_in_with_new_password(driver: Driver, candidate: dict, new_password: str) -> None:
    if not SignIn(driver).is_shown():
        SignIn(driver).open()
    SignIn(driver).sign_in({**candidate, "password": new_password})


@then(parsers.parse("le lien est {verdict}"))
def link_verdict(driver: Driver, verdict: str) -> None:
    checks = {"accepté": SignIn(driver).expect_link_accepted, "refusé": SignIn(driver).expect_link_refused}
    if verdict not in checks:
        raise ValueError(f"unknown verdict {verdict!r}: « accepté » or « refusé »")
    checks[verdict]()


@when("mon navigateur ne garde aucun cookie")
def browser_keeps_no_cookie(driver: Driver) -> None:
    driver.forget_cookies()


@when("je saisis le code utilisateur et le mot de passe du candidat puis je clique sur « Connexion »")
def submit_credentials(driver: Driver, candidate: dict) -> None:
    SignIn(driver).submit(candidate)


@then("un message me demande d'autoriser les cookies")
def told_to_allow_cookies(driver: Driver) -> None:
    SignIn(driver).expect_cookies_asked()
