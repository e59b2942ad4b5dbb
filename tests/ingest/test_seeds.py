"""Acceptance on the two real documents: which defects of ../shared/domain/FINDINGS.md that
concern figures, codes, counts, years and table numbers `sakip check` reports, each at the
right table and row; and no false alarm on seed 003's Lampiran XII (93 rows, all correct).

Each entry: (FINDINGS reference, table, text the finding's row must contain, text its column
must contain or None, rules that may report it). The list holds the defects the checker
misses too, so the printed ratio is honest."""

from __future__ import annotations

import csv
from functools import cache

import pytest

from sakip.ingest.checks import Report, check_document
from sakip.ingest.readers import read_document
from tests.conftest import shared_path

SEED_000 = "000_1abe8954bf9dd558.txt"
SEED_003 = "003_f19590e1e1b92e14.txt"

ANY = None
T21 = "Tabel 2.1"

EXPECTED_000 = [
    ("§2 3.2/2.5 6.06 pagu 487.722.600", "Tabel 3.2", "6.06", "kolom 6", {"parent_sum"}),
    ("§2 Σ programs vs total 12.223.689.352", "Tabel 3.2", "", "kolom 6", {"total"}),
    ("§2 2.1 6.04 col 10", T21, "6.04", "kolom 10", {"formula_sum"}),
    ("§2 2.1 06.04.2.01 col 8", T21, "06.04.2.01", "kolom 8", {"formula_ratio"}),
    ("§2 2.1 06.04.2.01 col 10", T21, "06.04.2.01", "kolom 10", {"formula_sum"}),
    ("§2 2.1 06.04.2.02 col 10", T21, "06.04.2.02", "kolom 10", {"formula_sum"}),
    ("§2 2.1 6.04 col 8 truncated", T21, "6.04", "kolom 8", {"formula_ratio"}),
    ("§2 2.1 6.04 col 7 not derivable", T21, "6.04", "kolom 7", {"parent_range"}),
    ("§2 2.1 2.08.03 col 8", T21, "2.08.03", "kolom 8", {"formula_ratio"}),
    ("§2 2.1 2.08.03 col 11", T21, "2.08.03", "kolom 11", {"formula_ratio"}),
    ("§2 2.1 6.05 col 4 vs children", T21, "6.05", "kolom 4", {"parent_sum"}),
    ("§2 2.1 6.05 col 5 vs children", T21, "6.05", "kolom 5", {"parent_sum"}),
    ("§2 2.1 6.05 col 7 vs children", T21, "6.05", "kolom 7", {"parent_sum"}),
    ("§2 2.1 06.05.2.02 col 4", T21, "06.05.2.02", "kolom 4", {"parent_sum"}),
    ("§2 2.1 06.05.2.02 col 5", T21, "06.05.2.02", "kolom 5", {"parent_sum"}),
    ("§2 2.1 06.05.2.02 col 10", T21, "06.05.2.02", "kolom 10", {"parent_sum"}),
    ("§2 2.1 06.01.2.07 vs only child", T21, "06.01.2.07", ANY, ANY),
    ("§2 2.1 6.03 percentages summed", T21, "6.03", ANY, {"summed_levels"}),
    ("§2 2.1 2.08.06 percentages summed", T21, "2.08.06", ANY, {"summed_levels"}),
    ("§2 2.1 06.05.2.02.02 col 5 > col 4", T21, "06.05.2.02.02", "kolom 5", {"realised_above_end_target"}),
    ("§2 2.3 Ratio Kekerasan Terhadap Perempuan", "Tabel 2.3", "Kekerasan Terhadap Perempuan", ANY, {"achievement"}),
    ("§2 2.3 Persentase Angka Kemiskinan", "Tabel 2.3", "Angka Kemiskinan", ANY, {"achievement"}),
    ("§2 3.1 vs 3.2 KLA unit/value", "Tabel 3.1", "KLA", ANY, ANY),
    ("§2 2.3 vs 3.1 Ratio Kekerasan Anak target", "Tabel 3.1", "Kekerasan Terhadap Anak", ANY, ANY),
    ("§2 BAB IV 'melakukan 11 program'", "(teks)", "", ANY, {"prose_count"}),
    ("§2 BAB IV sub kegiatan without pagu", "(teks)", "", ANY, {"prose_subactivity"}),
    ("§2 2.1 vs 2.4 stale Fakir Miskin counts", T21, "06.05.2.02.01", ANY, {"stale_figure"}),
    ("§3 money typo 245.000,000", "Tabel 3.2", "06.01.2.06.09", ANY, {"number_format"}),
    ("§3 undefined col 8 printed #DIV/0!", T21, "06.01.2.05.09", "kolom 8", {"spreadsheet_error"}),
    ("§3 program codes 6.01 vs 06.01.2.01", T21, "", ANY, {"code_form"}),
    ("§3 Bimbingan Fisik coded differently", T21, "bimbingan fisik", ANY, {"code_conflict"}),
    ("§3 Sandang coded differently", T21, "sandang", ANY, {"code_conflict"}),
    ("§3 stale years in §2.1 text", "(teks)", "", ANY, {"year_stale"}),
]

EXPECTED_003 = [
    ("1 55 vs 54 sub kegiatan", "(teks)", "", ANY, {"prose_count"}),
    ("2 PMKS 8136 dari 8324 = 97,62 (Form 2; 97,74)", "PENGUKURAN CAPAIAN", "PMKS", ANY, {"cell_formula"}),
    ("3 rasio 42/94.958×10.000", "(teks)", "", ANY, {"prose_formula"}),
    ("4 T3.3 IDG 2023 capaian 100,07", "Tabel 3.3", "IDG", "2023", {"achievement"}),
    ("5 T3.12 2023 mean 157,75", "Tabel 3.12", "", ANY, {"mean"}),
    ("6 T2.5 2023 Jumlah", "Tabel 2.5", "JUMLAH", "2023", {"total"}),
    ("7 T3.44 2023 Jumlah pagu", "Tabel 3.44", "Jumlah", "Pagu", {"total"}),
    ("7 T3.44 2023 Jumlah realisasi", "Tabel 3.44", "Jumlah", "Realisasi", {"total"}),
    ("8 T2.4 IDG target 47 vs 53,43", "Tabel 2.4", "IDG", ANY, {"target_conflict"}),
    ("9 T3.11 values vs elsewhere", "Tabel 3.11", "", ANY, ANY),
    ("11 T3.43 2024 Gaji realisasi", "Tabel 3.43", "Gaji", "2024", {"money_percent", "overspend"}),
    ("11 T3.43 2024 Jasa Penunjang realisasi", "Tabel 3.43", "Jasa Penunjang", "2024", {"money_percent", "overspend"}),
    ("11 T3.43 2024 Kedaruratan 99,60", "Tabel 3.43", "Kedaruratan", "2024", {"money_percent"}),
    ("11 T3.43 2024 Pencegahan KTA 97,05", "Tabel 3.43", "Pencegahan Kekerasan", "2024", {"money_percent"}),
    ("12 T3.43 2023 Penunjang 93,61", "Tabel 3.43", "PROGRAM PENUNJANG", "2023", {"money_percent"}),
    ("12 T3.43 2023 Rehab realisasi 391.808.9722", "Tabel 3.43", "REHABILITASI", ANY, {"number_format"}),
    ("12 T3.43 2023 TMP induk htb", "Tabel 3.43", "Taman Makam", ANY, {"number_format"}),
    ("12 T3.43 2023 PUG 99,32", "Tabel 3.43", "PENGARUSUTAMAAN", "2023", {"money_percent"}),
    ("12 T3.43 2023 Jasa Komunikasi > pagu", "Tabel 3.43", "Jasa Komunikasi", "2023", {"money_percent", "overspend"}),
    ("12 T3.43 2023 PKA realisasi > pagu", "Tabel 3.43", "Penguatan", "2023", {"overspend"}),
    ("12 T3.43 2023 sub-sums off (Adm Umum …)", "Tabel 3.43", "Administrasi Umum", ANY, {"parent_sum"}),
    ("12 T3.43 2023 Gaji 95,75", "Tabel 3.43", "Gaji", "2023", {"money_percent"}),
    ("13 rounding drift 96,33/96,34", "Tabel 3.43", "PROGRAM PENUNJANG", "2024", {"money_percent"}),
    ("13 rounding drift 93,53/93,52", "Tabel 3.43", "Administrasi Umum", "2024", {"money_percent"}),
    ("13 rounding drift 93,51/93,50", "Tabel 3.43", "Pelembagaan Pengarusutamaan", "2024", {"money_percent"}),
    ("13 rounding drift 92,57/92,58", "Tabel 3.43", "Pelembagaan PHA", "2024", {"money_percent"}),
    ("14 efficiency numerator", "Tabel 3.49", "", ANY, {"efficiency"}),
    ("5 T3.12 2023 realisation 18,37 → 3674", "Tabel 3.12", "penurunan", "2023", {"achievement"}),
    ("5 T3.12 2024 sasaran target 80%", "Tabel 3.12", "penanganan", "2024", {"achievement"}),
    ("15 T3.5/3.6 count 5 vs 6 indicators", "Tabel 3.5", "", ANY, ANY),
    ("16 2020 penurunan −5,01 vs +4,92", "Tabel 3.4", "penurunan", ANY, {"formula"}),
    ("17 absurd 6110 (T3.3)", "Tabel 3.3", "penurunan", "2024", {"pathological"}),
    ("17 absurd 3678/−1002/−1758 (T3.4)", "Tabel 3.4", "penurunan", ANY, {"pathological"}),
    ("17 ARG 2023 9696", "Tabel 3.29", "ARG", ANY, {"pathological"}),
    ("17 averages 3104,41 / 1092,12", "Tabel 3.45", "", ANY, {"pathological"}),
    ("18 SPM rata-rata mutu 97,40 is the index", "Tabel 3.38", "Rata-rata", ANY, {"mean"}),
    ("18 SPM Prov mutu mean 75,19 vs 93,13", "Tabel 3.38", "Rata-rata", "Provinsi", {"mean"}),
    ("20 Lampiran II 4.1 capaian 200", "LAMPIRAN II", "anak terlantar", ANY, {"achievement"}),
    ("20 Lampiran II/IV TOTAL not reproducible", "LAMPIRAN IV", "TOTAL", ANY, {"mean"}),
    ("21 Form: Gaji 28/29 printed 100,00", "PENGUKURAN CAPAIAN", "Gaji", ANY, {"formula_ratio"}),
    ("22 RKPD-P Gaji kegiatan ≠ children", "RKPD", "1.06.01.2.02", ANY, {"parent_sum"}),
    ("22 RKPD-P program Bertambah/Berkurang", "RKPD", "1.06.03", ANY, {"parent_sum"}),
    ("22 Penunjang 1.06.01 vs 0.00.01", "RKPD", "penunjang", ANY, {"code_conflict"}),
    ("23 T1.1 Jumlah", "Tabel 1.1", "", ANY, {"total"}),
    ("24 'Tabel 3.1' twice", "Tabel 3.1", "", ANY, {"table_number_duplicate"}),
    ("24 'Tabel 3.25' twice", "Tabel 3.25", "", ANY, {"table_number_duplicate"}),
    ("24 Tabel 3.35 missing", "Tabel 3.35", "", ANY, {"table_number_missing"}),
    ("24 'TAABEL 3.41'", "TAABEL 3.41", "", ANY, {"table_label"}),
    ("24 'Tahun 204'", "Tabel 3.36", "", ANY, {"year_malformed"}),
    ("24 T3.25 years 2022/2023", "Tabel 3.25", "", ANY, {"year_foreign"}),
]


@cache
def _report(name: str) -> Report:
    return check_document(read_document(shared_path("seeds", name)))


def _caught(report: Report, table: str, row: str, column: str | None, rules: set[str] | None) -> bool:
    for f in report.findings:
        if table not in f.table:
            continue
        if row and row.casefold() not in f.row.casefold():
            continue
        if column and column.casefold() not in f.column.casefold():
            continue
        if rules is not None and f.rule not in rules:
            continue
        return True
    return False


def _coverage(name: str, expected: list) -> tuple[list[str], list[str]]:
    report = _report(name)
    caught, missed = [], []
    for ref, table, row, column, rules in expected:
        (caught if _caught(report, table, row, column, rules) else missed).append(ref)
    return caught, missed


def test_findings_caught_on_both_seeds():
    caught0, missed0 = _coverage(SEED_000, EXPECTED_000)
    caught3, missed3 = _coverage(SEED_003, EXPECTED_003)
    total = len(EXPECTED_000) + len(EXPECTED_003)
    found = len(caught0) + len(caught3)
    print(f"\nseed 000: {len(caught0)}/{len(EXPECTED_000)}; missed: {missed0}")
    print(f"seed 003: {len(caught3)}/{len(EXPECTED_003)}; missed: {missed3}")
    print(f"together: {found}/{total} = {100 * found / total:.1f} %")
    assert found / total >= 0.90


@pytest.mark.parametrize(
    ("name", "expected"),
    [(SEED_000, EXPECTED_000), (SEED_003, EXPECTED_003)],
)
def test_each_caught_finding_points_at_a_row_and_says_why(name, expected):
    report = _report(name)
    for f in report.findings:
        assert f.rule and f.severity in ("error", "warning") and f.message
        if f.severity == "error":
            assert f.row and f.stated and f.expected, f


def test_no_false_alarm_on_lampiran_xii_and_values_match_the_fixture():
    report = _report(SEED_003)
    (table,) = [t for t in report.tables if "REALISASI FISIK" in t.raw.caption]
    assert table.kind == "budget_realisation"
    assert not [f for f in report.findings if f.table == table.name and f.severity == "error"]
    coded = [r for r in table.rows if r.code is not None]
    assert len(coded) == 93
    # every row was read: the pagu (APBD-P) of each of the 93 rows equals the clean fixture
    fixture_path = shared_path("fixtures", "belitung-2024-budget-realisation.tsv")
    with fixture_path.open(encoding="utf-8") as handle:
        fixture = {r["kode"]: r for r in csv.DictReader(handle, delimiter="\t")}
    money = [c.index for c in table.columns if c.role == "money"]
    for row in coded:
        assert row.value(money[0]) == int(fixture[row.code_text]["apbd_p"]), row.code_text
    # …and the percentages and parent sums were actually recomputed
    assert table.checked >= 93 * 2


def test_consistent_renja_rows_raise_nothing():
    """Rows FINDINGS lists as correct (seed 000 §1) carry no finding."""
    report = _report(SEED_000)
    flagged = {f.row for f in report.findings if f.table == T21}
    for ok in ("06.01.2.05.02", "06.01.2.08.01", "06.01.2.09.02", "06.01.2.09.09", "6.02", "06.02.2.03.04",
               "06.04.2.01.03", "06.04.2.01.06", "06.04.2.01.10", "06.04.2.02.03", "06.04.2.02.07",
               "06.05.2.01", "06.05.2.02.01", "06.05.2.02.03", "2.08.02", "2.08.03.2.02.01",
               "2.08.06.2.01.01", "2.08.07.2.02.01"):
        assert ok not in flagged, ok
    tabel_24 = [f for f in report.findings if f.table == "Tabel 2.4" and f.severity == "error"]
    assert tabel_24 == []
