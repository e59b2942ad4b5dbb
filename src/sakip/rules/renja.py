"""RULES.md §6 — the Renja evaluation tables of Permendagri 86/2017.

- Tabel 2.1 / form T-C.29 (evaluation of the previous Renja and Renstra achievement):
  columns 8 = 7 / 6 × 100, 10 = 5 + 7 + 9, 11 = 10 / 4 × 100 — :func:`evaluation_row`.
- The quarterly E-form: 13 = 9 + 10 + 11 + 12, 14 = 7 + 13, 15 = 14 / 6 × 100 and its
  Permendagri 86/2017 category — :func:`quarterly_row`; the Rp of column 6 (the Renstra's
  money for the whole period) of a program or kegiatan — :func:`renstra_money`.

Columns 10 and 13/14 only add up for indicators that accumulate (counts). Each indicator
declares its aggregation over periods: ``sum``, ``last`` (levels: %, ratio, index, grade)
or ``mean``. Polarity applies to the achievement columns as in §3.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum

from sakip.rules.achievement import (
    Achievement,
    LowerIsBetterMethod,
    Polarity,
    numeric_achievement,
)
from sakip.rules.numbers import Figure, format_number
from sakip.rules.scales import PERMENDAGRI_86_2017, category

__all__ = [
    "Aggregation",
    "EvaluationRow",
    "QuarterlyRow",
    "aggregate",
    "evaluation_row",
    "quarterly_row",
    "renstra_money",
]


class Aggregation(StrEnum):
    """How an indicator's values combine over periods (RULES.md §6)."""

    SUM = "sum"
    LAST = "last"
    MEAN = "mean"

    @property
    def label(self) -> str:
        return {"sum": "dijumlahkan", "last": "nilai terakhir", "mean": "rata-rata"}[self.value]


def aggregate(values: Sequence[Decimal | None], aggregation: Aggregation) -> Decimal | None:
    """Combine period values in order (oldest first): ``sum`` = Σ, ``last`` = the latest
    value present, ``mean`` = unweighted mean. Missing values are left out; None when no
    value is present (RULES.md §6; decision on missing values)."""
    present = [v for v in values if v is not None]
    if not present:
        return None
    if aggregation is Aggregation.SUM:
        return sum(present, Decimal(0))
    if aggregation is Aggregation.LAST:
        return present[-1]
    return sum(present, Decimal(0)) / len(present)


def _combine(
    named: Sequence[tuple[str, Decimal | None]], aggregation: Aggregation, empty_reason: str
) -> Figure:
    """Aggregate named columns into a Figure that notes left-out (empty) columns."""
    values = [v for _, v in named]
    value = aggregate(values, aggregation)
    if value is None:
        return Figure(None, empty_reason)
    if aggregation is Aggregation.LAST:
        used = next(name for name, v in reversed(named) if v is not None)
        latest = named[-1][0]
        note = "" if used == latest else f"kolom {latest} kosong; dipakai kolom {used}"
        return Figure(value, note=note)
    empty = [name for name, v in named if v is None]
    note = f"kolom {', '.join(empty)} kosong, tidak ikut dihitung" if empty else ""
    return Figure(value, note=note)


@dataclass(frozen=True)
class EvaluationRow:
    """Derived columns of one row of Renja Tabel 2.1 / T-C.29 (Permendagri 86/2017)."""

    col8: Achievement  # tingkat realisasi n-2 = 7 / 6 × 100
    col10: Figure  # realisasi capaian s/d n-2 (+ target n-1) = 5 + 7 + 9 (sum)
    col11: Achievement  # tingkat capaian target Renstra = 10 / 4 × 100


def evaluation_row(
    *,
    renstra_target: Decimal | None,
    realised_until_n3: Decimal | None,
    target_n2: Decimal | None,
    realised_n2: Decimal | None,
    target_n1: Decimal | None,
    polarity: Polarity,
    aggregation: Aggregation,
    method: LowerIsBetterMethod = LowerIsBetterMethod.INVERSE,
) -> EvaluationRow:
    """Columns 8, 10 and 11 of Renja Tabel 2.1 (form T-C.29; Permendagri 86/2017; seed 000).

    Inputs are columns 4 (``renstra_target``, end of period), 5 (``realised_until_n3``),
    6 (``target_n2``), 7 (``realised_n2``) and 9 (``target_n1``). Col 8 = 7 / 6 × 100;
    col 10 = 5 + 7 + 9 for ``sum`` (seed 000 program 6.04: 41 + 69,11 + 45 = 155,11 where
    45 is printed), the latest value (col 9) for ``last``, the mean for ``mean``;
    col 11 = 10 / 4 × 100. Polarity applies to 8 and 11 (§3). Empty columns are left out
    of col 10 and named in its note (decision)."""
    col8 = numeric_achievement(target_n2, realised_n2, polarity=polarity, method=method)
    col10 = _combine(
        (("5", realised_until_n3), ("7", realised_n2), ("9", target_n1)),
        aggregation,
        "tidak dapat dihitung (kolom 5, 7 dan 9 kosong)",
    )
    col11 = numeric_achievement(renstra_target, col10.value, polarity=polarity, method=method)
    return EvaluationRow(col8, col10, col11)


@dataclass(frozen=True)
class QuarterlyRow:
    """Derived columns of one row of the quarterly Renja evaluation (E-form)."""

    col13: Figure  # realisasi tahun berjalan = 9 + 10 + 11 + 12 (sum)
    col14: Figure  # realisasi Renstra s/d tahun berjalan = 7 + 13 (sum)
    col15: Achievement  # tingkat capaian Renstra = 14 / 6 × 100
    category: str | None  # Permendagri 86/2017 category of col 15 (None when undefined)
    year_achievement: Achievement  # col 13 against the year's target (col 8)


def quarterly_row(
    *,
    renstra_target: Decimal | None,
    realised_until_last_year: Decimal | None,
    target_year: Decimal | None,
    quarters: Sequence[Decimal | None],
    up_to_quarter: int = 4,
    polarity: Polarity,
    aggregation: Aggregation,
    method: LowerIsBetterMethod = LowerIsBetterMethod.INVERSE,
) -> QuarterlyRow:
    """Columns 13, 14, 15 and the category of the E-form (Permendagri 86/2017; RULES.md §6).

    Inputs: col 6 ``renstra_target`` (end of period), col 7 ``realised_until_last_year``,
    col 8 ``target_year``, cols 9–12 ``quarters`` (TW I–IV; quarters after
    ``up_to_quarter`` are ignored). Col 13 = Σ quarters for ``sum``, the latest filled
    quarter for ``last``, their mean for ``mean``; col 14 = 7 + 13 (``sum``), the latest
    value (``last``), mean of 7 and 13 (``mean``, decision); col 15 = 14 / 6 × 100 with
    polarity; category per Permendagri 86/2017 on the rounded col 15. Works for both the
    K (kinerja) and Rp columns (money: ``sum`` and higher-is-better). A ``up_to_quarter``
    outside 1–4 or more than four quarters is a programming error (ValueError)."""
    if not 1 <= up_to_quarter <= 4:
        raise ValueError("up_to_quarter harus 1–4")
    if len(quarters) > 4:
        raise ValueError("paling banyak empat triwulan")
    padded = list(quarters) + [None] * (4 - len(quarters))
    counted = padded[:up_to_quarter]
    col13 = _combine(
        [(str(9 + i), v) for i, v in enumerate(counted)],
        aggregation,
        "belum ada realisasi triwulan",
    )
    col14 = _combine(
        (("7", realised_until_last_year), ("13", col13.value)),
        aggregation,
        "tidak dapat dihitung (kolom 7 dan 13 kosong)",
    )
    col15 = numeric_achievement(renstra_target, col14.value, polarity=polarity, method=method)
    label = None if col15.value is None else category(PERMENDAGRI_86_2017, col15.value)
    year = numeric_achievement(target_year, col13.value, polarity=polarity, method=method)
    return QuarterlyRow(col13, col14, col15, label, year)


NO_RENSTRA_MONEY = "pagu akhir periode Renstra belum diisi"


def renstra_money(own: int | None, parts: Sequence[tuple[str, Figure]] | None = None) -> Figure:
    """Column 6 (Rp) of the E-form for one program / kegiatan / sub kegiatan: the money of the
    whole Renstra period (RULES.md §6; decision on where it is stated).

    ``own`` is the amount the Renstra states for this code (None when it states none);
    ``parts`` are the already derived column-6 figures of its children, named by code. A
    stated amount wins; a line without one is the sum of its children when every child has
    a figure; when some child has none the figure is undefined and names them (a partial sum
    would overstate the achievement of column 15). A stated amount that differs from a
    complete sum of its children is kept and the difference is noted."""
    parts = list(parts or [])
    known = [(code, fig.value) for code, fig in parts if fig.value is not None]
    missing = [code for code, fig in parts if fig.value is None]
    children_sum = (sum((v for _, v in known), Decimal(0))
                    if parts and not missing else None)
    if own is not None:
        if own < 0:
            raise ValueError("pagu tidak boleh negatif")
        note = ""
        if children_sum is not None and children_sum != own:
            note = (f"berbeda dari jumlah rinciannya ({format_number(children_sum, 0)}); "
                    "dipakai pagu yang tercantum")
        return Figure(Decimal(own), note=note)
    if not parts:
        return Figure(None, NO_RENSTRA_MONEY)
    if missing:
        shown = ", ".join(missing[:3]) + (" …" if len(missing) > 3 else "")
        return Figure(None, f"{NO_RENSTRA_MONEY} untuk {len(missing)} dari {len(parts)} "
                            f"rinciannya ({shown})")
    assert children_sum is not None
    return Figure(children_sum, note="jumlah rinciannya")
