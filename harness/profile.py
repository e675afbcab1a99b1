"""Portal profiles: what the harness needs to know about one target portal (TOML, standard library).

A profile names the portal, its locale, the labels it shows where they differ from the guide's
(« Postulé » → "Applied" on an English portal), the labels of fields the guide does not name, and the
optional capabilities it offers. A malformed profile is refused before any browser starts.
"""

from __future__ import annotations

import difflib
import json
import re
from dataclasses import dataclass, field
from pathlib import Path

from harness.labels import control_name, placeholder_problem
from harness.paths import PROFILES_DIR
from harness.toml_files import read_toml

CAPABILITIES = {
    "control_api": "the test-control API under /__conformance__/v1/ (seeding, rosters, statuses)",
    "clock": "moving the portal's clock through the control API",
    "sign_in": "signing a candidate in through the control API (the session cookie for a browser)",
    "submit_application": "submitting an application through the control API (as « Certifier et soumettre » would)",
    "mail": "e-mail sent to the harness's SMTP sink",
}


@dataclass(frozen=True)
class Control:
    """A field or control the guide has a person use without giving its label, which the profile names."""

    what: str  # the control, in this project's words
    passage: str  # where the guide has it used: its section and item, its own labels quoted
    placeholders: tuple[str, ...] = ()  # what a per-row label may hold ({n}, {title}…), see PLACEHOLDERS


# What a label in [fields] may hold where a portal words a control per row or per field.
PLACEHOLDERS = {
    "n": "the row's number as the portal shows it, digits",
    "title": "the row's title: the opening's title, or a saved search's name",
    "label": "the look-up field's label",
    "value": "the result's value",
}
_ROW = ("n", "title")
_REGISTRATION = ("section 1.iii-iv: the registration form is completed, the date of birth as jj/mm/aaaa, then "
                 "« Inscription »")
_SIGN_IN = ("section 2.i and 3.i: the candidate signs in to inspira (the sign-in page offers « Code utilisateur "
            "oublié » and « Mot de passe oublié »)")
_RECOVERY = ("section 1, remarks: a candidate who forgot the user code or the password follows « Code utilisateur "
             "oublié » or « Mot de passe oublié » on the sign-in page")
_PROFILE = "section 2.iii-iv: the profile's tab « Coordonnées » is completed, then « Enregistrer »"
_ALERTS = "section 5.iv-viii: a search is saved with « Enregistrer recherche » and named; saved searches last 6 months"
_CONTACT = ("section 7: a message through « Contactez-nous » gives the full name, the user code, the opening's "
            "number, the steps followed and a screenshot")
_LOOKUP = ("section 3.vii remark and FAQ x: a field followed by the 🔍 icon takes a value of its list, chosen "
           "after clicking the icon (« Nom de l'établissement »)")
_MY_ATTACHMENTS = ("FAQ ix: after submitting, a file is added in the section « Mes pièces jointes » of "
                   "« Mes candidatures »")

# Fields and controls the guide does not label, which every portal labels somehow: each key serves one control.
FIELDS: dict[str, Control] = {
    "first_name": Control("the registration form's first-name field", _REGISTRATION),
    "last_name": Control("the registration form's last-name field", _REGISTRATION),
    "email": Control("the registration form's e-mail field", _REGISTRATION),
    "date_of_birth": Control("the registration form's date of birth field (jj/mm/aaaa)", _REGISTRATION),
    "user_code": Control(
        "the registration form's user-code field, or with readings.user_code = \"portal\" the label before the "
        "code the portal issues", _REGISTRATION),
    "password": Control("the registration form's password field", _REGISTRATION),
    "password_confirmation": Control("the registration form's field repeating the password", _REGISTRATION),
    "login_user_code": Control("the sign-in form's user-code field", _SIGN_IN),
    "login_password": Control("the sign-in form's password field", _SIGN_IN),
    "login_submit": Control("the sign-in form's button that signs in", _SIGN_IN),
    "search_keywords": Control(
        "the job search's keyword field", "section 4.iii: search parameters are entered, then « Rechercher »"),
    "open_draft": Control(
        "the link of a draft's row in « Mes candidatures » that opens it to change it",
        "section 3.viii: a draft appears in « Mes candidatures », and only drafts can be changed", _ROW),
    "open_application": Control(
        "the link of a submitted application's row in « Mes candidatures » that opens it",
        "FAQ iv: every application is listed in « Mes candidatures » with its status", _ROW),
    "recovery_email": Control("the e-mail field of « Code utilisateur oublié »", _RECOVERY),
    "recovery_send_user_code": Control("the button of « Code utilisateur oublié » that sends the code", _RECOVERY),
    "recovery_identifier": Control("the user-code-or-e-mail field of « Mot de passe oublié »", _RECOVERY),
    "recovery_send_link": Control("the button of « Mot de passe oublié » that sends the link", _RECOVERY),
    "new_password": Control("the new-password field of the page the reset link opens", _RECOVERY),
    "new_password_confirmation": Control("the field repeating the new password", _RECOVERY),
    "new_password_save": Control("the button that saves the new password", _RECOVERY),
    "cookies_refused": Control(
        "a part of the message shown to a browser that refuses cookies",
        "FAQ vi: a browser must let inspira's domain use cookies, else the candidate is signed out at once"),
    "session_warning": Control(
        "the name of the dialog shown before the session ends",
        "section 3.vii remark: a session ends after 20 minutes without activity"),
    "session_keep_alive": Control(
        "the dialog's button that keeps the session",
        "section 3.vii remark: a session ends after 20 minutes without activity"),
    "profile_primary_email": Control(
        "the primary e-mail field of « Mon Profil »",
        "section 2.iv: « Le candidat est déjà enregistré dans le système » is shown for a primary e-mail address "
        "another account of the same name has"),
    "profile_phone": Control("the phone field of « Coordonnées » in « Mon Profil »",
                             _PROFILE + "; FAQ ix: the phone number can still be changed after submitting"),
    "profile_city": Control("the city field of « Coordonnées » in « Mon Profil »", _PROFILE),
    "search_name": Control("the field naming a saved search", _ALERTS),
    "saved_searches": Control("the link that opens the saved searches", _ALERTS),
    "saved_searches_heading": Control("the heading of the page that lists the saved searches", _ALERTS),
    "saved_search_valid": Control("the cell saying a saved search is still valid", _ALERTS),
    "saved_search_expired": Control("the cell saying a saved search has expired", _ALERTS),
    "delete_saved_search": Control(
        "the button of a saved search's row that deletes it", "section 5, remarks: at most 5 saved searches",
        ("title",)),
    "contact_full_name": Control("the contact form's full-name field", _CONTACT),
    "contact_user_code": Control("the contact form's user-code field", _CONTACT),
    "contact_email": Control("the contact form's e-mail field", _CONTACT),
    "contact_opening_number": Control("the contact form's field for the opening's number", _CONTACT),
    "contact_steps": Control("the contact form's field for the steps followed", _CONTACT),
    "contact_screenshot": Control("the contact form's field for the screenshot", _CONTACT),
    "contact_message": Control("the contact form's message field", _CONTACT),
    "contact_send": Control("the contact form's button that sends it", _CONTACT),
    "lookup_icon": Control("the 🔍 control after a look-up field", _LOOKUP, ("label",)),
    "lookup_choose": Control("a look-up result's control that chooses it", _LOOKUP, ("value",)),
    "lookup_results": Control("the table of a look-up's results", _LOOKUP),
    "institution_country": Control("the institution's country field in « Formation »", _LOOKUP),
    "field_of_study": Control("the field of study in « Formation »", "section 3: the section « Formation »"),
    "attachment_file": Control(
        "the file field of « Lettre de motivation et pièces-jointes »",
        "FAQ vii: a file joined to an application must be « inférieure à 1 Mb » with a short name"),
    "attachment_add": Control(
        "the button of « Lettre de motivation et pièces-jointes » that joins the chosen file",
        "FAQ vii: a file joined to an application must be « inférieure à 1 Mb » with a short name"),
    "my_attachments_file": Control("the file field of « Mes pièces jointes »", _MY_ATTACHMENTS),
    "my_attachments_add": Control("the button of « Mes pièces jointes » that adds the chosen file", _MY_ATTACHMENTS),
    "template_choose": Control(
        "a previous application's control, in the list the 🔍 opens, that makes it the template",
        "section 3.v, option #1: the table « Modèle de candidature précédente » shows the latest application, "
        "and the 🔍 icon picks another", _ROW),
    "offline_form_file": Control(
        "the file field that puts the offline form online",
        "section 3.v, option #3: « Mettre en ligne à partir d'un fichier » starts from a completed offline form"),
}
FIELD_KEYS = tuple(FIELDS)

# Keys an older profile may leave out: the control was looked up by a guide label before the key existed, so a
# missing key reads as that label as this profile shows it ([labels]), which is what the harness did then.
DEFAULTED_KEYS = {"login_submit": "Connexion"}

# Keys replaced by another: an old profile keeps working, and the run says once what to change.
# Two keys that named one control: the old one is read as the new one (the same label, or refused as ambiguous).
MERGED_KEYS = {"view_application": "open_application", "phone": "profile_phone"}
# One key that named two controls: the new key is read from the old one until the profile gives it.
SPLIT_KEYS = {"my_attachments_add": "attachment_add", "saved_searches_heading": "saved_searches"}

_TOP_LEVEL = {
    "name", "description", "locale", "base_url", "capabilities", "labels", "fields", "extends",
    "accounts", "openings", "timing", "readings", "messages", "accessibility", "locators",
}

# ``[accessibility] level``: the level of REQ-A11Y-01..04 for this portal. The catalogue's SHOULD (violations
# are warnings) unless the customer demands WCAG 2.1 AA as a condition of conformance: "MUST".
ACCESSIBILITY_LEVELS = ("SHOULD", "MUST")
# ``[locators]``: a control with no accessible name (an icon-only pencil or magnifier), by the name the
# harness would look it up by, reached by "testid=…" (its data-testid) or "css=…"; each use is a warning
# on REQ-A11Y-04, never silent.
LOCATOR_KINDS = ("testid=", "css=")


@dataclass(frozen=True)
class Reading:
    """Something the guide leaves open, which the profile settles for its portal."""

    passage: str  # where the guide leaves it open, in this project's words
    choices: tuple[object, ...]  # the values a profile may give; a number key takes one of them
    required: bool  # False: a missing key means only what the guide fixes is checked


# ``[readings]``: the portal's own choice wherever the guide leaves one open.
READINGS = {
    "user_code": Reading(
        "section 1.iii-iv: the registration form is completed and « Inscription » pressed; the guide never says "
        "whether the candidate chooses the user code or the portal issues it",
        ("candidate", "portal"), True),
    "offline_form": Reading(
        "section 3.v, option #3: a blank offline form is downloaded from « Accueil », filled and put online; the "
        "guide fixes no format (\"csv\": the harness's CSV with the columns Section, Champ, Valeur, which the "
        "harness fills; \"files\": your own format, with offline_form_filled and offline_form_malformed)",
        ("csv", "files"), True),
    "offline_form_filled": Reading(
        "section 3.v, option #3 (with offline_form = \"files\"): your offline form filled with the values of "
        "the first table of features/formulaire_hors_ligne.feature",
        ("a path to the file, relative to the profile",), False),
    "offline_form_malformed": Reading(
        "section 3.v, option #3 (with offline_form = \"files\"): your offline form filled with the values of "
        "the second table of features/formulaire_hors_ligne.feature (a year « 12 », a language « Klingon »)",
        ("a path to the file, relative to the profile",), False),
    "step_numbers": Reading(
        "section 6.i: the guide numbers only « Vérifier/soumettre », « étape 8 sur 8 » (\"last\": only that "
        "step is checked; \"every-page\": every page before it says « Étape N sur 8 » too, 1 the choice of "
        "option, 2-6 the five sections before « Lettre de motivation », 7 its four sub-sections)",
        ("last", "every-page"), False),
    "attachment_limit_bytes": Reading(
        "section 6.vii: a file must be « inférieure à 1 Mb », which reads as 1 000 000 or as 1 048 576 bytes "
        "(without this key only files clearly under or over both are tried; with it, a file one byte under "
        "the limit is accepted and one of the limit refused)",
        (1_000_000, 1_048_576), False),
}

# ``[messages]``: the texts of messages the guide does not word, as the portal shows them (a part of the
# message is enough). A missing key means only what the guide fixes is checked (the refusal itself).
MESSAGE_KEYS = {
    "not_on_roster": "FAQ iii: only candidates on a roster for similar functions at the same level may apply; "
                     "the guide does not word the refusal of the others",
    "deadline_passed": "section 4 and FAQ i: an application is submitted before the deadline the opening "
                       "states, while the opening is still open; the guide does not word the refusal after it",
    "attachment_too_large": "FAQ vii: a file must be « inférieure à 1 Mb »; the guide does not word the refusal",
    "attachment_bad_name": "FAQ vii: a file's name must be short and without special characters; the guide "
                           "does not word the refusal",
}

# Pre-provisioned data, for portals without a control API: what each kind of item must be, and its keys.
ACCOUNT_KINDS = {
    "complete": "a candidate whose profile is « 100% Complet », with no application yet",
    "empty": "a candidate who has only registered: profile not filled in, no application",
}
ACCOUNT_KEYS = ("user_code", "password", "email", "first_name", "last_name")
OPENING_KINDS = {
    "accepting": "a published opening open for applications, with pre-screening questions, never applied to",
}
OPENING_KEYS = ("number", "title", "description")
# The guide's inactivity timeout, the length every scenario's durations are written for.
GUIDE_SESSION_TIMEOUT_S = 20 * 60
GUIDE_SESSION_WARNING_S = 18 * 60


class ProfileError(ValueError):
    """A profile that cannot be used; the message names the file, the key and what is expected."""


@dataclass(frozen=True)
class Account:
    """A candidate account made on the portal beforehand. Its password never appears in a repr."""

    kind: str
    user_code: str
    email: str
    first_name: str
    last_name: str
    password: str = field(repr=False)

    def as_candidate(self) -> dict:
        """What a step knows about a candidate (the control API's answer has the same keys, plus an id)."""
        return {
            "kind": self.kind, "user_code": self.user_code, "password": self.password, "email": self.email,
            "first_name": self.first_name, "last_name": self.last_name,
        }


@dataclass(frozen=True)
class Opening:
    kind: str
    number: str
    title: str
    description: str
    prescreening_questions: tuple[str, ...] = ()

    def as_opening(self) -> dict:
        return {
            "kind": self.kind, "number": self.number, "title": self.title, "description": self.description,
            "prescreening_questions": list(self.prescreening_questions),
        }


@dataclass(frozen=True)
class Timing:
    """The portal's own session timings, when they differ from the guide's (for ``run --real-time``)."""

    session_timeout_seconds: float = GUIDE_SESSION_TIMEOUT_S
    session_warning_seconds: float = GUIDE_SESSION_WARNING_S
    # How far a real wait stays from a boundary it must fall before or after.
    real_time_tolerance_seconds: float = 1.0
    # How long a scenario waits for an e-mail the guide promises before it fails. The guide gives no delay;
    # the wait ends as soon as the mail arrives, so a generous bound costs time only when mail is missing.
    mail_wait_seconds: float = 60.0

    @property
    def scale(self) -> float:
        return self.session_timeout_seconds / GUIDE_SESSION_TIMEOUT_S

    def real_seconds(self, guide_seconds: float) -> float:
        """How long to wait for real for a duration the guide's 20 minutes are written for: scaled to the
        portal's timeout, and kept ``tolerance`` away from a boundary on the side the scenario means
        (« 19 min 59 s » ends before the timeout, « 20 min 01 s » after it, « 17 min 59 s » before the
        warning)."""
        wait = guide_seconds * self.scale
        margin = self.real_time_tolerance_seconds
        if guide_seconds < GUIDE_SESSION_WARNING_S:
            wait = min(wait, self.session_warning_seconds - margin)
        if guide_seconds < GUIDE_SESSION_TIMEOUT_S:
            wait = min(wait, self.session_timeout_seconds - margin)
        elif guide_seconds > GUIDE_SESSION_TIMEOUT_S:
            wait = max(wait, self.session_timeout_seconds + margin)
        return max(wait, 0.0)


@dataclass(frozen=True)
class Profile:
    name: str
    locale: str
    source: Path
    base_url: str | None = None
    description: str = ""
    capabilities: frozenset[str] = frozenset()
    labels: dict[str, str] = field(default_factory=dict)
    fields: dict[str, str] = field(default_factory=dict)
    accounts: tuple[Account, ...] = ()
    openings: tuple[Opening, ...] = ()
    timing: Timing = Timing()
    readings: dict[str, object] = field(default_factory=dict)
    messages: dict[str, str] = field(default_factory=dict)
    # One line per deprecated key the profile still uses, with what to write instead (run prints them).
    deprecations: tuple[str, ...] = ()
    accessibility_level: str = "SHOULD"
    locators: dict[str, str] = field(default_factory=dict)

    def locator(self, name: str) -> str | None:
        """The profile's locator for a control looked up by ``name`` that has no accessible name, if any."""
        return self.locators.get(name)

    def reading(self, key: str) -> object:
        """The portal's choice where the guide leaves one open; None when the profile does not say."""
        return self.readings.get(key)

    def message(self, key: str) -> str | None:
        """The text of a message the guide does not word, as this portal shows it; None if not given."""
        return self.messages.get(key)

    def label(self, guide_label: str) -> str:
        """The label this portal shows for a label the guide quotes."""
        return self.labels.get(guide_label, guide_label)

    def field_label(self, key: str) -> str:
        """The label a [fields] key gives, as written (a per-row label keeps its placeholders)."""
        return self.fields[MERGED_KEYS.get(key, key)]

    def control_name(self, key: str, **known: object) -> str | re.Pattern[str]:
        """The accessible name of the control a [fields] key names: the label itself, or where it holds a
        placeholder such as {n} or {title}, the label with the values ``known`` gives, or a pattern that
        accepts any value in place of the others (the rest of the label matched as written)."""
        key = MERGED_KEYS.get(key, key)
        allowed = FIELDS[key].placeholders
        return control_name(self.fields[key], {k: v for k, v in known.items() if k in allowed and v is not None})

    def has(self, capability: str) -> bool:
        return capability in self.capabilities

    def secrets(self) -> list[str]:
        """Values that must never appear in a report: the provisioned accounts' passwords."""
        return [account.password for account in self.accounts]


def _expect(condition: bool, path: Path, key: str, expected: str) -> None:
    if not condition:
        raise ProfileError(f"{path}: key '{key}': expected {expected}")


def _string_table(data: dict, name: str, path: Path) -> dict[str, str]:
    table = data.get(name, {})
    _expect(isinstance(table, dict), path, name, "a table of strings")
    for key, value in table.items():
        _expect(isinstance(value, str) and value.strip() != "", path, f"{name}.{key}", "a non-empty string")
    return dict(table)


def _text(value: object) -> bool:
    return isinstance(value, str) and value.strip() != ""


def _items(data: dict, name: str, path: Path, kinds: dict[str, str], keys: tuple[str, ...],
           optional: dict[str, str]) -> list[dict]:
    """``[[accounts]]`` / ``[[openings]]``: each a table with a known kind and every key a non-empty string."""
    items = data.get(name, [])
    _expect(isinstance(items, list) and all(isinstance(i, dict) for i in items), path, name,
            f"a list of [[{name}]] tables")
    for index, item in enumerate(items):
        where = f"{name}[{index}]"
        _expect(item.get("kind") in kinds, path, f"{where}.kind", f"one of {', '.join(map(repr, kinds))}")
        for key in keys:
            _expect(_text(item.get(key)), path, f"{where}.{key}", "a non-empty string")
        for key in item:
            _expect(key in ("kind", *keys, *optional), path, f"{where}.{key}",
                    f"one of kind, {', '.join((*keys, *optional))}")
    return items


def _accounts(data: dict, path: Path) -> tuple[Account, ...]:
    items = _items(data, "accounts", path, ACCOUNT_KINDS, ACCOUNT_KEYS, {})
    seen: set[str] = set()
    for index, item in enumerate(items):
        _expect(item["user_code"] not in seen, path, f"accounts[{index}].user_code",
                "a user code no other account of this profile has")
        seen.add(item["user_code"])
    return tuple(Account(**item) for item in items)


def _openings(data: dict, path: Path) -> tuple[Opening, ...]:
    items = _items(data, "openings", path, OPENING_KINDS, OPENING_KEYS, {"prescreening_questions": ""})
    for index, item in enumerate(items):
        questions = item.get("prescreening_questions", [])
        _expect(isinstance(questions, list) and all(_text(q) for q in questions), path,
                f"openings[{index}].prescreening_questions", "a list of the questions, as the portal words them")
        item["prescreening_questions"] = tuple(questions)
    return tuple(Opening(**item) for item in items)


def _timing(data: dict, path: Path) -> Timing:
    table = data.get("timing", {})
    _expect(isinstance(table, dict), path, "timing", "a table of durations in seconds")
    names = ("session_timeout_seconds", "session_warning_seconds", "real_time_tolerance_seconds", "mail_wait_seconds")
    for key, value in table.items():
        _expect(key in names, path, f"timing.{key}", f"one of {', '.join(names)}")
        _expect(isinstance(value, int | float) and not isinstance(value, bool) and value > 0, path,
                f"timing.{key}", "a number of seconds greater than 0")
    timeout = table.get("session_timeout_seconds", GUIDE_SESSION_TIMEOUT_S)
    warning = table.get("session_warning_seconds", timeout * GUIDE_SESSION_WARNING_S / GUIDE_SESSION_TIMEOUT_S)
    _expect(warning < timeout, path, "timing.session_warning_seconds",
            f"fewer seconds than timing.session_timeout_seconds ({timeout})")
    tolerance = table.get("real_time_tolerance_seconds", 1.0)
    _expect(tolerance < warning, path,
            "timing.real_time_tolerance_seconds", f"fewer seconds than the warning comes after ({warning})")
    return Timing(timeout, warning, tolerance, table.get("mail_wait_seconds", Timing.mail_wait_seconds))


def _reading_error(path: Path, key: str, problem: str) -> ProfileError:
    reading = READINGS[key]
    choices = ", ".join(f'"{c}"' if isinstance(c, str) and not c.startswith("a path") else str(c)
                        for c in reading.choices)
    return ProfileError(f"{path}: key 'readings.{key}' {problem}: the guide leaves it open ({reading.passage}); "
                        f"expected {choices if len(reading.choices) == 1 else 'one of ' + choices}")


def _readings(data: dict, path: Path) -> dict[str, object]:
    table = data.get("readings", {})
    _expect(isinstance(table, dict), path, "readings", f"a table with the keys {', '.join(READINGS)}")
    for key in table:
        _expect(key in READINGS, path, f"readings.{key}", f"one of {', '.join(READINGS)}")
    readings: dict[str, object] = {}
    for key, reading in READINGS.items():
        if key not in table:
            if reading.required:
                raise _reading_error(path, key, "is missing")
            continue
        value = table[key]
        if key.startswith("offline_form_"):
            if not _text(value):
                raise _reading_error(path, key, f"is {value!r}, not a path")
            value = (path.parent / value).resolve()
            if not value.is_file():
                raise _reading_error(path, key, f"names {value}, which is not a file")
        elif value not in reading.choices or isinstance(value, bool):
            raise _reading_error(path, key, f"is {value!r}")
        readings[key] = value
    files = [k for k in ("offline_form_filled", "offline_form_malformed") if k in readings]
    if readings["offline_form"] == "files" and len(files) < 2:
        missing = next(k for k in ("offline_form_filled", "offline_form_malformed") if k not in readings)
        raise _reading_error(path, missing, 'is missing (offline_form is "files")')
    if readings["offline_form"] == "csv" and files:
        raise _reading_error(path, files[0], 'is given, but offline_form is "csv" (the harness fills its own CSV)')
    return readings


def _messages(data: dict, path: Path) -> dict[str, str]:
    messages = _string_table(data, "messages", path)
    for key in messages:
        _expect(key in MESSAGE_KEYS, path, f"messages.{key}",
                "one of " + "; ".join(f"{k} ({passage})" for k, passage in MESSAGE_KEYS.items()))
    return messages


def _label_expected(key: str) -> str:
    allowed = FIELDS[key].placeholders
    held = ", ".join(f"{{{name}}} ({PLACEHOLDERS[name]})" for name in allowed)
    return "the label your portal shows for it" + (f", which may hold {held}" if allowed else " (no { or })")


def _field_error(path: Path, key: str, problem: str, expected: str | None = None) -> ProfileError:
    control = FIELDS[key]
    return ProfileError(f"{path}: key 'fields.{key}' {problem}: {control.what} (guide, {control.passage}); "
                        f"expected {expected or _label_expected(key)}")


def _fields(data: dict, path: Path) -> tuple[dict[str, str], tuple[str, ...]]:
    """``[fields]``: every key given, known, and serving one control; the deprecation lines of old keys."""
    fields = _string_table(data, "fields", path)
    notes: list[str] = []
    for old, new in MERGED_KEYS.items():
        if old not in fields:
            continue
        label = fields.pop(old)
        if fields.setdefault(new, label) != label:
            raise _field_error(path, new, f"and 'fields.{old}' give one control two labels ({fields[new]!r}, "
                                          f"{label!r})", f"one label, under fields.{new} only ({old} is its old name)")
        notes.append(f"{path}: fields.{old} is deprecated, it names the same control as fields.{new} "
                     f"({FIELDS[new].what}): rename it {new}")
    for new, old in SPLIT_KEYS.items():
        if new not in fields and old in fields:
            fields[new] = fields[old]
            label = json.dumps(fields[old], ensure_ascii=False)
            notes.append(f"{path}: fields.{new} is missing, so fields.{old} ({FIELDS[old].what}) is read for "
                         f"{FIELDS[new].what} too; deprecated: add {new} = {label}")
    labels = data.get("labels", {}) if isinstance(data.get("labels"), dict) else {}
    for key, guide_label in DEFAULTED_KEYS.items():
        if key not in fields:
            fields[key] = labels.get(guide_label, guide_label)
    for key in fields:
        if key not in FIELDS:
            near = difflib.get_close_matches(key, FIELD_KEYS, n=3, cutoff=0.6)
            hint = f"did you mean {' or '.join(repr(n) for n in near)}? " if near else ""
            raise ProfileError(f"{path}: key 'fields.{key}' is not a key of [fields]: {hint}expected one of "
                               f"{', '.join(FIELD_KEYS)}")
    for key, control in FIELDS.items():
        if key not in fields:
            raise _field_error(path, key, "is missing")
        problem = placeholder_problem(fields[key], control.placeholders)
        if problem:
            raise _field_error(path, key, f"is {fields[key]!r}, but {problem}")
    return fields, tuple(notes)


def _accessibility_level(data: dict, path: Path) -> str:
    table = data.get("accessibility", {})
    _expect(isinstance(table, dict), path, "accessibility", 'a table with the key level')
    for key in table:
        _expect(key == "level", path, f"accessibility.{key}", "level")
    level = table.get("level", "SHOULD")
    _expect(level in ACCESSIBILITY_LEVELS, path, "accessibility.level",
            '"SHOULD" (WCAG 2.1 A/AA violations are warnings) or "MUST" (they make the portal not conformant)')
    return level


def _locators(data: dict, path: Path) -> dict[str, str]:
    locators = _string_table(data, "locators", path)
    for name, locator in locators.items():
        _expect(locator.startswith(LOCATOR_KINDS) and locator.split("=", 1)[1].strip() != "", path,
                f"locators.{name}", '"testid=<its data-testid>" or "css=<a CSS selector>"')
    return locators


def _read_toml(path: Path, chain: tuple[Path, ...] = ()) -> dict:
    """A profile's data, with ``extends = "other.toml"`` (relative to it) merged underneath."""
    data = read_toml(path, "profile file", ProfileError)
    readings = data.get("readings")
    if isinstance(readings, dict):  # a file a profile names is relative to that profile, whoever extends it
        for key in ("offline_form_filled", "offline_form_malformed"):
            if _text(readings.get(key)):
                readings[key] = str((path.parent / readings[key]).resolve())
    base_name = data.pop("extends", None)
    if base_name is None:
        return data
    _expect(isinstance(base_name, str), path, "extends", "the file name of the profile this one builds on")
    base_path = (path.parent / base_name).resolve()
    _expect(base_path not in chain, path, "extends", "a profile that does not extend this one again")
    base = _read_toml(base_path, (*chain, path.resolve()))
    for key, value in data.items():
        base[key] = {**base.get(key, {}), **value} if isinstance(value, dict) else value
    return base


def load_profile(path: Path | str) -> Profile:
    path = Path(path)
    data = _read_toml(path)
    for key in data:
        _expect(key in _TOP_LEVEL, path, key, f"one of {', '.join(sorted(_TOP_LEVEL))}")
    _expect(isinstance(data.get("name"), str) and data["name"] != "", path, "name", "a non-empty string")
    _expect(data.get("locale") in ("fr", "en"), path, "locale", '"fr" or "en"')
    base_url = data.get("base_url")
    _expect(
        base_url is None or (isinstance(base_url, str) and base_url.startswith(("http://", "https://"))),
        path,
        "base_url",
        "an http:// or https:// URL",
    )
    capabilities = data.get("capabilities", {})
    _expect(isinstance(capabilities, dict), path, "capabilities", "a table of true/false")
    for key, value in capabilities.items():
        _expect(key in CAPABILITIES, path, f"capabilities.{key}", f"one of {', '.join(CAPABILITIES)}")
        _expect(isinstance(value, bool), path, f"capabilities.{key}", "true or false")
    fields, deprecations = _fields(data, path)
    return Profile(
        name=data["name"],
        locale=data["locale"],
        source=path,
        base_url=base_url,
        description=data.get("description", ""),
        capabilities=frozenset(k for k, v in capabilities.items() if v),
        labels=_string_table(data, "labels", path),
        fields=fields,
        accounts=_accounts(data, path),
        openings=_openings(data, path),
        timing=_timing(data, path),
        readings=_readings(data, path),
        messages=_messages(data, path),
        deprecations=deprecations,
        accessibility_level=_accessibility_level(data, path),
        locators=_locators(data, path),
    )


def default_profile_path() -> Path:
    return PROFILES_DIR / "reference-fr.toml"
