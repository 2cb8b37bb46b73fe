"""What the work folder holds from the last successful build, so the next writes only what changed.

`--work` keeps the docs tree, the search tree, MkDocs' own copy of the site and the search
index between builds. This file beside them (`.huifang-state.json`, plain JSON: nothing
in it is ever run) says what they are: which program and profile made them, the build's
key (speed/buildkey.py), the digest of the mkdocs.yml MkDocs ran with, each page's
digest of its inputs (its context, title, template: writer.py) and of its search copy,
the digest of the search tree each index shard was made from, and which folder the site
it published is (so a build knows `--out` is still that site).

It is removed when a build starts and written when one has succeeded, so after a failed
or interrupted build there is none and the next build starts clean: what the trees hold
then is not known. With the speed switch off there is never one (every build is clean).
"""

from __future__ import annotations

import json
import os
import tempfile
from dataclasses import asdict, dataclass, field
from pathlib import Path

from generator.speed import enabled

NAME = ".huifang-state.json"
FORMAT = 1


@dataclass
class SiteState:
    program: str  # the code, templates, programs' versions and profile that made the trees
    key: str | None = None  # the whole build's key; None: the build had none
    config: str = ""  # digest of the mkdocs.yml MkDocs ran with
    pages: dict[str, list[str]] = field(default_factory=dict)  # path → [inputs, search copy]
    index: dict[str, str] = field(default_factory=dict)  # shard → digest of its search tree
    site: list[int] = field(default_factory=list)  # the published site's identity (its folder)


def load_state(work: Path, program: str) -> SiteState | None:
    """The last successful build's state, when it was made by this program and profile
    (else None: the trees are rebuilt from nothing)."""
    if not enabled():
        return None
    try:
        data = json.loads((work / NAME).read_text(encoding="utf-8"))
        if data.pop("format") != FORMAT:
            return None
        state = SiteState(**data)
    except (OSError, ValueError, TypeError, KeyError):
        return None
    return state if state.program == program else None


def forget_state(work: Path) -> None:
    """The build is changing the trees: until it succeeds, they are in no known state."""
    (work / NAME).unlink(missing_ok=True)


def save_state(work: Path, state: SiteState) -> None:
    """Written whole under a temporary name and moved into place."""
    if not enabled():
        return
    handle, temp = tempfile.mkstemp(dir=work, prefix=".state-")
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as file:
            json.dump({"format": FORMAT, **asdict(state)}, file, ensure_ascii=False)
        os.replace(temp, work / NAME)
    finally:
        Path(temp).unlink(missing_ok=True)
