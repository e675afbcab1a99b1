"""The account (section 1 of the guide): signing in, registering, recovering a user code or a password."""

from __future__ import annotations

import re
from urllib.parse import urljoin

from playwright.sync_api import expect

from steps.driver import Driver

SIGN_IN = "Connexion"
HOME = "Accueil"
REGISTRATION = "Inscription immédiate"


class SignIn:
    """The sign-in form and the recovery pages reached from it."""

    def __init__(self, driver: Driver) -> None:
        self.driver = driver

    def open(self) -> None:
        """From the Careers site: its « Connexion » link, to the sign-in form."""
        self.driver.open_start()
        self.driver.click_link(SIGN_IN)

    def open_form(self) -> None:
        self.open()
        self.expect_form()

    def expect_form(self) -> None:
        label = self.driver.field_label("login_password")
        self.driver.present(self.driver.named_field("login_password"), label, "field")

    def expect_left(self) -> None:
        """No sign-in form on the page any more."""
        expect(self.driver.named_field("login_password")).to_have_count(0)

    def is_shown(self) -> bool:
        return self.driver.named_field("login_password").is_visible()

    def submit(self, candidate: dict) -> None:
        self.driver.fill("login_user_code", candidate["user_code"])
        self.driver.fill("login_password", candidate["password"])
        # The form's own button (fields.login_submit): the guide's « Connexion » is the Careers site's link.
        self.driver.click_button(self.driver.field_label("login_submit"))

    def sign_in(self, candidate: dict) -> None:
        """On the sign-in form: the candidate's user code and password, its button, at « Accueil »."""
        self.submit(candidate)
        self.driver.expect_on(HOME)

    def sign_in_afresh(self, candidate: dict) -> None:
        """Another person at this browser: the cookies gone, from the Careers site to « Accueil »."""
        self.driver.forget_cookies()
        self.open()
        self.sign_in(candidate)

    def signed_in(self, candidate: dict, target, states: dict) -> None:
        """A precondition, not the act: where the portal offers it (capability sign_in), the control API hands
        over a sign-in's cookie and the page the form lands on is opened; the form has scenarios of its own.
        Otherwise one sign-in through the form per candidate and worker (``states``); later scenarios start
        from its storage state, unless the portal no longer honours it (then the form again)."""
        if target.control is not None and "sign_in" in target.capabilities and "id" in candidate:
            granted = target.control.sign_in(candidate["id"])
            self.enter_with([{**cookie, "url": target.base_url} for cookie in granted["cookies"]],
                            urljoin(target.base_url, granted["landing"]))
            self.driver.expect_on(HOME)
            return
        key = (target.base_url, candidate["user_code"])
        saved = states.get(key)
        if saved is not None:
            if self.enter_with(saved["storage_state"]["cookies"], saved["landing"]):  # loaded: its state, no wait
                return
            self.driver.forget_cookies()
        self.open()
        self.sign_in(candidate)
        states[key] = {"storage_state": self.driver.storage_state(), "landing": self.driver.url}

    def enter_with(self, cookies: list[dict], landing: str) -> bool:
        """A sign-in's cookies handed over and the page it lands on opened; whether « Accueil » shows."""
        self.driver.add_cookies(cookies)
        self.driver.open(landing)
        return self.driver.is_on(HOME)

    # -- recovery -------------------------------------------------------------------------------------------
    def answer(self) -> str:
        """What the portal answered a recovery request (its status message)."""
        answer = self.driver.status()
        expect(answer).to_be_visible()
        return answer.inner_text().strip()

    def ask_user_code(self, email: str) -> str:
        self.driver.fill("recovery_email", email)
        self.driver.click_button(self.driver.field_label("recovery_send_user_code"))
        return self.answer()

    def ask_reset_link(self, identifier: str) -> str:
        self.driver.fill("recovery_identifier", identifier)
        self.driver.click_button(self.driver.field_label("recovery_send_link"))
        return self.answer()

    def choose_password(self, password: str) -> None:
        self.driver.fill("new_password", password)
        self.driver.fill("new_password_confirmation", password)
        self.driver.click_button(self.driver.field_label("new_password_save"))
        expect(self.driver.named_field("new_password")).to_have_count(0)

    def expect_link_accepted(self) -> None:
        expect(self.driver.named_field("new_password")).to_be_visible()

    def expect_link_refused(self) -> None:
        expect(self.driver.alerts()).to_be_visible()
        expect(self.driver.named_field("new_password")).to_have_count(0)

    def expect_cookies_asked(self) -> None:
        self.driver.expect_alert_naming(self.driver.field_label("cookies_refused"))
        expect(self.driver.named_field("login_password")).to_be_visible()


class Registration:
    """« Inscription immédiate »."""

    # The guide fixes the format of the date of birth; a refusal must say which format it expects.
    DATE_FORMAT_HINT = "jj/mm/aaaa"

    def __init__(self, driver: Driver) -> None:
        self.driver = driver

    def open(self) -> None:
        SignIn(self.driver).open()
        self.driver.click_link(REGISTRATION)
        expect(self.driver.button("Inscription")).to_be_visible()

    def expect_refused_for_date(self) -> None:
        expect(self.driver.named_field("date_of_birth")).to_have_attribute("aria-invalid", "true")
        self.driver.expect_alert_naming(self.driver.label(self.DATE_FORMAT_HINT))
        expect(self.driver.button("Inscription")).to_be_visible()

    def expect_user_code_settled(self) -> None:
        """The form left (the code was taken); where the portal issues the code, its page shows it."""
        expect(self.driver.named_field("user_code")).to_have_count(0)
        if self.driver.profile.reading("user_code") == "portal":
            self.issued_user_code()

    def expect_left(self) -> None:
        """« Inscription » took the form: it is gone and the page that replaced it has loaded."""
        expect(self.driver.named_field("password_confirmation")).to_have_count(0)
        self.driver.page.wait_for_load_state()

    def issued_user_code(self) -> str:
        """The code the portal issued, as its page shows it after the label fields.user_code
        (« Code utilisateur : AB12CD »)."""
        label = self.driver.field_label("user_code")
        # The code ends where the text or a word does: « Code utilisateur oublié » on the same page is no code.
        pattern = re.compile(re.escape(label) + r"\s*:?\s*([A-Za-z0-9._-]{3,})(?=$|[\s.,;)])")
        shown = self.driver.present(self.driver.shown_text(pattern), f"{label} : <the issued code>")
        found = pattern.search(shown.inner_text())
        assert found, f"« {label} » shows no code"
        return found[1]

    def enter(self, account: dict) -> None:
        """Into inspira with the account « Inscription » just made. The guide fixes no page after « Inscription »
        (section 1.iv), and then has the candidate sign in and reach « Accueil » (section 2.i-ii): so « Accueil »
        if the portal is already there; its « Accueil » link if the portal signed the candidate in and shows
        another page first; else from the Careers site, the sign-in form with the account's user code."""
        driver = self.driver
        if driver.is_on(HOME):
            return
        if driver.link(HOME).filter(visible=True).count():
            driver.click_link(HOME)
        else:
            SignIn(driver).open()
        form = driver.named_field("login_password")
        driver.present(driver.current(HOME).or_(form), f"{driver.label(HOME)} or the sign-in form", any_of=True)
        if not driver.is_on(HOME):
            SignIn(driver).sign_in(account)
