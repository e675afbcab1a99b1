"""Steps of sections 3 and 4: drafts, job search, « Postuler », the eight steps and submission."""

from __future__ import annotations

import secrets

import pytest
from playwright.sync_api import expect
from pytest_bdd import given, parsers, then, when

from fixtures.mail import MailSink, body_text
from fixtures.provision import Provisioner
from steps.driver import Driver
from steps.probes import ServerProbes

COVER_LETTER = "Lettre de motivation"

# The pages « Suivant » walks through before « Vérifier/soumettre »: the sections, then the four
# sub-sections of « Lettre de motivation », in the guide's order.
SECTION_PAGES = (
    "Questions de présélection",
    "Formation",
    "Expérience professionnelle",
    "Connaissances linguistiques",
    "Compétences et formations",
    "Lettre de motivation et pièces-jointes",
    "Références",
    "Dernières questions",
    "Vérifier Mon profil",
)


@given("un appel à candidature ouvert avec des questions de présélection", target_fixture="opening")
def open_opening(provision: Provisioner) -> dict:
    # Made through the control API, or one of the profile's openings of that kind (@needs-accounts).
    return provision.opening("accepting")


@when(parsers.parse("je cherche l'appel à candidature par son numéro et je clique sur « Rechercher »"))
def search_opening(driver: Driver, opening: dict) -> None:
    driver.fill("search_keywords", opening["number"])
    driver.click_button("Rechercher")


@when("j'ouvre l'appel à candidature trouvé")
def open_found(driver: Driver, opening: dict) -> None:
    driver.page.get_by_role("link", name=opening["title"], exact=True).click()


@then("sa description est affichée")
def description_shown(driver: Driver, opening: dict) -> None:
    expect(driver.page.get_by_role("heading", name=opening["title"], exact=True)).to_be_visible()
    expect(driver.page.get_by_text(opening["description"])).to_be_visible()


@when("je réponds à la question et je clique sur « Suivant »")
def answer_question(driver: Driver) -> None:
    # Wait for the page that asks (the click before may still be loading it), then answer what it asks.
    expect(driver.page.get_by_role("combobox")).not_to_have_count(0)
    if not driver.fill_required_fields():
        pytest.fail("no question with a drop-down list to answer was found on the page")
    driver.click_button("Suivant")


@when(parsers.parse("je choisis « {option} » et je clique sur « Suivant »"))
def choose_option(driver: Driver, option: str) -> None:
    driver.page.get_by_role("radio", name=driver.label(option), exact=True).check()
    driver.click_button("Suivant")


@when("je complète chaque section et je clique sur « Suivant », dans cet ordre :")
def walk_sections(driver: Driver, datatable: list[list[str]]) -> None:
    header, *rows = datatable
    complete_sections(driver, [section for (section,) in rows])


def complete_sections(driver: Driver, sections, probes: ServerProbes | None = None) -> None:
    """Each section's required fields filled, then « Suivant »; with ``probes``, the request that saved the cover
    letter is kept (« Suivant » saves the section it leaves)."""
    for section in sections:
        driver.expect_heading(section)
        driver.fill_required_fields()
        if probes is not None and section == "Lettre de motivation et pièces-jointes":
            probes.names[COVER_LETTER] = probes.field_name(driver.field(driver.label(COVER_LETTER)))
            with probes.recording("enregistrer la lettre de motivation"):
                driver.click_button("Suivant")
            continue
        driver.click_button("Suivant")


@when("je postule à cet appel à candidature et je soumets ma candidature")
def apply_and_submit(driver: Driver, opening: dict) -> None:
    driver.click_link("Rech. Emplois")
    search_opening(driver, opening)
    open_found(driver, opening)
    driver.click_button("Postuler")
    answer_question(driver)
    choose_option(driver, "Créer une nouvelle candidature")
    complete_sections(driver, SECTION_PAGES)
    driver.expect_heading("Vérifier/soumettre")
    driver.click_button("Soumettre candidature")
    tick(driver, "J'accepte ces conditions")
    driver.click_button("Certifier et soumettre votre candidature")


@then("un courriel de confirmation nommant l'appel à candidature arrive à l'adresse du candidat")
def confirmation_mail(mail: MailSink, candidate: dict, opening: dict) -> None:
    message = mail.wait_for_mail_to(candidate["email"])
    assert opening["number"] in (message["Subject"] or "") + body_text(message), (
        f"the confirmation e-mail does not name the opening {opening['number']}: {message['Subject']!r}"
    )


@when(parsers.parse("je vais à la section « {section} »"))
def go_to_section(driver: Driver, section: str) -> None:
    driver.click_link(section)


@when("j'écris une lettre de motivation", target_fixture="cover_letter")
def write_cover_letter(driver: Driver) -> str:
    text = (
        f"Madame, Monsieur, je souhaite mettre mon expérience au service de l'ONU. ({secrets.token_hex(4)})"
    )
    driver.field(driver.label(COVER_LETTER)).fill(text)
    return text


@then(parsers.parse("je suis à l'étape « {step} » qui indique « {position} »"))
def at_step(driver: Driver, step: str, position: str) -> None:
    driver.expect_heading(step)
    driver.expect_text(position)


@then(parsers.parse("les « {heading} » s'affichent"))
def heading_shown(driver: Driver, heading: str) -> None:
    driver.expect_heading(heading)


@when(parsers.parse("je coche « {label} »"))
def tick(driver: Driver, label: str) -> None:
    driver.page.get_by_role("checkbox", name=driver.label(label), exact=True).check()


@then(parsers.parse("la candidature à l'appel à candidature a le statut « {status} »"))
def application_status(driver: Driver, opening: dict, status: str) -> None:
    row = driver.page.get_by_role("row").filter(has_text=opening["title"])
    expect(row).to_have_count(1)
    expect(row.get_by_role("cell", name=driver.label(status), exact=True)).to_be_visible()


@then(
    parsers.parse(
        "la liste « Mes candidatures » montre une candidature au statut « {status} » avec sa « {column} »"
    )
)
def draft_listed(driver: Driver, status: str, column: str) -> None:
    table = driver.page.get_by_role("table", name=driver.label("Mes candidatures"))
    expect(table.get_by_role("columnheader", name=driver.label(column), exact=True)).to_be_visible()
    expect(table.get_by_role("cell", name=driver.label(status), exact=True)).to_have_count(1)
