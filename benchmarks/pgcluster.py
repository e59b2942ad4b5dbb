"""A throwaway PostgreSQL cluster for `python -m benchmarks --database postgres`.

Made like the one of .ci/run: initdb into a temporary directory, the server listening only on a
Unix socket in that directory (no TCP port), dropped afterwards. When running as root the
server runs as the `postgres` system user. Durability is set like the SQLite benchmark database
(WAL with synchronous=NORMAL): commits are not flushed one by one (synchronous_commit=off), but
fsync stays on.
"""

from __future__ import annotations

import contextlib
import glob
import os
import shutil
import subprocess
import tempfile
from collections.abc import Iterator
from pathlib import Path


def pg_bin() -> Path:
    """The newest installed PostgreSQL's bin directory (Debian layout), or PATH."""
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin"), key=lambda p: [int(x) for x in Path(p).parent.name.split(".") if x.isdigit()])
    for candidate in reversed(found):
        if Path(candidate, "initdb").exists():
            return Path(candidate)
    initdb = shutil.which("initdb")
    if initdb:
        return Path(initdb).parent
    raise RuntimeError("PostgreSQL is not installed (no initdb): apt-get install postgresql")


def _as_owner(cmd: list[str]) -> list[str]:
    if os.geteuid() == 0:
        return ["runuser", "-u", "postgres", "--", *cmd]
    return cmd


@contextlib.contextmanager
def cluster(max_connections: int = 200) -> Iterator[str]:
    """Start a private cluster with an empty database `sakip`; yields its SAKIP_DATABASE_URL."""
    bin_dir = pg_bin()
    workdir = Path(tempfile.mkdtemp(prefix="sakip-bench-pg-"))
    workdir.chmod(0o755)
    if os.geteuid() == 0:
        shutil.chown(workdir, "postgres")
    data = workdir / "data"
    started = False
    try:
        subprocess.run(_as_owner([str(bin_dir / "initdb"), "-D", str(data), "-A", "trust", "-U", "postgres",
                                  "-E", "UTF8", "--locale=C.UTF-8"]),
                       check=True, capture_output=True)
        options = (f"-k {workdir} -c listen_addresses='' -c synchronous_commit=off "
                   f"-c max_connections={max_connections}")
        subprocess.run(_as_owner([str(bin_dir / "pg_ctl"), "-D", str(data), "-l", str(workdir / "log"),
                                  "-w", "-o", options, "start"]), check=True, capture_output=True)
        started = True
        subprocess.run(_as_owner([str(bin_dir / "createdb"), "-h", str(workdir), "-U", "postgres", "sakip"]),
                       check=True, capture_output=True)
        yield f"postgres://postgres@/sakip?host={workdir}"
    finally:
        if started:
            subprocess.run(_as_owner([str(bin_dir / "pg_ctl"), "-D", str(data), "-m", "immediate", "stop"]),
                           capture_output=True)
        shutil.rmtree(workdir, ignore_errors=True)
