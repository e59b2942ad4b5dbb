"""`sakip import PATH --agency CODE --year N [--dry-run] [--replace]`: load what `sakip check`
recognises in a document (work plan lines, money per sub kegiatan and budget version,
realised spending, program/kegiatan/sub kegiatan indicators with their targets and
realisations per year, goals and objectives with their indicators, targets and realisations
per year, the Perjanjian Kinerja with its targets) into the database, in one transaction."""

from __future__ import annotations

import argparse
import sys

from sakip.commands.common import add_agency_year


def register(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = subparsers.add_parser(
        "import",
        help="muat baris rencana kerja, pagu, realisasi, indikator, tujuan/sasaran, target dan PK dari dokumen "
        "(teks, DOCX, XLSX, PDF)",
        description=(
            "Hanya fakta yang disimpan (pagu sub kegiatan, realisasi anggaran, tujuan, sasaran, "
            "indikator program/kegiatan/sub kegiatan dan tujuan/sasaran dengan target dan realisasi "
            "per tahun, Perjanjian Kinerja); angka turunan yang tercetak (jumlah induk, "
            "persentase, capaian, rata-rata, predikat) tidak pernah disimpan. Bila data "
            "tersimpan berbeda, perbedaannya dicantumkan dan tidak ada yang ditulis kecuali "
            "dengan --replace."
        ),
    )
    p.add_argument("path", metavar="BERKAS", help="dokumen Renja/LKjIP")
    add_agency_year(p)
    p.add_argument("--dry-run", action="store_true", help="tampilkan yang akan dibuat/diubah tanpa menyimpan")
    p.add_argument("--replace", action="store_true", help="timpa data tersimpan yang berbeda")
    p.set_defaults(handler=import_document)


def import_document(args: argparse.Namespace) -> int:
    from sakip.ingest.checks import check_document
    from sakip.ingest.importer import apply_plan, build_plan
    from sakip.ingest.readers import read_document

    report = check_document(read_document(args.path))
    if report.year is not None and report.year != args.year:
        print(
            f"Perhatian: dokumen tampaknya tahun {report.year}, diimpor sebagai tahun {args.year}.",
            file=sys.stderr,
        )
    plan = build_plan(report, args.year)
    outcome = apply_plan(plan, args.agency, path=args.path, dry_run=args.dry_run, replace=args.replace)
    head = "Uji coba (tidak ada yang disimpan)" if args.dry_run else ("Disimpan" if outcome.written else "Tidak disimpan")
    print(f"{head}: {args.agency} tahun {args.year} dari {args.path}")
    verb = "dibuat" if outcome.written else "akan dibuat"
    for what, n in sorted(outcome.created.items()):
        print(f"  {verb}: {n} {what}")
    for item in outcome.items[:200]:
        print(f"    + {item}")
    if outcome.unchanged:
        print(f"  sudah sama: {outcome.unchanged}")
    for assumption in outcome.assumptions:
        print(f"  anggapan: {assumption}")
    for note in plan.notes:
        print(f"  catatan: {note}")
    if outcome.conflicts:
        print(f"  {len(outcome.conflicts)} berbeda dengan data tersimpan:")
        for conflict in outcome.conflicts[:200]:
            print(f"    - {conflict}")
        if not args.replace:
            print("  Tidak ada yang ditulis. Ulangi dengan --replace untuk menimpa.")
            return 1
        print(f"  {'ditimpa' if outcome.written else 'akan ditimpa'}: {len(outcome.changed)}")
        for change in outcome.changed[:200]:
            print(f"    ~ {change}")
    if report.errors:
        print(f"  Dokumen memuat {report.errors} galat perhitungan; lihat 'sakip check {args.path}'.")
    return 0
