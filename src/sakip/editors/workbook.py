"""XLSX round trip for offline work.

`build(kind)` writes a workbook for an agency-year: visible sheets with one row per item and a
very hidden sheet "_asal" holding what every editable cell held when it was downloaded (and
the agency, year and kind). `read()` checks an uploaded workbook cell by cell:

- a figure that cannot be read (sakip.rules.numbers, Indonesian convention) → error with the
  sheet, the cell address, what is wrong and what to do;
- money typed on a program or kegiatan, or in a column that is not editable → error;
- a cell the person changed whose stored value changed since the download → stale error per
  cell, naming the value now stored and who changed it;
- otherwise a Change (old → new). Unchanged cells are ignored.

`apply()` writes all changes in one transaction, or none when anything is wrong.
Rows are found by the ID in column A, so sorting or filtering rows in Excel is harmless.
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from openpyxl import Workbook, load_workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from sakip.common.budget_versions import FORECAST, VERSIONS
from sakip.common.errors import UserError
from sakip.editors.common import as_text, read_decimal, read_money
from sakip.monitoring.models import IndicatorRealisation, Period, SpendingRealisation
from sakip.organisations.models import Agency
from sakip.planning.models import (
    BudgetAllocation,
    BudgetVersion,
    Indicator,
    IndicatorTarget,
    Level,
    WorkPlan,
    WorkPlanLine,
)
from sakip.workflow.history import audit_context

ORIGIN_SHEET = "_asal"
HEADER_ROW = 4
MAX_UPLOAD_BYTES = 5 * 1024 * 1024
GREY = PatternFill("solid", fgColor="E4E7EB")
EDITABLE = PatternFill("solid", fgColor="FFFDE7")


@dataclass(frozen=True)
class Column:
    key: str
    header: str
    kind: str  # "money", "decimal", "text", "info" (shown, never read back)
    width: int = 16
    maximum: Decimal | None = None  # a decimal above it is refused (physical progress ≤ 100)


@dataclass
class Item:
    """One row: its ID, the values shown, which cells may be changed (others say why not)."""

    row_id: str
    values: dict[str, Any]
    editable: set[str]
    locked_reason: dict[str, str] = field(default_factory=dict)
    label: str = ""


@dataclass
class Sheet:
    title: str
    columns: list[Column]
    items: list[Item]
    note: str = ""


@dataclass
class CellChange:
    sheet: str
    cell: str
    row_id: str
    column: Column
    label: str
    old: Any
    new: Any

    def shown(self, value: Any) -> str:
        from sakip.rules.numbers import format_number

        if value is None or value == "":
            return _("(kosong)")
        if self.column.kind == "money":
            return "Rp " + format_number(Decimal(value), 0)
        if isinstance(value, Decimal):
            return format_number(value.normalize(), max(0, -int(value.normalize().as_tuple().exponent)))
        return str(value)

    @property
    def old_text(self) -> str:
        return self.shown(self.old)

    @property
    def new_text(self) -> str:
        return self.shown(self.new)


@dataclass
class CellProblem:
    sheet: str
    cell: str
    what: str
    todo: str
    column: str = ""


@dataclass
class Reading:
    changes: list[CellChange]
    problems: list[CellProblem]

    @property
    def ok(self) -> bool:
        return not self.problems


# --------------------------------------------------------------------------------------
# The two kinds of workbook
# --------------------------------------------------------------------------------------


class Kind:
    key = ""
    title = ""  # in the workbook and the audit trail: always Indonesian
    label: Any = ""  # on the page, in the interface language
    document = ""

    def __init__(self, agency: Agency, year: int, quarter: int = 0) -> None:
        self.agency = agency
        self.year = year
        self.quarter = quarter

    def sheets(self) -> list[Sheet]:
        raise NotImplementedError

    def indonesian_sheets(self) -> list[Sheet]:
        """The sheets with Indonesian titles and headers whatever the interface language: the
        workbook is a generated document, and an upload is matched against these headers."""
        with translation.override("id"):
            return self.sheets()

    def apply(self, change: CellChange) -> None:
        raise NotImplementedError

    def who_changed(self, row_id: str, column: str) -> str:
        """Who last changed the fact behind a cell, for stale messages."""
        return ""

    @property
    def filename(self) -> str:
        suffix = f"-tw{self.quarter}" if self.quarter else ""
        return f"{self.key}-{self.agency.code}-{self.year}{suffix}.xlsx"


def _last_change(model: str, object_id: int | None, fields: list[str]) -> str:
    from sakip.workflow.models import Change

    if object_id is None:
        return ""
    last = Change.objects.filter(content_type__model=model, object_id=object_id).filter(
        field__in=fields
    ).select_related("user").first() or Change.objects.filter(
        content_type__model=model, object_id=object_id).select_related("user").first()
    if last is None:
        return ""
    who = (last.user.get_full_name() or last.user.get_username()) if last.user else _("pengguna lain")
    return _(" oleh %(who)s pada %(when)s") % {"who": who, "when": last.at.strftime("%d-%m-%Y %H:%M")}


class PlanWorkbook(Kind):
    """Money per budget version, location, funding source and notes of every line; targets
    of the year of every program/kegiatan/sub kegiatan indicator."""

    key = "renja"
    title = "Rencana kerja dan pagu"
    label = gettext_lazy("Rencana kerja dan pagu")
    document = "renja"

    def work_plan(self) -> WorkPlan:
        work_plan = WorkPlan.objects.filter(agency=self.agency, year=self.year).first()
        if work_plan is None:
            raise UserError(_("Belum ada rencana kerja %(agency)s tahun %(year)s.")
                            % {"agency": self.agency.name, "year": self.year},
                            hint=_("Buat rencana kerja lebih dahulu di halaman Renja (menu "
                                   "“Rencana kerja & pagu”), lalu unduh buku kerjanya."))
        return work_plan

    def sheets(self) -> list[Sheet]:
        work_plan = self.work_plan()
        lines = list(work_plan.lines.all().order_by("code"))
        money: dict[tuple[int, str], int] = {
            (a.line_id, a.version): a.amount
            for a in BudgetAllocation.objects.filter(line__work_plan=work_plan)
        }
        versions = [*VERSIONS, FORECAST]
        columns = [
            Column("code", "Kode", "info", 20), Column("level", "Tingkat", "info", 13),
            Column("name", "Program / Kegiatan / Sub Kegiatan", "info", 48),
            *[Column(v, f"Pagu {BudgetVersion(v).label} (Rp)", "money", 20) for v in versions],
            Column("location", "Lokasi", "text", 24), Column("funding_source", "Sumber dana", "text", 18),
            Column("notes", "Catatan", "text", 30),
        ]
        items = []
        for line in lines:
            leaf = line.level == Level.SUB_ACTIVITY
            values: dict[str, Any] = {"code": line.code, "level": line.get_level_display(),
                                      "name": line.name, "location": line.location,
                                      "funding_source": line.funding_source, "notes": line.notes}
            editable = {"location", "funding_source", "notes"}
            reasons = {}
            for v in versions:
                values[v] = money.get((line.pk, v)) if leaf else None
                if leaf:
                    editable.add(v)
                else:
                    reasons[v] = LOCKED_MONEY.get(line.level, LOCKED_MONEY[Level.ACTIVITY])
            items.append(Item(f"L{line.pk}", values, editable, reasons, line.code))
        target_items = []
        indicators = Indicator.objects.filter(
            strategic_plan__agency=self.agency, strategic_plan__start_year__lte=self.year,
            strategic_plan__end_year__gte=self.year,
            subject__in=["program", "activity", "sub_activity"],
        ).order_by("code", "order", "id")
        targets = {t.indicator_id: t for t in IndicatorTarget.objects.filter(
            indicator__in=indicators, year=self.year)}
        for ind in indicators:
            t = targets.get(ind.pk)
            target_items.append(Item(
                f"I{ind.pk}",
                {"code": ind.code, "name": ind.name, "unit": ind.unit,
                 "target": t.value if t else None},
                {"target"}, label=f"{ind.code} {ind.name}"[:80],
            ))
        return [
            Sheet("Pagu", columns, items,
                  "Isi pagu hanya pada baris sub kegiatan (rupiah bulat). Baris program dan "
                  "kegiatan dihitung."),
            Sheet("Target", [Column("code", "Kode", "info", 20),
                             Column("name", "Indikator", "info", 60),
                             Column("unit", "Satuan", "info", 14),
                             Column("target", f"Target {self.year}", "decimal", 14)],
                  target_items, "Tulis target dengan koma desimal, mis. 12,5."),
        ]

    def apply(self, change: CellChange) -> None:
        pk = int(change.row_id[1:])
        if change.row_id.startswith("I"):
            indicator = Indicator.objects.get(pk=pk, strategic_plan__agency=self.agency)
            target, _ = IndicatorTarget.objects.get_or_create(indicator=indicator, year=self.year)
            target.value = change.new
            target.save()
            return
        line = WorkPlanLine.objects.get(pk=pk, work_plan__agency=self.agency, work_plan__year=self.year)
        key = change.column.key
        if change.column.kind == "money":
            alloc = BudgetAllocation.objects.filter(line=line, version=key).first()
            if change.new is None:
                if alloc is not None:
                    alloc.delete()
            elif alloc is None:
                BudgetAllocation.objects.create(line=line, version=key, amount=change.new)
            else:
                alloc.amount = change.new
                alloc.save()
        else:
            setattr(line, key, change.new or "")
            line.save()

    def who_changed(self, row_id: str, column: str) -> str:
        pk = int(row_id[1:])
        if row_id.startswith("I"):
            t = IndicatorTarget.objects.filter(indicator_id=pk, year=self.year).first()
            return _last_change("indicatortarget", t.pk if t else None, ["value"])
        if column in (*VERSIONS, FORECAST):
            a = BudgetAllocation.objects.filter(line_id=pk, version=column).first()
            return _last_change("budgetallocation", a.pk if a else None, ["amount"])
        return _last_change("workplanline", pk, [column])


class RealisationWorkbook(Kind):
    """A quarter's realisation: indicator values (or numerator and denominator) and notes;
    spending (this quarter, not cumulative), physical progress and explanations."""

    key = "realisasi"
    title = "Realisasi triwulan"
    label = gettext_lazy("Realisasi triwulan")
    document = "realisation"

    def sheets(self) -> list[Sheet]:
        indicators = Indicator.objects.filter(
            strategic_plan__agency=self.agency, strategic_plan__start_year__lte=self.year,
            strategic_plan__end_year__gte=self.year,
        ).order_by("order", "id")
        targets = {t.indicator_id: t for t in IndicatorTarget.objects.filter(
            indicator__in=indicators, year=self.year)}
        realised = {r.indicator_id: r for r in IndicatorRealisation.objects.filter(
            indicator__in=indicators, year=self.year, period=self.quarter)}
        ind_items = []
        for ind in indicators:
            r = realised.get(ind.pk)
            t = targets.get(ind.pk)
            ind_items.append(Item(
                f"I{ind.pk}",
                {"code": ind.code or ind.number, "name": ind.name, "unit": ind.unit,
                 "target": t.value if t else None,
                 "value": r.value if r else None, "numerator": r.numerator if r else None,
                 "denominator": r.denominator if r else None, "note": r.note if r else ""},
                {"value", "numerator", "denominator", "note"}, label=ind.name[:80],
            ))
        work_plan = WorkPlan.objects.filter(agency=self.agency, year=self.year).first()
        line_items = []
        if work_plan is not None:
            leaves = list(work_plan.lines.filter(level=Level.SUB_ACTIVITY).order_by("code"))
            spent = {s.line_id: s for s in SpendingRealisation.objects.filter(
                line__in=leaves, period=self.quarter)}
            budgets: dict[int, dict[str, int]] = {}
            for a in BudgetAllocation.objects.filter(line__in=leaves):
                budgets.setdefault(a.line_id, {})[a.version] = a.amount
            from sakip.common.budget_versions import BUDGET_PRECEDENCE

            for line in leaves:
                s = spent.get(line.pk)
                have = budgets.get(line.pk, {})
                pagu = next((have[v] for v in BUDGET_PRECEDENCE if v in have), None)
                line_items.append(Item(
                    f"L{line.pk}",
                    {"code": line.code, "name": line.name, "budget": pagu,
                     "amount": s.amount if s else None,
                     "physical_progress": s.physical_progress if s else None,
                     "explanation": s.explanation if s else "", "note": s.note if s else ""},
                    {"amount", "physical_progress", "explanation", "note"}, label=line.code,
                ))
        quarter = Period(self.quarter).label
        return [
            Sheet("Indikator", [
                Column("code", "Kode / Nomor", "info", 18), Column("name", "Indikator", "info", 56),
                Column("unit", "Satuan", "info", 12), Column("target", f"Target {self.year}", "info", 12),
                Column("value", f"Realisasi {quarter}", "decimal", 14),
                Column("numerator", "Pembilang", "decimal", 14),
                Column("denominator", "Penyebut", "decimal", 14),
                Column("note", "Keterangan / bukti", "text", 30),
            ], ind_items, "Isi realisasi, atau pembilang dan penyebut bila indikator memakai rumus."),
            Sheet("Anggaran", [
                Column("code", "Kode", "info", 20), Column("name", "Sub Kegiatan", "info", 50),
                Column("budget", "Pagu (Rp)", "info", 18),
                Column("amount", f"Realisasi {quarter} (Rp)", "money", 20),
                Column("physical_progress", "Realisasi fisik (%)", "decimal", 12, Decimal(100)),
                Column("explanation", "Penjelasan (wajib bila serapan rendah)", "text", 34),
                Column("note", "Keterangan / bukti", "text", 24),
            ], line_items, "Realisasi anggaran triwulan ini saja (bukan kumulatif), rupiah bulat."),
        ]

    def apply(self, change: CellChange) -> None:
        pk = int(change.row_id[1:])
        key = change.column.key
        if change.row_id.startswith("I"):
            indicator = Indicator.objects.get(pk=pk, strategic_plan__agency=self.agency)
            rec, _ = IndicatorRealisation.objects.get_or_create(
                indicator=indicator, year=self.year, period=self.quarter)
            setattr(rec, key, change.new if change.column.kind != "text" else (change.new or ""))
            rec.save()
            return
        line = WorkPlanLine.objects.get(pk=pk, work_plan__agency=self.agency, work_plan__year=self.year)
        spent = SpendingRealisation.objects.filter(line=line, period=self.quarter).first()
        if spent is None:
            spent = SpendingRealisation(line=line, period=self.quarter, amount=0)
        if key == "amount":
            spent.amount = change.new if change.new is not None else 0
        else:
            setattr(spent, key, change.new if change.column.kind != "text" else (change.new or ""))
        spent.full_clean()
        spent.save()

    def who_changed(self, row_id: str, column: str) -> str:
        pk = int(row_id[1:])
        if row_id.startswith("I"):
            r = IndicatorRealisation.objects.filter(indicator_id=pk, year=self.year,
                                                    period=self.quarter).first()
            return _last_change("indicatorrealisation", r.pk if r else None, [column])
        s = SpendingRealisation.objects.filter(line_id=pk, period=self.quarter).first()
        return _last_change("spendingrealisation", s.pk if s else None, [column])


#: Why money cannot be typed on a program's or kegiatan's row (shown in the interface language).
LOCKED_MONEY: dict[int, Any] = {
    Level.PROGRAM: gettext_lazy("Pagu program dihitung dari jumlah sub kegiatannya; isi pagu pada "
                                "baris sub kegiatan"),
    Level.ACTIVITY: gettext_lazy("Pagu kegiatan dihitung dari jumlah sub kegiatannya; isi pagu "
                                 "pada baris sub kegiatan"),
}

KINDS: dict[str, type[Kind]] = {"renja": PlanWorkbook, "realisasi": RealisationWorkbook}


# --------------------------------------------------------------------------------------
# Writing
# --------------------------------------------------------------------------------------


def _cell_value(column: Column, value: Any) -> Any:
    if value is None:
        return None
    if column.kind == "money" or (column.kind == "info" and isinstance(value, int)):
        return int(value)
    if isinstance(value, Decimal):
        normal = value.normalize()
        return int(normal) if normal == normal.to_integral_value() else float(normal)
    return value


def build(kind: Kind) -> bytes:
    """The workbook, in Indonesian whatever the interface language (a generated document)."""
    with translation.override("id"):
        return _build(kind)


def _build(kind: Kind) -> bytes:
    workbook = Workbook()
    origin = workbook.active
    assert isinstance(origin, Worksheet)
    origin.title = ORIGIN_SHEET
    origin.append(["agency", kind.agency.code, "year", kind.year, "kind", kind.key,
                   "quarter", kind.quarter])
    origin.append(["sheet", "id", "column", "value"])
    for sheet in kind.indonesian_sheets():
        ws = workbook.create_sheet(sheet.title)
        ws["A1"] = f"{kind.title} — {kind.agency.name} — Tahun {kind.year}" + (
            f" — {Period(kind.quarter).label}" if kind.quarter else "")
        ws["A1"].font = Font(bold=True, size=12)
        ws["A2"] = sheet.note + " Jangan mengubah kolom ID. Sel kuning dapat diisi."
        ws["A3"] = "Unggah kembali berkas ini di OpenSAKIP; perubahan diperiksa per sel sebelum disimpan."
        headers = ["ID", *[c.header for c in sheet.columns]]
        for index, header in enumerate(headers, start=1):
            cell = ws.cell(row=HEADER_ROW, column=index, value=header)
            cell.font = Font(bold=True)
            cell.alignment = Alignment(wrap_text=True, vertical="top")
        ws.column_dimensions["A"].width = 9
        for index, column in enumerate(sheet.columns, start=2):
            ws.column_dimensions[get_column_letter(index)].width = column.width
        for offset, item in enumerate(sheet.items, start=1):
            row = HEADER_ROW + offset
            ws.cell(row=row, column=1, value=item.row_id)
            for index, column in enumerate(sheet.columns, start=2):
                value = _cell_value(column, item.values.get(column.key))
                cell = ws.cell(row=row, column=index, value=value)
                if column.kind == "money" or (column.kind == "info" and isinstance(value, int)):
                    cell.number_format = "#,##0"
                if column.kind != "info":
                    cell.fill = EDITABLE if column.key in item.editable else GREY
                    if column.key in item.editable:
                        origin.append([sheet.title, item.row_id, column.key,
                                       as_text(item.values.get(column.key))])
        ws.freeze_panes = ws.cell(row=HEADER_ROW + 1, column=3)
    origin.sheet_state = "veryHidden"
    workbook.active = 1
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


# --------------------------------------------------------------------------------------
# Reading back
# --------------------------------------------------------------------------------------


def _parse(column: Column, raw: Any, where: str) -> Any:
    """The value a cell holds, in the type of the stored fact; UserError when unreadable."""
    if raw is None or (isinstance(raw, str) and not raw.strip()):
        return "" if column.kind == "text" else None
    if column.kind == "text":
        return str(raw).strip()
    if isinstance(raw, bool):
        raise UserError(_("berisi nilai benar/salah, bukan angka"), where=where)
    if isinstance(raw, int | float):
        try:
            value = Decimal(str(raw))
        except InvalidOperation as exc:  # pragma: no cover - float from openpyxl is finite
            raise UserError(_("“%(raw)s” bukan angka") % {"raw": raw}, where=where) from exc
        if column.kind == "decimal":
            return _bounded(column, value, where)
        if column.kind == "money":
            if value != value.to_integral_value():
                raise UserError(_("%(raw)s bukan rupiah bulat") % {"raw": raw}, where=where)
            if value < 0:
                raise UserError(_("%(raw)s negatif") % {"raw": raw}, where=where)
            return int(value)
        return value
    if not isinstance(raw, str):
        raise UserError(_("berisi %(type)s, bukan angka") % {"type": type(raw).__name__}, where=where)
    if column.kind == "money":
        return read_money(raw, where)
    return _bounded(column, read_decimal(raw, where), where)


def _bounded(column: Column, value: Decimal | None, where: str) -> Decimal | None:
    if value is not None and column.maximum is not None and not 0 <= value <= column.maximum:
        raise UserError(_("%(value)s di luar rentang 0–%(max)s") % {"value": value, "max": column.maximum},
                        where=where, hint=_("Tulis angka antara 0 dan %(max)s.") % {"max": column.maximum})
    return value


def _same(column: Column, a: Any, b: Any) -> bool:
    if column.kind == "text":
        return (a or "") == (b or "")
    return as_text(a) == as_text(b)


def _origin_value(column: Column, text: str) -> Any:
    if column.kind == "text":
        return text
    if text == "":
        return None
    return int(text) if column.kind == "money" else Decimal(text)


def read(kind: Kind, data: bytes) -> Reading:
    problems: list[CellProblem] = []
    changes: list[CellChange] = []
    try:
        workbook = load_workbook(io.BytesIO(data), data_only=True, read_only=False)
    except Exception as exc:  # openpyxl raises many kinds for a file that is not XLSX
        raise UserError(
            _("Berkas tidak dapat dibaca sebagai buku kerja Excel (.xlsx)."),
            hint=_("Simpan ulang dari Excel atau LibreOffice dalam format .xlsx lalu unggah lagi."),
        ) from exc
    if ORIGIN_SHEET not in workbook.sheetnames:
        raise UserError(
            _("Berkas ini bukan buku kerja yang diunduh dari OpenSAKIP (lembar _asal tidak ada)."),
            hint=_("Unduh buku kerja dari halaman ini, isi, lalu unggah berkas itu."),
        )
    origin_ws = workbook[ORIGIN_SHEET]
    meta = [c.value for c in next(origin_ws.iter_rows(min_row=1, max_row=1))]
    expected = ["agency", kind.agency.code, "year", kind.year, "kind", kind.key,
                "quarter", kind.quarter]
    if [str(v) for v in meta[:8]] != [str(v) for v in expected]:
        def about(key: object, agency: object, year: object, quarter: object) -> str:
            if quarter:
                return _("%(kind)s %(agency)s tahun %(year)s triwulan %(quarter)s") % {
                    "kind": key, "agency": agency, "year": year, "quarter": quarter}
            return _("%(kind)s %(agency)s tahun %(year)s") % {"kind": key, "agency": agency, "year": year}

        raise UserError(
            _("Berkas ini untuk %(file)s, bukan %(page)s.") % {
                "file": about(meta[5], meta[1], meta[3], meta[7]),
                "page": about(kind.key, kind.agency.code, kind.year, kind.quarter)},
            hint=_("Unggah berkas di halaman perangkat daerah, tahun dan triwulan yang sesuai."),
        )
    origins: dict[tuple[str, str, str], str] = {}
    for row in origin_ws.iter_rows(min_row=3, values_only=True):
        if row and row[0]:
            origins[(str(row[0]), str(row[1]), str(row[2]))] = "" if row[3] is None else str(row[3])
    for sheet in kind.indonesian_sheets():
        if sheet.title not in workbook.sheetnames:
            problems.append(CellProblem(sheet.title, "—", _("Lembar tidak ada."),
                                        _("Jangan menghapus atau mengganti nama lembar; unduh ulang "
                                          "buku kerja dan isi kembali.")))
            continue
        ws = workbook[sheet.title]
        items = {item.row_id: item for item in sheet.items}
        header = [c.value for c in ws[HEADER_ROW]]
        positions = {c.key: i for i, c in enumerate(sheet.columns, start=1)}
        expected_header = ["ID", *[c.header for c in sheet.columns]]
        if [str(h or "") for h in header[:len(expected_header)]] != expected_header:
            problems.append(CellProblem(sheet.title, _("baris %(row)s") % {"row": HEADER_ROW},
                                        _("Judul kolom berubah (kolom disisipkan, dihapus atau dipindah)."),
                                        _("Kembalikan susunan kolom seperti saat diunduh, atau unduh ulang.")))
            continue
        seen: set[str] = set()
        for row in ws.iter_rows(min_row=HEADER_ROW + 1):
            id_cell = row[0]
            row_id = str(id_cell.value).strip() if id_cell.value is not None else ""
            if not row_id:
                if any(c.value not in (None, "") for c in row[1:]):
                    problems.append(CellProblem(sheet.title, id_cell.coordinate,
                                                _("Baris tanpa ID berisi data."),
                                                _("Baris baru tidak dapat ditambahkan lewat Excel; "
                                                  "tambahkan di aplikasi lalu unduh ulang.")))
                continue
            item = items.get(row_id)
            if item is None:
                problems.append(CellProblem(sheet.title, id_cell.coordinate,
                                            _("ID “%(id)s” tidak dikenal untuk buku kerja ini.") % {"id": row_id},
                                            _("Jangan mengubah kolom ID; unduh ulang bila ragu.")))
                continue
            if row_id in seen:
                problems.append(CellProblem(sheet.title, id_cell.coordinate,
                                            _("ID “%(id)s” muncul dua kali.") % {"id": row_id},
                                            _("Hapus baris salinannya.")))
                continue
            seen.add(row_id)
            for column in sheet.columns:
                if column.kind == "info":
                    continue
                index = positions[column.key]
                cell = row[index] if index < len(row) else None
                raw = cell.value if cell is not None else None
                address = cell.coordinate if cell is not None else f"{get_column_letter(index + 1)}{id_cell.row}"
                where = f"{sheet.title}!{address}"
                try:
                    new = _parse(column, raw, where)
                except UserError as exc:
                    problems.append(CellProblem(sheet.title, address, exc.message,
                                                exc.hint or _todo(column), column.header))
                    continue
                key = (sheet.title, row_id, column.key)
                current = item.values.get(column.key)
                if key not in origins:
                    if not _same(column, new, current if column.key in item.editable else None):
                        problems.append(CellProblem(
                            sheet.title, address,
                            str(item.locked_reason.get(column.key, _("Sel ini tidak dapat diisi"))) + ".",
                            _("Kosongkan sel ini."), column.header))
                    continue
                original = _origin_value(column, origins[key])
                if _same(column, new, original):
                    continue  # not changed by this person
                if not _same(column, current, original):
                    by = kind.who_changed(row_id, column.key)
                    problems.append(CellProblem(
                        sheet.title, address,
                        _("Nilai ini telah diubah%(by)s sejak berkas diunduh: dari %(old)s menjadi "
                          "%(now)s; Anda mengisi %(new)s.") % {
                            "by": by, "old": _shown(column, original), "now": _shown(column, current),
                            "new": _shown(column, new)},
                        _("Unduh ulang buku kerja, lalu isi kembali sel ini bila masih perlu."),
                        column.header))
                    continue
                changes.append(CellChange(sheet.title, address, row_id, column, item.label,
                                          current, new))
    return Reading(changes, problems)


def _todo(column: Column) -> str:
    if column.kind == "money":
        return _("Tulis rupiah bulat tanpa sen, mis. 1.250.000 atau 1250000.")
    return _("Tulis angka dengan koma desimal, mis. 12,5, atau kosongkan.")


def _shown(column: Column, value: Any) -> str:
    return CellChange("", "", "", column, "", None, None).shown(value)


def apply(kind: Kind, data: bytes, user: Any) -> Reading:
    """Read again and write every change in one transaction; nothing when anything is wrong
    (including a fact that changed between the preview and now)."""
    with transaction.atomic(), audit_context(
        user, reason=f"Unggah Excel {kind.title} {kind.agency.code} {kind.year}"
        + (f" TW{kind.quarter}" if kind.quarter else ""),
    ):
        reading = read(kind, data)
        if not reading.ok:
            return reading
        for change in reading.changes:
            try:
                kind.apply(change)
            except UserError as exc:
                reading.problems.append(CellProblem(change.sheet, change.cell, exc.message,
                                                    exc.hint or _("Periksa isian sel ini."),
                                                    change.column.header))
            except ValidationError as exc:
                reading.problems.append(CellProblem(change.sheet, change.cell,
                                                    " ".join(exc.messages),
                                                    _("Periksa isian sel ini."),
                                                    change.column.header))
        if reading.problems:
            transaction.set_rollback(True)
    return reading
