"""History from real Git repositories made in temp dirs: authors, field diffs, a rename, a
delete, ssh-signed commits, a shallow clone — checked against what git itself says."""

from __future__ import annotations

import json
import shutil
import xml.etree.ElementTree as ET

import pytest
from conftest import BASE_FILES, build_site, commit_all, huifang, run_git, write_tree

from generator.history import read_history
from generator.history.diff import body_diff, field_changes

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")


VISIT = "---\ncustomer: C0001\ndate: 2026-11-20\nmethod: phone\nstaff: [S01]\n---\n电话回访。\n"


@pytest.fixture
def repo(tmp_path):
    """Five commits by three people: create, edit fields and body, rename a visit, move a
    customer, delete a complaint."""
    root = tmp_path / "team-records"
    records = write_tree(root, {"visits/2026/2026-11-20-C0001-phone.md": VISIT})
    run_git(root, "init", "-q", "-b", "main")
    commit_all(root, "建档", author="王芳")
    customer = records / "customers" / "C0001.md"
    text = customer.read_text(encoding="utf-8")
    edited = text.replace("grade: A", "grade: B").replace('"13912345678"', '"13900001111"')
    edited = edited.replace("客户概况。", "客户概况。\n\n新增：每月初对账。")
    customer.write_text(edited, encoding="utf-8")
    commit_all(root, "改等级和电话", author="李强", when="2026-11-05T10:00:00+08:00")
    old = records / "visits/2026/2026-11-20-C0001-phone.md"
    old.rename(old.with_name("2026-11-20-C0001-onsite.md"))
    commit_all(root, "改正回访方式", author="李强", when="2026-11-06T10:00:00+08:00")
    (records / "customers" / "2026").mkdir()
    customer.rename(records / "customers" / "2026" / "C0001.md")
    commit_all(root, "按年份归档", author="赵敏", when="2026-11-07T10:00:00+08:00")
    (records / "complaints" / "2026" / "K2026-0001.md").unlink()
    commit_all(root, "删除重复投诉", author="赵敏", when="2026-11-08T10:00:00+08:00")
    return root


def test_field_diff_matches_list_items_by_key():
    old = {"grade": "A", "contacts": [{"name": "张伟", "mobile": "1"}, {"name": "李娜"}]}
    new = {"grade": "B", "contacts": [{"name": "李娜"}, {"name": "张伟", "mobile": "2"}],
           "tags": ["重点"]}  # fmt: skip
    changes = {(c.name, c.change, str(c.old), str(c.new)) for c in field_changes(old, new)}
    assert changes == {
        ("grade", "changed", "A", "B"),
        ("contacts.张伟.mobile", "changed", "1", "2"),  # reordering is not a change
        ("tags", "added", "None", "['重点']"),
    }
    assert body_diff("一\n二\n", "一\n三\n") == ["@@ -1,2 +1,2 @@", " 一", "-二", "+三"]


def test_every_record_has_its_versions_across_renames_moves_and_deletes(repo):
    history = read_history(repo / "records")
    customer = history.of("customer", "C0001")
    assert [v.change for v in customer.versions] == ["added", "modified", "renamed"]
    assert [v.commit.author for v in customer.versions] == ["王芳", "李强", "赵敏"]
    assert customer.versions[-1].path == "records/customers/2026/C0001.md"
    assert customer.versions[-1].old_path == "records/customers/C0001.md"
    edit = customer.versions[1]
    fields = {(f.name, f.change, f.old, f.new) for f in edit.fields}
    assert ("grade", "changed", "A", "B") in fields
    assert ("contacts.张伟.mobile", "changed", "13912345678", "13900001111") in fields
    assert "+新增：每月初对账。" in edit.body
    visit = history.of("visit", "2026-11-20-C0001-onsite")
    assert [v.change for v in visit.versions] == ["added", "renamed"]
    assert history.of("visit", "2026-11-20-C0001-phone") is None  # one history, current id
    complaint = history.of("complaint", "K2026-0001")
    assert complaint.deleted and complaint.deleted.commit.author == "赵敏"
    assert complaint.deleted.commit.subject == "删除重复投诉"


def test_history_agrees_with_git_log_follow(repo):
    history = read_history(repo / "records")
    follow = run_git(
        repo, "log", "--follow", "--format=%H", "--", "records/customers/2026/C0001.md"
    )
    assert [v.commit.sha for v in history.of("customer", "C0001").versions] == follow.split()[::-1]
    assert not history.shallow


def test_history_command_text_json_and_masking(repo):
    text = huifang("history", "C0001", "--records", str(repo / "records"), "--profile", "full")
    assert text.returncode == 0, text.stderr
    assert "李强" in text.stdout and "修改 grade: A → B" in text.stdout
    assert "13912345678 → 13900001111" in text.stdout
    masked = huifang("history", "C0001", "--records", str(repo / "records"), "--profile", "masked",
                     "--format", "json")  # fmt: skip
    assert masked.returncode == 0, masked.stderr
    assert "13900001111" not in masked.stdout and "139****1111" in masked.stdout
    payload = json.loads(masked.stdout)
    assert payload["version"] == 1 and payload["records"][0]["versions"][0]["change"] == "added"
    missing = huifang("history", "C9999", "--records", str(repo / "records"))
    assert missing.returncode == 1 and "C9999" in missing.stderr


def test_not_a_repository_is_a_clear_error(tmp_path):
    records = write_tree(tmp_path, {})
    result = huifang("history", "C0001", "--records", str(records))
    assert result.returncode == 2
    assert "不在 Git 仓库中" in result.stderr and "Traceback" not in result.stderr


def test_a_shallow_clone_says_history_is_partial(repo, tmp_path):
    clone = tmp_path / "shallow"
    run_git(tmp_path, "clone", "-q", "--depth", "1", f"file://{repo}", str(clone))
    history = read_history(clone / "records")
    assert history.shallow
    result = huifang("history", "C0001", "--records", str(clone / "records"))
    assert result.returncode == 0, result.stderr
    assert "git fetch --unshallow" in result.stdout


def test_base_files_are_records():  # the fixture relies on these paths
    assert "customers/C0001.md" in BASE_FILES and "complaints/2026/K2026-0001.md" in BASE_FILES


def test_customer_pages_show_the_change_history_masked(repo, tmp_path):
    result, work = build_site(repo / "records", tmp_path / "site")
    assert result.returncode == 0, result.stderr
    page = (work / "docs" / "customers" / "C0001.md").read_text(encoding="utf-8")
    changes = page.split(">变更记录</h2>", 1)[1]
    assert changes.index("赵敏") < changes.index("李强") < changes.index("王芳")  # newest first
    assert '修改 <span title="grade">客户分级</span>：A → B' in changes  # the schema's title
    # the contact is named as the page names it: masked (issue 17 item 7)
    assert (
        '修改 <span title="contacts.张*.mobile">关键人物 › 张* › 手机</span>：139****5678 → 139****1111'
        in changes
    )
    assert "张伟" not in changes
    assert "13900001111" not in (tmp_path / "site" / "customers" / "C0001.html").read_text("utf-8")


def test_change_pages_and_the_atom_feed_list_the_latest_changes_masked(repo, tmp_path):
    result, work = build_site(repo / "records", tmp_path / "site")
    assert result.returncode == 0, result.stderr
    docs = work / "docs" / "changes"
    recent = (docs / "index.md").read_text(encoding="utf-8")
    assert recent.index("删除重复投诉") < recent.index("按年份归档") < recent.index("改等级和电话")
    assert '<a href="../customers/C0001.html">C0001</a>' in recent
    complaints = (docs / "complaints.md").read_text(encoding="utf-8")
    gone = '<a href="../changes/deleted/complaint-K2026-0001.html">K2026-0001</a>'
    assert complaints.count(gone) == 2  # added and deleted: both lead to the page that keeps it
    kept = (docs / "deleted" / "complaint-K2026-0001.md").read_text(encoding="utf-8")
    assert "被 赵敏 删除" in kept and "删除重复投诉" in kept and kept.count("<tr><td") == 2
    assert (tmp_path / "site" / "changes" / "deleted" / "complaint-K2026-0001.html").is_file()
    assert "C0001" not in complaints.split("<tbody>")[1]  # only complaint rows on this page
    feed_bytes = (tmp_path / "site" / "changes" / "feed.xml").read_bytes()
    assert b"13900001111" not in feed_bytes and b"13912345678" not in feed_bytes
    atom = "{http://www.w3.org/2005/Atom}"
    entries = ET.fromstring(feed_bytes).findall(f"{atom}entry")
    subjects = [e.findtext(f"{atom}title").split("（")[0] for e in entries]
    assert subjects == ["删除重复投诉", "按年份归档", "改正回访方式", "改等级和电话", "建档"]
    edit = entries[3]
    assert edit.findtext(f"{atom}author/{atom}name") == "李强"
    assert edit.findtext(f"{atom}published") == "2026-11-05T10:00:00+08:00"
    assert "修改 客户分级 A → B" in edit.findtext(f"{atom}content")
    assert "139****5678 → 139****1111" in edit.findtext(f"{atom}content")
    assert edit.find(f"{atom}link").get("href") == "../customers/C0001.html"
    page = (tmp_path / "site" / "index.html").read_text(encoding="utf-8")
    assert 'type="application/atom+xml"' in page and "changes/feed.xml" in page


def test_a_complaint_on_the_customer_page_shows_its_own_changes(tmp_path):
    root = tmp_path / "repo"
    records = write_tree(root, {})
    run_git(root, "init", "-q", "-b", "main")
    commit_all(root, "登记投诉")
    complaint = records / "complaints" / "2026" / "K2026-0001.md"
    complaint.write_text(
        complaint.read_text(encoding="utf-8").replace("已上门处理。", "已上门更换配件。"), "utf-8"
    )
    commit_all(root, "补充处理结果", author="李强", when="2026-11-05T10:00:00+08:00")
    result, work = build_site(records, tmp_path / "site")
    assert result.returncode == 0, result.stderr
    page = (work / "docs" / "customers" / "C0001.md").read_text(encoding="utf-8")
    own = page.split('<details class="hf-record-changes">', 1)[1].split("</details>")[0]
    assert "投诉记录的变更（2 次）" in own
    assert '修改 <span title="resolution">处理结果</span>：已上门处理。 → 已上门更换配件。' in own
    assert own.index("李强") < own.index("王芳")  # newest first


def test_commit_messages_are_masked_in_the_masked_profile(tmp_path):
    root = tmp_path / "repo"
    records = write_tree(root, {})
    run_git(root, "init", "-q", "-b", "main")
    commit_all(root, "补录 13912345678 来电的投诉")  # a phone number in the message itself
    masked = huifang("history", "K2026-0001", "--records", str(records), "--profile", "masked")
    assert masked.returncode == 0, masked.stderr
    assert "13912345678" not in masked.stdout and "139****5678" in masked.stdout
    result, _ = build_site(records, tmp_path / "site")
    assert result.returncode == 0, result.stderr  # the post-build scan finds no number
    feed = (tmp_path / "site" / "changes" / "feed.xml").read_text(encoding="utf-8")
    assert "139****5678" in feed
