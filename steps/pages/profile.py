"""« Mon Profil » (section 2 of the guide): its tabs, their forms and the profile's completion status."""

from __future__ import annotations

import re

from playwright.sync_api import expect

from steps.driver import Driver

MY_PROFILE = "Mon Profil"
COMPLETE = "100% Complet"


class ProfilePage:
    def __init__(self, driver: Driver) -> None:
        self.driver = driver

    def open(self) -> None:
        """« Mon Profil », once its page has loaded (its forms may be read or sent at once)."""
        self.driver.click_link(MY_PROFILE)

    def open_tab(self, tab: str) -> None:
        """A tab by the guide's name, whether the portal makes it a tab, a link, a button or an anchor; done once
        the page shows that tab as the current one, so nothing is typed into the tab before it."""
        self.driver.go_to(tab)

    def save(self) -> None:
        self.driver.click_button("Enregistrer")

    def complete_tab(self, tab: str) -> None:
        self.open_tab(tab)
        self.driver.fill_required_fields()
        self.save()
        self.expect_no_warning()

    def save_fields(self, tab: str, values: dict[str, str]) -> None:
        """From anywhere signed in: « Mon Profil », the tab, the fields (profile keys) filled, saved and taken."""
        self.open()
        self.open_tab(tab)
        for key, value in values.items():
            self.driver.fill(key, value)
        self.save()
        expect(self.driver.status()).to_be_visible()
        self.expect_no_warning()

    def expect_no_warning(self) -> None:
        expect(self.driver.alerts()).to_have_count(0)

    def expect_not_complete(self) -> None:
        complete = self.driver.label(COMPLETE)
        partial = re.compile(re.escape(complete).replace("100", r"\b\d{1,2}"))
        self.driver.present(self.driver.shown_text(partial), f"{complete} (less than 100)")
        expect(self.driver.shown_text(complete)).to_have_count(0)

    def expect_values(self, values: dict[str, str]) -> None:
        for key, value in values.items():
            expect(self.driver.named_field(key)).to_have_value(value)
