"""Steps of section 5: « Rech. offres publiées sous », saved searches and job alerts.

Time rules are checked against the portal's clock (read and moved through the control API), and e-mail
through the SMTP sink: a scenario waits for the message that must arrive, never for time to pass.
"""

from __future__ import annotations

import calendar
import re
import secrets
from datetime import datetime, timedelta

import pytest
from pytest_bdd import given, parsers, then, when

from fixtures.control import ControlClient
from fixtures.mail import MailSink, body_text
from steps.driver import Driver
from steps.pages import JobSearch, SavedSearches, SignIn
from steps.probes import ServerProbes

VALIDITY_MONTHS = 6
DAY = timedelta(days=1)


# -- the portal's clock and the 6-month rule ------------------------------------------------------------
def portal_now(control: ControlClient) -> datetime:
    return datetime.fromisoformat(control.clock()["now"].replace("Z", "+00:00"))


def add_months(moment: datetime, months: int) -> datetime:
    """Same day and time ``months`` calendar months later (the month's last day when it is shorter)."""
    index = moment.month - 1 + months
    year, month = moment.year + index // 12, index % 12 + 1
    return moment.replace(year=year, month=month, day=min(moment.day, calendar.monthrange(year, month)[1]))


def unique_keyword() -> str:
    return f"Kw{secrets.token_hex(4).upper()}"


def unique_address(kind: str) -> str:
    return f"{kind}.{secrets.token_hex(4)}@exemple.org"


# -- page actions ---------------------------------------------------------------------------------------
def save_and_check(driver: Driver, name: str, keyword: str = "", alert_address: str | None = None) -> None:
    JobSearch(driver).save(name, keyword, alert_address)
    SavedSearches(driver).open()
    SavedSearches(driver).expect_listed(name)


def sign_in_after_expiry(driver: Driver, candidate: dict) -> None:
    driver.reload()  # the clock jump ended the session: the portal asks to sign in again
    SignIn(driver).sign_in(candidate)


# -- arrange ----------------------------------------------------------------------------------------------
@given(
    "deux appels à candidature partageant un mot clé, publiés il y a 3 jours et il y a 400 jours",
    target_fixture="job_search",
)
def openings_of_different_ages(control: ControlClient) -> dict:
    keyword, now = unique_keyword(), portal_now(control)
    openings = [
        control.create_opening(
            title=f"Archiviste {keyword} {label}",
            posted_at=(now - timedelta(days=days)).isoformat(),
            deadline=(now + timedelta(days=30)).isoformat(),
        )
        for label, days in (("récent", 3), ("ancien", 400))
    ]
    return {"keyword": keyword, "openings": openings}


@given("un appel à candidature pas encore publié, avec un mot clé qui lui est propre", target_fixture="job_search")
def unpublished_opening(control: ControlClient) -> dict:
    keyword, now = unique_keyword(), portal_now(control)
    opening = control.create_opening(
        title=f"Juriste {keyword}",
        duty_station="Genève",
        posted_at=(now + timedelta(days=30)).isoformat(),
        deadline=(now + timedelta(days=60)).isoformat(),
    )
    return {"keyword": keyword, "openings": [opening]}


@given(parsers.parse("j'ai enregistré une recherche nommée « {name} »"), target_fixture="saved")
def saved_search(driver: Driver, control: ControlClient, name: str) -> dict:
    saved_at = portal_now(control)
    save_and_check(driver, name, unique_keyword())
    return {"name": name, "saved_at": saved_at}


@given(
    parsers.parse("j'ai enregistré une alerte emploi « {name} » pour un mot clé, vers une première adresse"),
    target_fixture="saved",
)
def saved_alert(driver: Driver, control: ControlClient, name: str) -> dict:
    keyword, address, saved_at = unique_keyword(), unique_address("premiere"), portal_now(control)
    save_and_check(driver, name, keyword, address)
    return {"name": name, "saved_at": saved_at, "keyword": keyword, "address": address}


# -- act ----------------------------------------------------------------------------------------------------
@when("je saisis ce mot clé dans les critères de recherche")
def type_keyword(driver: Driver, job_search: dict) -> None:
    driver.fill("search_keywords", job_search["keyword"])


@when(parsers.parse("je choisis « {option} » dans « {menu} »"))
def choose_in_menu(driver: Driver, option: str, menu: str) -> None:
    JobSearch(driver).choose_in_menu(menu, option)


@when(parsers.parse("je nomme cette recherche « {name} »"))
def name_search(driver: Driver, name: str) -> None:
    driver.fill("search_name", name)


@when(parsers.parse("j'entre une adresse email valide dans le champ « {label} »"), target_fixture="alert_address")
def enter_valid_address(driver: Driver, label: str) -> str:
    address = unique_address("alerte")
    driver.fill_labelled(label, address)
    return address


@when(parsers.parse("j'entre « {value} » dans le champ « {label} »"))
def enter_value(driver: Driver, value: str, label: str) -> None:
    driver.fill_labelled(label, value)


@when("l'appel à candidature est publié")
def publish(control: ControlClient, job_search: dict) -> None:
    control.publish_opening(job_search["openings"][0]["id"])


@when(parsers.parse("j'enregistre {count:d} recherches"))
def save_many(driver: Driver, probes: ServerProbes, count: int) -> None:
    """Through the page; the last save's request is kept for a probe, with the name its search is sent under."""
    for n in range(1, count):
        JobSearch(driver).save(f"Recherche n°{n}")
    with probes.recording("enregistrer une recherche"):
        JobSearch(driver).save(f"Recherche n°{count}", probes=probes)


@when(parsers.parse("j'enregistre une recherche nommée « {name} »"))
def save_named(driver: Driver, name: str) -> None:
    JobSearch(driver).save(name)


@when("je supprime l'une de mes recherches enregistrées")
def delete_one(driver: Driver) -> None:
    SavedSearches(driver).open()
    SavedSearches(driver).delete("Recherche n°1")


@when(parsers.parse("l'horloge du portail avance jusqu'à 6 mois {direction} un jour après l'enregistrement"))
def move_clock_to_boundary(control: ControlClient, saved: dict, direction: str) -> None:
    expiry = add_months(saved["saved_at"], VALIDITY_MONTHS)
    target = expiry - DAY if direction == "moins" else expiry + DAY
    seconds = (target - portal_now(control)).total_seconds()
    if seconds <= 0:
        pytest.fail(f"the portal's clock is already past {target:%Y-%m-%d %H:%M} UTC")
    control.advance_clock(seconds)


@when("je me reconnecte et j'ouvre mes recherches enregistrées")
def sign_in_and_open_saved(driver: Driver, candidate: dict) -> None:
    sign_in_after_expiry(driver, candidate)
    SavedSearches(driver).open()


@when(
    parsers.parse(
        "je me reconnecte et j'enregistre une alerte emploi « {name} » pour le même mot clé, vers une seconde adresse"
    ),
    target_fixture="second_address",
)
def sign_in_and_save_alert(driver: Driver, candidate: dict, saved: dict, name: str) -> str:
    sign_in_after_expiry(driver, candidate)
    address = unique_address("seconde")
    save_and_check(driver, name, saved["keyword"], address)
    return address


@when("un appel à candidature correspondant à ce mot clé est publié", target_fixture="job_search")
def publish_matching(control: ControlClient, saved: dict) -> dict:
    now = portal_now(control)
    opening = control.create_opening(
        title=f"Statisticien {saved['keyword']}",
        posted_at=(now + timedelta(days=30)).isoformat(),
        deadline=(now + timedelta(days=60)).isoformat(),
    )
    control.publish_opening(opening["id"])
    return {"keyword": saved["keyword"], "openings": [opening]}


# -- assert ---------------------------------------------------------------------------------------------
@then("les deux appels à candidature sont listés")
def both_listed(driver: Driver, job_search: dict) -> None:
    for opening in job_search["openings"]:
        JobSearch(driver).expect_listed(opening)


@then(parsers.parse("« {name} » figure parmi mes recherches enregistrées"))
def listed(driver: Driver, name: str) -> None:
    SavedSearches(driver).open()
    SavedSearches(driver).expect_listed(name)


@then(parsers.parse("« {name} » ne figure pas parmi mes recherches enregistrées"))
def not_listed(driver: Driver, name: str) -> None:
    SavedSearches(driver).open()
    SavedSearches(driver).expect_not_listed(name)


@then(parsers.parse("les {count:d} figurent parmi mes recherches enregistrées"))
def all_listed(driver: Driver, count: int) -> None:
    SavedSearches(driver).open()
    SavedSearches(driver).expect_listed(*(f"Recherche n°{n}" for n in range(1, count + 1)))


@then(parsers.parse("l'enregistrement est refusé avec un message nommant « {label} »"))
def refused_naming(driver: Driver, label: str) -> None:
    SavedSearches(driver).expect_refused_naming(label)


@then("l'enregistrement est refusé avec un message demandant d'en supprimer une")
def refused_over_limit(driver: Driver) -> None:
    SavedSearches(driver).expect_refused_over_limit("Sixième recherche")


@then(parsers.parse("le champ « {label} » contient toujours « {value} »"))
def field_kept(driver: Driver, label: str, value: str) -> None:
    driver.expect_value(label, value)


@then(parsers.parse("la recherche « {name} » est {state}"))
def search_state(driver: Driver, name: str, state: str) -> None:
    shown, other = ("saved_search_valid", "saved_search_expired")
    if state == "expirée":
        shown, other = other, shown
    SavedSearches(driver).expect_state(name, shown, other)


def expect_alert_mail(mail: MailSink, address: str, opening: dict):
    message = mail.wait_for_mail_to(address)
    text = (message["Subject"] or "") + "\n" + body_text(message)
    assert opening["number"] in text and opening["title"] in text, (
        f"the job alert e-mail to {address} does not name the opening {opening['number']} – {opening['title']}"
    )
    return message


@then("un courriel d'alerte emploi nommant l'appel à candidature arrive à cette adresse", target_fixture="alert_mail")
def alert_mail_arrives(mail: MailSink, alert_address: str, job_search: dict):
    return expect_alert_mail(mail, alert_address, job_search["openings"][0])


@then("le lien du courriel mène à la page de l'appel à candidature")
def mail_link_opens(driver: Driver, alert_mail, job_search: dict) -> None:
    links = re.findall(r"https?://[^\s<>\"]+", body_text(alert_mail))
    if not links:
        pytest.fail("the job alert e-mail holds no link")
    driver.open(links[0])
    driver.find("heading", job_search["openings"][0]["title"])


@then("un courriel d'alerte emploi nommant l'appel à candidature arrive à la seconde adresse")
def second_alert_arrives(mail: MailSink, second_address: str, job_search: dict) -> None:
    expect_alert_mail(mail, second_address, job_search["openings"][0])


@then("aucun courriel d'alerte emploi n'est arrivé à la première adresse")
def nothing_for_expired(mail: MailSink, saved: dict) -> None:
    # publishOpening answers once the alerts it sent have left the portal (the contract), and the sink keeps a
    # message before it accepts it: an e-mail for the expired alert would already be here.
    sent = [m for m in mail.messages() if saved["address"] in (m["X-Envelope-To"] or "").lower()]
    assert not sent, f"the expired job alert still sent {len(sent)} e-mail(s) to {saved['address']}"
