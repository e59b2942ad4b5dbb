"""The register of community proposals (Renja §2.5): import from an XLSX sheet.

The sheet has one header row (found among the first ten rows by its "Usulan" cell) and one
proposal per row below it. Columns are recognised by their titles, case-insensitively:

    No | Usulan | Sumber | Rincian Sumber | Lokasi | Volume | Satuan | Perkiraan Biaya (Rp) |
    Status | Alasan | Kode

Required: Usulan, Sumber (Musrenbang, Pokir DPRD, Pemangku Kepentingan), Status (Diterima,
Diterima Sebagian, Ditolak). A proposal that is rejected or accepted in part needs its Alasan.
Money is whole rupiah; numbers may be typed in the Indonesian or English convention.

The import replaces the agency-year's register in one transaction: either every row is valid
and the new register is stored, or nothing changes and every problem is reported with its row
and column (:class:`~sakip.common.errors.UserError`).
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

from sakip.common.errors import UserError
from sakip.rules.numbers import (
    Ambiguous,
    ColumnKind,
    Missing,
    NumberFormatError,
    parse_number,
    parse_quantity,
)

#: Field → accepted column titles (lower case, spaces normalised).
COLUMNS: dict[str, tuple[str, ...]] = {
    "number": ("no", "no.", "nomor"),
    "proposal": ("usulan", "uraian usulan", "usulan program/kegiatan", "usulan kegiatan"),
    "source": ("sumber", "sumber usulan", "asal usulan"),
    "source_detail": ("rincian sumber", "pengusul", "nama pengusul"),
    "location": ("lokasi",),
    "volume": ("volume",),
    "unit": ("satuan",),
    "estimated_cost": ("perkiraan biaya (rp)", "perkiraan biaya", "biaya (rp)", "biaya"),
    "status": ("status",),
    "reason": ("alasan", "alasan/catatan", "catatan", "keterangan"),
    "line_code": ("kode", "ditampung pada kode", "kode program/kegiatan/sub kegiatan"),
}
REQUIRED = ("proposal", "source", "status")

SOURCES = {
    "musrenbang": "musrenbang",
    "musrenbang desa": "musrenbang",
    "musrenbang kecamatan": "musrenbang",
    "musrenbang kabupaten": "musrenbang",
    "musrenbang kota": "musrenbang",
    "pokir": "pokir",
    "pokir dprd": "pokir",
    "pokok pikiran dprd": "pokir",
    "pemangku kepentingan": "stakeholder",
    "stakeholder": "stakeholder",
    "lainnya": "stakeholder",
}
STATUSES = {
    "diterima": "accepted",
    "diterima sebagian": "partial",
    "sebagian": "partial",
    "ditolak": "rejected",
    "tidak diterima": "rejected",
}


@dataclass(frozen=True)
class ImportResult:
    created: int
    replaced: int


def _norm(value: Any) -> str:
    return " ".join(str(value).split()).casefold() if value is not None else ""


def _title(field: str) -> str:
    return COLUMNS[field][0].title() if field != "estimated_cost" else "Perkiraan Biaya (Rp)"


def _find_header(rows: list[tuple[Any, ...]], name: str) -> tuple[int, dict[str, int]]:
    for index, row in enumerate(rows[:10]):
        cells = [_norm(c) for c in row]
        if any(c in COLUMNS["proposal"] for c in cells):
            mapping: dict[str, int] = {}
            for col, cell in enumerate(cells):
                for field, titles in COLUMNS.items():
                    if cell in titles and field not in mapping:
                        mapping[field] = col
            missing = [_title(f) for f in REQUIRED if f not in mapping]
            if missing:
                raise UserError(
                    f"kolom {', '.join(missing)} tidak ada pada baris judul (baris {index + 1}).",
                    where=name,
                    hint="Judul kolom yang dikenal: " + ", ".join(_title(f) for f in COLUMNS) + ".",
                )
            return index, mapping
    raise UserError(
        "baris judul dengan kolom 'Usulan' tidak ditemukan pada sepuluh baris pertama.",
        where=name,
        hint="Isi baris judul: No, Usulan, Sumber, Rincian Sumber, Lokasi, Volume, Satuan, "
        "Perkiraan Biaya (Rp), Status, Alasan, Kode.",
    )


def _number(value: Any, kind: ColumnKind) -> tuple[Decimal | None, str]:
    """A number from a cell (a number or text). Returns (value, unit typed after it)."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None, ""
    if isinstance(value, bool):
        raise ValueError("bukan angka")
    if isinstance(value, int):
        return Decimal(value), ""
    if isinstance(value, float):
        return Decimal(repr(value)), ""
    text = str(value)
    if kind is ColumnKind.MONEY:
        parsed = parse_number(text, kind)
        unit = ""
    else:
        quantity = parse_quantity(text, kind)
        parsed, unit = quantity.number, quantity.unit
    if isinstance(parsed, Missing):
        return None, ""
    if isinstance(parsed, Ambiguous):
        raise ValueError(parsed.message)
    return parsed.value, unit


def read_rows(path: Path) -> list[dict[str, Any]]:
    """The proposals of the first sheet as field dicts; UserError listing every bad cell."""
    from openpyxl import load_workbook

    name = path.name
    try:
        workbook = load_workbook(path, read_only=True, data_only=True)
    except FileNotFoundError:
        raise UserError(f"berkas {path} tidak ada.") from None
    except Exception as exc:  # openpyxl raises several kinds for a file that is not XLSX
        raise UserError(
            f"berkas tidak dapat dibaca sebagai XLSX ({exc.__class__.__name__}).",
            where=name, hint="Simpan lembar kerja sebagai Excel Workbook (.xlsx).",
        ) from None
    try:
        sheet = workbook.worksheets[0]
        rows = [tuple(r) for r in sheet.iter_rows(values_only=True)]
    finally:
        workbook.close()
    header, mapping = _find_header(rows, name)
    problems: list[str] = []
    records: list[dict[str, Any]] = []
    for offset, row in enumerate(rows[header + 1:], start=header + 2):
        def cell(field: str, row: tuple[Any, ...] = row) -> Any:
            col = mapping.get(field)
            return row[col] if col is not None and col < len(row) else None

        if all(v is None or (isinstance(v, str) and not v.strip()) for v in row):
            continue
        where = f"baris {offset}"
        record: dict[str, Any] = {"row": offset}
        for field in ("number", "proposal", "source_detail", "location", "unit", "reason", "line_code"):
            value = cell(field)
            if isinstance(value, float) and value.is_integer():
                value = int(value)
            record[field] = "" if value is None else " ".join(str(value).split())
        if not record["proposal"]:
            problems.append(f"{where} kolom 'Usulan': kosong; isi uraian usulan.")
        source = _norm(cell("source"))
        if source not in SOURCES:
            problems.append(
                f"{where} kolom 'Sumber': {cell('source')!r} tidak dikenal; "
                "isi Musrenbang, Pokir DPRD atau Pemangku Kepentingan."
            )
        record["source"] = SOURCES.get(source, "")
        status = _norm(cell("status"))
        if status not in STATUSES:
            problems.append(
                f"{where} kolom 'Status': {cell('status')!r} tidak dikenal; "
                "isi Diterima, Diterima Sebagian atau Ditolak."
            )
        record["status"] = STATUSES.get(status, "")
        if record["status"] in ("partial", "rejected") and not record["reason"]:
            problems.append(
                f"{where} kolom 'Alasan': usulan yang ditolak atau diterima sebagian harus "
                "disertai alasannya."
            )
        try:
            volume, unit = _number(cell("volume"), ColumnKind.UNKNOWN)
            record["volume"] = volume
            if unit and not record["unit"]:
                record["unit"] = unit
        except (ValueError, NumberFormatError) as exc:
            problems.append(f"{where} kolom 'Volume': {cell('volume')!r} bukan angka ({exc}).")
        try:
            cost, _ = _number(cell("estimated_cost"), ColumnKind.MONEY)
            if cost is not None and (cost != cost.to_integral_value() or cost < 0):
                raise ValueError("harus rupiah bulat, tidak negatif")
            record["estimated_cost"] = None if cost is None else int(cost)
        except (ValueError, NumberFormatError) as exc:
            problems.append(
                f"{where} kolom 'Perkiraan Biaya (Rp)': {cell('estimated_cost')!r} tidak "
                f"dapat dibaca ({exc})."
            )
        records.append(record)
    if problems:
        shown = problems[:20]
        more = f" … dan {len(problems) - 20} masalah lain." if len(problems) > 20 else ""
        raise UserError(
            f"{len(problems)} masalah ditemukan; tidak ada yang disimpan. " + " ".join(shown) + more,
            where=name,
        )
    if not records:
        raise UserError("tidak ada usulan di bawah baris judul; tidak ada yang disimpan.", where=name)
    return records


def import_xlsx(path: Path, agency_code: str, year: int) -> ImportResult:
    """Replace the register of community proposals of one agency-year by the sheet's rows."""
    from django.core.exceptions import ValidationError
    from django.db import transaction

    from sakip.organisations.models import Agency
    from sakip.planning.models import CommunityProposal
    from sakip.workflow.history import audit_context, record

    agency = Agency.objects.filter(code=agency_code).first()
    if agency is None:
        raise UserError(f"perangkat daerah dengan kode '{agency_code}' tidak ada.")
    rows = read_rows(path)
    with transaction.atomic(), audit_context(reason=f"impor usulan masyarakat dari {path.name}", quiet=True):
        existing = CommunityProposal.objects.filter(agency=agency, year=year)
        replaced = existing.count()
        existing.delete()
        objects = []
        for order, r in enumerate(rows):
            obj = CommunityProposal(
                agency=agency, year=year, order=order,
                **{k: v for k, v in r.items() if k != "row"},
            )
            try:
                obj.full_clean(exclude=["agency"])
            except ValidationError as exc:
                details = "; ".join(
                    f"{getattr(CommunityProposal._meta.get_field(f), 'verbose_name', f)}: {' '.join(m)}"
                    for f, m in exc.message_dict.items()
                )
                raise UserError(f"{details}. Tidak ada yang disimpan.", where=f"{path.name} baris {r['row']}") from None
            objects.append(obj)
        CommunityProposal.objects.bulk_create(objects)
        record(agency, "update", reason=f"Usulan masyarakat {year} diimpor dari {path.name}: "
               f"{len(objects)} usulan (menggantikan {replaced})")
    return ImportResult(created=len(objects), replaced=replaced)
