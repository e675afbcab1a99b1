"""Label diagnostics: when a guide label is missing from a page, say what the page offers instead.

A documentation writer reading « Enregistrer » not found; nearest: « Sauvegarder », « Enregistrer et
fermer » knows at once whether the product renamed a button or lost it.
"""

from __future__ import annotations

import difflib
import re

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
    return f"{what} not found on {url}; nearest: {nearest}"


def page_names(page) -> list[tuple[str, str]]:
    """Every (role, accessible name) the page currently offers, from Playwright's ARIA snapshot."""
    try:
        return accessible_names(page.locator("body").aria_snapshot(timeout=5_000))
    except Exception:  # a page that is navigating away has no stable tree; diagnose with nothing
        return []


class LabelNotFound(AssertionError):
    """A label the guide quotes is not on the page: a conformance failure, with the nearest names."""
