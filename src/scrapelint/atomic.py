"""Replacing a file all at once: a crash, a full disk or Ctrl-C leaves the old file or the new, never half.

The new bytes go to a temporary file in the same folder (so the rename stays on one file system), are
flushed to disk, take the old file's mode and owner, and replace it with one rename. A symbolic link is
followed (its target is fixed, the link stays a link). A file with several hard links is refused: a
rename would silently split it from its other names.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path
from typing import IO


class AtomicFile:
    """A file being written in place of ``path``: ``write``, then ``commit`` (or ``abort``)."""

    def __init__(self, path: Path) -> None:
        self.path = Path(os.path.realpath(path))  # through symbolic links: fix the file, keep the link
        self._stat = self.path.stat() if self.path.exists() else None
        if self._stat is not None and self._stat.st_nlink > 1:
            raise OSError(f"{path} has {self._stat.st_nlink} hard links; rewriting it would split them")
        # A short name: the original's name plus a suffix could pass the file system's name limit.
        descriptor, self._temporary = tempfile.mkstemp(prefix=".scrapelint-", suffix=".tmp", dir=self.path.parent)
        self._handle: IO[bytes] = os.fdopen(descriptor, "wb")

    def write(self, data: bytes) -> None:
        self._handle.write(data)

    def commit(self) -> None:
        try:
            self._handle.flush()
            os.fsync(self._handle.fileno())
            self._handle.close()
            if self._stat is not None:
                os.chmod(self._temporary, self._stat.st_mode & 0o7777)
                with contextlib.suppress(PermissionError):  # only root may give a file to someone else
                    os.chown(self._temporary, self._stat.st_uid, self._stat.st_gid)
            os.replace(self._temporary, self.path)
        except BaseException:
            self.abort()
            raise
        with contextlib.suppress(OSError):  # make the rename itself durable
            folder = os.open(self.path.parent, os.O_RDONLY)
            try:
                os.fsync(folder)
            finally:
                os.close(folder)

    def abort(self) -> None:
        self._handle.close()
        with contextlib.suppress(FileNotFoundError):
            os.unlink(self._temporary)


def write_atomic(path: Path, data: bytes) -> None:
    atomic = AtomicFile(path)
    try:
        atomic.write(data)
    except BaseException:
        atomic.abort()
        raise
    atomic.commit()
