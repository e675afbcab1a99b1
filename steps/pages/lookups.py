"""Look-up fields (the guide's 🔍 icon) and their dialog of results (3.vii remark, FAQ x)."""

from __future__ import annotations

from playwright.sync_api import Locator

from steps.driver import Driver

CRITERION = "Long Description"


class LookupDialog:
    def __init__(self, driver: Driver) -> None:
        self.driver = driver

    def icon(self, label: str) -> Locator:
        """The 🔍 icon of the field of that guide label (its name from the profile's ``lookup_icon``)."""
        name = self.driver.field_label("lookup_icon").format(label=self.driver.label(label))
        # An icon-only control may have no accessible name: the profile's [locators] then finds it (a warning).
        return self.driver.present(self.driver.located(name) or self.driver.clickable(name), name, "button")

    def open(self, label: str) -> None:
        self.icon(label).click()

    def clear_and_open(self, label: str) -> None:
        self.driver.fill_labelled(label, "")
        self.open(label)

    def results(self) -> Locator:
        return self.driver.find("table", self.driver.field_label("lookup_results"))

    def result_names(self) -> list[str]:
        """The « Long Description » of every listed result, in the order shown."""
        table = self.results()
        headers = [h.strip() for h in table.get_by_role("columnheader").all_text_contents()]
        column = headers.index(self.driver.label(CRITERION))
        rows = [row.get_by_role("cell").all_text_contents() for row in table.get_by_role("row").all()]
        return [cells[column].strip() for cells in rows if len(cells) > column]

    def choose(self, value: str) -> str:
        name = self.driver.field_label("lookup_choose").format(value=value)
        self.driver.present(self.driver.clickable(name), name, "button").click()
        return value

    def criterion(self, criterion: str, operator: str, text: str) -> None:
        """« Consultation Avancée »: facing the criterion, an operator chosen and the text typed just after."""
        name = self.driver.label(criterion)
        self.driver.find("combobox", name, guide=criterion).select_option(label=self.driver.label(operator))
        self.driver.find("textbox", name, guide=criterion).fill(text)

    def click_icon_named(self, name: str) -> None:
        """A 🔍 icon the guide names itself (« Modèle de candidature précédente »), a link or a button."""
        label = self.driver.label(name)
        self.driver.present(self.driver.clickable(label), label, "link or button", name).click()
