"""Field-level differences between two versions of a record.

Mappings are compared key by key; lists of mappings are matched by a natural key
(id, name, text, item, what — the first one every item has) so reordering a list
is not a change and editing one contact shows as that contact's field changing;
other lists are compared as sets of items. The Markdown body becomes a short
unified diff.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from typing import Any, TypeAlias

    # a value of a record as YAML gives it: any YAML value
    YamlValue: TypeAlias = Any

MATCH_KEYS = ("id", "name", "text", "item", "what")
BODY_DIFF_LINES = 40


@dataclass(frozen=True)
class FieldChange:
    path: tuple[object, ...]  # e.g. ("contacts", "张伟", "mobile"); list items by their key
    change: str  # added, removed, changed
    old: object = None
    new: object = None
    # the same path with list positions, for the schema's x-pii
    schema_path: tuple[object, ...] = ()
    # for each part of `path` that is a list item's key (a contact's name), that key's field
    keys: tuple[tuple[int, str], ...] = ()

    @property
    def name(self) -> str:
        return ".".join(str(p) for p in self.path)

    def key_field(self, index: int) -> str | None:
        """The field whose value `path[index]` is, when it stands for a list item."""
        return dict(self.keys).get(index)


def field_changes(old: object, new: object) -> list[FieldChange]:
    return list(_compare(old, new, (), (), ()))


def _compare(
    old: object,
    new: object,
    path: tuple[object, ...],
    spath: tuple[object, ...],
    keys: tuple[tuple[int, str], ...],
) -> Iterator[FieldChange]:
    if old == new:
        return
    if isinstance(old, dict) and isinstance(new, dict):
        for key in [*old, *(k for k in new if k not in old)]:
            here, there = (*path, key), (*spath, key)
            if key not in new:
                yield FieldChange(here, "removed", old[key], None, there, keys)
            elif key not in old:
                yield FieldChange(here, "added", None, new[key], there, keys)
            else:
                yield from _compare(old[key], new[key], here, there, keys)
    elif isinstance(old, list) and isinstance(new, list):
        yield from _compare_lists(old, new, path, spath, keys)
    elif old is None:
        yield FieldChange(path, "added", None, new, spath, keys)
    elif new is None:
        yield FieldChange(path, "removed", old, None, spath, keys)
    else:
        yield FieldChange(path, "changed", old, new, spath, keys)


def _match_key(items: list[YamlValue]) -> str | None:
    if not items or not all(isinstance(i, dict) for i in items):
        return None
    return next((k for k in MATCH_KEYS if all(k in i for i in items)), None)


def _compare_lists(
    old: list[YamlValue],
    new: list[YamlValue],
    path: tuple[object, ...],
    spath: tuple[object, ...],
    keys: tuple[tuple[int, str], ...],
) -> Iterator[FieldChange]:
    key = _match_key(old + new)
    if key is not None:
        before = {str(i[key]): i for i in old}
        after = {str(i[key]): (n, i) for n, i in enumerate(new)}
        keyed = (*keys, (len(path), key))  # the next part of the path is this key's value
        for name, item in before.items():
            if name not in after:
                yield FieldChange((*path, name), "removed", item, None, (*spath, 0), keyed)
        for name, (index, item) in after.items():
            if name not in before:
                yield FieldChange((*path, name), "added", None, item, (*spath, index), keyed)
            else:
                yield from _compare(before[name], item, (*path, name), (*spath, index), keyed)
        return
    kept = [i for i in new if i in old]
    for item in old:
        if item not in new:
            yield FieldChange(path, "removed", item, None, (*spath, 0), keys)
    for item in new:
        if item not in kept:
            yield FieldChange(path, "added", None, item, (*spath, 0), keys)


def body_diff(old: str, new: str) -> list[str]:
    """A unified diff of the body without headers, cut to BODY_DIFF_LINES lines."""
    if old == new:
        return []
    lines = list(difflib.unified_diff(old.splitlines(), new.splitlines(), lineterm="", n=1))[2:]
    if len(lines) > BODY_DIFF_LINES:
        lines = [*lines[:BODY_DIFF_LINES], f"…（另有 {len(lines) - BODY_DIFF_LINES} 行）"]
    return lines
