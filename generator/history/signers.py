"""Which keys are trusted to sign commits: the ssh allowed-signers file and where it lives.

An allowed-signers file outside the repository is read as it is now. One tracked inside
the repository is part of the history it judges, so it is never trusted by the version
a commit itself brings: each commit is judged by the file as of its first parent
(generator.history.read_history), and `huifang check` also by the file as of the last
verified head (generator.history.trust). A commit cannot add its own key.

Git checks a key's `valid-after`/`valid-before` against the commit's committer date,
which the signer writes (GIT_COMMITTER_DATE=2019-01-01 makes an expired key "valid").
So the validity of each trusted key is kept here (`windows`) and judged again against
the clock of the check (`valid_at`).
"""

from __future__ import annotations

import base64
import hashlib
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from fnmatch import fnmatchcase
from pathlib import Path

NO_SIGNERS = "gpg.ssh.allowedSignersFile=/dev/null"  # exists and trusts nobody
Window = tuple[float | None, float | None]  # (valid-after, valid-before) in Unix seconds


@dataclass(frozen=True)
class Signers:
    """The allowed-signers file in use: `file` (None when neither given nor configured);
    `in_repo` is its path from the repository's top when it is tracked there."""

    file: Path | None = None
    in_repo: str = ""

    def config(self) -> tuple[str, ...]:
        """`-c` settings for git reading signatures with the file as it is now."""
        if self.file is None:
            return (NO_SIGNERS,)  # signed commits show as signed by an unknown key, not "N"
        return (f"gpg.ssh.allowedSignersFile={self.file}",)

    def fingerprint(self) -> bytes:
        """What a cached signature status depends on: an in-repository file's path (its
        versions are in the history itself), else the file's content now."""
        if self.in_repo:
            return b"in-repo:" + self.in_repo.encode()
        if self.file is None:
            return b""
        try:
            return self.file.read_bytes()
        except OSError:
            return b""


def resolve(
    repo: Path, given: Path | None, configured: str, tracked: Callable[[str], bool]
) -> Signers:
    """The file given with --allowed-signers, else git's gpg.ssh.allowedSignersFile
    (a relative setting is taken from the repository's top, as git does). It is "in the
    repository" when it lies in the work tree and `tracked` says git tracks that path
    (one written there by CI from a secret, untracked, is an outside file)."""
    if given is not None:
        file = given.resolve()
    elif configured:
        file = (repo / configured).resolve()
    else:
        return Signers()
    try:
        relative = file.relative_to(repo.resolve()).as_posix()
    except ValueError:
        return Signers(file)
    return Signers(file, relative) if tracked(relative) else Signers(file)


def key_fingerprint(blob_base64: str) -> str:
    """ssh's SHA256 fingerprint of a public key, as git's %GK shows it."""
    try:
        blob = base64.b64decode(blob_base64, validate=True)
    except ValueError:
        return ""
    return "SHA256:" + base64.b64encode(hashlib.sha256(blob).digest()).decode().rstrip("=")


def _moment(text: str) -> float | None:
    """ssh-keygen's YYYYMMDD[HHMM[SS]][Z]: UTC with Z, else the checking machine's time."""
    utc = text.endswith(("Z", "z"))
    digits = text[:-1] if utc else text
    layout = {8: "%Y%m%d", 12: "%Y%m%d%H%M", 14: "%Y%m%d%H%M%S"}.get(len(digits))
    if layout is None:
        return None
    try:
        moment = datetime.strptime(digits, layout)
    except ValueError:
        return None
    return (moment.replace(tzinfo=UTC) if utc else moment.astimezone()).timestamp()


def _words(line: str, count: int) -> list[str]:
    """The first `count` blank-separated words; double quotes (kept) hold blanks."""
    words, word, quoted = [], "", False
    for char in line:
        if char == '"':
            quoted = not quoted
            word += char
        elif char in " \t" and not quoted:
            if word:
                words.append(word)
                word = ""
                if len(words) == count:
                    return words
        else:
            word += char
    return [*words, word] if word else words


def _split_options(text: str) -> list[str]:
    """`a="x,y",b` → ['a="x,y"', 'b']: commas inside double quotes do not split."""
    parts, part, quoted = [], "", False
    for char in text:
        if char == '"':
            quoted = not quoted
        if char == "," and not quoted:
            parts.append(part)
            part = ""
        else:
            part += char
    return [*parts, part]


def _entry(line: str) -> tuple[list[str], dict[str, str], str] | None:
    """(principal patterns, options, key blob) of one allowed-signers line."""
    words = _words(line, 4)
    if len(words) < 3 or words[0].startswith("#"):
        return None
    principals, rest = words[0].replace('"', "").split(","), words[1:]
    options: dict[str, str] = {}
    if not rest[0].startswith(("ssh-", "ecdsa-", "sk-")):  # the options come first
        for option in _split_options(rest[0]):
            name, _, value = option.partition("=")
            options[name.lower()] = value.replace('"', "")
        rest = rest[1:]
    if len(rest) < 2:
        return None
    return principals, options, rest[1]


def windows(content: bytes, key: str, principal: str) -> tuple[Window, ...]:
    """The validity of every line trusting `key` (a %GK fingerprint) for `principal` in
    the git namespace; () when no line does (then git's own answer stands)."""
    if not key.startswith("SHA256:"):
        return ()  # a GPG key: gpg judges expiry against the clock itself
    found = []
    for line in content.decode("utf-8", "replace").splitlines():
        entry = _entry(line.strip())
        if entry is None:
            continue
        patterns, options, blob = entry
        if "cert-authority" in options or key_fingerprint(blob) != key:
            continue
        if not any(fnmatchcase(principal, p) for p in patterns if not p.startswith("!")):
            continue
        spaces = options.get("namespaces")
        if spaces is not None and not any(fnmatchcase("git", s) for s in spaces.split(",")):
            continue
        after, before = options.get("valid-after"), options.get("valid-before")
        found.append((_moment(after) if after else None, _moment(before) if before else None))
    return tuple(found)


def valid_at(spans: tuple[Window, ...], now: float) -> str:
    """ "" when a line trusts the key at `now` (or nothing is known), else git's "Y"
    (the key has expired) or "V" (the key is not valid yet)."""
    if not spans:
        return ""
    if any((a is None or a <= now) and (b is None or now < b) for a, b in spans):
        return ""
    return "Y" if any(b is not None and b <= now for _, b in spans) else "V"
