"""The fair baseline for ``make bench``: the suite's own scenarios, arranged the way a plain pytest-playwright
suite would arrange them, against the same portal. A pytest plugin (``run -- -p tests.bench.naive``):

- every candidate a scenario needs is registered through « Inscription immédiate », and its profile completed
  through the three tabs when the scenario wants it complete (ours: one control-API call);
- every sign-in goes through the login form (the bench's profile offers neither ``sign_in`` nor
  ``submit_application``), and the 8 steps are walked wherever a submitted application is wanted;
- pytest-playwright's defaults otherwise, as ours: one browser per session, a fresh context per test, and no
  fixed wait anywhere (every step waits for state, as the suite's do).

What it cannot express runs as ours does: openings, rosters, statuses and the clock still come from the control
API (a browser cannot make them), and a scenario that asks the control API about a candidate it registered
through the pages (which has no id) fails; the bench compares only the scenarios that passed the naive way.

Not collected by ``pytest tests`` (no test_ prefix).
"""

from __future__ import annotations

import pytest

from fixtures.data import People
from fixtures.provision import Provisioner
from steps import common, profile, registration
from steps.driver import Driver

PROFILE_TABS = ("Coordonnées", "Situation de famille", "Nationalité et résidence")


def register_through_the_ui(driver: Driver, people: People, complete_profile: bool) -> dict:
    """A new candidate made the way a person makes one, signed out again at the end."""
    person = people.person()
    common.on_careers_site(driver)
    driver.click_link("Connexion")
    driver.click_link("Inscription immédiate")
    registration.fill_with_valid_date(driver, person)
    driver.click_button("Inscription")
    driver.expect_heading("Accueil")
    if complete_profile:
        driver.click_link("Mon Profil")
        for tab in PROFILE_TABS:
            profile.complete_tab(driver, tab)
        profile.profile_status(driver, "100% Complet")
    driver.click_button("Déconnexion")
    return {"kind": "complete" if complete_profile else "empty", "user_code": person.user_code,
            "password": person.password, "email": person.email, "first_name": person.first_name,
            "last_name": person.last_name, "date_of_birth": person.date_of_birth.isoformat()}


@pytest.fixture(autouse=True)
def _candidates_through_the_ui(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> None:
    def candidate(self: Provisioner, kind: str) -> dict:
        driver = request.getfixturevalue("driver")
        return register_through_the_ui(driver, self.people, complete_profile=kind == "complete")

    monkeypatch.setattr(Provisioner, "candidate", candidate)
