"""RULES.md §1 — numbers as people write them, and as we print them.

Reading: :func:`parse_number` turns one printed cell into a :class:`Number` (a value), a
:class:`Missing` (a blank with its reason) or an :class:`Ambiguous` (two readings and how to
choose), and raises :class:`NumberFormatError` for text that is not a number at all.
:func:`parse_quantity` splits ``30 orang`` into number and unit, :func:`parse_score` splits
``BB (73,00)`` into score and level.

Printing: :func:`round_half_up`, :func:`format_number`, :func:`format_percent`,
:func:`format_money`, :func:`number_in_words`, :func:`money_in_words` — Indonesian style
(dot thousands, comma decimals), rounding half-up only at display time.

Sources: RULES.md §1 (table of forms); seed 000 Tabel 3.2 (``2,79 %`` next to ``39,025,000``,
``245.000,000``), Tabel 2.1 (``81.125``, ``2,746``); seed 003 (``Rp. 4.875.918.410.00.-``,
``Rp 4.543.184.665..00.-``, ``htb``); Babel CLDR data for the ``id`` locale symbols;
num2words ``lang='id'`` for amounts in words.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Context, Decimal
from enum import StrEnum
from functools import cache

__all__ = [
    "Ambiguous",
    "ColumnKind",
    "Convention",
    "Figure",
    "Missing",
    "MissingReason",
    "Number",
    "NumberFormatError",
    "Quantity",
    "Score",
    "dominant_convention",
    "format_money",
    "format_number",
    "format_percent",
    "format_value",
    "format_signed",
    "money_in_words",
    "number_in_words",
    "parse_number",
    "parse_quantity",
    "parse_score",
    "round_half_up",
]

HUNDRED = Decimal(100)


# --------------------------------------------------------------------------------------
# Kinds, conventions, results
# --------------------------------------------------------------------------------------


class ColumnKind(StrEnum):
    """What a column holds; decides how ``1.234`` is read (RULES.md §1, "resolve by the
    column kind": money/count → thousands; percent/ratio/index → decimal)."""

    MONEY = "money"
    COUNT = "count"
    MEASURE = "measure"  # ratio, index, score: decimal reading
    PERCENT = "percent"
    UNKNOWN = "unknown"

    @property
    def label(self) -> str:
        return _KIND_LABELS[self]


_KIND_LABELS = {
    ColumnKind.MONEY: "uang",
    ColumnKind.COUNT: "jumlah (bilangan cacah)",
    ColumnKind.MEASURE: "ukuran (rasio/indeks/nilai)",
    ColumnKind.PERCENT: "persen",
    ColumnKind.UNKNOWN: "tidak diketahui",
}


class Convention(StrEnum):
    """Digit-grouping convention of a printed number (RULES.md §1)."""

    INDONESIAN = "indonesian"  # 1.234,56
    ENGLISH = "english"  # 1,234.56

    @property
    def decimal_separator(self) -> str:
        return "," if self is Convention.INDONESIAN else "."

    @property
    def thousands_separator(self) -> str:
        return "." if self is Convention.INDONESIAN else ","

    @property
    def label(self) -> str:
        if self is Convention.INDONESIAN:
            return "Indonesia (1.234,56)"
        return "Inggris (1,234.56)"


def _convention_of_decimal(sep: str) -> Convention:
    return Convention.INDONESIAN if sep == "," else Convention.ENGLISH


def _convention_of_thousands(sep: str) -> Convention:
    return Convention.INDONESIAN if sep == "." else Convention.ENGLISH


class NumberFormatError(ValueError):
    """Text that cannot be read as a number (e.g. ``htb``, ``391.808.9722``).

    The message names the offending text and says why. Source: decision (RULES.md §1:
    unreadable input is reported, never guessed)."""

    def __init__(self, text: str, why: str) -> None:
        self.text = text
        self.why = why
        super().__init__(f"Angka tidak terbaca: {text!r} — {why}.")


@dataclass(frozen=True)
class Number:
    """A number read from a document: its exact value and the text as printed.

    ``value`` is exact (Decimal). A percentage keeps its printed value (``2,79 %`` → 2.79,
    ``percent_sign=True``). ``warnings`` lists Indonesian notes on doubtful forms (e.g. the
    typo ``245.000,000`` in a money column). ``comparator`` is ``≥``/``≤``/``>``/``<`` when
    the text was a bound such as ``≥ 100``. Source: RULES.md §1."""

    value: Decimal
    text: str
    warnings: tuple[str, ...] = ()
    percent_sign: bool = False
    convention: Convention | None = None
    comparator: str | None = None

    @property
    def is_integral(self) -> bool:
        return self.value == self.value.to_integral_value()


class MissingReason(StrEnum):
    """Why a cell holds no number; the label is printed (RULES.md §1: "keep the reason")."""

    EMPTY = "empty"
    DASH = "dash"
    SPREADSHEET_ERROR = "spreadsheet_error"
    NOT_AVAILABLE = "not_available"

    @property
    def label(self) -> str:
        return _MISSING_LABELS[self]


_MISSING_LABELS = {
    MissingReason.EMPTY: "kosong",
    MissingReason.DASH: "tanda strip",
    MissingReason.SPREADSHEET_ERROR: "galat spreadsheet",
    MissingReason.NOT_AVAILABLE: "N/A",
}


@dataclass(frozen=True)
class Missing:
    """A blank cell, with why it is blank (``-``, empty, ``#DIV/0!``, ``N/A``). RULES.md §1."""

    reason: MissingReason
    text: str

    @property
    def label(self) -> str:
        return self.reason.label


@dataclass(frozen=True)
class Ambiguous:
    """A number with two plausible readings (``1.234`` with no context). RULES.md §1:
    "otherwise report 'ambiguous', never guess silently". ``readings`` is (thousands
    reading, decimal reading); ``message`` says in Indonesian how to resolve it."""

    text: str
    readings: tuple[Decimal, ...]
    message: str


@dataclass(frozen=True)
class Figure:
    """A derived figure that may be undefined.

    ``value`` is unrounded; when it is None, ``reason`` says why in Indonesian (never a bare
    None, never a silent 0 — ARCHITECTURE.md "Conventions"). ``note`` carries an
    explanation for a defined value (e.g. a column that was empty and left out).
    Source: decision."""

    value: Decimal | None
    reason: str = ""
    note: str = ""

    def __post_init__(self) -> None:
        if self.value is None and not self.reason:
            raise ValueError("Figure tanpa nilai harus menyebut alasannya")

    @property
    def defined(self) -> bool:
        return self.value is not None

    @property
    def rounded(self) -> Decimal | None:
        return None if self.value is None else round_half_up(self.value)

    @property
    def display(self) -> str:
        if self.value is None:
            return self.reason
        return format_number(self.value, 2)


# --------------------------------------------------------------------------------------
# Cleaning
# --------------------------------------------------------------------------------------

_MARKUP = re.compile(r"<[^>]*>|\*\*|__")
_SPACES = re.compile(r"[\s\u00a0\u2007\u2009\u202f]+")
_DASHES = frozenset({"-", "--", "---", "- -", "–", "—", "−", "‒", "―"})
_SPREADSHEET = re.compile(
    r"#(?:DIV/0!?|REF!|VALUE!|N/A|NAME\?|NUM!|NULL!|SPILL!|CALC!|GETTING_DATA)|#{2,}",
    re.IGNORECASE,
)
_NOT_AVAILABLE = frozenset({"n/a", "na", "n.a", "n.a.", "n / a"})
_COMPARATOR = re.compile(r"^(≥|>=|=>|≤|<=|=<|>|<)\s*")
_COMPARATORS = {">=": "≥", "=>": "≥", "<=": "≤", "=<": "≤"}
_CURRENCY = re.compile(r"^(?:rp|idr)\s*\.?\s*", re.IGNORECASE)
_SIGN = re.compile(r"^[-−–]\s*")
_TRAILING_DASH = re.compile(r"[.,]?\s*[-−–]$")
_PERCENT_SUFFIX = re.compile(r"\s*(?:\(\s*%\s*\)|%)$")


def _normalise_text(text: str) -> str:
    return _SPACES.sub(" ", _MARKUP.sub("", text)).strip()


def _missing_reason(clean: str) -> MissingReason | None:
    if not clean:
        return MissingReason.EMPTY
    if clean in _DASHES:
        return MissingReason.DASH
    if _SPREADSHEET.fullmatch(clean):
        return MissingReason.SPREADSHEET_ERROR
    if clean.casefold() in _NOT_AVAILABLE:
        return MissingReason.NOT_AVAILABLE
    return None


@dataclass
class _Cleaned:
    numeral: str
    negative: bool
    percent: bool
    currency: bool
    comparator: str | None
    warnings: list[str]


def _clean(text: str, clean: str) -> _Cleaned:
    """Peel decoration off a printed number, leaving digits and separators only."""
    s = clean
    warnings: list[str] = []
    comparator: str | None = None
    m = _COMPARATOR.match(s)
    if m:
        comparator = _COMPARATORS.get(m.group(1), m.group(1))
        s = s[m.end() :]
        warnings.append(
            f"tanda '{comparator}': nilai ini batas, bukan nilai pasti; dipakai nilai batasnya"
        )
    negative = False
    percent = False
    currency = False
    changed = True
    while changed:
        changed = False
        m = _CURRENCY.match(s)
        if m:
            currency, s, changed = True, s[m.end() :], True
        m = _SIGN.match(s)
        if m and not negative and len(s) > m.end():
            negative, s, changed = True, s[m.end() :], True
        if s.startswith("+"):
            s, changed = s[1:].lstrip(), True
        if len(s) > 2 and s.startswith("(") and s.endswith(")") and not negative:
            negative, s, changed = True, s[1:-1].strip(), True
            warnings.append("angka dalam tanda kurung dibaca sebagai bilangan negatif")
    changed = True
    while changed:
        changed = False
        m = _PERCENT_SUFFIX.search(s)
        if m and m.start() > 0:
            percent, s, changed = True, s[: m.start()], True
        m = _TRAILING_DASH.search(s)
        if m and m.start() > 0 and any(c.isdigit() for c in s[: m.start()]):
            s, changed = s[: m.start()], True
        stripped = s.rstrip()
        if stripped != s:
            s, changed = stripped, True
    s = s.replace(" ", "")
    if not s or not re.fullmatch(r"[0-9.,]+", s) or not any(c.isdigit() for c in s):
        raise NumberFormatError(text, "bukan angka")
    # doubled separators: "665..00" → "665.00"
    for run in re.findall(r"[.,]{2,}", s):
        if len(set(run)) > 1:
            raise NumberFormatError(text, f"pemisah bercampur {run!r}")
        warnings.append(f"pemisah ganda {run!r} dibaca sebagai satu {run[0]!r}")
    s = re.sub(r"([.,])\1+", r"\1", s)
    if s[-1] in ".,":
        s = s[:-1]
    if s and s[0] in ".,":
        s = "0" + s
    if not s:
        raise NumberFormatError(text, "bukan angka")
    return _Cleaned(s, negative, percent, currency, comparator, warnings)


def _valid_grouping(groups: list[str]) -> bool:
    return 1 <= len(groups[0]) <= 3 and all(len(g) == 3 for g in groups[1:])


def _dec(integer_digits: str, fraction_digits: str = "") -> Decimal:
    if fraction_digits:
        return Decimal(f"{integer_digits}.{fraction_digits}")
    return Decimal(integer_digits)


@dataclass
class _Reading:
    value: Decimal
    convention: Convention | None
    warnings: list[str]


@dataclass
class _TwoReadings:
    thousands: Decimal
    decimal: Decimal
    sep: str


def _interpret(
    text: str, s: str, kind: ColumnKind, dominant: Convention | None
) -> _Reading | _TwoReadings:
    has_dot, has_comma = "." in s, "," in s
    if not has_dot and not has_comma:
        return _Reading(Decimal(s), None, [])
    if has_dot and has_comma:
        last = max(s.rfind("."), s.rfind(","))
        dec_sep = s[last]
        thou_sep = "," if dec_sep == "." else "."
        int_part, frac = s[:last], s[last + 1 :]
        if dec_sep in int_part:
            raise NumberFormatError(text, f"pemisah desimal {dec_sep!r} muncul lebih dari sekali")
        groups = int_part.split(thou_sep)
        if not _valid_grouping(groups):
            raise NumberFormatError(text, "kelompok ribuan tidak beraturan")
        convention = _convention_of_decimal(dec_sep)
        digits = "".join(groups)
        if len(frac) == 3:
            typo = _dec(digits + frac)
            if kind is ColumnKind.MONEY:
                return _Reading(
                    typo,
                    _convention_of_thousands(thou_sep),
                    [
                        f"{text!r} tampak salah ketik: tiga angka di belakang {dec_sep!r} pada "
                        f"kolom uang dibaca sebagai ribuan ({format_number(typo)})"
                    ],
                )
            if kind in (ColumnKind.COUNT, ColumnKind.UNKNOWN) and dominant != convention:
                return _TwoReadings(typo, _dec(digits, frac), dec_sep)
        return _Reading(_dec(digits, frac), convention, [])
    sep = "." if has_dot else ","
    groups = s.split(sep)
    if len(groups) > 2:
        if _valid_grouping(groups):
            return _Reading(Decimal("".join(groups)), _convention_of_thousands(sep), [])
        if _valid_grouping(groups[:-1]) and len(groups[-1]) == 2:
            return _Reading(
                _dec("".join(groups[:-1]), groups[-1]),
                _convention_of_thousands(sep),
                [
                    f"pemisah {sep!r} dipakai untuk ribuan dan desimal; dua angka terakhir dibaca "
                    "sebagai sen"
                ],
            )
        raise NumberFormatError(text, "kelompok ribuan tidak beraturan")
    left, right = groups
    could_be_thousands = len(right) == 3 and 1 <= len(left) <= 3 and not left.startswith("0")
    decimal_reading = _dec(left, right)
    if not could_be_thousands:
        return _Reading(decimal_reading, _convention_of_decimal(sep), [])
    thousands_reading = Decimal(left + right)
    if kind in (ColumnKind.MONEY, ColumnKind.COUNT):
        return _Reading(thousands_reading, _convention_of_thousands(sep), [])
    if kind in (ColumnKind.PERCENT, ColumnKind.MEASURE):
        return _Reading(decimal_reading, _convention_of_decimal(sep), [])
    if dominant is not None:
        if dominant.thousands_separator == sep:
            return _Reading(thousands_reading, dominant, [])
        return _Reading(decimal_reading, dominant, [])
    return _TwoReadings(thousands_reading, decimal_reading, sep)


def parse_number(
    text: str,
    kind: ColumnKind = ColumnKind.UNKNOWN,
    dominant: Convention | None = None,
) -> Number | Missing | Ambiguous:
    """Read one printed number (RULES.md §1 table; seeds 000 and 003).

    - ``14.817.179.710,00`` → 14817179710; ``3,379,675,000`` → 3379675000;
    - ``2,79 %`` → 2.79 with ``percent_sign``; ``74.91``/``81.125`` in a percent or measure
      column → decimals; ``2,746`` in a count column → 2746;
    - ``1.234`` with neither kind nor ``dominant`` convention → :class:`Ambiguous`;
    - ``245.000,000`` in a money column → 245000000 with a warning (typo);
    - ``-``, empty, ``#DIV/0!``, ``N/A`` → :class:`Missing` with the reason;
    - ``Rp. 4.875.918.410.00.-`` → 4875918410, ``Rp 4.543.184.665..00.-`` → 4543184665
      (decoration, doubled separators, cents written with the thousands separator);
    - ``-1758``, ``−1758`` and ``(1.234)`` are negative (decision: accounting parentheses
      are read as negative, with a warning); ``≥ 100`` reads as 100 with ``comparator='≥'``
      (decision: our own display of an unbounded achievement must read back);
    - spaces inside a number are ignored (``12 550`` → 12550).

    Raises :class:`NumberFormatError` naming the text when it is not a number (``htb``).
    """
    clean = _normalise_text(text)
    reason = _missing_reason(clean)
    if reason is not None:
        return Missing(reason, text)
    c = _clean(text, clean)
    effective = kind
    if effective is ColumnKind.UNKNOWN and c.currency:
        effective = ColumnKind.MONEY
    if effective is ColumnKind.UNKNOWN and c.percent:
        effective = ColumnKind.PERCENT
    reading = _interpret(text, c.numeral, effective, dominant)
    if isinstance(reading, _TwoReadings):
        readings = (reading.thousands, reading.decimal)
        if c.negative:
            readings = (reading.thousands.copy_negate(), reading.decimal.copy_negate())
        message = (
            f"{text!r} dapat dibaca {format_number(readings[0])} ({reading.sep!r} sebagai "
            f"pemisah ribuan) atau {format_number(readings[1])} ({reading.sep!r} sebagai "
            "pemisah desimal). Tentukan jenis kolomnya (uang/jumlah → ribuan; "
            "persen/rasio/indeks → desimal) atau konvensi angka yang dominan di tabel."
        )
        return Ambiguous(text, readings, message)
    # copy_negate/copy_abs are exact; unary minus would round to the context precision
    value = reading.value.copy_negate() if c.negative else reading.value
    if value == 0:
        value = value.copy_abs()
    warnings = c.warnings + reading.warnings
    if effective is ColumnKind.COUNT and value != value.to_integral_value():
        warnings.append("kolom jumlah (bilangan cacah) berisi angka pecahan")
    return Number(
        value=value,
        text=text,
        warnings=tuple(warnings),
        percent_sign=c.percent,
        convention=reading.convention,
        comparator=c.comparator,
    )


def _evidence(text: str) -> Convention | None:
    """The convention a single text proves on its own, if any."""
    clean = _normalise_text(text)
    if _missing_reason(clean) is not None:
        return None
    try:
        s = _clean(text, clean).numeral
    except NumberFormatError:
        return None
    has_dot, has_comma = "." in s, "," in s
    if has_dot and has_comma:
        return _convention_of_decimal(s[max(s.rfind("."), s.rfind(","))])
    if not has_dot and not has_comma:
        return None
    sep = "." if has_dot else ","
    groups = s.split(sep)
    if len(groups) > 2:
        return _convention_of_thousands(sep) if _valid_grouping(groups) else None
    left, right = groups
    if len(right) == 3 and 1 <= len(left) <= 3 and not left.startswith("0"):
        return None
    return _convention_of_decimal(sep)


def dominant_convention(texts: Iterable[str]) -> Convention | None:
    """The convention most of ``texts`` prove (``1.234,5``, ``2,79``, ``1.234.567`` prove
    Indonesian; ``1,234.5``, ``74.91``, ``19,632,500`` prove English); None on a tie or
    when no text proves anything. Source: RULES.md §1 ("the convention dominant in that
    table")."""
    votes = {Convention.INDONESIAN: 0, Convention.ENGLISH: 0}
    for text in texts:
        found = _evidence(text)
        if found is not None:
            votes[found] += 1
    if votes[Convention.INDONESIAN] > votes[Convention.ENGLISH]:
        return Convention.INDONESIAN
    if votes[Convention.ENGLISH] > votes[Convention.INDONESIAN]:
        return Convention.ENGLISH
    return None


# --------------------------------------------------------------------------------------
# Quantities and scores
# --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Quantity:
    """A number with its unit as printed (``30 orang``, ``2 dokument``, ``70%``). RULES.md §1."""

    number: Number | Missing | Ambiguous
    unit: str


_QUANTITY = re.compile(
    r"^(?P<cur>(?:rp|idr)\s*\.?\s*)?"
    r"(?P<num>[-−+(]?\s*\d(?:[\d.,]|\s(?=\d))*\)?)"
    r"\s*(?P<pct>%)?\s*(?P<unit>.*?)\s*$",
    re.IGNORECASE,
)

# Units whose values are counts (read ``1.000`` as a thousand). Source: units printed in
# seeds 000/003 (orang, dokumen/dokument, paket, unit, laporan, KK, KPM, PD, orsos, Kmp …).
COUNT_UNITS = frozenset(
    {
        "orang",
        "jiwa",
        "dokumen",
        "dokument",
        "laporan",
        "paket",
        "unit",
        "kk",
        "kpm",
        "lembaga",
        "kegiatan",
        "kali",
        "layanan",
        "pd",
        "orsos",
        "kmp",
        "kampung",
        "desa",
        "kelurahan",
        "kecamatan",
        "anak",
        "keluarga",
        "buah",
        "set",
        "berkas",
        "bulan",
        "hari",
        "tahun",
        "organisasi",
        "kelompok",
        "rumah",
        "titik",
        "eksemplar",
        "jenis",
        "sekolah",
        "perangkat",
        "opd",
        "kasus",
        "korban",
        "peserta",
        "lokasi",
    }
)
# Units whose values are measures (decimal reading). Source: seeds (point, indeks, nilai).
MEASURE_UNITS = frozenset({"indeks", "poin", "point", "nilai", "skor", "rasio", "per", "level"})


def _kind_from_unit(unit: str, percent: bool) -> ColumnKind:
    if percent or unit.strip() in {"%", "persen"}:
        return ColumnKind.PERCENT
    first = re.split(r"[\s/]+", unit.strip().casefold(), maxsplit=1)[0] if unit.strip() else ""
    if first in COUNT_UNITS:
        return ColumnKind.COUNT
    if first in MEASURE_UNITS:
        return ColumnKind.MEASURE
    return ColumnKind.UNKNOWN


def parse_quantity(text: str, kind: ColumnKind = ColumnKind.UNKNOWN) -> Quantity:
    """Split ``30 orang``, ``2 dokument``, ``700 point``, ``12550 KPM``, ``70%`` into a
    number and the unit as printed (RULES.md §1; seed 000 Tabel 3.2). When ``kind`` is
    UNKNOWN it is inferred from the unit (``orang`` → count, ``point`` → measure, ``%`` →
    percent, ``Rp`` → money). A blank (``-``) gives a Missing number and an empty unit.
    Raises NumberFormatError when the text does not start with a number."""
    clean = _normalise_text(text)
    reason = _missing_reason(clean)
    if reason is not None:
        return Quantity(Missing(reason, text), "")
    m = _QUANTITY.match(clean)
    if m is None:
        raise NumberFormatError(text, "tidak diawali angka")
    unit = m.group("unit")
    percent = m.group("pct") is not None
    currency = m.group("cur") is not None
    if kind is ColumnKind.UNKNOWN:
        kind = ColumnKind.MONEY if currency else _kind_from_unit(unit, percent)
    numeral = (m.group("cur") or "") + m.group("num") + ("%" if percent else "")
    number = parse_number(numeral, kind)
    if not unit:
        unit = "%" if percent else ("Rp" if currency else "")
    return Quantity(number, unit)


@dataclass(frozen=True)
class Score:
    """A score and/or an ordinal level as printed: ``BB (73,00)``, ``71,30 (BB)``,
    ``82,10 Madya``, ``Pratama``, ``74.91 (BB)``. ``note`` keeps a parenthesised remark
    that is not a score (``Madya (skor 601–700)``) or the reason a cell is blank.
    Source: RULES.md §1 and §3; seeds 000 Tabel 2.3, 003 Lampiran II."""

    value: Decimal | None
    level: str | None
    text: str
    note: str = ""

    @property
    def missing(self) -> bool:
        return self.value is None and self.level is None


_LEVEL = r"[A-Za-z][A-Za-z .]*?"
_NUM = r"[-+−]?\d[\d.,]*"
_SCORE_FORMS = (
    re.compile(rf"^(?P<level>{_LEVEL})\s*\(\s*(?P<inner>[^()]*?)\s*\)$"),
    re.compile(rf"^(?P<num>{_NUM})\s*\(\s*(?P<level>{_LEVEL})\s*\)$"),
    re.compile(rf"^(?P<num>{_NUM})\s*(?P<level>[A-Za-z][A-Za-z .]*)$"),
    re.compile(rf"^(?P<level>{_LEVEL})\s+(?P<num>{_NUM})$"),
    re.compile(r"^(?P<level>[A-Za-z][A-Za-z .]*)$"),
    re.compile(rf"^(?P<num>{_NUM})\s*%?$"),
)


def _score_value(text: str, numeral: str) -> Decimal:
    number = parse_number(numeral, ColumnKind.MEASURE)
    if not isinstance(number, Number):
        raise NumberFormatError(text, "nilai skor tidak terbaca")
    return number.value


def parse_score(text: str) -> Score:
    """Read a score and/or level (RULES.md §1 last row, §3 ordinal targets). Scores are
    measures, so ``74.91`` is 74,91. Raises NumberFormatError for unreadable text."""
    clean = _normalise_text(text)
    reason = _missing_reason(clean)
    if reason is not None:
        return Score(None, None, text, reason.label)
    for form in _SCORE_FORMS:
        m = form.match(clean)
        if m is None:
            continue
        groups = m.groupdict()
        level = " ".join(groups["level"].split()).strip(" .") if groups.get("level") else None
        inner = groups.get("inner")
        if inner is not None:
            try:
                return Score(_score_value(text, inner), level, text)
            except NumberFormatError:
                return Score(None, level, text, inner)
        value = _score_value(text, groups["num"]) if groups.get("num") else None
        return Score(value, level or None, text)
    raise NumberFormatError(text, "bukan skor atau tingkat (contoh: 'BB (73,00)', 'Madya')")


# --------------------------------------------------------------------------------------
# Rounding and display
# --------------------------------------------------------------------------------------


def round_half_up(value: Decimal, places: int = 2) -> Decimal:
    """Round for display only, half-up: 102,625 → 102,63 (RULES.md preamble; binary floats
    and Babel's half-even give 102,62). Negative zero is returned as zero."""
    quantum = Decimal(1).scaleb(-places)
    context = Context(prec=max(28, value.adjusted() + places + 3), rounding=ROUND_HALF_UP)
    result = value.quantize(quantum, context=context)
    return result.copy_abs() if result == 0 else result


@cache
def _symbols() -> tuple[str, str]:
    """Decimal and group symbols of the Indonesian locale (Babel CLDR data: ',' and '.')."""
    from babel.numbers import get_decimal_symbol, get_group_symbol

    return get_decimal_symbol("id"), get_group_symbol("id")


def format_number(value: Decimal | int, places: int | None = None) -> str:
    """Indonesian display: ``14.817.179.710``, ``92,31``. With ``places`` the value is
    rounded half-up to that many decimals; without, a Decimal keeps its own decimals
    (exact, so the text reads back to the same value). Source: RULES.md §1 "Display"."""
    decimal_symbol, group_symbol = _symbols()
    if isinstance(value, bool):
        raise TypeError("format_number menerima Decimal atau int, bukan bool")
    number = Decimal(value) if isinstance(value, int) else value
    if places is not None:
        number = round_half_up(number, places)
    else:
        exponent = number.as_tuple().exponent
        if isinstance(exponent, int) and exponent > 0:
            number = number.quantize(Decimal(1), context=Context(prec=number.adjusted() + 2))
    if number == 0:
        number = number.copy_abs()
    plain = format(number, "f")
    sign = ""
    if plain.startswith("-"):
        sign, plain = "-", plain[1:]
    integer, _, fraction = plain.partition(".")
    groups: list[str] = []
    while len(integer) > 3:
        groups.insert(0, integer[-3:])
        integer = integer[:-3]
    groups.insert(0, integer)
    result = sign + group_symbol.join(groups)
    if fraction:
        result += decimal_symbol + fraction
    return result


def format_value(value: Decimal | None) -> str:
    """A target or realisation for display: whole numbers without decimals, others with at
    least two and all they have (3,20; 98,79; 81,125). Source: decision (seed documents print
    targets this way)."""
    if value is None:
        return "—"
    if value == value.to_integral_value():
        return format_number(value, 0)
    exponent = value.normalize().as_tuple().exponent
    places = max(2, -exponent) if isinstance(exponent, int) else 2
    return format_number(value, places)


def format_percent(value: Decimal, places: int = 2) -> str:
    """A percentage for display, without the sign: 92,3099… → ``92,31`` (RULES.md §1)."""
    return format_number(value, places)


def format_signed(value: Decimal, places: int = 2) -> str:
    """A signed change for display: ``+0,44``, ``-1,17``, ``0,00`` (RULES.md §7)."""
    text = format_number(value, places)
    rounded = round_half_up(value, places)
    return "+" + text if rounded > 0 else text


def format_money(amount: int, cents: bool = True) -> str:
    """Rupiah for display: ``Rp 14.817.179.710,00`` (``cents=False``: ``Rp 14.817.179.710``).
    Money is whole rupiah; ``,00`` is display only (RULES.md preamble). Negative amounts
    print as ``-Rp 1.000,00`` (decision, CLDR ``id`` currency pattern)."""
    if isinstance(amount, bool) or not isinstance(amount, int):
        raise TypeError("format_money menerima rupiah bulat (int)")
    body = format_number(abs(amount), 2 if cents else None)
    return ("-" if amount < 0 else "") + "Rp " + body


def number_in_words(n: int) -> str:
    """A whole number in Indonesian words, ``6`` → ``enam`` (num2words ``lang='id'``;
    RULES.md §1, DOCUMENTS.md "{n in words}")."""
    from num2words import num2words

    return str(num2words(n, lang="id"))


def money_in_words(amount: int) -> str:
    """Rupiah in words: ``empat belas miliar delapan ratus tujuh belas juta … rupiah``
    (num2words ``lang='id'``; RULES.md §1)."""
    return f"{number_in_words(amount)} rupiah"
