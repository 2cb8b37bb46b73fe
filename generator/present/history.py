"""A record's versions as people see them (the `history` command, the site's 变更 pages
and 变更记录, the feed): every value masked by `Privacy`, by its field's `x-pii` class in
the masked profile exactly as on the rest of the site; body diffs like free text."""

from __future__ import annotations

from typing import TYPE_CHECKING

from generator.history import Version
from generator.history.diff import FieldChange
from generator.present.privacy import Privacy
from generator.vocabulary import FIELD_CHANGE_LABELS

if TYPE_CHECKING:
    from typing import TypedDict

    class FieldLine(TypedDict):
        field: str
        change: str
        label: str
        old: str
        new: str

    class VersionDict(TypedDict):
        commit: str
        short: str
        author: str
        author_email: str
        author_date: str
        committer: str
        committer_date: str
        message: str
        signature: str
        signature_label: str
        signed: bool
        signing_key: str
        signer: str
        path: str
        old_path: str
        change: str
        change_label: str
        fields: list[FieldLine]
        body_diff: list[str]


def field_name(kind: str, change: FieldChange, privacy: Privacy) -> str:
    """`contacts.张*.mobile`: a list item named by its key is named as that key's field is
    shown (a contact's name masked like the name itself)."""
    parts = []
    for index, part in enumerate(change.path):
        key = change.key_field(index)
        if key is not None:
            parts.append(privacy.field_value(kind, (*change.schema_path[: index + 1], key), part))
        else:
            parts.append(privacy.plain(part))
    return ".".join(parts)


def field_line(kind: str, change: FieldChange, privacy: Privacy) -> FieldLine:
    return {
        "field": field_name(kind, change, privacy),
        "change": change.change,
        "label": FIELD_CHANGE_LABELS[change.change],
        "old": privacy.field_value(kind, change.schema_path, change.old),
        "new": privacy.field_value(kind, change.schema_path, change.new),
    }


def version_dict(kind: str, version: Version, privacy: Privacy) -> VersionDict:
    c = version.commit
    return {
        "commit": c.sha,
        "short": c.short,
        "author": privacy.plain(c.author),
        "author_email": privacy.plain(c.author_email),
        "author_date": c.author_date,
        "committer": privacy.plain(c.committer),
        "committer_date": c.committer_date,
        "message": privacy.free_text(c.message.strip()),
        "signature": c.signature,
        "signature_label": c.signature_label,
        "signed": c.signed,
        "signing_key": c.key,
        # whom the allowed signers trust the key for; the author is a claim
        "signer": privacy.plain(c.signer) if c.signer else c.signer,
        "path": privacy.plain(version.path),
        "old_path": privacy.plain(version.old_path),
        "change": version.change,
        "change_label": version.label,
        "fields": [field_line(kind, f, privacy) for f in version.fields],
        "body_diff": [privacy.diff_line(line) for line in version.body],
    }
