"""The "Metode pengukuran" text printed in every report (RULES.md preamble: every rule is
printed so that a reader can recompute any figure by hand).

:func:`method_text` assembles the Indonesian description of the formulas, rounding,
undefined cases, averages and category scales from the same data the computations use,
for the choices a region made (lower-is-better method, achievement scale, cap).
"""

from __future__ import annotations

from decimal import Decimal

from sakip.rules.achievement import LowerIsBetterMethod
from sakip.rules.numbers import format_number
from sakip.rules.scales import (
    BUDGET_EFFECTIVENESS,
    BUDGET_EFFICIENCY_MAHSUN,
    PERMENDAGRI_54_2010,
    PREDIKAT,
    SCALES,
    Scale,
)

__all__ = ["method_text"]


def _scale_block(scale: Scale) -> str:
    lines = [f"{scale.name} (sumber: {scale.source}):"]
    lines += [f"  - {line}" for line in scale.describe().splitlines()]
    if scale.note:
        lines.append(f"  Catatan: {scale.note}")
    return "\n".join(lines)


def method_text(
    *,
    lower_is_better_method: LowerIsBetterMethod = LowerIsBetterMethod.INVERSE,
    achievement_scale: Scale | str = PERMENDAGRI_54_2010,
    cap: Decimal | None = None,
    include_budget: bool = True,
) -> str:
    """Indonesian text of the measurement method for a report (RULES.md §3–§5).

    ``achievement_scale`` is a :class:`Scale` or its key in :data:`SCALES`
    (``permendagri-54-2010`` or ``permendagri-86-2017``); ``cap`` is the region's
    maximum C before averaging, if any. Raises KeyError for an unknown scale key."""
    scale = SCALES[achievement_scale] if isinstance(achievement_scale, str) else achievement_scale
    if lower_is_better_method is LowerIsBetterMethod.INVERSE:
        negative = (
            "Indikator negatif (makin kecil makin baik): C = T / R × 100 (metode kebalikan, "
            "seperti dipakai LKjIP; contoh 3,20 / 4,45 × 100 = 71,91). Bila realisasi nol, "
            'capaian ditulis "≥ 100" dan dalam rata-rata dihitung 100.'
        )
    else:
        negative = (
            "Indikator negatif (makin kecil makin baik): C = (2T − R) / T × 100 (pedoman LAN)."
        )
    averaging = (
        "Capaian sasaran/tujuan = rata-rata sederhana (tanpa bobot) capaian indikatornya. "
        "Indikator yang capaiannya tidak dapat dihitung atau tidak wajar (|C| > 200 %, atau "
        "indikator persentase perubahan dengan target di bawah 1) tidak ikut dirata-ratakan "
        "dan disebutkan di bawah rata-rata."
    )
    if cap is not None:
        averaging += (
            f" Sebelum dirata-ratakan, setiap capaian dibatasi paling tinggi {format_number(cap)}."
        )
    sections = [
        "Metode pengukuran",
        "1. Capaian kinerja (C, %) dihitung dari target (T) dan realisasi (R):\n"
        "   - Indikator positif (makin besar makin baik): C = R / T × 100.\n"
        f"   - {negative}\n"
        "   - Target berupa rentang a–b: C = 100 bila a ≤ R ≤ b; di luar rentang R / a × 100 "
        "(positif) atau b / R × 100 (negatif).\n"
        "   - Target berupa tingkat (APE, KLA, predikat AKIP): C = peringkat realisasi / "
        "peringkat target × 100; bila target dan realisasi sama-sama bernilai skor "
        "(misalnya BB (73,00)), yang dibandingkan adalah skornya.\n"
        '   - Target nol atau kosong: "tidak dapat dihitung (target nol/kosong)"; realisasi '
        'kosong: "belum ada realisasi".',
        "2. Semua perhitungan memakai nilai persis; pembulatan hanya untuk tampilan, ke dua "
        "desimal dengan pembulatan setengah ke atas (82,10 / 80 × 100 = 102,625 → 102,63).",
        f"3. {averaging}",
        "4. Kategori capaian:\n" + _scale_block(scale),
        "5. Predikat (pada capaian yang sudah dibulatkan):\n" + _scale_block(PREDIKAT),
    ]
    if include_budget:
        sections.append(
            "6. Anggaran: nilai induk (program, kegiatan) adalah jumlah sub kegiatannya. "
            "Serapan = realisasi / pagu × 100 terhadap pagu versi terakhir.\n"
            + _scale_block(BUDGET_EFFECTIVENESS)
            + "\n"
            + _scale_block(BUDGET_EFFICIENCY_MAHSUN)
            + "\n  Belanja langsung = total belanja − gaji dan tunjangan ASN."
        )
    return "\n\n".join(sections)
