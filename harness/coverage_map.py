"""From each requirement to the code that checks it and the code that implements it, read statically.

- the step functions a scenario uses: each of its steps matched, as pytest-bdd would, against the step
  definitions of steps/*.py (their ``@given``/``@when``/``@then`` decorators and pytest-bdd's own parsers);
- the page-object methods those step functions call: the calls in their bodies on a page object
  (``ApplicationFlow(driver).apply(…)``, or through a name bound to one), on the driver (``driver.go_to(…)``),
  and those of the step module's helpers they call, followed through;
- the portal functions that implement it: the functions of reference_portal/ decorated ``@implements("REQ-…")``.

Nothing is imported or run: a source tree that does not import (another portal's, a fixture's) is read all the same.
"""

from __future__ import annotations

import ast
from dataclasses import dataclass, field
from pathlib import Path

from pytest_bdd import parsers

from harness.paths import PROJECT_ROOT, STEPS_DIR

PORTAL_DIR = PROJECT_ROOT / "reference_portal"
KINDS = ("given", "when", "then")
# Modules of steps/ that hold no step definitions.
_NOT_STEPS = {"driver.py", "probes.py", "conftest.py", "__init__.py", "test_guide.py"}


@dataclass(frozen=True)
class StepDefinition:
    kind: str
    parser: object  # a pytest-bdd parser: is_matching(text)
    function: str  # "steps/module.py::name"


@dataclass
class StepCatalogue:
    definitions: list[StepDefinition] = field(default_factory=list)
    # "steps/module.py::name" → what the function calls: page-object methods and helper functions (same keys).
    page_calls: dict[str, set[str]] = field(default_factory=dict)
    helper_calls: dict[str, set[str]] = field(default_factory=dict)

    def match(self, kind: str, text: str) -> list[str]:
        """The step functions pytest-bdd would bind to a step: those of its kind first, else of any kind."""
        matching = [d for d in self.definitions if d.parser.is_matching(text)]
        same_kind = [d.function for d in matching if d.kind == kind]
        return same_kind or sorted({d.function for d in matching})

    def page_methods(self, function: str) -> set[str]:
        """The page-object and driver methods a step function calls, itself or through the helpers it calls."""
        seen: set[str] = set()
        found: set[str] = set()
        todo = [function]
        while todo:
            current = todo.pop()
            if current in seen:
                continue
            seen.add(current)
            found |= self.page_calls.get(current, set())
            todo += self.helper_calls.get(current, set())
        return found


# -- the page objects -----------------------------------------------------------------------------------
def page_object_classes(steps_dir: Path = STEPS_DIR) -> dict[str, str]:
    """Class name → "steps/pages/…py::Class" for the page objects, and the driver."""
    classes: dict[str, str] = {}
    sources = sorted((steps_dir / "pages").rglob("*.py")) + [steps_dir / "pages.py", steps_dir / "driver.py"]
    for path in sources:
        if not path.is_file():
            continue
        for node in ast.parse(path.read_text(encoding="utf-8")).body:
            if isinstance(node, ast.ClassDef):
                classes[node.name] = f"{_relative(path, steps_dir)}::{node.name}"
    return classes


def _relative(path: Path, steps_dir: Path) -> str:
    return f"{steps_dir.name}/{path.relative_to(steps_dir).as_posix()}"


# -- the step definitions ---------------------------------------------------------------------------------
def _parser(decorator: ast.Call):
    """The pytest-bdd parser of a step decorator's first argument, or None when it is not a literal."""
    if not decorator.args:
        return None
    first = decorator.args[0]
    if isinstance(first, ast.Constant) and isinstance(first.value, str):
        return parsers.string(first.value)
    if (isinstance(first, ast.Call) and isinstance(first.func, ast.Attribute) and first.args
            and isinstance(first.args[0], ast.Constant) and isinstance(first.args[0].value, str)):
        make = {"parse": parsers.parse, "re": parsers.re, "string": parsers.string, "cfparse": parsers.cfparse}
        if first.func.attr in make:
            return make[first.func.attr](first.args[0].value)
    return None


def _step_kinds(function: ast.FunctionDef) -> list[tuple[str, object]]:
    found = []
    for decorator in function.decorator_list:
        if isinstance(decorator, ast.Call) and isinstance(decorator.func, ast.Name) and decorator.func.id in KINDS:
            parser = _parser(decorator)
            if parser is not None:
                found.append((decorator.func.id, parser))
    return found


def _imports(tree: ast.Module, module_of: dict[str, str]) -> dict[str, str]:
    """Local name → "steps/module.py::name" for the functions a module imports from other step modules."""
    names: dict[str, str] = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("steps."):
            module = node.module.removeprefix("steps.")
            if module in module_of:
                for alias in node.names:
                    names[alias.asname or alias.name] = f"{module_of[module]}::{alias.name}"
    return names


class _Calls(ast.NodeVisitor):
    """The calls of one function body: on page-object classes (directly or through a name bound to one), on the
    driver, and to functions of the step modules."""

    def __init__(self, classes: dict[str, str], functions: dict[str, str]) -> None:
        self.classes, self.functions = classes, functions
        self.bound: dict[str, str] = {"driver": "Driver"}
        self.page: set[str] = set()
        self.helpers: set[str] = set()

    def _class_of(self, node: ast.AST) -> str | None:
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in self.classes:
            return node.func.id
        if isinstance(node, ast.Name):
            return self.bound.get(node.id)
        return None

    def visit_Assign(self, node: ast.Assign) -> None:
        cls = self._class_of(node.value)
        for target in node.targets:
            if cls and isinstance(target, ast.Name):
                self.bound[target.id] = cls
        self.generic_visit(node)

    def visit_Call(self, node: ast.Call) -> None:
        if isinstance(node.func, ast.Attribute):
            cls = self._class_of(node.func.value)
            if cls in self.classes:
                self.page.add(f"{self.classes[cls]}.{node.func.attr}")
        elif isinstance(node.func, ast.Name) and node.func.id in self.functions:
            self.helpers.add(self.functions[node.func.id])
        self.generic_visit(node)


def scan_steps(steps_dir: Path = STEPS_DIR) -> StepCatalogue:
    classes = page_object_classes(steps_dir)
    modules = sorted(p for p in steps_dir.glob("*.py") if p.name not in _NOT_STEPS)
    module_of = {p.stem: _relative(p, steps_dir) for p in modules}
    catalogue = StepCatalogue()
    for path in modules:
        tree = ast.parse(path.read_text(encoding="utf-8"))
        here = _relative(path, steps_dir)
        functions = {n.name: f"{here}::{n.name}" for n in tree.body if isinstance(n, ast.FunctionDef)}
        functions.update(_imports(tree, module_of))
        for node in tree.body:
            if not isinstance(node, ast.FunctionDef):
                continue
            name = f"{here}::{node.name}"
            for kind, parser in _step_kinds(node):
                catalogue.definitions.append(StepDefinition(kind, parser, name))
            calls = _Calls(classes, functions)
            for statement in node.body:
                calls.visit(statement)
            catalogue.page_calls[name] = calls.page
            catalogue.helper_calls[name] = calls.helpers - {name}
    return catalogue


# -- the portal ---------------------------------------------------------------------------------------------
def _requirement_ids(decorator: ast.expr) -> list[str]:
    if not isinstance(decorator, ast.Call):
        return []
    func = decorator.func
    name = func.id if isinstance(func, ast.Name) else func.attr if isinstance(func, ast.Attribute) else ""
    if name != "implements":
        return []
    return [a.value for a in decorator.args if isinstance(a, ast.Constant) and isinstance(a.value, str)]


def scan_implementations(portal_dir: Path = PORTAL_DIR) -> dict[str, list[str]]:
    """Requirement ID → the portal functions decorated ``@implements("REQ-…")``, as "path::[Class.]function"."""
    found: dict[str, list[str]] = {}

    def visit(body: list[ast.stmt], path: str, prefix: str) -> None:
        for node in body:
            if isinstance(node, ast.ClassDef):
                visit(node.body, path, f"{prefix}{node.name}.")
            elif isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                for decorator in node.decorator_list:
                    for rid in _requirement_ids(decorator):
                        found.setdefault(rid, []).append(f"{path}::{prefix}{node.name}")

    for path in sorted(portal_dir.rglob("*.py")):
        relative = f"{portal_dir.name}/{path.relative_to(portal_dir).as_posix()}"
        visit(ast.parse(path.read_text(encoding="utf-8"), str(path)).body, relative, "")
    return {rid: sorted(set(functions)) for rid, functions in sorted(found.items())}
