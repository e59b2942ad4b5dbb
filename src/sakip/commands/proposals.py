"""`sakip usulan`: import the register of community proposals of an agency-year from XLSX."""

from __future__ import annotations

import argparse
from pathlib import Path

from sakip.commands.common import add_agency_year


def register(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = subparsers.add_parser(
        "usulan",
        help="impor daftar usulan masyarakat (Musrenbang, Pokir DPRD, pemangku kepentingan) dari XLSX",
        description="Membaca lembar pertama berkas XLSX (kolom: No, Usulan, Sumber, Rincian "
        "Sumber, Lokasi, Volume, Satuan, Perkiraan Biaya (Rp), Status, Alasan, Kode) dan "
        "menggantikan daftar usulan perangkat daerah pada tahun itu. Bila ada satu baris yang "
        "salah, tidak ada yang disimpan.",
    )
    p.add_argument("file", type=Path, metavar="BERKAS.xlsx")
    add_agency_year(p)
    p.set_defaults(handler=import_proposals)


def import_proposals(args: argparse.Namespace) -> int:
    from sakip.planning.proposals import import_xlsx

    result = import_xlsx(args.file, args.agency, args.year)
    print(
        f"{result.created} usulan masyarakat {args.agency} tahun {args.year} disimpan"
        + (f" (menggantikan {result.replaced} usulan sebelumnya)." if result.replaced else ".")
    )
    return 0
