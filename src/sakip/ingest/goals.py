"""Goals (tujuan), objectives (sasaran) and their indicators, read from what `sakip check`
recognised: the strategic plan's facts of a document (pure: no database).

One table gives the structure: the first table whose rows name tujuan and sasaran with an
indicator (the IKU table of an LKjIP, the goals table of a Renstra or Renja). Every other
table about the same indicators (achievement tables, comparisons with last year, the series
since the Renstra baseline, the Perjanjian Kinerja) is matched to them by the indicator's
name and adds targets and realisations per year. When tables disagree the value most of them
print is kept (ties: the multi-year series, then the first printed) and the disagreement is
noted. Printed achievements, averages, predikat and differences are never read here: they are
derived again from these facts.

Polarity and target kind are inferred as the checks infer them
(:func:`sakip.ingest.recognise.infer_polarity`, ordinal levels of
:data:`sakip.rules.achievement.ORDINAL_SCALES`).
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from decimal import Decimal

from sakip.ingest.recognise import Row, Table, count_head, infer_polarity, norm
from sakip.rules.achievement import ORDINAL_SCALES, Polarity, TargetKind, parse_range
from sakip.rules.numbers import NumberFormatError, format_value

_CANDIDATE_KINDS = ("goals", "iku_achievement", "multi_year")
# tables about money, scales and scores never hold an indicator's target or realisation
_NOT_INDICATOR_KINDS = (
    "budget_realisation", "funding", "plan_forecast", "renja_evaluation", "renja_review",
    "proposals", "spm", "efficiency", "effectiveness", "sakip_score", "scale",
)
_OTHER_BODY = re.compile(r"\bkemen|\bkementerian|provinsi|nasional", re.I)
_CASCADE = re.compile(r"program|kegiatan")
_PREFIX = re.compile(
    r"^\W*(?P<level>tujuan\s*(?:&|dan|/)\s*(?:sasaran)?|tujuan|sasaran)(?:\s+strategis)?"
    r"\s*(?:\d{1,2}\b)?\s*[:.]?\s*",
    re.I,
)
_OUTLINE3 = re.compile(r"^\s*(\d{1,2})\s*\.\s*(\d{1,2})\s*\.\s*(\d{1,2})\s*\.?\s*$")
_OUTLINE1 = re.compile(r"^\s*(\d{1,2})\s*\.?\s*$")
_LEADING_OUTLINE = re.compile(r"^\s*\d{1,2}(\s*\.\s*\d{1,2}){0,2}\s*\.?\s+")
_PERIOD = re.compile(
    r"\b(?:renstra|rencana strategis)\b[^.\n]{0,120}?\b(20\d\d)\s*(?:-|–|—|s\.?\s*d\.?|sampai)\s*(20\d\d)\b",
    re.I,
)
_SPAN = re.compile(r"\b(20\d\d)\s*(?:-|–|—|s\.?\s*d\.?)\s*(20\d\d)\b")
_NEGATIVE = re.compile(r"indikator\s+negati", re.I)
_CHANGE = re.compile(r"penurunan|kenaikan|pertumbuhan|perubahan|peningkatan", re.I)
_DERIVED = re.compile(r"capaian|selisih|perubahan|kenaikan|penurunan|rata")
_LEVEL_TEXT = re.compile(r"^[A-Za-z][A-Za-z ]{0,39}$")


@dataclass(frozen=True)
class Fact:
    """A target or realisation as stored: a number, a level, or a range (value–upper)."""

    value: Decimal | None = None
    level: str = ""
    upper: Decimal | None = None

    def show(self) -> str:
        if self.level:
            return self.level
        if self.upper is not None:
            return f"{format_value(self.value)}–{format_value(self.upper)}"
        return format_value(self.value)


@dataclass
class GoalItem:
    number: str
    statement: str


@dataclass
class ObjectiveItem:
    number: str
    goal: str  # the goal's number
    statement: str


@dataclass
class IndicatorItem:
    subject: str  # "goal" or "objective"
    parent: str  # number of the goal or objective
    name: str
    number: str = ""
    unit: str = ""
    formula: str = ""
    polarity: Polarity = Polarity.HIGHER_IS_BETTER
    target_kind: TargetKind = TargetKind.NUMBER
    ordinal_scale: str = ""
    percentage_change: bool = False
    aggregation: str = "last"
    targets: dict[int, Fact] = field(default_factory=dict)
    realisations: dict[int, Fact] = field(default_factory=dict)
    baseline_year: int | None = None
    baseline: Fact | None = None
    end_target: Fact | None = None
    is_key: bool = True
    # what a hand-kept data set (the demo) also knows; a document import leaves them empty
    numerator_label: str = ""
    denominator_label: str = ""
    multiplier: Decimal | None = None
    data_source: str = ""
    realisation_notes: dict[int, str] = field(default_factory=dict)
    operands: dict[int, tuple[Decimal | None, Decimal | None]] = field(default_factory=dict)

    @property
    def key(self) -> str:
        return f"{self.subject} {self.number or self.name}"


@dataclass
class StrategyPlan:
    """What a document says about the strategic plan covering the year."""

    period: tuple[int, int] | None
    source: str  # the table giving the structure
    goals: list[GoalItem] = field(default_factory=list)
    objectives: list[ObjectiveItem] = field(default_factory=list)
    indicators: list[IndicatorItem] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    @property
    def renstra_name(self) -> str:
        if self.period is None:
            return ""
        return f"Renstra {self.period[0]}–{self.period[1]}"


def name_key(text: str) -> str:
    """An indicator's or statement's name for matching: lower case, words only."""
    return " ".join(re.findall(r"[a-z0-9]+", norm(text)))


_SPELLING = {"percentase": "persentase", "prosentase": "persentase", "presentase": "persentase", "ratio": "rasio"}


def _tokens(text: str) -> set[str]:
    return {_SPELLING.get(w, w) for w in name_key(text).split() if len(w) > 1 or w.isdigit()}


def similarity(a: str, b: str) -> float:
    """Half containment, half Jaccard of the words: ``Persentase penanganan PMKS`` is close
    to ``Persentase penanganan PMKS yang tertangani …``, far from ``… penurunan PMKS``."""
    ta, tb = _tokens(a), _tokens(b)
    if not ta or not tb:
        return 0.0
    common = len(ta & tb)
    return 0.5 * common / min(len(ta), len(tb)) + 0.5 * common / len(ta | tb)


# --------------------------------------------------------------------------------------
# Rows: level words, statements, indicator names
# --------------------------------------------------------------------------------------


def _strip_prefix(text: str) -> tuple[str, str]:
    """``Sasaran Strategis : Meningkatnya …`` → ("sasaran", "Meningkatnya …");
    ``Tujuan & Sasaran …`` → ("both", …); no level word → ("", text)."""
    text = _LEADING_OUTLINE.sub("", text.strip())
    m = _PREFIX.match(text)
    if not m:
        return "", text.strip()
    word = norm(m.group("level"))
    level = "both" if "sasaran" in word and "tujuan" in word else ("goal" if "tujuan" in word else "objective")
    if word.startswith("tujuan") and re.match(r"tujuan\s*(&|dan|/)", word):
        level = "both"
    return level, text[m.end():].strip()


def _column(table: Table, pattern: str, roles: tuple[str, ...] = ("name",)) -> int | None:
    for c in table.columns:
        if c.role in roles and re.search(pattern, norm(c.header)):
            return c.index
    return None


def _indicator_columns(table: Table) -> list[int]:
    return [c.index for c in table.columns if c.role == "indicator" or "indikator" in norm(c.header)]


def _indicator_text(table: Table, row: Row) -> tuple[str, str]:
    """(level word, indicator name) of a row; the name may sit in a column headed
    ``Indikator Kinerja Satuan`` (with the unit appended) or after ``Tujuan :``. With an
    indicator column per level (tujuan, sasaran) the figures of a row belong to its most
    detailed indicator: the last one printed."""
    texts = [row.cells[i].strip() for i in _indicator_columns(table) if i < len(row.cells)]
    text = next((t for t in reversed(texts) if t), "")
    level, name = _strip_prefix(text)
    name = re.sub(r"\s+(%|persen)$", "", name).strip()
    if not level:
        label_level, _ = _strip_prefix(row.label)
        level = label_level
    return level, name


def _excluded(table: Table) -> bool:
    if _OTHER_BODY.search(table.raw.caption):
        return True
    return any(c.role in ("name", "indicator") and _CASCADE.search(norm(c.header)) for c in table.columns)


# --------------------------------------------------------------------------------------
# The structure table
# --------------------------------------------------------------------------------------


def _structure(table: Table) -> StrategyPlan | None:
    goal_col = _column(table, r"^tujuan\b(?!.*sasaran)")
    objective_col = _column(table, r"^sasaran\b")
    # an indicator column per level ("Indikator Kinerja Tujuan", "Indikator Kinerja Sasaran")
    level_cols = {
        level: next((i for i in _indicator_columns(table) if re.search(word, norm(table.columns[i].header))), None)
        for level, word in (("goal", r"tujuan"), ("objective", r"sasaran"))
    }
    plan = StrategyPlan(None, table.name)
    goal: GoalItem | None = None
    objective: ObjectiveItem | None = None
    pending = ""
    for row in table.rows:
        if row.is_total:
            continue
        _, indicator = _indicator_text(table, row)
        statements: list[tuple[str, str]] = []
        if goal_col is not None and objective_col is not None:
            for level, col in (("goal", goal_col), ("objective", objective_col)):
                text = row.cells[col].strip() if col < len(row.cells) else ""
                if text and re.search(r"[A-Za-z]{3,}", text):
                    statements.append((level, _strip_prefix(text)[1]))
        else:
            level, statement = _strip_prefix(row.label)
            if level and not statement and not indicator:
                pending = level
                continue
            level = level or pending
            pending = ""
            if not level or not re.search(r"[A-Za-z]{3,}", statement):
                continue
            if level == "both":
                statements = [("goal", statement), ("objective", statement)]
            else:
                statements = [(level, statement)]
        if not statements:
            if indicator and (objective or goal):
                subject, parent = ("objective", objective.number) if objective else ("goal", goal.number)  # type: ignore[union-attr]
                plan.indicators.append(IndicatorItem(subject, parent, indicator))
            continue
        for level, statement in statements:
            own = level_cols[level]
            if own is not None and level_cols["goal"] != level_cols["objective"]:
                indicator = _strip_prefix(row.cells[own])[1] if own < len(row.cells) else ""
            if level == "goal":
                number = _goal_number(row) or str(len(plan.goals) + 1)
                if any(g.number == number for g in plan.goals):
                    number = str(len(plan.goals) + 1)
                goal = GoalItem(number, statement)
                plan.goals.append(goal)
                objective = None
                if indicator:
                    plan.indicators.append(IndicatorItem("goal", goal.number, indicator))
            else:
                if goal is None:
                    goal = GoalItem("1", statement)
                    plan.goals.append(goal)
                siblings = sum(1 for o in plan.objectives if o.goal == goal.number)
                objective = ObjectiveItem(f"{goal.number}.{siblings + 1}", goal.number, statement)
                plan.objectives.append(objective)
                if indicator:
                    plan.indicators.append(IndicatorItem("objective", objective.number, indicator))
    if not plan.goals or not plan.indicators:
        return None
    return plan


def _goal_number(row: Row) -> str:
    first = next((c for c in row.cells if c.strip()), "")
    m = _OUTLINE1.match(first)
    return m.group(1) if m else ""


# --------------------------------------------------------------------------------------
# Values of the indicators in every table about them
# --------------------------------------------------------------------------------------


@dataclass
class _Seen:
    """Values printed for one indicator, with the tables that printed them."""

    targets: dict[int, list[tuple[Fact, Table]]] = field(default_factory=dict)
    realisations: dict[int, list[tuple[Fact, Table]]] = field(default_factory=dict)
    baseline: list[tuple[int, Fact, Table]] = field(default_factory=list)
    end_target: list[tuple[Fact, Table]] = field(default_factory=list)
    numbers: list[str] = field(default_factory=list)
    units: list[str] = field(default_factory=list)
    formulas: list[str] = field(default_factory=list)
    rows: int = 0
    negative_rows: int = 0


def _match(item_names: list[tuple[IndicatorItem, str]], level: str, name: str) -> list[IndicatorItem]:
    scored = [(similarity(name, known), item) for item, known in item_names]
    if not scored:
        return []
    best = max(s for s, _ in scored)
    if best < 0.6:
        return []
    tied = [item for s, item in scored if s >= best - 1e-9]
    if level in ("goal", "objective"):
        same = [i for i in tied if i.subject == level]
        tied = same or tied
    if level != "both" and len({i.subject for i in tied}) > 1:
        # identical names under a goal and an objective, no level word: both printed once
        return tied
    return tied


def _ranks(text: str) -> bool:
    return any(s.rank(text) for s in ORDINAL_SCALES.values())


def _fact(row: Row, index: int) -> Fact | None:
    value = row.values.get(index)
    text = row.cells[index].strip() if index < len(row.cells) else ""
    # a score with its level, "74.91 (BB)" / "BB (74,91)": the level is the target
    paren = re.search(r"\(\s*([A-Za-z]{1,12})\s*\)", text)
    if paren and _ranks(paren.group(1)):
        return Fact(None, paren.group(1))
    lead = re.match(r"^([A-Za-z]{1,12})\s*\(\s*\d", text)
    if lead and _ranks(lead.group(1)):
        return Fact(None, lead.group(1))
    if value is not None and value.value is not None:
        if re.search(r"\d\s*(-|–|s\.?\s*d\.?|s/d)\s*\d", text) and not text.startswith("-"):
            try:
                low, high = parse_range(text)
            except NumberFormatError:
                pass
            else:
                return Fact(low, "", high)
        return Fact(value.value)
    if text and _LEVEL_TEXT.match(text) and _ranks(text):
        return Fact(None, text.strip())
    return None


def _unit(row: Row, index: int) -> str:
    value = row.values.get(index)
    if value is None or value.value is None:
        return ""
    unit = value.unit.strip()
    if not unit or unit.startswith("(") or len(unit) > 30:
        return ""
    return unit


def _collect(table: Table, items: list[IndicatorItem], seen: dict[int, _Seen]) -> None:
    names = [(item, item.name) for item in items]
    targets = [c for c in table.by_role("target") if not re.search(r"capaian|akhir", norm(c.header))]
    ends = [c for c in table.by_role("target") if "akhir" in norm(c.header) and "capaian" not in norm(c.header)]
    reals = [c for c in table.by_role("realisation") if not _DERIVED.search(norm(c.header))]
    bases = [c for c in table.columns if re.search(r"data awal|kondisi awal|baseline", norm(c.header)) and c.year]
    unit_col = next((c.index for c in table.columns if c.role == "unit" and norm(c.header) == "satuan"), None)
    formula_col = _column(table, r"rumus|formula", ("text", "name"))
    caption_years = {int(y) for y in re.findall(r"\b(20\d\d)\b", table.raw.caption)}
    pending = ""
    for row in table.rows:
        if row.is_total:
            continue
        level, name = _indicator_text(table, row)
        if not name or not re.search(r"[A-Za-z]{3,}", name):
            label_level, statement = _strip_prefix(row.label)
            if label_level and not statement:
                pending = label_level
            continue
        level = level or pending
        pending = ""
        matched = _match(names, level, name)
        for item in matched:
            s = seen.setdefault(id(item), _Seen())
            s.rows += 1
            if _NEGATIVE.search(" ".join(row.cells)):
                s.negative_rows += 1
            for col in targets:
                year = col.year or (next(iter(caption_years)) if len(caption_years) == 1 else None)
                fact = _fact(row, col.index)
                if year is not None and fact is not None:
                    s.targets.setdefault(year, []).append((fact, table))
                    if unit := _unit(row, col.index):
                        s.units.append(unit)
            for col in reals:
                year = col.year or (next(iter(caption_years)) if len(caption_years) == 1 else None)
                fact = _fact(row, col.index)
                if year is not None and fact is not None:
                    s.realisations.setdefault(year, []).append((fact, table))
                    if unit := _unit(row, col.index):
                        s.units.append(unit)
            for col in ends:
                fact = _fact(row, col.index)
                if fact is not None:
                    s.end_target.append((fact, table))
            for col in bases:
                fact = _fact(row, col.index)
                if fact is not None and col.year is not None:
                    s.baseline.append((col.year, fact, table))
            if unit_col is not None and row.cells[unit_col].strip() not in ("", "-"):
                s.units.append(row.cells[unit_col].strip())
            if formula_col is not None and row.cells[formula_col].strip():
                s.formulas.append(row.cells[formula_col].strip())
            if len(matched) == 1:
                first = next((c for c in row.cells if c.strip()), "")
                m = _OUTLINE3.match(first)
                if m:
                    s.numbers.append(".".join(m.groups()))


def _pick(entries: list[tuple[Fact, Table]], what: str, notes: list[str]) -> Fact:
    """The value most tables print; ties go to the multi-year series, then the first."""
    counts = Counter(f for f, _ in entries)
    best = max(counts.values())
    tied = [f for f, _ in entries if counts[f] == best]
    series = [f for f, t in entries if counts[f] == best and t.kind == "multi_year"]
    chosen = series[0] if series else tied[0]
    if len(counts) > 1:
        others = "; ".join(
            f"{f.show()} di {', '.join(sorted({t.name for g, t in entries if g == f}))}"
            for f in counts if f != chosen
        )
        where = ", ".join(sorted({t.name for f, t in entries if f == chosen}))
        notes.append(f"{what}: dipakai {chosen.show()} ({where}); juga tercetak {others}")
    return chosen


def _scale(item: IndicatorItem, levels: list[str]) -> str:
    text = norm(item.name)
    named = [key for key, s in ORDINAL_SCALES.items() if re.search(rf"\b{key}\b", text) or norm(s.name) in text]
    fitting = [key for key, s in ORDINAL_SCALES.items() if all(s.rank(level) for level in levels)]
    for key in named:
        if key in fitting:
            return key
    return fitting[0] if fitting else ""


def _unit_from_formula(formula: str) -> str:
    m = re.search(r"[x×]\s*(\d{1,3}(?:\.\d{3})+|\d+)\s*(%?)\s*\)?\s*$", formula.strip())
    if not m:
        return ""
    if m.group(2) or m.group(1) == "100":
        return "%"
    return f"per {m.group(1)}"


def _finish(item: IndicatorItem, s: _Seen, notes: list[str]) -> None:
    what = f"indikator '{item.name[:60]}'"
    for year, entries in sorted(s.targets.items()):
        item.targets[year] = _pick(entries, f"{what} target {year}", notes)
    for year, entries in sorted(s.realisations.items()):
        item.realisations[year] = _pick(entries, f"{what} realisasi {year}", notes)
    if s.end_target:
        item.end_target = _pick(s.end_target, f"{what} target akhir", notes)
    if s.baseline:
        year = Counter(y for y, _, _ in s.baseline).most_common(1)[0][0]
        item.baseline_year = year
        item.baseline = _pick([(f, t) for y, f, t in s.baseline if y == year], f"{what} data awal", notes)
    facts = list(item.targets.values()) + list(item.realisations.values())
    levels = [f.level for f in facts if f.level]
    if levels and not any(f.value is not None for f in facts):
        scale = _scale(item, levels)
        if scale:
            item.target_kind, item.ordinal_scale = TargetKind.ORDINAL, scale
    elif any(f.upper is not None for f in item.targets.values()):
        item.target_kind = TargetKind.RANGE
    # polarity as the checks infer it; "indikator negatif" printed on most of its rows
    polarity = infer_polarity(item.name)
    if s.rows and 2 * s.negative_rows > s.rows:
        polarity = Polarity.LOWER_IS_BETTER
    item.polarity = polarity
    item.percentage_change = bool(_CHANGE.search(item.name)) and item.target_kind is TargetKind.NUMBER
    item.aggregation = "sum" if count_head(item.name) else "last"
    if s.formulas:
        item.formula = Counter(s.formulas).most_common(1)[0][0][:2000]
    # a formula "… x 10.000" says more than a Satuan column printing "%"
    per = _unit_from_formula(item.formula) if item.formula else ""
    units = Counter(u for u in s.units if u)
    if per.startswith("per "):
        item.unit = per
    elif units:
        item.unit = units.most_common(1)[0][0][:60]
    else:
        item.unit = per
    if not item.unit and item.target_kind is TargetKind.ORDINAL:
        item.unit = "level"
    if s.numbers:
        item.number = Counter(s.numbers).most_common(1)[0][0]


def build_strategy(tables: list[Table], year: int, texts: list[str]) -> StrategyPlan | None:
    """Goals, objectives and indicators of the strategic plan a document describes, with
    targets and realisations per year; None when the document has no such table."""
    candidates = [
        t for t in tables
        if t.kind not in _NOT_INDICATOR_KINDS and not _excluded(t)
        and any(c.role in ("target", "realisation") for c in t.columns)
    ]
    ordered = sorted(
        (t for t in candidates if t.kind in _CANDIDATE_KINDS), key=lambda t: (t.kind != "goals", t.raw.index)
    )
    plan = None
    for structure in ordered:
        plan = _structure(structure)
        if plan is not None:
            break
    if plan is None:
        return None
    seen: dict[int, _Seen] = {}
    for table in candidates:
        _collect(table, plan.indicators, seen)
    for item in plan.indicators:
        _finish(item, seen.get(id(item), _Seen()), plan.notes)
    _number(plan)
    plan.period = renstra_period(texts, year)
    if plan.period is None:
        # "Tujuan dan Sasaran … Tahun 2024-2026": the goals table's own period
        span = _SPAN.search(structure.raw.caption)
        if span and int(span.group(1)) <= year <= int(span.group(2)) <= int(span.group(1)) + 10:
            plan.period = (int(span.group(1)), int(span.group(2)))
            plan.notes.append(f"periode Renstra {span.group(1)}–{span.group(2)} dari judul {structure.name}")
    return plan


def renstra_period(texts: list[str], year: int) -> tuple[int, int] | None:
    """The Renstra period covering ``year`` the document names most often
    (``Renstra Perangkat Daerah Tahun 2024-2026``), or None."""
    periods = Counter(
        (int(a), int(b))
        for text in texts
        for a, b in _PERIOD.findall(text)
        if int(a) <= year <= int(b) and int(b) - int(a) <= 10
    )
    return periods.most_common(1)[0][0] if periods else None


def _number(plan: StrategyPlan) -> None:
    """Indicators numbered as the document prints them (``1.1.2``) when that number fits
    the indicator's goal and is not taken; otherwise after their goal or objective."""
    taken: set[str] = set()
    goal_of = {o.number: o.goal for o in plan.objectives}
    for item in plan.indicators:
        goal = item.parent if item.subject == "goal" else goal_of.get(item.parent, "")
        if item.number and item.number.split(".")[0] == goal and item.number not in taken:
            taken.add(item.number)
        else:
            item.number = ""
    for item in plan.indicators:
        if item.number:
            continue
        k = 1
        while f"{item.parent}.{k}" in taken:
            k += 1
        item.number = f"{item.parent}.{k}"
        taken.add(item.number)
