"""The prose sections a person writes for each document (Narrative.section keys).

The document builders read `Narrative(agency, year, document, section)` by these keys (see the
module docstrings of sakip.documents.renja and sakip.documents.lkjip); the LKjIP also has one
section per tujuan of the Renstra, in Renstra order ("sasaran.1", "sasaran.2", …).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class Section:
    key: str
    title: str
    help: Any = ""  # shown next to the section, in the interface language (lazy)


SECTIONS: dict[str, list[Section]] = {
    # The keys sakip.documents.renja reads (Narrative document "renja").
    "renja": [
        Section("kata_pengantar", "Kata Pengantar"),
        Section("latar_belakang", "Bab I.1 Latar Belakang"),
        Section("landasan_hukum.pengantar", "Bab I.2 Landasan Hukum — pengantar"),
        Section("landasan_hukum.butir", "Bab I.2 Landasan Hukum — daftar", _("Satu peraturan per baris.")),
        Section("maksud_dan_tujuan.pengantar", "Bab I.3 Maksud dan Tujuan — pengantar"),
        Section("maksud_dan_tujuan.butir", "Bab I.3 Maksud dan Tujuan — daftar", _("Satu butir per baris.")),
        Section("sistematika", "Bab I.4 Sistematika Penulisan"),
        Section("evaluasi_renja", "Bab II.1 Evaluasi Pelaksanaan Renja Tahun Lalu"),
        Section("kinerja_pelayanan", "Bab II.2 Analisis Kinerja Pelayanan"),
        Section("isu_penting.isu_pengantar", "Bab II.3 Isu Penting — pengantar"),
        Section("isu_penting.isu", "Bab II.3 Isu Penting — daftar isu", _("Satu isu per baris.")),
        Section("isu_penting.permasalahan_pengantar", "Bab II.3 Permasalahan — pengantar"),
        Section("isu_penting.permasalahan", "Bab II.3 Permasalahan — daftar", _("Satu butir per baris.")),
        Section("isu_penting.solusi_pengantar", "Bab II.3 Solusi — pengantar"),
        Section("isu_penting.solusi", "Bab II.3 Solusi — daftar", _("Satu butir per baris.")),
        Section("review_ranwal", "Bab II.4 Review terhadap Rancangan Awal RKPD"),
        Section("usulan_masyarakat", "Bab II.5 Penelaahan Usulan Program dan Kegiatan Masyarakat"),
        Section("telaahan_kebijakan", "Bab III.1 Telaahan terhadap Kebijakan Nasional"),
        Section("tujuan_sasaran", "Bab III.2 Tujuan dan Sasaran Renja"),
        Section("program_kegiatan", "Bab III.3 Program dan Kegiatan"),
        Section("rencana_kerja_dan_pendanaan", "Bab IV Rencana Kerja dan Pendanaan"),
        Section("penutup", "Bab V Penutup"),
    ],
    # The keys sakip.documents.lkjip reads (Narrative document "lkjip"); "sasaran.N" per tujuan.
    "lkjip": [
        Section("kata_pengantar", "Kata Pengantar", _("Ditambahkan setelah pembuka yang disusun otomatis.")),
        Section("ringkasan_eksekutif", "Ringkasan Eksekutif", _("Ditambahkan setelah ringkasan otomatis.")),
        Section("latar_belakang", "Bab I 1.1 Latar Belakang"),
        Section("tugas_dan_fungsi", "Bab I 1.2 Tugas dan Fungsi"),
        Section("struktur_organisasi", "Bab I 1.2 Struktur Organisasi"),
        Section("sumber_daya", "Bab I 1.3 Sumber Daya"),
        Section("isu_strategis", "Bab I 1.4 Isu Strategis"),
        Section("renstra", "Bab II 2.1 Rencana Strategis (strategi dan kebijakan)"),
        Section("anggaran", "Bab III 3.2 Realisasi Anggaran"),
        Section("kinerja_lainnya", "Bab III 3.3 Capaian Kinerja Lainnya"),
        Section("kesimpulan", "Bab IV 4.1 Kesimpulan", _("Ditambahkan setelah kesimpulan otomatis.")),
        Section("langkah_perbaikan", "Bab IV 4.2 Langkah Perbaikan"),
    ],
}


def sections_for(document: str, goal_statements: list[str],
                 stored_keys: list[str] | None = None) -> list[Section]:
    """The defined sections, one per sasaran for the LKjIP, and every stored key (a section
    may be split in parts, "kesimpulan.faktor"), each part right after its section."""
    base = list(SECTIONS[document])
    if document == "lkjip":
        for index, statement in enumerate(goal_statements, start=1):
            base.insert(-4, Section(
                f"sasaran.{index}", f"Bab III 3.1 Analisis Capaian Tujuan {index}: {statement}",
                _("Analisis capaian tujuan dan sasarannya: penyebab keberhasilan/kegagalan, "
                  "upaya, solusi, rencana perbaikan (bagian dapat dipecah, mis. sasaran.1.upaya)."),
            ))
    remaining = sorted(set(stored_keys or []) - {s.key for s in base})
    found: list[Section] = []
    for section in base:
        found.append(section)
        for key in [k for k in remaining if k.startswith(section.key + ".")]:
            part = key.removeprefix(section.key + ".").replace("_", " ")
            found.append(Section(key, f"{section.title} — {part}"))
            remaining.remove(key)
    found.extend(Section(key, key.replace("_", " ").replace(".", " — ")) for key in remaining)
    return found
