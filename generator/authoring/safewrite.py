"""Writing records safely: whole files or nothing, never over an edit, errors in words.

Both writing commands (`new`, `fmt`) write the new content to a temporary file in the
record's own folder, flush it to the disk (fsync) and only then put it in place in one
step: a full disk, a read-only folder or a crash leaves the old file (or no file) and
never half a record or an empty one. On any failure the temporary file is removed.
"""

from __future__ import annotations

import errno
import os
import tempfile
from pathlib import Path


class WriteError(Exception):
    """A record could not be written; `zh` and `en` say why, what to do and what is left."""

    def __init__(self, path: Path, err: OSError, new: bool = False) -> None:
        self.path, self.new = path, new
        self.detail_zh, self.detail_en = describe(err)
        super().__init__(f"{path}: {self.detail_en}")

    @property
    def zh(self) -> str:
        left = "没有创建文件" if self.new else "文件保持原样"
        return f"无法写入 {self.path}：{self.detail_zh}。{left}，没有留下不完整的文件"

    @property
    def en(self) -> str:
        left = "no file was created" if self.new else "the file is as it was"
        return f"cannot write {self.path}: {self.detail_en}. {left.capitalize()}; nothing half written is left"


_REASONS = {
    errno.ENOSPC: ("磁盘已满，请腾出空间后重试", "the disk is full; free some space and try again"),
    errno.EDQUOT: ("超出磁盘配额，请腾出空间后重试", "the disk quota is used up; free some space"),
    errno.EROFS: (
        "文件系统是只读的，请在可写的工作副本中运行",
        "the file system is read-only; run it in a writable working copy",
    ),
    errno.EACCES: (
        "没有写入这个文件夹的权限，请检查文件夹的权限或所有者",
        "no permission to write in this folder; check its permissions or owner",
    ),
    errno.EPERM: (
        "操作不被允许，请检查文件夹的权限或所有者",
        "the operation is not permitted; check the folder's permissions or owner",
    ),
}


def describe(err: OSError) -> tuple[str, str]:
    """(中文, English) reason for an OSError, with what to do."""
    if err.errno in _REASONS:
        return _REASONS[err.errno]
    text = err.strerror or type(err).__name__
    return f"系统错误（{text}）", f"system error ({text})"


def _temporary(path: Path, text: str, mode: int) -> str:
    """A synced temporary file in `path`'s folder holding `text`; its name."""
    handle, temp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="") as out:
            out.write(text)
            out.flush()
            os.fsync(out.fileno())
        os.chmod(temp, mode)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise
    return temp


def _sync_folder(folder: Path) -> None:
    """Make the new name durable too (best effort: not every file system allows it)."""
    try:
        descriptor = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(descriptor)
    except OSError:
        pass
    finally:
        os.close(descriptor)


def create_new(path: Path, text: str) -> None:
    """Create `path` holding `text`, never over an existing file (FileExistsError), never
    empty or half written (WriteError, nothing left behind)."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        temp = _temporary(path, text, 0o666 & ~_umask())
    except OSError as err:
        raise WriteError(path, err, new=True) from None
    try:
        os.link(temp, path)  # atomic, and fails if the name is taken
    except FileExistsError:
        raise
    except OSError as err:
        if err.errno not in (errno.EPERM, errno.EOPNOTSUPP, errno.EMLINK, errno.EXDEV):
            raise WriteError(path, err, new=True) from None
        _create_without_links(path, temp)  # a file system without hard links
    finally:
        Path(temp).unlink(missing_ok=True)
    _sync_folder(path.parent)


def _create_without_links(path: Path, temp: str) -> None:
    """Exclusive create then rename over it: the name is claimed first, so an existing
    file is still never replaced; on failure the claimed name is removed again."""
    try:
        os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))
    except FileExistsError:
        raise
    except OSError as err:
        raise WriteError(path, err, new=True) from None
    try:
        os.replace(temp, path)
    except OSError as err:
        path.unlink(missing_ok=True)
        raise WriteError(path, err, new=True) from None


def _umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


class ChangedMeanwhile(Exception):
    """The file on disk is no longer what was read: someone edited it while we worked."""


def replace_unchanged(path: Path, text: str, read: bytes) -> None:
    """Replace `path` with `text`, but only if it still holds `read` (the bytes the new
    text was made from): checked again just before the replace, so an edit saved while
    the file was being formatted is kept (ChangedMeanwhile). WriteError on a disk error."""
    try:
        temp = _temporary(path, text, path.stat().st_mode & 0o7777)
    except OSError as err:
        raise WriteError(path, err) from None
    try:
        try:
            now = path.read_bytes()
        except OSError as err:
            raise WriteError(path, err) from None
        if now != read:
            raise ChangedMeanwhile(str(path))
        try:
            os.replace(temp, path)
        except OSError as err:
            raise WriteError(path, err) from None
    finally:
        Path(temp).unlink(missing_ok=True)
    _sync_folder(path.parent)
