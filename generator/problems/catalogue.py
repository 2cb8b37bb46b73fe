"""The catalogue of problem codes, and `make_problem`, which turns a code and its values
into a `Problem`.

The codes are declared in `generator.problems.codes`, one module per prefix; each
message says what is wrong and how to fix it, in Chinese and English. Values are masked
as `ProblemKind.problem` says: phone and ID numbers by pattern in every value, control
characters made visible; a value whose whole field is personal data (a name) is still
masked by its class by the caller.
"""

from __future__ import annotations

from generator.problems import Problem, Severity, Source
from generator.problems.codes import CODES
from generator.problems.kind import ProblemKind

__all__ = ["CODES", "ProblemKind", "make_problem"]


def make_problem(
    code: str,
    source: Source,
    path: str = "",
    *,
    severity: Severity | None = None,
    **params: object,
) -> Problem:
    """The problem `code` at `source`, about the field `path`, with the values its messages
    name (a `field` not given is the path). An unknown code, or a value missing or not
    named by the messages, is a programming error: KeyError or TypeError."""
    kind = CODES.get(code)
    if kind is None:
        raise KeyError(f"unknown problem code {code!r}")
    names = kind.fields()
    missing = [n for n in names if n not in params and n != "field"]
    extra = [n for n in params if n not in names]
    if missing or extra:
        raise TypeError(f"{code}: missing values {missing}, values not in its messages {extra}")
    return kind(**params).problem(source, path, severity)
