"""Every reader (text, DOCX, XLSX, CSV, PDF) finds the same table in a small document made
here, and the checks find the same two defects in it."""

from __future__ import annotations

import csv

import pytest

from sakip.common.errors import UserError
from sakip.ingest.checks import check_document
from sakip.ingest.readers import read_document

CAPTION = "Tabel 3.1 Realisasi Anggaran Tahun 2024"
HEADER = ["Kode", "Program/Kegiatan/Sub Kegiatan", "Pagu (Rp)", "Realisasi (Rp)", "%"]
ROWS = [
    # program printed 1.000.000 too high: its kegiatan sum to 6.000.000
    ["1.06.01", "PROGRAM PENUNJANG", "7.000.000", "5.000.000", "71,43"],
    ["1.06.01.2.01", "Perencanaan", "4.000.000", "3.000.000", "75,00"],
    ["1.06.01.2.01.0001", "Penyusunan Dokumen", "4.000.000", "3.000.000", "75,00"],
    ["1.06.01.2.02", "Administrasi Keuangan", "2.000.000", "2.000.000", "100,00"],
    # 2.000.000 / 2.000.000 = 100,00, printed 57,00
    ["1.06.01.2.02.0001", "Penyediaan Gaji", "2.000.000", "2.000.000", "57,00"],
]
PROSE = ["LAPORAN KINERJA", "DINAS SOSIAL TAHUN 2024", "Realisasi anggaran disajikan berikut."]


def _assert_defects_found(path):
    document = read_document(path)
    tables = [t for t in document.tables if t.number == "3.1"]
    assert len(tables) == 1, [t.caption for t in document.tables]
    assert len(tables[0].rows) == len(ROWS)
    report = check_document(document)
    keys = {(f.rule, f.row) for f in report.findings}
    assert ("parent_sum", "1.06.01") in keys
    assert ("money_percent", "1.06.01.2.02.0001") in keys
    assert report.tables[0].kind == "budget_realisation"
    # the consistent rows raise nothing
    flagged_rows = {f.row for f in report.findings if f.severity == "error"}
    assert flagged_rows == {"1.06.01", "1.06.01.2.02.0001"}
    return report


def test_text_dump(tmp_path):
    path = tmp_path / "laporan.txt"
    lines = PROSE + ["", CAPTION, ""] + ["\t".join(HEADER)] + ["\t".join(r) for r in ROWS]
    path.write_text("\n".join(lines), encoding="utf-8")
    _assert_defects_found(path)


def test_docx(tmp_path):
    import docx

    document = docx.Document()
    for text in PROSE:
        document.add_paragraph(text)
    document.add_paragraph(CAPTION)
    table = document.add_table(rows=1 + len(ROWS), cols=len(HEADER))
    for i, text in enumerate(HEADER):
        table.cell(0, i).text = text
    for r, row in enumerate(ROWS, start=1):
        for i, text in enumerate(row):
            table.cell(r, i).text = text
    path = tmp_path / "laporan.docx"
    document.save(str(path))
    _assert_defects_found(path)


def test_docx_merged_header_cells_keep_text_once(tmp_path):
    import docx

    document = docx.Document()
    document.add_paragraph("Tabel 1.1 Anggaran Tahun 2024")
    table = document.add_table(rows=3, cols=3)
    merged = table.cell(0, 1).merge(table.cell(0, 2))
    merged.text = "Anggaran (Rp)"
    table.cell(0, 0).text = "Uraian"
    table.cell(1, 1).text = "Pagu"
    table.cell(1, 2).text = "Realisasi"
    for i, text in enumerate(["Belanja", "10.000.000", "9.000.000"]):
        table.cell(2, i).text = text
    path = tmp_path / "gabung.docx"
    document.save(str(path))
    raw = read_document(path).tables[0]
    assert raw.header[0] == ["Uraian", "Anggaran (Rp)", ""]
    assert raw.rows[0].cells == ["Belanja", "10.000.000", "9.000.000"]


def test_xlsx(tmp_path):
    import openpyxl

    workbook = openpyxl.Workbook()
    sheet = workbook.active
    for text in PROSE:
        sheet.append([text])
    sheet.append([CAPTION])
    sheet.append(HEADER)
    for row in ROWS:
        sheet.append(row)
    path = tmp_path / "laporan.xlsx"
    workbook.save(str(path))
    _assert_defects_found(path)


def test_xlsx_numbers_stored_as_numbers(tmp_path):
    import openpyxl

    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(["Tabel 2.5 Pagu Anggaran Tahun 2024"])
    sheet.append(["No", "Sasaran", "Pagu Anggaran (Rp)"])
    sheet.append([1, "Sasaran satu", 5000000])
    sheet.append([2, "Sasaran dua", 2500000])
    sheet.append(["Jumlah", None, 7600000])
    path = tmp_path / "angka.xlsx"
    workbook.save(str(path))
    report = check_document(read_document(path))
    totals = [f for f in report.findings if f.rule == "total"]
    assert len(totals) == 1
    assert totals[0].expected == "7.500.000"


def test_csv(tmp_path):
    path = tmp_path / "laporan.csv"
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle, delimiter=";")
        for text in PROSE:
            writer.writerow([text])
        writer.writerow([CAPTION])
        writer.writerow(HEADER)
        writer.writerows(ROWS)
    _assert_defects_found(path)


def test_pdf(tmp_path):
    from weasyprint import HTML

    cell = 'style="border:1px solid black;padding:2px"'
    head = "".join(f"<th {cell}>{h}</th>" for h in HEADER)
    body = "".join("<tr>" + "".join(f"<td {cell}>{c}</td>" for c in row) + "</tr>" for row in ROWS)
    prose = "".join(f"<p>{p}</p>" for p in PROSE)
    html = (
        f"<html><body>{prose}<p>{CAPTION}</p>"
        f'<table style="border-collapse:collapse"><tr>{head}</tr>{body}</table></body></html>'
    )
    path = tmp_path / "laporan.pdf"
    HTML(string=html).write_pdf(str(path))
    report = _assert_defects_found(path)
    assert report.tables[0].raw.page == 1


def test_markdown_pipe_table_and_markup(tmp_path):
    path = tmp_path / "laporan.md"
    lines = [
        "# LAPORAN KINERJA TAHUN 2024",
        "",
        f"**{CAPTION}**",
        "",
        "| " + " | ".join(HEADER) + " |",
        "|" + "---|" * len(HEADER),
    ] + ["| " + " | ".join(f"<b>{c}</b>" if i == 1 else c for i, c in enumerate(r)) + " |" for r in ROWS]
    path.write_text("\n".join(lines), encoding="utf-8")
    report = _assert_defects_found(path)
    assert report.tables[0].rows[0].label == "PROGRAM PENUNJANG"


def test_repeated_page_header_wrapped_cell_and_split_numbering(tmp_path):
    header = "Kode\tUraian\tIndikator\tTarget\tRealisasi\tCapaian (%)"
    lines = [
        "RENJA TAHUN 2024",
        "Tabel 2.3",
        "Capaian Kinerja",
        "",
        header,
        "1\t2\t3\t4\t5\t6",
        "1.06.01\tPROGRAM PENUNJANG URUSAN\tJumlah dokumen yang\t10\t8\t80.00",
        "",
        header,  # page break: the header is printed again
        "1\t2\t3\t4\t5\t6",
        "\tPEMERINTAHAN DAERAH\tdisusun",  # the rest of the wrapped cells
        "1.06.02\tPROGRAM PEMBERDAYAAN\tJumlah PSKS\t20\t10\t60.00",
    ]
    path = tmp_path / "renja.txt"
    path.write_text("\n".join(lines), encoding="utf-8")
    document = read_document(path)
    assert len(document.tables) == 1
    table = document.tables[0]
    assert [r.cells[0] for r in table.rows] == ["1.06.01", "1.06.02"]
    assert table.rows[0].cells[1] == "PROGRAM PENUNJANG URUSAN PEMERINTAHAN DAERAH"
    assert table.rows[0].cells[2] == "Jumlah dokumen yang disusun"
    report = check_document(document)
    wrong = [f for f in report.findings if f.rule == "achievement"]
    assert [(f.row, f.stated, f.expected) for f in wrong] == [("1.06.02", "60.00", "50")]


@pytest.mark.parametrize(
    ("content", "needle"),
    [
        (b"", "kosong"),
        (b"\x00\x01\x02binary\x00data" * 20, "biner"),
        (b"%PDF-1.7\n1 0 obj truncated", "PDF"),
        (b"PK\x03\x04 not really a zip", "DOCX"),
    ],
)
def test_unreadable_files_raise_a_clear_user_error(tmp_path, content, needle):
    suffix = ".docx" if content.startswith(b"PK") else ".txt"
    path = tmp_path / f"rusak{suffix}"
    path.write_bytes(content)
    with pytest.raises(UserError) as error:
        read_document(path)
    assert needle in error.value.text()
    assert str(path) in error.value.text()


def test_too_large_file_is_refused_without_reading(tmp_path, monkeypatch):
    from sakip.ingest import readers

    path = tmp_path / "besar.txt"
    path.write_text("x" * 2048, encoding="utf-8")
    monkeypatch.setattr(readers, "MAX_BYTES", 1024)
    with pytest.raises(UserError) as error:
        read_document(path)
    assert "terlalu besar" in error.value.text()
