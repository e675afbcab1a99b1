"""« Contactez-nous » (section 7 of the guide): the form to the Unite Service Desk."""

from __future__ import annotations

import re

from playwright.sync_api import expect

from steps.driver import Driver


class ContactForm:
    def __init__(self, driver: Driver) -> None:
        self.driver = driver

    def fill(self, values: dict[str, str]) -> None:
        """Each field by its profile key, after any other field the portal makes mandatory: the guide lists what
        speeds up an answer (section 7), not every field a form may require, so those get a value of their kind."""
        label = self.driver.field_label("contact_message")
        self.driver.present(self.driver.named_field("contact_message"), label, "field")
        self.driver.fill_required_fields()
        for key, value in values.items():
            self.driver.fill(key, value)

    def attach_screenshot(self, name: str, png: bytes) -> None:
        field = self.driver.present(self.driver.named_field("contact_screenshot"),
                                    self.driver.field_label("contact_screenshot"), "field")
        field.set_input_files({"name": name, "mimeType": "image/png", "buffer": png})

    def send(self) -> None:
        self.driver.click_button(self.driver.field_label("contact_send"))

    def expect_sent(self) -> None:
        expect(self.driver.status()).to_be_visible()
        expect(self.driver.named_field("contact_message")).to_have_count(0)

    def expect_no_password_field(self) -> None:
        expect(self.driver.named_field("contact_message")).to_be_visible()
        password = re.compile(re.escape(self.driver.label("mot de passe")), re.IGNORECASE)
        expect(self.driver.page.get_by_label(password)).to_have_count(0)

    def expect_values(self, values: dict[str, str]) -> None:
        for key, value in values.items():
            expect(self.driver.named_field(key)).to_have_value(value)
