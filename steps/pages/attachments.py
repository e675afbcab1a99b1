"""Attachments (FAQ vii) on an application's « Lettre de motivation et pièces-jointes » and in « Mes pièces
jointes » (FAQ ix)."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urljoin

from playwright.sync_api import Locator, expect

from steps.driver import Driver

MY_ATTACHMENTS = "Mes pièces jointes"


class AttachmentsArea:
    """The application's attachments, or with ``mine=True`` the section « Mes pièces jointes »."""

    def __init__(self, driver: Driver, *, mine: bool = False) -> None:
        self.driver = driver
        self.mine = mine

    def scope(self):
        if not self.mine:
            return self.driver.page
        return self.driver.find_guide("region", MY_ATTACHMENTS)

    def _input_key(self) -> str:
        return "my_attachments_file" if self.mine else "attachment_file"

    def file_input(self) -> Locator:
        label = self.driver.field_label(self._input_key())
        return self.driver.present(self.driver.field_in(self.scope(), label), label, "field")

    def add_button(self) -> Locator:
        key = "my_attachments_add" if self.mine else "attachment_add"  # each file field's own button
        return self.driver.find("button", self.driver.field_label(key), self.scope())

    def attach(self, path: Path) -> None:
        self.file_input().set_input_files(path)
        self.add_button().click()

    def file_link(self, filename: str) -> Locator:
        return self.driver.by_role("link", filename, self.scope())

    def expect_attached(self, filename: str) -> None:
        self.driver.find("link", filename, self.scope())

    def expect_count(self, filename: str, count: int) -> None:
        expect(self.file_link(filename)).to_have_count(count)

    def expect_exactly(self, kept: list[str], absent: list[str]) -> None:
        """Each file of ``kept`` listed once, none of ``absent``."""
        for filename in kept:
            self.expect_count(filename, 1)
        for filename in absent:
            self.expect_count(filename, 0)

    def file_address(self, filename: str) -> str:
        link = self.driver.find("link", filename, self.scope())
        return urljoin(self.driver.url, link.get_attribute("href") or "")

    def expect_cv_note(self) -> None:
        """« Mes pièces jointes » says a CV there does not stand for a submitted application."""
        expect(self.driver.shown_text("CV", self.scope())).to_contain_text(self.driver.label("candidature"))
