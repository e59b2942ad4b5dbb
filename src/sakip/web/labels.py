"""Labels that sakip.rules produces as data (scale classes, scale names, achievement flags and
reasons, the goal/objective level of a row), said in the interface language at display time.

sakip.rules stays free of Django and its labels stay Indonesian: generated documents print them
as they are. Pages show them through the template filters `ui_label` / `ui_reason`
(sakip_format), which look them up here; a label not listed is shown unchanged.
tests/web/test_language.py checks that every class of every scale in sakip.rules.scales.SCALES,
every scale name and every achievement flag is listed, and that each key is its msgid."""

from __future__ import annotations

import re
from collections.abc import Callable

from django.utils.functional import Promise
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from sakip.rules import achievement, averages
from sakip.rules import renja as rules_renja

RULE_LABELS: dict[str, Promise] = {
    # the level of a row of the key indicator table (sakip.figures)
    "Tujuan": _("Tujuan"),
    "Sasaran": _("Sasaran"),
    # Permendagri 86/2017
    "Sangat Rendah": _("Sangat Rendah"),
    "Rendah": _("Rendah"),
    "Sedang": _("Sedang"),
    "Tinggi": _("Tinggi"),
    "Sangat Tinggi": _("Sangat Tinggi"),
    # Permendagri 54/2010 as printed in LKjIP
    "Sangat kurang": _("Sangat kurang"),
    "Kurang": _("Kurang"),
    "Cukup": _("Cukup"),
    "Baik": _("Baik"),
    "Sangat baik": _("Sangat baik"),
    # predikat
    "Tidak tercapai": _("Tidak tercapai"),
    "Tercapai": _("Tercapai"),
    "Melebihi target": _("Melebihi target"),
    # budget effectiveness and efficiency
    "Tidak Efektif": _("Tidak Efektif"),
    "Kurang Efektif": _("Kurang Efektif"),
    "Cukup Efektif": _("Cukup Efektif"),
    "Efektif": _("Efektif"),
    "Sangat Efektif": _("Sangat Efektif"),
    "Sangat Efisien": _("Sangat Efisien"),
    "Efisien": _("Efisien"),
    "Cukup Efisien": _("Cukup Efisien"),
    "Kurang Efisien": _("Kurang Efisien"),
    "Tidak Efisien": _("Tidak Efisien"),
    # (SAKIP grades are letters, AA … D: the same in both languages, not listed)
    # scale names
    "Kategori capaian kinerja Permendagri 86/2017": _("Kategori capaian kinerja Permendagri 86/2017"),
    'Kategori capaian kinerja ("Permendagri 54/2010" seperti dicetak di LKjIP)':
        _('Kategori capaian kinerja ("Permendagri 54/2010" seperti dicetak di LKjIP)'),
    "Predikat capaian kinerja": _("Predikat capaian kinerja"),
    "Efektivitas anggaran": _("Efektivitas anggaran"),
    "Efisiensi anggaran (varian Mahsun)": _("Efisiensi anggaran (varian Mahsun)"),
    "Efisiensi sumber daya (bentuk rasio capaian / serapan)":
        _("Efisiensi sumber daya (bentuk rasio capaian / serapan)"),
    "Predikat nilai evaluasi SAKIP": _("Predikat nilai evaluasi SAKIP"),
    # achievement flags and reasons
    "capaian tidak wajar (|C| > 200 %)": _("capaian tidak wajar (|C| > 200 %)"),
    "indikator persentase perubahan dengan target di bawah 1":
        _("indikator persentase perubahan dengan target di bawah 1"),
    "target atau realisasi bernilai negatif": _("target atau realisasi bernilai negatif"),
    achievement.REASON_TARGET_MISSING: _("tidak dapat dihitung (target nol/kosong)"),
    achievement.REASON_NO_REALISATION: _("belum ada realisasi"),
    achievement.REASON_AT_LEAST_100: _("capaian ≥ 100 (realisasi nol pada indikator negatif)"),
    averages.REASON_NOTHING_TO_AVERAGE: _("tidak dapat dihitung (tidak ada capaian yang dapat dirata-ratakan)"),
    # budget ratios without a denominator (sakip.rules.budget)
    "tidak dapat dihitung (pagu nol)": _("tidak dapat dihitung (pagu nol)"),
    "tidak dapat dihitung (anggaran nol)": _("tidak dapat dihitung (anggaran nol)"),
    "tidak dapat dihitung (realisasi nol)": _("tidak dapat dihitung (realisasi nol)"),
    "tidak dapat dihitung (serapan nol)": _("tidak dapat dihitung (serapan nol)"),
    "tidak dapat dihitung (alokasi nol)": _("tidak dapat dihitung (alokasi nol)"),
    "tidak dapat dihitung (penyebut negatif)": _("tidak dapat dihitung (penyebut negatif)"),
    # the Renstra money of a line (sakip.rules.renja.renstra_money)
    rules_renja.NO_RENSTRA_MONEY: _("pagu akhir periode Renstra belum diisi"),
    "jumlah rinciannya": _("jumlah rinciannya"),
}

#: Reasons with figures or codes in them: (the rules' wording as a pattern, its re-wording).
_PATTERNS: list[tuple[re.Pattern[str], Callable[[re.Match[str]], str]]] = [
    (re.compile(re.escape(rules_renja.NO_RENSTRA_MONEY)
                + r" untuk (?P<n>\d+) dari (?P<of>\d+) rinciannya \((?P<codes>.*)\)$"),
     lambda m: gettext("pagu akhir periode Renstra belum diisi untuk %(n)s dari %(of)s rinciannya "
                       "(%(codes)s)") % m.groupdict()),
    (re.compile(r"^berbeda dari jumlah rinciannya \((?P<sum>[^)]*)\); dipakai pagu yang tercantum$"),
     lambda m: gettext("berbeda dari jumlah rinciannya (%(sum)s); dipakai pagu yang tercantum")
     % m.groupdict()),
]

_EXCLUDED = "dikecualikan: "
_TRAILER = re.compile(r"^(?P<body>.*?)(?P<trailer> \(C(?: = [^)]*)?\))?$")


def rule_label(text: object) -> str:
    """One label of the rules in the interface language (unchanged when not listed)."""
    if not isinstance(text, str):
        return "" if text is None else str(text)
    found = RULE_LABELS.get(text)
    return str(found) if found is not None else text


_NAMED_LEVEL = re.compile(r"^(?P<name>.*) \((?P<level>Tujuan|Sasaran) (?P<number>[^()]*)\)$")


def rule_name(text: object) -> str:
    """“Indicator (Tujuan 1)”, as sakip.figures names an indicator beside the mean, with the
    level in the interface language."""
    if not isinstance(text, str):
        return "" if text is None else str(text)
    match = _NAMED_LEVEL.match(text)
    if match is None:
        return text
    return f"{match['name']} ({rule_label(match['level'])} {match['number']})"


def rule_reason(text: object) -> str:
    """A reason from the rules: a listed label, or “dikecualikan: a; b (C = …)” with each part
    said in the interface language."""
    if not isinstance(text, str):
        return "" if text is None else str(text)
    if text in RULE_LABELS:
        return rule_label(text)
    for pattern, reword in _PATTERNS:
        match = pattern.match(text)
        if match:
            return reword(match)
    if not text.startswith(_EXCLUDED):
        return text
    match = _TRAILER.match(text[len(_EXCLUDED):])
    assert match is not None  # the pattern matches any text
    parts = [rule_label(part) for part in match["body"].split("; ")]
    return gettext("dikecualikan: %(reasons)s") % {"reasons": "; ".join(parts)} + (match["trailer"] or "")
