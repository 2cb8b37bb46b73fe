"""The shape of the package (docs/architecture.md): no import cycle between modules, no
module too long to read in one sitting."""

from __future__ import annotations

import pytest
from importwalk import MODULES, imports_of

LONGEST = 400  # lines: beyond this a module has more than one concern (issue 19)


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
