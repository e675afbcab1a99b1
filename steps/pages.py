"""The guide's ways into an application (sections 3 and 4), each written once and used by every step that needs
it: find an opening and open it, « Postuler », start a blank draft, walk the sections, submit.

Every control is found through the driver (role and accessible name, the guide's label through the profile),
so a missing one fails naming the nearest names the page offers. Given ``probes``, the requests of the acts a
rule may later forbid (« Postuler », the cover letter's save, the final submission) are kept for server probes.
"""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from steps.driver import Driver
from steps.probes import ServerProbes

COVER_LETTER = "Lettre de motivation"
NEW_APPLICATION = "Créer une nouvelle candidature"
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
# Request names under which the acts are kept (steps/server_rules.py replays them).
APPLY = "Postuler"
SAVE_LETTER = "enregistrer la lettre de motivation"
SUBMIT = "Certifier et soumettre votre candidature"


class ApplicationFlow:
    def __init__(self, driver: Driver, probes: ServerProbes | None = None) -> None:
        self.driver = driver
        self.probes = probes

    def _pressing(self, label: str, kept_as: str) -> None:
        if self.probes is None:
            self.driver.click_button(label)
            return
        with self.probes.recording(kept_as):
            self.driver.click_button(label)

    # -- finding the opening ---------------------------------------------------------------------------------
    def search(self, opening: dict) -> None:
        self.driver.fill("search_keywords", opening["number"])
        self.driver.click_button("Rechercher")

    def open_found(self, opening: dict) -> None:
        title = opening["title"]
        self.driver.present(self.driver.page.get_by_role("link", name=title, exact=True), title, "link").click()

    def open_opening(self, opening: dict) -> None:
        self.driver.click_link("Rech. Emplois")
        self.search(opening)
        self.open_found(opening)

    # -- starting ------------------------------------------------------------------------------------------------
    def answer_question(self) -> None:
        # Wait for the page that asks (the click before may still be loading it), then answer what it asks.
        expect(self.driver.page.get_by_role("combobox")).not_to_have_count(0)
        if not self.driver.fill_required_fields():
            pytest.fail("no question with a drop-down list to answer was found on the page")
        self.driver.click_button("Suivant")

    def choose(self, option: str) -> None:
        label = self.driver.label(option)
        self.driver.present(self.driver.page.get_by_role("radio", name=label, exact=True), label, "radio").check()
        self.driver.click_button("Suivant")

    def apply(self, opening: dict) -> None:
        """« Postuler » on the opening, the question answered, a new application: at its first section."""
        self.open_opening(opening)
        self._pressing("Postuler", APPLY)
        self.answer_question()
        self.choose(NEW_APPLICATION)
        self.driver.expect_heading(SECTION_PAGES[0])

    def start_blank_draft(self) -> None:
        """« Créer un projet de candidature » from « Mes candidatures », the question answered, a new one."""
        self.driver.click_link("Mes candidatures")
        self.driver.click_button("Créer un projet de candidature")
        self.answer_question()
        self.choose(NEW_APPLICATION)

    # -- the sections and the review ----------------------------------------------------------------------------
    def complete_sections(self, sections=SECTION_PAGES, *, never_offering: str | None = None) -> None:
        """Each section's required fields filled, then « Suivant » (which saves the section it leaves);
        ``never_offering``: a button no section may show."""
        for section in sections:
            self.driver.expect_heading(section)
            if never_offering:
                expect(self.driver.button(never_offering)).to_have_count(0)
            self.driver.fill_required_fields()
            if self.probes is not None and section == "Lettre de motivation et pièces-jointes":
                letter = self.driver.field(self.driver.label(COVER_LETTER))
                self.probes.names[COVER_LETTER] = self.probes.field_name(letter)
                self._pressing("Suivant", SAVE_LETTER)
            else:
                self.driver.click_button("Suivant")

    def to_review(self, *, never_offering: str | None = None) -> None:
        self.complete_sections(never_offering=never_offering)
        self.driver.expect_heading("Vérifier/soumettre")

    def tick(self, label: str) -> None:
        shown = self.driver.label(label)
        self.driver.present(self.driver.page.get_by_role("checkbox", name=shown, exact=True), shown, "checkbox").check()

    def submit(self) -> None:
        """From « Vérifier/soumettre »: « Soumettre candidature », the conditions accepted, certified."""
        self.driver.click_button("Soumettre candidature")
        self.tick("J'accepte ces conditions")
        self._pressing(SUBMIT, SUBMIT)
