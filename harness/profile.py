"""Portal profiles: what the harness needs to know about one target portal (TOML, standard library).

A profile names the portal, its locale, the labels it shows where they differ from the guide's
(« Postulé » → "Applied" on an English portal), the labels of fields the guide does not name, and the
optional capabilities it offers. A malformed profile is refused before any browser starts.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from harness.paths import PROFILES_DIR

CAPABILITIES = {
    "control_api": "the test-control API under /__conformance__/v1/ (seeding, rosters, statuses)",
    "clock": "moving the portal's clock through the control API",
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

_TOP_LEVEL = {"name", "description", "locale", "base_url", "capabilities", "labels", "fields", "extends"}


class ProfileError(ValueError):
    """A profile that cannot be used; the message names the file, the key and what is expected."""


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

    def label(self, guide_label: str) -> str:
        """The label this portal shows for a label the guide quotes."""
        return self.labels.get(guide_label, guide_label)

    def field_label(self, key: str) -> str:
        return self.fields[key]

    def has(self, capability: str) -> bool:
        return capability in self.capabilities


def _expect(condition: bool, path: Path, key: str, expected: str) -> None:
    if not condition:
        raise ProfileError(f"{path}: key '{key}': expected {expected}")


def _string_table(data: dict, name: str, path: Path) -> dict[str, str]:
    table = data.get(name, {})
    _expect(isinstance(table, dict), path, name, "a table of strings")
    for key, value in table.items():
        _expect(isinstance(value, str) and value.strip() != "", path, f"{name}.{key}", "a non-empty string")
    return dict(table)


def _read_toml(path: Path, chain: tuple[Path, ...] = ()) -> dict:
    """A profile's data, with ``extends = "other.toml"`` (relative to it) merged underneath."""
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ProfileError(f"{path}: no such profile file") from None
    except tomllib.TOMLDecodeError as exc:
        raise ProfileError(f"{path}: not valid TOML ({exc})") from None
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
    )


def default_profile_path() -> Path:
    return PROFILES_DIR / "reference-fr.toml"
