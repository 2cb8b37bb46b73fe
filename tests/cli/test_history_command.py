"""`huifang history` in-process, on a small Git repository: masked by default."""

from __future__ import annotations

import json
import shutil

import pytest
from clirun import huifang_in
from conftest import commit_all, run_git, write_tree

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")


@pytest.fixture
def repo(tmp_path):
    records = write_tree(tmp_path, {})
    run_git(tmp_path, "init", "-q")
    commit_all(tmp_path, "建档")
    customer = records / "customers" / "C0001.md"
    text = customer.read_text(encoding="utf-8")
    customer.write_text(text.replace("13912345678", "13900001111"), encoding="utf-8")
    commit_all(tmp_path, "改电话", author="李强", when="2026-11-05T10:00:00+08:00")
    return records


def test_the_default_profile_is_masked_and_full_must_be_asked_for(repo):
    masked = huifang_in("history", "C0001", "--records", str(repo))
    assert masked.exit_code == 0, masked.stderr
    assert "李强" in masked.stdout  # staff and authors are shown in every profile
    assert "13900001111" not in masked.stdout and "139****1111" in masked.stdout
    full = huifang_in("history", "C0001", "--records", str(repo), "--profile", "full")
    assert "13912345678 → 13900001111" in full.stdout


def test_json_is_versioned_newest_last(repo):
    result = huifang_in("history", "C0001", "--records", str(repo), "--format", "json")
    payload = json.loads(result.stdout)
    assert result.exit_code == 0 and payload["version"] == 1
    versions = payload["records"][0]["versions"]
    assert [v["change"] for v in versions] == ["added", "modified"]
    assert "13900001111" not in result.stdout


def test_an_unknown_record_is_exit_1(repo):
    result = huifang_in("history", "C9999", "--records", str(repo))
    assert result.exit_code == 1 and "C9999" in result.stderr


def test_outside_a_repository_is_exit_2(tree):
    result = huifang_in("history", "C0001", "--records", str(tree()))
    assert result.exit_code == 2
