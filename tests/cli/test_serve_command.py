"""`huifang serve` in-process: its help, and the errors that stop it before the first build
(the preview itself runs as a process with a browser in tests/e2e/test_serve.py)."""

from __future__ import annotations

import socket

from clirun import huifang_in


def test_help_has_examples_the_defaults_and_says_the_files_are_builds():
    result = huifang_in("serve", "--help")
    text = " ".join(result.stdout.split())
    assert result.exit_code == 0
    assert "预览网站" in text and "例子 / examples" in text and "huifang serve --today" in text
    assert "--profile [masked|full]" in text and "[default: masked]" in text
    assert "[default: 8000" in text and "127.0.0.1" in text
    assert "--config" in text and "byte for byte" in text and "Ctrl-C" in text


def test_a_missing_records_folder_a_refused_setting_and_a_taken_port_are_exit_2(tree, tmp_path):
    missing = huifang_in("serve", "--records", str(tmp_path / "nope"))
    assert missing.exit_code == 2 and "找不到记录目录" in missing.stderr
    records = tree()
    (records.parent / "mkdocs.yml").write_text("theme:\n  font: {text: Roboto}\n", "utf-8")
    refused = huifang_in("serve", "--records", str(records), "--out", str(tmp_path / "s"))
    assert refused.exit_code == 2 and ":2: theme.font:" in refused.stderr
    assert "Google Fonts" in refused.stderr and "Traceback" not in refused.output
    (records.parent / "mkdocs.yml").unlink()
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = str(taken.getsockname()[1])
        busy = huifang_in("serve", "--records", str(records), "--port", port,
                          "--out", str(tmp_path / "s"), "--work", str(tmp_path / "w"))  # fmt: skip
    assert busy.exit_code == 2 and f"端口 {port} 无法使用" in busy.stderr
    assert not (tmp_path / "s").exists()  # nothing was built
