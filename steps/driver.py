"""The driver: turns the guide's words into Playwright locators, the way a person reads the page.

Every element is found by role and accessible name, with the guide's label mapped through the portal
profile (an English portal shows "Applied" where the guide says « Postulé »). No CSS, no XPath, no
positions. Fields the guide does not name come from the profile's ``[fields]`` table.
"""

from __future__ import annotations

import re
from datetime import date

from faker import Faker
from playwright.sync_api import Locator, Page, expect
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from harness.labels import LabelNotFound, describe_missing, page_names, shown_name
from harness.profile import Profile

# Values for required fields the scenario does not care about, chosen from what the page says the
# field expects (its type, bounds and placeholder), so any portal that marks its fields can be filled.
_PLACEHOLDER_FORMATS = {
    "jj/mm/aaaa": lambda today: date(today.year - 30, 5, 14).strftime("%d/%m/%Y"),
    "dd/mm/yyyy": lambda today: date(today.year - 30, 5, 14).strftime("%d/%m/%Y"),
    "mm/aaaa": lambda today: f"09/{today.year - 5}",
    "mm/yyyy": lambda today: f"09/{today.year - 5}",
    "aaaa": lambda today: str(today.year - 5),
    "yyyy": lambda today: str(today.year - 5),
}

# Whether a clicked element is a link that loads another document in this page (not a fragment of this one, a
# script, a download or a new window).
_LEADS_ELSEWHERE = r"""e => {
  const link = e.closest('a[href], area[href]');
  const elsewhere = link && !link.hasAttribute('download') && (!link.target || link.target === '_self');
  if (!elsewhere) return false;
  const raw = link.getAttribute('href').trim();
  if (raw === '' || raw.startsWith('#') || raw.toLowerCase().startsWith('javascript:')) return false;
  const to = new URL(link.href, document.baseURI), here = new URL(document.location.href);
  const same = to.origin === here.origin && to.pathname === here.pathname && to.search === here.search;
  return !(same && to.hash !== '');
}"""

# The one step number the guide gives (FAQ i).
FINAL_STEP = "Étape 8 sur 8"

_CONTROL_FACTS = r"""e => ({
  required: e.required === true || e.getAttribute('aria-required') === 'true',
  disabled: e.disabled === true,
  type: (e.getAttribute('type') || e.tagName).toLowerCase(),
  placeholder: (e.getAttribute('placeholder') || '').toLowerCase(),
  min: e.getAttribute('min'), max: e.getAttribute('max'),
  value: e.value ?? '',
  suggestions: e.list ? Array.from(e.list.options, o => o.value).filter(v => v) : [],
  options: e.options ? Array.from(e.options, o => [o.label.trim(), o.value]) : [],
  name: e.getAttribute('name'),
  // The role the element has: textbox (typed into, offering no values), spinbutton or combobox.
  role: e.tagName === 'SELECT' || e.list ? 'combobox' : e.type === 'number' ? 'spinbutton' : 'textbox',
  label: (() => {
    // The control's name as its label gives it (aria-labelledby, aria-label, then <label>), hidden parts aside.
    const text = n => n.nodeType === 3 ? n.textContent
      : n.nodeType !== 1 || n.getAttribute('aria-hidden') === 'true' ? '' : Array.from(n.childNodes, text).join('');
    const ids = (e.getAttribute('aria-labelledby') || '').split(/\s+/).filter(Boolean);
    const name = ids.length ? ids.map(id => document.getElementById(id)).filter(n => n).map(text).join(' ')
      : e.getAttribute('aria-label') || Array.from(e.labels || [], text).join(' ');
    return name.replace(/\s+/g, ' ').trim();
  })()
})"""
_CONTROLS_FACTS = f"controls => controls.map({_CONTROL_FACTS})"


class ButtonDisabled(PlaywrightTimeout):
    """A button that never became enabled: still the click's timeout (callers that wait for a request through a
    click treat it as before), with a message saying why the button could not be pressed."""


class Driver:
    def __init__(self, page: Page, profile: Profile, seen_labels: list[dict] | None = None) -> None:
        self.page = page
        self.profile = profile
        # Every label looked for, found or not: the documentation writer's view of the guide's words.
        self.seen_labels = seen_labels if seen_labels is not None else []
        self._used_labels: set[str] = set()
        # Which profile key gave a name looked for (« Se connecter » ← fields.login_submit), so a control not found
        # can say which key to check.
        self._field_keys: dict[str, str] = {}
        self._faker = Faker("fr_FR")
        # Where on the page the person is working: ("section", guide label) or ("field", locator); see
        # ``section_scope``.
        self._place: tuple[str, object] | None = None

    # -- labels -----------------------------------------------------------
    def label(self, guide_label: str) -> str:
        """The label this portal shows for a guide label; noted as used by this scenario (``found`` is
        settled by ``present`` when the driver checks it, else by the scenario's outcome)."""
        shown = self.profile.label(guide_label)
        if guide_label not in self._used_labels:
            self._used_labels.add(guide_label)
            self.seen_labels.append({"label": guide_label, "shown_as": shown, "role": "any", "url": "", "found": None})
        return shown

    def field_label(self, key: str) -> str:
        label = self.profile.field_label(key)
        self._field_keys[label] = key  # the latest: the key of the look-up about to be made
        return label

    def control_name(self, key: str, **known: object) -> str | re.Pattern[str]:
        """The accessible name of a control the profile names per row (« Modifier le dossier n° {n} »): exact
        text, or a whole-name pattern for what the row does not tell (Playwright matches either)."""
        name = self.profile.control_name(key, **known)
        self._field_keys[name.pattern if isinstance(name, re.Pattern) else name] = key
        return name

    def _where_to_look(self, name: str, guide: str | None) -> str:
        """What a vendor can check in the profile when a name is not found: the key that gave it, or the guide's
        label's mapping."""
        if name in self._field_keys:
            return f"; profile: fields.{self._field_keys[name]}"
        if guide is not None:
            return f"; profile: [labels] « {guide} » = your wording, if your portal words this guide label otherwise"
        return ""

    # -- locators ---------------------------------------------------------
    def located(self, name: str) -> Locator | None:
        """The profile's locator (``[locators]``) for a control looked up by ``name`` that has no accessible
        name (an icon-only pencil or magnifier); each use is noted (``located_by``), and the report makes it a
        warning on REQ-A11Y-04: never silent."""
        spec = self.profile.locator(name)
        if spec is None:
            return None
        kind, value = spec.split("=", 1)
        locator = self.page.get_by_test_id(value.strip()) if kind == "testid" else self.page.locator(value.strip())
        url = self.page.url
        if not any(s.get("located_by") == spec and s["url"] == url for s in self.seen_labels):
            self.seen_labels.append({"label": name, "shown_as": name, "role": "no accessible name", "url": url,
                                     "found": None, "located_by": spec})
        return locator

    def button(self, guide_label: str) -> Locator:
        """The button of that name; where the page shows several (each section of a one-page application has
        its own « Enregistrer » and « Suivant »), the one of the section the person is working in."""
        name = self.label(guide_label)
        located = self.located(name)
        if located is not None:
            return located
        everywhere = self.page.get_by_role("button", name=name, exact=True)
        if everywhere.count() > 1 and (section := self.section_scope()) is not None:
            return section.get_by_role("button", name=name, exact=True)
        return everywhere

    def link(self, guide_label: str) -> Locator:
        name = self.label(guide_label)
        return self.located(name) or self.page.get_by_role("link", name=name, exact=True)

    def heading(self, guide_label: str) -> Locator:
        return self.page.get_by_role("heading", name=self.label(guide_label), exact=True)

    def field(self, label: str) -> Locator:
        return self.located(label) or self.page.get_by_label(label, exact=True)

    def named_field(self, key: str) -> Locator:
        return self.field(self.field_label(key))

    def text(self, guide_text: str) -> Locator:
        return self.page.get_by_text(self.label(guide_text), exact=False)

    def present(
        self, locator: Locator, name: str | re.Pattern[str], role: str | None = None, guide: str | None = None,
        *, any_of: bool = False,
    ) -> Locator:
        """The locator once visible; if it never shows, fail naming the label and the nearest ones.

        ``guide``: the guide's own label when ``name`` is that label as this portal shows it. ``any_of``: the
        locator joins several proofs of one thing (``or_``), of which at least one must show.
        """
        if isinstance(name, re.Pattern):  # a per-row control's pattern ({n}, {title}): noted as its text
            name = name.pattern
        record = {"label": guide or name, "shown_as": name, "role": role or "text", "url": self.page.url}
        try:
            if any_of:
                expect(locator.filter(visible=True)).not_to_have_count(0)
            else:
                expect(locator).to_be_visible()
        except AssertionError:
            self.seen_labels.append({**record, "found": False})
            if not any_of and (count := locator.count()) > 1:  # several where one is meant: say so in one line
                raise LabelNotFound(
                    f"{count} controls match {name!r} ({role or 'text'}) on {self.page.url}, where one is meant "
                    "(a per-row control's name in the profile needs a {n} or {title} placeholder to tell rows apart)"
                ) from None
            raise LabelNotFound(describe_missing(name, role, self.page.url, page_names(self.page))
                                + self._where_to_look(name, guide)) from None
        self.seen_labels.append({**record, "found": True})
        return locator

    # -- any control by role and name (page objects use these; steps use the page objects) ------------
    def by_role(self, role: str, name: str | re.Pattern, scope: Page | Locator | None = None) -> Locator:
        """The control of that role and accessible name (exact when ``name`` is a string), in ``scope``."""
        where = self.page if scope is None else scope
        if isinstance(name, str):
            return where.get_by_role(role, name=name, exact=True)
        return where.get_by_role(role, name=name)

    def find(self, role: str, name: str, scope: Page | Locator | None = None, guide: str | None = None) -> Locator:
        """The visible control of that role and name, or a failure naming the nearest names of the page."""
        return self.present(self.by_role(role, name, scope), name, role, guide)

    def find_guide(self, role: str, guide_label: str, scope: Page | Locator | None = None) -> Locator:
        """``find`` for a guide label, through the profile."""
        return self.find(role, self.label(guide_label), scope, guide_label)

    def clickable(self, name: str, scope: Page | Locator | None = None) -> Locator:
        """A control a person clicks by its name, whether the portal made it a link or a button."""
        return self.by_role("link", name, scope).or_(self.by_role("button", name, scope))

    def field_in(self, scope: Page | Locator, label: str) -> Locator:
        return scope.get_by_label(label, exact=True)

    def rows(self, text: str, scope: Page | Locator | None = None) -> Locator:
        """The table rows that show ``text``."""
        return (self.page if scope is None else scope).get_by_role("row").filter(has_text=text)

    def alerts(self) -> Locator:
        return self.page.get_by_role("alert")

    def status(self) -> Locator:
        return self.page.get_by_role("status")

    def controls(self, role: str) -> Locator:
        """Every control of a role, whatever its name (a page's drop-down lists, say)."""
        return self.page.get_by_role(role)

    def shown_text(self, text: str | re.Pattern, scope: Page | Locator | None = None, exact: bool = False) -> Locator:
        """Text the page shows as it is (a value the scenario made, not a guide label)."""
        return (self.page if scope is None else scope).get_by_text(text, exact=exact)

    # -- where I am: the guide's names, wherever a portal puts them (issue 14) --------------------------
    def working_in(self, field: Locator) -> None:
        """Notes the field the person just used: the section holding it is where its buttons are pressed."""
        self._place = ("field", field)

    def section_scope(self) -> Locator | None:
        """The part of the page the person is working in, where a page shows several sections (a one-page
        application): the region named after the section last gone to or shown, or the innermost region that
        holds the field last used; None when the page has no single such region (one section per page)."""
        if self._place is None:
            return None
        kind, what = self._place
        if kind == "section":
            region = self.by_role("region", self.label(str(what)))
        else:
            holding = self.page.get_by_role("region").filter(has=what)
            region = holding.filter(has_not=self.page.get_by_role("region").filter(has=what))
        return region if region.count() == 1 else None

    def navigator(self, guide_label: str) -> Locator:
        """What takes a person to a section, a tab or a step named by the guide: a link (an in-page anchor is
        one), a tab or a button of that name."""
        name = self.label(guide_label)
        return self.by_role("link", name).or_(self.by_role("tab", name)).or_(self.by_role("button", name))

    def current(self, guide_label: str) -> Locator:
        """What proves the page is at that section, tab, step or page: its name shown as the current one
        (``aria-current`` on a link or button, a selected tab) or as a heading of any level."""
        name = self.label(guide_label)
        marked = self.page.locator('[aria-current]:not([aria-current="false"])')
        return (
            self.by_role("heading", name)
            .or_(self.page.get_by_role("tab", name=name, exact=True, selected=True))
            .or_(self.by_role("link", name).and_(marked))
            .or_(self.by_role("button", name).and_(marked))
        )

    def go_to(self, guide_label: str) -> None:
        """To a section, tab or step by the guide's name, then wait until the page shows it is there."""
        name = self.label(guide_label)
        self._place = ("section", guide_label)
        control = self.present(self.navigator(guide_label), name, "link, tab or button", guide_label)
        if self.by_role("link", name).count():
            # A link loads its page (or moves to its anchor): wait for that, else a step that types at once
            # would type into the page being left (the same tab, when it is opened again).
            with self.page.expect_navigation():
                control.click()
        else:
            control.click()
        self.expect_on(guide_label)

    def expect_on(self, guide_label: str) -> None:
        """At that section, tab, step or page (see ``current``), or fail naming the nearest names."""
        self.present(self.current(guide_label), self.label(guide_label), "current", guide_label, any_of=True)
        self._place = ("section", guide_label)

    def is_on(self, guide_label: str) -> bool:
        """Whether the page shows now that it is there (no wait: for a page already loaded)."""
        return self.current(guide_label).filter(visible=True).count() > 0

    # -- the browser: addresses, reloads, cookies ------------------------------------------------------
    @property
    def url(self) -> str:
        return self.page.url

    def open(self, url: str) -> None:
        self.page.goto(url)

    def reload(self) -> None:
        self.page.reload()

    def back(self) -> None:
        self.page.go_back()

    def forget_cookies(self) -> None:
        self.page.context.clear_cookies()

    def add_cookies(self, cookies: list[dict]) -> None:
        self.page.context.add_cookies(cookies)

    def storage_state(self) -> dict:
        return self.page.context.storage_state()

    # -- actions ----------------------------------------------------------
    def open_start(self) -> None:
        self.page.goto("/")

    def click_button(self, guide_label: str) -> None:
        button = self.present(self.button(guide_label), self.label(guide_label), "button", guide_label)
        try:
            button.click()
        except PlaywrightTimeout:
            if button.is_enabled():
                raise
            # Say why it cannot be pressed, not that the click timed out: often a mandatory field left empty
            # (a look-up the profile's names could not fill).
            raise ButtonDisabled(f"« {self.label(guide_label)} » (button) stays disabled on {self.page.url}; "
                                 + self._empty_mandatory()) from None

    def _empty_mandatory(self) -> str:
        facts_of_all = self.form_controls(self.page).evaluate_all(_CONTROLS_FACTS)
        empty = [facts["label"] or facts["type"] for facts in facts_of_all if facts["required"] and not facts["value"]]
        if not empty:
            return "no mandatory field of this page is empty"
        return "mandatory fields of this page still empty: " + ", ".join(f"« {name} »" for name in empty)

    def click_link(self, guide_label: str, *, download: bool = False) -> None:
        """A guide link clicked and followed (``follow``); ``download``: it gives a file, not a page."""
        link = self.present(self.link(guide_label), self.label(guide_label), "link", guide_label)
        if download:
            link.click()
        else:
            self.follow(link)

    def follow(self, control: Locator) -> None:
        """A control clicked; where it is a link to another document, done once that document has loaded.

        A click returns once the answer has begun to arrive, so a step after it could read a page still
        arriving: a check that something is absent (a row, a button) would pass there whatever the rest of the
        page shows. A link to a fragment of this page, a script, a download or another window is only clicked
        (nothing will load here); one the page handles by a script without changing its address is waited for
        up to the navigation timeout."""
        if not control.evaluate(_LEADS_ELSEWHERE):
            control.click()
            return
        clicked = False
        try:
            with self.page.expect_navigation():
                control.click()
                clicked = True
        except PlaywrightTimeout:
            if not clicked:
                raise  # the click itself failed: that is the step's failure

    def fill(self, key: str, value: str) -> None:
        label = self.field_label(key)
        self.present(self.field(label), label, "field").fill(value)
        self.working_in(self.field(label))

    def labelled(self, guide_label: str) -> Locator:
        """The visible field whose label is a guide label (« Lettre de motivation »), through the profile."""
        shown = self.label(guide_label)
        field = self.present(self.field(shown), shown, "field", guide_label)
        self.working_in(field)
        return field

    def fill_labelled(self, guide_label: str, value: str) -> None:
        self.labelled(guide_label).fill(value)

    def select(self, guide_label: str, choice: str) -> None:
        """In the drop-down list of a guide label, the option of a guide label."""
        self.find_guide("combobox", guide_label).select_option(label=self.label(choice))

    def expect_value(self, guide_label: str, value: str) -> None:
        expect(self.field(self.label(guide_label))).to_have_value(value)

    def expect_no_button(self, guide_label: str) -> None:
        expect(self.button(guide_label)).to_have_count(0)

    def expect_heading(self, guide_label: str) -> None:
        self.present(self.heading(guide_label), self.label(guide_label), "heading", guide_label)

    def expect_shown(self, text: str) -> None:
        """A value the scenario made (a title, a letter), shown as it is."""
        self.present(self.shown_text(text), text)

    def expect_text(self, guide_text: str) -> None:
        self.present(self.text(guide_text), self.label(guide_text), guide=guide_text)

    def expect_refusal(self, message_key: str) -> None:
        """A refusal whose words the guide does not give: the text the profile gives for it ([messages]), or
        without one only that a message is shown (announced to assistive technology: role alert)."""
        worded = self.profile.message(message_key)
        if worded is not None:
            self.present(self.page.get_by_text(worded), worded)
        else:
            self.expect_some_alert()

    def expect_some_alert(self) -> None:
        """A message announced to assistive technology (role alert), whatever its words."""
        expect(self.alerts().filter(has_text=re.compile(r"\w"))).not_to_have_count(0)

    def expect_alert_naming(self, text: str) -> None:
        expect(self.alerts()).to_contain_text(text)

    def expect_step_position(self, position: str) -> None:
        """« Étape N sur 8 »: the guide numbers only « Vérifier/soumettre » (« Étape 8 sur 8 »); the pages
        before it are checked only where the profile declares that every page says its step."""
        if position == FINAL_STEP or self.profile.reading("step_numbers") == "every-page":
            self.expect_text(position)

    # -- generic form filling --------------------------------------------
    def fill_required_fields(self) -> list[str]:
        """Fill every required, empty, enabled control of the page (of the section the person is working in,
        where the page shows several), in the page's order; returns what was filled.

        A look-up field (a text box followed by its 🔍 icon, named by the profile's ``lookup_icon``) that does not
        suggest its values as one types gets a value of its list through the icon: the first one its list
        offers. Those go first, since a portal's icon may take the page elsewhere and back.

        The facts of every control are read in one call (a call per control made this the slowest part of a
        section), and read again after filling until nothing is left, so that a control that filling another
        made required or enabled is filled too."""
        filled: list[str] = []
        without_icon: set[str] = set()
        today = date.today()
        for _ in range(4):  # a form that keeps revealing more after that is not one a person could finish either
            controls = self.form_controls()
            pending = [(index, facts) for index, facts in enumerate(controls.evaluate_all(_CONTROLS_FACTS))
                       if facts["required"] and not facts["disabled"] and not facts["value"]]
            looked_up = False
            for _, facts in pending:
                label = facts["label"]
                if facts["role"] == "textbox" and label not in without_icon:
                    icon = self._lookup_icon(label)
                    if icon is None:
                        without_icon.add(label)
                        continue
                    self._choose_first_value(label, icon)
                    filled.append(facts["name"] or "textbox")
                    looked_up = True
                    break
            if looked_up:  # the page may have been elsewhere and back: read it again
                continue
            if not pending:
                break
            for index, facts in pending:
                control = controls.nth(index)
                if facts["suggestions"]:  # a text box offering values of its list (a look-up field)
                    control.fill(facts["suggestions"][0])
                elif facts["type"] == "select":
                    # An option without a value is the list's prompt (« — Choisir — », « Sélectionnez… »).
                    choices = [o for o, v in facts["options"] if o and v and not o.startswith("—") and o != "-"]
                    if not choices:
                        continue
                    control.select_option(label=choices[0])
                else:
                    control.fill(self._value_for(facts, today))
                filled.append(facts["name"] or facts["role"])
        return filled

    def form_controls(self, scope: Page | Locator | None = None) -> Locator:
        """The text boxes, number fields and drop-down lists of the section at hand (or of ``scope``), in the
        page's order."""
        where = scope or self.section_scope() or self.page
        return where.get_by_role("textbox").or_(where.get_by_role("spinbutton")).or_(where.get_by_role("combobox"))

    def _lookup_icon(self, label: str) -> Locator | None:
        """The 🔍 icon after the field of that label, if the page shows one (the profile's ``lookup_icon``)."""
        if not label:
            return None
        name = self.field_label("lookup_icon").format(label=label)
        icon = self.located(name) or self.clickable(name)
        return icon if icon.count() else None

    def _choose_first_value(self, label: str, icon: Locator) -> None:
        """Through the icon, the first value its list offers (``lookup_results``, ``lookup_choose``), then wait
        until the field holds it."""
        icon.first.click()
        results = self.find("table", self.field_label("lookup_results"))
        choose = self.control_name("lookup_choose")
        self.present(self.clickable(choose, results).first, shown_name(choose), "link or button").click()
        expect(self.field(label)).not_to_have_value("")

    def _value_for(self, facts: dict, today: date) -> str:
        kind = facts["type"]
        if kind == "email":
            return f"{self._faker.user_name()}@exemple.org"
        if kind == "tel":
            return "+33 1 23 45 67 89"
        if kind == "number":
            low = int(facts["min"]) if facts["min"] else 0
            high = int(facts["max"]) if facts["max"] else low + 10
            return str(high if high - low < 100 else low + 1)
        for placeholder, make in _PLACEHOLDER_FORMATS.items():
            if re.fullmatch(placeholder, facts["placeholder"].strip()):
                return make(today)
        if kind == "textarea":
            return self._faker.paragraph(nb_sentences=3)
        return self._faker.sentence(nb_words=3).rstrip(".")
