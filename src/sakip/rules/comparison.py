"""RULES.md §7 — comparisons in the LKjIP.

- Against last year: Δ signed by polarity so that positive always means better (poverty
  falling 11,38 → 10,94 prints +0,44), labelled Meningkat / Menurun / Tetap.
- Against the Renstra end target: C per §3 with the end target as T.
- A change of a percentage is in *poin persen* (11,38 % → 10,94 % is 0,44 poin persen).
- A revision (Renja Perubahan, RKPD/APBD perubahan) against the original: after − before,
  positive = increased, whatever the polarity (decision: one sign convention for money and
  targets, stated once in the document).
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import TypeVar

from sakip.rules.achievement import (
    Achievement,
    LowerIsBetterMethod,
    Polarity,
    numeric_achievement,
)
from sakip.rules.numbers import Figure, format_signed, round_half_up

__all__ = ["Change", "against_end_target", "change", "change_unit", "revision_difference"]

N = TypeVar("N", int, Decimal)

IMPROVED = "Meningkat"
WORSENED = "Menurun"
UNCHANGED = "Tetap"
_PERCENT_UNITS = frozenset({"%", "persen", "percent", "(%)"})


def change_unit(unit: str) -> str:
    """Unit of a change: ``poin persen`` for a percentage indicator, else the unit itself
    (RULES.md §7 "percentage points vs percent")."""
    return "poin persen" if unit.strip().casefold() in _PERCENT_UNITS else unit.strip()


@dataclass(frozen=True)
class Change:
    """A change against last year. ``delta`` is signed so that positive = better;
    ``raw_delta`` is current − previous as printed values move; ``direction`` is
    ``Meningkat``/``Menurun``/``Tetap`` (performance, from ``delta`` rounded to 2
    decimals). Source: RULES.md §7."""

    delta: Decimal
    direction: str
    unit: str
    raw_delta: Decimal = Decimal(0)

    @property
    def rounded(self) -> Decimal:
        return round_half_up(self.delta)

    @property
    def display(self) -> str:
        """``+0,44 poin persen``."""
        text = format_signed(self.delta)
        return f"{text} {self.unit}" if self.unit else text


def change(
    previous: Decimal | None,
    current: Decimal | None,
    polarity: Polarity,
    unit: str = "",
) -> Change | Figure:
    """Change from last year to this year (RULES.md §7). Higher-is-better: Δ = R_n − R_n−1;
    lower-is-better: Δ = R_n−1 − R_n (seed 003: poverty 11,38 → 10,94 gives +0,44,
    Meningkat). A missing year gives a Figure with the reason instead of a Change."""
    if previous is None:
        return Figure(None, "tidak dapat dibandingkan (realisasi tahun lalu kosong)")
    if current is None:
        return Figure(None, "tidak dapat dibandingkan (belum ada realisasi tahun ini)")
    raw = current - previous
    delta = raw if polarity is Polarity.HIGHER_IS_BETTER else raw.copy_negate()
    shown = round_half_up(delta)
    direction = IMPROVED if shown > 0 else WORSENED if shown < 0 else UNCHANGED
    return Change(delta, direction, change_unit(unit), raw)


def against_end_target(
    end_target: Decimal | None,
    realisation: Decimal | None,
    polarity: Polarity,
    method: LowerIsBetterMethod = LowerIsBetterMethod.INVERSE,
) -> Achievement:
    """Achievement against the Renstra end-of-period target: C per §3 with the end target
    as T (RULES.md §7)."""
    return numeric_achievement(end_target, realisation, polarity=polarity, method=method)


def revision_difference(before: N | None, after: N | None) -> N | None:
    """The difference column of a revision: after − before (positive = increased). A side that
    is absent counts as nothing — a line new in, or dropped from, the revision; None when both
    are absent. Source: decision (one sign convention for money and targets; DOCUMENTS.md §1
    Renja Perubahan)."""
    if before is None and after is None:
        return None
    if before is None:
        return after
    if after is None:
        return -before
    return after - before
