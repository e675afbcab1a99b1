"""axe-core, the accessibility engine, fetched from the npm registry, checked, and run in a page.

Why the npm package rather than PyPI's ``axe-playwright-python``: that wrapper (0.1.8) bundles an older
engine (axe 4.12.1) behind some 100 lines that inject it and call ``axe.run``, which this module does too,
with the options a conformance run needs (WCAG 2.1 A and AA only, violations only). Taking the engine
itself from npm pins the exact version axe's own tools use, integrity-checked like Cucumber's schema
(tests/harness/cucumber_schema.py), with no Python dependency whose bundled engine lags behind.

The tarball is downloaded once into ``.venv/`` (``make setup`` does it), verified against the registry's
published sha512 integrity pinned here, and read in memory.

    python -m harness.axe    # fetch (idempotent) and print where it is
"""

from __future__ import annotations

import re
import sys
from pathlib import Path
from urllib.parse import urlsplit

from harness.npm_tarball import PinnedTarball, TarballUnavailable
from harness.paths import PROJECT_ROOT

VERSION = "4.14.1"
URL = f"https://registry.npmjs.org/axe-core/-/axe-core-{VERSION}.tgz"
INTEGRITY = "sha512-FHfa+lmNjQZfJz1q8wKqIDwC6DExcHt/pkjNQb09a3NPjCKg2rhu5qb2S4r76ASyFNNtuFooJpZe37OgudVGtQ=="
MEMBER = "package/axe.min.js"
CACHE = PROJECT_ROOT / ".venv" / f"axe-core-{VERSION}.tgz"
ENGINE = f"axe-core {VERSION}"

# WCAG 2.1 levels A and AA (axe tags the 2.0 criteria wcag2a/wcag2aa, those added by 2.1 wcag21a/wcag21aa).
WCAG_TAGS = ("wcag2a", "wcag2aa", "wcag21a", "wcag21aa")
IMPACTS = ("critical", "serious", "moderate", "minor")
# The four WCAG principles, each one requirement of the catalogue (features/requirements.csv).
PRINCIPLE_REQUIREMENTS = {"1": "REQ-A11Y-01", "2": "REQ-A11Y-02", "3": "REQ-A11Y-03", "4": "REQ-A11Y-04"}
REQUIREMENT_PREFIX = "REQ-A11Y-"
# A control the harness reached through the profile's locator because it has no accessible name (4.1.2).
NAMELESS_CONTROL_RULE = "profile-locator"
NAMELESS_CONTROL_REQUIREMENT = PRINCIPLE_REQUIREMENTS["4"]

_SUCCESS_CRITERION = re.compile(r"^wcag(\d)(\d)(\d+)$")
_NUMBER = re.compile(r"^\d+$")
_TOKEN = re.compile(r"^(?=.*\d)[A-Za-z0-9_-]{16,}$")


class EngineUnavailable(TarballUnavailable):
    pass


TARBALL = PinnedTarball(URL, INTEGRITY, MEMBER, CACHE, EngineUnavailable)


def ensure(cache: Path = CACHE) -> Path:
    """The verified tarball on disk, downloaded if missing or corrupt."""
    return TARBALL.ensure(cache)


def load_source(cache: Path = CACHE) -> str:
    """axe.min.js of axe-core ``VERSION``, from the verified tarball."""
    return TARBALL.read_member(cache).decode("utf-8")


def page_pattern(url: str) -> str:
    """The page a URL shows, its ids made generic: /candidatures/12/etape/3 → /candidatures/{n}/etape/{n}."""
    segments = []
    for segment in urlsplit(url).path.split("/"):
        if _NUMBER.match(segment):
            segment = "{n}"
        elif _TOKEN.match(segment):
            segment = "{token}"
        segments.append(segment)
    return "/".join(segments) or "/"


def requirements_of(tags: list[str]) -> list[str]:
    """The catalogue's requirements a rule breaks: one per WCAG principle its success criteria belong to
    (wcag412 → 4.1.2 → robust, REQ-A11Y-04); a rule citing none is counted as robust."""
    principles = sorted({m[1] for tag in tags if (m := _SUCCESS_CRITERION.match(tag))})
    return [PRINCIPLE_REQUIREMENTS[p] for p in principles if p in PRINCIPLE_REQUIREMENTS] or [
        NAMELESS_CONTROL_REQUIREMENT
    ]


_RUN = """async tags => {
  const results = await axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']});
  return {
    engine: results.testEngine.version,
    violations: results.violations.map(v => ({
      rule: v.id, impact: v.impact, help: v.help, help_url: v.helpUrl, tags: v.tags,
      nodes: v.nodes.map(n => ({target: n.target, html: n.html, summary: n.failureSummary || ''})),
    })),
  };
}"""

_OUTLINE = """targets => {
  for (const selector of targets) {
    try {
      for (const element of document.querySelectorAll(selector)) {
        element.setAttribute('data-inspira-a11y', '');
      }
    } catch (e) { /* a selector of a frame or a shadow root: not outlined */ }
  }
  const style = document.createElement('style');
  style.id = 'inspira-a11y-outline';
  style.textContent = '[data-inspira-a11y]{outline:3px solid #d00000 !important;outline-offset:2px !important}';
  document.head.appendChild(style);
}"""

_CLEAR = """() => {
  document.getElementById('inspira-a11y-outline')?.remove();
  for (const element of document.querySelectorAll('[data-inspira-a11y]')) element.removeAttribute('data-inspira-a11y');
}"""


def scan(page, source: str) -> dict:
    """axe's WCAG 2.1 A/AA violations on the page's current document: rule, impact, the requirement it
    breaks, and each element (its selector and HTML)."""
    if not page.evaluate("() => typeof window.axe === 'object'"):
        page.evaluate(source)
    found = page.evaluate(_RUN, list(WCAG_TAGS))
    violations = []
    for violation in found["violations"]:
        violations.append({
            "rule": violation["rule"],
            "impact": violation["impact"] or "minor",
            "help": violation["help"],
            "help_url": violation["help_url"],
            "requirements": requirements_of(violation["tags"]),
            "nodes": [
                {"selector": " >> ".join(map(str, node["target"])), "html": node["html"][:500],
                 "summary": node["summary"][:500]}
                for node in violation["nodes"]
            ],
        })
    return {"engine": found["engine"], "violations": violations}


def outlined_screenshot(page, selectors: list[str], path: Path) -> None:
    """A full-page screenshot with the given elements outlined in red (the outline removed after)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    page.evaluate(_OUTLINE, [s for s in selectors if " >> " not in s])
    try:
        page.screenshot(path=str(path), full_page=True)
    finally:
        page.evaluate(_CLEAR)


if __name__ == "__main__":
    try:
        print(f"{ENGINE}: {ensure()}")
    except EngineUnavailable as error:
        print(f"error: {error}", file=sys.stderr)
        sys.exit(3)
