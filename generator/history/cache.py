"""The history cache: what was read up to a commit, so a rebuild only walks newer commits.

One file per repository and records folder in the cache folder (generator.speed.store).
The key includes the program's code fingerprint, so a changed reader never meets an old
cache. Any unreadable cache is ignored: the cache only ever saves time, and with
HUIFANG_CACHE_DIR=off or HUIFANG_SPEED=off there is none (`load` finds nothing).
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from generator.speed.memory import collector_paused
from generator.speed.store import code_fingerprint, folder, load, save

__all__ = ["collector_paused", "folder", "key", "load", "save"]

FORMAT = b"history-cache-2"  # 2: merges, signers, key validity


def key(repo: Path, prefix: str, signers: bytes) -> str:
    digest = hashlib.sha256(FORMAT + code_fingerprint())
    for part in (str(repo.resolve()).encode(), prefix.encode(), signers):
        digest.update(hashlib.sha256(part).digest())
    return digest.hexdigest()[:32]
