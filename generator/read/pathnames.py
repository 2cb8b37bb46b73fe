"""File and folder names as messages show them: escaped, never raw.

A name on disk may be any bytes but `/` and NUL: bytes that are not UTF-8 (Python keeps
them as lone surrogates, which cannot be printed or encoded), a newline or an ESC that
would break a line of output or drive the terminal, a bidi override that reorders what
is shown. Discovery gives every record file a displayed name made here, and that name is
what messages, caches and pages use; the file itself is still opened by its real name.

The escape is one to one, so two files never share a displayed name: a byte that is not
UTF-8 is `\\xNN` (NN from 80 to ff), an unprintable character `\\uNNNN` (or `\\UNNNNNNNN`),
a backslash `\\\\`. A printable name without a backslash is shown as it is.
"""

from __future__ import annotations


def shown_name(name: str) -> str:
    """`name` (as os functions give it: undecodable bytes as surrogates) for messages."""
    if name.isprintable() and "\\" not in name:
        return name
    return "".join(map(_shown_char, name))


def _shown_char(char: str) -> str:
    if char == "\\":
        return "\\\\"
    code = ord(char)
    if 0xDC80 <= code <= 0xDCFF:  # a byte that was not UTF-8 (surrogateescape)
        return f"\\x{code - 0xDC00:02x}"
    if char.isprintable():
        return char
    return f"\\u{code:04x}" if code <= 0xFFFF else f"\\U{code:08x}"


def shown_path(path: str) -> str:
    """Each part of a `/`-separated path `shown_name`d."""
    return "/".join(map(shown_name, path.split("/")))
