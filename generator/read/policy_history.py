"""The working tree's policy.yaml as written, for `generator.derive.applies`: its rule
entries are compared with the committed ones to tell from when each rule applies. The
reading lives here, so that derive/ stays pure (it never opens a file)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING

from generator.derive.applies import AppliesFrom, applies_from
from generator.model import Records
from generator.problems import Source
from generator.read.document import parse_bytes, read_raw

if TYPE_CHECKING:
    from generator.history import History


def policy_document(records_dir: Path | str) -> dict:
    """policy.yaml as written (its rule entries, to compare with the committed ones); {}
    when it cannot be read. Read as every record is: a regular file only, size-limited."""
    path = Path(records_dir) / "policy.yaml"
    raw, _ = read_raw(path, Source(str(path)))
    data = parse_bytes(raw, Source(str(path)), markdown=False).data if raw is not None else None
    return data if isinstance(data, dict) else {}


def applies_for(
    history: History | None, records: Records, today: dt.date, records_dir: Path | str
) -> AppliesFrom | None:
    """`applies_from` for the records folder as it is now (its policy.yaml as written)."""
    if history is None or not records.policy.due.from_history:
        return None
    return applies_from(history, records, today, policy_document(records_dir))
