"""Golden-path scenarios written the naive way, only for the benchmark (``make bench`` times them against the
same scenarios of the suite): a new browser for every test, registration, the profile and sign-in through
the UI every time, and a fixed wait after every action. Not collected by ``pytest tests`` (no test_ prefix).

The steps themselves are the suite's, so both versions check the same things; what differs is how much
each test pays around them. Needs INSPIRA_BENCH_BASE_URL (a reference portal) in the environment.
"""

from __future__ import annotations

import os
from collections.abc import Iterator

import pytest
from playwright.sync_api import Page, sync_playwright

from fixtures.data import People
from harness.browser import find_browser
from harness.profile import default_profile_path, load_profile
from steps import applications, common, profile, registration
from steps.driver import Driver

FIXED_WAIT_MS = 500  # what a naive script sleeps after each action "to let the page settle"


@pytest.fixture
def naive_page() -> Iterator[Page]:
    base_url = os.environ.get("INSPIRA_BENCH_BASE_URL")
    if not base_url:
        pytest.fail("INSPIRA_BENCH_BASE_URL is not set: run these through `make bench`")
    with sync_playwright() as playwright:
        choice = find_browser(managed=playwright.chromium.executable_path)
        assert choice is not None, "no Chromium found"
        browser = playwright.chromium.launch(**choice.launch_args())  # a new browser for this test alone
        page = browser.new_page(base_url=base_url, locale="fr-FR")
        page.set_default_timeout(10_000)
        yield page
        browser.close()


class Naive:
    """The suite's steps, each followed by a fixed wait."""

    def __init__(self, driver: Driver) -> None:
        self.driver = driver

    def __call__(self, step, *args) -> object:  # noqa: ANN001 (any step function)
        result = step(self.driver, *args)
        self.driver.page.wait_for_timeout(FIXED_WAIT_MS)
        return result


def registered_through_the_ui(page: Page, complete_profile: bool) -> Naive:
    driver = Driver(page, load_profile(default_profile_path()))
    do = Naive(driver)
    person = People().person()
    do(common.on_careers_site)
    do(common.click_link, "Connexion")
    do(common.click_link, "Inscription immédiate")
    do(registration.fill_with_valid_date, person)
    do(common.click_button, "Inscription")
    do(common.on_page, "Accueil")
    if complete_profile:
        do(common.click_link, "Mon Profil")
        for tab in ("Coordonnées", "Situation de famille", "Nationalité et résidence"):
            do(profile.complete_tab, tab)
        do(profile.profile_status, "100% Complet")
    do(common.click_button, "Déconnexion")
    do(common.on_careers_site)
    do(common.click_link, "Connexion")
    do(common.sign_in_again, {"user_code": person.user_code, "password": person.password})
    return do


def test_naive_brouillon(naive_page: Page) -> None:
    do = registered_through_the_ui(naive_page, complete_profile=True)
    do(common.click_link, "Mes candidatures")
    do(common.click_button, "Créer un projet de candidature")
    do(applications.answer_question)
    do(applications.choose_option, "Créer une nouvelle candidature")
    do(applications.go_to_section, "Lettre de motivation")
    do(applications.write_cover_letter)
    do(common.click_button, "Enregistrer")
    do(common.message_shown, "Votre candidature en cours a été enregistrée")
    do(common.click_button, "OK")
    do(common.click_button, "Fermer")
    do(common.on_page, "Carrières")


def test_naive_manuels(naive_page: Page) -> None:
    do = registered_through_the_ui(naive_page, complete_profile=True)
    do(common.click_link, "Manuels")
    do(common.on_page, "Manuels")
    do(common.page_says, "A l'étude")


def test_naive_profil(naive_page: Page) -> None:
    do = registered_through_the_ui(naive_page, complete_profile=False)
    do(common.click_link, "Mon Profil")
    do(profile.profile_not_complete)
    for tab in ("Coordonnées", "Situation de famille", "Nationalité et résidence"):
        do(profile.complete_tab, tab)
    do(profile.profile_status, "100% Complet")


# The same scenarios in the suite, for `-k`.
OURS = ("enregistrer_puis_fermer_un_projet_de_candidature or le_lien__manuels__explique "
        "or compléter_les_trois_onglets_mène")
