"""Secrets never leave a run unmasked: the control token, the profile's account passwords and every
password typed into a password field are replaced by ``PLACEHOLDER`` in what a run writes.

Each process of a run (the pytest controller and each xdist worker) keeps the secrets it learnt in one
registry. Masking happens where text leaves the harness (a scenario's result, pytest's report of a
failure) and, as a last sweep, over every file of the run folder, Playwright trace zips included
(a trace keeps typed values, DOM snapshots with input values, and form bodies). Images are left as
they are: browsers draw password fields as dots, and no page shows the control token.

A secret shorter than ``MIN_LENGTH`` characters is not masked: replacing it everywhere would garble
the report; a vendor whose test accounts have such passwords should give them longer ones.
"""

from __future__ import annotations

import base64
import functools
import html
import io
import json
import os
import re
import tomllib
import urllib.parse
import zipfile
from collections.abc import Iterable
from pathlib import Path
from typing import Any

PLACEHOLDER = "••••••"
MIN_LENGTH = 4
# Keys and attributes whose string values are secrets, wherever they appear (profile tables, the
# candidate the control API returns, the harness's own objects).
SECRET_NAME = re.compile(r"password|passwd|token|secret", re.IGNORECASE)
# Files whose bytes are pictures or video: never rewritten (a byte replacement would corrupt them).
IMAGE_SUFFIXES = {".png", ".jpg", ".jpeg", ".gif", ".webp", ".webm"}
ZIP_MAGIC = b"PK\x03\x04"

_registry: set[str] = set()


def register(*values: object) -> None:
    """Remember secrets (strings shorter than MIN_LENGTH, and anything not a string, are ignored)."""
    for value in values:
        if isinstance(value, str) and len(value) >= MIN_LENGTH:
            _registry.add(value)


def known_secrets() -> frozenset[str]:
    return frozenset(_registry)


def forget_all() -> None:
    """For tests: start from an empty registry."""
    _registry.clear()


def secrets_in(named: dict[str, Any]) -> set[str]:
    """Secrets among named values (a step's arguments): a string named like a secret (``new_password``),
    and the strings a dict or an object holds directly under such a name (a candidate's ``password``,
    a control client's token). One level deep only: a profile's ``fields.password`` is a label."""
    found: set[str] = set()
    for name, value in named.items():
        if isinstance(value, str):
            if SECRET_NAME.search(name):
                found.add(value)
            continue
        if isinstance(value, dict):
            members = value.items()
        elif hasattr(value, "__dict__") and not isinstance(value, type):
            members = vars(value).items()
        else:
            continue
        found |= {v for k, v in members if isinstance(k, str) and SECRET_NAME.search(k) and isinstance(v, str)}
    return found


def profile_secrets(path: Path | str) -> set[str]:
    """Every string under a secret-sounding key of a profile file and the profiles it extends
    (``[[accounts]]`` passwords, a token written into the profile). Unreadable files give nothing:
    loading the profile reports those."""
    found: set[str] = set()
    seen: set[Path] = set()
    current: Path | None = Path(path)
    while current is not None and current.resolve() not in seen:
        seen.add(current.resolve())
        try:
            data = tomllib.loads(current.read_text(encoding="utf-8"))
        except (OSError, tomllib.TOMLDecodeError, UnicodeDecodeError):
            break
        # [fields] and [labels] hold what the portal shows (« Mot de passe »), never secrets.
        found |= _secret_strings({k: v for k, v in data.items() if k not in ("fields", "labels")})
        base = data.get("extends")
        current = current.parent / base if isinstance(base, str) else None
    return found


def _secret_strings(data: Any, under_secret: bool = False) -> set[str]:
    if isinstance(data, str):
        return {data} if under_secret else set()
    if isinstance(data, dict):
        return set().union(*(_secret_strings(v, under_secret or bool(SECRET_NAME.search(k))) for k, v in data.items()))
    if isinstance(data, list):
        return set().union(*(_secret_strings(v, under_secret) for v in data))
    return set()


def url_secrets(url: str | None) -> set[str]:
    """The password of a URL with credentials (``https://user:pass@host``), and the HTTP Basic credentials a
    client builds from them (base64 of ``user:pass``), which request headers in a trace carry."""
    if not url:
        return set()
    try:
        parts = urllib.parse.urlsplit(url)
        password = parts.password
    except ValueError:
        return set()
    if not password:
        return set()
    password, user = urllib.parse.unquote(password), urllib.parse.unquote(parts.username or "")
    return {password, base64.b64encode(f"{user}:{password}".encode()).decode()}


def _lower_percent(text: str) -> str:
    return re.sub(r"%[0-9A-F]{2}", lambda match: match[0].lower(), text)


def _html_forms(secret: str) -> set[str]:
    """html.escape's, and Jinja's (markupsafe writes &#39; and &#34; for the quotes)."""
    jinja = secret.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return {html.escape(secret), html.escape(secret, quote=False),
            jinja.replace("'", "&#39;").replace('"', "&#34;"), jinja.replace("'", "&#39;")}


def _json_forms(secret: str) -> set[str]:
    """A JSON string's inside, with and without \\u escapes of non-ASCII, and as Jinja's tojson writes it
    (<, >, & and ' as \\u escapes)."""
    forms = set()
    for ascii_only in (True, False):
        plain = json.dumps(secret, ensure_ascii=ascii_only)[1:-1]
        tojson = plain.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026").replace("'", "\\u0027")
        forms |= {plain, tojson}
    return forms


def forms_of(secret: str) -> list[str]:
    """The ways a secret is written in what a run produces: as is, in JSON (and JSON inside JSON), HTML and
    XML, in URLs and form bodies (either case of %-escapes), and in base64. Longest first, so a form that
    contains another is replaced whole."""
    quoted = {
        urllib.parse.quote(secret, safe=""),
        urllib.parse.quote_plus(secret, safe=""),
        urllib.parse.quote(secret),
    }
    json_forms = _json_forms(secret)
    forms = {
        secret,
        *json_forms,
        *(json.dumps(form, ensure_ascii=ascii_only)[1:-1] for form in json_forms for ascii_only in (True, False)),
        *_html_forms(secret),
        *quoted,
        *(_lower_percent(form) for form in quoted),
        base64.b64encode(secret.encode()).decode(),
        base64.urlsafe_b64encode(secret.encode()).decode(),
    }
    return sorted(forms, key=len, reverse=True)


def _all_forms(secrets: Iterable[str]) -> list[str]:
    return list(_forms_of_all(frozenset(secrets)))


@functools.lru_cache(maxsize=16)
def _forms_of_all(secrets: frozenset[str]) -> tuple[str, ...]:
    forms = {form for secret in secrets if len(secret) >= MIN_LENGTH for form in forms_of(secret)}
    return tuple(sorted(forms, key=len, reverse=True))


@functools.lru_cache(maxsize=16)
def _pattern(secrets: frozenset[str]) -> re.Pattern[str] | None:
    """One pass over a text for every form of every secret (longest first wins at a position)."""
    forms = _forms_of_all(secrets)
    return re.compile("|".join(map(re.escape, forms))) if forms else None


@functools.lru_cache(maxsize=16)
def _bytes_pattern(forms: tuple[str, ...]) -> re.Pattern[bytes]:
    return re.compile(b"|".join(re.escape(form.encode()) for form in forms))


def mask_text(text: str, secrets: Iterable[str] | None = None) -> str:
    pattern = _pattern(frozenset(known_secrets() if secrets is None else secrets))
    return pattern.sub(PLACEHOLDER, text) if pattern is not None else text


def mask_value(value: Any, secrets: Iterable[str] | None = None) -> Any:
    """A copy of JSON-like data (dicts, lists, strings) with every secret masked."""
    secrets = known_secrets() if secrets is None else frozenset(secrets)
    if isinstance(value, str):
        return mask_text(value, secrets)
    if isinstance(value, dict):
        return {mask_value(k, secrets): mask_value(v, secrets) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return type(value)(mask_value(v, secrets) for v in value)
    return value


def mask_bytes(data: bytes, secrets: Iterable[str] | None = None) -> bytes:
    """Masks secrets in text bytes and, recursively, in the members of a zip archive."""
    forms = _all_forms(known_secrets() if secrets is None else secrets)
    if not forms:
        return data
    if data.startswith(ZIP_MAGIC):
        return _mask_zip_bytes(data, forms)
    pattern = _bytes_pattern(tuple(forms))
    masked = pattern.sub(PLACEHOLDER.encode(), data)
    return data if masked == data else masked


def _mask_zip_bytes(data: bytes, forms: list[str]) -> bytes:
    try:
        source = zipfile.ZipFile(io.BytesIO(data))
        members = [(info, source.read(info)) for info in source.infolist()]
    except (zipfile.BadZipFile, OSError, EOFError):
        return data  # not a readable zip after all: leave it; the search of outputs would still see it
    masked = [(info, _masked_member(info.filename, content, forms)) for info, content in members]
    if all(new is old for (_, new), (_, old) in zip(masked, members, strict=True)):
        return data
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as target:
        for info, content in masked:
            target.writestr(info, content, compress_type=info.compress_type)
    return out.getvalue()


def _masked_member(name: str, content: bytes, forms: list[str]) -> bytes:
    if Path(name).suffix.lower() in IMAGE_SUFFIXES:
        return content
    masked = mask_bytes(content, forms)
    return content if masked == content else masked


def mask_file(path: Path, secrets: Iterable[str] | None = None) -> bool:
    """Masks one file in place (rewritten through a temporary file); True when it changed."""
    if path.suffix.lower() in IMAGE_SUFFIXES or not path.is_file():
        return False
    data = path.read_bytes()
    masked = mask_bytes(data, secrets)
    if masked == data:
        return False
    temporary = path.with_name(f".{path.name}.masking")
    temporary.write_bytes(masked)
    os.replace(temporary, path)
    return True


def mask_tree(root: Path, secrets: Iterable[str] | None = None) -> list[Path]:
    """Masks every file under ``root``; the files that changed."""
    secrets = known_secrets() if secrets is None else frozenset(secrets)
    if not secrets or not root.exists():
        return []
    files = [root] if root.is_file() else sorted(p for p in root.rglob("*") if p.is_file())
    return [path for path in files if mask_file(path, secrets)]


def find_secrets(root: Path, secrets: Iterable[str]) -> list[str]:
    """Where any form of a secret is still readable under ``root``: ``file`` or ``file!member!member``
    for zips (and zips inside zips). Used to check a run's outputs."""
    forms = _all_forms(secrets)
    found: list[str] = []
    for path in sorted(p for p in Path(root).rglob("*") if p.is_file()) if Path(root).is_dir() else [Path(root)]:
        found += _find_in(str(path), path.read_bytes(), forms)
    return found


def _find_in(where: str, data: bytes, forms: list[str]) -> list[str]:
    if data.startswith(ZIP_MAGIC):
        try:
            archive = zipfile.ZipFile(io.BytesIO(data))
            members = [(info.filename, archive.read(info)) for info in archive.infolist()]
        except (zipfile.BadZipFile, OSError, EOFError):
            members = []
        found: list[str] = []
        for name, content in members:
            found += _find_in(f"{where}!{name}", content, forms)
        return found
    return [where] if any(form.encode() in data for form in forms) else []


# A page reports each value that ends up in one of its password fields (a `change` event follows every
# fill, and a form's submission reads them all), so a password a step makes up on the spot is masked too.
_PASSWORD_BINDING = "__inspiraConformanceSecret"
_WATCH_PASSWORD_FIELDS = f"""
(() => {{
  const report = (field) => {{ if (field.value) window.{_PASSWORD_BINDING}(field.value); }};
  const isPassword = (el) => el instanceof HTMLInputElement && el.type === "password";
  document.addEventListener("change", (event) => {{ if (isPassword(event.target)) report(event.target); }}, true);
  document.addEventListener("submit", (event) => {{
    event.target.querySelectorAll('input[type="password"]').forEach(report);
  }}, true);
}})();
"""


def watch_password_fields(context: Any) -> None:
    """Register, as a secret, whatever is typed into a password field of any page of this browser context."""
    context.expose_function(_PASSWORD_BINDING, lambda value: register(value))
    context.add_init_script(_WATCH_PASSWORD_FIELDS)
