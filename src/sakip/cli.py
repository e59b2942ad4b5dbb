"""The `sakip` command.

Each subcommand lives in a module of sakip.commands with `register(subparsers)`; the module
list below is the whole catalogue. Errors a user can act on (sakip.common.errors.UserError)
are printed as one paragraph with exit status 2, never as a traceback.
"""

from __future__ import annotations

import argparse
import importlib
import os
import sys
from collections.abc import Sequence

from sakip import __version__

COMMAND_MODULES = [
    "sakip.commands.serve",
    "sakip.commands.database",
    "sakip.commands.demo",
    "sakip.commands.figures",
    "sakip.commands.agency",
    "sakip.commands.check",
    "sakip.commands.import_document",
    "sakip.commands.report",
    "sakip.commands.proposals",
]

INTERNAL_ERROR_STATUS = 3


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="sakip",
        description="OpenSAKIP: Renja, Perjanjian Kinerja dan LKjIP dari satu sumber data.",
    )
    parser.add_argument("--version", action="version", version=f"OpenSAKIP {__version__}")
    subparsers = parser.add_subparsers(dest="command", metavar="PERINTAH")
    for name in COMMAND_MODULES:
        importlib.import_module(name).register(subparsers)
    return parser


def setup_django() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sakip.settings")
    import django

    django.setup()


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "handler", None):
        parser.print_help()
        return 0
    from sakip.common.errors import UserError

    try:
        if getattr(args, "needs_django", True):
            setup_django()
            if getattr(args, "needs_schema", True):
                from sakip.commands.database import ensure_schema

                ensure_schema()
        status = args.handler(args)
    except UserError as exc:
        print(f"sakip {args.command}: {exc.text()}", file=sys.stderr)
        return exc.exit_status
    except KeyboardInterrupt:
        print("Dihentikan.", file=sys.stderr)
        return 130
    except Exception as exc:  # noqa: BLE001 - the last line of defence: no traceback for users
        if os.environ.get("SAKIP_DEBUG"):
            raise
        print(
            f"sakip {args.command}: kesalahan tak terduga ({type(exc).__name__}: {exc}). "
            "Ulangi dengan SAKIP_DEBUG=1 untuk melihat jejak lengkap, dan laporkan bila berulang.",
            file=sys.stderr,
        )
        return INTERNAL_ERROR_STATUS
    return int(status or 0)


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
