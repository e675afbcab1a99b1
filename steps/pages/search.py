"""« Rech. Emplois » (sections 4 and 5 of the guide): the job search, its results, saved searches and alerts."""

from __future__ import annotations

import re

from playwright.sync_api import Locator, expect

from steps.driver import Driver

JOB_SEARCH = "Rech. Emplois"
ALERT_CHECKBOX = "Utiliser comme Alerte emploi"
ALERT_ADDRESS = "Envoyer une notification Alerte emploi à :"


class JobSearch:
    def __init__(self, driver: Driver) -> None:
        self.driver = driver

    def open(self) -> None:
        self.driver.click_link(JOB_SEARCH)

    def result(self, opening: dict) -> Locator:
        return self.driver.by_role("link", opening["title"])

    def expect_listed(self, opening: dict) -> None:
        self.driver.find("link", opening["title"])

    def expect_not_listed(self, opening: dict) -> None:
        expect(self.result(opening)).to_have_count(0)

    def expect_offered(self) -> None:
        self.driver.present(self.driver.named_field("search_keywords"), self.driver.field_label("search_keywords"),
                            "field")
        self.driver.present(self.driver.button("Rechercher"), self.driver.label("Rechercher"), "button", "Rechercher")

    def menu(self, guide_label: str) -> Locator:
        """A drop-down menu of the search (« Rech. offres publiées sous »)."""
        return self.driver.present(self.driver.field(self.driver.label(guide_label)), self.driver.label(guide_label),
                                   "combobox", guide_label)

    def menu_options(self, guide_label: str) -> list[str]:
        return [o.strip() for o in self.menu(guide_label).get_by_role("option").all_text_contents()]

    def choose_in_menu(self, guide_label: str, option: str, *, as_shown: bool = False) -> None:
        """``option`` a guide label, or with ``as_shown`` one of the portal's own options as it shows it."""
        self.menu(guide_label).select_option(label=option if as_shown else self.driver.label(option))

    def save(self, name: str, keyword: str = "", alert_address: str | None = None, probes=None) -> None:
        """From anywhere signed in: search, « Enregistrer recherche », name it, alert or not, « Enregistrer »."""
        self.open()
        if keyword:
            self.driver.fill("search_keywords", keyword)
        self.driver.click_button("Enregistrer recherche")
        self.driver.fill("search_name", name)
        if probes is not None:
            probes.names["search_name"] = probes.field_name(self.driver.named_field("search_name"))
        if alert_address is not None:
            self.driver.find_guide("checkbox", ALERT_CHECKBOX).check()
            self.driver.fill_labelled(ALERT_ADDRESS, alert_address)
        self.driver.click_button("Enregistrer")


class SavedSearches:
    """The candidate's saved searches (and job alerts), one row each."""

    def __init__(self, driver: Driver) -> None:
        self.driver = driver

    def open(self) -> None:
        JobSearch(self.driver).open()
        self.driver.click_link(self.driver.field_label("saved_searches"))

    def row(self, name: str) -> Locator:
        return self.driver.rows(name)

    def expect_listed(self, *names: str) -> None:
        for name in names:
            expect(self.row(name)).to_have_count(1)

    def expect_not_listed(self, name: str) -> None:
        self.driver.find("heading", self.driver.field_label("saved_searches_heading"))
        expect(self.row(name)).to_have_count(0)

    def delete(self, name: str) -> None:
        label = self.driver.control_name("delete_saved_search", title=name)
        self.driver.find("button", label, self.row(name)).click()
        expect(self.row(name)).to_have_count(0)

    def expect_state(self, name: str, shown_key: str, other_key: str) -> None:
        """The row shows the state of ``shown_key`` (a profile key: valid or expired) and not the other."""
        row = self.row(name)
        self.driver.find("cell", self.driver.field_label(shown_key), row)
        expect(self.driver.by_role("cell", self.driver.field_label(other_key), row)).to_have_count(0)

    def expect_refused_over_limit(self, typed_name: str) -> None:
        expect(self.driver.alerts()).to_contain_text("5")
        expect(self.driver.named_field("search_name")).to_have_value(typed_name)

    def expect_refused_naming(self, label: str) -> None:
        self.driver.expect_alert_naming(self.driver.label(label))


def window_days(option: str) -> int | None:
    """How many days an option of « Rech. offres publiées sous » counts, read from its label (days, weeks, months)."""
    found = re.search(r"(\d+)\D{0,20}?(jour|day|semaine|week|mois|month)", option, re.IGNORECASE)
    if found is None:
        return None
    unit = found.group(2).lower()
    return int(found.group(1)) * (7 if unit.startswith(("sem", "week")) else 30 if unit.startswith("mo") else 1)
