"""`sakip demo`: (re)create the demo agencies belitung and batubara and the demo accounts."""

from __future__ import annotations

import argparse


def register(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = subparsers.add_parser(
        "demo", help="buat ulang dua perangkat daerah demo (belitung, batubara) dan akun demo"
    )
    p.add_argument(
        "--if-empty", action="store_true",
        help="hanya bila basis data belum berisi perangkat daerah mana pun",
    )
    p.set_defaults(handler=demo)


def demo(args: argparse.Namespace) -> int:
    from sakip.demo.loader import DEMO_ACCOUNTS, DEMO_PASSWORD, load_all
    from sakip.organisations.models import Agency

    if args.if_empty and Agency.objects.exists():
        print("Data sudah ada; data demo tidak dimuat ulang (hapus var/sakip.sqlite3 untuk mulai dari awal).")
    else:
        agencies = load_all()
        for agency in agencies:
            print(f"Perangkat daerah demo: {agency.code:10} {agency.name}")
    print("Akun demo (kata sandi untuk semua: " + DEMO_PASSWORD + "):")
    for account in DEMO_ACCOUNTS:
        print(f"  {account.username:22} {account.full_name}")
    return 0
