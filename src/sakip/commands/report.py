"""`sakip report KIND`: one generated document (LKjIP, PK, Renja …) of an agency-year as DOCX,
XLSX or PDF. Any kind registered in sakip.documents.registry works. Warnings about missing
data go to stderr, one per line; the file is written atomically (a temporary file renamed into
place), so a failure never leaves a half-written document behind."""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path

from sakip.commands.common import add_agency_year
from sakip.common.errors import UserError


def register(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = subparsers.add_parser(
        "report",
        help="buat dokumen (lkjip, pk, renja …) satu perangkat daerah-tahun dalam DOCX/XLSX/PDF",
    )
    p.add_argument("kind", metavar="JENIS", help="jenis dokumen, mis. lkjip atau pk")
    add_agency_year(p)
    p.add_argument("--format", required=True, metavar="FORMAT", help="docx, xlsx atau pdf")
    p.add_argument("-o", "--output", required=True, metavar="BERKAS", help="berkas keluaran")
    p.add_argument("--quarter", type=int, metavar="TW", help="triwulan 1–4 (dokumen triwulanan)")
    p.add_argument("--version", metavar="VERSI", help="original atau revised (PK Perubahan)")
    p.set_defaults(handler=report)


def report(args: argparse.Namespace) -> int:
    from sakip import dataset
    from sakip.documents import service
    from sakip.documents.registry import Options

    fmt = args.format.lower()
    options = Options(quarter=args.quarter, version=args.version)
    kind = service.document_kind(args.kind)
    service.check_options(kind, fmt, options)
    output = Path(args.output)
    if output.is_dir():
        raise UserError(f"'{output}' adalah direktori.", hint="Sebutkan nama berkas, mis. lkjip.docx.")
    if not output.parent.exists():
        raise UserError(f"direktori '{output.parent}' tidak ada.", hint="Buat dulu direktorinya.")
    ay = dataset.load(args.agency, args.year)
    generated = service.generate(args.kind, ay, fmt, options)
    write_atomically(output, generated.data)
    for warning in generated.document.warnings:
        print(f"peringatan: {warning.text()}", file=sys.stderr)
    print(output)
    return 0


def write_atomically(path: Path, data: bytes) -> None:
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
