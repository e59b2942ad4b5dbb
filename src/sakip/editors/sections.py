"""The prose sections a person writes for each document (Narrative.section keys).

The document builders read `Narrative(agency, year, document, section)` by these keys; the
LKjIP also has one section per sasaran ("sasaran.<nomor>"), added from the strategic plan.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Section:
    key: str
    title: str
    help: str = ""


SECTIONS: dict[str, list[Section]] = {
    "renja": [
        Section("kata_pengantar", "Kata Pengantar"),
        Section("latar_belakang", "Bab I.1 Latar Belakang"),
        Section("landasan_hukum", "Bab I.2 Landasan Hukum", "Satu peraturan per baris."),
        Section("maksud_dan_tujuan", "Bab I.3 Maksud dan Tujuan"),
        Section("isu_penting", "Bab II Isu-isu Penting Penyelenggaraan Tugas dan Fungsi"),
        Section("rencana_kerja_dan_pendanaan", "Bab IV Rencana Kerja dan Pendanaan"),
        Section("penutup", "Bab V Penutup"),
    ],
    "pk": [
        Section("pernyataan", "Pernyataan Perjanjian Kinerja",
                "Kalimat komitmen di atas tanda tangan; kosongkan untuk kalimat baku."),
    ],
    "lkjip": [
        Section("ringkasan_eksekutif", "Ringkasan Eksekutif"),
        Section("latar_belakang", "Bab I.1 Latar Belakang"),
        Section("tugas_dan_fungsi", "Bab I.2 Tugas dan Fungsi"),
        Section("struktur_organisasi", "Bab I.3 Struktur Organisasi"),
        Section("sumber_daya", "Bab I.4 Sumber Daya"),
        Section("isu_strategis", "Bab I.5 Isu Strategis"),
        Section("renstra", "Bab II Perencanaan Kinerja"),
        Section("kinerja_lainnya", "Bab III Capaian Kinerja Lainnya"),
        Section("kesimpulan", "Bab IV Kesimpulan"),
        Section("langkah_perbaikan", "Bab IV Langkah Perbaikan"),
    ],
}


def sections_for(document: str, objective_numbers: list[str],
                 stored_keys: list[str] | None = None) -> list[Section]:
    """The defined sections, one per sasaran for the LKjIP, and every stored key (a section
    may be split in parts, "kesimpulan.faktor"), each part right after its section."""
    base = list(SECTIONS[document])
    if document == "lkjip":
        for number in objective_numbers:
            base.append(Section(
                f"sasaran.{number}", f"Bab III Analisis Capaian Sasaran {number}",
                "Analisis capaian, perbandingan dengan tahun lalu dan target akhir, "
                "penyebab, upaya, dan efisiensi sumber daya.",
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
