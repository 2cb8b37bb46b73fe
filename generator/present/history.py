"""A record's history for people (text, the site) and programs (JSON, versioned).

Values are masked by their field's `x-pii` class in the masked profile, exactly
as on the rest of the site; body diffs are masked like free text.
"""

from __future__ import annotations

import json

from generator.history import SHALLOW_NOTE, History, RecordHistory, Version
from generator.history.diff import FieldChange
from generator.present.mask import mask_text, mask_value, shown, visible
from generator.vocabulary import FIELD_CHANGE_LABELS, field, shipped


def shown_value(kind: str, schema_path: tuple, value: object, masked: bool) -> str:
    """A field value as text; mappings and lists spelled out with each part masked."""
    if value is None:
        return ""
    if isinstance(value, dict):
        parts = [
            f"{_shown_text(k, masked)}: {shown_value(kind, (*schema_path, k), v, masked)}"
            for k, v in value.items()
        ]
        return "{" + ", ".join(parts) + "}"
    if isinstance(value, list):
        items = [shown_value(kind, (*schema_path, 0), v, masked) for v in value]
        return "[" + ", ".join(items) + "]"
    if not masked:
        return visible(str(value))
    if kind not in shipped().documents:
        return _shown_text(value, masked)
    info = field(kind, schema_path)
    if not info.node:  # no such field: a version the checker rejects (`contact:` for contacts)
        return "***"  # could hold anything, a name or a birthday: nothing of it is shown
    return visible(mask_value(value, info.pii))


def _shown_text(value: object, masked: bool) -> str:
    """Text from Git or a record that is not a field's value (a key, a path, an author)."""
    return shown(str(value)) if masked else visible(str(value))


def field_name(kind: str, change: FieldChange, masked: bool) -> str:
    """`contacts.张*.mobile`: a list item named by its key is named as that key's field is
    shown (a contact's name masked like the name itself)."""
    parts = []
    for index, part in enumerate(change.path):
        key = change.key_field(index)
        if key is not None:
            parts.append(shown_value(kind, (*change.schema_path[: index + 1], key), part, masked))
        else:
            parts.append(_shown_text(part, masked))
    return ".".join(parts)


def field_line(kind: str, change: FieldChange, masked: bool) -> dict:
    return {
        "field": field_name(kind, change, masked),
        "change": change.change,
        "label": FIELD_CHANGE_LABELS[change.change],
        "old": shown_value(kind, change.schema_path, change.old, masked),
        "new": shown_value(kind, change.schema_path, change.new, masked),
    }


def version_dict(kind: str, version: Version, masked: bool) -> dict:
    c = version.commit
    return {
        "commit": c.sha,
        "short": c.short,
        "author": _shown_text(c.author, masked),
        "author_email": _shown_text(c.author_email, masked),
        "author_date": c.author_date,
        "committer": _shown_text(c.committer, masked),
        "committer_date": c.committer_date,
        "message": mask_text(c.message.strip()) if masked else c.message.strip(),
        "signature": c.signature,
        "signature_label": c.signature_label,
        "signed": c.signed,
        "signing_key": c.key,
        "signer": _shown_text(c.signer, masked)
        if c.signer
        else c.signer,  # whom the allowed signers trust the key for; the author is a claim
        "path": _shown_text(version.path, masked),
        "old_path": _shown_text(version.old_path, masked),
        "change": version.change,
        "change_label": version.label,
        "fields": [field_line(kind, f, masked) for f in version.fields],
        "body_diff": [
            visible(mask_text(line, markup=True)) if masked else visible(line)
            for line in version.body
        ],
    }


def as_json(histories: list[RecordHistory], history: History, masked: bool) -> str:
    payload = {
        "version": 1,
        "shallow": history.shallow,
        "records": [
            {
                "kind": h.kind,
                "id": h.id,
                "deleted": h.deleted is not None,
                "versions": [version_dict(h.kind, v, masked) for v in h.versions],
            }
            for h in histories
        ],
    }
    return json.dumps(payload, ensure_ascii=False, indent=2) + "\n"


def as_text(histories: list[RecordHistory], history: History, masked: bool) -> str:
    lines = [SHALLOW_NOTE, ""] if history.shallow else []
    for h in histories:
        lines.append(
            f"{h.kind} {h.id}：{len(h.versions)} 个版本" + ("（已删除）" if h.deleted else "")
        )
        for v in reversed(h.versions):  # newest first
            d = version_dict(h.kind, v, masked)
            moved = f"（自 {d['old_path']}）" if d["old_path"] else ""
            signer = f"（签名者 {d['signer']}）" if d["signer"] else ""
            lines.append(
                f"  {d['author_date'][:16].replace('T', ' ')}  {d['short']}  {d['author']}{signer}  "
                f"{d['change_label']} {d['path']}{moved}  [{d['signature_label']}]"
            )
            lines.append(f"    {d['message'].split(chr(10), 1)[0]}")
            if v.change == "added":  # a new record's values are the record itself: not repeated
                continue
            for f in d["fields"]:
                arrow = (
                    f"{f['old']} → {f['new']}" if f["change"] == "changed" else f["old"] or f["new"]
                )
                lines.append(f"    {f['label']} {f['field']}: {arrow}")
            lines += [f"    | {line}" for line in d["body_diff"]]
        lines.append("")
    return "\n".join(map(visible, lines))  # Git's text is anyone's: no terminal control
