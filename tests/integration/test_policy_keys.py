"""Every setting schema/policy.json accepts is read by some code (issue 18, item 2): a key
that is documented and accepted but acted on by nothing is a defect (surveys.every_months,
min_sample and distribution_rate_target were). A simple, honest static check: each key of
every property path must appear in generator/ (outside the model, the reader and the reference
pages, which only carry or describe values) as an attribute (`.key`) or a string key (`"key"`)
access."""

from __future__ import annotations

import json
import re

from conftest import ROOT

SCHEMA = ROOT / "schema" / "policy.json"
# carry or describe values, act on none (folders of generator/, or files as a relative path)
CARRIERS = ("model", "read", "report/reference.py", "cli/reference.py")
WRITERS = ("demo",)  # the demo generator writes a policy.yaml; writing a key is not reading it
# Keys read in a way the pattern does not see, each with the reason.
EXCEPTIONS = {
    "version": "the file format's version: the schema accepts only 1, nothing to act on",
    "severity": "read for every completeness check by Policy.severity (model/policy.py)",
    "completeness": "read through Policy.severity (model/policy.py)",
    "answer_hours": "read with answer_hours_by_channel by ComplaintLimits.answer_hours_for (model/policy.py)",
    "answer_hours_by_channel": "read by ComplaintLimits.answer_hours_for (model/policy.py)",
    "except": "a Python keyword: loaded as InactivityRule.exceptions, read as `.exceptions`",
}


def _paths(node: dict, defs: dict, prefix: tuple = ()):
    """(path, key) of every property, through $ref, allOf and array items."""
    if "$ref" in node and node["$ref"].startswith("#/$defs/"):
        yield from _paths(defs[node["$ref"].rsplit("/", 1)[1]], defs, prefix)
    for sub in node.get("allOf", []) + node.get("anyOf", []) + node.get("oneOf", []):
        yield from _paths(sub, defs, prefix)
    if isinstance(node.get("items"), dict):
        yield from _paths(node["items"], defs, (*prefix, "[]"))
    for key, child in node.get("properties", {}).items():
        yield (*prefix, key), key
        yield from _paths(child, defs, (*prefix, key))


def _source() -> str:
    root = ROOT / "generator"
    files = [
        p
        for p in root.rglob("*.py")
        if p.relative_to(root).parts[0] not in CARRIERS + WRITERS
        and p.relative_to(root).as_posix() not in CARRIERS
    ]
    return "\n".join(p.read_text(encoding="utf-8") for p in files)


def test_every_policy_key_is_read_by_some_code():
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    source = _source()
    unread = set()
    for path, key in _paths(schema, schema.get("$defs", {})):
        if key in EXCEPTIONS:
            continue
        pattern = rf"\.{re.escape(key)}\b|[\"']{re.escape(key)}[\"']"
        if not re.search(pattern, source):
            unread.add(".".join(path))
    assert not unread, f"policy settings no code reads: {sorted(unread)}"


def test_the_exceptions_are_still_keys_of_the_schema():
    text = SCHEMA.read_text(encoding="utf-8")
    assert all(f'"{key}"' in text for key in EXCEPTIONS)
