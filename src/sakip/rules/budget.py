"""RULES.md §4 (money) and §5 (budget forms) — roll-ups, absorption, effectiveness,
efficiency and resource efficiency.

Money lives only on sub kegiatan, in whole rupiah: kegiatan = Σ sub kegiatan, program =
Σ kegiatan, total = Σ programs. Parents are never typed in (seed 000: program 6.06 printed
487.722.600, its kegiatan sum to 481.722.600).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal

from sakip.rules.codes import Code, Level
from sakip.rules.numbers import HUNDRED, Figure, format_number, round_half_up
from sakip.rules.scales import (
    BUDGET_EFFECTIVENESS,
    BUDGET_EFFICIENCY_MAHSUN,
    RESOURCE_EFFICIENCY_RATIO,
    category,
)

__all__ = [
    "BudgetError",
    "Ratio",
    "absorption",
    "detect_ro_percent_misuse",
    "direct_spending",
    "effectiveness",
    "efficiency_mahsun",
    "resource_efficiency_ratio",
    "resource_efficiency_ro",
    "rollup",
    "total",
    "total_amounts",
]


class BudgetError(ValueError):
    """Budget input that cannot be right (money on a parent code, salaries above the total)."""


@dataclass(frozen=True)
class Ratio(Figure):
    """A budget percentage or ratio, undefined with a reason when its denominator is zero,
    with its category when the rule has a scale. Source: RULES.md §4–§5."""

    category: str | None = None


def rollup(leaves: Mapping[Code, int]) -> dict[Code, int]:
    """Σ of the sub kegiatan under every kegiatan and program (RULES.md §4). The result
    holds the leaves themselves and each ancestor at program level and below. Raises
    BudgetError for a key that is not a sub kegiatan: money is only typed on sub
    kegiatan."""
    sums: dict[Code, int] = {}
    for code, amount in leaves.items():
        if code.level is not Level.SUB_KEGIATAN:
            raise BudgetError(
                f"Anggaran hanya dicatat pada sub kegiatan; {code} adalah {code.level.label}"
            )
        if isinstance(amount, bool) or not isinstance(amount, int):
            raise BudgetError(f"Anggaran {code} harus rupiah bulat (int)")
        sums[code] = sums.get(code, 0) + amount
        for ancestor in code.ancestors():
            if ancestor.level < Level.PROGRAM:
                break
            sums[ancestor] = sums.get(ancestor, 0) + amount
    return dict(sorted(sums.items()))


def total(leaves: Mapping[Code, int]) -> int:
    """Total = Σ of all sub kegiatan (= Σ programs). RULES.md §4."""
    return total_amounts(leaves.values())


def total_amounts(amounts: Iterable[int]) -> int:
    """Σ of whole-rupiah amounts (RULES.md §4: parents are sums, never typed in). Raises
    BudgetError for an amount that is not an int (money is whole rupiah)."""
    result = 0
    for amount in amounts:
        if isinstance(amount, bool) or not isinstance(amount, int):
            raise BudgetError(f"Anggaran {amount!r} harus rupiah bulat (int)")
        result += amount
    return result


def _percent(numerator: int, denominator: int, zero_reason: str) -> Ratio:
    if denominator == 0:
        return Ratio(None, zero_reason)
    if denominator < 0:
        return Ratio(None, "tidak dapat dihitung (penyebut negatif)")
    return Ratio(Decimal(numerator) * HUNDRED / Decimal(denominator))


def absorption(realised: int, budget: int) -> Ratio:
    """Serapan = realisasi / pagu × 100, against the latest budget version (RULES.md §4).
    Pagu 0 → undefined "tidak dapat dihitung (pagu nol)"; realisation above the pagu is
    noted."""
    result = _percent(realised, budget, "tidak dapat dihitung (pagu nol)")
    if result.value is not None and realised > budget:
        return Ratio(result.value, note="realisasi melebihi pagu")
    return result


def effectiveness(realised: int, budget: int) -> Ratio:
    """Budget effectiveness E = realisasi / anggaran × 100 with its category
    (Kepmendagri 690.900.327/1996; seed 003: 9.521.256.875 / 10.314.852.053 = 92,31,
    Efektif)."""
    base = _percent(realised, budget, "tidak dapat dihitung (anggaran nol)")
    if base.value is None:
        return base
    return Ratio(base.value, category=category(BUDGET_EFFECTIVENESS, base.value))


def efficiency_mahsun(direct_realised: int, total_realised: int) -> Ratio:
    """Budget efficiency, Mahsun variant: F = realisasi belanja langsung / realisasi seluruh
    belanja × 100 with its category (RULES.md §5; seed 003 used the direct-spending *pagu*
    and printed 56,38; the rule gives 4.684.827.187 / 9.521.256.875 = 49,20)."""
    base = _percent(direct_realised, total_realised, "tidak dapat dihitung (realisasi nol)")
    if base.value is None:
        return base
    return Ratio(base.value, category=category(BUDGET_EFFICIENCY_MAHSUN, base.value))


def direct_spending(total: int, salaries: int) -> int:
    """Belanja langsung = total − gaji dan tunjangan ASN (RULES.md §5; seed 003:
    9.521.256.875 − 4.836.429.688 = 4.684.827.187). BudgetError when salaries exceed the
    total or either is negative."""
    if total < 0 or salaries < 0:
        raise BudgetError("Total belanja dan gaji tidak boleh negatif")
    if salaries > total:
        raise BudgetError(
            f"Gaji dan tunjangan ({format_number(salaries)}) melebihi total belanja "
            f"({format_number(total)})"
        )
    return total - salaries


def resource_efficiency_ratio(achievement: Decimal, absorption: Decimal) -> Ratio:
    """Resource efficiency, ratio form = C / serapan (both in %); > 1 means more result
    than money spent (RULES.md §5, as in LKjIPs). Serapan 0 → undefined."""
    if absorption == 0:
        return Ratio(None, "tidak dapat dihitung (serapan nol)")
    value = achievement / absorption
    return Ratio(value, category=category(RESOURCE_EFFICIENCY_RATIO, value))


def _ro_value(items: Sequence[tuple[int, Decimal, int]], scale_c: Decimal) -> Decimal:
    allocations = sum(aa for aa, _, _ in items)
    numerator = sum((Decimal(aa) * (c / scale_c) - Decimal(ra) for aa, c, ra in items), Decimal(0))
    return numerator / Decimal(allocations) * HUNDRED


def resource_efficiency_ro(items: Sequence[tuple[int, Decimal, int]]) -> Ratio:
    """Kemenkeu RO form: E = Σ(AAᵢ × Cᵢ − RAᵢ) / Σ AAᵢ × 100 %, with AA = alokasi, C = capaian
    as a *fraction* (0,98, not 98), RA = realisasi anggaran (RULES.md §5). Σ AA = 0 →
    undefined. See :func:`detect_ro_percent_misuse` for the documents' usual error."""
    if sum(aa for aa, _, _ in items) == 0:
        return Ratio(None, "tidak dapat dihitung (alokasi nol)")
    return Ratio(_ro_value(items, Decimal(1)))


def detect_ro_percent_misuse(
    items: Sequence[tuple[int, Decimal, int]], printed: Decimal | None = None
) -> str | None:
    """Recognise the RO form applied with C entered as a percent (RULES.md §5: "documents
    apply the latter wrongly; the auditor must recognise that"). Returns an Indonesian
    finding, or None when nothing looks wrong.

    Signs: some Cᵢ above 2 (as a fraction that would be above 200 %, implausible: the
    inputs hold percents), or a ``printed`` E that matches the computation with C as a
    percent and not the computation with C as a fraction."""
    if not items or sum(aa for aa, _, _ in items) == 0:
        return None
    percent_like = any(c > 2 for _, c, _ in items)
    if percent_like:
        correct = _ro_value(items, HUNDRED)
        wrong = _ro_value(items, Decimal(1))
    else:
        correct = _ro_value(items, Decimal(1))
        wrong = _ro_value(items, Decimal("0.01"))
    if printed is not None:
        shown = round_half_up(printed)
        if shown == round_half_up(wrong) and shown != round_half_up(correct):
            return (
                f"Efisiensi {format_number(shown)} % tercetak sesuai perhitungan dengan "
                "capaian dalam persen; dengan capaian sebagai pecahan (98 % = 0,98) "
                f"hasilnya {format_number(correct, 2)} %"
            )
    if percent_like:
        return (
            "Capaian pada rumus efisiensi RO tampak ditulis dalam persen (nilai di atas 2); "
            "rumus memakai pecahan (98 % = 0,98); dengan pecahan hasilnya "
            f"{format_number(correct, 2)} %"
        )
    return None
