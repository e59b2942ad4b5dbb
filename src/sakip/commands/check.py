"""`sakip check PATH`: every figure in a Renja or LKjIP (text, DOCX, XLSX/CSV, PDF) that does
not add up, and every inconsistency across the document.

Exit status: 0 no errors, 1 errors found, 2 the file could not be read. No database needed.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from sakip.common.errors import UserError


def register(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = subparsers.add_parser(
        "check",
        help="periksa angka dan konsistensi sebuah Renja/LKjIP (teks, DOCX, XLSX, CSV, PDF)",
        description=(
            "Membaca tabel dokumen, mengenali jenisnya, menghitung ulang setiap angka turunan "
            "dengan aturan OpenSAKIP dan melaporkan yang tidak sesuai. Status keluar: 0 tanpa "
            "galat, 1 ada galat, 2 berkas tidak dapat dibaca."
        ),
    )
    p.add_argument("path", metavar="BERKAS", help="dokumen yang diperiksa")
    p.add_argument("--format", choices=["text", "json", "xlsx"], default="text", help="bentuk laporan")
    p.add_argument("-o", "--output", metavar="BERKAS", help="tulis laporan ke berkas (wajib untuk xlsx)")
    p.set_defaults(handler=check, needs_django=False, needs_schema=False)


def check(args: argparse.Namespace) -> int:
    from sakip.ingest.checks import check_document
    from sakip.ingest.readers import read_document
    from sakip.ingest.report import as_json, render_text, write_xlsx

    if args.format == "xlsx" and not args.output:
        raise UserError("format xlsx memerlukan berkas keluaran.", hint="Tambahkan -o laporan.xlsx.")
    report = check_document(read_document(args.path))
    if args.format == "xlsx":
        out = Path(args.output)
        try:
            write_xlsx(report, out)
        except OSError as exc:
            raise UserError(f"laporan tidak dapat ditulis ({exc.strerror}).", where=str(out)) from exc
        print(
            f"{report.errors} galat, {report.warnings} peringatan; laporan ditulis ke {out}",
            file=sys.stderr,
        )
    else:
        text = (
            json.dumps(as_json(report), ensure_ascii=False, indent=2) + "\n"
            if args.format == "json"
            else render_text(report)
        )
        if args.output:
            try:
                Path(args.output).write_text(text, encoding="utf-8")
            except OSError as exc:
                raise UserError(f"laporan tidak dapat ditulis ({exc.strerror}).", where=args.output) from exc
        else:
            sys.stdout.write(text)
    return 1 if report.errors else 0
