"""`sakip report renja|evaluasi-renja|renja-perubahan`: the files a user gets (DOCX, XLSX)."""

from __future__ import annotations

import io

from docx import Document as Docx
from openpyxl import load_workbook

from sakip.cli import main


def test_renja_as_xlsx_and_docx(batubara, tmp_path, capsys):
    xlsx, docx = tmp_path / "renja.xlsx", tmp_path / "renja.docx"
    assert main(["report", "renja", "--agency", "batubara", "--year", "2024", "--format", "xlsx", "-o", str(xlsx)]) == 0
    assert main(["report", "renja", "--agency", "batubara", "--year", "2024", "--format", "docx", "-o", str(docx)]) == 0
    err = capsys.readouterr().err
    assert "uraian menyebut 11 program, rencana memuat 10 program" in err  # warnings on the command line

    book = load_workbook(io.BytesIO(xlsx.read_bytes()))
    plan = next(ws for ws in book.worksheets if ws.title.startswith("Tabel 3.2"))
    row = next(r for r in plan.iter_rows() if r[0].value == "1.06.06")
    assert row[5].value.startswith("=SUM(")  # the program is the sum of its kegiatan
    values = load_workbook(io.BytesIO(xlsx.read_bytes()), data_only=True)
    cached = next(r for r in values[plan.title].iter_rows() if r[0].value == "1.06.06")
    assert cached[5].value == 481_722_600
    evaluation = next(ws for ws in book.worksheets if ws.title.startswith("Tabel 2.1"))
    rehab = next(r for r in evaluation.iter_rows() if r[0].value == "1.06.04")
    assert rehab[9].value == f"=I{rehab[0].row}"  # col 10 = col 9 for a percentage

    text = "\n".join(c.text for t in Docx(str(docx)).tables for r in t.rows for c in r.cells)
    assert "481.722.600" in text and "487.722.600" not in text
    assert "#DIV/0!" not in text and "tidak dapat dihitung (target nol/kosong)" in text


def test_quarterly_and_revision_commands(batubara, tmp_path, capsys):
    out = tmp_path / "tw2.xlsx"
    assert main(["report", "evaluasi-renja", "--agency", "batubara", "--year", "2024", "--quarter", "2",
                 "--format", "xlsx", "-o", str(out)]) == 0
    sheet = load_workbook(out).worksheets[-1]
    assert any(c.value and "Triwulan II" in str(c.value) for r in sheet.iter_rows(max_row=6) for c in r)
    assert main(["report", "evaluasi-renja", "--agency", "batubara", "--year", "2024",
                 "--format", "xlsx", "-o", str(tmp_path / "x.xlsx")]) == 2
    assert "triwulan" in capsys.readouterr().err.lower()
    assert main(["report", "renja-perubahan", "--agency", "batubara", "--year", "2024",
                 "--format", "docx", "-o", str(tmp_path / "p.docx")]) == 0
    assert "pagu versi perubahan belum tersimpan" in capsys.readouterr().err
