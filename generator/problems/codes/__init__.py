"""Every problem code, one module per code prefix (or a few small related prefixes).

A new code goes into the module of its prefix as a `ProblemKind` dataclass; a new
prefix gets a module of its own, listed in `MODULES`. docs/reference/problems.md is
generated from `CODES` (`make docs`), in the order of `MODULES`.
"""

from __future__ import annotations

from generator.problems.codes import (
    complaint,
    customer,
    dates,
    file,
    fmt,
    history,
    identity,
    lost,
    plan,
    policy,
    ref,
    response,
    review,
    schema,
    survey,
    text,
    visit,
    yaml,
)
from generator.problems.kind import ProblemKind, catalogue_of

# the order of the reference page: reading a file, then the cross-record checks
MODULES = (
    file,
    yaml,
    text,
    schema,
    identity,
    ref,
    customer,
    dates,
    survey,
    response,
    visit,
    review,
    complaint,
    lost,
    plan,
    history,
    fmt,
    policy,
)

CODES: dict[str, type[ProblemKind]] = catalogue_of(MODULES)
