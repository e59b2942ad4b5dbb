"""Recognition: what a table is (by its headers and content, never by its printed number),
what each column holds, and each row read into typed values that keep the printed text.

Table kinds are listed in :data:`KIND_LABELS`; a table none of them fits is ``unknown`` and
is listed as such. Column roles come from the header text of the column (group headers
spanning several columns are carried into each of them) and from what its cells hold.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from decimal import Decimal
from functools import lru_cache

from sakip.ingest.model import RawRow, RawTable
from sakip.rules.achievement import Polarity
from sakip.rules.codes import Code, CodeError, normalise_code
from sakip.rules.numbers import (
    Ambiguous,
    ColumnKind,
    Convention,
    Missing,
    Number,
    NumberFormatError,
    dominant_convention,
    parse_number,
    parse_quantity,
)

KIND_LABELS = {
    "renja_evaluation": "Evaluasi hasil Renja tahun lalu dan capaian Renstra (T-C.29)",
    "plan_forecast": "Rencana program/kegiatan dengan prakiraan maju",
    "renja_review": "Review rencana kerja terhadap hasil analisis kebutuhan",
    "proposals": "Usulan program dan kegiatan",
    "funding": "Pendanaan / pagu anggaran",
    "budget_realisation": "Realisasi anggaran",
    "iku_achievement": "Capaian indikator kinerja (target, realisasi, capaian)",
    "multi_year": "Perbandingan antartahun",
    "goals": "Tujuan dan sasaran dengan target",
    "spm": "Standar Pelayanan Minimal",
    "efficiency": "Efisiensi anggaran",
    "effectiveness": "Efektivitas anggaran",
    "sakip_score": "Nilai evaluasi SAKIP/AKIP",
    "scale": "Skala kategori/predikat",
    "counts": "Rekapitulasi jumlah",
    "unknown": "Tidak dikenali",
}

YEAR = re.compile(r"\b(20\d\d|19\d\d)\b")
_CODE_SHAPE_RE = re.compile(r"^\s*[0-9Xx]{1,2}(\s*\.\s*[0-9Xx ]{1,4}){1,5}\.?\s*$")


class _CodeShape:
    """``6.01``, ``06.01.2.01``, ``1.06.01.2.01.0001``; not money (``4.710.920.863``: 3-digit
    groups) and not a decimal (``92.17``: two parts of two digits)."""

    @staticmethod
    def match(text: str) -> bool:
        if not _CODE_SHAPE_RE.match(text):
            return False
        groups = [g.strip() for g in text.strip().rstrip(".").split(".")]
        if len(groups) == 2 and len(groups[0]) != 1:
            return False
        if not any(len(g) != 3 for g in groups[1:]):
            return False
        return _readable_code(text) or len(groups) >= 4


@lru_cache(maxsize=4096)
def _readable_code(text: str) -> bool:
    try:
        normalise_code(text)
    except CodeError:
        return False
    return True


_CODE_SHAPE = _CodeShape()
_LOWER_BETTER = re.compile(
    r"\b(angka|rasio|ratio|prevalensi|tingkat|jumlah kasus|persentase angka|indeks)\b[^.]{0,40}"
    r"\b(kemiskinan|kekerasan|pengangguran|kematian|stunting|gizi buruk|putus sekolah|kriminal)",
    re.IGNORECASE,
)
_LEVEL_WORDS = re.compile(
    r"^\s*(persentase|percentase|prosentase|presentase|rasio|ratio|indeks|nilai|tingkat|"
    r"rata-rata|level|skor|angka|proporsi|cakupan|capaian)\b",
    re.IGNORECASE,
)
_TOTAL = re.compile(
    r"^\W*(?:grand |sub ?)?(?:j\s*u\s*m\s*l\s*a\s*h|t\s*o\s*t\s*a\s*l)(?:\s+(?:total|keseluruhan|seluruhnya|"
    r"realisasi|anggaran|program|belanja))?\W*$",
    re.I,
)


def norm(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip().casefold()


def infer_polarity(*texts: str) -> Polarity:
    """Lower is better when the row says so (``indikator negatif``) or the indicator names a
    rate of something bad (``Rasio kekerasan …``, ``Persentase angka kemiskinan``).
    An inference from the printed words, reported as such in findings."""
    joined = " ".join(texts)
    if re.search(r"indikator\s+negatif|\(negatif\)", joined, re.I):
        return Polarity.LOWER_IS_BETTER
    if _LOWER_BETTER.search(joined) and not re.search(r"penurunan|penanganan", joined, re.I):
        return Polarity.LOWER_IS_BETTER
    return Polarity.HIGHER_IS_BETTER


def is_level_indicator(text: str) -> bool:
    """Percentages, ratios, indices, scores: values that do not add up over periods."""
    return bool(_LEVEL_WORDS.match(text or ""))


def count_head(text: str) -> str | None:
    """The counted noun of a ``Jumlah X …`` indicator (``jumlah fakir miskin`` → ``fakir``);
    None when the indicator is not a count."""
    m = re.match(r"^\s*jumlah\s+(.*)$", text or "", re.I)
    if not m:
        return None
    words = [w for w in re.findall(r"[a-z]+", m.group(1).casefold()) if w not in {"yang", "dan"}]
    return words[0] if words else None


def is_total_label(text: str) -> bool:
    """``Jumlah``, ``TOTAL``, ``T O T A L``, ``J U M L A H``, ``Jumlah Total`` (the whole cell)."""
    return bool(_TOTAL.match(text or ""))


# --------------------------------------------------------------------------------------
# Values
# --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Value:
    """A cell read as a number: ``value`` (None when blank/unreadable), the printed text,
    the printed decimal places (for the rounding tolerance), the unit, and notes."""

    text: str
    value: Decimal | None
    places: int = 0
    unit: str = ""
    missing: str = ""  # reason when blank
    warnings: tuple[str, ...] = ()


def decimals_printed(number: Number) -> int:
    if number.is_integral and not re.search(r"[.,]\d+\s*%?\s*$", number.text.strip()):
        return 0
    exponent = number.value.normalize().as_tuple().exponent
    places = -exponent if isinstance(exponent, int) and exponent < 0 else 0
    m = re.search(r"[.,](\d{1,3})\s*%?\s*\)?\s*$", number.text.strip())
    if m and number.convention is not None:
        sep = number.convention.decimal_separator
        tail = number.text.strip().rstrip("% )")
        if tail[-len(m.group(1)) - 1] == sep:
            places = max(places, len(m.group(1)))
    return places


@lru_cache(maxsize=65536)
def read_value(text: str, kind: ColumnKind = ColumnKind.UNKNOWN, dominant: Convention | None = None) -> Value:
    """Read a cell with the RULES.md §1 parsers; never raises. (Cached: tables repeat
    the same printed values many times.)"""
    raw = text.strip()
    if not raw:
        return Value(text, None, missing="kosong")
    lead = re.match(r"^\s*[-−]?\s*(rp\.?\s*)?\d", raw, re.I)
    try:
        if lead and re.search(r"[A-Za-z%]", raw[lead.end() :]):
            quantity = parse_quantity(raw, kind)
            number = quantity.number
            unit = quantity.unit
        else:
            number = parse_number(raw, kind, dominant)
            unit = ""
    except NumberFormatError:
        return Value(text, None, missing="bukan angka")
    if isinstance(number, Missing):
        return Value(text, None, missing=number.label)
    if isinstance(number, Ambiguous):
        # no column kind and no dominant convention: a grouping of exactly three digits is
        # read as thousands unless the column holds percentages or measures (RULES.md §1)
        decimal = kind in (ColumnKind.PERCENT, ColumnKind.MEASURE)
        pick = number.readings[1] if decimal else number.readings[0]
        return Value(text, pick, unit=unit, warnings=(number.message,))
    return Value(text, number.value, decimals_printed(number), unit, "", number.warnings)


# --------------------------------------------------------------------------------------
# Columns
# --------------------------------------------------------------------------------------


@dataclass
class Column:
    index: int
    header: str  # joined header text, group headers carried in
    number: str = ""  # printed column number / formula ("8=(7/6)")
    role: str = "other"  # code, no, name, indicator, unit, target, realisation, percent, money, location, text
    kind: ColumnKind = ColumnKind.UNKNOWN
    year: int | None = None
    dominant: Convention | None = None

    @property
    def label(self) -> str:
        head = self.header[:60] if self.header else ""
        if self.number:
            return f"kolom {self.number}" + (f" ({head})" if head else "")
        return head or f"kolom ke-{self.index + 1}"


def header_texts(table: RawTable) -> list[str]:
    """Per column, the header rows joined top to bottom; a group header (a cell followed
    by empty cells under which a lower row has text) is carried into each column of the
    group."""
    width = table.width
    rows = [list(r) + [""] * (width - len(r)) for r in table.header]
    filled = [list(r) for r in rows]
    for r, row in enumerate(rows):
        owner = ""
        for i in range(width):
            if row[i]:
                owner = row[i]
                continue
            below = any(rows[k][i] for k in range(r + 1, len(rows)))
            above = any(rows[k][i] for k in range(r))
            if owner and (below or (above and YEAR.search(owner) and len(owner) <= 12)):
                filled[r][i] = owner
            else:
                owner = ""
    return [" ".join(filled[r][i] for r in range(len(filled)) if filled[r][i]).strip() for i in range(width)]


SAMPLE = 300  # rows used to decide a column's number convention (they do not change midway)

_PERCENT_CELL = re.compile(r"^-?\d{1,4}([.,]\d{1,2})?\s*%?$")


def _role(header: str, cells: list[str]) -> tuple[str, ColumnKind]:
    h = norm(header)
    values = [c for c in cells if c.strip()][:SAMPLE]
    codes = sum(1 for c in values if _CODE_SHAPE.match(c))
    numeric = [read_value(c) for c in values]
    numbers = [v for v in numeric if v.value is not None]
    big = sum(1 for v in numbers if v.value is not None and abs(v.value) >= 100000)
    if "kode" in h or (values and codes >= 0.6 * len(values)):
        return "code", ColumnKind.UNKNOWN
    if h in ("no", "no.", "nomor") or h.startswith("no "):
        return "no", ColumnKind.UNKNOWN
    if "satuan" in h:
        return "unit", ColumnKind.UNKNOWN
    if "lokasi" in h or "sumber dana" in h or "catatan" in h or "keterangan" in h:
        return "text", ColumnKind.UNKNOWN
    if "indikator" in h and "jumlah indikator" not in h and (not numbers or len(numbers) < 0.5 * len(values)):
        return "indicator", ColumnKind.UNKNOWN
    money_words = re.search(r"pagu|anggaran|\brp\b|\(rp|dana|belanja|sisa|biaya|apbd|rkpd", h)
    if money_words and numbers and big >= 0.5 * len(numbers):
        return "money", ColumnKind.MONEY
    if numbers and ("%" in h or (re.search(r"capaian|tingkat|persen|serapan", h) and not re.search(r"\btarget\b|\brealisasi\b", h))):
        return "percent", ColumnKind.PERCENT
    if re.search(r"\btarget\b", h) and numbers:
        return "target", ColumnKind.UNKNOWN
    if re.search(r"realisasi", h) and numbers:
        if big >= 0.5 * len(numbers):
            return "money", ColumnKind.MONEY
        return "realisation", ColumnKind.UNKNOWN
    if numbers and big >= 0.6 * len(numbers) and len(numbers) >= 0.5 * len(values):
        return "money", ColumnKind.MONEY
    percents = sum(1 for c in values if _PERCENT_CELL.match(c))
    if values and percents >= 0.6 * len(values) and any("%" in c or re.search(r"[.,]\d", c) for c in values):
        return "percent", ColumnKind.PERCENT
    if re.search(r"program|kegiatan|uraian|urusan|jenis|sasaran|tujuan|nama|unit kerja", h):
        return "name", ColumnKind.UNKNOWN
    if numbers and len(numbers) >= 0.6 * len(values):
        return "number", ColumnKind.UNKNOWN
    return "text", ColumnKind.UNKNOWN


# --------------------------------------------------------------------------------------
# Rows
# --------------------------------------------------------------------------------------


@dataclass
class Row:
    raw: RawRow
    cells: list[str]
    code: Code | None = None
    code_text: str = ""
    code_error: str = ""
    label: str = ""
    indicator: str = ""
    is_total: bool = False
    values: dict[int, Value] = field(default_factory=dict)

    @property
    def key(self) -> str:
        """How a finding names the row: the code as printed, else the label."""
        if self.code_text:
            return self.code_text
        text = self.indicator or self.label
        return (text[:70] + "…") if len(text) > 70 else text

    def value(self, column: int) -> Decimal | None:
        v = self.values.get(column)
        return None if v is None else v.value


@dataclass
class Table:
    raw: RawTable
    kind: str
    columns: list[Column]
    rows: list[Row]
    formulas: dict[int, str] = field(default_factory=dict)  # column index → "7/6" etc.
    checked: int = 0  # derived figures recomputed by the checks

    @property
    def name(self) -> str:
        return self.raw.name

    @property
    def kind_label(self) -> str:
        return KIND_LABELS.get(self.kind, self.kind)

    def by_role(self, role: str) -> list[Column]:
        return [c for c in self.columns if c.role == role]

    def column_by_number(self, number: str) -> Column | None:
        for c in self.columns:
            if c.number and re.match(rf"^\(?{re.escape(number)}\)?(\s*=|$)", c.number):
                return c
        return None


_BIG_MONEY = re.compile(r"^(rp\.?\s*)?\d{1,3}([.,]\d{3}){2,}([.,]\d{2})?(,-)?$|^\d{7,}$", re.I)


def _align(rows: list[RawRow], width: int) -> list[list[str]]:
    """Rows as cell lists of the table width. PDF text dumps shift cells of some rows
    (extra empty cells); when a row has as many filled cells as the usual pattern but in
    other places, its filled cells are put in the usual places."""
    grids = [list(r.cells) + [""] * (width - len(r.cells)) for r in rows]
    patterns = Counter(tuple(i for i, c in enumerate(g) if c.strip()) for g in grids)
    if not patterns:
        return grids
    usual, seen = patterns.most_common(1)[0]
    if seen < 3:
        return grids
    use = Counter(i for g in grids for i, c in enumerate(g) if c.strip())
    money_table = sum(1 for g in grids for c in g if _BIG_MONEY.match(c.strip())) >= 3
    rare = {i for i in range(width) if use[i] < 0.2 * len(grids)} - set(usual)
    out = []
    for g in grids:
        filled = [i for i, c in enumerate(g) if c.strip()]
        # cells pushed to the right by stray empty cells, keeping their order; in money
        # tables (PDF dumps of budget reports) also the usual pattern's own shift
        shifted = bool(filled) and (
            all(f >= u for f, u in zip(filled, usual, strict=False))
            or (money_table and all(f <= u for f, u in zip(filled, usual, strict=False)))
        )
        if len(filled) == len(usual) and tuple(filled) != usual and (set(filled) & rare or shifted):
            moved = [""] * width
            for src, dst in zip(filled, usual, strict=True):
                moved[dst] = g[src]
            out.append(moved)
        elif (
            2 <= len(filled) < len(usual)
            and any(is_total_label(g[i]) for i in filled[:2])
            and not set(filled) <= set(usual)
        ):
            # a total row has no code; its figures are the last ones of the usual pattern
            label = next(i for i in filled[:2] if is_total_label(g[i]))
            figures = [i for i in filled if i > label]
            places = [p for p in usual if p > usual[0]][-len(figures) :] if figures else []
            if len(places) == len(figures) and (not places or places[0] > 0):
                moved = [""] * width
                moved[min(usual[1] if len(usual) > 1 else 0, places[0] - 1 if places else 0)] = g[label]
                for src, dst in zip(figures, places, strict=True):
                    moved[dst] = g[src]
                out.append(moved)
            else:
                out.append(g)
        else:
            out.append(g)
    return out


_FORMULA = re.compile(r"^\(?\s*(\d+[a-z]?)\s*\)?\s*=\s*\(?(.+?)\)?\s*$", re.I)


def _formula(number: str) -> str:
    m = _FORMULA.match(number.strip())
    if not m:
        m2 = re.match(r"^\(?\s*(\d+[a-z]?\s*[-+/]\s*\d+[a-z]?(?:\s*[-+/]\s*\d+[a-z]?)*)\s*\)?$", number.strip(), re.I)
        return re.sub(r"\s+", "", m2.group(1)) if m2 else ""
    return re.sub(r"[\s()]", "", m.group(2)).replace("x100", "").replace("×100", "")


def _kind(raw: RawTable, columns: list[Column], head: str) -> str:
    caption = norm(raw.caption)
    text = f"{caption} {head}"
    roles = Counter(c.role for c in columns)
    years = {c.year for c in columns if c.year}
    if re.search(r"renstra", head) and re.search(r"realisasi", head) and (
        "(7/6)" in " ".join(raw.numbering) or "tingkat capaian" in head or "tingkat realisasi" in head
    ):
        return "renja_evaluation"
    if "prakiraan maju" in text:
        return "plan_forecast"
    if "hasil analisis kebutuhan" in text:
        return "renja_review"
    if re.search(r"efisien", caption):
        return "efficiency"
    if re.search(r"efektiv|efektif", caption):
        return "effectiveness"
    if re.search(r"standar pelayanan minimal|\bspm\b", text):
        return "spm"
    if re.search(r"predikat|kategori|tingkatan", caption) and len(raw.rows) <= 8 and roles["money"] == 0:
        return "scale"
    if re.search(r"\b(akip|sakip)\b|lhe|evaluator", text) and re.search(r"nilai|komponen|skor", text):
        return "sakip_score"
    if roles["money"] and re.search(r"realisasi", head):
        return "budget_realisation"
    if "usulan" in caption and not roles["money"]:
        return "proposals"
    if roles["money"]:
        return "funding"
    if re.search(r"target", head) and re.search(r"realisasi", head):
        return "multi_year" if len(years) >= 3 else "iku_achievement"
    if re.search(r"tujuan", head) and re.search(r"sasaran", head) and re.search(r"indikator", head):
        return "goals"
    if len(years) >= 3:
        return "multi_year"
    if any(r.cells and is_total_label(r.cells[0]) for r in raw.rows) or re.search(r"jumlah", caption):
        return "counts"
    return "unknown"


def recognise(raw: RawTable) -> Table:
    width = raw.width
    heads = header_texts(raw)
    grid = _align(raw.rows, width)
    numbering = list(raw.numbering) + [""] * (width - len(raw.numbering))
    columns: list[Column] = []
    for i in range(width):
        cells = [g[i] for g in grid]
        role, kind = _role(heads[i] if i < len(heads) else "", cells)
        years = [int(y) for y in YEAR.findall(heads[i])] if i < len(heads) else []
        columns.append(
            Column(
                i,
                heads[i] if i < len(heads) else "",
                numbering[i].strip(),
                role,
                kind,
                years[-1] if years else None,
                dominant_convention(c for c in cells[:SAMPLE] if c),
            )
        )
    head_all = norm(" ".join(heads))
    table = Table(raw, _kind(raw, columns, head_all), columns, [])
    for c in columns:
        f = _formula(c.number)
        if f:
            table.formulas[c.index] = f
    table_convention = dominant_convention([c for g in grid[:SAMPLE] for c in g if c])
    for c in columns:
        if c.dominant is None:
            c.dominant = table_convention
    code_cols = [c.index for c in columns if c.role == "code"]
    name_col = next((c.index for c in columns if c.role == "name"), None)
    ind_col = next((c.index for c in columns if c.role == "indicator"), None)
    urusan: str | None = None
    for raw_row, cells in zip(raw.rows, grid, strict=True):
        row = Row(raw_row, cells)
        if code_cols:
            ci = code_cols[0]
            text = cells[ci].strip()
            if not text:
                # shifted rows (PDF dumps): the code sits in a neighbouring leading cell
                text = next((c.strip() for c in cells[:3] if c.strip() and _CODE_SHAPE.match(c.strip())), "")
            if text and re.search(r"\d", text):
                row.code_text = text
                try:
                    try:
                        row.code = normalise_code(text)
                    except CodeError:
                        if urusan is None:
                            raise
                        row.code = normalise_code(text, urusan=urusan)
                    urusan = row.code.urusan if row.code.urusan != "X" else urusan
                except CodeError as error:
                    row.code_error = error.why
        texts = [c for i, c in enumerate(cells) if c and (i not in code_cols or not re.search(r"\d", c))]
        if name_col is not None and cells[name_col]:
            row.label = cells[name_col]
        else:
            row.label = next((t for t in texts if re.search(r"[A-Za-z]{3,}", t)), texts[0] if texts else "")
        if ind_col is not None:
            row.indicator = cells[ind_col]
        first_text = next((c for c in cells if c.strip()), "")
        row.is_total = is_total_label(first_text) or is_total_label(row.label)
        for c in columns:
            if c.role in ("money", "percent", "target", "realisation", "number") and cells[c.index].strip():
                row.values[c.index] = read_value(cells[c.index], c.kind, c.dominant)
            elif c.role in ("money", "percent", "target", "realisation", "number"):
                row.values[c.index] = Value("", None, missing="kosong")
        table.rows.append(row)
    if table.rows:
        # a last row with figures only (no code, no words) is the table's total
        last = table.rows[-1]
        money_cols = [c.index for c in columns if c.role == "money"]
        if (
            not last.is_total
            and last.code is None
            and not any(re.search(r"[A-Za-z]{2,}", c) for c in last.cells)
            and any(last.value(i) is not None for i in money_cols)
        ):
            last.is_total = True
            last.label = last.label or "(baris jumlah tanpa label)"
    return table
