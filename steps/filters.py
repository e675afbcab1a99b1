"""Steps that show a search filters: what does not match is left out (job search, « Rech. offres publiées
sous », job alerts, « Consultation Avancée »), and the steps of the submission journey that each decide one
requirement of section 4."""

from __future__ import annotations

from datetime import timedelta

import pytest
from playwright.sync_api import expect
from pytest_bdd import given, parsers, then, when

from fixtures.control import ControlClient
from fixtures.mail import MailSink, body_text
from harness.verdicts import NOT_APPLICABLE_PREFIX
from steps.alerts import portal_now, unique_keyword
from steps.driver import Driver
from steps.pages import JobSearch, LookupDialog, OpeningPage
from steps.pages.search import window_days

ANY_TIME = "Tt moment"
PERIOD_MENU = "Rech. offres publiées sous"


# -- job search --------------------------------------------------------------------------------------------------
@given(
    "un appel à candidature avec un mot clé qui lui est propre et un autre qui ne l'a pas", target_fixture="job_search"
)
def matching_and_not(control: ControlClient) -> dict:
    keyword, other, now = unique_keyword(), unique_keyword(), portal_now(control)
    openings = [
        control.create_opening(
            title=f"Statisticien {word}",
            posted_at=(now - timedelta(days=2)).isoformat(),
            deadline=(now + timedelta(days=30)).isoformat(),
        )
        for word in (keyword, other)
    ]
    return {"keyword": keyword, "openings": openings}


@then("seul l'appel à candidature qui a ce mot clé est listé")
@then("seul l'appel à candidature publié il y a 3 jours est listé")
def only_first_listed(driver: Driver, job_search: dict) -> None:
    first, second = job_search["openings"]
    JobSearch(driver).expect_listed(first)
    JobSearch(driver).expect_not_listed(second)


@when("je choisis dans « Rech. offres publiées sous » une période de quelques jours à quelques mois")
def choose_window(driver: Driver) -> None:
    """A window the portal offers besides « Tt moment » (the guide names only that one): one whose label counts
    days, weeks or months, long enough for an opening of 3 days and short enough to leave out one of 400."""
    options = JobSearch(driver).menu_options(PERIOD_MENU)
    for option in options:
        days = window_days(option)
        if option != driver.label(ANY_TIME) and days is not None and 3 < days < 400:
            JobSearch(driver).choose_in_menu(PERIOD_MENU, option, as_shown=True)
            return
    pytest.skip(NOT_APPLICABLE_PREFIX + f"« {PERIOD_MENU} » offers no window of days besides « {ANY_TIME} »: {options}")


@then("la recherche d'emplois est proposée avec le bouton « Rechercher »")
def search_offered(driver: Driver) -> None:
    JobSearch(driver).expect_offered()


# -- job alerts ------------------------------------------------------------------------------------------------------
@given("un autre appel à candidature pas encore publié, sans ce mot clé")
def other_unpublished(control: ControlClient, job_search: dict) -> None:
    now = portal_now(control)
    job_search["other"] = control.create_opening(
        title=f"Juriste {unique_keyword()}",
        duty_station="Genève",
        posted_at=(now + timedelta(days=30)).isoformat(),
        deadline=(now + timedelta(days=60)).isoformat(),
    )


@when("l'autre appel à candidature est publié")
def publish_other(control: ControlClient, job_search: dict) -> None:
    control.publish_opening(job_search["other"]["id"])


@then("aucun courriel d'alerte emploi ne nomme l'autre appel à candidature")
def no_mail_for_other(mail: MailSink, job_search: dict) -> None:
    # The contract's publishOpening answers once the alerts it sent have left the portal, and the sink keeps a
    # message before it accepts it: whatever alert the other opening got is already here. (Not "whatever arrived
    # before the matching alert": a portal may deliver its outbox in any order.)
    other = job_search["other"]
    named = [m for m in mail.messages() if other["number"] in (m["Subject"] or "") + body_text(m)]
    assert not named, f"a job alert announced {other['number']}, which does not match its search"


# -- « Consultation Avancée » ------------------------------------------------------------------------------------------
@then(parsers.parse("parmi eux, au moins un dont le nom ne commence pas par « {text} »"))
def found_inside(driver: Driver, text: str) -> None:
    names = LookupDialog(driver).result_names()
    inside = [n for n in names if not n.casefold().startswith(text.casefold())]
    assert inside, f"« contient » found only names that start with « {text} » (as « commence par » would): {names}"


# -- section 4, step by step -------------------------------------------------------------------------------------------
@then(parsers.parse("le bouton « {label} » est proposé"))
def button_offered(driver: Driver, label: str) -> None:
    button = driver.present(driver.button(label), driver.label(label), "button", label)
    expect(button).to_be_enabled()


@then("la page indique que la candidature est pour cet appel à candidature")
def linked_to_opening(driver: Driver, opening: dict) -> None:
    driver.expect_text("Candidature à :")
    OpeningPage(driver).expect_number(opening)


@then("les questions de présélection de l'appel à candidature s'affichent, sans réponse")
def questions_blank(driver: Driver, opening: dict) -> None:
    for question in opening["prescreening_questions"]:
        field = driver.field(question)
        expect(field).to_be_visible()
        value = field.evaluate("e => e.value")
        assert value in ("", None), f"a new application already answers « {question} »: {value!r}"


@then("le portail a enregistré la candidature comme soumise")
def stored_submitted(control: ControlClient, candidate: dict, opening: dict) -> None:
    stored = [a for a in control.applications(candidate["id"]) if a["opening_id"] == opening["id"]]
    assert [a["status"] for a in stored] == ["Postulé"], f"the portal stored {stored}"
