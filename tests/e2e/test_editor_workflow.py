"""The editor's branch workflow (.github/workflows/editor.yml) run as the runner runs it, on
a real Git remote: a visit as Decap CMS commits it to a cms/… branch (lowercase file name,
unquoted date, list indented by two) comes back formatted and renamed, in a commit on that
branch that passes `huifang fmt --check` and `huifang check`; a second run changes nothing."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import yaml
from conftest import ROOT, commit_all, run_git

BIN = Path(sys.executable).parent
BRANCH = "cms/visits/2026-11-23-c0001-onsite"  # Decap's branch name: cms/<collection>/<slug>
DECAP = (
    "---\ncustomer: C0001\ndate: 2026-11-23\nmethod: onsite\nkind: routine\nstaff:\n  - S03\n"
    "outcome: 客户确认了整改方案\n---\n"
)  # what tests/e2e/test_cms.py measured Decap 3.16 writing
LOWER = "records/visits/2026/2026-11-23-c0001-onsite.md"
RIGHT = "records/visits/2026/2026-11-23-C0001-onsite.md"


def git(repo: Path, *args: str) -> str:
    return run_git(repo, *args)


def run_workflow(clone: Path) -> list[subprocess.CompletedProcess]:
    """Each `run` step of editor.yml's job but the install (this environment has huifang)."""
    workflow = yaml.safe_load((ROOT / ".github/workflows/editor.yml").read_text(encoding="utf-8"))
    env = {**os.environ, "GITHUB_REF_NAME": BRANCH, "PATH": f"{BIN}:{os.environ['PATH']}"}
    return [
        subprocess.run(
            ["bash", "-e", "-c", step["run"]],
            cwd=clone,
            env=env,
            text=True,
            capture_output=True,
            timeout=600,
        )
        for step in workflow["jobs"]["fmt"]["steps"]
        if "run" in step and step.get("id") != "install"
    ]


def test_the_workflow_runs_on_the_editor_s_branches_only():
    workflow = yaml.safe_load((ROOT / ".github/workflows/editor.yml").read_text(encoding="utf-8"))
    assert workflow[True] == {"push": {"branches": ["cms/**"]}}  # YAML 1.1 reads `on` as true
    assert workflow["permissions"] == {"contents": "write"}
    checkout = workflow["jobs"]["fmt"]["steps"][0]
    assert checkout["uses"].startswith("actions/checkout@")
    assert "secrets.HUIFANG_PUSH_TOKEN" in checkout["with"]["token"]


def test_the_editor_s_visit_comes_back_formatted_and_renamed(tmp_path):
    origin = tmp_path / "origin.git"
    subprocess.run(["git", "init", "-q", "--bare", "-b", "main", str(origin)], check=True)
    team = tmp_path / "team"
    shutil.copytree(ROOT / "records", team / "records")
    run_git(team, "init", "-q", "-b", "main")
    commit_all(team, "演示记录")
    git(team, "remote", "add", "origin", str(origin))
    git(team, "push", "-q", "origin", "main")
    # the editor's commit on its own branch, as Decap makes it through the host's API
    git(team, "checkout", "-q", "-b", BRANCH)
    (team / LOWER).write_text(DECAP, encoding="utf-8")
    # as the person logged in: S03, who went on the visit (team.yaml lists s03@example.com)
    commit_all(team, "Create 回访记录 “2026-11-23-c0001-onsite”", author="s03")
    git(team, "push", "-q", "origin", BRANCH)
    runner = tmp_path / "runner"  # actions/checkout: the branch pushed
    git(tmp_path, "clone", "-q", "-b", BRANCH, str(origin), str(runner))

    (step,) = run_workflow(runner)
    assert step.returncode == 0, step.stdout + step.stderr
    head = git(origin, "log", "-1", "--format=%an|%s", BRANCH).strip()
    assert (
        head
        == "回访台 huifang fmt|整理格式和文件名（huifang fmt）/ huifang fmt: format and file names"
    )
    changed = [line.split("\t") for line in
               git(origin, "show", "--name-status", "--format=", "-M", BRANCH).splitlines()]  # fmt: skip
    assert [c[1:] for c in changed if c[0].startswith("R")] == [[LOWER, RIGHT]]  # renamed, edited
    pushed = tmp_path / "pushed"
    git(tmp_path, "clone", "-q", "-b", BRANCH, str(origin), str(pushed))
    text = (pushed / RIGHT).read_text(encoding="utf-8")
    assert (
        text.startswith("---\ncustomer: C0001\ndate: '2026-11-23'\n") and "staff:\n- S03\n" in text
    )
    huifang = str(BIN / "huifang")
    fmt = subprocess.run([huifang, "fmt", "--check", "--records", "records"], cwd=pushed,
                         capture_output=True, text=True)  # fmt: skip
    assert fmt.returncode == 0, fmt.stdout + fmt.stderr
    check = subprocess.run([huifang, "check", "--records", "records", "--today", "2026-11-23",
                            "--format", "json"], cwd=pushed, capture_output=True, text=True)  # fmt: skip
    assert check.returncode == 0, check.stdout + check.stderr
    mine = {p["code"] for p in json.loads(check.stdout)["problems"] if p["file"] == RIGHT}
    assert mine == {"visit.no_record"}  # the empty 正文 only: no file-name warning
    # pushed again (the runner at the new head): nothing to do, no commit
    git(runner, "pull", "-q", "--ff-only")
    before = git(origin, "rev-parse", BRANCH)
    (again,) = run_workflow(runner)
    assert again.returncode == 0, again.stdout + again.stderr
    assert git(origin, "rev-parse", BRANCH) == before
