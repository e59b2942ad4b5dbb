"""Files kept under var/cache/<kind> by a content key (drawn charts, rendered PDFs): written
whole or not at all, the least recently used removed beyond a number of entries, switched off by
an environment variable, and never a reason to fail — a cache that cannot be read or written
(read-only or full disk) is simply not used."""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path


def folder(kind: str, switch: str) -> Path | None:
    """var/cache/<kind> under SAKIP_HOME; None when the variable `switch` says 0/false/no/off."""
    if os.environ.get(switch, "1").strip().lower() in ("0", "false", "no", "off"):
        return None
    from sakip import config

    return config.var_dir() / "cache" / kind


def read(path: Path, magic: bytes, tail: bytes = b"") -> bytes | None:
    """The file's bytes when it starts with `magic` (and ends with `tail`, blanks aside);
    None when absent, unreadable or not what this cache writes. A file read counts as used."""
    try:
        data = path.read_bytes()
    except OSError:
        return None
    if not data.startswith(magic) or (tail and not data.rstrip().endswith(tail)):
        return None
    with contextlib.suppress(OSError):
        os.utime(path)
    return data


def write(path: Path, data: bytes, keep: int) -> None:
    """Written under a temporary name and renamed, so a reader never sees half a file; then the
    least recently used files with the same suffix go beyond `keep`."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        os.replace(tmp, path)
        entries = [e for e in os.scandir(path.parent) if e.name.endswith(path.suffix)]
        if len(entries) > keep:
            entries.sort(key=lambda e: e.stat().st_mtime)
            for old in entries[: len(entries) - keep]:
                with contextlib.suppress(OSError):
                    os.unlink(old.path)
    except OSError:
        return
