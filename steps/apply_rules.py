"""Steps of the rules around submission: section 4 (review, deadline, one application per opening) and the
FAQ (submit button, pre-screening, rosters, « Mes candidatures », withdrawal, content locked once submitted)."""

from __future__ import annotations

import secrets
from datetime import datetime, timedelta

from playwright.sync_api import expect
from pytest_bdd import given, parsers, then, when

from fixtures.control import ControlClient
from fixtures.portal import Target
from steps.driver import Driver
from steps.pages import ApplicationFlow, MyApplications, OpeningPage, ProfilePage
from steps.probes import ServerProbes

STATES = {"fermé": "closed", "annulé": "cancelled", "pourvu à partir d'une liste": "filled_from_roster"}
ALREADY_WITHDRAWN = "Vous avez retiré votre candidature à cet appel à candidature"


def _moment(value: str) -> datetime:
    return datetime.fromisoformat(value.replace("Z", "+00:00"))


def _new_opening(control: ControlClient, **fields: object) -> dict:
    tag = secrets.token_hex(3).upper()
    fields.setdefault("prescreening_questions", ["Avez-vous au moins deux ans d'expérience dans ce domaine ?"])
    return control.create_opening(
        title=f"Spécialiste des affaires politiques {tag}",
        description=f"Analyse la situation politique de la région {tag}.",
        **fields,
    )


# --- arranging ------------------------------------------------------------------------------------------------
@given(
    parsers.parse("un appel à candidature de type « {kind} » au niveau {level} de la famille « {family} »"),
    target_fixture="opening",
)
def roster_opening(control: ControlClient, kind: str, level: str, family: str) -> dict:
    assert kind == "Recrutement sur la base d'un fichier de candidats présélectionnés", kind
    return _new_opening(control, opening_type="roster", level=level, job_family=family)


@given("un appel à candidature qui ferme demain à 23:59, heure de New York", target_fixture="opening")
def closing_tomorrow(control: ControlClient) -> dict:
    tomorrow = (_moment(control.clock()["now"]) + timedelta(days=1)).date().isoformat()
    return _new_opening(control, deadline=tomorrow)


@given(parsers.parse("le candidat figure sur une liste au niveau {level} de la famille « {family} »"))
def on_roster(control: ControlClient, candidate: dict, level: str, family: str) -> None:
    control.add_to_roster(candidate["id"], level, family)


@given("le candidat ne figure sur aucune liste")
def on_no_roster() -> None:
    """Nothing to arrange: a new candidate is on no roster."""


def move_clock_to(control: ControlClient, opening: dict, seconds_from_deadline: float) -> None:
    now = _moment(control.clock()["now"])
    control.advance_clock((_moment(opening["deadline"]) - now).total_seconds() + seconds_from_deadline)


@given(parsers.parse("l'horloge du portail est à {minutes:d} minutes de la clôture"))
def clock_before_deadline(control: ControlClient, opening: dict, minutes: int) -> None:
    move_clock_to(control, opening, -60 * minutes)


@when(parsers.parse("l'horloge du portail arrive à une minute {side} la clôture"))
def clock_around_deadline(control: ControlClient, opening: dict, side: str) -> None:
    move_clock_to(control, opening, {"avant": -60, "après": 60}[side])


@when(parsers.parse("l'appel à candidature devient « {state} »"))
def opening_changes(control: ControlClient, opening: dict, state: str) -> None:
    control.update_opening(opening["id"], state=STATES[state])


@when(parsers.parse("le recruteur passe ma candidature au statut « {status} »"))
def recruiter_moves(control: ControlClient, candidate: dict, opening: dict, status: str) -> None:
    (application,) = [a for a in control.applications(candidate["id"]) if a["opening_id"] == opening["id"]]
    control.set_application_status(application["id"], status)


# --- acting ------------------------------------------------------------------------------------------------------
@when("j'ouvre cet appel à candidature")
def open_opening(driver: Driver, opening: dict) -> None:
    ApplicationFlow(driver).open_opening(opening)


@when("je postule à cet appel à candidature et j'arrive à l'étape « Vérifier/soumettre »")
def apply_until_review(driver: Driver, probes: ServerProbes, opening: dict) -> None:
    flow = ApplicationFlow(driver, probes)
    flow.apply(opening)
    flow.to_review()


@when("je postule à cet appel à candidature et j'arrive aux « Questions de présélection »")
def apply_until_prescreening(driver: Driver, opening: dict) -> None:
    ApplicationFlow(driver).apply(opening)


@when("j'ai soumis une candidature à cet appel à candidature")
def submitted(driver: Driver, probes: ServerProbes, opening: dict) -> None:
    """Through the page; the requests of « Postuler », the letter's save and the submission are kept for probes."""
    ApplicationFlow(driver, probes).apply_and_submit(opening)
    driver.expect_text("Nous avons bien reçu votre candidature")


@given("j'ai soumis une candidature à cet appel à candidature")
def already_submitted(driver: Driver, probes: ServerProbes, opening: dict, candidate: dict, target: Target) -> None:
    """A precondition, not the act (scenarios that replay its requests say « Quand »): where the portal offers
    it (capability submit_application), the control API submits the application as « Certifier et soumettre »
    would and the scenario skips the 8 steps; otherwise through the pages."""
    if target.control is not None and "submit_application" in target.capabilities and "id" in candidate:
        target.control.submit_application(candidate["id"], opening["id"])
        return
    submitted(driver, probes, opening)


@when("je crée un projet de candidature et je complète chaque section, sans y trouver « Soumettre candidature »")
def draft_until_review(driver: Driver) -> None:
    flow = ApplicationFlow(driver)
    flow.start_blank_draft()
    flow.to_review(never_offering="Soumettre candidature")


@when("je crée un projet de candidature depuis « Mes candidatures »")
def new_draft(driver: Driver) -> None:
    ApplicationFlow(driver).start_blank_draft()


@when(parsers.parse("je clique sur le crayon « {name} »"))
def click_pencil(driver: Driver, name: str) -> None:
    driver.click_link(name)


@when(parsers.parse("je remplace « {label} » par « {value} »"))
def replace_value(driver: Driver, label: str, value: str) -> None:
    driver.fill_labelled(label, value)


@when("je réponds aux questions de présélection")
def answer_prescreening(driver: Driver) -> None:
    ApplicationFlow(driver).answer_questions()


@when("j'ouvre ma candidature depuis « Mes candidatures »")
def open_application(driver: Driver, opening: dict) -> None:
    MyApplications(driver).open()
    MyApplications(driver).open_application(opening["number"], title=opening.get("title"))


@when(parsers.parse("je choisis « {choice} » dans « {label} »"))
def choose_in_list(driver: Driver, choice: str, label: str) -> None:
    driver.select(label, choice)


@when("je remplace mon numéro de téléphone dans « Coordonnées »", target_fixture="new_phone")
def change_phone(driver: Driver) -> str:
    phone = f"+221 77 {secrets.randbelow(900) + 100} {secrets.randbelow(90) + 10} {secrets.randbelow(90) + 10}"
    ProfilePage(driver).open()
    ProfilePage(driver).open_tab("Coordonnées")
    driver.fill("profile_phone", phone)
    return phone


# --- checking ------------------------------------------------------------------------------------------------------
@then(parsers.parse("la section « {section} » montre « {value} »"))
def review_shows(driver: Driver, section: str, value: str) -> None:
    ApplicationFlow(driver).expect_in_review_section(section, value)


@then(parsers.parse("le bouton « {label} » est désactivé"))
def button_disabled(driver: Driver, label: str) -> None:
    expect(driver.button(label)).to_be_disabled()


@then(parsers.parse("le bouton « {label} » n'est pas proposé"))
def button_absent(driver: Driver, label: str) -> None:
    driver.expect_no_button(label)


@then("les questions de présélection de l'appel à candidature s'affichent")
def questions_shown(driver: Driver, opening: dict) -> None:
    for question in opening["prescreening_questions"]:
        expect(driver.field(question)).to_be_visible()


@then("la section « Questions de présélection » est vide et explique pourquoi")
def prescreening_empty(driver: Driver) -> None:
    ApplicationFlow(driver).expect_no_question()
    driver.expect_text("Aucune question de présélection")


@then("la page indique la date limite à 23:59, heure de New York")
def deadline_shown(driver: Driver, opening: dict) -> None:
    from zoneinfo import ZoneInfo

    local = _moment(opening["deadline"]).astimezone(ZoneInfo("America/New_York"))
    # The sentence as this portal words it, the date filled in (« {date} »: a placeholder of the profile's label).
    driver.expect_text(driver.label("{date} à 23:59 (heure de New York)").format(date=f"{local:%d/%m/%Y}"))


@then(parsers.parse("le type « {kind} » est indiqué"))
def type_shown(driver: Driver, kind: str) -> None:
    driver.expect_text(kind)


@then(parsers.parse("ma candidature est {outcome}"))
def application_outcome(driver: Driver, control: ControlClient, candidate: dict, opening: dict, outcome: str) -> None:
    if outcome == "commencée":
        ApplicationFlow(driver).expect_started()
        return
    if outcome == "soumise":
        driver.expect_text("Nous avons bien reçu votre candidature")
    else:  # the guide does not word the refusal: its text only where the profile gives it ([messages])
        driver.expect_refusal({"refusée pour la date limite": "deadline_passed", "refusée hors liste": "not_on_roster"}
                              [outcome])
    stored = [a for a in control.applications(candidate["id"]) if a["opening_id"] == opening["id"]]
    if outcome == "soumise":
        assert [a["status"] for a in stored] == ["Postulé"], stored
    else:
        assert all(a["status"] == "Brouillon" for a in stored), f"a refused application was submitted: {stored}"


@then("je peux postuler")
def can_apply(driver: Driver) -> None:
    driver.click_button("Postuler")
    ApplicationFlow(driver).expect_started()


@then("« Postuler » m'est refusé car je ne figure pas sur la liste")
def roster_refused(driver: Driver, control: ControlClient, candidate: dict, opening: dict) -> None:
    OpeningPage(driver).expect_apply_refused("not_on_roster")  # no « Postuler », or refused once pressed
    nothing_stored(control, candidate, opening)  # either way the server stores nothing


@then("« Postuler » ne commence pas de seconde candidature")
def no_second_application(driver: Driver) -> None:
    # The guide allows one application per opening; it does not say what « Postuler » then does: the
    # reference portal leads back to the application, another portal may say it was already made.
    ApplicationFlow(driver).expect_back_or_refused()


@then("aucune candidature n'est enregistrée pour cet appel à candidature")
def nothing_stored(control: ControlClient, candidate: dict, opening: dict) -> None:
    stored = [a for a in control.applications(candidate["id"]) if a["opening_id"] == opening["id"]]
    assert stored == [], f"the portal stored an application it refused: {stored}"


@then("une seule candidature est enregistrée pour cet appel à candidature")
def one_stored(control: ControlClient, candidate: dict, opening: dict) -> None:
    stored = [a for a in control.applications(candidate["id"]) if a["opening_id"] == opening["id"]]
    assert len(stored) == 1, f"expected one application for the opening, the portal stored {len(stored)}"


@then(parsers.parse("la liste « Mes candidatures » montre cet appel à candidature au statut « {status} »"))
def listed_with_status(driver: Driver, opening: dict, status: str) -> None:
    MyApplications(driver).expect_status(opening["number"], status)


@then("mon nouveau numéro de téléphone est enregistré")
def phone_saved(driver: Driver, new_phone: str) -> None:
    driver.expect_text("Votre profil a été enregistré")
    expect(driver.named_field("profile_phone")).to_have_value(new_phone)


@then("la candidature n'offre ni « Enregistrer » ni champ modifiable")
def read_only(driver: Driver) -> None:
    driver.expect_no_button("Enregistrer")
    expect(ApplicationFlow(driver).letter()).to_be_disabled()
