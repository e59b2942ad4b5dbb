"""XLSX renderer: every table of a `Document` on its own sheet, as real numbers.

- The first sheet ("Daftar Tabel") lists the tables with links to their sheets and the
  document's warnings (what data is missing where).
- Numbers are numbers: money and counts with the thousands format `#,##0`, percentages and
  measures with `#,##0.00` (the value is the percentage itself, 92,31, not a fraction). Number
  formats in an XLSX file are stored in the neutral notation; Excel and LibreOffice show them
  with the reader's separators, so an Indonesian installation prints 10.314.852.053 and 92,31.
  Undefined figures are written as their reason ("belum ada realisasi"), never as 0.
- Where the builder declared a figure to be a formula of cells beside it (`Cell.formula`) the
  cell holds the Excel formula *and* its cached value (so a reader that does not recalculate,
  or a program reading the file, still sees the figure); Excel recalculates on opening.
- Header rows are frozen and repeated on every printed page; pages are landscape, fitted to
  the width, on the document's paper (A4, or Folio/F4).
"""

from __future__ import annotations

import io
import re
import zipfile
from copy import copy
from decimal import Decimal

from lxml import etree
from openpyxl import Workbook
from openpyxl.comments import Comment
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.styles.cell_style import StyleArray
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from sakip.documents.model import Document, Kind, Table
from sakip.documents.render.layout import NUMERIC_KINDS, header_grid

NUMBER_FORMATS = {
    Kind.MONEY: "#,##0",
    Kind.COUNT: "#,##0",
    Kind.DECIMAL: "#,##0.00",
    Kind.PERCENT: "#,##0.00",
}
PAPER_CODES = {"A4": 9, "F4": 14}  # 14 = Folio 8,5 × 13 in (216 × 330 mm)
_THIN = Side(style="thin", color="000000")
BORDER = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
HEADER_FILL = PatternFill("solid", fgColor="D9D9D9")
NUMBER_ROW_FILL = PatternFill("solid", fgColor="F2F2F2")
ROW_FILLS = {
    "group": PatternFill("solid", fgColor="F2F2F2"),
    "subtotal": PatternFill("solid", fgColor="F2F2F2"),
    "total": PatternFill("solid", fgColor="D9D9D9"),
}
BOLD = Font(name="Arial", size=9, bold=True)
PLAIN = Font(name="Arial", size=9)
TITLE = Font(name="Arial", size=11, bold=True)
WRAP = Alignment(wrap_text=True, vertical="top")
_FIELD = re.compile(r"\{([A-Za-z0-9_]+)(?:@([^}]+))?\}")
_BAD_SHEET_CHARS = re.compile(r"[\[\]:*?/\\]")
MAIN_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"


def sheet_name(table: Table, used: set[str]) -> str:
    """"Tabel 3.1 Capaian IKU …" cut at a word to Excel's 31 characters, unique."""
    base = _BAD_SHEET_CHARS.sub(" ", f"Tabel {table.number} {table.caption}").strip()
    base = re.sub(r"\s+", " ", base).strip("'")
    if len(base) > 31:
        cut = base[:31]
        space = cut.rfind(" ")
        base = cut[:space] if space > len(f"Tabel {table.number}") else cut
    name = base.strip()
    n = 2
    while name.lower() in used:
        suffix = f" ({n})"
        name = base[: 31 - len(suffix)].rstrip() + suffix
        n += 1
    used.add(name.lower())
    return name


def _excel_value(value: Decimal | int | str | None) -> float | int | str | None:
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() and abs(value) < 10**15 else float(value)
    return value


def _write_table(ws: Worksheet, table: Table, subtitle: str) -> dict[str, object]:
    """Write one table; returns {cell ref: cached value} for its formula cells."""
    n_cols = len(table.columns)
    ws.cell(1, 1, f"Tabel {table.number} {table.caption}").font = TITLE
    ws.cell(2, 1, subtitle).font = PLAIN
    top = 4
    grid = header_grid(table)
    for r, slots in enumerate(grid):
        for slot in slots:
            if slot.continued:
                continue
            hrow, col = top + r, slot.col + 1
            cell = ws.cell(hrow, col, slot.text)
            cell.font = BOLD
            cell.fill = HEADER_FILL
            cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
            if slot.colspan > 1 or slot.rowspan > 1:
                ws.merge_cells(
                    start_row=hrow, start_column=col,
                    end_row=hrow + slot.rowspan - 1, end_column=col + slot.colspan - 1,
                )
    header_end = top + len(grid) - 1
    for r in range(top, header_end + 1):
        for c in range(1, n_cols + 1):
            ws.cell(r, c).border = BORDER
            ws.cell(r, c).fill = HEADER_FILL
    if table.number_row:
        header_end += 1
        for c, text in enumerate(table.number_row, start=1):
            cell = ws.cell(header_end, c, text)
            cell.font = Font(name="Arial", size=8, italic=True)
            cell.fill = NUMBER_ROW_FILL
            cell.border = BORDER
            cell.alignment = Alignment(horizontal="center")
    first = header_end + 1
    letters = {col.key: get_column_letter(i) for i, col in enumerate(table.columns, start=1)}
    row_numbers = {row.id: first + i for i, row in enumerate(table.rows) if row.id}
    cached: dict[str, object] = {}
    styles: dict[tuple[object, ...], StyleArray] = {}
    first_text = next((i for i, c in enumerate(table.columns) if c.kind == Kind.TEXT), 0)
    for i, trow in enumerate(table.rows):
        r = first + i
        font = BOLD if trow.style in ("group", "subtotal", "total") else PLAIN
        fill = ROW_FILLS.get(trow.style)
        c = 1
        for cell_model in trow.cells:
            span = max(cell_model.colspan, 1)
            cell = ws.cell(r, c)
            numeric = cell_model.kind in NUMERIC_KINDS and cell_model.value is not None and not isinstance(cell_model.value, str)
            if cell_model.formula and numeric:
                def resolve(m: re.Match[str], _r: int = r) -> str:
                    key, row_id = m.group(1), m.group(2)
                    target = row_numbers[row_id] if row_id else _r
                    return f"{letters[key]}{target}"

                cell.value = _FIELD.sub(resolve, cell_model.formula)
                cached[cell.coordinate] = _excel_value(cell_model.value)
            elif numeric:
                cell.value = _excel_value(cell_model.value)
            else:
                cell.value = cell_model.display
            indent = trow.indent if not numeric and c - 1 == first_text else 0
            # Styling a cell through openpyxl's style objects hashes them on every assignment;
            # each combination is built once and its style array copied (same result, ~5× faster).
            key = (numeric, cell_model.kind, indent, cell_model.bold or font is BOLD, trow.style)
            style = styles.get(key)
            if style is None:
                if numeric:
                    cell.number_format = NUMBER_FORMATS[cell_model.kind]
                    cell.alignment = Alignment(horizontal="right", vertical="top")
                else:
                    cell.alignment = Alignment(wrap_text=True, vertical="top", indent=indent,
                                               horizontal="center" if cell_model.kind in NUMERIC_KINDS else None)
                cell.font = BOLD if cell_model.bold else font
                cell.border = BORDER
                if fill is not None:
                    cell.fill = fill
                styles[key] = copy(cell._style)
            else:
                cell._style = copy(style)
            if cell_model.note:
                cell.comment = Comment(cell_model.note, "OpenSAKIP")
            if span > 1:
                ws.merge_cells(start_row=r, start_column=c, end_row=r, end_column=c + span - 1)
            for cc in range(c + 1, c + span):
                ws.cell(r, cc).border = BORDER
                if fill is not None:
                    ws.cell(r, cc).fill = fill
            c += span
    last = first + len(table.rows) - 1
    below = last + 2
    for note in [*table.notes, *([f"Sumber: {table.source}"] if table.source else [])]:
        ws.cell(below, 1, note).font = Font(name="Arial", size=8, italic=True)
        below += 1
    for i, column in enumerate(table.columns, start=1):
        base = 14 if column.kind in NUMERIC_KINDS else 10
        ws.column_dimensions[get_column_letter(i)].width = max(6.0, min(60.0, base * column.width))
    ws.freeze_panes = ws.cell(first, 1)
    ws.print_title_rows = f"{top}:{header_end}"
    ws.page_setup.orientation = "landscape"
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_options.horizontalCentered = True
    ws.oddFooter.center.text = "Halaman &P dari &N"
    return cached


def render_xlsx(document: Document) -> bytes:
    wb = Workbook()
    index = wb.active
    index.title = "Daftar Tabel"
    index.cell(1, 1, document.title).font = TITLE
    index.cell(2, 1, f"Tahun {document.year}").font = PLAIN
    index.cell(4, 1, "Tabel").font = BOLD
    index.cell(4, 2, "Judul").font = BOLD
    index.column_dimensions["A"].width = 12
    index.column_dimensions["B"].width = 90
    used = {index.title.lower()}
    subtitle = f"{document.title} — Tahun {document.year}"
    formulas: dict[int, dict[str, object]] = {}
    paper = PAPER_CODES.get(document.paper.upper(), 9)
    for n, table in enumerate(document.tables()):
        ws = wb.create_sheet(sheet_name(table, used))
        ws.page_setup.paperSize = paper
        cached = _write_table(ws, table, subtitle)
        if cached:
            formulas[len(wb.worksheets)] = cached
        link = index.cell(5 + n, 1, f"Tabel {table.number}")
        link.hyperlink = f"#'{ws.title}'!A1"
        link.font = Font(name="Arial", size=9, color="1F4E79", underline="single")
        index.cell(5 + n, 2, table.caption).font = PLAIN
    row = 6 + sum(1 for _ in document.tables())
    if document.warnings:
        index.cell(row, 1, "Peringatan (data yang belum lengkap)").font = BOLD
        for i, w in enumerate(document.warnings, start=1):
            index.cell(row + i, 1, f"{i}.").font = PLAIN
            index.cell(row + i, 2, w.text()).font = PLAIN
    wb.calculation.fullCalcOnLoad = True
    wb.properties.title = document.title
    wb.properties.creator = document.author or "OpenSAKIP"
    out = io.BytesIO()
    wb.save(out)
    return _add_cached_values(out.getvalue(), formulas)


def _add_cached_values(data: bytes, formulas: dict[int, dict[str, object]]) -> bytes:
    """openpyxl writes formulas without results; put each formula's cached value beside it."""
    if not formulas:
        return data
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            content = source.read(item.filename)
            match = re.fullmatch(r"xl/worksheets/sheet(\d+)\.xml", item.filename)
            if match and int(match.group(1)) in formulas:
                content = _with_values(content, formulas[int(match.group(1))])
            target.writestr(item, content)
    return out.getvalue()


def _with_values(xml: bytes, values: dict[str, object]) -> bytes:
    root = etree.fromstring(xml)
    for c in root.iter(f"{{{MAIN_NS}}}c"):
        ref = c.get("r")
        if ref in values and c.find(f"{{{MAIN_NS}}}f") is not None:
            value = values[ref]
            for old in c.findall(f"{{{MAIN_NS}}}v"):
                c.remove(old)
            v = etree.SubElement(c, f"{{{MAIN_NS}}}v")
            if isinstance(value, str):
                c.set("t", "str")
                v.text = value
            else:
                c.attrib.pop("t", None)
                v.text = repr(value) if isinstance(value, float) else str(value)
    return bytes(etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True))
