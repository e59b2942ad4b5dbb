"""RULES.md §2 — nomenclature codes (Permendagri 90/2019; Kepmendagri 050-5889/2021 and later
editions).

Canonical form ``U.BB.PP.K.KK.SSSS``: urusan . bidang urusan . program . authority digit
(2 = kabupaten/kota, 1 = provinsi) . kegiatan . sub kegiatan. :func:`normalise_code` reads
every form seen in real documents into a :class:`Code`; :class:`Code` knows its level, its
parent and its ancestors.

Decisions (RULES.md leaves them open):

- The cross-affair placeholder of the penunjang programme is canonically ``X.XX`` (as
  Permendagri 90/2019 writes it, ``X.XX.01``); ``0.00.01`` as printed in seed 003
  Lampiran XII is read as the same code.
- A sub kegiatan keeps the width it was written with (2 digits in the 2019 edition, 4 in
  later ones): ``01`` and ``0001`` are different codes because editions renumber.
  A 3-digit sub kegiatan (``2.08.04.2.02.002``) is taken as a 4-digit one that lost a
  leading zero (``0002``); a 1-digit one as 2 digits.
- Two parts without an authority digit (``6.01``) are read as bidang.program, the Renja
  practice of seed 000, when the bidang names one urusan; otherwise, when they name a
  bidang of :data:`AFFAIRS` (``1.06``, ``2.08``), as urusan.bidang. ``level`` forces
  either reading.
- A dropped urusan comes from the ``urusan`` argument, else from :data:`AFFAIRS` when the
  bidang number belongs to exactly one urusan, else :class:`CodeError`. The argument is
  only a fallback: an urusan written in the code wins.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from enum import IntEnum

__all__ = [
    "AFFAIRS",
    "AFFAIRS_SOURCE",
    "URUSAN_NAMES",
    "Affair",
    "Code",
    "CodeError",
    "Level",
    "normalise_code",
    "urusan_candidates",
]


class CodeError(ValueError):
    """A code that cannot be read; the message names the text and says why (RULES.md §2)."""

    def __init__(self, text: str, why: str) -> None:
        self.text = text
        self.why = why
        super().__init__(f"Kode {text!r} tidak dapat dibaca: {why}.")


class Level(IntEnum):
    """Level of a code in the nomenclature hierarchy (Permendagri 90/2019)."""

    URUSAN = 1
    BIDANG = 2
    PROGRAM = 3
    KEGIATAN = 4
    SUB_KEGIATAN = 5

    @property
    def label(self) -> str:
        return _LEVEL_LABELS[self]


_LEVEL_LABELS = {
    Level.URUSAN: "Urusan",
    Level.BIDANG: "Bidang Urusan",
    Level.PROGRAM: "Program",
    Level.KEGIATAN: "Kegiatan",
    Level.SUB_KEGIATAN: "Sub Kegiatan",
}


@dataclass(frozen=True)
class Affair:
    """One bidang urusan (or unsur) of Permendagri 90/2019: ``urusan``.``bidang`` and name."""

    urusan: str
    bidang: str
    name: str


AFFAIRS_SOURCE = (
    "Permendagri 90/2019 tentang Klasifikasi, Kodefikasi, dan Nomenklatur Perencanaan "
    "Pembangunan dan Keuangan Daerah, Lampiran: kode urusan pemerintahan wajib pelayanan "
    "dasar 1-1 … 1-6, wajib bukan pelayanan dasar 2-7 … 2-24, pilihan 3-25 … 3-32 (bidang "
    "dinomori berurutan lintas urusan 1–3); unsur pendukung 4.01–4.02, penunjang 5.01–5.05, "
    "pengawasan 6.01, kewilayahan 7.01, pemerintahan umum 8.01 (nomor bidang unsur mulai "
    "lagi dari 01)"
)

URUSAN_NAMES: dict[str, str] = {
    "1": "Urusan Pemerintahan Wajib yang Berkaitan dengan Pelayanan Dasar",
    "2": "Urusan Pemerintahan Wajib yang Tidak Berkaitan dengan Pelayanan Dasar",
    "3": "Urusan Pemerintahan Pilihan",
    "4": "Unsur Pendukung Urusan Pemerintahan",
    "5": "Unsur Penunjang Urusan Pemerintahan",
    "6": "Unsur Pengawasan Urusan Pemerintahan",
    "7": "Unsur Kewilayahan",
    "8": "Unsur Pemerintahan Umum",
    "X": "Lintas Urusan",
}

_GOVERNMENT_AFFAIRS = (
    ("1", "01", "Pendidikan"),
    ("1", "02", "Kesehatan"),
    ("1", "03", "Pekerjaan Umum dan Penataan Ruang"),
    ("1", "04", "Perumahan Rakyat dan Kawasan Permukiman"),
    ("1", "05", "Ketenteraman dan Ketertiban Umum serta Perlindungan Masyarakat"),
    ("1", "06", "Sosial"),
    ("2", "07", "Tenaga Kerja"),
    ("2", "08", "Pemberdayaan Perempuan dan Perlindungan Anak"),
    ("2", "09", "Pangan"),
    ("2", "10", "Pertanahan"),
    ("2", "11", "Lingkungan Hidup"),
    ("2", "12", "Administrasi Kependudukan dan Pencatatan Sipil"),
    ("2", "13", "Pemberdayaan Masyarakat dan Desa"),
    ("2", "14", "Pengendalian Penduduk dan Keluarga Berencana"),
    ("2", "15", "Perhubungan"),
    ("2", "16", "Komunikasi dan Informatika"),
    ("2", "17", "Koperasi, Usaha Kecil dan Menengah"),
    ("2", "18", "Penanaman Modal"),
    ("2", "19", "Kepemudaan dan Olahraga"),
    ("2", "20", "Statistik"),
    ("2", "21", "Persandian"),
    ("2", "22", "Kebudayaan"),
    ("2", "23", "Perpustakaan"),
    ("2", "24", "Kearsipan"),
    ("3", "25", "Kelautan dan Perikanan"),
    ("3", "26", "Pariwisata"),
    ("3", "27", "Pertanian"),
    ("3", "28", "Kehutanan"),
    ("3", "29", "Energi dan Sumber Daya Mineral"),
    ("3", "30", "Perdagangan"),
    ("3", "31", "Perindustrian"),
    ("3", "32", "Transmigrasi"),
)
_SUPPORTING_ELEMENTS = (
    ("4", "01", "Sekretariat Daerah"),
    ("4", "02", "Sekretariat DPRD"),
    ("5", "01", "Perencanaan"),
    ("5", "02", "Keuangan"),
    ("5", "03", "Kepegawaian"),
    ("5", "04", "Pendidikan dan Pelatihan"),
    ("5", "05", "Penelitian dan Pengembangan"),
    ("6", "01", "Inspektorat Daerah"),
    ("7", "01", "Kecamatan"),
    ("8", "01", "Kesatuan Bangsa dan Politik"),
)

# Bidang urusan → urusan, as data (source: AFFAIRS_SOURCE).
AFFAIRS: tuple[Affair, ...] = tuple(
    Affair(u, b, name) for u, b, name in _GOVERNMENT_AFFAIRS + _SUPPORTING_ELEMENTS
)
_GOVERNMENT_URUSAN = frozenset({"1", "2", "3"})


def urusan_candidates(bidang: str) -> tuple[str, ...]:
    """The urusan whose bidang list contains this bidang number (``06`` → ``("1",)``,
    ``01`` → six candidates). Source: :data:`AFFAIRS` (Permendagri 90/2019)."""
    number = bidang.zfill(2)
    return tuple(a.urusan for a in AFFAIRS if a.bidang == number)


def _affair(urusan: str, bidang: str) -> Affair | None:
    return next((a for a in AFFAIRS if a.urusan == urusan and a.bidang == bidang), None)


_URUSAN_RE = re.compile(r"[1-9X]")
_TWO_DIGITS = re.compile(r"\d\d")
_SUB_RE = re.compile(r"\d\d|\d{4}")


@dataclass(frozen=True, order=True)
class Code:
    """A nomenclature code; absent lower parts are None (RULES.md §2).

    ``str(code)`` and ``code.canonical`` give ``1.06.04.2.01.0001``. Codes order by their
    parts (a parent sorts before its children). Source: Permendagri 90/2019."""

    urusan: str = field(compare=False)
    bidang: str | None = field(default=None, compare=False)
    program: str | None = field(default=None, compare=False)
    authority: str | None = field(default=None, compare=False)
    activity: str | None = field(default=None, compare=False)
    sub_activity: str | None = field(default=None, compare=False)
    sort_key: tuple[str, ...] = field(init=False, repr=False, compare=True)

    def __post_init__(self) -> None:
        parts = self._parts()
        text = ".".join(p or "?" for p in parts)
        present = [p is not None for p in parts]
        if present != sorted(present, reverse=True):
            raise CodeError(text, "bagian kode harus berurutan tanpa lompatan")
        if (self.authority is None) != (self.activity is None):
            raise CodeError(text, "digit kewenangan dan nomor kegiatan harus ada bersama")
        if not _URUSAN_RE.fullmatch(self.urusan):
            raise CodeError(text, f"urusan {self.urusan!r} harus satu angka 1–9 atau X")
        if self.bidang is not None:
            placeholder = self.urusan == "X"
            if placeholder != (self.bidang == "XX"):
                raise CodeError(text, "penanda lintas urusan harus X.XX")
            if not placeholder and not _TWO_DIGITS.fullmatch(self.bidang):
                raise CodeError(text, f"bidang {self.bidang!r} harus dua angka")
        for name, part in (("program", self.program), ("kegiatan", self.activity)):
            if part is not None and not _TWO_DIGITS.fullmatch(part):
                raise CodeError(text, f"{name} {part!r} harus dua angka")
        if self.authority is not None and self.authority not in ("1", "2"):
            raise CodeError(text, f"digit kewenangan {self.authority!r} harus 1 atau 2")
        if self.sub_activity is not None and not _SUB_RE.fullmatch(self.sub_activity):
            raise CodeError(text, f"sub kegiatan {self.sub_activity!r} harus 2 atau 4 angka")
        object.__setattr__(self, "sort_key", tuple(p or "" for p in parts))

    def _parts(self) -> tuple[str | None, ...]:
        return (
            self.urusan,
            self.bidang,
            self.program,
            self.authority,
            self.activity,
            self.sub_activity,
        )

    @property
    def level(self) -> Level:
        if self.sub_activity is not None:
            return Level.SUB_KEGIATAN
        if self.activity is not None:
            return Level.KEGIATAN
        if self.program is not None:
            return Level.PROGRAM
        if self.bidang is not None:
            return Level.BIDANG
        return Level.URUSAN

    @property
    def canonical(self) -> str:
        return ".".join(p for p in self._parts() if p is not None)

    def __str__(self) -> str:
        return self.canonical

    @property
    def is_cross_affair(self) -> bool:
        """The ``X.XX`` placeholder of the penunjang programme (Permendagri 90/2019)."""
        return self.urusan == "X"

    @property
    def affair_name(self) -> str | None:
        """Name of the bidang urusan, when the code has one and it is in :data:`AFFAIRS`."""
        if self.bidang is None:
            return None
        found = _affair(self.urusan, self.bidang)
        return found.name if found else None

    def parent(self) -> Code | None:
        """The code one level up (kegiatan → program drops the authority digit too)."""
        level = self.level
        if level is Level.SUB_KEGIATAN:
            return Code(self.urusan, self.bidang, self.program, self.authority, self.activity)
        if level is Level.KEGIATAN:
            return Code(self.urusan, self.bidang, self.program)
        if level is Level.PROGRAM:
            return Code(self.urusan, self.bidang)
        if level is Level.BIDANG:
            return Code(self.urusan)
        return None

    def ancestors(self) -> tuple[Code, ...]:
        """Every code above this one, nearest first."""
        result: list[Code] = []
        current = self.parent()
        while current is not None:
            result.append(current)
            current = current.parent()
        return tuple(result)

    def at_level(self, level: Level) -> Code | None:
        """This code or its ancestor at ``level``; None when this code is above ``level``."""
        if self.level == level:
            return self
        return next((a for a in self.ancestors() if a.level == level), None)

    def is_ancestor_of(self, other: Code) -> bool:
        return self in other.ancestors()

    def with_affair(self, urusan: str, bidang: str) -> Code:
        """Replace the ``X.XX`` placeholder by a concrete urusan and bidang."""
        return Code(
            urusan,
            bidang.zfill(2),
            self.program,
            self.authority,
            self.activity,
            self.sub_activity,
        )


_PART_RE = re.compile(r"\d+|[Xx]+")


def _tokens(cells: Sequence[str], shown: str) -> list[str]:
    parts: list[str] = []
    for raw in cells:
        cell = re.sub(r"[\s\u00a0]+", " ", raw).strip().strip(".").strip()
        if not cell:
            continue
        for segment in cell.split("."):
            words = segment.split()
            if not words:
                raise CodeError(shown, "ada bagian kosong di antara titik")
            if len(words) > 1 and all(len(w) == 1 for w in words):
                # letter-spaced digits from PDF extraction: "0 1" → "01"
                parts.append("".join(words))
            else:
                parts.extend(words)
    for part in parts:
        if not _PART_RE.fullmatch(part):
            raise CodeError(shown, f"bagian {part!r} bukan angka")
    return [p.upper() for p in parts]


def _find_authority(parts: list[str]) -> int | None:
    n = len(parts)
    for i in (n - 3, n - 2):
        if i >= 1 and parts[i] in ("1", "2") and len(parts[i + 1]) == 2 and len(parts[i - 1]) == 2:
            return i
    return None


def _pad(part: str | None, width: int) -> str | None:
    if part is None:
        return None
    if set(part) == {"X"}:
        return "X" * width
    return part.zfill(width)


def normalise_code(
    text: str | Sequence[str],
    *,
    urusan: str | None = None,
    bidang: str | None = None,
    program: str | None = None,
    level: Level | None = None,
) -> Code:
    """Read a code as printed into its canonical :class:`Code` (RULES.md §2).

    Accepts ``6.01``, ``1.6.01``, ``06.01.2.01``, ``06.01.2.01.01``, ``2.08.04.2.02.002``,
    ``1.06.01.2.01.0001``, ``0.00.01`` / ``X.XX.01`` and codes split across cells, given as
    a sequence: ``["0 1", "2.0 6.", "0 9"]`` (seed 000 layout; the bidang comes from the
    ``bidang`` argument) or ``["1", "06", "2", "07", "09"]`` (seed 003 RKPD-P table, where
    the program column is dropped; pass ``program``).

    Missing parts come from the arguments; a missing urusan is inferred from the bidang
    when exactly one urusan has that bidang (:data:`AFFAIRS`). ``level``, when given, is the
    level the code must have (and reads ``1.06`` as urusan.bidang). Raises
    :class:`CodeError` naming the text and the reason.
    """
    cells = [text] if isinstance(text, str) else list(text)
    shown = text if isinstance(text, str) else " | ".join(cells)
    parts = _tokens(cells, shown)
    if not parts:
        raise CodeError(shown, "kosong")
    k = _find_authority(parts)
    u: str | None = None
    b: str | None = None
    p: str | None = None
    authority: str | None = None
    activity: str | None = None
    sub: str | None = None
    if k is not None:
        prefix = parts[:k]
        authority = parts[k]
        activity = parts[k + 1]
        sub = parts[k + 2] if k + 2 < len(parts) else None
        if len(prefix) == 3:
            u, b, p = prefix
        elif len(prefix) == 2 and program is not None and len(prefix[0]) == 1:
            u, b = prefix
        elif len(prefix) == 2:
            b, p = prefix
        elif len(prefix) == 1:
            p = prefix[0]
        else:
            raise CodeError(shown, "terlalu banyak bagian sebelum digit kewenangan")
    else:
        n = len(parts)
        if n == 1:
            if len(parts[0]) != 1:
                raise CodeError(shown, "satu bagian dua angka tidak jelas tingkatnya")
            u = parts[0]
        elif n == 2:
            first, second = parts
            as_affair = len(first) == 1 and _affair(first, second.zfill(2)) is not None
            if level is Level.BIDANG:
                u, b = parts
            elif (
                level is None
                and urusan is None
                and as_affair
                and len(urusan_candidates(first)) != 1
            ):
                # "1.06", "2.08": as bidang.program the urusan could not be inferred,
                # and urusan.bidang names a bidang of Permendagri 90/2019
                u, b = parts
            else:
                b, p = parts
        elif n == 3:
            u, b, p = parts
        else:
            raise CodeError(
                shown, "digit kewenangan (1 = provinsi, 2 = kabupaten/kota) tidak ditemukan"
            )
    if u is not None and len(u) != 1:
        raise CodeError(shown, f"urusan {u!r} harus satu angka")
    if b is not None and len(b) > 2:
        raise CodeError(shown, f"bidang {b!r} lebih dari dua angka")
    if p is not None and len(p) > 2:
        raise CodeError(shown, f"program {p!r} lebih dari dua angka")
    if sub is not None and len(sub) > 4:
        raise CodeError(shown, f"sub kegiatan {sub!r} lebih dari empat angka")
    if p is None and k is not None:
        if program is None:
            raise CodeError(shown, "nomor program tidak ada; berikan program dari baris induk")
        p = program
    if b is None and u is None and (p is not None):
        if bidang is None:
            raise CodeError(shown, "bidang urusan tidak ada; berikan bidang dari baris induk")
        b = bidang
    # placeholders: 0 / 00 as printed in seed 003 mean X / XX
    if u == "0":
        u = "X"
    if b is not None and set(b) == {"0"}:
        b = "XX"
    b = _pad(b, 2)
    p = _pad(p, 2)
    activity = _pad(activity, 2)
    if sub is not None:
        sub = sub.zfill(4) if len(sub) == 3 else sub.zfill(2) if len(sub) == 1 else sub
    if u is None and b is not None:
        if set(b) == {"X"}:
            u = "X"
        elif urusan is not None:
            u = urusan.strip()
        else:
            candidates = urusan_candidates(b)
            if len(candidates) != 1:
                found = ", ".join(f"{c}.{b}" for c in candidates) or "tidak ada"
                hint = ""
                if k is not None and len(parts[0]) == 1 and k == 2:
                    hint = (
                        "; atau, bila kolom program tidak tertulis (seperti tabel RKPD "
                        "Perubahan seed 003), berikan program"
                    )
                raise CodeError(
                    shown,
                    f"urusan tidak tertulis dan bidang {b} tidak menunjuk satu urusan "
                    f"(kemungkinan: {found}); berikan urusan{hint}",
                )
            u = candidates[0]
    if u is None:
        raise CodeError(shown, "urusan tidak diketahui")
    if u in _GOVERNMENT_URUSAN and b is not None and _affair(u, b) is None:
        owners = ", ".join(urusan_candidates(b)) or "tidak ada"
        raise CodeError(
            shown,
            f"bidang {b} bukan bidang urusan {u} menurut Permendagri 90/2019 "
            f"(urusan yang memuat bidang {b}: {owners})",
        )
    try:
        code = Code(u, b, p, authority, activity, sub)
    except CodeError as error:
        raise CodeError(shown, error.why) from error
    if level is not None and code.level != level:
        raise CodeError(
            shown, f"tingkat kode {code.level.label}, bukan {level.label} seperti diminta"
        )
    return code
