"""Security steps: one candidate's application is never shown to another candidate."""

from __future__ import annotations

import secrets

from playwright.sync_api import expect
from pytest_bdd import given, then, when

from fixtures.control import ControlClient
from fixtures.provision import Provisioner
from steps.common import registered_candidate
from steps.driver import Driver
from steps.pages import MyApplications, SignIn


@given(
    "un premier candidat qui a soumis une candidature avec une lettre de motivation qui lui est propre",
    target_fixture="owner",
)
def owner_with_application(control: ControlClient, provision: Provisioner) -> dict:
    owner = registered_candidate(provision, "complet")
    letter = f"Lettre confidentielle {secrets.token_hex(6)}"
    opening = control.create_opening(
        title=f"Juriste {secrets.token_hex(3).upper()}", level="P-3", job_family="Legal", duty_station="Genève"
    )
    control.call(
        "POST",
        f"/candidates/{owner['id']}/applications",
        {"opening_id": opening["id"], "status": "Postulé", "sections": {"cover_letter": {"letter": letter}}},
    )
    stored = control.applications(owner["id"])
    assert len(stored) == 1, f"the control API should hold the owner's one application, got {stored}"
    return {**owner, "letter": letter, "opening": opening}


@given("un second candidat inscrit", target_fixture="intruder")
def second_candidate(provision: Provisioner) -> dict:
    return registered_candidate(provision, "complet")


@when(
    "le premier candidat ouvre sa candidature depuis « Mes candidatures » et en note l'adresse",
    target_fixture="application_url",
)
def owner_opens_application(driver: Driver, owner: dict) -> str:
    SignIn(driver).sign_in_afresh(owner)
    MyApplications(driver).open()
    MyApplications(driver).open_application(owner["opening"]["title"])
    driver.expect_shown(owner["letter"])
    return driver.url


@when("le second candidat se connecte et ouvre cette adresse")
def intruder_opens_url(driver: Driver, intruder: dict, application_url: str) -> None:
    SignIn(driver).sign_in_afresh(intruder)  # the first candidate's session ends with its cookies
    driver.open(application_url)


@then("la candidature du premier candidat ne lui est pas montrée")
def application_not_shown(driver: Driver, owner: dict) -> None:
    expect(driver.shown_text(owner["letter"])).to_have_count(0)
    expect(driver.shown_text(owner["opening"]["title"])).to_have_count(0)


@then("le second candidat n'a toujours aucune candidature enregistrée")
def intruder_has_nothing(control: ControlClient, intruder: dict) -> None:
    assert control.applications(intruder["id"]) == []
