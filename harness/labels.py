"""Label diagnostics: when a guide label is missing from a page, say what the page offers instead.

A documentation writer reading « Enregistrer » not found; nearest: « Sauvegarder », « Enregistrer et
fermer » knows at once whether the product renamed a button or lost it.
"""

from __future__ import annotations

import difflib
import re
from string import Formatter

# One node of Playwright's ARIA snapshot: `- role "name"` or `- role: text`.
_NODE = re.compile(
    r'^\s*- (?P<role>[a-z]+)(?: "(?P<name>(?:[^"\\]|\\.)*)")?(?: \[[^\]]*\])*(?::\s*(?P<text>.*))?$'
)


def accessible_names(aria_snapshot: str) -> list[tuple[str, str]]:
    """(role, name) pairs from an ARIA snapshot, in page order, without duplicates."""
    seen: dict[tuple[str, str], None] = {}
    for line in aria_snapshot.splitlines():
        match = _NODE.match(line)
        if not match or match["role"] == "url":
            continue
        name = match["name"] if match["name"] is not None else (match["text"] or "")
        name = name.replace('\\"', '"').strip().strip('"')
        if name:
            seen.setdefault((match["role"], name), None)
    return list(seen)


def nearest_names(wanted: str, names: list[tuple[str, str]], role: str | None = None, limit: int = 3) -> list[str]:
    """The accessible names closest to ``wanted``: same role first, then any role."""

    def closest(candidates: list[str]) -> list[str]:
        lowered = {c.lower(): c for c in candidates}
        by_ratio = difflib.get_close_matches(wanted.lower(), list(lowered), n=limit, cutoff=0.3)
        containing = [c for c in candidates if wanted.lower() in c.lower() or c.lower() in wanted.lower()]
        ordered = list(dict.fromkeys(containing + [lowered[c] for c in by_ratio]))
        return ordered[:limit]

    same_role = closest([n for r, n in names if r == role]) if role else []
    if len(same_role) >= limit:
        return same_role
    return list(dict.fromkeys(same_role + closest([n for _, n in names])))[:limit]


def describe_missing(wanted: str, role: str | None, url: str, names: list[tuple[str, str]]) -> str:
    what = f"« {wanted} »" + (f" ({role})" if role else "")
    near = nearest_names(wanted, names, role)
    nearest = ", ".join(f"« {n} »" for n in near) if near else "nothing similar"
    # A portal may word a control quite otherwise (« Se connecter » for « Connexion »), too far for any
    # likeness: the page's other controls of that role are named too, where they are few enough to read.
    others = [n for n in dict.fromkeys(n for r, n in names if r == role) if n not in near]
    listed = f"; other {role}s here: " + ", ".join(f"« {n} »" for n in others) if 0 < len(others) <= 8 else ""
    return f"{what} not found on {url}; nearest: {nearest}{listed}"


def page_names(page) -> list[tuple[str, str]]:
    """Every (role, accessible name) the page currently offers, from Playwright's ARIA snapshot."""
    try:
        return accessible_names(page.locator("body").aria_snapshot(timeout=5_000))
    except Exception:  # a page that is navigating away has no stable tree; diagnose with nothing
        return []


class LabelNotFound(AssertionError):
    """A label the guide quotes is not on the page: a conformance failure, with the nearest names."""


# -- labels with placeholders ({n}, {title}…), for controls a portal names per row ---------------------------
# What a placeholder stands for when the harness does not know the value: the row's number is digits, the rest
# any text. Everything else in the label is matched as written.
_UNKNOWN = {"n": r"[0-9]+"}
# Characters with a meaning in a regular expression, in Python's and in the browser's (Playwright hands the
# pattern to the page): escaped one by one, so the escape is valid in both.
_REGEX_SPECIAL = re.compile(r"[\\^$.*+?()[\]{}|/]")


def _parts(template: str) -> list[tuple[str, str | None, str, str | None]]:
    return list(Formatter().parse(template))


def placeholder_problem(template: str, allowed: tuple[str, ...]) -> str | None:
    """Why a label cannot be used with these placeholders, or None. Without any, a label holds no brace."""
    if not allowed:
        return "a brace ({ or }) holds a placeholder, which this label may not" if re.search("[{}]", template) else None
    try:
        parts = _parts(template)
    except ValueError:
        return "its braces do not pair (write {{ or }} for a brace shown as such)"
    for _, name, spec, conversion in parts:
        if name is not None and (name not in allowed or spec or conversion):
            return f"{{{name}{'!' + conversion if conversion else ''}{':' + spec if spec else ''}}} is not one of " \
                   + ", ".join(f"{{{a}}}" for a in allowed)
    return None


def _escape(text: str) -> str:
    return _REGEX_SPECIAL.sub(lambda m: "\\" + m[0], text)


def control_name(template: str, known: dict[str, object]) -> str | re.Pattern[str]:
    """The accessible name a label stands for: the exact text when every placeholder in it is known (or it has
    none), else a pattern matching the whole name, each unknown placeholder any value of its kind."""
    if "{" not in template and "}" not in template:
        return template
    parts = _parts(template)
    if all(name is None or name in known for _, name, _, _ in parts):
        return "".join(literal + ("" if name is None else str(known[name])) for literal, name, _, _ in parts)
    pattern = "".join(
        _escape(literal) + ("" if name is None else _escape(str(known[name])) if name in known
                            else _UNKNOWN.get(name, ".+"))
        for literal, name, _, _ in parts
    )
    return re.compile(f"^{pattern}$")


def shown_name(name: str | re.Pattern[str]) -> str:
    """A name as a diagnostic quotes it: the text, or the pattern's source."""
    return name if isinstance(name, str) else name.pattern
