"""The register of community proposals: XLSX import (transactional, clear errors) and Renja §2.5."""

from __future__ import annotations

import pytest
from openpyxl import Workbook

from sakip import dataset
from sakip.cli import main
from sakip.common.errors import UserError
from sakip.documents.registry import Options, kinds
from sakip.planning.models import CommunityProposal
from sakip.planning.proposals import import_xlsx
from tests.documents.helpers import cell, table, text

HEADER = ["No", "Usulan", "Sumber", "Rincian Sumber", "Lokasi", "Volume", "Satuan",
          "Perkiraan Biaya (Rp)", "Status", "Alasan", "Kode"]
GOOD = [
    [1, "Bantuan kursi roda", "Musrenbang", "Musrenbang Kecamatan Lima Puluh", "Desa Perupuk", 20,
     "unit", 30_000_000, "Diterima", "", "1.06.04.2.01.03"],
    [2, "Pelatihan menjahit perempuan kepala keluarga", "Pokir DPRD", "Fraksi X", "Kec. Talawi",
     "2 paket", "", None, "Diterima Sebagian", "Pagu terbatas, satu paket", ""],
    [3, "Pembangunan panti", "pemangku kepentingan", "Orsos Y", "Kab. Batu Bara", 1, "unit",
     "1.500.000.000", "Ditolak", "Bukan kewenangan kabupaten", ""],
]


def sheet(path, rows, title_rows=1):
    wb = Workbook()
    ws = wb.active
    for _ in range(title_rows - 1):
        ws.append(["Daftar usulan masyarakat 2024"])
    ws.append(HEADER)
    for r in rows:
        ws.append(r)
    wb.save(path)
    return path


def test_import_and_render_in_section_2_5(batubara, tmp_path):
    result = import_xlsx(sheet(tmp_path / "usulan.xlsx", GOOD, title_rows=2), "batubara", 2024)
    assert (result.created, result.replaced) == (3, 0)
    stored = list(CommunityProposal.objects.filter(agency=batubara, year=2024).order_by("order"))
    assert [p.source for p in stored] == ["musrenbang", "pokir", "stakeholder"]
    assert [p.status for p in stored] == ["accepted", "partial", "rejected"]
    assert stored[1].volume == 2 and stored[1].unit == "paket" and stored[1].estimated_cost is None
    assert stored[2].estimated_cost == 1_500_000_000
    doc = kinds()["renja"].build(dataset.load("batubara", 2024), Options())
    t = table(doc, "tabel-usulan-masyarakat")
    assert [r.cells[1].display for r in t.rows[:-1]] == [g[1] for g in GOOD]
    assert cell(t, t.rows[0], "source").display == "Musrenbang (Musrenbang Kecamatan Lima Puluh)"
    assert cell(t, t.rows[0], "volume").display == "20 unit"
    assert "Ditampung pada 1.06.04.2.01.03" in cell(t, t.rows[0], "reason").display
    assert cell(t, t.rows[-1], "cost").value == 1_530_000_000
    assert ("Terdapat 3 (tiga) usulan yang ditelaah: 1 dari Musrenbang, 1 dari Pokir DPRD, "
            "1 dari Pemangku kepentingan. Hasil penelaahan: 1 diterima, 1 diterima sebagian, "
            "1 ditolak.") in text(doc)
    assert not any("usulan masyarakat belum diisi" in w.message for w in doc.warnings)


def test_bad_rows_are_all_reported_and_nothing_changes(batubara, tmp_path):
    import_xlsx(sheet(tmp_path / "ok.xlsx", GOOD), "batubara", 2024)
    bad = [
        GOOD[0],
        [2, "Jalan desa", "Kepala desa", "", "", "x", "", "dua juta", "Diterima", "", ""],
        [3, "Sumur bor", "Musrenbang", "", "", 1, "", 5_000_000, "Ditolak", "", ""],
        [4, "", "Musrenbang", "", "", 1, "", 1, "Mungkin", "", ""],
    ]
    with pytest.raises(UserError) as err:
        import_xlsx(sheet(tmp_path / "bad.xlsx", bad), "batubara", 2024)
    message = err.value.text()
    assert message.startswith("bad.xlsx: 6 masalah ditemukan; tidak ada yang disimpan.")
    for expected in ("baris 3 kolom 'Sumber': 'Kepala desa' tidak dikenal",
                     "baris 3 kolom 'Volume'", "baris 3 kolom 'Perkiraan Biaya (Rp)'",
                     "baris 4 kolom 'Alasan'", "baris 5 kolom 'Usulan': kosong",
                     "baris 5 kolom 'Status': 'Mungkin' tidak dikenal"):
        assert expected in message
    assert CommunityProposal.objects.filter(agency=batubara).count() == 3  # the earlier register stays


def test_missing_header_and_not_an_xlsx(batubara, tmp_path):
    wb = Workbook()
    wb.active.append(["No", "Uraian", "Lokasi"])
    wb.save(tmp_path / "nohead.xlsx")
    with pytest.raises(UserError, match="baris judul dengan kolom 'Usulan' tidak ditemukan"):
        import_xlsx(tmp_path / "nohead.xlsx", "batubara", 2024)
    (tmp_path / "teks.xlsx").write_text("bukan excel")
    with pytest.raises(UserError, match="tidak dapat dibaca sebagai XLSX"):
        import_xlsx(tmp_path / "teks.xlsx", "batubara", 2024)


def test_command_replaces_the_register(batubara, tmp_path, capsys):
    path = sheet(tmp_path / "usulan.xlsx", GOOD)
    assert main(["usulan", str(path), "--agency", "batubara", "--year", "2024"]) == 0
    assert main(["usulan", str(path), "--agency", "batubara", "--year", "2024"]) == 0
    out = capsys.readouterr().out
    assert "3 usulan masyarakat batubara tahun 2024 disimpan (menggantikan 3 usulan sebelumnya)." in out
    assert CommunityProposal.objects.filter(agency=batubara, year=2024).count() == 3
    assert main(["usulan", str(tmp_path / "tidak-ada.xlsx"), "--agency", "batubara", "--year", "2024"]) == 2
    assert "tidak ada" in capsys.readouterr().err
