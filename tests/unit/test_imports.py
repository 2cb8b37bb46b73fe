"""The shape of the package (docs/architecture.md): no import cycle between modules, no
module too long to read in one sitting."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[2] / "generator"
LONGEST = 400  # lines: beyond this a module has more than one concern (issue 19)


def _name(path: Path) -> str:
    parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


MODULES = {_name(path): path for path in PACKAGE.rglob("*.py")}


def imports_of(path: Path) -> set[str]:
    """The modules of ours this one imports, at the top or inside a function (a cycle through
    a lazy import is still a cycle in the design), not those only the type checker sees."""
    found: set[str] = set()

    def walk(node: ast.AST) -> None:
        for child in ast.iter_child_nodes(node):
            if isinstance(child, ast.If) and "TYPE_CHECKING" in ast.unparse(child.test):
                continue
            if isinstance(child, ast.ImportFrom) and (child.module or "").startswith("generator"):
                base = child.module or ""
                for alias in child.names:
                    sub = f"{base}.{alias.name}"
                    found.add(sub if sub in MODULES else base)
            elif isinstance(child, ast.Import):
                found.update(a.name for a in child.names if a.name.startswith("generator"))
            walk(child)

    walk(ast.parse(path.read_text(encoding="utf-8")))
    return {name for name in found if name in MODULES} - {_name(path)}


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected groups of more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    groups: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        for other in sorted(graph[node]):
            if other not in index:
                visit(other)
                low[node] = min(low[node], low[other])
            elif other in stack:
                low[node] = min(low[node], index[other])
        if low[node] == index[node]:
            group = []
            while True:
                member = stack.pop()
                group.append(member)
                if member == node:
                    break
            if len(group) > 1:
                groups.append(sorted(group))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return groups


def test_no_module_imports_itself_through_others():
    graph = {name: imports_of(path) for name, path in MODULES.items()}
    assert cycles(graph) == []


def test_the_cycle_finder_finds_a_cycle():
    assert cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]


@pytest.mark.parametrize("name", sorted(MODULES))
def test_no_module_is_longer_than_a_sitting(name):
    lines = MODULES[name].read_text(encoding="utf-8").count("\n")
    assert lines <= LONGEST, f"{name}: {lines} lines; split it by concern"


# The bottom layers (docs/architecture.md): what each may import of ours.
BELOW = {
    "generator.vocabulary": ("generator.problems",),
    "generator.versions": (),
    "generator.present.mask": (),
    "generator.problems": ("generator.problems", "generator.present.mask", "generator.versions"),
    "generator.model": ("generator.model", "generator.problems"),
}


@pytest.mark.parametrize("layer", sorted(BELOW))
def test_the_bottom_layers_import_nothing_above_them(layer):
    allowed = BELOW[layer]
    members = [n for n in MODULES if n == layer or n.startswith(layer + ".")]
    wrong = {
        (member, target)
        for member in members
        for target in imports_of(MODULES[member])
        if not any(target == a or target.startswith(a + ".") for a in allowed)
    }
    assert wrong == set()
