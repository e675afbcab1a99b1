"""Portal profiles: what the harness needs to know about one target portal (TOML, standard library).

A profile names the portal, its locale, the labels it shows where they differ from the guide's
(« Postulé » → "Applied" on an English portal), the labels of fields the guide does not name, and the
optional capabilities it offers. A malformed profile is refused before any browser starts.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from harness.paths import PROFILES_DIR
from harness.toml_files import read_toml

CAPABILITIES = {
    "control_api": "the test-control API under /__conformance__/v1/ (seeding, rosters, statuses)",
    "clock": "moving the portal's clock through the control API",
    "sign_in": "signing a candidate in through the control API (the session cookie for a browser)",
    "submit_application": "submitting an application through the control API (as « Certifier et soumettre » would)",
    "mail": "e-mail sent to the harness's SMTP sink",
}

# Fields the guide does not name, which every portal must label somehow.
FIELD_KEYS = (
    "first_name",
    "last_name",
    "email",
    "date_of_birth",
    "user_code",
    "password",
    "password_confirmation",
    "login_user_code",
    "login_password",
    "search_keywords",
    "open_draft",
    "open_application",
    "phone",
    "recovery_email",
    "recovery_send_user_code",
    "recovery_identifier",
    "recovery_send_link",
    "new_password",
    "new_password_confirmation",
    "new_password_save",
    "cookies_refused",
    "session_warning",
    "session_keep_alive",
    "profile_primary_email",
    "profile_phone",
    "profile_city",
    "search_name",
    "saved_searches",
    "saved_search_valid",
    "saved_search_expired",
    "delete_saved_search",
    "contact_full_name",
    "contact_user_code",
    "contact_email",
    "contact_opening_number",
    "contact_steps",
    "contact_screenshot",
    "contact_message",
    "contact_send",
    "lookup_icon",
    "lookup_choose",
    "lookup_results",
    "institution_country",
    "field_of_study",
    "attachment_file",
    "attachment_add",
    "my_attachments_file",
    "view_application",
    "template_choose",
    "offline_form_file",
)

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
        return self.fields[key]

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
    names = ("session_timeout_seconds", "session_warning_seconds", "real_time_tolerance_seconds")
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
    return Timing(timeout, warning, tolerance)


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
    fields = _string_table(data, "fields", path)
    for key in FIELD_KEYS:
        _expect(key in fields, path, f"fields.{key}", "the label this portal gives that field")
    for key in fields:
        _expect(key in FIELD_KEYS, path, f"fields.{key}", f"one of {', '.join(FIELD_KEYS)}")
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
        accessibility_level=_accessibility_level(data, path),
        locators=_locators(data, path),
    )


def default_profile_path() -> Path:
    return PROFILES_DIR / "reference-fr.toml"
