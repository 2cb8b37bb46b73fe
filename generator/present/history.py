"""A record's versions as people see them (the `history` command, the site's 变更 pages
and 变更记录, the feed): every value masked by `Privacy`, by its field's `x-pii` class in
the masked profile exactly as on the rest of the site; body diffs like free text."""

from __future__ import annotations

from typing import TYPE_CHECKING

from generator.history import Version
from generator.history.diff import FieldChange
from generator.present.privacy import Privacy
from generator.vocabulary import BOOLEAN_LABELS, FIELD_CHANGE_LABELS, enum_labels, field, shipped

if TYPE_CHECKING:
    from typing import TypedDict

    class FieldLine(TypedDict):
        field: str  # the path as the file spells it (the history command's)
        title: str  # the same path in the schema's Chinese titles (the site's)
        change: str
        label: str
        old: str
        new: str
        old_label: str  # old and new with enum values and yes/no in Chinese
        new_label: str

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
    return ".".join(
        _key_part(kind, change, index, privacy) or privacy.plain(part)
        for index, part in enumerate(change.path)
    )


def _key_part(kind: str, change: FieldChange, index: int, privacy: Privacy) -> str | None:
    """The path's part `index` as its list item's key is shown; None when it is a field."""
    key = change.key_field(index)
    if key is None:
        return None
    return privacy.field_value(kind, (*change.schema_path[: index + 1], key), change.path[index])


def field_title(kind: str, change: FieldChange, privacy: Privacy) -> str:
    """`联系人 › 张* › 手机`: each part of the path by its schema title (a list item by its
    key, masked like that key's field); a part the schema has no title for as it is."""
    if kind not in shipped().documents:
        return field_name(kind, change, privacy)
    parts = []
    for index, part in enumerate(change.path):
        title = field(kind, change.schema_path[: index + 1]).title
        parts.append(_key_part(kind, change, index, privacy) or title or privacy.plain(part))
    return " › ".join(parts)


def labelled_value(
    kind: str, schema_path: tuple[object, ...], value: object, privacy: Privacy
) -> str:
    """A field's value with an allowed value by its Chinese label and yes/no as 是/否; any
    other value exactly as `Privacy.field_value` shows (and masks) it."""
    node = field(kind, schema_path).node if kind in shipped().documents else {}
    if isinstance(value, bool) and node:
        return BOOLEAN_LABELS[value]
    if isinstance(value, str | int) and not isinstance(value, bool):
        label = enum_labels(kind, schema_path).get(value) if node else None
        if label:
            return label[0]
    if isinstance(value, list) and node:
        items = [labelled_value(kind, (*schema_path, 0), item, privacy) for item in value]
        return "、".join(items)
    if isinstance(value, dict) and node:
        parts = [
            f"{field(kind, (*schema_path, k)).title or privacy.plain(k)}："
            f"{labelled_value(kind, (*schema_path, k), v, privacy)}"
            for k, v in value.items()
        ]
        return "{" + "，".join(parts) + "}"
    return privacy.field_value(kind, schema_path, value)


def field_line(kind: str, change: FieldChange, privacy: Privacy) -> FieldLine:
    path = change.schema_path
    return {
        "field": field_name(kind, change, privacy),
        "title": field_title(kind, change, privacy),
        "change": change.change,
        "label": FIELD_CHANGE_LABELS[change.change],
        "old": privacy.field_value(kind, path, change.old),
        "new": privacy.field_value(kind, path, change.new),
        "old_label": labelled_value(kind, path, change.old, privacy),
        "new_label": labelled_value(kind, path, change.new, privacy),
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
