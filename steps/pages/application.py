"""Applications (sections 3 and 4 of the guide): the guide's ways into an application, each written once and
used by every step that needs it (find an opening and open it, « Postuler », start a blank draft, walk the
sections, submit); the opening's page; the list « Mes candidatures ».

Every control is found through the driver (role and accessible name, the guide's label through the profile),
so a missing one fails naming the nearest names the page offers. Given ``probes``, the requests of the acts a
rule may later forbid (« Postuler », the cover letter's save, the final submission) are kept for server probes.
"""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urljoin

import pytest
from playwright.sync_api import Locator, Page, expect

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
MY_APPLICATIONS = "Mes candidatures"
REVIEW = "Vérifier/soumettre"
TEMPLATES = "Modèle de candidature précédente"
OFFLINE_FORM = "Télécharger le formulaire de candidature hors ligne"


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
        self.driver.follow(self.driver.find("link", opening["title"]))

    def open_opening(self, opening: dict) -> None:
        self.driver.click_link("Rech. Emplois")
        self.search(opening)
        self.open_found(opening)

    # -- starting ------------------------------------------------------------------------------------------------
    def answer_questions(self) -> list[str]:
        """Wait for the page that asks (the click before may still be loading it), then answer what it asks."""
        expect(self.driver.controls("combobox")).not_to_have_count(0)
        answered = self.driver.fill_required_fields()
        if not answered:
            pytest.fail("no question with a drop-down list to answer was found on the page")
        return answered

    def answer_question(self) -> None:
        self.answer_questions()
        self.driver.click_button("Suivant")

    def expect_started(self) -> None:
        """What the guide says follows « Postuler » (4.v): a question answered from a drop-down list, then
        « Suivant » (the question's words are the portal's)."""
        expect(self.driver.controls("combobox")).not_to_have_count(0)
        expect(self.driver.button("Suivant")).to_be_visible()

    def expect_no_question(self) -> None:
        """At the first section, which asks nothing (where the page shows every section, in that section)."""
        self.driver.expect_on(SECTION_PAGES[0])
        where = self.driver.section_scope() or self.driver.page
        expect(where.get_by_role("combobox")).to_have_count(0)

    def expect_back_or_refused(self) -> None:
        """After a second « Postuler »: back at the application's first section, or a message saying why not."""
        back = self.driver.current(SECTION_PAGES[0])
        expect(back.or_(self.driver.alerts().filter(has_text=re.compile(r"\w")))).not_to_have_count(0)

    def option(self, option: str) -> Locator:
        """One of the three ways to start (« Créer une nouvelle candidature »…), a radio button."""
        return self.driver.by_role("radio", self.driver.label(option))

    def choose(self, option: str) -> None:
        self.driver.find_guide("radio", option).check()
        self.driver.click_button("Suivant")

    def follow_after_apply(self, location: str | None) -> None:
        """Where a replayed « Postuler » was let through: on as a person would, the question answered and a new
        application asked for where the page offers them; from ``location``, or from the page shown (None)."""
        if location is not None:
            self.driver.open(urljoin(self.driver.url, location))
        if self.driver.controls("combobox").count():
            self.answer_question()
            self.driver.page.wait_for_load_state()
        option = self.option(NEW_APPLICATION)
        if option.count() and option.is_enabled():
            self.choose(NEW_APPLICATION)
            self.driver.page.wait_for_load_state()

    def apply(self, opening: dict) -> None:
        """« Postuler » on the opening, the question answered, a new application: at its first section."""
        self.open_opening(opening)
        self._pressing("Postuler", APPLY)
        self.answer_question()
        self.choose(NEW_APPLICATION)
        self.driver.expect_on(SECTION_PAGES[0])

    def start_blank_draft(self) -> None:
        """« Créer un projet de candidature » from « Mes candidatures », the question answered, a new one."""
        self.create_draft()
        self.answer_question()
        self.choose(NEW_APPLICATION)

    def create_draft(self) -> None:
        """« Créer un projet de candidature » from « Mes candidatures »: the page that asks how to start."""
        self.driver.click_link(MY_APPLICATIONS)
        self.driver.click_button("Créer un projet de candidature")

    # -- the sections and the review ----------------------------------------------------------------------------
    def next_section(self, kept_as: str | None = None) -> None:
        """« Suivant » of the section at hand, then the page it leads to loaded: where every section is on one
        page, the next section's heading is already shown before the page reloads."""
        if kept_as is None:
            self.driver.click_button("Suivant")
        else:
            self._pressing("Suivant", kept_as)
        self.driver.page.wait_for_load_state()

    def complete_sections(self, sections=SECTION_PAGES, *, never_offering: str | None = None) -> None:
        """Each section's required fields filled, then « Suivant » (which saves the section it leaves);
        ``never_offering``: a button no section may show."""
        for section in sections:
            self.driver.expect_on(section)
            if never_offering:
                expect(self.driver.button(never_offering)).to_have_count(0)
            self.driver.fill_required_fields()
            if self.probes is not None and section == "Lettre de motivation et pièces-jointes":
                letter = self.driver.field(self.driver.label(COVER_LETTER))
                self.probes.names[COVER_LETTER] = self.probes.field_name(letter)
                self.next_section(SAVE_LETTER)
            else:
                self.next_section()

    def to_review(self, *, never_offering: str | None = None) -> None:
        self.complete_sections(never_offering=never_offering)
        self.driver.expect_on(REVIEW)

    def walk_numbered(self, pages: list[tuple[str, str]]) -> None:
        """« Suivant » from page to page, each checked to be the next in the guide's order with its step."""
        for index, (page_name, position) in enumerate(pages):
            self.driver.expect_on(page_name)
            self.driver.expect_step_position(position)
            if index + 1 < len(pages):
                self.next_section()

    def tick(self, label: str) -> Locator:
        box = self.driver.find_guide("checkbox", label)
        box.check()
        return box

    # -- inside a section -------------------------------------------------------------------------------------
    def letter(self) -> Locator:
        return self.driver.field(self.driver.label(COVER_LETTER))

    def write_letter(self, text: str) -> None:
        self.driver.present(self.letter(), self.driver.label(COVER_LETTER), "field", COVER_LETTER).fill(text)
        self.driver.working_in(self.letter())

    def expect_letter(self, text: str) -> None:
        expect(self.letter()).to_have_value(text)

    def reload_expecting_letter(self, text: str) -> None:
        """The page asked again: the letter the portal stored is the one shown."""
        self.driver.reload()
        self.expect_letter(text)

    def expect_in_review_section(self, section: str, value: str) -> None:
        """On « Vérifier/soumettre »: the section's part of the page (a region named after it) shows the value."""
        shown = self.driver.label(section)
        # Its name may carry more than the section's (the pencil « Modifier … » inside the heading).
        named = self.driver.by_role("region", re.compile(re.escape(shown), re.IGNORECASE))
        region = self.driver.present(named, shown, "region", section)
        self.driver.present(self.driver.shown_text(value, region, exact=True), value)

    def template_rows(self, title: str) -> Locator:
        """The rows of « Modèle de candidature précédente » that show an application's title."""
        return self.driver.rows(title, self.driver.find_guide("table", TEMPLATES))

    def choose_template(self, title: str) -> None:
        row = self.driver.rows(title)
        expect(row).to_have_count(1)
        label = self.driver.control_name("template_choose", title=title)
        self.driver.follow(self.driver.present(self.driver.clickable(label, row), label, "link or button"))

    def prepare_choice(self, option: str, alternative: str) -> tuple[Locator, str]:
        """The option ticked (not sent); returns it and the value the page gives ``alternative``."""
        chosen = self.option(option)
        chosen.check()
        value = self.option(alternative).get_attribute("value") or ""
        return chosen, value

    def download_offline_form(self, folder: Path) -> Path:
        with self.driver.page.expect_download() as download_info:
            self.driver.click_link(OFFLINE_FORM, download=True)
        path = folder / (download_info.value.suggested_filename or "formulaire")
        download_info.value.save_as(path)
        return path

    def apply_and_submit(self, opening: dict) -> None:
        """The whole way of section 4: « Postuler », every section, « Vérifier/soumettre », submitted."""
        self.apply(opening)
        self.to_review()
        self.submit()

    def prepare_final_submission(self, terms: str) -> None:
        """« Soumettre candidature », the conditions ticked, « Certifier et soumettre… » pressed: its request is
        captured (never reaching the portal) with the box's field name; then back to « Vérifier/soumettre »."""
        self.driver.click_button("Soumettre candidature")
        self.driver.expect_on("Conditions générales")
        self.probes.names[terms] = self.probes.field_name(self.tick(terms))
        with self.probes.capturing(SUBMIT):
            self.driver.click_button(SUBMIT)
        self.driver.back()
        self.driver.expect_on(REVIEW)

    def submit(self) -> None:
        """From « Vérifier/soumettre »: « Soumettre candidature », the conditions accepted, certified."""
        self.driver.click_button("Soumettre candidature")
        self.tick("J'accepte ces conditions")
        self._pressing(SUBMIT, SUBMIT)


class OpeningPage:
    """An opening's page: its title, description, type, deadline and « Postuler »."""

    def __init__(self, driver: Driver) -> None:
        self.driver = driver

    def expect_description(self, opening: dict) -> None:
        self.driver.find("heading", opening["title"])
        self.driver.expect_shown(opening["description"])

    def expect_number(self, opening: dict) -> None:
        expect(self.driver.shown_text(opening["number"])).not_to_have_count(0)


    def expect_apply_refused(self, message_key: str) -> None:
        """The guide (FAQ iii) says who may apply, not how a portal turns the others away: either it offers them
        no « Postuler » (then its words, where the profile gives them), or it refuses them once pressed."""
        worded = self.driver.profile.message(message_key)
        if self.driver.button("Postuler").count():  # the opening's page is shown: the step before found its type
            self.driver.click_button("Postuler")
            self.driver.expect_refusal(message_key)
            self.driver.expect_no_button("Suivant")
        elif worded is not None:
            expect(self.driver.shown_text(worded)).not_to_have_count(0)


class MyApplications:
    """« Mes candidatures »: the candidate's applications, one row each, with its status and links."""

    def __init__(self, driver: Driver) -> None:
        self.driver = driver

    def open(self) -> None:
        self.driver.click_link(MY_APPLICATIONS)

    def table(self) -> Locator:
        return self.driver.by_role("table", self.driver.label(MY_APPLICATIONS))

    def row(self, text: str) -> Locator:
        """The one row that shows ``text`` (an opening's title or number), anywhere on the page."""
        row = self.driver.rows(text)
        expect(row).to_have_count(1)
        return row

    def rows_of(self, text: str) -> Locator:
        """The rows of the table that show ``text`` (none, one or more)."""
        return self.driver.rows(text, self.table())

    def _status_cell(self, scope: Locator, status: str) -> Locator:
        return self.driver.by_role("cell", self.driver.label(status), scope)

    def expect_status(self, text: str, status: str, *, in_table: bool = True) -> None:
        """The row of ``text`` shows ``status``: in the table « Mes candidatures », or ``in_table=False`` in
        whichever table of the page lists it."""
        row = self.rows_of(text) if in_table else self.driver.rows(text)
        expect(row).to_have_count(1)
        label = self.driver.label(status)
        self.driver.present(self._status_cell(row, status), label, "cell", status)

    def expect_counts(self, counts: dict[str, int]) -> None:
        """How many applications the table shows at each status."""
        for status, count in counts.items():
            expect(self.count_with_status(status)).to_have_count(count)

    def count_with_status(self, status: str) -> Locator:
        return self._status_cell(self.table(), status)

    def expect_column(self, column: str) -> None:
        self.driver.find_guide("columnheader", column, self.table())

    def table_rows(self) -> list[dict[str, str]]:
        """The table as a person reads it: one mapping of column header → cell text per row."""
        table = self.driver.find_guide("table", MY_APPLICATIONS)
        headers = [h.strip() for h in table.get_by_role("columnheader").all_inner_texts()]
        rows = []
        for row in table.get_by_role("row").all():
            cells = [c.strip() for c in row.get_by_role("cell").all_inner_texts()]
            if len(cells) == len(headers):
                rows.append(dict(zip(headers, cells, strict=True)))
        return rows

    def _row_link(self, text: str, key: str, title: str | None = None) -> Locator:
        label = self.driver.control_name(key, title=title)
        return self.driver.find("link", label, self.row(text))

    def open_draft(self) -> None:
        """The draft's edit link (the profile's ``open_draft``): the scenario's candidate has one draft."""
        self.driver.follow(self.driver.find("link", self.driver.control_name("open_draft")))

    def open_application(self, text: str, title: str | None = None) -> None:
        """An application's own link (``open_application``, per row: it may name the ``title``), in the row of
        ``text``; a submitted application's link to see it is the same control."""
        self.driver.follow(self._row_link(text, "open_application", title if title is not None else text))

    def edit_link(self, text: str) -> Locator:
        return self.driver.by_role("link", self.driver.control_name("open_draft", title=text), self.row(text))

    def link_address(self, text: str, link: str) -> str:
        """The address a row's link (a guide label, « Voir/Imprimer PHP ») points at."""
        anchor = self.driver.find_guide("link", link, self.row(text))
        return urljoin(self.driver.url, anchor.get_attribute("href") or "")

    def follow_print_link(self, text: str, link: str) -> dict:
        """« Voir/Imprimer PHP » followed: the portal's answer and the pop-ups it opened."""
        page = self.driver.page
        popups: list[Page] = []
        page.on("popup", lambda popup: popups.append(popup))
        anchor = self.driver.find_guide("link", link, self.row(text))
        href = anchor.get_attribute("href") or ""
        # The browser may save the document (a download) or show it in this tab (its PDF viewer): either way the
        # portal's answer to the link is what is waited for, so neither outcome is waited out by a timeout.
        # Heard on the whole context, so an answer in a pop-up is caught too (and reported as a pop-up).
        with page.context.expect_event("response", lambda response: response.url.endswith(href)) as answer:
            anchor.click()
        response = answer.value
        assert response.ok, f"« {link} » answered HTTP {response.status}"
        # The document itself stays with the download or the viewer: asked again at the same address, same session.
        return {"body": page.request.get(response.url).body(), "popups": popups}
