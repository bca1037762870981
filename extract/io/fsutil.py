"""Filesystem helpers shared by the trainers: a model folder is replaced whole or not at all."""
from __future__ import annotations

import ctypes
import errno
import json
import os
import shutil
import sys
import tempfile
from pathlib import Path


def _exchange(a: Path, b: Path) -> bool:
    """Swap two paths in one atomic step (Linux ``renameat2(RENAME_EXCHANGE)``); False where the
    system or filesystem cannot."""
    if not sys.platform.startswith("linux"):
        return False
    try:
        fn = ctypes.CDLL(None, use_errno=True).renameat2
    except (OSError, AttributeError):  # glibc < 2.28, musl
        return False
    at_fdcwd, rename_exchange = -100, 2
    if fn(at_fdcwd, os.fsencode(str(a)), at_fdcwd, os.fsencode(str(b)), rename_exchange) == 0:
        return True
    err = ctypes.get_errno()
    if err in (errno.EINVAL, errno.ENOSYS, errno.ENOTSUP, errno.EOPNOTSUPP, errno.EPERM):
        return False
    raise OSError(err, os.strerror(err), str(b))


def replace_dir(tmp, dest) -> None:
    """Move the finished folder ``tmp`` to ``dest``, replacing any old ``dest``.

    ``tmp`` must be on the same filesystem (a sibling made with ``tempfile.mkdtemp(dir=dest.parent)``).
    On Linux the old and new folders are swapped in one atomic step, so a reader, or a run killed at
    any moment, sees the old model or the new one, never a half-written or missing folder. Elsewhere
    each step is an ``os.replace``; a run killed between the two leaves the old model in a hidden
    ``.NAME.old.PID`` folder beside ``dest``.
    """
    tmp, dest = Path(tmp), Path(dest)
    if dest.exists() and _exchange(tmp, dest):
        shutil.rmtree(tmp, ignore_errors=True)  # tmp now holds the old folder
        return
    old = None
    if dest.exists():
        old = dest.parent / f".{dest.name}.old.{os.getpid()}"
        os.replace(dest, old)
    os.replace(tmp, dest)
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)


def write_json_atomic(obj, path) -> None:
    """Write ``obj`` as JSON to ``path`` through a temporary file and a rename (never a half file)."""
    path = Path(path)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            json.dump(obj, f, ensure_ascii=False, indent=1)
        os.replace(tmp, path)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise
