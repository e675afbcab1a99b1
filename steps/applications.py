"""Steps of sections 3 and 4: drafts, job search, « Postuler », the eight steps and submission."""

from __future__ import annotations

import secrets

from playwright.sync_api import expect
from pytest_bdd import given, parsers, then, when

from fixtures.mail import MailSink, body_text
from fixtures.provision import Provisioner
from steps.driver import Driver
from steps.pages import ApplicationFlow, MyApplications, OpeningPage


@given("un appel à candidature ouvert avec des questions de présélection", target_fixture="opening")
def open_opening(provision: Provisioner) -> dict:
    # Made through the control API, or one of the profile's openings of that kind (@needs-accounts).
    return provision.opening("accepting")


@when(parsers.parse("je cherche l'appel à candidature par son numéro et je clique sur « Rechercher »"))
def search_opening(driver: Driver, opening: dict) -> None:
    ApplicationFlow(driver).search(opening)


@when("j'ouvre l'appel à candidature trouvé")
def open_found(driver: Driver, opening: dict) -> None:
    ApplicationFlow(driver).open_found(opening)


@then("sa description est affichée")
def description_shown(driver: Driver, opening: dict) -> None:
    OpeningPage(driver).expect_description(opening)


@when("je réponds à la question et je clique sur « Suivant »")
def answer_question(driver: Driver) -> None:
    ApplicationFlow(driver).answer_question()


@when(parsers.parse("je choisis « {option} » et je clique sur « Suivant »"))
def choose_option(driver: Driver, option: str) -> None:
    ApplicationFlow(driver).choose(option)


@when("je complète chaque section et je clique sur « Suivant », dans cet ordre :")
def walk_sections(driver: Driver, datatable: list[list[str]]) -> None:
    header, *rows = datatable
    ApplicationFlow(driver).complete_sections([section for (section,) in rows])


@when("je postule à cet appel à candidature et je soumets ma candidature")
def apply_and_submit(driver: Driver, opening: dict) -> None:
    ApplicationFlow(driver).apply_and_submit(opening)


@then("un courriel de confirmation nommant l'appel à candidature arrive à l'adresse du candidat")
def confirmation_mail(mail: MailSink, candidate: dict, opening: dict) -> None:
    message = mail.wait_for_mail_to(candidate["email"])
    assert opening["number"] in (message["Subject"] or "") + body_text(message), (
        f"the confirmation e-mail does not name the opening {opening['number']}: {message['Subject']!r}"
    )


@when(parsers.parse("je vais à la section « {section} »"))
def go_to_section(driver: Driver, section: str) -> None:
    driver.go_to(section)


@when("j'écris une lettre de motivation", target_fixture="cover_letter")
def write_cover_letter(driver: Driver) -> str:
    text = (
        f"Madame, Monsieur, je souhaite mettre mon expérience au service de l'ONU. ({secrets.token_hex(4)})"
    )
    ApplicationFlow(driver).write_letter(text)
    return text


@then(parsers.parse("je suis à l'étape « {step} » qui indique « {position} »"))
def at_step(driver: Driver, step: str, position: str) -> None:
    driver.expect_on(step)
    driver.expect_step_position(position)


@then(parsers.parse("les « {heading} » s'affichent"))
def heading_shown(driver: Driver, heading: str) -> None:
    driver.expect_on(heading)


@when(parsers.parse("je coche « {label} »"))
def tick(driver: Driver, label: str) -> None:
    ApplicationFlow(driver).tick(label)


@then(parsers.parse("la candidature à l'appel à candidature a le statut « {status} »"))
def application_status(driver: Driver, opening: dict, status: str) -> None:
    MyApplications(driver).expect_status(opening["title"], status, in_table=False)


@then(
    parsers.parse(
        "la liste « Mes candidatures » montre une candidature au statut « {status} » avec sa « {column} »"
    )
)
def draft_listed(driver: Driver, status: str, column: str) -> None:
    MyApplications(driver).expect_column(column)
    expect(MyApplications(driver).count_with_status(status)).to_have_count(1)
