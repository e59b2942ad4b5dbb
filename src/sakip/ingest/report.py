"""The check report in three forms: readable text (grouped by table, worst first), JSON,
and an XLSX workbook (findings and the recognised tables)."""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path
from typing import Any

from sakip.ingest.checks import ERROR, Finding, Report

RULE_LABELS = {
    "formula_ratio": "rumus kolom (rasio)",
    "formula_sum": "rumus kolom (jumlah)",
    "summed_levels": "persentase dijumlahkan",
    "parent_sum": "induk ≠ jumlah turunan",
    "total": "baris jumlah",
    "money_percent": "persentase anggaran",
    "achievement": "capaian",
    "pathological": "capaian tidak wajar",
    "duplicate_code": "kode ganda",
    "code_unreadable": "kode tak terbaca",
    "code_form": "bentuk kode",
    "code_conflict": "kode berbeda",
    "money_without_target": "pagu tanpa target",
    "target_without_money": "target tanpa pagu",
    "table_label": "label tabel",
    "table_number_duplicate": "nomor tabel ganda",
    "table_number_missing": "nomor tabel hilang",
    "year_malformed": "tahun salah tulis",
    "year_foreign": "tahun asing",
    "year_stale": "tahun basi",
    "prose_count": "jumlah di teks",
    "overspend": "realisasi > anggaran",
    "number_format": "bentuk angka",
    "realised_above_end_target": "realisasi > target akhir",
    "mean": "rata-rata",
    "parent_range": "induk di luar rentang turunan",
    "cell_formula": "rumus tertulis",
    "efficiency": "efisiensi anggaran",
    "prose_subactivity": "daftar di teks tanpa pagu",
    "target_conflict": "target berbeda antartabel",
}


def _grouped(findings: list[Finding]) -> list[tuple[str, list[Finding]]]:
    groups: dict[str, list[Finding]] = defaultdict(list)
    for f in findings:
        groups[f.table].append(f)

    def weight(item: tuple[str, list[Finding]]) -> tuple[int, int, str]:
        name, items = item
        errors = sum(1 for f in items if f.severity == ERROR)
        return (-errors, -len(items), name)

    out = []
    for name, items in sorted(groups.items(), key=weight):
        items.sort(key=lambda f: (f.severity != ERROR, f.where, f.row))
        out.append((name, items))
    return out


def render_text(report: Report) -> str:
    lines = [
        f"Pemeriksaan {report.path}",
        f"Dokumen: {report.kind.upper()}"
        + (f" tahun {report.year}" if report.year else " (tahun tidak ditemukan)")
        + f"; {len(report.tables)} tabel ditemukan, "
        f"{sum(1 for t in report.tables if t.kind != 'unknown')} dikenali; "
        f"{report.comparisons} angka turunan dihitung ulang.",
        f"Temuan: {report.errors} galat, {report.warnings} peringatan.",
        "",
    ]
    for name, items in _grouped(report.findings):
        errors = sum(1 for f in items if f.severity == ERROR)
        lines.append(f"== {name} — {errors} galat, {len(items) - errors} peringatan")
        for f in items:
            tag = "GALAT" if f.severity == ERROR else "PERINGATAN"
            head = f"  [{tag}] {RULE_LABELS.get(f.rule, f.rule)}"
            where = ", ".join(x for x in (f.where, f"baris tabel: {f.row}" if f.row else "", f.column) if x)
            lines.append(f"{head} — {where}")
            if f.stated or f.expected:
                lines.append(f"      tercetak: {f.stated or '—'}   seharusnya: {f.expected or '—'}")
            lines.append(f"      {f.message}")
        lines.append("")
    lines.append("Tabel yang ditemukan:")
    for t in report.tables:
        lines.append(f"  {t.name:40.40} {t.raw.where:14} {len(t.rows):4} baris  {t.kind_label}")
    return "\n".join(lines) + "\n"


def as_json(report: Report) -> dict[str, Any]:
    return {
        "path": report.path,
        "format": report.format,
        "document": report.kind,
        "year": report.year,
        "errors": report.errors,
        "warnings": report.warnings,
        "recomputed": report.comparisons,
        "findings": [f.as_dict() for f in report.findings],
        "tables": [
            {
                "name": t.name,
                "caption": t.raw.caption,
                "where": t.raw.where,
                "kind": t.kind,
                "kind_label": t.kind_label,
                "rows": len(t.rows),
                "columns": [{"header": c.header, "number": c.number, "role": c.role} for c in t.columns],
            }
            for t in report.tables
        ],
    }


def write_xlsx(report: Report, path: Path) -> None:
    import openpyxl
    from openpyxl.styles import Font

    workbook = openpyxl.Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.title = "Temuan"
    header = ["Tingkat", "Aturan", "Tabel", "Baris", "Kolom", "Tercetak", "Seharusnya", "Penjelasan", "Letak"]
    sheet.append(header)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for _, items in _grouped(report.findings):
        for f in items:
            sheet.append(
                [
                    "galat" if f.severity == ERROR else "peringatan",
                    RULE_LABELS.get(f.rule, f.rule),
                    f.table,
                    f.row,
                    f.column,
                    f.stated,
                    f.expected,
                    f.message,
                    f.where,
                ]
            )
    for column, width in zip("ABCDEFGHI", (11, 22, 30, 30, 30, 18, 18, 90, 14), strict=True):
        sheet.column_dimensions[column].width = width
    summary = workbook.create_sheet("Tabel")
    summary.append(["No", "Tabel", "Judul", "Letak", "Jenis", "Baris"])
    for cell in summary[1]:
        cell.font = Font(bold=True)
    used: set[str] = set()
    for i, t in enumerate(report.tables, start=1):
        summary.append([i, t.name, t.raw.caption[:250], t.raw.where, t.kind_label, len(t.rows)])
        if t.kind == "unknown":
            continue
        title = _sheet_title(f"{i:02d} {t.name}", used)
        sheet_t = workbook.create_sheet(title)
        sheet_t.append([c.header or f"kolom {c.index + 1}" for c in t.columns])
        if any(c.number for c in t.columns):
            sheet_t.append([c.number for c in t.columns])
        for row in t.rows:
            sheet_t.append(list(row.cells))
    workbook.save(str(path))


def _sheet_title(text: str, used: set[str]) -> str:
    clean = "".join(ch for ch in text if ch not in '[]:*?/\\')[:31]
    title = clean
    n = 2
    while title in used:
        suffix = f" ({n})"
        title = clean[: 31 - len(suffix)] + suffix
        n += 1
    used.add(title)
    return title
