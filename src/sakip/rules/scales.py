"""RULES.md §5 — category scales, as data.

Every scale is a tuple of half-open, gap-free :class:`Band` s with its source; one generic
:func:`classify` puts any value in exactly one band (checked when the scale is built). A
value exactly on a printed boundary goes to the class whose printed range contains it.

Also here: the predikat of seed 003 Tabel 3.1 and the SAKIP evaluation components and grade
(PermenPAN-RB 88/2021, older PermenPAN-RB 12/2015).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal

from sakip.rules.numbers import format_number, round_half_up

__all__ = [
    "BUDGET_EFFECTIVENESS",
    "BUDGET_EFFICIENCY_MAHSUN",
    "PERMENDAGRI_54_2010",
    "PERMENDAGRI_86_2017",
    "PREDIKAT",
    "RESOURCE_EFFICIENCY_RATIO",
    "SAKIP_2015",
    "SAKIP_2021",
    "SAKIP_FRAMEWORKS",
    "SAKIP_GRADE",
    "SCALES",
    "Band",
    "SakipComponent",
    "SakipFramework",
    "SakipScoreError",
    "Scale",
    "category",
    "classify",
    "predikat",
    "sakip_grade",
    "sakip_total",
]


@dataclass(frozen=True)
class Band:
    """One class of a scale: ``lower`` (<|≤) value (<|≤) ``upper``; None = unbounded."""

    label: str
    lower: Decimal | None
    lower_inclusive: bool
    upper: Decimal | None
    upper_inclusive: bool

    def contains(self, value: Decimal) -> bool:
        below = self.lower is not None and (
            value < self.lower or (value == self.lower and not self.lower_inclusive)
        )
        above = self.upper is not None and (
            value > self.upper or (value == self.upper and not self.upper_inclusive)
        )
        return not (below or above)

    def describe(self, symbol: str = "C") -> str:
        """``75 < C ≤ 90``, ``C > 90``, ``C ≤ 50``, ``C = 100``."""
        if self.lower is not None and self.lower == self.upper:
            return f"{symbol} = {format_number(self.lower)}"
        if self.lower is None and self.upper is None:
            return f"semua nilai {symbol}"
        if self.lower is None:
            assert self.upper is not None
            return f"{symbol} {'≤' if self.upper_inclusive else '<'} {format_number(self.upper)}"
        if self.upper is None:
            return f"{symbol} {'≥' if self.lower_inclusive else '>'} {format_number(self.lower)}"
        return (
            f"{format_number(self.lower)} {'≤' if self.lower_inclusive else '<'} {symbol} "
            f"{'≤' if self.upper_inclusive else '<'} {format_number(self.upper)}"
        )


@dataclass(frozen=True)
class Scale:
    """A named category scale: bands in ascending order, with source and note.

    Construction checks the bands are gap-free and non-overlapping over all values (the
    first is unbounded below, the last above, and each boundary belongs to exactly one
    side). Source: RULES.md §5."""

    key: str
    name: str
    source: str
    note: str
    bands: tuple[Band, ...]
    symbol: str = "C"

    def __post_init__(self) -> None:
        bands = self.bands
        if not bands:
            raise ValueError(f"skala {self.key}: tidak ada kelas")
        if bands[0].lower is not None or bands[-1].upper is not None:
            raise ValueError(f"skala {self.key}: kelas pertama/terakhir harus tak terbatas")
        for below, above in zip(bands, bands[1:], strict=False):
            if below.upper is None or above.lower is None or below.upper != above.lower:
                raise ValueError(f"skala {self.key}: celah antara {below.label}/{above.label}")
            if below.upper_inclusive == above.lower_inclusive:
                raise ValueError(
                    f"skala {self.key}: batas {below.upper} harus milik tepat satu kelas"
                )
        for band in bands:
            if (
                band.lower is not None
                and band.upper is not None
                and (
                    band.lower > band.upper
                    or (
                        band.lower == band.upper
                        and not (band.lower_inclusive and band.upper_inclusive)
                    )
                )
            ):
                raise ValueError(f"skala {self.key}: kelas {band.label} kosong")

    @property
    def labels(self) -> tuple[str, ...]:
        """Labels from the highest class down, as the documents print them."""
        return tuple(band.label for band in reversed(self.bands))

    def describe(self) -> str:
        """One line per class, highest first: ``Sangat Tinggi: C > 90``."""
        return "\n".join(
            f"{band.label}: {band.describe(self.symbol)}" for band in reversed(self.bands)
        )


def classify(scale: Scale, value: Decimal) -> Band:
    """The one band of ``scale`` that contains ``value`` (RULES.md §5). The value is used
    as given; reports pass the rounded value they print (see :func:`category`)."""
    for band in scale.bands:
        if band.contains(value):
            return band
    raise AssertionError(f"skala {scale.key} tidak mencakup {value}")  # pragma: no cover


def category(scale: Scale, value: Decimal, places: int = 2) -> str:
    """Label of the class of ``value`` rounded half-up to ``places`` decimals, so that the
    category always agrees with the printed figure (decision: 89,996 prints 90,00 and is
    classed as 90,00)."""
    return classify(scale, round_half_up(value, places)).label


def _d(text: str) -> Decimal:
    return Decimal(text)


def _ascending(*specs: tuple[str, str | None, bool, str | None, bool]) -> tuple[Band, ...]:
    return tuple(
        Band(label, None if lo is None else _d(lo), lo_inc, None if hi is None else _d(hi), hi_inc)
        for label, lo, lo_inc, hi, hi_inc in specs
    )


PERMENDAGRI_86_2017 = Scale(
    key="permendagri-86-2017",
    name="Kategori capaian kinerja Permendagri 86/2017",
    source="Permendagri 86/2017 (evaluasi hasil Renja/RKPD)",
    note=(
        "Regulasi mencetak pita bilangan bulat (91–100, 76–90, …) sehingga 90,5 tidak "
        "terdefinisi; di sini batas dibuat setengah terbuka: nilai tepat pada batas masuk "
        "kelas yang rentang cetaknya memuatnya (keputusan)."
    ),
    bands=_ascending(
        ("Sangat Rendah", None, False, "50", True),
        ("Rendah", "50", False, "65", True),
        ("Sedang", "65", False, "75", True),
        ("Tinggi", "75", False, "90", True),
        ("Sangat Tinggi", "90", False, None, False),
    ),
)

PERMENDAGRI_54_2010 = Scale(
    key="permendagri-54-2010",
    name='Kategori capaian kinerja ("Permendagri 54/2010" seperti dicetak di LKjIP)',
    source="Permendagri 54/2010 sebagaimana dicetak LKjIP (seed 003 Tabel 3.2)",
    note=(
        'Tercetak ">90" dan "75 – 89,99" sehingga 90,00 tidak terdefinisi; di sini '
        "C = 90 termasuk Sangat baik (keputusan)."
    ),
    bands=_ascending(
        ("Sangat kurang", None, False, "50", False),
        ("Kurang", "50", True, "65", False),
        ("Cukup", "65", True, "75", False),
        ("Baik", "75", True, "90", False),
        ("Sangat baik", "90", True, None, False),
    ),
)

PREDIKAT = Scale(
    key="predikat",
    name="Predikat capaian kinerja",
    source="Seed 003 Tabel 3.1 (petunjuk pelaksanaan evaluasi AKIP)",
    note="Diterapkan pada capaian yang sudah dibulatkan (2 desimal, pembulatan ke atas).",
    bands=_ascending(
        ("Tidak tercapai", None, False, "100", False),
        ("Tercapai", "100", True, "100", True),
        ("Melebihi target", "100", False, None, False),
    ),
)

BUDGET_EFFECTIVENESS = Scale(
    key="budget-effectiveness",
    name="Efektivitas anggaran",
    source="Kepmendagri 690.900.327/1996; seed 003 (Mahsun 2009)",
    note="E = realisasi / anggaran × 100.",
    bands=_ascending(
        ("Tidak Efektif", None, False, "60", False),
        ("Kurang Efektif", "60", True, "80", False),
        ("Cukup Efektif", "80", True, "90", False),
        ("Efektif", "90", True, "100", True),
        ("Sangat Efektif", "100", False, None, False),
    ),
    symbol="E",
)

BUDGET_EFFICIENCY_MAHSUN = Scale(
    key="budget-efficiency-mahsun",
    name="Efisiensi anggaran (varian Mahsun)",
    source="Mahsun (2009) sebagaimana dipakai seed 003 Tabel 3.48",
    note=(
        "F = realisasi belanja langsung / realisasi seluruh belanja × 100; pembilangnya "
        "realisasi, bukan pagu (seed 003 memakai pagu dan mencetak 56,38, aturan "
        "memberi 49,20)."
    ),
    bands=_ascending(
        ("Sangat Efisien", None, False, "60", False),
        ("Efisien", "60", True, "80", False),
        ("Cukup Efisien", "80", True, "90", False),
        ("Kurang Efisien", "90", True, "100", True),
        ("Tidak Efisien", "100", False, None, False),
    ),
    symbol="F",
)

RESOURCE_EFFICIENCY_RATIO = Scale(
    key="resource-efficiency-ratio",
    name="Efisiensi sumber daya (bentuk rasio capaian / serapan)",
    source="Praktik LKjIP (seed 003 Lampiran III: kolom Efisien / Tidak Efisien)",
    note="Rasio ≥ 1 berarti hasil setidaknya sebanding dengan dana yang dipakai (keputusan).",
    bands=_ascending(
        ("Tidak Efisien", None, False, "1", False),
        ("Efisien", "1", True, None, False),
    ),
    symbol="rasio",
)

SAKIP_GRADE = Scale(
    key="sakip-grade",
    name="Predikat nilai evaluasi SAKIP",
    source="PermenPAN-RB 88/2021 tentang Evaluasi Akuntabilitas Kinerja Instansi Pemerintah",
    note='Nilai 0–100; batas ditulis "> 90" dan seterusnya.',
    bands=_ascending(
        ("D", None, False, "30", True),
        ("C", "30", False, "50", True),
        ("CC", "50", False, "60", True),
        ("B", "60", False, "70", True),
        ("BB", "70", False, "80", True),
        ("A", "80", False, "90", True),
        ("AA", "90", False, None, False),
    ),
    symbol="nilai",
)

SCALES: dict[str, Scale] = {
    scale.key: scale
    for scale in (
        PERMENDAGRI_86_2017,
        PERMENDAGRI_54_2010,
        PREDIKAT,
        BUDGET_EFFECTIVENESS,
        BUDGET_EFFICIENCY_MAHSUN,
        RESOURCE_EFFICIENCY_RATIO,
        SAKIP_GRADE,
    )
}


def predikat(achievement_rounded: Decimal) -> str:
    """``Tidak tercapai`` (< 100), ``Tercapai`` (= 100) or ``Melebihi target`` (> 100), on the
    rounded C (seed 003 Tabel 3.1). The value is rounded half-up to 2 decimals here too, so
    an unrounded 99,996 (printed 100,00) is ``Tercapai``."""
    return category(PREDIKAT, achievement_rounded)


# --------------------------------------------------------------------------------------
# SAKIP evaluation
# --------------------------------------------------------------------------------------


class SakipScoreError(ValueError):
    """Component scores that do not fit the framework (unknown, missing or out of range)."""


@dataclass(frozen=True)
class SakipComponent:
    """One component of the SAKIP evaluation with its weight (points out of 100) and its
    sub-components as shares (percent) of that weight."""

    key: str
    name: str
    weight: Decimal
    parts: tuple[tuple[str, Decimal], ...] = ()

    @property
    def part_weights(self) -> tuple[tuple[str, Decimal], ...]:
        """Sub-component weights in points: Perencanaan 30 → 6 / 9 / 15."""
        return tuple((name, self.weight * share / 100) for name, share in self.parts)


@dataclass(frozen=True)
class SakipFramework:
    """A SAKIP evaluation framework (components and weights) with its source."""

    key: str
    name: str
    source: str
    components: tuple[SakipComponent, ...]

    def __post_init__(self) -> None:
        if sum((c.weight for c in self.components), Decimal(0)) != 100:
            raise ValueError(f"{self.key}: bobot komponen harus berjumlah 100")
        for component in self.components:
            if component.parts and sum((s for _, s in component.parts), Decimal(0)) != 100:
                raise ValueError(f"{self.key}/{component.key}: bagian harus berjumlah 100 %")

    def component(self, key: str) -> SakipComponent:
        for candidate in self.components:
            if candidate.key == key:
                return candidate
        raise SakipScoreError(f"Komponen SAKIP {key!r} tidak ada pada {self.name}")


_PARTS_2021 = (
    ("Pemenuhan", Decimal(20)),
    ("Kualitas", Decimal(30)),
    ("Implementasi", Decimal(50)),
)

SAKIP_2021 = SakipFramework(
    key="permenpan-rb-88-2021",
    name="Evaluasi AKIP menurut PermenPAN-RB 88/2021",
    source="PermenPAN-RB 88/2021 tentang Evaluasi Akuntabilitas Kinerja Instansi Pemerintah",
    components=(
        SakipComponent("perencanaan", "Perencanaan Kinerja", Decimal(30), _PARTS_2021),
        SakipComponent("pengukuran", "Pengukuran Kinerja", Decimal(30), _PARTS_2021),
        SakipComponent("pelaporan", "Pelaporan Kinerja", Decimal(15), _PARTS_2021),
        SakipComponent(
            "evaluasi", "Evaluasi Akuntabilitas Kinerja Internal", Decimal(25), _PARTS_2021
        ),
    ),
)

SAKIP_2015 = SakipFramework(
    key="permenpan-rb-12-2015",
    name="Evaluasi AKIP menurut PermenPAN-RB 12/2015",
    source="PermenPAN-RB 12/2015 tentang Pedoman Evaluasi atas Implementasi SAKIP",
    components=(
        SakipComponent("perencanaan", "Perencanaan Kinerja", Decimal(30)),
        SakipComponent("pengukuran", "Pengukuran Kinerja", Decimal(25)),
        SakipComponent("pelaporan", "Pelaporan Kinerja", Decimal(15)),
        SakipComponent("evaluasi", "Evaluasi Internal", Decimal(10)),
        SakipComponent("capaian", "Capaian Kinerja", Decimal(20)),
    ),
)

SAKIP_FRAMEWORKS: dict[str, SakipFramework] = {f.key: f for f in (SAKIP_2021, SAKIP_2015)}


def sakip_total(
    component_scores: Mapping[str, Decimal], framework: SakipFramework = SAKIP_2021
) -> Decimal:
    """Total SAKIP score = Σ component scores (PermenPAN-RB 88/2021; 12/2015 for historical
    scores). Each key must be a component of ``framework``, every component must be
    scored, and each score must lie in [0, weight]; otherwise SakipScoreError."""
    expected = {c.key for c in framework.components}
    unknown = set(component_scores) - expected
    if unknown:
        raise SakipScoreError(
            f"Komponen {', '.join(sorted(unknown))} tidak ada pada {framework.name}"
        )
    missing = expected - set(component_scores)
    if missing:
        raise SakipScoreError(f"Nilai komponen {', '.join(sorted(missing))} belum diisi")
    total = Decimal(0)
    for key, score in component_scores.items():
        component = framework.component(key)
        if not 0 <= score <= component.weight:
            raise SakipScoreError(
                f"Nilai {component.name} {format_number(score)} di luar 0–"
                f"{format_number(component.weight)}"
            )
        total += score
    return total


def sakip_grade(total: Decimal) -> str:
    """AA (> 90), A (> 80), BB (> 70), B (> 60), CC (> 50), C (> 30), D (≤ 30) —
    PermenPAN-RB 88/2021, applied to the total rounded to 2 decimals."""
    return category(SAKIP_GRADE, total)
