"""RULES.md §3 — achievement (capaian) of one indicator.

C = R / T × 100 for higher-is-better indicators; lower-is-better indicators use T / R × 100
(``inverse``, the default) or (2T − R) / T × 100 (``two_minus``); ordinal targets compare
ranks (or scores when both are given); range targets give 100 inside the range.

Undefined cases are values with an Indonesian reason (:class:`Achievement` with a status),
never exceptions and never silent zeros. Pathological results are flagged (:class:`Flag`)
and kept out of averages (§4).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum

from sakip.rules.numbers import (
    HUNDRED,
    ColumnKind,
    Missing,
    Number,
    NumberFormatError,
    Score,
    format_number,
    format_percent,
    parse_number,
    parse_score,
    round_half_up,
)

__all__ = [
    "ORDINAL_SCALES",
    "PATHOLOGICAL_FLAGS",
    "Achievement",
    "AchievementStatus",
    "Flag",
    "LowerIsBetterMethod",
    "Operand",
    "OrdinalScale",
    "Polarity",
    "TargetKind",
    "achievement",
    "numeric_achievement",
    "ordinal_achievement",
    "parse_range",
    "range_achievement",
]


class Polarity(StrEnum):
    """Direction of an indicator (GLOSSARY: indikator positif / negatif)."""

    HIGHER_IS_BETTER = "higher_is_better"
    LOWER_IS_BETTER = "lower_is_better"

    @property
    def label(self) -> str:
        return "positif" if self is Polarity.HIGHER_IS_BETTER else "negatif"

    @classmethod
    def from_label(cls, text: str) -> Polarity:
        """``positif``/``negatif`` (as printed in IKU tables) → Polarity."""
        key = text.strip().casefold()
        if key in ("positif", "+", "naik", cls.HIGHER_IS_BETTER.value):
            return cls.HIGHER_IS_BETTER
        if key in ("negatif", "-", "turun", cls.LOWER_IS_BETTER.value):
            return cls.LOWER_IS_BETTER
        raise ValueError(f"Polaritas {text!r} tidak dikenal (pakai 'positif' atau 'negatif')")


class LowerIsBetterMethod(StrEnum):
    """Formula for lower-is-better indicators, selectable per region (RULES.md §3)."""

    INVERSE = "inverse"
    TWO_MINUS = "two_minus"

    @property
    def formula(self) -> str:
        if self is LowerIsBetterMethod.INVERSE:
            return "C = T / R × 100"
        return "C = (2T − R) / T × 100"

    @property
    def source(self) -> str:
        if self is LowerIsBetterMethod.INVERSE:
            return "praktik LKjIP (seed 003: 3,20 / 4,45 = 71,91)"
        return "pedoman LAN; PermenPAN-RB tentang kinerja individu"


class TargetKind(StrEnum):
    """What a target is: a number, a level on an ordinal scale, or a range (RULES.md §3)."""

    NUMBER = "number"
    ORDINAL = "ordinal"
    RANGE = "range"


def _level_key(level: str) -> str:
    return re.sub(r"\s+", "", level).casefold()


@dataclass(frozen=True)
class OrdinalScale:
    """A named ordered set of levels, lowest first (RULES.md §3)."""

    key: str
    name: str
    levels: tuple[str, ...]
    source: str

    def rank(self, level: str) -> int | None:
        """1-based rank of ``level``; matching ignores case and spaces (``b b`` = ``BB``)."""
        wanted = _level_key(level)
        for index, candidate in enumerate(self.levels, start=1):
            if _level_key(candidate) == wanted:
                return index
        return None

    def canonical(self, level: str) -> str | None:
        rank = self.rank(level)
        return None if rank is None else self.levels[rank - 1]

    def describe(self) -> str:
        return " < ".join(self.levels)


ORDINAL_SCALES: dict[str, OrdinalScale] = {
    "ape": OrdinalScale(
        "ape",
        "Anugerah Parahita Ekapraya (APE)",
        ("Pratama", "Madya", "Utama", "Mentor"),
        "KemenPPPA, penghargaan APE; seed 003 (Pratama terhadap target Madya = 50)",
    ),
    "kla": OrdinalScale(
        "kla",
        "Kabupaten/Kota Layak Anak (KLA)",
        ("Pratama", "Madya", "Nindya", "Utama", "KLA"),
        "KemenPPPA, evaluasi Kabupaten/Kota Layak Anak; RULES.md §3",
    ),
    "akip": OrdinalScale(
        "akip",
        "Predikat AKIP",
        ("D", "C", "CC", "B", "BB", "A", "AA"),
        "PermenPAN-RB 88/2021 tentang Evaluasi Akuntabilitas Kinerja Instansi Pemerintah",
    ),
}


class AchievementStatus(StrEnum):
    """Whether an achievement could be computed, and if not why (RULES.md §3)."""

    COMPUTED = "computed"
    TARGET_MISSING = "target_missing"
    NO_REALISATION = "no_realisation"
    AT_LEAST_100 = "at_least_100"
    UNKNOWN_LEVEL = "unknown_level"
    INVALID_TARGET = "invalid_target"


REASON_TARGET_MISSING = "tidak dapat dihitung (target nol/kosong)"
REASON_NO_REALISATION = "belum ada realisasi"
REASON_AT_LEAST_100 = "capaian ≥ 100 (realisasi nol pada indikator negatif)"


class Flag(StrEnum):
    """Warnings on a computed achievement. OVER_200 and SMALL_TARGET_CHANGE are
    pathological: such values are not averaged in silently (RULES.md §3)."""

    OVER_200 = "over_200"
    SMALL_TARGET_CHANGE = "small_target_change"
    NEGATIVE_OPERAND = "negative_operand"

    @property
    def label(self) -> str:
        return _FLAG_LABELS[self]

    @property
    def pathological(self) -> bool:
        return self in PATHOLOGICAL_FLAGS


_FLAG_LABELS = {
    Flag.OVER_200: "capaian tidak wajar (|C| > 200 %)",
    Flag.SMALL_TARGET_CHANGE: "indikator persentase perubahan dengan target di bawah 1",
    Flag.NEGATIVE_OPERAND: "target atau realisasi bernilai negatif",
}
PATHOLOGICAL_FLAGS = frozenset({Flag.OVER_200, Flag.SMALL_TARGET_CHANGE})
OVER_LIMIT = Decimal(200)


@dataclass(frozen=True)
class Achievement:
    """Achievement C of one indicator, unrounded, with its status and reason.

    ``display`` gives ``71,91``, ``≥ 100`` or the Indonesian reason; ``countable`` says
    whether it may enter an average (computed and not pathological). ``formula`` shows the
    computation with the operands so a reader can redo it. Source: RULES.md §3."""

    value: Decimal | None
    status: AchievementStatus
    reason: str = ""
    flags: frozenset[Flag] = frozenset()
    formula: str = ""

    @property
    def rounded(self) -> Decimal | None:
        return None if self.value is None else round_half_up(self.value)

    @property
    def display(self) -> str:
        if self.status is AchievementStatus.AT_LEAST_100:
            return "≥ 100"
        if self.value is None:
            return self.reason
        return format_percent(self.value)

    @property
    def pathological(self) -> bool:
        return any(flag.pathological for flag in self.flags)

    @property
    def countable(self) -> bool:
        return (
            self.status in (AchievementStatus.COMPUTED, AchievementStatus.AT_LEAST_100)
            and self.value is not None
            and not self.pathological
        )

    @property
    def flag_labels(self) -> tuple[str, ...]:
        return tuple(flag.label for flag in sorted(self.flags))


def _undefined(status: AchievementStatus, reason: str, formula: str = "") -> Achievement:
    return Achievement(None, status, reason, frozenset(), formula)


def _fmt(value: Decimal) -> str:
    return format_number(value)


def numeric_achievement(
    target: Decimal | int | None,
    realisation: Decimal | int | None,
    *,
    polarity: Polarity,
    method: LowerIsBetterMethod = LowerIsBetterMethod.INVERSE,
    percentage_change: bool = False,
) -> Achievement:
    """C for a numeric target (RULES.md §3).

    Higher is better: R / T × 100 (PermenPAN-RB 53/2014 practice; all seeds). Lower is
    better: T / R × 100 (``inverse``; seed 003: 3,20 / 4,45 = 71,91) or (2T − R) / T × 100
    (``two_minus``; LAN guidance). T = 0 or missing → "tidak dapat dihitung (target
    nol/kosong)"; R missing → "belum ada realisasi"; lower-is-better inverse with R = 0 →
    "≥ 100" (decision; the value carried is the bound 100). Flags: |C| > 200 and, when
    ``percentage_change``, a target below 1 (seed 003: 0,5 → 6110 %)."""
    t = None if target is None else Decimal(target)
    r = None if realisation is None else Decimal(realisation)
    if t is None or t == 0:
        return _undefined(AchievementStatus.TARGET_MISSING, REASON_TARGET_MISSING)
    if r is None:
        return _undefined(AchievementStatus.NO_REALISATION, REASON_NO_REALISATION)
    if polarity is Polarity.HIGHER_IS_BETTER:
        value = r * HUNDRED / t
        formula = f"C = R / T × 100 = {_fmt(r)} / {_fmt(t)} × 100"
    elif method is LowerIsBetterMethod.INVERSE:
        if r == 0:
            return Achievement(
                HUNDRED,
                AchievementStatus.AT_LEAST_100,
                REASON_AT_LEAST_100,
                frozenset(),
                f"C = T / R × 100 = {_fmt(t)} / 0 × 100 (tak hingga; ditampilkan ≥ 100)",
            )
        value = t * HUNDRED / r
        formula = f"C = T / R × 100 = {_fmt(t)} / {_fmt(r)} × 100"
    else:
        value = (2 * t - r) * HUNDRED / t
        formula = f"C = (2T − R) / T × 100 = (2 × {_fmt(t)} − {_fmt(r)}) / {_fmt(t)} × 100"
    flags: set[Flag] = set()
    if abs(value) > OVER_LIMIT:
        flags.add(Flag.OVER_200)
    if percentage_change and abs(t) < 1:
        flags.add(Flag.SMALL_TARGET_CHANGE)
    if t < 0 or r < 0:
        flags.add(Flag.NEGATIVE_OPERAND)
    return Achievement(value, AchievementStatus.COMPUTED, "", frozenset(flags), formula)


def _as_score(value: str | Score | None) -> Score | None:
    if value is None:
        return None
    score = value if isinstance(value, Score) else parse_score(value)
    return None if score.missing else score


def ordinal_achievement(
    target: str | Score | None,
    realisation: str | Score | None,
    *,
    scale: OrdinalScale,
    polarity: Polarity = Polarity.HIGHER_IS_BETTER,
) -> Achievement:
    """C for a level on an ordinal scale: rank(R) / rank(T) × 100 (RULES.md §3; APE
    Pratama against a Madya target = 50, seed 003). When both sides carry a score, as in
    ``BB (73,00)`` against ``71,30 (BB)``, the scores are compared instead (= 97,67).
    A level not on the scale gives an explicit "tidak dapat dihitung" value."""
    t = _as_score(target)
    r = _as_score(realisation)
    if t is None:
        return _undefined(AchievementStatus.TARGET_MISSING, REASON_TARGET_MISSING)
    if r is None:
        return _undefined(AchievementStatus.NO_REALISATION, REASON_NO_REALISATION)
    if t.value is not None and r.value is not None:
        result = numeric_achievement(t.value, r.value, polarity=polarity)
        if result.formula:
            result = Achievement(
                result.value,
                result.status,
                result.reason,
                result.flags,
                result.formula + " (skor)",
            )
        return result
    ranks: list[int] = []
    for role, side in (("target", t), ("realisasi", r)):
        if side.level is None:
            return _undefined(
                AchievementStatus.UNKNOWN_LEVEL,
                f"tidak dapat dihitung ({role} {side.text!r} tidak menyebut tingkat pada "
                f"skala {scale.name}: {scale.describe()})",
            )
        rank = scale.rank(side.level)
        if rank is None:
            return _undefined(
                AchievementStatus.UNKNOWN_LEVEL,
                f"tidak dapat dihitung (tingkat {side.level!r} tidak dikenal pada skala "
                f"{scale.name}: {scale.describe()})",
            )
        ranks.append(rank)
    rank_t, rank_r = ranks
    result = numeric_achievement(Decimal(rank_t), Decimal(rank_r), polarity=polarity)
    formula = (
        f"C = peringkat(R) / peringkat(T) × 100 = {rank_r} / {rank_t} × 100 "
        f"({scale.levels[rank_r - 1]} terhadap {scale.levels[rank_t - 1]}, skala "
        f"{scale.name}: {scale.describe()})"
    )
    if polarity is Polarity.LOWER_IS_BETTER:
        formula = result.formula + f" (peringkat pada skala {scale.name})"
    return Achievement(result.value, result.status, result.reason, result.flags, formula)


def range_achievement(
    low: Decimal | int | None,
    high: Decimal | int | None,
    realisation: Decimal | int | None,
    polarity: Polarity,
) -> Achievement:
    """C for a range target a–b (RULES.md §3, decision): 100 when a ≤ R ≤ b; outside the
    range R / a × 100 for higher-is-better and b / R × 100 for lower-is-better."""
    if low is None or high is None:
        return _undefined(AchievementStatus.TARGET_MISSING, REASON_TARGET_MISSING)
    a, b = Decimal(low), Decimal(high)
    if a > b:
        return _undefined(
            AchievementStatus.INVALID_TARGET,
            f"tidak dapat dihitung (rentang target {_fmt(a)}–{_fmt(b)} tidak valid: batas "
            "bawah lebih besar dari batas atas)",
        )
    if realisation is None:
        return _undefined(AchievementStatus.NO_REALISATION, REASON_NO_REALISATION)
    r = Decimal(realisation)
    if a <= r <= b:
        return Achievement(
            HUNDRED,
            AchievementStatus.COMPUTED,
            "",
            frozenset(),
            f"{_fmt(a)} ≤ R = {_fmt(r)} ≤ {_fmt(b)} → C = 100",
        )
    if polarity is Polarity.HIGHER_IS_BETTER:
        return numeric_achievement(a, r, polarity=polarity)
    return numeric_achievement(b, r, polarity=polarity, method=LowerIsBetterMethod.INVERSE)


_RANGE_SPLIT = re.compile(r"\s*(?:s\.?\s*d\.?|s/d|sampai|–|—|-)\s*", re.IGNORECASE)


def parse_range(text: str) -> tuple[Decimal, Decimal]:
    """Read a printed range target (``80–90``, ``80 - 90``, ``80 s.d. 90``, ``2,5 s/d 3``).
    Raises NumberFormatError naming the text when it is not a range. Source: decision."""
    pieces = [p for p in _RANGE_SPLIT.split(text.strip().rstrip("%").strip()) if p]
    if len(pieces) != 2:
        raise NumberFormatError(text, "bukan rentang 'a–b'")
    bounds: list[Decimal] = []
    for piece in pieces:
        number = parse_number(piece, ColumnKind.MEASURE)
        if not isinstance(number, Number):
            raise NumberFormatError(text, "batas rentang kosong")
        bounds.append(number.value)
    return bounds[0], bounds[1]


Operand = Decimal | int | str | Score | Number | Missing | tuple[Decimal, Decimal] | None


def _as_decimal(value: Operand) -> Decimal | None:
    if value is None or isinstance(value, Missing):
        return None
    if isinstance(value, Number):
        return value.value
    if isinstance(value, Score):
        return value.value
    if isinstance(value, tuple):
        raise TypeError("rentang hanya untuk TargetKind.RANGE")
    if isinstance(value, str):
        number = parse_number(value, ColumnKind.MEASURE)
        return number.value if isinstance(number, Number) else None
    return Decimal(value)


def achievement(
    target: Operand,
    realisation: Operand,
    *,
    polarity: Polarity,
    kind: TargetKind = TargetKind.NUMBER,
    method: LowerIsBetterMethod = LowerIsBetterMethod.INVERSE,
    scale: OrdinalScale | None = None,
    percentage_change: bool = False,
) -> Achievement:
    """Achievement of one indicator, dispatching on the target kind (RULES.md §3).

    ``target``/``realisation`` may be Decimals, printed text (a number, a level such as
    ``Madya``, a score such as ``BB (73,00)``, a range ``80–90``), parsed numbers or
    None. ORDINAL needs ``scale`` (a programming error otherwise: ValueError)."""
    if kind is TargetKind.ORDINAL:
        if scale is None:
            raise ValueError("TargetKind.ORDINAL memerlukan skala ordinal (scale=…)")
        for side, value in (("target", target), ("realisasi", realisation)):
            if not _is_level(value):
                # Data, not a programming error: a number stored for an ordinal indicator
                # (e.g. by an import) is reported, never turned into a crash.
                return _undefined(
                    AchievementStatus.UNKNOWN_LEVEL,
                    f"tidak dapat dihitung ({side} indikator ordinal harus berupa tingkat pada "
                    f"skala {scale.name}, tercatat {_shown(value)})",
                )
        return ordinal_achievement(
            _as_level(target), _as_level(realisation), scale=scale, polarity=polarity
        )
    if kind is TargetKind.RANGE:
        if target is None or isinstance(target, Missing):
            return _undefined(AchievementStatus.TARGET_MISSING, REASON_TARGET_MISSING)
        if isinstance(target, str):
            low, high = parse_range(target)
        elif isinstance(target, tuple):
            low, high = target
        else:
            return _undefined(
                AchievementStatus.INVALID_TARGET,
                f"tidak dapat dihitung (target rentang harus berupa 'a–b', tercatat "
                f"{_shown(target)})",
            )
        return range_achievement(low, high, _as_decimal(realisation), polarity)
    return numeric_achievement(
        _as_decimal(target),
        _as_decimal(realisation),
        polarity=polarity,
        method=method,
        percentage_change=percentage_change,
    )


def _is_level(value: Operand) -> bool:
    return value is None or isinstance(value, Missing | str | Score)


def _shown(value: Operand) -> str:
    if isinstance(value, Number):
        return format_number(value.value)
    if isinstance(value, Decimal | int):
        return format_number(Decimal(value))
    return str(value)


def _as_level(value: Operand) -> str | Score | None:
    if value is None or isinstance(value, Missing):
        return None
    if isinstance(value, str | Score):
        return value
    raise TypeError("target ordinal harus teks tingkat/skor atau Score")
