"""Every third-party package the code imports is declared in pyproject.toml, not merely installed as some
other package's dependency (slugify and jinja2 were, until pytest-playwright or Flask stopped needing them
the day they did, the harness would have broken on a fresh install)."""

import ast
import importlib
import re
import sys
import tomllib
from importlib.metadata import packages_distributions

import pytest

from harness.paths import PROJECT_ROOT

SHIPPED = ("harness", "fixtures", "steps", "reference_portal")  # installed by pyproject's packages
OURS = {*SHIPPED, "tests"}


def _normalise(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def _declared(*extras: str) -> set[str]:
    project = tomllib.loads((PROJECT_ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    requirements = list(project["dependencies"])
    for extra in extras:
        requirements += project["optional-dependencies"][extra]
    return {_normalise(re.split(r"[\s<>=!~;\[]", r, maxsplit=1)[0]) for r in requirements}


def _modules(package: str) -> list[str]:
    root = PROJECT_ROOT / package
    return sorted(
        ".".join(path.relative_to(PROJECT_ROOT).with_suffix("").parts).removesuffix(".__init__")
        for path in root.rglob("*.py")
    )


def _imported_top_levels(module: str) -> set[str]:
    """The top-level package of every import in the module, at its top or inside a function (a module
    beside it, imported by its bare name the way pytest's rootdir-relative imports allow, is not one)."""
    path = PROJECT_ROOT / (module.replace(".", "/") + ".py")
    if not path.exists():
        path = PROJECT_ROOT / module.replace(".", "/") / "__init__.py"
    beside = {p.stem for p in path.parent.glob("*.py")}
    names = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names.add(node.module.split(".")[0])
    return names - beside


def _undeclared(modules: list[str], declared: set[str]) -> dict[str, set[str]]:
    distributions = packages_distributions()
    missing: dict[str, set[str]] = {}
    for module in modules:
        for name in _imported_top_levels(module) - OURS - set(sys.stdlib_module_names) - {"__future__"}:
            owners = {_normalise(d) for d in distributions.get(name, [])}
            if not owners & declared:
                missing.setdefault(name, set()).add(module)
    return missing


@pytest.mark.parametrize("module", [m for package in SHIPPED for m in _modules(package)])
def test_every_shipped_module_imports(module):
    importlib.import_module(module)


def test_what_the_shipped_code_imports_is_a_declared_dependency():
    modules = [m for package in SHIPPED for m in _modules(package)]
    assert _undeclared(modules, _declared()) == {}


def test_what_the_projects_tests_import_is_declared_with_the_dev_extra():
    assert _undeclared(_modules("tests"), _declared("dev")) == {}
