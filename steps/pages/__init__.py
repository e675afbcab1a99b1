"""Page objects: one per area of the guide, under the driver (steps/driver.py).

A step function says what the person does in the guide's words and calls one of these; every locator is
built here or in the driver, by role and accessible name with the guide's label through the profile, and
every control a person acts on is found through ``Driver.present`` (a missing one fails naming the nearest
names the page offers). Each flow of the guide is written once, here.
"""

from steps.pages.account import Registration, SignIn
from steps.pages.application import (
    APPLY,
    COVER_LETTER,
    NEW_APPLICATION,
    SAVE_LETTER,
    SECTION_PAGES,
    SUBMIT,
    ApplicationFlow,
    MyApplications,
    OpeningPage,
)
from steps.pages.attachments import AttachmentsArea
from steps.pages.help import ContactForm
from steps.pages.lookups import LookupDialog
from steps.pages.profile import ProfilePage
from steps.pages.search import JobSearch, SavedSearches
from steps.pages.session import SessionWarning

__all__ = [
    "APPLY",
    "COVER_LETTER",
    "NEW_APPLICATION",
    "SAVE_LETTER",
    "SECTION_PAGES",
    "SUBMIT",
    "ApplicationFlow",
    "AttachmentsArea",
    "ContactForm",
    "JobSearch",
    "LookupDialog",
    "MyApplications",
    "OpeningPage",
    "ProfilePage",
    "Registration",
    "SavedSearches",
    "SessionWarning",
    "SignIn",
]
