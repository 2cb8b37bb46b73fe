"""The Atom feed's ids are stable and never hold a run of digits the post-build scan takes
for a phone or ID number (a demo build once failed on "…-a03962890065", a "landline")."""

from __future__ import annotations

import uuid

from generator.present.mask import numbers_in
from generator.site.changes import FEED_NAMESPACE, _urn


def test_feed_ids_are_stable_and_hold_no_number():
    seeds = [f"{n:040x}" for n in range(3000)]
    plain = [f"urn:uuid:{uuid.uuid5(FEED_NAMESPACE, s)}" for s in seeds]
    risky = [s for s, urn in zip(seeds, plain, strict=True) if any(numbers_in(urn))]
    assert risky  # the plain name-based ids do hold such runs now and then
    ids = [_urn(s) for s in seeds]
    assert not any(any(numbers_in(i)) for i in ids)
    assert ids == [_urn(s) for s in seeds] and len(set(ids)) == len(ids)
    kept = [s for s in seeds if s not in risky]
    assert all(_urn(s) == f"urn:uuid:{uuid.uuid5(FEED_NAMESPACE, s)}" for s in kept)
