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


def parse(text: str) -> tuple[dict, str]:
    """A record file the demo wrote, read back: its fields (front matter, or the whole YAML
    file) and its body ("" for a YAML file)."""
    if text.startswith("---\n"):
        head, _, body = text[4:].partition("\n---\n")
        return yaml.safe_load(head) or {}, body
    return yaml.safe_load(text) or {}, ""
