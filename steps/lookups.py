"""Steps for look-up fields (the magnifier icon) and the institutions list (3.vii remark, FAQ x)."""

from __future__ import annotations

from playwright.sync_api import Locator, expect
from pytest_bdd import given, parsers, then, when

from fixtures.control import ControlClient
from steps.driver import Driver

CRITERION = "Long Description"


def lookup_icon(driver: Driver, label: str) -> Locator:
    name = driver.field_label("lookup_icon").format(label=driver.label(label))
    page = driver.page
    icon = driver.located(name) or page.get_by_role("button", name=name, exact=True).or_(
        page.get_by_role("link", name=name, exact=True))
    return driver.present(icon, name, "button")


def results(driver: Driver) -> Locator:
    name = driver.field_label("lookup_results")
    return driver.present(driver.page.get_by_role("table", name=name, exact=True), name, "table")


def result_names(driver: Driver) -> list[str]:
    """The « Long Description » of every listed result, in the order shown."""
    table = results(driver)
    headers = [h.strip() for h in table.get_by_role("columnheader").all_text_contents()]
    column = headers.index(driver.label(CRITERION))
    rows = [row.get_by_role("cell").all_text_contents() for row in table.get_by_role("row").all()]
    return [cells[column].strip() for cells in rows if len(cells) > column]


def choose(driver: Driver, value: str) -> str:
    name = driver.field_label("lookup_choose").format(value=value)
    page = driver.page
    control = page.get_by_role("button", name=name, exact=True).or_(page.get_by_role("link", name=name, exact=True))
    driver.present(control, name, "button").click()
    return value


def stored_education(control: ControlClient, candidate: dict, draft: dict) -> dict:
    [application] = [a for a in control.applications(candidate["id"]) if a["id"] == draft["id"]]
    return application["sections"]["education"][0]


@given("un projet de candidature de ce candidat", target_fixture="draft")
def draft_of_candidate(control: ControlClient, candidate: dict) -> dict:
    return control.call("POST", f"/candidates/{candidate['id']}/applications", {})


@given(parsers.parse("j'ouvre ce projet à la section « {section} »"))
def open_draft_at(driver: Driver, section: str) -> None:
    driver.click_link("Mes candidatures")
    driver.page.get_by_role("link", name=driver.field_label("open_draft"), exact=True).click()
    driver.click_link(section)
    driver.expect_heading(section)


@when(parsers.parse("je clique sur l'icône loupe du champ « {label} »"))
def click_lookup_icon(driver: Driver, label: str) -> None:
    lookup_icon(driver, label).click()


@when(parsers.parse("j'efface le champ « {label} » et je clique sur son icône loupe"))
def clear_and_look_up(driver: Driver, label: str) -> None:
    driver.field(driver.label(label)).fill("")
    lookup_icon(driver, label).click()


@when(parsers.parse("en vis-à-vis de « {criterion} » je sélectionne « {operator} » et je tape « {text} » juste après"))
def advanced_criterion(driver: Driver, criterion: str, operator: str, text: str) -> None:
    name = driver.label(criterion)
    driver.present(driver.page.get_by_role("combobox", name=name, exact=True), name, "combobox").select_option(
        label=driver.label(operator)
    )
    driver.page.get_by_role("textbox", name=name, exact=True).fill(text)


@then(parsers.parse("seuls des établissements dont le nom contient « {text} » sont proposés"))
def only_matching(driver: Driver, text: str) -> None:
    names = result_names(driver)
    assert names, f"no institution is listed for « {text} »"
    wrong = [n for n in names if text.casefold() not in n.casefold()]
    assert not wrong, f"listed although their name does not contain « {text} »: {wrong}"


@when("je choisis l'un des établissements proposés", target_fixture="chosen_institution")
def choose_one(driver: Driver) -> str:
    return choose(driver, result_names(driver)[0])


@when(parsers.parse("je choisis l'établissement « {value} »"), target_fixture="chosen_institution")
def choose_named(driver: Driver, value: str) -> str:
    return choose(driver, value)


@then(parsers.parse("le champ « {label} » contient l'établissement choisi"))
def field_holds_choice(driver: Driver, label: str, chosen_institution: str) -> None:
    expect(driver.field(driver.label(label))).to_have_value(chosen_institution)


@then(parsers.parse("le champ « {label} » contient « {value} »"))
def field_holds(driver: Driver, label: str, value: str) -> None:
    expect(driver.field(driver.label(label))).to_have_value(value)


@then("l'établissement choisi est enregistré dans la candidature")
def choice_stored(control: ControlClient, candidate: dict, draft: dict, chosen_institution: str) -> None:
    assert stored_education(control, candidate, draft)["institution"] == chosen_institution


@when(parsers.parse("je tape « {value} » dans le champ « {label} »"))
@when(parsers.parse("je choisis « {value} » en tapant son nom dans le champ « {label} »"))
def type_into(driver: Driver, value: str, label: str) -> None:
    driver.field(driver.label(label)).fill(value)


@when("je renseigne le domaine d'études", target_fixture="field_of_study")
def fill_field_of_study(driver: Driver) -> str:
    driver.fill("field_of_study", "Droit international")
    return "Droit international"


@then(parsers.parse("un avertissement nomme le champ « {label} »"))
def warning_names(driver: Driver, label: str) -> None:
    expect(driver.page.get_by_role("alert")).to_contain_text(driver.label(label))


@then("le domaine d'études est enregistré dans la candidature, sans établissement")
def rest_stored(control: ControlClient, candidate: dict, draft: dict, field_of_study: str) -> None:
    stored = stored_education(control, candidate, draft)
    assert stored["field_of_study"] == field_of_study and stored["institution"] is None, stored


@then("la liste des établissements s'affiche")
def list_shown(driver: Driver) -> None:
    assert len(result_names(driver)) > 1


@when(parsers.parse("je laisse vide le champ de liste facultatif « {label} »"))
def leave_optional_empty(driver: Driver, label: str) -> None:
    field = driver.field(driver.label(label))
    expect(field).not_to_have_attribute("required", "")
    field.fill("")
    lookup_icon(driver, label)  # it is a look-up field: its icon is there
