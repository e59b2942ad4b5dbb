"""`sakip serve`: serve the web application with a multi-threaded WSGI server (waitress)."""

from __future__ import annotations

import argparse

from sakip.common.errors import UserError


def register(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = subparsers.add_parser("serve", help="jalankan aplikasi web")
    p.add_argument("--host", default="127.0.0.1", help="alamat (bawaan: 127.0.0.1)")
    p.add_argument("--port", type=int, default=8000, help="porta (bawaan: 8000)")
    p.add_argument("--threads", type=int, default=8, help="jumlah utas pelayan (bawaan: 8)")
    p.set_defaults(handler=serve)


def serve(args: argparse.Namespace) -> int:
    import socket

    from waitress import serve as waitress_serve

    from sakip.wsgi import application

    if not 0 < args.port < 65536:
        raise UserError(f"porta {args.port} di luar rentang 1–65535.")
    with socket.socket(socket.AF_INET6 if ":" in args.host else socket.AF_INET) as probe:
        try:
            probe.bind((args.host, args.port))
        except OSError as exc:
            raise UserError(
                f"tidak dapat memakai {args.host}:{args.port} ({exc.strerror}).",
                hint="Pilih porta lain dengan --port, atau hentikan program yang memakainya.",
            ) from exc
    print(f"OpenSAKIP melayani di http://{args.host}:{args.port}/  (Ctrl+C untuk berhenti)")
    waitress_serve(application, host=args.host, port=args.port, threads=args.threads,
                   ident="OpenSAKIP", _quiet=True)
    return 0
