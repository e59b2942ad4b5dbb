"""Cells made from rule results, formatted the one Indonesian way. Builders use these so the
same figure is always printed the same way (no "96,33" here and "96,34" there)."""

from __future__ import annotations

from decimal import Decimal

from sakip.documents.model import Cell, Kind
from sakip.rules.achievement import Achievement, AchievementStatus
from sakip.rules.numbers import (
    Figure,
    Score,
    format_money,
    format_number,
    format_percent,
    format_value,
)


def text(value: str, bold: bool = False) -> Cell:
    return Cell(value, value, Kind.TEXT, bold=bold)


def code(value: str) -> Cell:
    return Cell(value, value, Kind.CODE)


def money(amount: int | None, formula: str | None = None, cents: bool = False) -> Cell:
    """Whole rupiah; display without the "Rp" (column titles say "(Rp)")."""
    if amount is None:
        return Cell(None, "-", Kind.MONEY, note="tidak ada pagu")
    shown = format_money(amount, cents=cents).replace("Rp ", "").replace("Rp", "")
    return Cell(amount, shown, Kind.MONEY, formula=formula)


def count(value: int | None, formula: str | None = None) -> Cell:
    if value is None:
        return Cell(None, "-", Kind.COUNT)
    return Cell(value, format_number(value, 0), Kind.COUNT, formula=formula)


def measure(value: Decimal | str | Score | None, missing: str = "-") -> Cell:
    """A target or realisation: a number, an ordinal level, or a level with its score."""
    if value is None or value == "":
        return Cell(None, missing, Kind.DECIMAL)
    if isinstance(value, Score):
        return Cell(value.value if value.value is not None else value.level, value.text, Kind.LEVEL)
    if isinstance(value, str):
        return Cell(value, value, Kind.LEVEL)
    kind = Kind.COUNT if value == value.to_integral_value() else Kind.DECIMAL
    return Cell(value, format_value(value), kind)


def percent(figure: Figure | Achievement | Decimal | None, formula: str | None = None) -> Cell:
    """A percentage rounded half-up to 2 decimals for display; undefined → the reason."""
    if figure is None:
        return Cell(None, "-", Kind.PERCENT)
    if isinstance(figure, Decimal):
        return Cell(figure, format_percent(figure), Kind.PERCENT, formula=formula)
    if isinstance(figure, Achievement) and figure.status is AchievementStatus.AT_LEAST_100:
        return Cell(figure.value, "≥ 100", Kind.PERCENT, note=figure.reason)
    if figure.value is None:
        return Cell(None, figure.display, Kind.PERCENT, note=figure.reason)
    return Cell(figure.value, format_percent(figure.value), Kind.PERCENT, formula=formula)
