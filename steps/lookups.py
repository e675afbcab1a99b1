"""Steps for look-up fields (the magnifier icon) and the institutions list (3.vii remark, FAQ x)."""

from __future__ import annotations

from playwright.sync_api import expect
from pytest_bdd import given, parsers, then, when

from fixtures.control import ControlClient
from steps.driver import Driver
from steps.pages import LookupDialog, MyApplications


def result_names(driver: Driver) -> list[str]:
    return LookupDialog(driver).result_names()


def stored_education(control: ControlClient, candidate: dict, draft: dict) -> dict:
    [application] = [a for a in control.applications(candidate["id"]) if a["id"] == draft["id"]]
    return application["sections"]["education"][0]


@given("un projet de candidature de ce candidat", target_fixture="draft")
def draft_of_candidate(control: ControlClient, candidate: dict) -> dict:
    return control.call("POST", f"/candidates/{candidate['id']}/applications", {})


@given(parsers.parse("j'ouvre ce projet à la section « {section} »"))
def open_draft_at(driver: Driver, section: str) -> None:
    MyApplications(driver).open()
    MyApplications(driver).open_draft()
    driver.go_to(section)


@when(parsers.parse("je clique sur l'icône loupe du champ « {label} »"))
def click_lookup_icon(driver: Driver, label: str) -> None:
    LookupDialog(driver).open(label)


@when(parsers.parse("j'efface le champ « {label} » et je clique sur son icône loupe"))
def clear_and_look_up(driver: Driver, label: str) -> None:
    LookupDialog(driver).clear_and_open(label)


@when(parsers.parse("en vis-à-vis de « {criterion} » je sélectionne « {operator} » et je tape « {text} » juste après"))
def advanced_criterion(driver: Driver, criterion: str, operator: str, text: str) -> None:
    LookupDialog(driver).criterion(criterion, operator, text)


@then(parsers.parse("seuls des établissements dont le nom contient « {text} » sont proposés"))
def only_matching(driver: Driver, text: str) -> None:
    names = result_names(driver)
    assert names, f"no institution is listed for « {text} »"
    wrong = [n for n in names if text.casefold() not in n.casefold()]
    assert not wrong, f"listed although their name does not contain « {text} »: {wrong}"


@when("je choisis l'un des établissements proposés", target_fixture="chosen_institution")
def choose_one(driver: Driver) -> str:
    return LookupDialog(driver).choose(result_names(driver)[0])


@when(parsers.parse("je choisis l'établissement « {value} »"), target_fixture="chosen_institution")
def choose_named(driver: Driver, value: str) -> str:
    return LookupDialog(driver).choose(value)


@then(parsers.parse("le champ « {label} » contient l'établissement choisi"))
def field_holds_choice(driver: Driver, label: str, chosen_institution: str) -> None:
    driver.expect_value(label, chosen_institution)


@then(parsers.parse("le champ « {label} » contient « {value} »"))
def field_holds(driver: Driver, label: str, value: str) -> None:
    driver.expect_value(label, value)


@then("l'établissement choisi est enregistré dans la candidature")
def choice_stored(control: ControlClient, candidate: dict, draft: dict, chosen_institution: str) -> None:
    assert stored_education(control, candidate, draft)["institution"] == chosen_institution


@when(parsers.parse("je tape « {value} » dans le champ « {label} »"))
@when(parsers.parse("je choisis « {value} » en tapant son nom dans le champ « {label} »"))
def type_into(driver: Driver, value: str, label: str) -> None:
    driver.fill_labelled(label, value)


@when("je renseigne le domaine d'études", target_fixture="field_of_study")
def fill_field_of_study(driver: Driver) -> str:
    driver.fill("field_of_study", "Droit international")
    return "Droit international"


@then(parsers.parse("un avertissement nomme le champ « {label} »"))
def warning_names(driver: Driver, label: str) -> None:
    driver.expect_alert_naming(driver.label(label))


@then("le domaine d'études est enregistré dans la candidature, sans établissement")
def rest_stored(control: ControlClient, candidate: dict, draft: dict, field_of_study: str) -> None:
    stored = stored_education(control, candidate, draft)
    assert stored["field_of_study"] == field_of_study and stored["institution"] is None, stored


@then("la liste des établissements s'affiche")
def list_shown(driver: Driver) -> None:
    assert len(result_names(driver)) > 1


@when(parsers.parse("je laisse vide le champ de liste facultatif « {label} »"))
def leave_optional_empty(driver: Driver, label: str) -> None:
    field = driver.labelled(label)
    expect(field).not_to_have_attribute("required", "")
    field.fill("")
    LookupDialog(driver).icon(label)  # it is a look-up field: its icon is there
