"""Cache files: one folder for all of huifang's caches, atomic saves, forgiving loads.

The folder is HUIFANG_CACHE_DIR, else $XDG_CACHE_HOME/huifang, else ~/.cache/huifang;
HUIFANG_CACHE_DIR=off turns caching off (so does HUIFANG_SPEED=off, with every other speed
mechanism). A cache only ever saves time: any unreadable file is ignored and deleting the
folder is always safe. Every cache's key holds `code_fingerprint()`, the one digest of
this program's code: changed code never meets an old result.

A cache holds pickles, and unpickling runs whatever a pickle says. So the folder is used
only when it belongs to this user and no one else may write to it (else one warning
line on standard error, and the run goes on without the cache), and every entry carries
an HMAC-SHA256 of its name and bytes under a key of this folder's own (`key`, 32 random
bytes, mode 0600, made on first use): an entry is unpickled only when its tag checks
out, so a pickle planted or copied in without the key is a cache miss, never code run.
"""

from __future__ import annotations

import hashlib
import hmac
import os
import pickle
import secrets
import stat
import sys
import tempfile
from functools import cache
from pathlib import Path

import generator
import generator.speed.pickling  # how models are pickled: registered on import
from generator.read.pathnames import shown_path
from generator.speed import enabled
from generator.speed.memory import collector_paused, freeze

MAGIC = b"huifang-cache-2\n"  # then the tag, then the pickle
TAG_BYTES = 32
HEADER = len(MAGIC) + TAG_BYTES
KEY_NAME = "key"
KEY_BYTES = 32
_OPEN_FLAGS = os.O_RDONLY
for _flag in ("O_NOFOLLOW", "O_NONBLOCK", "O_CLOEXEC", "O_BINARY"):
    _OPEN_FLAGS |= getattr(os, _flag, 0)
_KEYS: dict[tuple[str, int, int], bytes] = {}  # (folder, device, inode) → its key, read once
_WARNED: set[str] = set()


def chosen() -> Path | None:
    """The cache folder asked for (None: off), whether or not it may be used."""
    value = os.environ.get("HUIFANG_CACHE_DIR", "")
    if value.lower() == "off" or not enabled():
        return None
    if value:
        return Path(value)
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "huifang"


def folder() -> Path | None:
    """The cache folder when it may be used: None when off, refused or not creatable."""
    opened = _opened()
    return opened[0] if opened else None


def _opened() -> tuple[Path, bytes] | None:
    """(the folder, its key), made on first use; None (with one warning line per folder
    and process when it is refused) when there is to be no cache."""
    where = chosen()
    if where is None:
        return None
    try:
        where.mkdir(mode=0o700, parents=True, exist_ok=True)
        info = os.stat(where)
    except OSError:  # cannot be made (a read-only home): only costs time
        return None
    refused = _refusal(info)
    if refused:
        _warn(where, *refused)
        return None
    ident = (str(where), info.st_dev, info.st_ino)
    key = _KEYS.get(ident)
    if key is None:
        key, refused = _key(where)
        if key is None:
            if refused:
                _warn(where, *refused)
            return None
        _KEYS[ident] = key
    return where, key


def _owner_mismatch(info: os.stat_result) -> bool:
    return hasattr(os, "geteuid") and info.st_uid != os.geteuid()


def _refusal(info: os.stat_result) -> tuple[str, str] | None:
    """Why a cache folder may not be used: (Chinese, English), or None."""
    if not stat.S_ISDIR(info.st_mode):
        return "它不是文件夹", "it is not a folder"
    if _owner_mismatch(info):
        return (
            f"它属于另一个用户（uid {info.st_uid}）",
            f"it belongs to another user (uid {info.st_uid})",
        )
    if os.name == "posix" and info.st_mode & 0o022:
        mode = oct(stat.S_IMODE(info.st_mode))
        return f"其他用户可以写入（权限 {mode}）", f"other users can write to it (mode {mode})"
    return None


def _key(where: Path) -> tuple[bytes | None, tuple[str, str] | None]:
    """This folder's key, made when missing; or why it cannot be trusted."""
    path = where / KEY_NAME
    for _ in range(2):  # made by another process meanwhile: read that one
        try:
            descriptor = os.open(path, _OPEN_FLAGS)
        except FileNotFoundError:
            if _new_key(where, path):
                continue
            return None, None  # a folder that cannot be written: no cache
        except OSError:
            return None, (
                "它的密钥文件 key 无法读取或是链接",
                "its key file cannot be read or is a link",
            )
        try:
            info = os.fstat(descriptor)
            key = os.read(descriptor, KEY_BYTES + 1)
        except OSError:
            key, info = b"", None
        finally:
            os.close(descriptor)
        if info is None or not stat.S_ISREG(info.st_mode) or _owner_mismatch(info):
            return None, ("它的密钥文件 key 不属于你", "its key file is not yours")
        if os.name == "posix" and info.st_mode & 0o077:
            return None, ("其他用户可以读写它的密钥文件 key", "others can read its key file")
        if len(key) != KEY_BYTES:
            return None, ("它的密钥文件 key 已损坏", "its key file is damaged")
        return key, None
    return None, None


def _new_key(where: Path, path: Path) -> bool:
    """Write a new key whole under a temporary name (mode 0600) and link it into place:
    another process sees either no key or all of it. False when the folder is read-only."""
    try:
        handle, temp = tempfile.mkstemp(dir=where, prefix=".key-")
    except OSError:
        return False
    try:
        with os.fdopen(handle, "wb") as file:
            file.write(secrets.token_bytes(KEY_BYTES))
        try:
            os.link(temp, path)
        except FileExistsError:
            pass  # another process's key is there: it is read next
        except OSError:  # no hard links here: rename (a racing reader may see a miss)
            os.replace(temp, path)
        return True
    except OSError:
        return False
    finally:
        Path(temp).unlink(missing_ok=True)


def _warn(where: Path, reason_zh: str, reason_en: str) -> None:
    """One line on standard error, once per folder and process."""
    if str(where) in _WARNED:
        return
    _WARNED.add(str(where))
    shown = shown_path(str(where))
    sys.stderr.write(
        f"huifang: 警告：不使用缓存文件夹 {shown}：{reason_zh}；本次不用缓存运行，结果不变。"
        "请删除它、改为只有自己可写（chmod 700），或用 HUIFANG_CACHE_DIR 指定自己的文件夹。"
        f" / warning: not using the cache folder {shown}: {reason_en}; running without the "
        "cache (the results are the same). Delete it, make it yours alone (chmod 700), or "
        "point HUIFANG_CACHE_DIR at a folder of your own.\n"
    )
    sys.stderr.flush()


def _tag(key: bytes, name: str, blob: bytes | memoryview) -> bytes:
    mac = hmac.new(key, name.encode("utf-8", "surrogateescape") + b"\0", "sha256")
    mac.update(blob)
    return mac.digest()


@cache
def code_fingerprint() -> bytes:
    """A digest of this program: its version and every one of its source files. One for
    every cache, since a cached result can depend on any module (the problems' messages,
    the checks, the models): a changed program never meets an old result, and a cache is
    cold once after any change to the code."""
    package = Path(generator.__file__).parent
    digest = hashlib.sha256(generator.__version__.encode())
    for path in sorted(package.rglob("*.py")):
        digest.update(path.relative_to(package).as_posix().encode() + b"\0")
        digest.update(path.read_bytes())
    return digest.digest()


def load(name: str) -> object:
    """The value saved under `name`, or None: missing, from another version, or not
    authenticated by this folder's key (then it is never unpickled)."""
    opened = _opened()
    if opened is None:
        return None
    where, key = opened
    try:
        descriptor = os.open(where / f"{name}.pickle", _OPEN_FLAGS)
        with open(descriptor, "rb") as file:
            info = os.fstat(descriptor)
            if not stat.S_ISREG(info.st_mode) or _owner_mismatch(info):
                return None
            data = file.read()
    except OSError:
        return None
    blob = memoryview(data)[HEADER:]
    if data[: len(MAGIC)] != MAGIC or not hmac.compare_digest(
        data[len(MAGIC) : HEADER], _tag(key, name, blob)
    ):
        return None
    try:
        with collector_paused():
            value = pickle.loads(blob)
            # What a cache holds lives until the end: the collector need never walk it
            # (else the first collection after loading walks every object just read).
            freeze()
            return value
    except Exception:  # truncated or from another version: start afresh
        return None


def save(name: str, value: object) -> None:
    if folder() is None:
        return
    try:
        with collector_paused():
            blob = pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)
    except Exception:  # an unpicklable value only costs time
        return
    save_bytes(name, blob)


def save_bytes(name: str, blob: bytes) -> None:
    """Save an already pickled value with its tag (atomically: never a half-written cache)."""
    opened = _opened()
    if opened is None:
        return
    where, key = opened
    temp = None
    try:
        with tempfile.NamedTemporaryFile("wb", dir=where, delete=False) as file:
            temp = Path(file.name)
            file.write(MAGIC + _tag(key, name, blob))
            file.write(blob)
        os.replace(temp, where / f"{name}.pickle")
    except OSError:  # a read-only or full cache folder only costs time
        if temp is not None:
            temp.unlink(missing_ok=True)
