"""`sakip serve`: serve the web application with a multi-threaded WSGI server (waitress).

With `--workers N` (N > 1) the command binds the listening socket once and starts N worker
processes that all accept connections from it (each a waitress server with `--threads`
threads), so that a machine with several cores is used despite Python's global interpreter
lock. The first process only supervises: it replaces a worker that dies and stops all of them
on Ctrl+C or SIGTERM. Worker processes share nothing but the database: the login rate limiter
keeps its counts in a store every process sees (see settings CACHES), and the page cache
(sakip.web.datacache) checks the database stamp of every entry on every request, so a change
made through one process shows on the next request served by any other.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import signal
import socket
import sys
import time
from typing import Any

from sakip.common.errors import UserError


def default_workers() -> int:
    """One worker per core, at most 4 (more processes than cores only add memory)."""
    return max(1, min(os.cpu_count() or 1, 4))


def register(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = subparsers.add_parser("serve", help="jalankan aplikasi web")
    p.add_argument("--host", default="127.0.0.1", help="alamat (bawaan: 127.0.0.1)")
    p.add_argument("--port", type=int, default=8000, help="porta (bawaan: 8000)")
    p.add_argument("--threads", type=int, default=8, help="jumlah utas per proses (bawaan: 8)")
    p.add_argument("--workers", type=int, default=None,
                   help=f"jumlah proses pelayan (bawaan: satu per inti prosesor, maks. 4; "
                        f"di mesin ini {default_workers()})")
    p.set_defaults(handler=serve)


def _bind(host: str, port: int) -> socket.socket:
    sock = socket.socket(socket.AF_INET6 if ":" in host else socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind((host, port))
    except OSError as exc:
        sock.close()
        raise UserError(
            f"tidak dapat memakai {host}:{port} ({exc.strerror}).",
            hint="Pilih porta lain dengan --port, atau hentikan program yang memakainya.",
        ) from exc
    return sock


def _run_waitress(sock: socket.socket, threads: int) -> None:
    from waitress import serve as waitress_serve

    from sakip.wsgi import application

    waitress_serve(application, sockets=[sock], threads=threads, ident="OpenSAKIP", _quiet=True)


def serve(args: argparse.Namespace) -> int:
    if not 0 < args.port < 65536:
        raise UserError(f"porta {args.port} di luar rentang 1–65535.")
    if args.threads < 1:
        raise UserError(f"--threads {args.threads}: paling sedikit 1 utas.")
    workers = default_workers() if args.workers is None else args.workers
    if not 1 <= workers <= 64:
        raise UserError(f"--workers {workers}: isi antara 1 dan 64 proses.")
    if workers > 1 and not hasattr(os, "fork"):
        workers = 1  # no fork on this system: one process with threads
    sock = _bind(args.host, args.port)
    shown = f"[{args.host}]" if ":" in args.host else args.host
    print(f"OpenSAKIP melayani di http://{shown}:{args.port}/  "
          f"({workers} proses × {args.threads} utas; Ctrl+C untuk berhenti)", flush=True)
    if workers == 1:
        try:
            _run_waitress(sock, args.threads)
        finally:
            sock.close()
        return 0
    return _supervise(sock, workers, args.threads)


def _start_worker(sock: socket.socket, threads: int) -> int:
    pid = os.fork()
    if pid:
        return pid
    # In the worker: default signal handling, then serve until terminated.
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the supervisor stops us with SIGTERM
    status = 0
    try:
        _run_waitress(sock, threads)
    except BaseException:  # noqa: BLE001 - report and leave without running the parent's code
        import traceback

        traceback.print_exc()
        status = 1
    finally:
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(status)


def _supervise(sock: socket.socket, workers: int, threads: int) -> int:
    from django.db import connections

    # Nothing of the parent's database connections may be shared with the workers.
    connections.close_all()
    sock.listen(2048)
    pids = {_start_worker(sock, threads) for _ in range(workers)}
    stopping = False

    def stop(signum: int, frame: Any) -> None:
        nonlocal stopping
        stopping = True

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
    restarts: list[float] = []
    try:
        while not stopping:
            try:
                pid, status = os.waitpid(-1, os.WNOHANG)
            except ChildProcessError:
                break
            if pid == 0:
                time.sleep(0.2)
                continue
            pids.discard(pid)
            if stopping:
                break
            now = time.monotonic()
            restarts = [t for t in restarts if now - t < 60] + [now]
            if len(restarts) > 5 * workers:
                print("sakip serve: proses pelayan berhenti berulang kali; layanan dihentikan.",
                      file=sys.stderr, flush=True)
                return 1
            print(f"sakip serve: proses pelayan {pid} berhenti (status {status}); diganti.",
                  file=sys.stderr, flush=True)
            pids.add(_start_worker(sock, threads))
    finally:
        for pid in pids:
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGTERM)
        deadline = time.monotonic() + 10
        while pids and time.monotonic() < deadline:
            try:
                pid, _ = os.waitpid(-1, os.WNOHANG)
            except ChildProcessError:
                break
            if pid == 0:
                time.sleep(0.1)
            else:
                pids.discard(pid)
        for pid in pids:
            try:
                os.kill(pid, signal.SIGKILL)
                os.waitpid(pid, 0)
            except (ProcessLookupError, ChildProcessError):
                pass
        sock.close()
    return 0
