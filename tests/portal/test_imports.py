"""No import cycle inside reference_portal: the rules, the views and the package they sit in import one way only.

The imports are read from the source (every ``import`` and ``from … import`` statement, those inside functions
too), so a cycle hidden behind a function-level import is found as well. ``from reference_portal import db``
is an import of the module ``reference_portal.db``; importing a submodule is not counted as importing the
package around it (Python does that for every submodule, and it is not a dependency anyone wrote).
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = "reference_portal"
ROOT = Path(__file__).resolve().parents[2] / PACKAGE


def _module_name(path: Path, root: Path) -> str:
    parts = path.relative_to(root.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def modules(root: Path = ROOT) -> dict[str, Path]:
    return {_module_name(path, root): path for path in sorted(root.rglob("*.py"))}


def _absolute(node: ast.ImportFrom, module: str, is_package: bool) -> str:
    if not node.level:
        return node.module or ""
    base = module.split(".") if is_package else module.split(".")[:-1]
    base = base[: len(base) - (node.level - 1)]
    return ".".join([*base, node.module] if node.module else base)


def imports_of(module: str, path: Path, known: set[str]) -> set[str]:
    """The portal modules ``module`` imports, wherever in the file the import statement is."""
    found: set[str] = set()
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names if alias.name in known)
        elif isinstance(node, ast.ImportFrom):
            source = _absolute(node, module, path.name == "__init__.py")
            for alias in node.names:
                submodule = f"{source}.{alias.name}"
                if submodule in known:
                    found.add(submodule)
                elif source in known:
                    found.add(source)
    found.discard(module)
    return found


def import_graph(root: Path = ROOT) -> dict[str, set[str]]:
    found = modules(root)
    return {name: imports_of(name, path, set(found)) for name, path in found.items()}


def find_cycle(graph: dict[str, set[str]]) -> list[str] | None:
    """One cycle of the graph (its modules in import order, the first one repeated at the end), or None."""
    state: dict[str, str] = {}
    stack: list[str] = []

    def visit(name: str) -> list[str] | None:
        state[name] = "open"
        stack.append(name)
        for target in sorted(graph.get(name, ())):
            if state.get(target) == "open":
                return [*stack[stack.index(target):], target]
            if target not in state and (cycle := visit(target)) is not None:
                return cycle
        stack.pop()
        state[name] = "done"
        return None

    for name in sorted(graph):
        if name not in state and (cycle := visit(name)) is not None:
            return cycle
    return None


def test_the_portal_has_no_import_cycle():
    cycle = find_cycle(import_graph())
    assert cycle is None, "import cycle: " + " → ".join(cycle)


def test_the_rules_import_no_view():
    """The domain layer stands on the models and the clock: no blueprint module is imported from it."""
    graph = import_graph()
    views = {name for name, path in modules().items() if "Blueprint(" in path.read_text(encoding="utf-8")}
    for name, targets in graph.items():
        if name.startswith(f"{PACKAGE}.rules"):
            assert not targets & views, f"{name} imports the view module(s) {sorted(targets & views)}"


@pytest.mark.parametrize(
    ("files", "expected"),
    [
        ({"a.py": "from pkg import b\n", "b.py": "def f():\n    from pkg.a import x\n"}, ["pkg.a", "pkg.b", "pkg.a"]),
        ({"a.py": "from . import b\n", "b.py": "import pkg.c\n", "c.py": "from .a import x\n"},
         ["pkg.a", "pkg.b", "pkg.c", "pkg.a"]),
        ({"a.py": "from pkg import b\n", "b.py": "import os\n"}, None),
        ({"__init__.py": "def make():\n    from pkg import a\n", "a.py": "from pkg import helper\n"},
         ["pkg", "pkg.a", "pkg"]),
        ({"__init__.py": "", "a.py": "from pkg import b\n", "b.py": "x = 1\n"}, None),
    ],
)
def test_the_walk_finds_cycles_at_any_depth(tmp_path, files, expected):
    root = tmp_path / "pkg"
    root.mkdir()
    for name, source in {"__init__.py": "", **files}.items():
        (root / name).write_text(source, encoding="utf-8")
    assert find_cycle(import_graph(root)) == expected

