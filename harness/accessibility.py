"""Accessibility in the report: the pages axe checked, their violations, and what they do to the verdict.

Each scenario carries the pages it was the first of its worker to visit (``accessibility``: axe's findings
on each, from harness/accessibility_scan.py) and the controls it reached through a profile's locator
because they have no accessible name (its ``labels`` with ``located_by``, from steps/driver.py). The report
merges them per page pattern, whichever worker or shard saw the page, counts them per impact, and turns
them into the verdicts of REQ-A11Y-01..04: a WARNING at the catalogue's SHOULD level, a failure when the
profile raises accessibility to MUST (``[accessibility] level = "MUST"``, the customer's own demand).
"""

from __future__ import annotations

from harness.axe import (
    ENGINE,
    IMPACTS,
    NAMELESS_CONTROL_REQUIREMENT,
    NAMELESS_CONTROL_RULE,
    REQUIREMENT_PREFIX,
    WCAG_TAGS,
    page_pattern,
)

NAMELESS_CONTROL_HELP = "A control the harness reaches only through the profile's locator: it has no accessible name"
NAMELESS_CONTROL_URL = "https://www.w3.org/WAI/WCAG21/Understanding/name-role-value.html"


def settings(checks: bool, level: str) -> dict:
    """What a run says of its accessibility checks (kept in the run's information, so merges keep it)."""
    return {"checks": "on" if checks else "off", "engine": ENGINE, "tags": list(WCAG_TAGS), "level": level}


def is_accessibility_requirement(requirement_id: str) -> bool:
    return requirement_id.startswith(REQUIREMENT_PREFIX)


def _nameless_controls(scenario: dict) -> list[dict]:
    """The profile-located controls of a scenario, as page entries of one violation each."""
    entries = []
    for label in scenario.get("labels", []):
        if not label.get("located_by"):
            continue
        entries.append({
            "page": page_pattern(label.get("url") or "/"),
            "violations": [{
                "rule": NAMELESS_CONTROL_RULE, "impact": "serious", "help": NAMELESS_CONTROL_HELP,
                "help_url": NAMELESS_CONTROL_URL, "requirements": [NAMELESS_CONTROL_REQUIREMENT],
                "nodes": [{"selector": label["located_by"], "html": label.get("html", ""),
                           "summary": f"« {label['label']} » has no accessible name; the profile's locator "
                                      f"{label['located_by']} reaches it"}],
            }],
        })
    return entries


def _warning_line(page: str, violation: dict) -> str:
    selectors = ", ".join(node["selector"] for node in violation["nodes"][:3])
    more = f" (+{len(violation['nodes']) - 3} more)" if len(violation["nodes"]) > 3 else ""
    return (f"{'/'.join(violation['requirements'])} {violation['rule']} ({violation['impact']}) on {page}: "
            f"{selectors}{more} — {violation['help']}")


def summarize(scenarios: list[dict], run_settings: dict) -> dict:
    """The report's ``accessibility`` section; adds each scenario's ``warnings`` (one line per violation)."""
    pages: dict[str, dict] = {}
    check_s = 0.0
    for scenario in scenarios:
        warnings = []
        for entry in [*scenario.get("accessibility", []), *_nameless_controls(scenario)]:
            check_s += entry.get("check_s", 0.0)
            page = pages.setdefault(entry["page"], {
                "page": entry["page"], "first_seen_in": scenario["name"], "violations": {},
                **({"url": entry["url"]} if entry.get("url") else {}),
            })
            if entry.get("screenshot") and "screenshot" not in page:
                page["screenshot"] = entry["screenshot"]
            for violation in entry.get("violations", []):
                merged = page["violations"].setdefault(violation["rule"], {**violation, "nodes": []})
                known = {node["selector"] for node in merged["nodes"]}
                merged["nodes"] += [node for node in violation["nodes"] if node["selector"] not in known]
                warnings.append(_warning_line(entry["page"], violation))
        if warnings:
            scenario["warnings"] = warnings
        else:
            scenario.pop("warnings", None)
    order = {impact: index for index, impact in enumerate(IMPACTS)}
    listed = []
    counts = dict.fromkeys(IMPACTS, 0)
    elements = dict.fromkeys(IMPACTS, 0)
    for pattern in sorted(pages):
        page = pages[pattern]
        violations = sorted(page["violations"].values(), key=lambda v: (order.get(v["impact"], 9), v["rule"]))
        for violation in violations:
            counts[violation["impact"]] = counts.get(violation["impact"], 0) + 1
            elements[violation["impact"]] = elements.get(violation["impact"], 0) + len(violation["nodes"])
        listed.append({**page, "violations": violations})
    visited = {pattern for scenario in scenarios for pattern in scenario.get("pages_visited", [])}
    return {
        **run_settings,
        "pages_checked": len(listed),
        "pages_visited": len(visited | set(pages)),
        # Loaded by some scenario, checked by none (a page left before axe could finish, a page on the
        # scenario's paused fake clock): what the run cannot vouch for.
        "pages_not_checked": sorted(visited - set(pages)),
        # The time the checks took, summed over the workers (axe, and the screenshots of pages with violations).
        "check_s": round(check_s, 3),
        "impact_counts": counts,
        "element_counts": elements,
        "pages": listed,
    }


def violations_by_requirement(summary: dict) -> dict[str, int]:
    """How many (page, rule) violations each accessibility requirement has."""
    found: dict[str, int] = {}
    for page in summary["pages"]:
        for violation in page["violations"]:
            for requirement in violation["requirements"]:
                found[requirement] = found.get(requirement, 0) + 1
    return found


def summary_line(summary: dict) -> str:
    """The terminal's line: pages checked and violations per impact."""
    if summary["checks"] == "off":
        return "accessibility: not checked (--a11y off)"
    counts = ", ".join(f"{summary['impact_counts'].get(impact, 0)} {impact}" for impact in IMPACTS)
    raised = "; raised to MUST by the profile" if summary["level"] == "MUST" else ""
    missed = summary.get("pages_not_checked", [])
    unchecked = (f"; {len(missed)} page(s) visited but not checked: {', '.join(missed[:5])}"
                 + (" …" if len(missed) > 5 else "")) if missed else ""
    return (f"accessibility: {summary['pages_checked']} page(s) checked ({summary['engine']}, WCAG 2.1 A and AA, "
            f"{summary.get('check_s', 0):.1f} s); violations: {counts}{raised}{unchecked}")
