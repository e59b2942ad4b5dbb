"""The checks on small documents written here: each kind of defect is reported at its row,
and the same table without the defect raises nothing."""

from __future__ import annotations

from sakip.ingest.checks import check_document
from sakip.ingest.readers import parse_lines, text_lines


def _check(text: str):
    return check_document(parse_lines(text_lines(text), "uji.txt", "text"))


def _rules(report, severity=None):
    return sorted((f.rule, f.row) for f in report.findings if severity is None or f.severity == severity)


RENJA_HEAD = """RENJA DINAS SOSIAL TAHUN 2024

Tabel 2.1
Evaluasi Renja dan Capaian Renstra s/d Tahun 2022

Kode\tUraian\tIndikator\tTarget Renstra\tRealisasi s/d 2021\tTarget Renja 2022\tRealisasi Renja 2022\tTingkat Realisasi (%)\tTarget Renja 2023\tRealisasi Capaian s/d 2022\tTingkat Capaian Realisasi Target Renstra (%)
1\t2\t3\t4\t5\t6\t7\t8=(7/6)\t9\t10=(5+7+9)\t11=(10/4)
"""


def test_renja_evaluation_formulas_from_the_numbering_row():
    good = RENJA_HEAD + "1.06.02\tPROGRAM A\tJumlah PSKS\t787\t192\t112\t112\t100\t112\t416\t52.86\n"
    assert _rules(_check(good)) == []
    bad = RENJA_HEAD + "1.06.02\tPROGRAM A\tJumlah PSKS\t787\t192\t112\t100\t100\t112\t416\t52.86\n"
    report = _check(bad)
    found = {(f.rule, f.row, f.stated, f.expected) for f in report.findings}
    assert ("formula_ratio", "1.06.02", "100", "89,29") in found  # 100 / 112
    assert ("formula_sum", "1.06.02", "416", "404") in found  # 192 + 100 + 112


def test_truncated_percentage_is_an_error_but_integer_display_may_truncate():
    truncated = RENJA_HEAD + "1.06.04\tPROGRAM\tJumlah orang\t45\t41\t45\t69.11\t153.57\t45\t155.11\t344.69\n"
    assert ("formula_ratio", "1.06.04") in _rules(_check(truncated))
    whole = RENJA_HEAD + "1.06.04\tPROGRAM\tJumlah orang\t6960\t120\t3300\t3300\t100\t3300\t6720\t96\n"
    assert _rules(_check(whole), "error") == []


def test_summed_percentages_are_flagged_as_absurd():
    text = RENJA_HEAD + "1.06.03\tPROGRAM\tPersentase penanganan\t100\t100\t100\t0\t0\t100\t200\t200.00\n"
    assert ("summed_levels", "1.06.03") in _rules(_check(text))


BUDGET = """LAPORAN KINERJA TAHUN 2024

Tabel 3.43 Realisasi Anggaran Tahun 2024

Kode\tProgram/Kegiatan\tAnggaran (Rp)\tRealisasi (Rp)\t%
1.06.01\tPROGRAM PENUNJANG\t{p_pagu}\t{p_real}\t{p_pct}
1.06.01.2.01\tPerencanaan\t4.995.000\t4.448.000\t89,05
1.06.01.2.01.0001\tPenyusunan Dokumen\t2.995.000\t2.746.000\t91,69
1.06.01.2.01.0007\tEvaluasi Kinerja\t2.000.000\t1.702.000\t85,10
1.06.01.2.02\tAdministrasi Keuangan\t4.949.864.271\t4.838.949.188\t97,76
1.06.01.2.02.0001\tPenyediaan Gaji\t4.946.864.271\t{gaji_real}\t97,77
1.06.01.2.02.0008\tPrognosis\t3.000.000\t2.519.500\t83,98
Jumlah\t\t{t_pagu}\t{t_real}\t{t_pct}
"""
GOOD = {
    "p_pagu": "4.954.859.271",
    "p_real": "4.843.397.188",
    "p_pct": "97,75",
    "gaji_real": "4.836.429.688",
    "t_pagu": "4.954.859.271",
    "t_real": "4.843.397.188",
    "t_pct": "97,75",
}


def test_consistent_budget_table_raises_nothing():
    report = _check(BUDGET.format(**GOOD))
    assert report.findings == []
    assert report.comparisons >= 8 + 6  # percentages, parent sums and totals were recomputed


def test_budget_parent_total_percentage_and_overspend():
    values = dict(GOOD, p_pagu="4.960.859.271", gaji_real="8.836.429.688", t_pct="97,80")
    report = _check(BUDGET.format(**values))
    rules = _rules(report)
    assert ("parent_sum", "1.06.01") in rules  # 4.960.859.271 ≠ 4.954.859.271
    assert ("money_percent", "1.06.01.2.02.0001") in rules  # 8.836.429.688 / 4.946.864.271
    assert ("overspend", "1.06.01.2.02.0001") in rules
    assert ("total", "Jumlah") in rules
    parent = next(f for f in report.findings if f.rule == "parent_sum")
    assert parent.expected == "4.954.859.271" and parent.stated == "4.960.859.271"


def test_achievement_polarity_follows_the_indicator():
    text = """LAPORAN KINERJA TAHUN 2024

Tabel 3.3 Capaian Indikator Kinerja Tahun 2024

No\tIndikator Kinerja\tTarget\tRealisasi\t% Capaian
1\tRasio kekerasan perempuan dan anak\t3,2\t4,45\t71,91
2\tPersentase PMKS yang tertangani\t98,79\t97,62\t98,82
3\tPersentase angka kemiskinan\t11,51\t11,53\t100,17
4\tPersentase penurunan PMKS per tahun\t0,5\t30,55\t6110
"""
    report = _check(text)
    rules = _rules(report)
    assert ("achievement", "Persentase angka kemiskinan") in rules  # lower is better: 99,83
    assert ("pathological", "Persentase penurunan PMKS per tahun") in rules
    assert not any(r == "Rasio kekerasan perempuan dan anak" for _, r in rules)
    assert not any(r == "Persentase PMKS yang tertangani" for _, r in rules)


def test_table_numbers_years_codes_and_prose_counts():
    text = """RENJA DINAS SOSIAL TAHUN 2024

Penyusunan Rencana Program/Kegiatan tahun 2023 memperhatikan hasil evaluasi.
Dinas melaksanakan 3 program pada tahun 2024.

Tabel 3.1
Tujuan Tahun 2024

No\tTujuan\tTarget
1\tA\t10
2\tB\t20

Tabel 3.3
Rencana Program Tahun 204 dan Prakiraan Maju

Kode\tProgram/Kegiatan\tIndikator\tTarget\tPagu Indikatif\tPrakiraan Maju Pagu
6.01\tPROGRAM PENUNJANG\tPersentase layanan\t\t10.000.000\t11.000.000
06.01.2.01\tPerencanaan\tJumlah dokumen\t\t10.000.000\t11.000.000
06.01.2.01.01\tPenyusunan Dokumen\tJumlah dokumen\t2 dokumen\t10.000.000\t11.000.000
6.02\tPROGRAM PEMBERDAYAAN\tJumlah PSKS\t\t5.000.000\t6.000.000
06.02.2.03\tPengembangan Potensi\tJumlah PSKS\t\t5.000.000\t6.000.000
06.02.2.03.02\tPeningkatan Kemampuan\tJumlah orang\t\t5.000.000\t6.000.000

TAABEL 3.3
Lagi

No\tUraian\tNilai
1\tX\t1
2\tY\t2
"""
    report = _check(text)
    rules = {f.rule for f in report.findings}
    assert {"table_number_missing", "table_number_duplicate", "table_label", "year_malformed"} <= rules
    assert "year_stale" in rules
    assert "prose_count" in rules  # 3 program vs 2 in the plan table
    assert "code_form" in rules  # 6.01 / 06.01.2.01: non-canonical forms
    assert "money_without_target" in rules  # 06.02.2.03.02 has pagu, no target
    missing = next(f for f in report.findings if f.rule == "table_number_missing")
    assert missing.table == "Tabel 3.2"


def test_unknown_tables_are_listed_as_such():
    text = "Tabel 9.9 Daftar Pejabat\n\nNama\tJabatan\nAni\tKepala\nBudi\tSekretaris\n"
    report = _check(text)
    assert [t.kind for t in report.tables] == ["unknown"]
    assert report.findings == []


def test_spreadsheet_errors_and_program_placeholders_in_cells():
    text = RENJA_HEAD + (
        "1.06.02\tPROGRAM A\tJumlah PSKS\t787\t192\t0\t5\t#DIV/0!\t112\t309\t39.26\n"
        "1.06.03\tPROGRAM B\tStatus KLA\tMadya undefined\t\t\t\t\t\t\t\n"
        "1.06.04\tPROGRAM C\tPengelolaan keuangan nullitas\t10\t2\t4\t4\t100\t4\t10\t100\n"
    )
    found = {(f.rule, f.row, f.stated, f.severity) for f in _check(text).findings
             if f.rule in ("spreadsheet_error", "software_artefact")}
    assert found == {
        ("spreadsheet_error", "1.06.02", "#DIV/0!", "error"),
        ("software_artefact", "1.06.03", "Madya undefined", "warning"),
    }
