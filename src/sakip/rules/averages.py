"""RULES.md §4 (first and last points) — averages of achievements and of physical progress.

Sasaran / tujuan achievement is the unweighted mean of its indicators' C (all seeds do
this). Undefined and pathological indicators are excluded and named beneath the mean;
a region may cap each C (e.g. at 120) before averaging. Physical progress rolls up as an
unweighted mean (seed 003 Lampiran XII).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from sakip.rules.achievement import Achievement, AchievementStatus
from sakip.rules.numbers import format_number, format_percent, round_half_up

__all__ = ["Mean", "mean_achievement", "mean_of_means", "physical_progress_mean"]

REASON_NOTHING_TO_AVERAGE = "tidak dapat dihitung (tidak ada capaian yang dapat dirata-ratakan)"


@dataclass(frozen=True)
class Mean:
    """An unweighted mean with the names that entered it and those left out.

    ``excluded`` holds (name, Indonesian reason); ``notes`` holds (name, note) for values
    that entered with an adjustment (capped, or ``≥ 100`` counted as 100). ``value`` is
    unrounded and None only when nothing could be averaged (``display`` then gives the
    reason). Source: RULES.md §4."""

    value: Decimal | None
    included: tuple[str, ...]
    excluded: tuple[tuple[str, str], ...]
    notes: tuple[tuple[str, str], ...] = ()

    @property
    def rounded(self) -> Decimal | None:
        return None if self.value is None else round_half_up(self.value)

    @property
    def display(self) -> str:
        return REASON_NOTHING_TO_AVERAGE if self.value is None else format_percent(self.value)


def _exclusion_reason(item: Achievement) -> str:
    if item.pathological:
        labels = [flag.label for flag in sorted(item.flags) if flag.pathological]
        shown = f" = {item.display}" if item.value is not None else ""
        return f"dikecualikan: {'; '.join(labels)} (C{shown})"
    return f"dikecualikan: {item.reason}"


def mean_achievement(items: Iterable[tuple[str, Achievement]], cap: Decimal | None = None) -> Mean:
    """Unweighted mean of the countable achievements (RULES.md §4).

    Undefined achievements (target missing, no realisation …) and pathological ones
    (|C| > 200, percentage change on a target below 1) are excluded and listed with their
    reason. ``≥ 100`` (lower-is-better with R = 0) enters as 100 with a note (decision).
    With ``cap``, each C above the cap enters as the cap, with a note (region option)."""
    included: list[str] = []
    excluded: list[tuple[str, str]] = []
    notes: list[tuple[str, str]] = []
    total = Decimal(0)
    for name, item in items:
        if not item.countable or item.value is None:
            excluded.append((name, _exclusion_reason(item)))
            continue
        value = item.value
        if item.status is AchievementStatus.AT_LEAST_100:
            notes.append((name, "capaian ≥ 100 dihitung sebagai 100"))
        if cap is not None and value > cap:
            notes.append((name, f"capaian {format_percent(value)} dibatasi {format_number(cap)}"))
            value = cap
        included.append(name)
        total += value
    value_mean = total / len(included) if included else None
    return Mean(value_mean, tuple(included), tuple(excluded), tuple(notes))


def mean_of_means(items: Iterable[tuple[str, Mean]]) -> Mean:
    """Overall mean of sasaran means (seed 003 Tabel 3.45 averages the sasaran means);
    a sasaran whose mean is undefined is excluded and named."""
    included: list[str] = []
    excluded: list[tuple[str, str]] = []
    total = Decimal(0)
    for name, mean in items:
        if mean.value is None:
            excluded.append((name, f"dikecualikan: {REASON_NOTHING_TO_AVERAGE}"))
            continue
        included.append(name)
        total += mean.value
    value_mean = total / len(included) if included else None
    return Mean(value_mean, tuple(included), tuple(excluded))


def physical_progress_mean(values: Iterable[Decimal | None]) -> Decimal | None:
    """Physical progress (fisik %) of a parent = unweighted mean of its children's
    progress (seed 003 Lampiran XII). Children without a value are left out (decision);
    None when no child has a value."""
    present = [v for v in values if v is not None]
    if not present:
        return None
    return sum(present, Decimal(0)) / len(present)
