"""The imports a module of generator/ makes at run time, read from its source: one walk for
the layer tests (test_layers.py) and the shape tests (test_imports.py)."""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

import generator

PACKAGE = Path(generator.__file__).parent


def _is_type_checking(test: ast.expr) -> bool:
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def _runtime_nodes(node: ast.AST) -> Iterator[ast.AST]:
    """Every node below `node` except those only type checkers read (`if TYPE_CHECKING:`)."""
    for child in ast.iter_child_nodes(node):
        if isinstance(child, ast.If) and _is_type_checking(child.test):
            for other in child.orelse:
                yield other
                yield from _runtime_nodes(other)
            continue
        yield child
        yield from _runtime_nodes(child)


def package_of(path: Path) -> str:
    dotted = ".".join(path.relative_to(PACKAGE.parent).with_suffix("").parts)
    return (
        dotted.removesuffix(".__init__")
        if path.name == "__init__.py"
        else dotted.rpartition(".")[0]
    )


def imported_modules(path: Path, package: str) -> Iterator[tuple[int, str]]:
    """(line, module) of each import a module of `package` makes at run time, anywhere in it
    (a function's own imports too); relative imports resolved against the package."""
    for node in _runtime_nodes(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield node.lineno, alias.name
        elif isinstance(node, ast.ImportFrom):
            yield from imported_modules_of(node, package)


def imported_modules_of(node: ast.ImportFrom, package: str) -> Iterator[tuple[int, str]]:
    """(line, module) of one `from … import`, a relative one resolved against `package`."""
    base = node.module or ""
    if node.level:
        parts = package.split(".")
        parent = ".".join(parts[: len(parts) - node.level + 1])
        base = f"{parent}.{base}" if base else parent
    yield node.lineno, base


def module_name(path: Path) -> str:
    parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


MODULES = {module_name(path): path for path in PACKAGE.rglob("*.py")}


def imports_of(path: Path) -> set[str]:
    """The modules of ours `path` imports at run time (`from a import b` names module a.b
    when b is one), itself left out."""
    found: set[str] = set()
    package = package_of(path)
    for node in _runtime_nodes(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = next(name for _, name in imported_modules_of(node, package))
            # `from a import b` with b a module imports a.b (a's __init__ runs first, as any
            # package's does, and is not counted as a dependency); else a name of a
            for alias in node.names:
                sub = f"{base}.{alias.name}"
                found.add(sub if sub in MODULES else base)
    return {name for name in found if name in MODULES} - {module_name(path)}
