"""How a demo record is written: YAML as the reader expects it, plus a Markdown body."""

from __future__ import annotations

from collections.abc import Mapping

import yaml


def dump(fields: Mapping[str, object], body: str | None = None) -> str:
    """A record file: YAML (quoted dates and phones, as the reader expects) plus a body."""
    text = yaml.safe_dump(dict(fields), allow_unicode=True, sort_keys=False, width=1000)
    if body is None:
        return text
    return f"---\n{text}---\n{body.rstrip()}\n"
