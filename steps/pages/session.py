"""The session (FAQ iv): the in-page warning before the 20-minute timeout, and the browser's clock."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from playwright.sync_api import Locator, expect

from steps.driver import Driver


class SessionWarning:
    def __init__(self, driver: Driver) -> None:
        self.driver = driver

    def dialog(self) -> Locator:
        return self.driver.by_role("alertdialog", self.driver.field_label("session_warning"))

    def expect_hidden(self) -> None:
        expect(self.dialog()).to_have_count(0)

    def expect_shown(self) -> None:
        """Shown, its « stay signed in » button focused (the keyboard's way out)."""
        dialog = self.driver.present(self.dialog(), self.driver.field_label("session_warning"), "alertdialog")
        keep = self.driver.by_role("button", self.driver.field_label("session_keep_alive"), dialog)
        expect(keep).to_be_focused()

    def keep_alive(self) -> None:
        self.driver.click_button(self.driver.field_label("session_keep_alive"))

    def control_browser_clock(self, real_time: bool) -> None:
        """The page's timers on Playwright's fake clock from the reload on. Held still (paused) unless the run
        waits in real time: otherwise the real seconds a busy machine spends between the page's load and the
        check would count as inactivity too, and the warning due at 18:00 showed at « 17 min 59 s »."""
        clock = self.driver.page.clock
        if real_time:
            clock.install()
        else:
            start = datetime.now(UTC).replace(microsecond=0)
            clock.install(time=start)
            # Ahead of the fake time however slow the call; the pause holds through the reload.
            clock.pause_at(start + timedelta(minutes=1))
        self.driver.reload()

    def stay_idle(self, portal_clock, seconds: float, *, browser_clock: bool = False) -> None:
        """No activity for ``seconds`` of the guide's time, for the portal (and the page's fake clock)."""
        portal_clock.idle(seconds, self.driver.page, browser_clock=browser_clock)
