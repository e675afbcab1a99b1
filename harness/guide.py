"""The guide as data: the labels it quotes (« … »), and its sections and items for the annotated guide."""

from __future__ import annotations

import re
from pathlib import Path

_QUOTED = re.compile(r"«\s*(.+?)\s*»", re.DOTALL)
_LINK = re.compile(r"\[([^\]]*)\]\([^)]*\)")  # markdown links keep their text


def quoted_labels(text: str) -> list[str]:
    """Every label the guide quotes between « and », in order of first appearance, markup removed."""
    labels: dict[str, None] = {}
    for match in _QUOTED.finditer(text):
        label = _LINK.sub(r"\1", match.group(1)).replace("**", "").replace("*", "")
        label = re.sub(r"\s+", " ", label).strip()
        if label:
            labels.setdefault(label, None)
    return list(labels)


def label_status(guide_labels: list[str], reports: list[dict]) -> dict[str, list[dict]]:
    """For each label the guide quotes: found on the portal, missing from it, or used by no scenario."""
    seen: dict[str, dict] = {}
    for report in reports:
        for scenario in report["scenarios"]:
            passed = scenario.get("outcome") in ("passed", "flaky")
            for record in scenario.get("labels", []):
                if record["found"] is None:  # used by a step; a passed scenario saw it, else unknown
                    if not passed:
                        continue
                    record = {**record, "found": True}
                entry = seen.setdefault(record["label"], {"found": 0, "missing": 0, "shown_as": set(), "where": set()})
                entry["found" if record["found"] else "missing"] += 1
                entry["shown_as"].add(record["shown_as"])
                if not record["found"]:
                    entry["where"].add(record["url"])
    result: dict[str, list[dict]] = {"found": [], "missing": [], "unused": []}
    for label in guide_labels:
        entry = seen.get(label)
        if entry is None:
            result["unused"].append({"label": label})
        elif entry["missing"]:
            result["missing"].append({"label": label, "pages": sorted(entry["where"])})
        else:
            result["found"].append({"label": label, "shown_as": sorted(entry["shown_as"]), "times": entry["found"]})
    return result


def read_guide(path: Path | str) -> str:
    return Path(path).read_text(encoding="utf-8")


_SECTION = re.compile(r"^(\d+)\.\s+(.+)$")
_ITEM = re.compile(r"^\s*(?:-\s*)?([ivx]+)\.\s+(.*)$")


def guide_blocks(text: str) -> list[dict]:
    """The guide cut into blocks: each section heading, then each numbered item (i., ii., … ix.) with the
    paragraphs that follow it up to the next item; paragraphs before the first item belong to the section.
    Each block has the location its requirements use: "4" for the section, "4.ix" for an item."""
    blocks: list[dict] = []
    section: str | None = None
    current: dict | None = None
    for raw in text.splitlines():
        line = raw.rstrip().replace("**", "")
        heading = _SECTION.match(line)
        if heading:
            section = heading[1]
            title = heading[2].replace("**", "").strip()
            current = {"location": section, "kind": "section", "title": title, "lines": []}
            blocks.append(current)
            continue
        if section is None:
            continue
        item = _ITEM.match(line)
        if item:
            current = {"location": f"{section}.{item[1]}", "kind": "item", "title": "", "lines": [line.strip()]}
            blocks.append(current)
            continue
        if line.strip() and current is not None:
            current["lines"].append(line.strip())
    return blocks
