"""Step modules say what the person does and leave the page to the page objects (steps/pages/) and the driver.

A step module (steps/*.py but the driver, the page objects, the probes and the browser fixtures) may not reach
the Playwright page through ``driver.page``, build a locator itself (``get_by_*``, ``locator``), use a CSS or
XPath selector, or pick among matches by position (``.first``, ``.last``, ``.nth(...)``): each of these skips
the driver's diagnostic path (``Driver.present``, which names the nearest names when a label is missing).
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from harness.paths import STEPS_DIR

STEPS = STEPS_DIR
EXEMPT = {"driver.py", "probes.py", "conftest.py", "pages.py"}
LOCATOR_BUILDERS = re.compile(r"get_by_\w+|locator|query_selector(_all)?|wait_for_selector|frame_locator")
POSITIONAL = {"first", "last"}
# A string that reads as a selector: XPath, or CSS (an attribute test, an id, a combinator, a tag with a class).
TAGS = "a|div|span|input|button|form|table|tr|td|th|li|ul|ol|section|nav|main|label|select|textarea|p|h[1-6]"
SELECTOR = re.compile(
    rf"^\s*(xpath=|css=|//)|\[[\w-]+([~|^$*]?=[^\]]*)?\]|(^|\s)#[a-z][\w-]*|\s[>+~]\s|^({TAGS})[.#\[:]"
)


def step_modules(steps_dir: Path = STEPS) -> list[Path]:
    return sorted(p for p in steps_dir.glob("*.py") if p.name not in EXEMPT)


def violations(source: str, filename: str) -> list[str]:
    """Every place of ``source`` that builds or picks a locator itself, as ``file:line what``."""
    found: list[str] = []
    for node in ast.walk(ast.parse(source, filename)):
        where = f"{filename}:{getattr(node, 'lineno', 0)}"
        if isinstance(node, ast.Attribute):
            if node.attr == "page" and isinstance(node.value, ast.Name) and node.value.id == "driver":
                found.append(f"{where} uses driver.page (go through a page object or the driver)")
            elif node.attr in POSITIONAL:
                found.append(f"{where} picks .{node.attr} among matches")
        elif isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
            if node.func.attr == "nth":
                found.append(f"{where} picks .nth() among matches")
            elif LOCATOR_BUILDERS.fullmatch(node.func.attr):
                found.append(f"{where} builds a locator with .{node.func.attr}()")
            for argument in node.args:
                text = argument.value if isinstance(argument, ast.Constant) else None
                if isinstance(text, str) and SELECTOR.search(text):
                    found.append(f"{where} passes a CSS/XPath selector {text!r}")
    return sorted(set(found), key=lambda v: int(v.split(" ")[0].rsplit(":", 1)[1]))


def test_no_step_module_builds_a_locator_itself():
    found = [v for path in step_modules() for v in violations(path.read_text(encoding="utf-8"), f"steps/{path.name}")]
    assert not found, "step modules reaching past the page objects:\n" + "\n".join(found)


def test_the_lint_covers_every_step_module():
    names = {p.name for p in step_modules()}
    assert {"common.py", "applications.py", "server_rules.py", "alerts.py"} <= names
    assert not names & EXEMPT
    assert (STEPS / "pages" / "__init__.py").is_file()  # the page objects: a package, outside the glob


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("def s(driver):\n    driver.page.reload()\n", "x.py:2 uses driver.page"),
        ("def s(driver):\n    driver.controls('row').first.click()\n", "x.py:2 picks .first"),
        ("def s(driver):\n    driver.controls('row').nth(2).click()\n", "x.py:2 picks .nth()"),
        ("def s(scope):\n    scope.get_by_role('link', name='OK')\n", "x.py:2 builds a locator with .get_by_role()"),
        ("def s(scope):\n    scope.locator('#main')\n", "x.py:2 builds a locator with .locator()"),
        ("def s(driver):\n    driver.find('css=div.main > a')\n", "x.py:2 passes a CSS/XPath selector"),
        ("def s(driver):\n    driver.find('//button[@id=\"go\"]')\n", "x.py:2 passes a CSS/XPath selector"),
        ("def s(driver):\n    driver.find('input[name=q]')\n", "x.py:2 passes a CSS/XPath selector"),
    ],
)
def test_each_kind_of_shortcut_is_named_with_its_line(source: str, expected: str):
    assert any(v.startswith(expected) for v in violations(source, "x.py")), violations(source, "x.py")


def test_steps_written_through_the_page_objects_pass():
    source = (
        "def s(driver, opening):\n"
        "    MyApplications(driver).expect_status(opening['number'], 'Postulé')\n"
        "    driver.click_link('Mes candidatures')\n"
        "    driver.fill('search_keywords', 'Juriste. Genève')\n"
        "    driver.expect_text('Étape 8 sur 8')\n"
    )
    assert violations(source, "x.py") == []
