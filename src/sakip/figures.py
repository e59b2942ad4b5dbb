"""The headline tables of an agency-year, computed by the rules from a loaded dataset.

The dashboard, the JSON API, the `sakip figures` command and the documents read these rows;
none of them computes a figure of its own. Every value here is derived on demand from the
facts in an `AgencyYear` (sakip.dataset) through sakip.rules.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from decimal import Decimal

from sakip.dataset import AgencyYear, IndicatorData, LineData
from sakip.rules import averages, budget, scales
from sakip.rules.achievement import Achievement
from sakip.rules.budget import Ratio
from sakip.rules.numbers import Score, format_value


def achievement_scale(ay: AgencyYear) -> scales.Scale:
    """The category scale the region's LKjIP uses (RULES.md §5)."""
    return scales.SCALES[ay.settings.achievement_scale.replace("_", "-")]


def show(value: Decimal | str | Score | None) -> str:
    if value is None or value == "":
        return "—"
    if isinstance(value, Score):
        return value.text
    if isinstance(value, str):
        return value
    return format_value(value)


@dataclass(frozen=True)
class IndicatorRow:
    """One IKU/PK line: the indicator with its target, realisation and achievement."""

    level: str  # "Tujuan" or "Sasaran"
    number: str
    statement: str
    indicator: IndicatorData
    target: Decimal | str | Score | None
    realisation: Decimal | str | Score | None
    achievement: Achievement
    predikat: str
    category: str

    @property
    def target_display(self) -> str:
        return show(self.target)

    @property
    def realisation_display(self) -> str:
        return show(self.realisation) if self.realisation is not None else "belum ada realisasi"


def indicator_row(
    ay: AgencyYear, ind: IndicatorData, level: str, number: str, statement: str
) -> IndicatorRow:
    target = ind.target(ay.year)
    result = ind.achievement(ay.year, ay.settings)
    rounded = result.rounded
    return IndicatorRow(
        level=level,
        number=number,
        statement=statement,
        indicator=ind,
        target=target.as_rule_input if target else None,
        realisation=ind.realised(ay.year),
        achievement=result,
        predikat=scales.predikat(rounded) if rounded is not None else "",
        category=scales.category(achievement_scale(ay), rounded) if rounded is not None else "",
    )


def key_indicator_rows(ay: AgencyYear) -> list[IndicatorRow]:
    """IKU of the year's strategic plan, goal by goal, objective by objective."""
    plan = ay.strategic_plan
    if plan is None:
        return []
    rows: list[IndicatorRow] = []
    for goal in plan.goals:
        for ind in goal.indicators:
            if ind.is_key:
                rows.append(indicator_row(ay, ind, "Tujuan", goal.number, goal.statement))
        for obj in goal.objectives:
            for ind in obj.indicators:
                if ind.is_key:
                    rows.append(indicator_row(ay, ind, "Sasaran", obj.number, obj.statement))
    return rows


@dataclass(frozen=True)
class IndicatorSummary:
    rows: list[IndicatorRow]
    mean: averages.Mean
    by_predikat: dict[str, int] = field(default_factory=dict)
    undefined: list[IndicatorRow] = field(default_factory=list)


def indicator_summary(ay: AgencyYear, rows: list[IndicatorRow] | None = None) -> IndicatorSummary:
    """Mean achievement (pathological and undefined indicators named and left out) and the
    count of indicators per predikat (RULES.md §4–§5)."""
    rows = key_indicator_rows(ay) if rows is None else rows
    mean = averages.mean_achievement(
        ((f"{r.indicator.name} ({r.level} {r.number})", r.achievement) for r in rows),
        cap=ay.settings.average_cap,
    )
    counts = Counter(r.predikat for r in rows if r.predikat)
    order = [band.label for band in scales.PREDIKAT.bands]
    return IndicatorSummary(
        rows=rows,
        mean=mean,
        by_predikat={label: counts[label] for label in order if counts[label]},
        undefined=[r for r in rows if r.achievement.rounded is None],
    )


@dataclass(frozen=True)
class BudgetRow:
    """Money of one program/kegiatan/sub kegiatan: budget of record, realisation, absorption."""

    line: LineData | None  # None for the total row
    code: str
    name: str
    level: int  # 3 program, 4 kegiatan, 5 sub kegiatan, 0 total
    budget: int | None
    realised: int
    absorption: Ratio
    explanation: str = ""

    @property
    def remaining(self) -> int | None:
        return None if self.budget is None else self.budget - self.realised


def budget_rows(ay: AgencyYear, max_level: int = 3) -> list[BudgetRow]:
    """Program (and, with max_level 4/5, kegiatan and sub kegiatan) budget rows and the total,
    in the budget version of record (the latest one present)."""
    wp = ay.work_plan
    if wp is None or wp.budget_version is None:
        return []
    version = wp.budget_version
    rows: list[BudgetRow] = []
    for program in wp.programs:
        for line in program.walk():
            if line.level > max_level:
                continue
            pagu = line.budget(version)
            realised = line.realised()
            rows.append(
                BudgetRow(
                    line=line, code=line.code, name=line.name, level=line.level, budget=pagu,
                    realised=realised, absorption=budget.absorption(realised, pagu or 0),
                    explanation=line.latest_explanation() if line.is_leaf else "",
                )
            )
    total = wp.total_budget(version)
    realised_total = wp.total_realised()
    rows.append(
        BudgetRow(
            line=None, code="", name="Jumlah", level=0, budget=total, realised=realised_total,
            absorption=budget.absorption(realised_total, total or 0),
        )
    )
    return rows


def low_absorption(ay: AgencyYear) -> list[BudgetRow]:
    """Sub kegiatan below the region's absorption threshold, with their explanations."""
    threshold = ay.settings.absorption_threshold
    return [
        r for r in budget_rows(ay, max_level=5)
        if r.level == 5 and r.absorption.rounded is not None and r.absorption.rounded < threshold
    ]
