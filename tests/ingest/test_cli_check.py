"""`sakip check` from the command line: exit status, text/JSON/XLSX reports, unreadable files,
no database needed."""

from __future__ import annotations

import json

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sakip.cli import main
from sakip.ingest.checks import check_document
from sakip.ingest.readers import parse_lines, text_lines

GOOD = """LAPORAN KINERJA TAHUN 2024

Tabel 3.1 Anggaran Tahun 2024

No\tUraian\tPagu (Rp)\tRealisasi (Rp)\t%
1\tBelanja A\t1.000.000\t900.000\t90,00
2\tBelanja B\t2.000.000\t1.000.000\t50,00
Jumlah\t\t3.000.000\t1.900.000\t63,33
"""


def test_consistent_document_exits_0(tmp_path, capsys):
    path = tmp_path / "baik.txt"
    path.write_text(GOOD, encoding="utf-8")
    assert main(["check", str(path)]) == 0
    out = capsys.readouterr().out
    assert "0 galat" in out
    assert "Tabel 3.1" in out


def test_errors_exit_1_and_json_lists_findings(tmp_path, capsys):
    path = tmp_path / "salah.txt"
    path.write_text(GOOD.replace("63,33", "66,33"), encoding="utf-8")
    assert main(["check", str(path), "--format", "json"]) == 1
    data = json.loads(capsys.readouterr().out)
    (finding,) = data["findings"]
    for key in ("rule", "severity", "table", "row", "column", "stated", "expected", "message"):
        assert key in finding
    assert finding["rule"] == "money_percent"
    assert finding["severity"] == "error"
    assert finding["table"] == "Tabel 3.1"
    assert finding["row"] == "Jumlah"
    assert (finding["stated"], finding["expected"]) == ("66,33", "63,33")
    assert data["tables"][0]["kind"] == "budget_realisation"


def test_text_report_groups_by_table_worst_first(tmp_path, capsys):
    text = GOOD.replace("63,33", "66,33") + (
        "\nTabel 3.2 Lain Tahun 2024\n\nNo\tUraian\tPagu (Rp)\tRealisasi (Rp)\t%\n"
        "1\tC\t1.000.000\t100.000\t20,00\n2\tD\t1.000.000\t100.000\t30,00\n"
        "Jumlah\t\t2.000.000\t200.000\t10,00\n"
    )
    path = tmp_path / "dua.txt"
    path.write_text(text, encoding="utf-8")
    assert main(["check", str(path)]) == 1
    out = capsys.readouterr().out
    assert out.index("== Tabel 3.2") < out.index("== Tabel 3.1")  # 2 errors before 1
    assert "tercetak: 20,00   seharusnya: 10" in out


def test_xlsx_report_holds_findings_and_tables(tmp_path, capsys):
    import openpyxl

    path = tmp_path / "salah.txt"
    path.write_text(GOOD.replace("63,33", "66,33"), encoding="utf-8")
    out = tmp_path / "laporan.xlsx"
    assert main(["check", str(path), "--format", "xlsx", "-o", str(out)]) == 1
    workbook = openpyxl.load_workbook(out)
    assert workbook.sheetnames[:2] == ["Temuan", "Tabel"]
    rows = list(workbook["Temuan"].iter_rows(values_only=True))
    assert rows[1][0] == "galat" and rows[1][5] == "66,33"
    assert len(workbook.sheetnames) == 3  # one sheet per recognised table


def test_unreadable_file_exits_2_with_a_message(tmp_path, capsys):
    path = tmp_path / "kosong.txt"
    path.write_bytes(b"")
    assert main(["check", str(path)]) == 2
    err = capsys.readouterr().err
    assert "kosong" in err and str(path) in err
    assert main(["check", str(tmp_path / "tidak-ada.pdf")]) == 2


def test_xlsx_without_output_is_a_user_error(tmp_path, capsys):
    path = tmp_path / "baik.txt"
    path.write_text(GOOD, encoding="utf-8")
    assert main(["check", str(path), "--format", "xlsx"]) == 2
    assert "-o" in capsys.readouterr().err


def test_check_needs_no_database(tmp_path, monkeypatch, capsys):
    import sakip.cli

    def refuse() -> None:
        raise AssertionError("check must not set up Django")

    monkeypatch.setattr(sakip.cli, "setup_django", refuse)
    path = tmp_path / "baik.txt"
    path.write_text(GOOD, encoding="utf-8")
    assert main(["check", str(path)]) == 0


CELL = st.one_of(
    st.text(alphabet="0123456789.,-% RpX", max_size=14),
    st.sampled_from(["", "-", "#DIV/0!", "n/a", "Jumlah", "TOTAL", "1.06.01", "06.01.2.01", "0 1", "Tahun 204"]),
    st.text(max_size=12),
)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    header=st.lists(st.sampled_from(["Kode", "Uraian", "Target", "Realisasi", "%", "Pagu (Rp)", "Capaian", "1", "2", ""]), min_size=1, max_size=7),
    rows=st.lists(st.lists(CELL, min_size=1, max_size=8), max_size=12),
    caption=st.sampled_from(["Tabel 1.1 Uji Tahun 2024", "TAABEL 2", "Lampiran XII", "", "Tabel 3.25"]),
)
def test_fuzz_reader_and_checks_never_crash(header, rows, caption):
    text = "\n".join(
        ["RENJA TAHUN 2024", caption, "\t".join(header)] + ["\t".join(r) for r in rows] + ["melaksanakan 7 program"]
    )
    report = check_document(parse_lines(text_lines(text), "fuzz.txt", "text"))
    for f in report.findings:
        assert f.severity in ("error", "warning")
