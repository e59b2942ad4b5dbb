"""Arguments shared by commands."""

from __future__ import annotations

import argparse

from sakip.common.errors import UserError


def year(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"tahun harus angka, tertulis {text!r}") from None
    if not 2000 <= value <= 2100:
        raise argparse.ArgumentTypeError(f"tahun {value} di luar rentang 2000–2100")
    return value


def add_agency_year(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--agency", required=True, metavar="KODE", help="kode perangkat daerah, mis. belitung")
    parser.add_argument("--year", required=True, type=year, metavar="TAHUN", help="tahun, mis. 2024")


__all__ = ["UserError", "add_agency_year", "year"]
