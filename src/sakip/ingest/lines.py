"""Indicators of the work plan's lines (program, kegiatan, sub kegiatan) with their targets and
realisations per printed year, read from what `sakip check` recognised (pure: no database).

The coded table that names the lines (a plan or budget table, sakip.ingest.importer) gives
each line its indicator and the year's target. Every other table that prints a target or a
realisation beside a line indicator adds to it: the Renja's evaluation of year n-2 (coded
rows), an LKjIP's appendices ("Target, realisasi dan capaian sasaran program/kegiatan") and its
measurement forms (rows named by the program or kegiatan, not coded). A coded row is matched by
its code; an uncoded row by the indicator's name (and the line's name where the row prints
it). When tables disagree the value most of them print is kept and the disagreement noted,
as for goals (:func:`sakip.ingest.goals._pick`).

Printed achievements (capaian, tingkat, %) are never read as facts: a column is a realisation
by its header, or as the numerator of a printed ratio whose denominator is a target column
("Kinerja Capaian" in "9 = 8/4"). Operands printed in a row ("= 7336/8324 x 100") are kept as
the realisation's numerator and denominator when they reproduce the realisation.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal

from sakip.ingest.checks import agrees
from sakip.ingest.goals import Fact, IndicatorItem, _fact, _pick, _scale, _tokens, name_key
from sakip.ingest.recognise import YEAR, Column, Row, Table, Value, is_total_label, norm, read_value
from sakip.rules.achievement import Polarity, TargetKind
from sakip.rules.numbers import ColumnKind

# tables about money, scales and scores never print a line indicator's target or realisation
_SKIP_KINDS = ("spm", "efficiency", "effectiveness", "sakip_score", "scale", "proposals")
_NOT_INDICATOR = re.compile(r"\bsdm\b|pegawai|anggaran|pagu|\bdana\b|keuangan|\brp\b|belanja", re.I)
_CUMULATIVE = re.compile(r"s\s*/\s*d|s\.\s*d\b|sampai dengan|akhir periode|renstra|perkiraan|prakiraan(?! maju)", re.I)
# ratios and differences of the figures: "% Realisasi thd target", "Naik/ (Turun)", "Selisih"
_RELATIVE = re.compile(r"\bthd\b|terhadap|naik|turun|selisih|rata|perbandingan", re.I)
_KEYWORD = re.compile(r"\b(target|realisasi|capaian|tingkat)\b", re.I)
_NUMERATOR = re.compile(r"pembilang|numerator")
_DENOMINATOR = re.compile(r"penyebut|denominator")
# "= 7336/8324 *100", "(49 / 49) x 100%": the operands of a printed percentage
_RATIO = re.compile(r"(\d[\d.,]*)\s*\)?\s*/\s*\(?\s*(\d[\d.,]*)\s*\)?\s*[x×*]\s*100")
_MATCH = 0.6  # least name similarity for an uncoded row (as goals._match)
_SECOND_NUMBER = re.compile(r"^\s*[-−]?\d[\d.,]*\s+(\d+)")


def several_numbers(text: str) -> bool:
    """A cell printing two figures ("100 78.80 % %", "100 100,00 % %": two indicators of one
    line merged into one cell) holds no single target or realisation. A space grouping
    thousands ("1 200") is one number."""
    if text.count("%") >= 2:
        return True
    m = _SECOND_NUMBER.match(text)
    return m is not None and len(m.group(1)) != 3


@dataclass
class LineIndicator:
    """One indicator of a program, kegiatan or sub kegiatan, as it is to be stored."""

    code: str
    level: int
    name: str
    unit: str = ""
    line_name: str = ""  # the line's name, for matching uncoded rows
    polarity: Polarity = Polarity.HIGHER_IS_BETTER
    target_kind: TargetKind = TargetKind.NUMBER
    ordinal_scale: str = ""
    aggregation: str = "last"
    end_target: Fact | None = None
    targets: dict[int, Fact] = field(default_factory=dict)
    target_texts: dict[int, str] = field(default_factory=dict)  # what the cell printed
    target_units: dict[int, str] = field(default_factory=dict)  # unit as written that year
    realisations: dict[int, Fact] = field(default_factory=dict)
    realisation_texts: dict[int, str] = field(default_factory=dict)
    operands: dict[int, tuple[Decimal | None, Decimal | None]] = field(default_factory=dict)
    # a hand-kept data set (the demo) may give its own notes; a document import leaves them
    # out and the realisation says where it was imported from
    realisation_notes: dict[int, str] = field(default_factory=dict)
    order: int | None = None

    @property
    def label(self) -> str:
        return f"indikator {self.code} '{self.name[:60]}'"


# --------------------------------------------------------------------------------------
# Columns
# --------------------------------------------------------------------------------------


@dataclass
class _Figures:
    targets: list[tuple[Column, int | None]] = field(default_factory=list)
    realisations: list[tuple[Column, int | None]] = field(default_factory=list)
    numerator: int | None = None
    denominator: int | None = None


def _columns(table: Table) -> _Figures:
    """Target and realisation columns of a table (with their year), by the last of the words
    target / realisasi / capaian / tingkat in the header: "Target dan Realisasi … Tahun Lalu
    (n-2) Realisasi" is a realisation, "Tahun 2023 % Capaian" a derived figure. Cumulative,
    estimated and Renstra-end columns, money and staff columns are left out."""
    figures = _Figures()
    caption_years = {int(y) for y in YEAR.findall(table.raw.caption)}
    headed_years = any(c.year for c in table.columns)
    fallback = next(iter(caption_years)) if len(caption_years) == 1 else None
    derived_ok: set[int] = set()
    for formula in table.formulas.values():
        # "9 = 8/4" where 4 is a target: column 8 holds the realised value
        m = re.fullmatch(r"(\d+[a-z]?)/(\d+[a-z]?)", formula)
        if m:
            top, bottom = (table.column_by_number(n) for n in m.groups())
            if top is not None and bottom is not None and _keyword(bottom) == "target":
                derived_ok.add(top.index)
    for column in table.columns:
        header = norm(column.header)
        if _NUMERATOR.search(header):
            figures.numerator = column.index
            continue
        if _DENOMINATOR.search(header):
            figures.denominator = column.index
            continue
        if column.role in ("money", "code", "no", "name", "indicator", "unit"):
            continue
        if column.index in table.formulas or _NOT_INDICATOR.search(header) or _CUMULATIVE.search(header) \
                or _RELATIVE.search(header):
            continue
        keyword = _keyword(column)
        year = column.year or (fallback if not headed_years else None)
        if keyword == "target":
            figures.targets.append((column, year))
        elif keyword == "realisasi" or column.index in derived_ok:
            figures.realisations.append((column, year))
    return figures


def _keyword(column: Column) -> str:
    words = [w.casefold() for w in _KEYWORD.findall(column.header)]
    # "Realisasi Capaian …" is a realisation; "Target Capaian Kinerja" a target
    while len(words) >= 2 and words[-1] == "capaian" and words[-2] in ("realisasi", "target"):
        words.pop()
    return words[-1] if words else ""


def _cell(row: Row, column: Column) -> tuple[Fact | None, str]:
    text = row.cells[column.index].strip() if column.index < len(row.cells) else ""
    if not text or text in ("-", "–") or several_numbers(text):
        return None, text
    if column.index not in row.values:
        # a column `check` did not read as figures ("REALISASI CAPAIAN … 2022" of text)
        row = Row(row.raw, row.cells, values={column.index: read_value(text, column.kind, column.dominant)})
    return _fact(row, column.index), text


def _operands(row: Row, figures: _Figures, realised: Fact, skip: set[int]) -> tuple[Decimal | None, Decimal | None]:
    if figures.numerator is not None and figures.denominator is not None:
        top, bottom = row.value(figures.numerator), row.value(figures.denominator)
        if top is None:
            top = read_value(row.cells[figures.numerator], ColumnKind.MEASURE).value
        if bottom is None:
            bottom = read_value(row.cells[figures.denominator], ColumnKind.MEASURE).value
        if top is not None and bottom:
            return top, bottom
    if realised.value is None:
        return None, None
    for i, text in enumerate(row.cells):
        if i in skip or "/" not in text:
            continue
        for m in _RATIO.finditer(text):
            top, bottom = (read_value(g, ColumnKind.COUNT).value for g in m.groups())
            if top is None or not bottom:
                continue
            # the operands reproduce the printed realisation as the document rounds it (the
            # same test `sakip check` applies to every printed percentage)
            exponent = realised.value.as_tuple().exponent
            printed = Value(str(realised.value), realised.value,
                            -exponent if isinstance(exponent, int) and exponent < 0 else 0)
            if agrees(printed, top * 100 / bottom):
                return top, bottom
    return None, None


# --------------------------------------------------------------------------------------
# Rows → indicators
# --------------------------------------------------------------------------------------


@dataclass
class _Seen:
    targets: dict[int, list[tuple[Fact, Table]]] = field(default_factory=dict)
    target_texts: dict[tuple[int, Fact], str] = field(default_factory=dict)
    realisations: dict[int, list[tuple[Fact, Table]]] = field(default_factory=dict)
    realisation_texts: dict[tuple[int, Fact], str] = field(default_factory=dict)
    operands: dict[tuple[int, Fact], tuple[Decimal | None, Decimal | None]] = field(default_factory=dict)


class _Index:
    """Line indicators by code and by the words of their names."""

    def __init__(self, items: list[LineIndicator]) -> None:
        self.items = items
        self.by_code: dict[str, list[LineIndicator]] = {}
        for item in items:
            self.by_code.setdefault(item.code, []).append(item)
        self.words = [(_tokens(i.name), _tokens(i.line_name), i) for i in items]

    def match(self, row: Row, indicator: str, label: str) -> tuple[LineIndicator, float] | None:
        """The line indicator a row is about, with how sure (coded rows: 2 and more)."""
        if row.code is not None and row.code.canonical in self.by_code:
            same = self.by_code[row.code.canonical]
            if len(same) == 1:
                return same[0], 3.0
            found = self._best(indicator, label, [(_tokens(i.name), _tokens(i.line_name), i) for i in same], 0.0)
            return (found[0], 2.0 + found[1]) if found else None
        if row.code is not None:
            return None  # a coded row of a line the plan does not have
        return self._best(indicator, label, self.words, _MATCH)

    @staticmethod
    def _best(
        indicator: str, label: str, candidates: list[tuple[set[str], set[str], LineIndicator]], least: float
    ) -> tuple[LineIndicator, float] | None:
        words = _tokens(indicator)
        label_words = _tokens(label) if name_key(label) != name_key(indicator) else set()
        if not words:
            return None
        scored: list[tuple[float, float, LineIndicator]] = []
        for known, line_words, item in candidates:
            common = len(words & known)
            if not common:
                continue
            score = 0.5 * common / min(len(words), len(known)) + 0.5 * common / len(words | known)
            if score < least:
                continue
            near = 0.0
            if label_words and line_words:
                shared = len(label_words & line_words)
                near = shared / len(label_words | line_words)
            scored.append((score, near, item))
        if not scored:
            return None
        scored.sort(key=lambda s: (-s[0], -s[1]))
        best = scored[0]
        rivals = [s for s in scored[1:] if s[0] >= best[0] - 1e-9 and s[1] >= best[1] - 1e-9]
        if any(r[2].code != best[2].code or name_key(r[2].name) != name_key(best[2].name) for r in rivals):
            return None  # two lines print the same indicator: which one is meant is not known
        return best[2], best[0] + 0.1 * best[1]


def read_line_figures(
    items: list[LineIndicator], tables: list[Table], notes: list[str], others: set[str] = frozenset()  # type: ignore[assignment]
) -> None:
    """Targets and realisations per printed year of the line indicators ``items`` from every
    table that prints them (see the module docstring). Targets already known (from the coded
    plan table) are kept; other years' targets are added. ``others``: names (name_key) of the
    goals' and objectives' indicators, whose rows are not counted as unmatched."""
    if not items:
        return
    index = _Index(items)
    known = set(others)
    seen: dict[int, _Seen] = {}
    unmatched = 0
    for table in tables:
        if table.kind in _SKIP_KINDS:
            continue
        ind_cols = [c.index for c in table.columns if c.role == "indicator" or "indikator" in norm(c.header)]
        if not ind_cols:
            continue
        figures = _columns(table)
        if not figures.realisations and not figures.targets:
            continue
        name_col = next((c.index for c in table.columns if c.role == "name"), None)
        # each row goes to the indicator it names best, and each indicator takes the row
        # that names it best: a program's several indicators printed under one line of the
        # plan, or a kegiatan's indicator worded like its program's, are not mixed up
        chosen: dict[int, tuple[float, LineIndicator, Row, list[tuple[Column, int | None, Fact | None, str]]]] = {}
        for row in table.rows:
            if row.is_total:
                continue
            indicator = next((row.cells[i].strip() for i in ind_cols if i < len(row.cells) and row.cells[i].strip()), "")
            if not re.search(r"[A-Za-z]{3,}", indicator) or is_total_label(indicator):
                continue
            label = row.cells[name_col].strip() if name_col is not None and name_col < len(row.cells) else row.label
            facts = [(c, y, *_cell(row, c)) for c, y in figures.realisations + figures.targets]
            if not any(f is not None and y is not None for _, y, f, _ in facts):
                continue
            found = index.match(row, indicator, label)
            if found is None:
                if name_key(indicator) not in known:
                    unmatched += 1
                continue
            item, score = found
            if id(item) not in chosen or score > chosen[id(item)][0]:
                chosen[id(item)] = (score, item, row, facts)
        for _, item, row, facts in chosen.values():
            s = seen.setdefault(id(item), _Seen())
            for column, col_year, fact, text in facts:
                if fact is None or col_year is None:
                    continue
                if (column, col_year) in figures.realisations:
                    s.realisations.setdefault(col_year, []).append((fact, table))
                    s.realisation_texts.setdefault((col_year, fact), text)
                    operands = _operands(row, figures, fact, {*ind_cols, column.index})
                    if operands != (None, None):
                        s.operands.setdefault((col_year, fact), operands)
                else:
                    s.targets.setdefault(col_year, []).append((fact, table))
                    s.target_texts.setdefault((col_year, fact), text)
    for item in items:
        if id(item) not in seen:
            continue
        s = seen[id(item)]
        for when, entries in sorted(s.realisations.items()):
            fact = _pick(entries, f"{item.label} realisasi {when}", notes)
            item.realisations[when] = fact
            item.realisation_texts[when] = s.realisation_texts.get((when, fact), "")
            if (when, fact) in s.operands:
                item.operands[when] = s.operands[(when, fact)]
        for when, entries in sorted(s.targets.items()):
            if when in item.targets:
                continue
            fact = _pick(entries, f"{item.label} target {when}", notes)
            item.targets[when] = fact
            item.target_texts[when] = s.target_texts.get((when, fact), "")
        _kind(item)
    if unmatched:
        notes.append(
            f"{unmatched} baris lain dengan indikator dan target/realisasi tidak cocok dengan satu indikator "
            "program/kegiatan/sub kegiatan (atau cocok dengan beberapa) maupun dengan indikator tujuan/sasaran; "
            "angkanya tidak diimpor sebagai realisasi program/kegiatan"
        )


def _kind(item: LineIndicator) -> None:
    """A line whose targets and realisations are all levels ("Madya") is ordinal on the scale
    its levels fit."""
    facts = list(item.targets.values()) + list(item.realisations.values())
    levels = [f.level for f in facts if f.level]
    if levels and not any(f.value is not None for f in facts):
        scale = _scale(IndicatorItem("", "", item.name), levels)
        if scale:
            item.target_kind, item.ordinal_scale = TargetKind.ORDINAL, scale
            item.unit = item.unit or "level"
