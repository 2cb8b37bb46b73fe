"""What the visits came to: objective achieved, customer would refer us, how they heard of us.

Counts of the visit fields `achieved`, `referral` and `source` (kept as `heard_from`) for a
set of visits; the 报表 page and its workbook show them per month and staff member.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from generator.model import Visit


@dataclass(frozen=True)
class YesNo:
    """How often a yes/no field was true, false, or not written."""

    yes: int = 0
    no: int = 0
    unknown: int = 0

    @classmethod
    def of(cls, values: Iterable[bool | None]) -> YesNo:
        counted = Counter(values)
        return cls(counted[True], counted[False], counted[None])


@dataclass(frozen=True)
class Outcomes:
    visits: int
    achieved: YesNo
    referral: YesNo
    heard_from: tuple[tuple[str, int], ...]  # (how they heard of us, visits), most first


def outcomes_of(visits: list[Visit]) -> Outcomes:
    channels = Counter(
        v.heard_from.strip() for v in visits if v.heard_from and v.heard_from.strip()
    )
    return Outcomes(
        visits=len(visits),
        achieved=YesNo.of(v.achieved for v in visits),
        referral=YesNo.of(v.referral for v in visits),
        heard_from=tuple(sorted(channels.items(), key=lambda kv: (-kv[1], kv[0]))),
    )
