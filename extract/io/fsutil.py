"""Filesystem helpers shared by the trainers."""
from __future__ import annotations

import os
import shutil
from pathlib import Path


def replace_dir(tmp, dest) -> None:
    """Move the finished folder ``tmp`` to ``dest``, replacing any old ``dest``.

    ``tmp`` must be on the same filesystem (a sibling made with ``tempfile.mkdtemp(dir=dest.parent)``):
    each step is an ``os.replace``, so a reader sees the old model or the new one, never a half-written
    folder, and an interrupted run leaves at worst a hidden ``.NAME.old.PID`` folder behind.
    """
    tmp, dest = Path(tmp), Path(dest)
    old = None
    if dest.exists():
        old = dest.parent / f".{dest.name}.old.{os.getpid()}"
        os.replace(dest, old)
    os.replace(tmp, dest)
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)
