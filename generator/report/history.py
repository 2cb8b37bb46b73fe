"""A record's history for people (text, newest first) and programs (versioned JSON)."""

from __future__ import annotations

import json

from generator.history import SHALLOW_NOTE, History, RecordHistory
from generator.present.history import version_dict
from generator.present.mask import visible
from generator.present.privacy import Privacy
from generator.versions import HISTORY_JSON


def as_json(histories: list[RecordHistory], history: History, privacy: Privacy) -> str:
    payload = {
        "version": HISTORY_JSON,
        "shallow": history.shallow,
        "records": [
            {
                "kind": h.kind,
                "id": h.id,
                "deleted": h.deleted is not None,
                "versions": [version_dict(h.kind, v, privacy) for v in h.versions],
            }
            for h in histories
        ],
    }
    return json.dumps(payload, ensure_ascii=False, indent=2) + "\n"


def as_text(histories: list[RecordHistory], history: History, privacy: Privacy) -> str:
    lines = [SHALLOW_NOTE, ""] if history.shallow else []
    for h in histories:
        lines.append(
            f"{h.kind} {h.id}：{len(h.versions)} 个版本" + ("（已删除）" if h.deleted else "")
        )
        for v in reversed(h.versions):  # newest first
            d = version_dict(h.kind, v, privacy)
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
