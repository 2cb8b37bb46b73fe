"""The team workflow files: CI workflows, pre-commit hooks and editor settings are valid, and
the commands in them work when run here the way CI and pre-commit run them."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from conftest import ROOT, TODAY, commit_all, run_git

BIN = Path(sys.executable).parent
WORKFLOWS = sorted((ROOT / ".github" / "workflows").glob("*.yml"))
BAD_VISIT = "---\ncustomer: C0001\ndate: '2026-11-21'\nmethod: phone\nstaff:\n- S99\n---\n正文。\n"


def tool(*args: str, cwd: Path = ROOT, env: dict | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [str(BIN / args[0]), *args[1:]],
        cwd=cwd,
        capture_output=True,
        text=True,
        env={**os.environ, **(env or {})},
        timeout=600,
    )


def test_the_workflows_are_valid_github_actions_workflows():
    assert {p.name for p in WORKFLOWS} == {"check.yml", "editor.yml", "site.yml"}
    paths = [str(p) for p in WORKFLOWS] + [str(ROOT / "docs/ci/gitea-site.yml")]
    result = tool("check-jsonschema", "--builtin-schema", "vendor.github-workflows", *paths)
    assert result.returncode == 0, result.stdout + result.stderr
    gitlab = tool("check-jsonschema", "--builtin-schema", "vendor.gitlab-ci",
                  str(ROOT / "docs/ci/gitlab-ci.yml"))  # fmt: skip
    assert gitlab.returncode == 0, gitlab.stdout + gitlab.stderr


def test_the_site_is_published_on_push_to_main_and_daily_from_the_full_history():
    site = yaml.safe_load((ROOT / ".github/workflows/site.yml").read_text(encoding="utf-8"))
    triggers = site[True]  # YAML 1.1 reads the key `on` as true
    assert triggers["push"]["branches"] == ["main"] and triggers["schedule"][0]["cron"]
    steps = site["jobs"]["build"]["steps"]
    assert steps[0]["uses"].startswith("actions/checkout@") and steps[0]["with"]["fetch-depth"] == 0
    assert any(s.get("uses", "").startswith("actions/upload-pages-artifact@") for s in steps)
    assert site["jobs"]["deploy"]["steps"][0]["uses"].startswith("actions/deploy-pages@")


def test_the_pre_commit_files_are_valid():
    config = tool("pre-commit", "validate-config", str(ROOT / ".pre-commit-config.yaml"))
    manifest = tool("pre-commit", "validate-manifest", str(ROOT / ".pre-commit-hooks.yaml"))
    assert config.returncode == 0 and manifest.returncode == 0, config.stdout + manifest.stdout
    hooks = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    assert [h["entry"] for h in hooks] == ["huifang fmt --check", "huifang check --no-history"]


@pytest.fixture
def team_repo(tmp_path) -> Path:
    """A records repository as a team has it: main with the demo records, then a PR branch."""
    repo = tmp_path / "team"
    shutil.copytree(ROOT / "records", repo / "records")
    run_git(repo, "init", "-q", "-b", "main")
    commit_all(repo, "records")
    run_git(repo, "update-ref", "refs/remotes/origin/main", "main")  # as actions/checkout has it
    run_git(repo, "checkout", "-q", "-b", "pr")
    return repo


def run_steps(
    workflow: str, job: str, repo: Path, summary: Path
) -> list[subprocess.CompletedProcess]:
    """Each `run` step of a job, as the runner runs it (bash -e), with huifang installed
    (the install step is skipped: this test's environment already has the package)."""
    steps = yaml.safe_load((ROOT / ".github/workflows" / workflow).read_text(encoding="utf-8"))
    results = []
    for step in steps["jobs"][job]["steps"]:
        if "run" not in step or step.get("id") == "install":
            continue
        env = {
            k: v.replace("${{ github.base_ref }}", "main") for k, v in step.get("env", {}).items()
        }
        env |= {"GITHUB_STEP_SUMMARY": str(summary), "PATH": f"{BIN}:{os.environ['PATH']}"}
        env["HUIFANG_TODAY"] = TODAY.isoformat()  # the workflows use the clock: fix the day
        command = ["bash", "-e", "-c", step["run"]]
        run = subprocess.run(
            command,
            cwd=repo,
            capture_output=True,
            text=True,
            env={**os.environ, **env},
            timeout=600,
        )
        results.append(run)
    return results


def test_the_pull_request_workflow_annotates_problems_and_summarises_in_chinese(
    team_repo, tmp_path
):
    visits = team_repo / "records/visits/2026"
    new = tool("huifang", "new", "visit", "--records", "records", "--customer", "C0001",
               "--date", "2026-11-22", "--staff", "S03", "--set", "method=onsite", cwd=team_repo)  # fmt: skip
    assert new.returncode == 0, new.stderr
    with (visits / "2026-11-22-C0001-onsite.md").open("a", encoding="utf-8") as out:
        out.write("上门拜访，客户对服务满意。\n")
    (visits / "2026-11-21-C0001-phone.md").write_text(BAD_VISIT, encoding="utf-8")
    commit_all(team_repo, "回访记录")
    summary = tmp_path / "summary.md"
    check, fmt = run_steps("check.yml", "check", team_repo, summary)
    assert check.returncode == 1
    assert (
        "::error file=records/visits/2026/2026-11-21-C0001-phone.md,line=6,col=3,"
        "title=ref.unknown_staff::" in check.stdout
    )
    text = summary.read_text(encoding="utf-8")
    assert "## 回访台检查结果" in text and "改动了 2 个记录文件，1 个错误" in text
    assert (
        "| `records/visits/2026/2026-11-21-C0001-phone.md` | 1 | 0 | 第 6 行 `ref.unknown_staff`"
        in text
    )
    # the new onsite visit by the chief account manager fulfils C0001's monthly visit (the
    # demo's one A1 customer not yet visited on site this month)
    assert "A1 客户每月上门至少 1 次（首席客户经理）" in text and "已完成" in text
    assert fmt.returncode == 0, fmt.stdout + fmt.stderr

    (visits / "2026-11-21-C0001-phone.md").write_text(
        BAD_VISIT.replace("S99", "S05").replace("staff:\n- S05", "staff: [S05]"), encoding="utf-8"
    )
    commit_all(team_repo, "改正")
    check, fmt = run_steps("check.yml", "check", team_repo, tmp_path / "again.md")
    assert check.returncode == 0, check.stdout
    assert fmt.returncode == 1 and "请在本地运行 huifang fmt" in fmt.stdout
    assert "+- S05" in fmt.stdout  # the diff shows what fmt would change


def test_the_site_workflow_builds_the_site(team_repo, tmp_path):
    (build,) = run_steps("site.yml", "build", team_repo, tmp_path / "summary.md")
    assert build.returncode == 0, build.stderr
    assert (team_repo / "site/index.html").is_file()
    assert (team_repo / "site/changes/feed.xml").is_file()


def test_pre_commit_runs_fmt_and_check_on_the_changed_records(team_repo, tmp_path):
    shutil.copy(ROOT / ".pre-commit-config.yaml", team_repo)
    (team_repo / ".venv").symlink_to(BIN.parent)  # what `make test` leaves in a checkout
    bad = team_repo / "records/visits/2026/2026-11-21-C0001-phone.md"
    bad.write_text(BAD_VISIT, encoding="utf-8")
    env = {"PRE_COMMIT_HOME": str(tmp_path / "pre-commit-home"), "HUIFANG_TODAY": TODAY.isoformat()}
    run_git(team_repo, "add", "-A")
    result = tool("pre-commit", "run", "--files", "records/visits/2026/2026-11-21-C0001-phone.md",
                  cwd=team_repo, env=env)  # fmt: skip
    assert result.returncode == 1
    assert "ref.unknown_staff" in result.stdout and "S99 不在 team.yaml 中" in result.stdout
    # only the changed file is reported: the demo's older warnings elsewhere are not
    assert "C0001.md" not in result.stdout
    bad.write_text(BAD_VISIT.replace("S99", "S05"), encoding="utf-8")
    run_git(team_repo, "add", "-A")
    result = tool("pre-commit", "run", "--files", "records/visits/2026/2026-11-21-C0001-phone.md",
                  cwd=team_repo, env=env)  # fmt: skip
    assert result.returncode == 0, result.stdout


def test_editors_find_a_schema_for_every_yaml_record_folder():
    settings = json.loads((ROOT / ".vscode/settings.json").read_text(encoding="utf-8"))
    mapping = settings["yaml.schemas"]
    for schema, globs in mapping.items():
        assert (ROOT / schema).is_file(), schema
        assert all(g.startswith("records/") for g in globs)
    kinds = {Path(s).stem for s in mapping}
    assert kinds == {
        "team",
        "policy",
        "customer",
        "visit",
        "complaint",
        "survey",
        "survey_response",
        "plan",
    }
    # the YAML-only kinds of the demo are matched by their globs
    yaml_records = [
        ROOT / "records/team.yaml",
        *sorted((ROOT / "records/surveys").glob("*.yaml")),
        *sorted((ROOT / "records/surveys").glob("*/responses/*.yaml")),
        *sorted((ROOT / "records/plans").glob("*/*.yaml")),
    ]
    for path in yaml_records:  # by one schema each: a form is no survey
        rel = path.relative_to(ROOT).as_posix()
        matched = [s for s, globs in mapping.items() if any(Path(rel).match(g) for g in globs)]
        assert len(matched) == 1, (rel, matched)
    tasks = json.loads((ROOT / ".vscode/tasks.json").read_text(encoding="utf-8"))
    matcher = tasks["tasks"][0]["problemMatcher"]["pattern"]["regexp"]
    line = "records/customers/C0001.md:11:5: error schema.type: 字段 contacts[0].mobile（手机）"
    import re

    assert re.match(matcher, line).groups()[:5] == (
        "records/customers/C0001.md", "11", "5", "error", "schema.type",
    )  # fmt: skip


def test_codeowners_gives_each_area_its_customers_files_and_visits():
    result = tool("huifang", "codeowners", "--records", str(ROOT / "records"),
                  "--area", "一区=@acme/sup-1", "--managers", "@acme/managers")  # fmt: skip
    assert result.returncode == 0, result.stderr
    rules = [line.split() for line in result.stdout.splitlines() if line.startswith("/")]
    assert rules[0] == ["/records/", "@acme/managers"]
    area_one = {
        p.stem for p in (ROOT / "records/customers").glob("*.md") if "area: 一区" in p.read_text()
    }
    owned = {pattern.split("-")[1] for pattern, owner in rules if "visits" in pattern}
    assert owned == area_one and all(o == "@acme/sup-1" for _, o in rules[3:-2])
    # a visit's file name matches its customer's pattern (later lines win in CODEOWNERS)
    visit = next((ROOT / "records/visits/2026").glob(f"*-{sorted(area_one)[0]}-*.md"))
    assert any(visit.match(pattern.lstrip("/").replace("**/", "*/")) for pattern, _ in rules[1:])
    # the plans of the area's staff go to its supervisors too (team.yaml: S05 and S08 are 一区's)
    team = yaml.safe_load((ROOT / "records/team.yaml").read_text(encoding="utf-8"))
    members = {s["id"] for s in team["staff"] if s.get("area") == "一区"}
    plans = {pattern: owner for pattern, owner in rules if pattern.startswith("/records/plans/")}
    assert plans == {f"/records/plans/*/{m}.*": "@acme/sup-1" for m in members} and members


def test_the_staff_guide_names_only_real_problem_codes_and_commands():
    import re

    from generator.problems.catalogue import CODES

    guide = (ROOT / "docs/guide.md").read_text(encoding="utf-8")
    named = set(re.findall(r"`([a-z]+\.[a-z_]+)`", guide)) - {"policy.yaml", "team.yaml"}
    assert named and named <= set(CODES), named - set(CODES)
    for command in ("new visit", "check", "fmt", "new complaint", "new customer", "new survey"):
        assert f"huifang {command}" in guide
