"""`sakip migrate`: create or update the database schema; `sakip manage`: Django's commands."""

from __future__ import annotations

import argparse

from sakip.common.errors import UserError


def register(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = subparsers.add_parser("migrate", help="buat atau perbarui skema basis data")
    p.set_defaults(handler=migrate, needs_schema=False)
    m = subparsers.add_parser(
        "manage", help="perintah administrasi Django (mis. createsuperuser, changepassword)"
    )
    m.add_argument("args", nargs=argparse.REMAINDER)
    m.set_defaults(handler=manage, needs_schema=False)


def migrate(args: argparse.Namespace) -> int:
    from django.core.management import call_command

    call_command("migrate", interactive=False, verbosity=0)
    print("Basis data siap.")
    return 0


def manage(args: argparse.Namespace) -> int:
    from django.core.management import execute_from_command_line

    execute_from_command_line(["sakip manage", *args.args])
    return 0


def ensure_schema() -> None:
    """Stop with a clear message when the database is missing tables (not migrated yet)."""
    from django.db import connection
    from django.db.migrations.executor import MigrationExecutor
    from django.db.utils import Error as DatabaseError

    try:
        executor = MigrationExecutor(connection)
        pending = executor.migration_plan(executor.loader.graph.leaf_nodes())
    except DatabaseError as exc:
        raise UserError(
            f"basis data tidak dapat dibuka ({exc}).",
            hint="Periksa SAKIP_DATABASE_URL dan bahwa server basis data berjalan.",
        ) from exc
    if pending:
        raise UserError(
            "skema basis data belum mutakhir.",
            hint="Jalankan `sakip migrate` (atau `make run`) terlebih dahulu.",
        )
