"""Hostile files in and around the records folder (issue 17, items 18-21 and 25).

Commands read regular files inside the records folder only: a FIFO or a link to
/dev/stdin is an error, never a hang; a link (to a file or a folder, inside or out) is
refused and never followed, so a loop of linked folders cannot hang either; a name that
is not UTF-8 or holds control characters is shown escaped; an unreadable folder is an
error naming it. The cache folder is used only when it is the user's own and not
writable by others, and an entry is unpickled only after its HMAC checks out.

Real files in temp dirs and the real `huifang` command, each run with a timeout and a
standard input that stays open (a read of /dev/stdin would wait for ever).
"""

from __future__ import annotations

import json
import os
import pickle
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import VISIT, write_tree

import generator.speed.store as store

BIN = Path(sys.executable).parent / "huifang"
TIMEOUT = 60
NEW_VISIT = "visits/2026/2026-11-21-C0001-phone.md"
OUTSIDE_CUSTOMER = """\
id: C0777
name: 外链客户七七七有限公司
kind: organisation
grade: A
owner: S01
area: 一区
"""
# Without these capabilities root is refused like anyone else by a folder's permissions.
DROP_CAPS = ["setpriv", "--bounding-set=-dac_override,-dac_read_search"]


def run(*args: str, cwd: Path, env: dict | None = None, prefix=()) -> subprocess.CompletedProcess:
    """The real command, as of the test day; bytes out, so raw bytes would be seen."""
    read_end, write_end = os.pipe()  # standard input stays open for the whole run
    try:
        return subprocess.run(
            [*prefix, str(BIN), *args],
            cwd=cwd,
            stdin=read_end,
            capture_output=True,
            timeout=TIMEOUT,
            env={**os.environ, "HUIFANG_TODAY": "2026-11-23", "CI": "true", **(env or {})},
        )
    except subprocess.TimeoutExpired:
        pytest.fail(f"huifang {' '.join(args)} did not finish in {TIMEOUT} s (a hang)")
    finally:
        os.close(read_end)
        os.close(write_end)


def text_of(result: subprocess.CompletedProcess) -> tuple[str, str]:
    """stdout and stderr, which must be UTF-8 without a traceback."""
    out, err = result.stdout.decode("utf-8"), result.stderr.decode("utf-8")
    assert "Traceback" not in err, err
    return out, err


def problems(result: subprocess.CompletedProcess) -> set[tuple[str, str, str]]:
    out, _ = text_of(result)
    return {(p["code"], p["severity"], p["file"]) for p in json.loads(out)["problems"]}


def check_json(records: Path, **kw) -> tuple[int, set]:
    result = run("check", "--format", "json", cwd=records.parent, **kw)
    return result.returncode, problems(result)


def hostile_tree(tmp_path: Path) -> Path:
    """A FIFO named like a visit and a customer linked to /dev/stdin."""
    records = write_tree(tmp_path, {})
    os.mkfifo(records / NEW_VISIT)
    os.symlink("/dev/stdin", records / "customers/C0002.md")
    return records


# --- 18: FIFOs and links to /dev/stdin ----------------------------------------------
def test_a_fifo_or_a_link_to_stdin_named_like_a_record_is_an_error_not_a_hang(tmp_path):
    records = hostile_tree(tmp_path)
    code, found = check_json(records)
    assert code == 1
    assert ("file.not_regular", "error", f"records/{NEW_VISIT}") in found
    assert ("file.symlink", "error", "records/customers/C0002.md") in found
    # the other records still load: nothing else is wrong with them
    assert {f for _, severity, f in found if severity == "error"} == {
        f"records/{NEW_VISIT}",
        "records/customers/C0002.md",
    }


@pytest.mark.parametrize(
    "args", [("fmt", "--check"), ("fmt",), ("due",), ("complaints",)], ids=" ".join
)
def test_no_command_hangs_on_a_fifo_or_a_link_to_stdin(tmp_path, args):
    records = hostile_tree(tmp_path)
    result = run(*args, cwd=records.parent)
    out, err = text_of(result)
    if args[0] == "fmt":  # each file it could not read is named, and the run fails
        assert result.returncode == 1
        assert f"records/{NEW_VISIT}" in err and "file.not_regular" in err
        assert "records/customers/C0002.md" in err and "file.symlink" in err
        assert os.path.islink(records / "customers/C0002.md")  # left as it was
    else:  # the rules are worked out from the records that could be read
        assert result.returncode == 0 and "C0001" in out
        assert "2 个错误" in err


def test_build_publishes_nothing_read_through_a_link_and_never_hangs(tmp_path):
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    (outside / "secret.yaml").write_text(OUTSIDE_CUSTOMER, encoding="utf-8")
    records = hostile_tree(tmp_path / "repo")
    os.symlink(outside / "secret.yaml", records / "customers/C0777.yaml")
    (records / os.fsdecode(b"visits/2026/2026-11-22-C0001-\xff.md")).write_text(VISIT)
    site, work = tmp_path / "site", tmp_path / "work"
    args = ("build", "--out", str(site), "--work", str(work), "--profile", "full", "-q")
    result = run(*args, cwd=records.parent)
    text_of(result)
    assert result.returncode == 0, result.stderr.decode()
    assert (site / "index.html").exists()
    for path in [*site.rglob("*"), *work.rglob("*")]:
        if path.is_file():
            data = path.read_bytes()
            assert "七七七".encode() not in data, path  # the file's name alone is in 数据质量
    assert not list(site.rglob("*C0777*"))


# --- 19: names that are not UTF-8 or hold control characters ------------------------
ODD_NAMES = {
    b"visits/2026/2026-11-21-C0001-\xff.md": VISIT,  # not UTF-8
    b"visits/20\xfe26/2026-11-22-C0001-phone.md": VISIT,  # a folder that is not UTF-8
    b"customers/C0002\n\x1b[31m.md": "---\nid: C0002\n---\n",  # newline and ESC
}


def odd_tree(tmp_path: Path) -> Path:
    records = write_tree(tmp_path, {})
    for name, text in ODD_NAMES.items():
        path = os.path.join(os.fsencode(records), name)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "w", encoding="utf-8") as file:
            file.write(text)
    return records


def assert_clean_lines(out: str) -> None:
    """Every line of output is whole: no escape sequence, each problem on its two lines."""
    assert "\x1b" not in out and "\r" not in out
    for line in out.splitlines():
        assert line.startswith(("records/", "    ", "检查了")), repr(line)


def test_names_that_are_not_utf8_or_hold_control_characters_are_shown_escaped(tmp_path):
    records = odd_tree(tmp_path)
    for _ in range(2):  # the second run is served by the cache
        result = run("check", cwd=records.parent)
        out, _ = text_of(result)
        assert result.returncode == 1
        assert_clean_lines(out)
        assert "records/visits/2026/2026-11-21-C0001-\\xff.md:" in out
        assert "records/visits/20\\xfe26/2026-11-22-C0001-phone.md:" in out  # a folder's name
        assert "records/customers/C0002\\u000a\\u001b[31m.md:" in out
        assert "records/visits/2026/2026-11-20-C0001-phone.md" not in out  # still fine
    code, found = check_json(records)
    assert code == 1
    assert {f for _, _, f in found} == {  # and nothing else: the other records load
        "records/visits/2026/2026-11-21-C0001-\\xff.md",
        "records/visits/20\\xfe26/2026-11-22-C0001-phone.md",
        "records/customers/C0002\\u000a\\u001b[31m.md",
    }


@pytest.mark.parametrize("args", [("fmt", "--check"), ("due",), ("complaints",)], ids=" ".join)
def test_every_command_survives_names_that_are_not_utf8(tmp_path, args):
    records = odd_tree(tmp_path)
    result = run(*args, cwd=records.parent)
    out, err = text_of(result)
    assert result.returncode in (0, 1), err
    assert "\x1b" not in out + err


def test_an_escaped_name_never_stands_for_another_file(tmp_path):
    """A file literally named with a backslash and one with the byte it spells are two
    files with two names in messages."""
    from generator.read.load import discover

    visits = os.fsencode(tmp_path / "visits" / "2026")
    os.makedirs(visits)
    for name in (b"a\\xff.md", b"a\xff.md", b"a\\\\.md", b"a\\.md"):
        open(os.path.join(visits, name), "w").close()
    found, _ = discover(tmp_path)
    assert len({f.shown for f in found}) == 4


# --- 20: unreadable folders ---------------------------------------------------------
def _unprivileged_prefix() -> tuple[str, ...] | None:
    if os.geteuid() != 0:
        return ()
    if shutil.which("setpriv") is None:
        return None
    probe = subprocess.run(
        [*DROP_CAPS, sys.executable, "-c", "import os; os.listdir('/root')"],
        capture_output=True,
    )
    probe_ok = subprocess.run([*DROP_CAPS, "true"], capture_output=True).returncode == 0
    return tuple(DROP_CAPS) if probe_ok and probe.returncode in (0, 1) else None


def test_an_unreadable_folder_is_an_error_naming_it(tmp_path):
    prefix = _unprivileged_prefix()
    if prefix is None:
        pytest.skip("running as root without setpriv: permissions never stop a read here")
    records = write_tree(tmp_path, {"visits/2025/2025-11-20-C0001-phone.md": VISIT})
    locked = records / "visits/2025"
    locked_file = records / "customers/C0003.md"
    locked_file.write_text("---\nid: C0003\n---\n", encoding="utf-8")
    locked.chmod(0)
    locked_file.chmod(0)
    try:
        result = run("check", "--format", "json", cwd=records.parent, prefix=prefix)
        assert result.returncode == 1
        found = problems(result)
        assert ("file.folder_unreadable", "error", "records/visits/2025/") in found
        assert ("file.unreadable", "error", "records/customers/C0003.md") in found
        payload = json.loads(result.stdout)
        [folder] = [p for p in payload["problems"] if p["code"] == "file.folder_unreadable"]
        assert "chmod" in folder["message"]["en"] and "权限" in folder["message"]["zh"]
        result = run("check", cwd=records.parent, prefix=prefix)
        out, _ = text_of(result)
        assert "records/visits/2025/:1:1: error file.folder_unreadable" in out
        result = run("fmt", "--check", cwd=records.parent, prefix=prefix)
        _, err = text_of(result)
        assert result.returncode == 1 and "records/visits/2025/" in err
    finally:
        locked.chmod(0o755)
        locked_file.chmod(0o644)


# --- 21: links ----------------------------------------------------------------------
def test_a_link_to_a_yaml_file_outside_the_repository_is_refused(tmp_path):
    outside = tmp_path / "elsewhere" / "secret.yaml"
    outside.parent.mkdir()
    outside.write_text(OUTSIDE_CUSTOMER, encoding="utf-8")
    records = write_tree(tmp_path / "repo", {})
    os.symlink(outside, records / "customers/C0777.yaml")
    result = run("check", "--format", "json", cwd=records.parent)
    assert result.returncode == 1
    assert problems(result) == {("file.symlink", "error", "records/customers/C0777.yaml")}
    assert "七七七" not in result.stdout.decode()

    from generator.check import check_records
    from generator.derive import AsOf  # noqa: F401  (the rules read the same records)

    report = check_records(records, __import__("datetime").date(2026, 11, 23), use_cache=False)
    assert "C0777" not in report.records.customers


def test_a_link_inside_the_records_folder_is_refused_too(tmp_path):
    records = write_tree(tmp_path, {})
    os.symlink("C0001.md", records / "customers/C0002.md")
    os.symlink("../../customers/C0001.md", records / "visits/2026/2026-11-21-C0001-phone.md")
    code, found = check_json(records)
    assert code == 1
    assert found == {
        ("file.symlink", "error", "records/customers/C0002.md"),
        ("file.symlink", "error", f"records/{NEW_VISIT}"),
    }


def test_linked_folders_are_never_followed_so_loops_cannot_hang(tmp_path):
    records = write_tree(tmp_path, {})
    os.symlink("..", records / "visits/2026/loop")  # visits/2026/loop/2026/loop/…
    os.symlink("2026", records / "visits/2027")
    os.symlink(".", records / "customers/again")
    os.symlink(tmp_path, records / "surveys/outside")
    code, found = check_json(records)
    assert code == 1
    assert found == {
        ("file.symlink", "error", "records/visits/2026/loop/"),
        ("file.symlink", "error", "records/visits/2027/"),
        ("file.symlink", "error", "records/customers/again/"),
        ("file.symlink", "error", "records/surveys/outside/"),
    }


# --- 25: the cache ------------------------------------------------------------------
class Planted:
    """A pickle that makes a folder when it is loaded: code run from the cache."""

    def __init__(self, marker: Path) -> None:
        self.marker = marker

    def __reduce__(self):
        return (os.mkdir, (str(self.marker),))


def plant(cache: Path, marker: Path) -> int:
    files = list(cache.glob("*.pickle"))
    for path in files:
        path.write_bytes(pickle.dumps(Planted(marker)))
    return len(files)


def test_a_crafted_pickle_in_the_cache_is_never_run(tmp_path):
    records = write_tree(tmp_path, {NEW_VISIT: "---\ncustomer: C9\n---\n"})
    cache, marker = tmp_path / "cache", tmp_path / "ran"
    env = {"HUIFANG_CACHE_DIR": str(cache)}
    expected = run("check", "--format", "json", cwd=records.parent, env=env)
    assert expected.returncode == 1
    assert plant(cache, marker) >= 2  # the files' shards and the whole run's result
    result = run("check", "--format", "json", cwd=records.parent, env=env)
    assert not marker.exists()
    assert (result.returncode, result.stdout) == (expected.returncode, expected.stdout)
    assert result.stderr == expected.stderr  # a bad entry is a miss, not a warning
    again = run("check", "--format", "json", cwd=records.parent, env=env)  # cache rewritten
    assert again.stdout == expected.stdout and not marker.exists()


@pytest.mark.parametrize("how", ["mode 777", "mode 775", "another user's", "a link"])
def test_a_cache_folder_others_can_write_is_not_used(tmp_path, how):
    records = write_tree(tmp_path, {NEW_VISIT: "---\ncustomer: C9\n---\n"})
    cache, marker = tmp_path / "cache", tmp_path / "ran"
    env = {"HUIFANG_CACHE_DIR": str(cache)}
    expected = run("check", "--format", "json", cwd=records.parent, env=env)
    assert "cache" not in expected.stderr.decode()  # the user's own folder: no warning
    plant(cache, marker)
    if how == "mode 777":
        cache.chmod(0o777)
    elif how == "mode 775":
        cache.chmod(0o775)
    elif how == "another user's":
        if os.geteuid() != 0:
            pytest.skip("only root can give a folder to another user")
        os.chown(cache, 65534, 65534)
    else:  # a link to a folder owned by someone else
        if os.geteuid() != 0:
            pytest.skip("only root can give a folder to another user")
        os.chown(cache, 65534, 65534)
        env = {"HUIFANG_CACHE_DIR": str(tmp_path / "link")}
        os.symlink(cache, tmp_path / "link")
    before = sorted(p.name for p in cache.iterdir())
    result = run("check", "--format", "json", cwd=records.parent, env=env)
    out, err = text_of(result)
    assert not marker.exists()
    assert (result.returncode, out) == (expected.returncode, expected.stdout.decode())
    [warning] = [line for line in err.splitlines() if "cache" in line]
    assert "缓存" in warning and str(tmp_path) in warning
    assert sorted(p.name for p in cache.iterdir()) == before  # nothing written there


def test_cache_entries_are_authenticated(tmp_path, monkeypatch):
    monkeypatch.setenv("HUIFANG_CACHE_DIR", str(tmp_path / "cache"))
    store.save("thing", {"a": 1})
    assert store.load("thing") == {"a": 1}
    key = tmp_path / "cache" / "key"
    assert key.stat().st_mode & 0o777 == 0o600
    entry = tmp_path / "cache" / "thing.pickle"
    blob = bytearray(entry.read_bytes())
    blob[-3] ^= 1  # one bit of the pickle changed
    entry.write_bytes(bytes(blob))
    assert store.load("thing") is None
    store.save("thing", {"a": 1})
    shutil.copy(entry, tmp_path / "cache" / "other.pickle")  # an entry under another name
    assert store.load("other") is None
    # the same entry beside another key (a folder copied from elsewhere) is refused
    other = tmp_path / "copy"
    shutil.copytree(tmp_path / "cache", other)
    (other / "key").unlink()
    monkeypatch.setenv("HUIFANG_CACHE_DIR", str(other))
    assert store.load("thing") is None
    store.save("thing", {"b": 2})
    assert store.load("thing") == {"b": 2}


def test_a_key_others_can_read_refuses_the_cache(tmp_path):
    records = write_tree(tmp_path, {})
    env = {"HUIFANG_CACHE_DIR": str(tmp_path / "cache")}
    expected = run("check", "--format", "json", cwd=records.parent, env=env)
    (tmp_path / "cache" / "key").chmod(0o644)
    result = run("check", "--format", "json", cwd=records.parent, env=env)
    out, err = text_of(result)
    assert (result.returncode, out) == (expected.returncode, expected.stdout.decode())
    [warning] = [line for line in err.splitlines() if "cache" in line]
    assert "key" in warning and "缓存" in warning
