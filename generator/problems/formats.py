"""Problem reports as text, versioned JSON, or GitHub Actions annotations."""

from __future__ import annotations

import json

from generator.present.mask import shown
from generator.problems import Problem
from generator.versions import PROBLEMS_JSON as JSON_VERSION


def as_text(problems: list[Problem]) -> str:
    """`file:line:col: severity code: 中文 / English` — editors jump to file:line:col."""
    lines = [
        f"{p.where}: {p.severity} {p.code}: {p.message_zh}\n    {p.message_en}" for p in problems
    ]
    return "\n".join(lines)


def summary_text(documents: int, errors: int, warnings: int) -> str:
    return (
        f"检查了 {documents} 个文件：{errors} 个错误，{warnings} 个警告。"
        f" / Checked {documents} files: {errors} error(s), {warnings} warning(s)."
    )


def as_json(problems: list[Problem], documents: int) -> str:
    """Versioned JSON; the shape is documented in docs/reference/output.md."""
    payload = {
        "version": JSON_VERSION,
        "summary": {
            "files": documents,
            "errors": sum(p.is_error for p in problems),
            "warnings": sum(not p.is_error for p in problems),
        },
        "problems": [
            {
                "code": p.code,
                "severity": p.severity,
                "file": shown(p.source.path),
                "line": p.source.line,
                "column": p.source.col,
                "field": p.path,
                "message": {"zh": p.message_zh, "en": p.message_en},
            }
            for p in problems
        ],
    }
    return json.dumps(payload, ensure_ascii=False, indent=2, sort_keys=True)


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def as_github(problems: list[Problem]) -> str:
    """Workflow commands that GitHub shows as annotations on the changed lines."""
    out = []
    for p in problems:
        level = "error" if p.is_error else "warning"
        props = ",".join(
            f"{key}={_escape_property(str(value))}"
            for key, value in (
                ("file", shown(p.source.path)),
                ("line", p.source.line),
                ("col", p.source.col),
                ("title", p.code),
            )
        )
        out.append(f"::{level} {props}::{_escape_data(p.message_zh + chr(10) + p.message_en)}")
    return "\n".join(out)
