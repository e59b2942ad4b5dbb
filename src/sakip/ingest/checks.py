"""Checks: every derived figure a document prints is recomputed with sakip.rules and
compared; the document is checked for consistency with itself.

These are general rules (ARCHITECTURE.md: "a document's printed figure is a claim"), not
rules for particular rows: parents against the sum of their children, totals, percentages
from their operands (with the document's own rounding), the formulas printed in the column
numbering row (``8=(7/6)``, ``10=(5+7+9)``), achievements with the polarity the indicator
implies, pathological achievements, codes, table numbers, years, and counts in the prose.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal

from sakip.ingest.model import Paragraph, RawDocument
from sakip.ingest.recognise import (
    Column,
    Row,
    Table,
    Value,
    count_head,
    infer_polarity,
    is_level_indicator,
    norm,
    read_value,
    recognise,
)
from sakip.rules.achievement import Flag, Polarity, numeric_achievement
from sakip.rules.budget import absorption, efficiency_mahsun, total_amounts
from sakip.rules.codes import Level
from sakip.rules.numbers import ColumnKind, format_number, round_half_up
from sakip.rules.renja import Aggregation, aggregate

ERROR = "error"
WARNING = "warning"


@dataclass
class Finding:
    rule: str
    severity: str
    table: str
    row: str
    column: str
    stated: str
    expected: str
    message: str
    where: str = ""
    table_index: int | None = None

    def as_dict(self) -> dict[str, object]:
        return {
            "rule": self.rule,
            "severity": self.severity,
            "table": self.table,
            "row": self.row,
            "column": self.column,
            "stated": self.stated,
            "expected": self.expected,
            "message": self.message,
            "where": self.where,
        }


@dataclass
class Report:
    path: str
    format: str
    year: int | None
    kind: str  # "renja", "lkjip", "dokumen"
    tables: list[Table]
    findings: list[Finding]
    prose: list[Paragraph] = field(default_factory=list)  # what `sakip import` reads besides tables

    @property
    def errors(self) -> int:
        return sum(1 for f in self.findings if f.severity == ERROR)

    @property
    def warnings(self) -> int:
        return sum(1 for f in self.findings if f.severity == WARNING)

    @property
    def comparisons(self) -> int:
        return sum(t.checked for t in self.tables)


def fmt(value: Decimal | int | None, places: int = 2) -> str:
    if value is None:
        return "—"
    if isinstance(value, int) or value == value.to_integral_value():
        return format_number(Decimal(value).to_integral_value())
    return format_number(round_half_up(Decimal(value), places), places)


def agrees(stated: Value, expected: Decimal, slack: int = 0) -> bool:
    """The printed value is the expected one as the document rounds: half-up to the
    decimals it printed; a value printed without decimals may be rounded or truncated.
    ``slack`` allows that many units of the last printed place (a mean of rounded values
    differs from the rounded mean by up to one unit)."""
    if stated.value is None:
        return True
    if stated.places == 0:
        return abs(stated.value - expected) < 1 + slack
    unit = Decimal(1).scaleb(-stated.places)
    difference = abs(round_half_up(expected, stated.places) - round_half_up(stated.value, stated.places))
    return difference <= slack * unit


def _finding(
    table: Table, row: Row | None, column: Column | None, rule: str, severity: str,
    stated: str, expected: str, message: str,
) -> Finding:
    where = row.raw.where if row is not None else table.raw.where
    return Finding(
        rule,
        severity,
        table.name,
        row.key if row is not None else "",
        column.label if column is not None else "",
        stated,
        expected,
        message,
        where,
        table.raw.index,
    )


# --------------------------------------------------------------------------------------
# Column formulas printed in the numbering row
# --------------------------------------------------------------------------------------


def _row_text(row: Row) -> str:
    return " ".join([row.label, row.indicator])


def check_formulas(table: Table) -> Iterable[Finding]:
    for index, formula in table.formulas.items():
        target_col = table.columns[index]
        if "/" in formula:
            num, den = formula.split("/", 1)
            c_num, c_den = table.column_by_number(num), table.column_by_number(den)
            if c_num is None or c_den is None:
                continue
            for row in table.rows:
                stated = row.values.get(index)
                r, t = row.value(c_num.index), row.value(c_den.index)
                if stated is None or stated.value is None or r is None or t is None:
                    continue
                polarity = infer_polarity(_row_text(row))
                result = numeric_achievement(t, r, polarity=polarity)
                if result.value is None:
                    continue
                table.checked += 1
                if not agrees(stated, result.value):
                    side = " (indikator negatif: T / R)" if polarity is Polarity.LOWER_IS_BETTER else ""
                    yield _finding(
                        table, row, target_col, "formula_ratio", "error", stated.text, fmt(result.value),
                        f"Kolom {target_col.number} harus {num}/{den} × 100{side} = "
                        f"{fmt(r)} / {fmt(t)} × 100 = {fmt(result.value)}, tercetak {stated.text}.",
                    )
        elif "+" in formula or "-" in formula:
            terms = re.findall(r"[+-]?\s*\d+[a-z]?", formula)
            cols: list[tuple[int, Column]] = []
            for term in terms:
                sign = -1 if term.strip().startswith("-") else 1
                col = table.column_by_number(term.strip().lstrip("+-").strip())
                if col is None or col.index == index:
                    break
                cols.append((sign, col))
            else:
                yield from _check_sum_formula(table, index, formula, cols)


def _check_sum_formula(table: Table, index: int, formula: str, cols: list[tuple[int, Column]]) -> Iterable[Finding]:
    target_col = table.columns[index]
    for row in table.rows:
        stated = row.values.get(index)
        if stated is None or stated.value is None:
            continue
        operands = [(sign, row.value(c.index)) for sign, c in cols]
        if all(v is None for _, v in operands):
            continue
        expected = aggregate([(v * sign) if v is not None else None for sign, v in operands], Aggregation.SUM)
        if expected is None:
            continue
        table.checked += 1
        shown = " ".join(f"{'−' if s < 0 else '+'} {fmt(v) if v is not None else '(kosong)'}" for s, v in operands).lstrip("+ ")
        if not agrees(stated, expected):
            yield _finding(
                table, row, target_col, "formula_sum", "error", stated.text, fmt(expected),
                f"Kolom {target_col.number} harus {formula} = {shown} = {fmt(expected)}, tercetak {stated.text}.",
            )
        elif is_level_indicator(row.indicator or row.label) and all(s > 0 for s, _ in operands):
            present = [v for _, v in operands if v is not None and v != 0]
            if len(present) >= 2 and expected >= Decimal("1.5") * max(present) and _absurd_ratio(
                table, index, row, expected
            ):
                yield _finding(
                    table, row, target_col, "summed_levels", "warning", stated.text, fmt(max(present)),
                    f"Indikator '{(row.indicator or row.label)[:60]}' adalah persentase/tingkat; "
                    f"nilainya tidak dapat dijumlahkan antarperiode ({shown}). Pakai nilai terakhir; "
                    "capaian turunannya menjadi tidak wajar.",
                )


def _absurd_ratio(table: Table, index: int, row: Row, value: Decimal) -> bool:
    """True when a ratio column printed from the summed column gives ≥ 150 % (a summed
    percentage pushing an achievement out of range), or when no ratio uses it."""
    number = table.columns[index].number.split("=")[0].strip("() ")
    for _other, formula in table.formulas.items():
        if "/" not in formula or formula.split("/", 1)[0] != number:
            continue
        den_col = table.column_by_number(formula.split("/", 1)[1])
        den = row.value(den_col.index) if den_col is not None else None
        return bool(den) and value * 100 / den >= 150  # type: ignore[operator]
    return True


# --------------------------------------------------------------------------------------
# Parents against their children (codes)
# --------------------------------------------------------------------------------------


def _numeric_columns(table: Table) -> list[Column]:
    out = []
    for c in table.columns:
        if c.role not in ("money", "target", "realisation", "number"):
            continue
        f = table.formulas.get(c.index, "")
        if "/" in f or "%" in c.header or re.search(r"tingkat|capaian.*%|persen", norm(c.header)):
            continue
        out.append(c)
    return out


def check_hierarchy(table: Table) -> Iterable[Finding]:
    coded = [r for r in table.rows if r.code is not None]
    if len(coded) < 3:
        return
    children: dict[str, list[Row]] = defaultdict(list)
    by_code: dict[str, Row] = {}
    for row in coded:
        assert row.code is not None
        key = row.code.canonical
        if row.code.level < Level.PROGRAM:
            continue
        if key in by_code and row.cells != by_code[key].cells:
            yield _finding(
                table, row, None, "duplicate_code", "warning", row.code_text, "",
                f"Kode {row.code_text} muncul dua kali di tabel ini ({by_code[key].raw.where} dan {row.raw.where}).",
            )
            continue
        by_code[key] = row
        parent = row.code.parent()
        if parent is not None:
            children[parent.canonical].append(row)
    for col in _numeric_columns(table):
        money = col.role == "money"
        for key, parent_row in by_code.items():
            kids = children.get(key)
            if not kids:
                continue
            stated = parent_row.values.get(col.index)
            if stated is None or stated.value is None:
                continue
            values = [k.value(col.index) for k in kids]
            if all(v is None for v in values):
                continue
            if money:
                if any(v is not None and v != v.to_integral_value() for v in values):
                    continue
                expected = Decimal(total_amounts([int(v) for v in values if v is not None]))
            else:
                head = count_head(parent_row.indicator)
                heads = [count_head(k.indicator) for k in kids]
                if head is None or any(h is None for h in heads) or head not in heads:
                    continue
                expected = sum((v for v in values if v is not None), Decimal(0))
            table.checked += 1
            if stated.value != expected:
                names = ", ".join(k.code_text for k in kids)
                what = "pagu/anggaran" if money else "jumlah"
                yield _finding(
                    table, parent_row, col, "parent_sum", "error", stated.text, fmt(expected),
                    f"{what.capitalize()} {parent_row.code_text} harus sama dengan jumlah turunannya "
                    f"({names}) = {fmt(expected)}; selisih {fmt(stated.value - expected)}.",
                )


def check_parent_range(table: Table) -> Iterable[Finding]:
    """A percentage/level realised by a parent whose children measure the same kind of
    level (all ``Persentase …``) lies between the children's values: a mean or any other
    aggregate of them cannot fall outside their range."""
    coded = {r.code.canonical: r for r in table.rows if r.code is not None}
    children: dict[str, list[Row]] = defaultdict(list)
    for row in coded.values():
        parent = row.code.parent() if row.code is not None else None
        if parent is not None and parent.canonical in coded:
            children[parent.canonical].append(row)
    columns = [c for c in table.columns if re.search(r"realisasi", norm(c.header)) and c.index not in table.formulas]
    for key, kids in children.items():
        parent_row = coded[key]
        head = (parent_row.indicator or "").split()[:1]
        if len(kids) < 2 or not head or not is_level_indicator(parent_row.indicator):
            continue
        if not all((k.indicator or "").split()[:1] and k.indicator.split()[0].casefold() == head[0].casefold() for k in kids):
            continue
        for col in columns:
            stated = parent_row.values.get(col.index)
            values = [k.value(col.index) for k in kids]
            if stated is None or stated.value is None or any(v is None for v in values):
                continue
            present = [v for v in values if v is not None]
            table.checked += 1
            low, high = min(present), max(present)
            if not low <= stated.value <= high:
                yield _finding(
                    table, parent_row, col, "parent_range", "warning", stated.text,
                    f"{fmt(low)}–{fmt(high)}",
                    f"Nilai {parent_row.code_text} tidak dapat diturunkan dari turunannya "
                    f"({', '.join(k.code_text for k in kids)}: {', '.join(fmt(v) for v in present)}); "
                    "persentase induk harus berada di antara nilai turunannya.",
                )


def check_named_hierarchy(table: Table) -> Iterable[Finding]:
    """Tables without codes whose rows say what they are (``PROGRAM …``, ``Kegiatan …``):
    a kegiatan's money is the sum of the sub kegiatan rows under it."""
    if any(r.code is not None for r in table.rows):
        return
    money = table.by_role("money")
    if not money:
        return
    groups: list[tuple[Row, list[Row]]] = []
    for row in table.rows:
        if row.is_total or re.match(r"^\W*program\b", row.label, re.I):
            groups.append((row, []))  # closes the open kegiatan
            continue
        if re.match(r"^\W*kegiatan\b", row.label, re.I):
            groups.append((row, []))
            continue
        if groups:
            groups[-1][1].append(row)
    for parent, kids in groups:
        if not kids or not re.match(r"^\W*kegiatan\b", parent.label, re.I):
            continue
        for col in money:
            stated = parent.values.get(col.index)
            values = [k.value(col.index) for k in kids]
            present = [v for v in values if v is not None]
            if stated is None or stated.value is None or not present:
                continue
            if any(v != v.to_integral_value() for v in present):
                continue
            expected = Decimal(total_amounts([int(v) for v in present]))
            table.checked += 1
            if stated.value != expected:
                yield _finding(
                    table, parent, col, "parent_sum", "error", stated.text, fmt(expected),
                    f"Kegiatan harus sama dengan jumlah {len(kids)} sub kegiatan di bawahnya = "
                    f"{fmt(expected)}; selisih {fmt(stated.value - expected)}.",
                )


# --------------------------------------------------------------------------------------
# Totals
# --------------------------------------------------------------------------------------


_OUTLINE = re.compile(r"^\s*(\d{1,2})((?:\s*\.\s*[\da-z]{1,2})*)\s*\.?\s*$", re.I)
_MEAN_LABEL = re.compile(r"^\W*rata", re.I)


def _top_rows(rows: list[Row]) -> list[Row]:
    rows = [r for r in rows if not any(_MEAN_LABEL.match(c) for c in r.cells[:3] if c)]
    coded = [r for r in rows if r.code is not None]
    if coded:
        top = min(r.code.level for r in coded if r.code is not None)
        return [r for r in coded if r.code is not None and r.code.level == top]
    programs = [r for r in rows if re.match(r"^\s*program\b", r.label, re.I)]
    if programs:
        return programs
    outlined = [(r, _OUTLINE.match(r.cells[0] if r.cells else "")) for r in rows]
    if sum(1 for _, m in outlined if m) >= 0.6 * len(rows):
        singles = [r for r, m in outlined if m and not m.group(2)]
        if singles and len(singles) < len(rows):
            return singles
    return rows


def check_totals(table: Table) -> Iterable[Finding]:
    segment: list[Row] = []
    for row in table.rows:
        if not row.is_total:
            segment.append(row)
            continue
        top = _top_rows(segment)
        every = [r for r in segment if not any(_MEAN_LABEL.match(c) for c in r.cells[:3] if c)]
        segment = []
        if not top:
            continue
        for col in _numeric_columns(table):
            stated = row.values.get(col.index)
            if stated is None or stated.value is None:
                continue
            if col.kind is ColumnKind.PERCENT or "%" in stated.text:
                continue
            values = [r.value(col.index) for r in top]
            present = [v for v in values if v is not None]
            if not present:
                continue
            if col.role != "money" and all(v >= 0 for v in present) and stated.value < max(present):
                continue  # a mean or a percentage, not a sum
            expected = sum(present, Decimal(0))
            table.checked += 1
            if stated.value != expected and top is not every:
                # sub rows that are separate items (``9.a``) rather than parts
                alternative = sum((v for v in (r.value(col.index) for r in every) if v is not None), Decimal(0))
                if stated.value == alternative:
                    continue
            if stated.value != expected:
                yield _finding(
                    table, row, col, "total", "error", stated.text, fmt(expected),
                    f"Baris jumlah harus sama dengan jumlah {len(top)} baris di atasnya = {fmt(expected)}; "
                    f"selisih {fmt(stated.value - expected)}.",
                )


# --------------------------------------------------------------------------------------
# Percentages of money (absorption / realisation)
# --------------------------------------------------------------------------------------


def _mostly_within(table: Table, budget: Column, real: Column) -> bool:
    """Realisations at or below the budget in most rows: the pair is (budget, realisation)."""
    pairs: list[tuple[Decimal, Decimal]] = []
    for r in table.rows:
        b, x = r.value(budget.index), r.value(real.index)
        if b is not None and x is not None and b > 0:
            pairs.append((b, x))
    return len(pairs) >= 3 and sum(1 for b, x in pairs if x <= b) >= 0.8 * len(pairs)


def money_triplets(table: Table) -> list[tuple[Column, Column, Column]]:
    out = []
    cols = table.columns
    for p in cols:
        if p.role != "percent" and "%" not in p.header:
            continue
        left = [c for c in cols[: p.index] if c.role == "money"]
        if len(left) < 2:
            continue
        if any(c.role == "percent" for c in cols[left[-1].index + 1 : p.index]):
            continue
        real = left[-1]
        budget = None
        if re.search(r"realisasi", norm(real.header)):
            budget = next((c for c in reversed(left[:-1]) if not re.search(r"realisasi", norm(c.header))), None)
            if budget is not None and p.year and budget.year and p.year != budget.year:
                budget = None
        elif _mostly_within(table, left[-2], real):
            budget = left[-2]  # headers do not say; the figures do
        if budget is None:
            continue
        out.append((budget, real, p))
    return out


def check_money_percent(table: Table) -> Iterable[Finding]:
    for budget, real, pct in money_triplets(table):
        for row in table.rows:
            stated = row.values.get(pct.index)
            b, r = row.value(budget.index), row.value(real.index)
            if stated is None or stated.value is None or b is None or r is None:
                continue
            if b != b.to_integral_value() or r != r.to_integral_value():
                continue
            ratio = absorption(int(r), int(b))
            if ratio.value is None:
                continue
            if ratio.note:
                yield _finding(
                    table, row, real, "overspend", "warning", fmt(r), f"≤ {fmt(b)}",
                    f"Realisasi {fmt(r)} melebihi anggaran {fmt(b)} ({ratio.note}).",
                )
            table.checked += 1
            if not agrees(stated, ratio.value):
                yield _finding(
                    table, row, pct, "money_percent", "error", stated.text, fmt(ratio.value),
                    f"Persentase harus realisasi / anggaran × 100 = {fmt(r)} / {fmt(b)} × 100 = "
                    f"{fmt(ratio.value)}, tercetak {stated.text}.",
                )


# --------------------------------------------------------------------------------------
# Achievements (target, realisation, capaian) and pathological values
# --------------------------------------------------------------------------------------


def _achievement_triplets(table: Table) -> list[tuple[Column, Column, Column]]:
    cols = table.columns
    out = []
    targets = [c for c in cols if c.role == "target"]
    reals = [c for c in cols if c.role == "realisation"]
    pcts = [c for c in cols if c.role == "percent" and re.search(r"capaian|%", norm(c.header))]
    for t in targets:
        if t.year is not None:
            r = next((c for c in reals if c.year == t.year), None)
            p = next((c for c in pcts if c.year == t.year), None)
        else:
            r = next((c for c in reals if c.index > t.index), None)
            p = next((c for c in pcts if r is not None and c.index > r.index), None)
            if r is not None and p is not None and (
                r.year is not None or p.year is not None or p.index - t.index > 3
            ):
                continue  # not one group (target, realisasi, capaian) of columns
        if r is not None and p is not None and not (t.year is None and t.index > r.index):
            out.append((t, r, p))
    return out


_CHANGE = re.compile(r"penurunan|kenaikan|pertumbuhan|perubahan|peningkatan", re.I)


def check_achievements(table: Table) -> Iterable[Finding]:
    if table.kind in ("renja_evaluation", "budget_realisation", "funding", "plan_forecast"):
        return
    seen: set[tuple[int, int]] = set()
    for t, r, p in _achievement_triplets(table):
        for row in table.rows:
            stated = row.values.get(p.index)
            tv, rv = row.values.get(t.index), row.values.get(r.index)
            if stated is None or stated.value is None or tv is None or rv is None:
                continue
            if tv.value is None or rv.value is None:
                continue
            text = " ".join(row.cells)
            polarity = infer_polarity(text)
            result = numeric_achievement(
                tv.value, rv.value, polarity=polarity, percentage_change=bool(_CHANGE.search(text))
            )
            if result.value is None:
                continue
            table.checked += 1
            if not agrees(stated, result.value):
                rule = "T / R × 100 (indikator negatif)" if polarity is Polarity.LOWER_IS_BETTER else "R / T × 100"
                yield _finding(
                    table, row, p, "achievement", "error", stated.text, fmt(result.value),
                    f"Capaian harus {rule} = {result.formula.split('=', 1)[-1].strip()} = {fmt(result.value)}, "
                    f"tercetak {stated.text}.",
                )
            if result.pathological and (row.raw.line, p.index) not in seen:
                seen.add((row.raw.line, p.index))
                why = "; ".join(f.label for f in sorted(result.flags) if f in (Flag.OVER_200, Flag.SMALL_TARGET_CHANGE))
                yield _finding(
                    table, row, p, "pathological", "warning", stated.text, "",
                    f"Capaian tidak wajar ({why}); jangan ikut dirata-ratakan (RULES.md §3).",
                )


def check_pathological_printed(table: Table) -> Iterable[Finding]:
    """Printed achievements beyond ±200 % in any achievement column."""
    if table.kind in ("budget_realisation", "funding", "plan_forecast", "spm"):
        return
    reported = set()
    for col in table.columns:
        if col.role != "percent" or not re.search(r"capaian", norm(col.header)):
            continue
        for row in table.rows:
            v = row.values.get(col.index)
            if v is None or v.value is None or abs(v.value) <= 200:
                continue
            key = (row.raw.line, col.index)
            if key in reported:
                continue
            reported.add(key)
            yield _finding(
                table, row, col, "pathological", "warning", v.text, "",
                "Capaian tercetak di luar ±200 %: indikator tidak wajar (target terlalu kecil atau "
                "salah satuan); jangan ikut dirata-ratakan (RULES.md §3).",
            )


# --------------------------------------------------------------------------------------
# Codes
# --------------------------------------------------------------------------------------


def check_codes(tables: list[Table]) -> Iterable[Finding]:
    names: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    where: dict[str, Table] = {}
    for table in tables:
        code_header = any(c.role == "code" and "kode" in norm(c.header) for c in table.columns)
        bad = [r for r in table.rows if r.code_error] if code_header else []
        for row in bad[:5]:
            yield _finding(
                table, row, None, "code_unreadable", "warning", row.code_text, "",
                f"Kode tidak dapat dibaca: {row.code_error}.",
            )
        coded = [r for r in table.rows if r.code is not None]
        if not coded:
            continue
        noncanonical = [r for r in coded if r.code is not None and r.code_text.replace(" ", "") != r.code.canonical]
        if noncanonical:
            shapes = sorted({_shape(r.code_text) for r in coded})
            examples = ", ".join(f"{r.code_text} → {r.code.canonical}" for r in noncanonical[:3] if r.code)
            yield _finding(
                table, None, None, "code_form", "warning", noncanonical[0].code_text,
                noncanonical[0].code.canonical if noncanonical[0].code else "",
                f"{len(noncanonical)} kode tidak ditulis dalam bentuk kanonik U.BB.PP.K.KK.SSSS "
                f"(mis. {examples})" + (f"; bentuk yang dipakai berbeda-beda: {', '.join(shapes)}" if len(shapes) > 1 else "") + ".",
            )
        for row in coded:
            if row.code is None or row.code.level < Level.PROGRAM:
                continue
            label = norm(re.sub(r"^\W*(program|kegiatan|sub kegiatan)\s*:?\s*", "", row.label, flags=re.I))
            if len(label) < 8:
                continue
            names[label][table.name].add(row.code.canonical)
            where[f"{label}|{table.name}"] = table
    grouped: dict[tuple[str, str, str, str], list[str]] = defaultdict(list)
    for label, per_table in names.items():
        sets = {frozenset(v) for v in per_table.values()}
        if len(sets) <= 1:
            continue
        tables_named = list(per_table)
        first, others = tables_named[0], tables_named[1:]
        plain = True
        for other in others:
            a, b = per_table[first], per_table[other]
            if len(a) == 1 and len(b) == 1:
                ca, cb = next(iter(a)), next(iter(b))
                pa, pb = _prefix(ca), _prefix(cb)
                if pa != pb and ca[len(pa) :] == cb[len(pb) :]:
                    grouped[(first, other, pa, pb)].append(label)
                    continue
            plain = False
        if plain:
            continue
        listing = "; ".join(f"{t}: {', '.join(sorted(v))}" for t, v in per_table.items())
        first_table = where[f"{label}|{first}"]
        yield Finding(
            "code_conflict", WARNING, first_table.name, label[:70], "kode",
            ", ".join(sorted(per_table[first])), ", ".join(sorted(per_table[others[0]])),
            f"Nama yang sama diberi kode berbeda antartabel ({listing}).",
            first_table.raw.where, first_table.raw.index,
        )
    for (first, other, pa, pb), labels in grouped.items():
        table = where[f"{labels[0]}|{first}"]
        yield Finding(
            "code_conflict", WARNING, first, labels[0][:70], "kode", pa, pb,
            f"Urusan/bidang ditulis berbeda untuk {len(labels)} baris: {pa}… di {first}, {pb}… di "
            f"{other} (mis. '{labels[0][:50]}'). Satu dokumen harus memakai satu kode.",
            table.raw.where, table.raw.index,
        )


def _prefix(code: str) -> str:
    """Urusan and bidang of a canonical code (``1.06``, ``X.XX``)."""
    return ".".join(code.split(".")[:2])


def _shape(code: str) -> str:
    return ".".join("9" * len(p.strip()) for p in code.strip().rstrip(".").split("."))


# --------------------------------------------------------------------------------------
# Money and targets
# --------------------------------------------------------------------------------------


def check_money_targets(table: Table) -> Iterable[Finding]:
    if table.kind not in ("plan_forecast", "renja_review", "funding"):
        return
    money = table.by_role("money")
    targets = table.by_role("target")
    if not money or not targets:
        return
    m, t = money[0], targets[0]
    for row in table.rows:
        if row.code is None or row.code.level is not Level.SUB_KEGIATAN:
            continue
        mv, tv = row.values.get(m.index), row.values.get(t.index)
        amount = mv.value if mv else None
        target = tv.value if tv else None
        if amount and amount > 0 and (target is None or target == 0):
            yield _finding(
                table, row, t, "money_without_target", "warning", tv.text if tv else "", "",
                f"Sub kegiatan berpagu {fmt(amount)} tetapi targetnya nol/kosong.",
            )
        elif target and target > 0 and mv is not None and (amount is None or amount == 0) and mv.missing != "kosong":
            yield _finding(
                table, row, m, "target_without_money", "warning", mv.text, "",
                f"Sub kegiatan bertarget {tv.text if tv else ''} tetapi pagunya nol.",
            )


# --------------------------------------------------------------------------------------
# Document-level: table numbers, years, counts in prose
# --------------------------------------------------------------------------------------


def _doc_year_kind(raw: RawDocument) -> tuple[int | None, str]:
    head = " ".join(p.text for p in raw.prose[:40])
    kind = "dokumen"
    if re.search(r"\b(renja|rencana kerja)\b", head, re.I):
        kind = "renja"
    if re.search(r"laporan kinerja|lkjip|lakip|lkj\b", head, re.I):
        kind = "lkjip"
    m = re.search(r"tahun\s+(?:anggaran\s+)?(20\d\d)\b", head, re.I)
    if m:
        return int(m.group(1)), kind
    years = re.findall(r"\b(20\d\d)\b", head)
    return (int(max(set(years), key=years.count)) if years else None), kind


def check_table_numbers(tables: list[Table]) -> Iterable[Finding]:
    seen: dict[tuple[str, str], Table] = {}
    by_chapter: dict[str, set[int]] = defaultdict(set)
    for table in tables:
        raw = table.raw
        if not raw.number:
            continue
        label = raw.label.casefold()
        family = "lampiran" if label.startswith("lampiran") else "tabel"
        if family == "tabel" and label != "tabel":
            yield _finding(
                table, None, None, "table_label", "warning", raw.label, "Tabel",
                f"Label tabel salah tulis: '{raw.label} {raw.number}'.",
            )
        key = (family, raw.number)
        if key in seen:
            yield _finding(
                table, None, None, "table_number_duplicate", "warning", f"{raw.label} {raw.number}", "",
                f"Nomor {raw.label} {raw.number} sudah dipakai ({seen[key].raw.where}: "
                f"{seen[key].raw.caption[:60]}).",
            )
        else:
            seen[key] = table
        parts = raw.number.split(".")
        if family == "tabel" and len(parts) == 2 and all(re.fullmatch(r"[0-9]+", p) for p in parts):
            by_chapter[parts[0]].add(int(parts[1]))
    for chapter, numbers in sorted(by_chapter.items()):
        # only gaps between numbers that are present (an excerpt may start anywhere)
        missing = [n for n in range(min(numbers), max(numbers) + 1) if n not in numbers]
        for n in missing:
            yield Finding(
                "table_number_missing", WARNING, f"Tabel {chapter}.{n}", "", "", "", f"Tabel {chapter}.{n}",
                f"Tabel {chapter}.{n} tidak ada, padahal nomor sesudahnya dipakai (penomoran melompat).",
            )


def check_years(raw: RawDocument, tables: list[Table], year: int | None, kind: str) -> Iterable[Finding]:
    for table in tables:
        caption = table.raw.caption
        for m in re.finditer(r"\btahun\s+(\d{1,5})\b", caption, re.I):
            digits = m.group(1)
            if len(digits) != 4:
                yield _finding(
                    table, None, None, "year_malformed", "warning", m.group(0), "",
                    f"Tahun tidak lengkap/salah tulis dalam judul: '{m.group(0)}'.",
                )
        caption_years = {int(y) for y in re.findall(r"\b(20\d\d)\b", caption)}
        header_years = {c.year for c in table.columns if c.year}
        if len(caption_years) == 1 and len(header_years) >= 2 and not caption_years & header_years:
            (only,) = caption_years
            yield _finding(
                table, None, None, "year_foreign", "warning", ", ".join(str(y) for y in sorted(header_years)),
                str(only),
                f"Judul tabel menyebut tahun {only}, kolomnya berisi tahun "
                f"{', '.join(str(y) for y in sorted(header_years))}.",
            )
        if year is None:
            continue
        for y in caption_years:
            if y > year + 5 or y < year - 7:
                yield _finding(
                    table, None, None, "year_foreign", "warning", str(y), str(year),
                    f"Tahun {y} di judul tabel tidak sesuai dengan dokumen tahun {year}.",
                )
    if year is None:
        return
    for para in raw.prose:
        for m in re.finditer(r"\bpenyusunan\s+(?:\w+\s*/?\s*){1,4}?tahun\s+(20\d\d)\b", para.text, re.I):
            y = int(m.group(1))
            if kind == "renja" and y != year:
                yield Finding(
                    "year_stale", WARNING, "(teks)", para.text[:60], "", str(y), str(year),
                    f"Teks menyebut '{m.group(0)}' dalam dokumen tahun {year}: kalimat dari dokumen lama?",
                    f"baris {para.line}" if para.line else "",
                )
        for m in re.finditer(r"\bevaluasi\s+pelaksanaan\s+renja\s+tahun\s+(20\d\d)\b", para.text, re.I):
            y = int(m.group(1))
            if kind == "renja" and y < year - 2:
                yield Finding(
                    "year_stale", WARNING, "(teks)", para.text[:60], "", str(y), str(year - 2),
                    f"Renja {year} mengevaluasi Renja {year - 2}, teks menyebut {y}.",
                    f"baris {para.line}" if para.line else "",
                )
        for m in re.finditer(r"\btahun\s+(\d{3})\b(?!\d)", para.text, re.I):
            yield Finding(
                "year_malformed", WARNING, "(teks)", para.text[:60], "", m.group(0), "",
                f"Tahun salah tulis: '{m.group(0)}'.", f"baris {para.line}" if para.line else "",
            )


_WORD_NUMBERS = {
    "satu": 1, "dua": 2, "tiga": 3, "empat": 4, "lima": 5, "enam": 6, "tujuh": 7, "delapan": 8,
    "sembilan": 9, "sepuluh": 10, "sebelas": 11,
}
_COUNT_IN_PROSE = re.compile(
    r"\b(?P<n>\d{1,3})\s*(?:\(\s*[a-z ]+\s*\)\s*)?(?P<what>sub\s*kegiatan|kegiatan|program)\b", re.I
)


def check_prose_counts(raw: RawDocument, tables: list[Table], kind: str) -> Iterable[Finding]:
    plan_kinds = ("plan_forecast", "funding") if kind == "renja" else ("budget_realisation", "funding", "plan_forecast")
    counts: dict[str, list[tuple[str, int]]] = defaultdict(list)
    level_of = {"program": Level.PROGRAM, "kegiatan": Level.KEGIATAN, "subkegiatan": Level.SUB_KEGIATAN}
    for table in tables:
        if table.kind not in plan_kinds:
            continue
        money = [c.index for c in table.columns if c.role == "money"]
        for word, level in level_of.items():
            rows = [r for r in table.rows if r.code is not None and r.code.level is level]
            if money:
                # funded: money in every budget column that has a figure for the row
                rows = [
                    r for r in rows
                    if all(v is None or v > 0 for v in (r.value(i) for i in money))
                    and any(r.value(i) for i in money)
                ]
            codes = {r.code.canonical for r in rows if r.code is not None}
            if codes:
                counts[word].append((table.name, len(codes)))
    if not counts:
        return
    for para in raw.prose:
        for m in _COUNT_IN_PROSE.finditer(para.text):
            what = re.sub(r"\s+", "", m.group("what").casefold())
            n = int(m.group("n"))
            found = counts.get(what)
            if not found or n < 2:
                continue
            if all(c != n for _, c in found):
                listing = ", ".join(f"{t}: {c}" for t, c in found)
                yield Finding(
                    "prose_count", WARNING, "(teks)", para.text[:60], what, m.group(0), listing,
                    f"Teks menyebut '{m.group(0)}', tabel rencana/anggaran memuat {listing}.",
                    f"baris {para.line}" if para.line else "",
                )


# --------------------------------------------------------------------------------------
# Formulas written in cells; budget efficiency (Mahsun)
# --------------------------------------------------------------------------------------

_CELL_FORMULA = re.compile(
    r"(?P<a>\d[\d.,]*)\s*/\s*(?P<b>\d[\d.,]*)\s*[×x*]\s*100\s*%?\s*=\s*(?P<c>-?\d[\d.,]*)\s*%"
)


def check_cell_formulas(table: Table) -> Iterable[Finding]:
    """``9.521.256.875 / 10.314.852.053 × 100% = 92,31%`` written in a cell: redo it."""
    for row in table.rows:
        for index, cell in enumerate(row.cells):
            for m in _CELL_FORMULA.finditer(cell):
                a, b, c = (read_value(m.group(k), ColumnKind.MONEY if k != "c" else ColumnKind.PERCENT) for k in "abc")
                if a.value is None or b.value is None or c.value is None or b.value == 0:
                    continue
                if a.value != a.value.to_integral_value() or b.value != b.value.to_integral_value():
                    continue
                ratio = absorption(int(a.value), int(b.value))
                if ratio.value is None:
                    continue
                table.checked += 1
                if not agrees(c, ratio.value):
                    yield _finding(
                        table, row, table.columns[index] if index < len(table.columns) else None,
                        "cell_formula", "error", c.text, fmt(ratio.value),
                        f"Rumus tertulis {m.group('a')} / {m.group('b')} × 100 = {fmt(ratio.value)}, "
                        f"bukan {c.text}.",
                    )


def check_efficiency(tables: list[Table], year: int | None) -> Iterable[Finding]:
    """Budget efficiency (Mahsun, RULES.md §5) printed in an efficiency table against the
    direct-spending and total realisations printed in a spending-composition table."""
    direct_real = total_real = None
    direct_budget = None
    for table in tables:
        direct = next(
            (r for r in table.rows if re.search(r"belanja\s+langsung", r.label, re.I)
             and not re.search(r"tidak\s+langsung", r.label, re.I)),
            None,
        )
        total_row = next((r for r in table.rows if r.is_total), None)
        if direct is None or total_row is None:
            continue
        triplets = money_triplets(table)
        chosen = [t for t in triplets if year is not None and t[0].year == year] or triplets[-1:]
        if not chosen:
            continue
        budget, real, _ = chosen[0]
        direct_real, total_real = direct.value(real.index), total_row.value(real.index)
        direct_budget = direct.value(budget.index)
        break
    if direct_real is None or total_real is None:
        return
    if any(v != v.to_integral_value() for v in (direct_real, total_real)):
        return
    expected = efficiency_mahsun(int(direct_real), int(total_real))
    if expected.value is None:
        return
    for table in tables:
        if table.kind != "efficiency":
            continue
        for row in table.rows:
            text = " ".join(row.cells)
            m = re.search(r"=\s*(-?\d[\d.,]*)\s*%\s*$", text.strip()) or re.search(r"=\s*(-?\d[\d.,]*)\s*%", text)
            if not m:
                continue
            stated = read_value(m.group(1), ColumnKind.PERCENT)
            if stated.value is None:
                continue
            table.checked += 1
            if not agrees(stated, expected.value):
                used_budget = direct_budget is not None and fmt(direct_budget) in text.replace(",", ".")
                why = (
                    f" Pembilang yang dipakai ({fmt(direct_budget)}) adalah anggaran belanja langsung, bukan realisasinya."
                    if used_budget else ""
                )
                yield _finding(
                    table, row, None, "efficiency", "error", stated.text, fmt(expected.value),
                    f"Efisiensi (Mahsun) = realisasi belanja langsung / realisasi seluruh belanja × 100 = "
                    f"{fmt(direct_real)} / {fmt(total_real)} × 100 = {fmt(expected.value)} "
                    f"({expected.category}).{why}",
                )


_LIST_ITEM = re.compile(r"^\W{0,3}(?:\d{1,2}\)|[a-z]\.)\s+(?P<name>[A-Z][^.;:]{6,180})$")


def _name_key(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", " ", re.sub(r"^\W*(program|kegiatan|sub kegiatan)\s*:?\s*", "", text.casefold())).strip()


def check_prose_lists(raw: RawDocument, tables: list[Table]) -> Iterable[Finding]:
    """A list in the text naming programs/kegiatan/sub kegiatan (``1) Penyediaan Sandang``)
    next to a plan table: the names the table does not fund are reported."""
    funded: set[str] = set()
    for table in tables:
        if table.kind not in ("plan_forecast", "funding", "budget_realisation"):
            continue
        money = [c.index for c in table.columns if c.role == "money"]
        for row in table.rows:
            if row.code is not None and any(row.value(i) for i in money):
                funded.add(_name_key(row.label))
    if len(funded) < 5:
        return
    groups: list[list[tuple[Paragraph, str]]] = []
    last_line = -10
    for para in raw.prose:
        m = _LIST_ITEM.match(para.text)
        if not m:
            continue
        if para.line - last_line > 3 or not groups:
            groups.append([])
        groups[-1].append((para, m.group("name")))
        last_line = para.line
    for group in groups:
        keys = [(p, name, _name_key(name)) for p, name in group]
        known = [k for k in keys if k[2] in funded]
        if len(group) < 4 or len(known) < 0.5 * len(group):
            continue
        for para, name, key in keys:
            if key in funded:
                continue
            yield Finding(
                "prose_subactivity", WARNING, "(teks)", name[:70], "", name[:70], "",
                f"Teks mencantumkan '{name[:80]}', tetapi tabel rencana/anggaran tidak memberinya pagu.",
                f"baris {para.line}" if para.line else "",
            )


def check_target_conflicts(tables: list[Table], year: int | None) -> Iterable[Finding]:
    """The same indicator with different targets for the same year in two tables."""
    seen: dict[tuple[str, int], list[tuple[Table, Row, Column, Value]]] = defaultdict(list)
    for table in tables:
        if table.kind in ("renja_evaluation", "budget_realisation", "funding", "scale"):
            continue
        if re.search(r"\bkemen|\bkementerian|provinsi|nasional|\bdinas pemberdayaan perempuan pe", table.raw.caption, re.I):
            continue  # another body's indicators, not the agency's
        caption_years = {int(y) for y in re.findall(r"\b(20\d\d)\b", table.raw.caption)}
        for col in table.by_role("target"):
            if re.search(r"capaian|realisasi", norm(col.header)):
                continue
            col_year = col.year or (next(iter(caption_years)) if len(caption_years) == 1 else None)
            if col_year is None:
                continue
            for row in table.rows:
                name = row.indicator
                value = row.values.get(col.index)
                if not name or value is None or value.value is None:
                    continue
                key = _name_key(name)[:80]
                if row.code is not None:
                    key = f"{row.code.canonical} {key}"  # names repeat under other codes
                if len(key) >= 10:
                    seen[(key, col_year)].append((table, row, col, value))
    for (_key, target_year), entries in seen.items():
        tables_seen = {t.name for t, _, _, _ in entries}
        values = Counter(v.value for _, _, _, v in entries)
        if len(tables_seen) < 2 or len(values) < 2:
            continue
        common, _ = values.most_common(1)[0]
        for table, row, col, value in entries:
            if value.value == common:
                continue
            others = sorted({t.name for t, _, _, v in entries if v.value == common})
            yield _finding(
                table, row, col, "target_conflict", "warning", value.text, fmt(common),
                f"Target {target_year} indikator ini tercetak {value.text} di sini, tetapi {fmt(common)} "
                f"di {', '.join(others)}.",
            )


# --------------------------------------------------------------------------------------
# Entry point
# --------------------------------------------------------------------------------------

def check_number_forms(table: Table) -> Iterable[Finding]:
    """Numbers printed in a doubtful form (``245.000,000``) and money cells that are not
    numbers at all (``htb``, ``391.808.9722``)."""
    reported = 0
    for row in table.rows:
        for col in table.columns:
            v = row.values.get(col.index)
            if v is None or reported >= 20:
                continue
            if col.role == "money" and v.value is not None and v.value != v.value.to_integral_value():
                reported += 1
                yield _finding(
                    table, row, col, "number_format", "warning", v.text, "",
                    "Angka uang terbaca berdesimal: pemisah ribuan salah tulis? (rupiah adalah bilangan bulat)",
                )
            elif v.warnings and v.value is not None and col.role == "money":
                reported += 1
                yield _finding(
                    table, row, col, "number_format", "warning", v.text, fmt(v.value),
                    f"Angka ditulis tidak lazim: {'; '.join(v.warnings)}.",
                )
            elif (
                col.role == "money"
                and v.missing == "bukan angka"
                and (re.search(r"\d", v.text) or re.fullmatch(r"[A-Za-z]{2,5}", v.text.strip()))
                and v.text.strip().casefold() not in ("rp", "idr", "rp.")
            ):
                reported += 1
                yield _finding(
                    table, row, col, "number_format", "warning", v.text, "",
                    "Sel di kolom uang tidak berisi angka yang dapat dibaca.",
                )


# What a program left in a cell instead of a figure: a spreadsheet error (``#DIV/0!``, ``#REF!``)
# or a web form's empty value (``undefined``, ``NaN``, ``null``, ``[object Object]``).
_SPREADSHEET_ERROR = re.compile(r"#(?:DIV/0!?|REF!|VALUE!|N/A|NAME\?|NUM!|NULL!|SPILL!|CALC!)", re.I)
SOFTWARE_WORD = re.compile(r"(?<![\w#])(?:undefined|NaN|null|\[object Object\])(?![\w])")


def check_artefacts(table: Table) -> Iterable[Finding]:
    """Cells holding a spreadsheet error or a program's placeholder word: the figure (or
    level) was never computed or typed, and a reader cannot tell what was meant."""
    columns = {c.index: c for c in table.columns}
    reported = 0
    for row in table.rows:
        for i, text in enumerate(row.raw.cells):
            if reported >= 20 or not text:
                continue
            error = _SPREADSHEET_ERROR.search(text)
            word = None if error else SOFTWARE_WORD.search(text)
            if not (error or word):
                continue
            reported += 1
            if error:
                yield _finding(
                    table, row, columns.get(i), "spreadsheet_error", "error", text.strip(),
                    "angka, atau keterangan mengapa tidak ada",
                    f"Sel berisi galat spreadsheet {error.group(0)}: angkanya tidak pernah "
                    "terhitung (mis. pembagian dengan nol); tulis angkanya atau alasan tidak adanya.",
                )
            else:
                assert word is not None
                yield _finding(
                    table, row, columns.get(i), "software_artefact", "warning", text.strip(), "",
                    f"Sel berisi kata '{word.group(0)}' yang ditinggalkan aplikasi (isian kosong "
                    "pada formulir web/spreadsheet), bukan isi dokumen; periksa nilai aslinya.",
                )


def check_renja_plausibility(table: Table) -> Iterable[Finding]:
    """In a T-C.29 table (``10=(5+7+9)``, ``11=(10/4)``): the realisation up to n-3 (first
    term of the sum) already above the Renstra end target (the divisor) for a count."""
    for index, formula in table.formulas.items():
        if "+" not in formula:
            continue
        first = table.column_by_number(formula.split("+", 1)[0])
        number = table.columns[index].number.split("=")[0].strip("() ")
        ratio = next((f for f in table.formulas.values() if "/" in f and f.split("/", 1)[0] == number), None)
        end = table.column_by_number(ratio.split("/", 1)[1]) if ratio else None
        if first is None or end is None:
            continue
        for row in table.rows:
            a, t = row.value(first.index), row.value(end.index)
            if a is None or not t or is_level_indicator(row.indicator or row.label):
                continue
            if a > t:
                yield _finding(
                    table, row, first, "realised_above_end_target", "warning", fmt(a), f"≤ {fmt(t)}",
                    f"Realisasi sampai tahun n-3 ({fmt(a)}) sudah melebihi target akhir Renstra ({fmt(t)}).",
                )


def _total_means(table: Table, row: Row, rows: list[Row], means: list[Row]) -> Iterable[Finding]:
    """A total row's percentage: it must be a mean of something printed above (the top
    rows, the sub rows, all numbered rows or the block means); otherwise it cannot be
    reproduced."""
    outlined = [(r, _OUTLINE.match(r.cells[0] if r.cells else "")) for r in rows]
    groups = {
        "baris utama": [r for r, m in outlined if m and not m.group(2)],
        "baris rinci": [r for r, m in outlined if m and m.group(2)],
        "semua baris bernomor": [r for r, m in outlined if m],
        "baris rata-rata": means,
    }
    if any(c.role == "money" for c in table.columns):
        return  # percentages of money totals are ratios of the totals (check_money_percent)
    for col in table.columns:
        if col.role != "percent" or not re.search(r"capaian|kinerja|output", norm(col.header)):
            continue
        stated = row.values.get(col.index)
        if stated is None or stated.value is None:
            continue
        candidates = []
        for name, members in groups.items():
            present = [v for v in (r.value(col.index) for r in members) if v is not None]
            expected = aggregate(present, Aggregation.MEAN) if present else None
            if expected is not None:
                candidates.append((name, expected))
        if not candidates:
            continue
        table.checked += 1
        if not any(agrees(stated, value, slack=1) for _, value in candidates):
            listing = "; ".join(f"{name} {fmt(value)}" for name, value in candidates)
            yield _finding(
                table, row, col, "mean", "warning", stated.text, fmt(candidates[0][1]),
                f"Angka baris jumlah tidak dapat dihasilkan kembali dari baris di atasnya (rata-rata {listing}).",
            )


def check_means(table: Table) -> Iterable[Finding]:
    """Rows labelled ``Rata-rata …``: the mean of the rows of their block; a total row's
    percentage: a mean of the rows above."""
    block: list[Row] = []
    everything: list[Row] = []
    means: list[Row] = []
    for row in table.rows:
        label = next((c for c in row.cells[:3] if c.strip()), "")
        if not _MEAN_LABEL.match(label):
            if row.is_total:
                if any(_OUTLINE.match(r.cells[0] if r.cells else "") for r in everything):
                    yield from _total_means(table, row, everything, means)
                block, everything, means = [], [], []
            else:
                block.append(row)
                everything.append(row)
            continue
        means.append(row)
        members = block
        outlined = [(r, _OUTLINE.match(r.cells[0] if r.cells else "")) for r in members]
        subs = [r for r, m in outlined if m and m.group(2)]
        members = subs or members
        block = []
        for col in table.columns:
            if col.role != "percent":
                continue
            stated = row.values.get(col.index)
            values = [r.value(col.index) for r in members]
            present = [v for v in values if v is not None]
            if stated is None or stated.value is None or not present:
                continue
            expected = aggregate(present, Aggregation.MEAN)
            if expected is None:
                continue
            table.checked += 1
            if not agrees(stated, expected, slack=1):
                yield _finding(
                    table, row, col, "mean", "error", stated.text, fmt(expected),
                    f"Rata-rata {len(present)} baris di atasnya = {fmt(expected)}, tercetak {stated.text}.",
                )


TABLE_CHECKS = (
    check_cell_formulas,
    check_number_forms,
    check_artefacts,
    check_renja_plausibility,
    check_means,
    check_formulas,
    check_hierarchy,
    check_parent_range,
    check_named_hierarchy,
    check_totals,
    check_money_percent,
    check_achievements,
    check_pathological_printed,
    check_money_targets,
)


def check_document(raw: RawDocument) -> Report:
    tables = [recognise(t) for t in raw.tables]
    year, kind = _doc_year_kind(raw)
    findings: list[Finding] = []
    for table in tables:
        for check in TABLE_CHECKS:
            findings.extend(check(table))
    findings.extend(check_efficiency(tables, year))
    findings.extend(check_target_conflicts(tables, year))
    findings.extend(check_codes(tables))
    findings.extend(check_table_numbers(tables))
    findings.extend(check_years(raw, tables, year, kind))
    findings.extend(check_prose_counts(raw, tables, kind))
    findings.extend(check_prose_lists(raw, tables))
    findings = _dedupe(findings)
    return Report(raw.path, raw.format, year, kind, tables, findings, raw.prose)


def _dedupe(findings: list[Finding]) -> list[Finding]:
    seen = set()
    out = []
    for f in findings:
        key = (f.rule, f.table, f.row, f.column, f.where)
        if key in seen:
            continue
        seen.add(key)
        out.append(f)
    return out
