"""Reading one record file: bytes → text → front matter + body → YAML values.

Each file is read on its own and never raises for bad input, so one broken
file cannot stop the others from loading. This is the `parse` stage.
"""

from __future__ import annotations

import codecs
import os
import re
import stat
from dataclasses import dataclass, field
from pathlib import Path

from generator.problems import Problem, Source, locate
from generator.problems.cap import MORE_CODE
from generator.problems.catalogue import make_problem
from generator.read.guarded_yaml import load_yaml
from generator.read.textscan import scan_field_text, scan_values

MAX_FILE_BYTES = 1_048_576
READ_PIECE = 65_536
MARKDOWN_SUFFIXES = frozenset({".md", ".markdown"})
YAML_SUFFIXES = frozenset({".yaml", ".yml"})
_CJK = re.compile("[\u4e00-\u9fff]")
_KIND_NAMES = {type(None): ("空内容", "nothing"), list: ("列表", "a list")}


@dataclass
class Document:
    """One parsed file: its fields (None if unusable), their lines, and its body."""

    source: Source
    data: dict | None = None
    locs: dict[tuple, tuple[int, int]] = field(default_factory=dict)
    plain: dict[tuple, str] = field(default_factory=dict)
    body: str = ""
    body_line: int = 0
    problems: list[Problem] = field(default_factory=list)

    def where(self, path: tuple) -> Source:
        return locate(self.source, self.locs, path)


def decode(raw: bytes, source: Source) -> tuple[str | None, list[Problem]]:
    """Strict UTF-8 (a BOM is fine); a GBK file is recognised and named as such."""
    if raw.startswith(codecs.BOM_UTF8):
        raw = raw[len(codecs.BOM_UTF8) :]
    try:
        return raw.decode("utf-8"), []
    except UnicodeDecodeError as err:
        line = raw.count(b"\n", 0, err.start) + 1
        try:
            looks_gbk = bool(_CJK.search(raw.decode("gb18030")))
        except UnicodeDecodeError:
            looks_gbk = False
        code = "file.encoding_gbk" if looks_gbk else "file.encoding"
        return None, [make_problem(code, source.at(line), line=line)]


def split_front_matter(text: str, source: Source) -> tuple[str, int, str, int, list[Problem]]:
    """(yaml text, its line offset, body, body's first line, problems) of a Markdown record."""
    lines = text.split("\n")
    if not lines or lines[0].rstrip() != "---":
        return "", 0, text, 1, [make_problem("file.no_front_matter", source.at(1))]
    for index in range(1, len(lines)):
        if lines[index].rstrip() in ("---", "..."):
            body = "\n".join(lines[index + 1 :])
            return "\n".join(lines[1:index]), 1, body, index + 2, []
    return "", 0, "", 0, [make_problem("file.unclosed_front_matter", source.at(1))]


def parse_text(text: str, source: Source, markdown: bool) -> Document:
    doc = Document(source)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if markdown:
        yaml_text, offset, doc.body, doc.body_line, problems = split_front_matter(text, source)
        doc.problems += problems
        if problems:
            return doc
    else:
        yaml_text, offset = text, 0
    char_problems = scan_field_text(yaml_text, source, offset)
    doc.problems += char_problems
    quiet = frozenset(p.source.line for p in char_problems if p.code != MORE_CODE)
    parsed = load_yaml(yaml_text, source, offset, quiet)
    doc.problems += parsed.problems
    doc.locs, doc.plain = parsed.locs, parsed.plain
    if "\\" in yaml_text:  # an escape needs a backslash: most files have none
        doc.problems += scan_values(parsed.data, doc.where, yaml_text)
    if isinstance(parsed.data, dict):
        doc.data = parsed.data
    elif not any(p.is_error for p in doc.problems):
        found_zh, found_en = _KIND_NAMES.get(type(parsed.data), ("单个值", "a single value"))
        doc.problems.append(
            make_problem(
                "yaml.not_mapping", source.at(offset + 1), found_zh=found_zh, found_en=found_en
            )
        )
    return doc


# No wait on a FIFO (opened non-blocking, then refused), no link followed, no terminal
# taken over; on a regular file these flags change nothing.
_OPEN_FLAGS = os.O_RDONLY
for _flag in ("O_NOFOLLOW", "O_NONBLOCK", "O_NOCTTY", "O_CLOEXEC", "O_BINARY"):
    _OPEN_FLAGS |= getattr(os, _flag, 0)
_NOT_REGULAR = (  # (test, Chinese, English) of what a file is instead of a regular one
    (stat.S_ISFIFO, "命名管道（FIFO）", "a named pipe (FIFO)"),
    (stat.S_ISCHR, "设备文件", "a device"),
    (stat.S_ISBLK, "设备文件", "a device"),
    (stat.S_ISSOCK, "套接字", "a socket"),
    (stat.S_ISDIR, "文件夹", "a folder"),
)


def read_raw(path: str | Path, source: Source) -> tuple[bytes | None, Problem | None]:
    """A file's bytes, or the problem that kept them from being read (too large, unreadable,
    a symbolic link, not a regular file). Only a regular file is read: a link is not
    followed (it may point out of the records folder, or at /dev/stdin) and a FIFO is
    never waited on. os.read on a descriptor: a third of the cost of open().read() per
    small file."""
    try:
        descriptor = os.open(path, _OPEN_FLAGS)
    except OSError as err:
        if os.path.islink(path):  # O_NOFOLLOW refused it (ELOOP)
            return None, make_problem("file.symlink", source)
        return None, _unreadable(source, err)
    try:
        info = os.fstat(descriptor)
        if not stat.S_ISREG(info.st_mode):
            what_zh, what_en = next(
                ((zh, en) for test, zh, en in _NOT_REGULAR if test(info.st_mode)),
                ("特殊文件", "a special file"),
            )
            return None, make_problem("file.not_regular", source, what_zh=what_zh, what_en=what_en)
        raw = _read_up_to_limit(descriptor)
        if len(raw) > MAX_FILE_BYTES:
            size = os.fstat(descriptor).st_size
            return None, make_problem("file.too_large", source, size=size, limit=MAX_FILE_BYTES)
        return raw, None
    except OSError as err:
        return None, _unreadable(source, err)
    finally:
        os.close(descriptor)


def _unreadable(source: Source, err: OSError) -> Problem:
    return make_problem("file.unreadable", source, detail=err.strerror or type(err).__name__)


def _read_up_to_limit(descriptor: int) -> bytes:
    """The file's bytes, or just past the limit's worth. Read in 64 KiB pieces: one read
    into a buffer the size of the limit cost 4x as much on small files (1 MB allocated
    and returned to the system per file)."""
    pieces, size = [], 0
    while size <= MAX_FILE_BYTES:
        piece = os.read(descriptor, READ_PIECE)
        pieces.append(piece)
        size += len(piece)
        if len(piece) < READ_PIECE:  # the end of the file
            break
    return pieces[0] if len(pieces) == 1 else b"".join(pieces)


def read_document(path: Path, source: Source) -> Document:
    """Read and parse one record file. Never raises for bad content."""
    raw, problem = read_raw(path, source)
    if raw is None:
        assert problem is not None  # read_raw says why it read nothing
        return Document(source, problems=[problem])
    return parse_bytes(raw, source, markdown=path.suffix.lower() in MARKDOWN_SUFFIXES)


def parse_bytes(raw: bytes, source: Source, markdown: bool) -> Document:
    """Decode and parse one file's content. Never raises for bad content."""
    text, problems = decode(raw, source)
    if text is None:
        return Document(source, problems=problems)
    return parse_text(text, source, markdown)
