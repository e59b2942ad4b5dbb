"""Readers: a file (text/Markdown dump, DOCX, XLSX, CSV, PDF) → a :class:`RawDocument`.

Every format is first turned into one stream of :class:`Line` s — prose lines and table
rows (cells) in reading order, each with its line or page — and one parser
(:func:`parse_lines`) finds the tables in that stream. So the same handling of captions,
repeated page headers, multi-line headers, wrapped cells and markup applies to every
format.

Seen in real documents (../shared/seeds): tab-separated rows; the header repeated after
each page break; a long cell wrapped onto a following row that holds only the rest of its
text; ``**bold**`` and ``<b>`` markup; ``Tabel. 3.4``, ``TAABEL 3.41``, ``Tabel 2.4**Uraian``;
Markdown pipe tables.
"""

from __future__ import annotations

import csv
import io
import re
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from sakip.common.errors import UserError
from sakip.ingest.model import Paragraph, RawDocument, RawRow, RawTable

MAX_BYTES = 100 * 1024 * 1024  # larger files are refused with a message, not read
MAX_PDF_PAGES = 2000

_MARKUP = re.compile(r"<[^>]{0,200}>|\*\*|__")
_SPACES = re.compile(r"[ \u00a0\u2007\u2009\u202f]+")
CAPTION = re.compile(
    r"^\W{0,3}(?P<label>t+a+b+e+l+|tabel|lampiran|gambar|grafik)\s*\.?\s*"
    r"(?P<number>\d+(?:\s*\.\s*\d+)*(?!\d)|[IVXL]+\b)\.?\s*(?P<rest>.*)$",
    re.IGNORECASE,
)
_NUMBERING_CELL = re.compile(r"^\(?\d{1,2}[a-z]?\)?(\s*[=:]?\s*\(?[\d\s+\-−/x×*().a-z]*\)?)?$", re.I)
_DIGIT = re.compile(r"\d")
_YEARISH = re.compile(r"^(?:(?:tahun|th\.?|ta\.?)\s*)?(19|20)\d\d(\s*[-–/]\s*(19|20)\d\d)?\s*%?$", re.I)


_LATEX_FRAC = re.compile(r"\\frac\{([^{}]*)\}\{([^{}]*)\}")
_LATEX_TEXT = re.compile(r"\\(?:text|mathrm)\{([^{}]*)\}")


def _latex(match: re.Match[str]) -> str:
    """A formula printed as LaTeX (``$\\frac{a}{b} \\times 100\\%$``) as plain text."""
    body = _LATEX_TEXT.sub(r"\1", match.group(1))
    body = _LATEX_FRAC.sub(r"\1 / \2", body)
    body = body.replace("\\times", "×").replace("\\%", "%").replace("\\,", "")
    return " " + re.sub(r"\\[a-zA-Z]+", " ", body) + " "


def clean_text(text: str) -> str:
    """Markup and doubled spaces removed; what a reader of the printed page sees."""
    text = re.sub(r"\$([^$]{1,400})\$", _latex, text.replace("\r", ""))
    text = _MARKUP.sub(" ", text)
    return _SPACES.sub(" ", text).strip()


@dataclass
class Line:
    """One unit of the reading-order stream: a prose line, or a table row (``cells``)."""

    text: str
    cells: list[str] | None = None
    line: int = 0
    page: int = 0
    source: str = ""
    new_table: bool = False  # the format says a new table starts here (DOCX/PDF/sheet)


# --------------------------------------------------------------------------------------
# Format → line stream
# --------------------------------------------------------------------------------------


def text_lines(text: str) -> Iterator[Line]:
    """Lines of a text/Markdown dump: tab-separated lines and pipe tables are rows."""
    for number, raw in enumerate(text.split("\n"), start=1):
        raw = raw.rstrip("\r")
        stripped = raw.strip()
        if "\t" in raw:
            yield Line(clean_text(raw), [clean_text(c) for c in raw.split("\t")], number)
        elif stripped.startswith("|") and stripped.endswith("|") and stripped.count("|") >= 3:
            inner = stripped[1:-1]
            if re.fullmatch(r"[\s|:\-]+", inner):
                continue  # Markdown separator row
            yield Line(clean_text(raw), [clean_text(c) for c in inner.split("|")], number)
        else:
            yield Line(clean_text(raw), None, number)


def _cell_text(value: object) -> str:
    if value is None:
        return ""
    text = str(value)
    return clean_text(text.replace("\n", " ").replace("\t", " "))


def docx_lines(path: Path) -> Iterator[Line]:
    """Paragraphs and table rows of a DOCX in body order. A horizontally merged cell is
    returned by python-docx once per grid column: only its first occurrence keeps text."""
    import docx
    from docx.table import Table
    from docx.text.paragraph import Paragraph as DocxParagraph

    document = docx.Document(str(path))
    body = document.element.body
    n_table = 0
    for child in body.iterchildren():
        tag = child.tag.rsplit("}", 1)[-1]
        if tag == "p":
            yield Line(clean_text(DocxParagraph(child, document).text), source="DOCX")
        elif tag == "tbl":
            n_table += 1
            table = Table(child, document)
            first = True
            for r, row in enumerate(table.rows, start=1):
                cells: list[str] = []
                seen: set[int] = set()
                for cell in row.cells:
                    key = id(cell._tc)
                    cells.append("" if key in seen else _cell_text(cell.text))
                    seen.add(key)
                yield Line(
                    " ".join(cells),
                    cells,
                    line=r,
                    source=f"DOCX tabel {n_table}",
                    new_table=first,
                )
                first = False
            yield Line("", source="DOCX")


def sheet_lines(rows: Iterable[Iterable[object]], source: str) -> Iterator[Line]:
    """Rows of a sheet or CSV: a row with one filled cell is prose (a caption, a note),
    a row with two or more is a table row."""
    for number, row in enumerate(rows, start=1):
        cells = [_cell_text(v) for v in row]
        while cells and not cells[-1]:
            cells.pop()
        filled = [c for c in cells if c]
        if len(filled) >= 2:
            yield Line(" ".join(filled), cells, line=number, source=source)
        else:
            yield Line(filled[0] if filled else "", None, line=number, source=source)


def xlsx_lines(path: Path) -> Iterator[Line]:
    import openpyxl

    workbook = openpyxl.load_workbook(str(path), read_only=True, data_only=True)
    try:
        for sheet in workbook.worksheets:
            first = True
            for line in sheet_lines(sheet.iter_rows(values_only=True), f"lembar {sheet.title}"):
                if first and line.cells is not None:
                    line.new_table = True
                    first = False
                yield line
            yield Line("", source=f"lembar {sheet.title}")
    finally:
        workbook.close()


def csv_lines(data: str) -> Iterator[Line]:
    """Rows of a CSV/TSV. The delimiter is the one that gives the most rows of the most
    common width (commas inside Indonesian numbers defeat simple sniffing)."""
    sample = data[:65536]
    best, best_score = ",", -1
    for delimiter in (";", "\t", ",", "|"):
        widths = Counter(len(r) for r in csv.reader(io.StringIO(sample), delimiter=delimiter) if len(r) >= 2)
        score = widths.most_common(1)[0][1] if widths else 0
        if score > best_score:
            best, best_score = delimiter, score
    yield from sheet_lines(csv.reader(io.StringIO(data), delimiter=best), "CSV")


def pdf_lines(path: Path) -> Iterator[Line]:
    """Text lines and table rows of a PDF, page by page, in top-to-bottom order."""
    import pdfplumber

    with pdfplumber.open(str(path)) as pdf:
        if len(pdf.pages) > MAX_PDF_PAGES:
            raise UserError(
                f"PDF ini memiliki {len(pdf.pages)} halaman, lebih dari batas {MAX_PDF_PAGES}.",
                where=str(path),
                hint="Pisahkan dokumen menjadi beberapa berkas.",
            )
        for number, page in enumerate(pdf.pages, start=1):
            tables = page.find_tables()
            boxes = [t.bbox for t in tables]
            items: list[tuple[float, Line]] = []
            for text_line in page.extract_text_lines():
                top = float(text_line["top"])
                inside = any(b[1] - 1 <= top <= b[3] + 1 for b in boxes)
                if not inside:
                    items.append((top, Line(clean_text(text_line["text"]), page=number)))
            for _t_index, table in enumerate(tables):
                rows = table.extract()
                for r, row in enumerate(rows):
                    cells = [_cell_text(c) for c in row]
                    top = float(table.bbox[1]) + r * 0.001
                    items.append(
                        (
                            top,
                            Line(
                                " ".join(cells),
                                cells,
                                page=number,
                                source=f"halaman {number}",
                                new_table=(r == 0),
                            ),
                        )
                    )
            items.sort(key=lambda item: item[0])
            for _, line in items:
                yield line
            page.flush_cache()


# --------------------------------------------------------------------------------------
# Line stream → tables
# --------------------------------------------------------------------------------------


def _norm(cells: list[str]) -> list[str]:
    return [c.casefold() for c in cells]


def _same_row(a: list[str], b: list[str]) -> bool:
    """Two rows print the same header (page-break repeat): equal filled cells."""
    fa = [c for c in _norm(a) if c]
    fb = [c for c in _norm(b) if c]
    if not fa or not fb:
        return False
    if fa == fb:
        return True
    # the repeat is sometimes cut or retyped at the end; compare the first cells
    k = min(len(fa), len(fb), 4)
    return k >= 2 and fa[:k] == fb[:k]


def is_numbering_row(cells: list[str]) -> bool:
    """``1 2 3 … 8=(7/6) 9 10=(5+7+9)`` or ``(1) (2) …``: the printed column numbers."""
    filled = [c for c in cells if c]
    if len(filled) < 3:
        return False
    good = [c for c in filled if _NUMBERING_CELL.match(c)]
    if len(good) < 0.9 * len(filled):
        return False
    leading = [int(m.group()) for c in good if (m := re.match(r"\d+", c.strip("()")))]
    if not leading or max(leading) > 60 or leading[0] > 2:
        return False
    return len(set(leading)) >= 0.8 * len(leading)


_ASCII_INT = re.compile(r"[0-9]{1,6}")


def _subheader_numbers(cells: list[str]) -> bool:
    """``1 2 3 4 5 6 Target (%) Realisasi (%)``: sub-column numbers mixed with labels."""
    numbers = [int(c) for c in cells if _ASCII_INT.fullmatch(c.strip())]
    others = [c for c in cells if c.strip() and not _ASCII_INT.fullmatch(c.strip())]
    return (
        len(numbers) >= 3
        and numbers == list(range(numbers[0], numbers[0] + len(numbers)))
        and numbers[0] <= 2
        and all(not _DIGIT.search(c) or _headerish([c]) for c in others)
    )


_FIGURE_START = re.compile(r"^\W{0,2}[-−]?\s*(rp\.?\s*)?\d", re.I)


def _headerish(cells: list[str]) -> bool:
    """A row with no figures (years aside): a header row. Digits inside words
    (``Jumlah PMKS dalam 1 Tahun``) are not figures."""
    for c in cells:
        if not c or not _DIGIT.search(c):
            continue
        if not _FIGURE_START.match(c) and re.match(r"^\W*[A-Za-z]{2,}", c):
            continue
        if _YEARISH.match(c):
            continue
        if re.search(r"\b(19|20)\d\d\b", c) and re.search(r"[A-Za-z]{3,}", c):
            continue  # "Target Renja Tahun 2022", "TAHUN 2023"
        if re.search(r"\(\s*(n\s*[-−]\s*\d|%|rp\.?)\s*\)|\bn\s*[-−]\s*\d\b|\brp\b", c, re.I):
            continue  # "(n-2)", "(%)", "(Rp)"
        if re.search(r"[A-Za-z]{3,}.*\(\s*\d+[a-z]?\s*[-+/x×]\s*\d+[a-z]?\s*\)", c, re.I):
            continue  # "Bertambah/Berkurang (10-12)", "(9a-9)"
        return False
    return any(cells)


def _is_continuation(cells: list[str]) -> bool:
    """The rest of a wrapped row: no first cell, no figures, only a few short fragments."""
    if not cells or cells[0].strip():
        return False
    filled = [c for c in cells if c]
    if not filled:
        return False
    if any(_DIGIT.search(c) for c in filled):
        return False
    return len(filled) <= 2 or all(len(c) <= 30 for c in filled)


_CODE_LIKE = re.compile(r"^\s*\d{1,2}(\s*\.\s*\d{1,4}){2,5}\s*$")


def _is_figures_of_previous(previous: list[str], cells: list[str]) -> bool:
    """A row holding only a code and a name, whose indicator and figures were printed on
    the next line (seed 003, RKPD Perubahan): the next line has no code and fills only
    cells the previous line left empty."""
    if not cells or not previous:
        return False
    prev_digits = [c for c in previous if _DIGIT.search(c)]
    if len(prev_digits) != 1 or not _CODE_LIKE.match(prev_digits[0]):
        return False
    if any(_CODE_LIKE.match(c) for c in cells) or not any(_DIGIT.search(c) for c in cells):
        return False
    filled_prev = {i for i, c in enumerate(previous) if c.strip()}
    filled_now = {i for i, c in enumerate(cells) if c.strip()}
    return len(filled_prev) <= 3 and not (filled_prev & filled_now)


def _split_header(table: RawTable, rows: list[RawRow]) -> list[RawRow]:
    """Move the leading header rows (and the numbering row) of ``rows`` into the table."""
    limit = min(len(rows), 7)
    numbering_at = -1
    for i in range(limit):
        if is_numbering_row(rows[i].cells):
            numbering_at = i
        elif not (_headerish(rows[i].cells) or _subheader_numbers(rows[i].cells)):
            break
    if numbering_at >= 0:
        table.header = [r.cells for r in rows[:numbering_at]]
        table.numbering = rows[numbering_at].cells
        return rows[numbering_at + 1 :]
    n = 0
    while n < min(len(rows) - 1, 5) and _headerish(rows[n].cells):
        n += 1
    table.header = [r.cells for r in rows[:n]]
    return rows[n:]


def _caption_from(context: list[Line]) -> tuple[str, str, str, str, int]:
    """(caption, label, number, prose_before, line) from the prose lines before a table."""
    lines = [ln for ln in context if ln.text]
    for back in range(1, min(len(lines), 7) + 1):
        candidate = lines[-back]
        m = CAPTION.match(candidate.text)
        if m and len(candidate.text) < 300 and not re.match(
            r"^\W{0,3}(tabel|table)\s+(di\s*atas|berikut|tersebut)", candidate.text, re.I
        ):
            caption_lines = [candidate.text] + [ln.text for ln in lines[len(lines) - back + 1 :]]
            caption = " ".join(caption_lines)
            number = re.sub(r"\s+", "", m.group("number")).rstrip(".")
            prose = " ".join(ln.text for ln in lines[max(0, len(lines) - back - 3) : len(lines) - back])
            return caption, m.group("label"), number, prose, candidate.line
    # no "Tabel n": short title lines just above the table
    titles: list[str] = []
    for ln in reversed(lines[-4:]):
        if len(ln.text) > 160:
            break
        titles.insert(0, ln.text)
    prose = " ".join(ln.text for ln in lines[-8:] if len(ln.text) > 160)[-1500:]
    return " ".join(titles), "", "", prose, (lines[-len(titles)].line if titles else 0)


def parse_lines(lines: Iterable[Line], path: str, fmt: str) -> RawDocument:
    """Find the tables in a line stream (see the module docstring)."""
    document = RawDocument(path=path, format=fmt)
    context: list[Line] = []  # prose since the last table
    current: RawTable | None = None
    block: list[RawRow] = []
    gap_prose = False

    def close() -> None:
        nonlocal current, block
        if current is None:
            return
        if block:
            _add_rows(current, block)
        if current.rows or current.header:
            document.tables.append(current)
        current = None
        block = []

    for line in lines:
        if line.cells is None:
            if line.text:
                document.prose.append(Paragraph(line.text, line.line, line.page))
                context.append(line)
                if len(context) > 40:
                    del context[:-40]
                if current is not None:
                    gap_prose = True
            continue
        cells = line.cells
        if not any(cells):
            continue
        row = RawRow(cells, line.line, line.page)
        if current is not None and not line.new_table and not gap_prose:
            block.append(row)
            continue
        if current is not None:
            # prose between two row blocks: the same table continues only when the new
            # block repeats its header (a page header) and no caption came in between
            has_caption = any(CAPTION.match(ln.text) for ln in context)
            header = current.header or ([block[0].cells] if block else [])
            if not has_caption and header and _same_row(cells, header[0]):
                block.append(row)
                gap_prose = False
                continue
        close()
        caption, label, number, prose, cap_line = _caption_from(context)
        current = RawTable(
            index=len(document.tables),
            caption=caption,
            label=label,
            number=number,
            prose_before=prose,
            line=cap_line or line.line,
            page=line.page,
            source=line.source,
        )
        block = [row]
        context = []
        gap_prose = False
    close()
    return document


def _add_rows(table: RawTable, rows: list[RawRow]) -> None:
    rows = _split_header(table, rows)
    header_rows = [h for h in table.header if any(h)]
    for row in rows:
        cells = row.cells
        if header_rows and _same_row(cells, header_rows[0]):
            continue  # header repeated after a page break
        if any(_same_row(cells, h) for h in header_rows[1:]) and _headerish(cells):
            continue
        if table.numbering and cells == table.numbering or (
            table.numbering and is_numbering_row(cells) and _same_row(cells, table.numbering)
        ):
            continue
        if table.rows and _is_figures_of_previous(table.rows[-1].cells, cells):
            last = table.rows[-1]
            merged = list(last.cells) + [""] * max(0, len(cells) - len(last.cells))
            for i, c in enumerate(cells):
                if c:
                    merged[i] = f"{merged[i]} {c}".strip()
            last.cells = merged
            continue
        if table.rows and _is_continuation(cells):
            last = table.rows[-1]
            merged = list(last.cells) + [""] * max(0, len(cells) - len(last.cells))
            for i, c in enumerate(cells):
                if c:
                    merged[i] = f"{merged[i]} {c}".strip()
            last.cells = merged
            continue
        table.rows.append(row)


# --------------------------------------------------------------------------------------
# Entry point
# --------------------------------------------------------------------------------------

FORMATS = {
    ".txt": "text",
    ".md": "text",
    ".markdown": "text",
    ".text": "text",
    ".docx": "docx",
    ".xlsx": "xlsx",
    ".xlsm": "xlsx",
    ".csv": "csv",
    ".tsv": "csv",
    ".pdf": "pdf",
}


def _sniff(head: bytes, suffix: str) -> str:
    if head.startswith(b"%PDF"):
        return "pdf"
    if head.startswith(b"PK\x03\x04"):
        if suffix in (".xlsx", ".xlsm"):
            return "xlsx"
        if suffix == ".docx":
            return "docx"
        return "zip"
    return FORMATS.get(suffix, "text")


def _decode(data: bytes, path: Path) -> str:
    if b"\x00" in data[:8192]:
        raise UserError(
            "berkas ini bukan teks (berisi data biner) dan bukan DOCX, XLSX, CSV atau PDF.",
            where=str(path),
            hint="Simpan dokumen sebagai DOCX, XLSX, PDF atau teks lalu ulangi.",
        )
    for encoding in ("utf-8-sig", "cp1252", "latin-1"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    return data.decode("utf-8", errors="replace")  # pragma: no cover - latin-1 never fails


def read_document(path: str | Path) -> RawDocument:
    """Read any supported file. Raises UserError (exit 2) for a file that cannot be read:
    missing, empty, too large, binary, or a damaged DOCX/XLSX/PDF."""
    p = Path(path)
    if not p.exists() or not p.is_file():
        raise UserError("berkas tidak ditemukan.", where=str(p), hint="Periksa nama dan letak berkas.")
    size = p.stat().st_size
    if size == 0:
        raise UserError("berkas kosong (0 bita).", where=str(p), hint="Pilih dokumen yang berisi.")
    if size > MAX_BYTES:
        raise UserError(
            f"berkas terlalu besar ({size // (1024 * 1024)} MB; batas {MAX_BYTES // (1024 * 1024)} MB).",
            where=str(p),
            hint="Pisahkan dokumen atau simpan tanpa gambar lalu ulangi.",
        )
    with p.open("rb") as handle:
        head = handle.read(8)
    fmt = _sniff(head, p.suffix.lower())
    try:
        if fmt == "pdf":
            stream: Iterable[Line] = pdf_lines(p)
        elif fmt == "docx":
            stream = docx_lines(p)
        elif fmt == "xlsx":
            stream = xlsx_lines(p)
        elif fmt == "zip":
            raise UserError(
                "berkas ZIP/Office tanpa akhiran .docx atau .xlsx tidak dapat dikenali.",
                where=str(p),
                hint="Beri nama berkas dengan akhiran .docx atau .xlsx.",
            )
        else:
            text = _decode(p.read_bytes(), p)
            stream = csv_lines(text) if fmt == "csv" else text_lines(text)
        document = parse_lines(stream, str(p), fmt)
    except UserError:
        raise
    except Exception as exc:  # noqa: BLE001 - a damaged file from a library is a user error
        raise UserError(
            f"berkas {fmt.upper()} tidak dapat dibaca ({type(exc).__name__}: {exc}).",
            where=str(p),
            hint="Berkas mungkin rusak atau terpotong; simpan ulang dari aplikasi asalnya.",
        ) from exc
    if not document.tables and not document.prose:
        raise UserError("tidak ada teks yang dapat dibaca.", where=str(p), hint="Periksa isi berkas.")
    return document
