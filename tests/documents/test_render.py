"""The renderers, on a small document built here: each format is read back and its structure
and values compared with the model."""

from __future__ import annotations

import io
import re
import subprocess
import zipfile
from decimal import Decimal
from shutil import which

import pytest
from docx import Document as read_docx
from openpyxl import load_workbook

from sakip.documents import cells
from sakip.documents.model import (
    Chart,
    Column,
    Cover,
    Document,
    HeaderCell,
    Heading,
    Kind,
    ListOfFigures,
    ListOfTables,
    Paragraph,
    Ref,
    Row,
    Run,
    Series,
    Signature,
    SignatureBlock,
    Table,
    TableOfContents,
)
from sakip.documents.render import render
from sakip.documents.render.xlsx import sheet_name


def budget_table(n_rows: int, landscape: bool = False, tid: str = "anggaran") -> Table:
    rows = []
    for i in range(n_rows):
        pagu = 1_000_000 * (i + 1) + 123
        real = pagu - 250_000 * (i % 3)
        rows.append(Row([
            cells.code(f"1.06.01.2.01.{i + 1:04d}"),
            cells.text(f"Sub kegiatan nomor {i + 1}"),
            cells.money(pagu),
            cells.money(real),
            cells.percent(Decimal(real) * 100 / Decimal(pagu), formula="={real}/{pagu}*100"),
        ], id=f"r{i}"))
    total_pagu = sum(1_000_000 * (i + 1) + 123 for i in range(n_rows))
    total_real = sum(1_000_000 * (i + 1) + 123 - 250_000 * (i % 3) for i in range(n_rows))
    sum_formula = "=SUM({pagu@r0}:{pagu@r" + str(n_rows - 1) + "})"
    rows.append(Row([
        cells.text(""), cells.text("Jumlah", bold=True),
        cells.money(total_pagu, formula=sum_formula),
        cells.money(total_real),
        cells.percent(Decimal(total_real) * 100 / Decimal(total_pagu), formula="={real}/{pagu}*100"),
    ], style="total"))
    return Table(
        id=tid, caption="Realisasi anggaran per sub kegiatan",
        columns=[Column("kode", "Kode", Kind.CODE, 1.4), Column("uraian", "Uraian", Kind.TEXT, 3),
                 Column("pagu", "Pagu (Rp)", Kind.MONEY, 1.4),
                 Column("real", "Realisasi (Rp)", Kind.MONEY, 1.4),
                 Column("pct", "%", Kind.PERCENT, 0.8)],
        header=[[HeaderCell("Kode", rowspan=2), HeaderCell("Uraian", rowspan=2),
                 HeaderCell("Anggaran", colspan=3)],
                [HeaderCell("Pagu (Rp)"), HeaderCell("Realisasi (Rp)"), HeaderCell("%")]],
        number_row=["1", "2", "3", "4", "5=(4/3)"],
        rows=rows, landscape=landscape, source="DPA dan SP2D", notes=["Catatan contoh."],
    )


def sample(n_rows: int = 5, paper: str = "A4") -> Document:
    doc = Document(kind="uji", title="Laporan Uji", agency_code="X", year=2024, paper=paper)
    doc.add(
        Cover(["LAPORAN UJI"], agency="Dinas Contoh", region="Kabupaten Contoh", year=2024,
              address="Jl. Contoh No. 1"),
        Heading("KATA PENGANTAR", 0),
        Paragraph.text("Pengantar."),
        SignatureBlock([Signature("Tanjungpandan", "4 Maret 2025", "Kepala Dinas Contoh",
                                  "Dr. Budi, S.Sos., M.Si.", "Pembina / IV/a",
                                  "197001012000031001")]),
        TableOfContents(), ListOfTables(), ListOfFigures(),
        Heading("PENDAHULUAN", 0, number="BAB I", id="bab1"),
        Heading("Latar Belakang", 1, number="1.1"),
        Paragraph([Run("Lihat "), Ref("tabel-a"), Run(" dan "), Ref("grafik")]),
        Table(id="tabel-a", caption="Tabel kecil",
              columns=[Column("a", "Uraian"), Column("b", "Nilai", Kind.DECIMAL)],
              rows=[Row([cells.text("Rasio"), cells.measure(Decimal("3.2"))])]),
        Heading("AKUNTABILITAS KINERJA", 0, number="BAB III"),
        Paragraph.text("Penjelasan sub kegiatan X belum diisi.", style="missing"),
        budget_table(n_rows, landscape=True),
        Paragraph.text("Teks setelah tabel lebar."),
        Chart(id="grafik", caption="Serapan per program", kind="bar",
              categories=["Program A", "Program B"],
              series=[Series("Serapan", [Decimal("92.31"), Decimal("64.5")])], y_label="%"),
    )
    return doc.finalize()


def test_numbering_and_labels():
    doc = sample()
    assert [t.number for t in doc.tables()] == ["1.1", "3.1"]
    assert [c.number for c in doc.charts()] == ["3.1"]


def test_docx_structure_and_values():
    doc = sample(n_rows=40)
    data = render(doc, "docx")
    d = read_docx(io.BytesIO(data))
    styles = [p.style.name for p in d.paragraphs]
    assert "Heading 1" in styles and "Heading 2" in styles
    headings = [p.text for p in d.paragraphs if p.style.name == "Heading 1"]
    assert any("BAB III" in h and "AKUNTABILITAS KINERJA" in h for h in headings)
    xml = zipfile.ZipFile(io.BytesIO(data)).read("word/document.xml").decode()
    # automatic TOC and lists of tables/figures, as fields
    assert 'TOC \\o "1-3"' in xml
    assert 'TOC \\h \\z \\t "Judul Tabel,1"' in xml
    assert 'TOC \\h \\z \\t "Judul Gambar,1"' in xml
    captions = [p.text for p in d.paragraphs if p.style.name == "Judul Tabel"]
    assert captions == ["Tabel 1.1 Tabel kecil", "Tabel 3.1 Realisasi anggaran per sub kegiatan"]
    assert [p.text for p in d.paragraphs if p.style.name == "Judul Gambar"] == [
        "Gambar 3.1 Serapan per program"]
    # cross-references are REF fields to the caption bookmarks and print the same label
    ref_para = next(p for p in d.paragraphs if p.text.startswith("Lihat"))
    assert ref_para.text == "Lihat Tabel 1.1 dan Gambar 3.1"
    assert "REF _Ref_tabel_a \\h" in xml and 'w:name="_Ref_tabel_a"' in xml
    # header rows repeat; the column-number row is part of the header
    big = d.tables[-1] if len(d.tables[-1].rows) > 40 else d.tables[1]
    assert len(big.rows) == 2 + 1 + 40 + 1
    trs = big._tbl.findall("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}tr")
    header_flags = [tr.find(".//{*}tblHeader") is not None for tr in trs]
    assert header_flags[:3] == [True, True, True] and not any(header_flags[3:])
    assert [c.text for c in big.rows[2].cells] == ["1", "2", "3", "4", "5=(4/3)"]
    assert big.rows[3].cells[2].text == "1.000.123"
    assert big.rows[-1].cells[1].text == "Jumlah"
    total = sum(1_000_000 * (i + 1) + 123 for i in range(40))
    assert big.rows[-1].cells[2].text == f"{total:,}".replace(",", ".")
    # sections: portrait front matter, landscape for the wide table, back to portrait
    orient = [(s.orientation, round(s.page_width.mm), round(s.page_height.mm)) for s in d.sections]
    assert (1, 297, 210) in orient  # WD_ORIENT.LANDSCAPE == 1
    assert orient[-1][0] == 0 and orient[0][1:] == (210, 297)
    # the missing-data paragraph is marked visibly
    missing = next(p for p in d.paragraphs if "belum diisi" in p.text)
    assert missing.style.name == "Belum Lengkap"
    assert missing.style.font.highlight_color is not None
    # signature block with name and NIP
    sig_text = "\n".join(c.text for row in d.tables[0].rows for c in row.cells)
    assert "Dr. Budi, S.Sos., M.Si." in sig_text and "NIP. 197001012000031001" in sig_text
    # page numbers: a PAGE field in the footer
    footer_xml = d.sections[0].footer._element.xml
    assert "PAGE" in footer_xml


def test_docx_f4_paper():
    d = read_docx(io.BytesIO(render(sample(paper="F4"), "docx")))
    assert (round(d.sections[0].page_width.mm), round(d.sections[0].page_height.mm)) == (215, 330)


def test_xlsx_numbers_formats_formulas():
    doc = sample(n_rows=12)
    wb = load_workbook(io.BytesIO(render(doc, "xlsx")))
    assert wb.sheetnames[0] == "Daftar Tabel"
    assert len(wb.sheetnames) == 1 + 2
    ws = wb[wb.sheetnames[2]]
    assert ws.title.startswith("Tabel 3.1") and len(ws.title) <= 31
    # header on rows 4–5, number row 6, data from row 7; frozen and repeated when printed
    assert ws.freeze_panes == "A7"
    assert ws.print_title_rows == "$4:$6"
    assert ws.page_setup.orientation == "landscape" and ws.page_setup.fitToWidth == 1
    assert ws.cell(4, 3).value == "Anggaran" and "C4:E4" in {str(r) for r in ws.merged_cells.ranges}
    assert ws.cell(7, 3).value == 1_000_123 and ws.cell(7, 3).number_format == "#,##0"
    assert ws.cell(7, 5).value == "=D7/C7*100"
    assert ws.cell(7, 5).number_format == "#,##0.00"
    total_row = 7 + 12
    assert ws.cell(total_row, 3).value == f"=SUM(C7:C{total_row - 1})"
    cached = load_workbook(io.BytesIO(render(doc, "xlsx")), data_only=True)[ws.title]
    assert cached.cell(total_row, 3).value == sum(1_000_000 * (i + 1) + 123 for i in range(12))
    assert cached.cell(7, 5).value == pytest.approx(100.0)
    assert cached.cell(8, 5).value == pytest.approx(1_750_123 / 2_000_123 * 100)


def test_sheet_names_are_valid_and_unique():
    used: set[str] = set()
    t = budget_table(1)
    t.number = "3.10"
    t.caption = "Capaian: indikator / sasaran [tahun] * ? yang sangat panjang sekali"
    names = [sheet_name(t, used) for _ in range(3)]
    assert len(set(names)) == 3
    assert all(len(n) <= 31 and not re.search(r"[\[\]:*?/\\]", n) for n in names)


def test_pdf_pages_fonts_and_text(tmp_path):
    pdfplumber = pytest.importorskip("pdfplumber")
    doc = sample(n_rows=70)
    data = render(doc, "pdf")
    assert data.startswith(b"%PDF")
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        pages = pdf.pages
        # cover, pengantar, 3 lists, BAB I, BAB III + the long landscape table (≥ 2 pages)
        assert 8 <= len(pages) <= 14
        texts = [p.extract_text() or "" for p in pages]
        landscape = [p for p in pages if p.width > p.height]
        assert len(landscape) >= 2
        # the header row is repeated on each landscape page
        assert all("Realisasi (Rp)" in (p.extract_text() or "") for p in landscape)
        full = "\n".join(texts)
        assert "Tabel 3.1 Realisasi anggaran per sub kegiatan" in full
        assert "Lihat Tabel 1.1 dan Gambar 3.1" in full
        # the TOC has page numbers: BAB III's entry ends with a number
        toc = next(t for t in texts if "DAFTAR ISI" in t)
        assert re.search(r"AKUNTABILITAS KINERJA[\s.]*\d+", toc)
        fonts = {c["fontname"].split("+")[-1] for p in pages[:3] for c in p.chars}
        assert any("Liberation" in f or "Arial" in f for f in fonts)
    if which("pdffonts"):
        path = tmp_path / "uji.pdf"
        path.write_bytes(data)
        listing = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True,
                                 check=True).stdout
        rows = [line.split() for line in listing.splitlines()[2:] if line.strip()]
        assert rows and all("yes" in r for r in rows)  # every font embedded


def test_unknown_format():
    with pytest.raises(ValueError):
        render(sample(), "odt")


def test_docx_lists_start_on_their_own_page_with_toc_styles():
    d = read_docx(io.BytesIO(render(sample(), "docx")))
    paragraphs = d.paragraphs
    for title in ("DAFTAR ISI", "DAFTAR TABEL", "DAFTAR GAMBAR"):
        i = next(n for n, p in enumerate(paragraphs) if p.text == title)
        # the paragraph before the title ends the previous page
        assert 'w:type="page"' in paragraphs[i - 1]._p.xml, title
    # the cached entries are in Word's TOC styles (compact, indented by level)
    toc = [p for p in paragraphs if p.style.name.startswith("toc ")]
    assert {"toc 1", "toc 2"} <= {p.style.name for p in toc}
    assert any(p.text == "1.1 Latar Belakang" and p.style.name == "toc 2" for p in toc)
    assert d.styles["toc 2"].paragraph_format.left_indent > d.styles["toc 1"].paragraph_format.left_indent


@pytest.mark.skipif(not which("soffice"), reason="LibreOffice (soffice) is not installed")
def test_docx_opens_in_libreoffice(tmp_path):
    """The DOCX converted by LibreOffice: the lists start on their own pages, the wide table
    is on landscape pages with its header repeated."""
    pdfplumber = pytest.importorskip("pdfplumber")
    source = tmp_path / "uji.docx"
    source.write_bytes(render(sample(n_rows=70), "docx"))
    subprocess.run(["soffice", "--headless", f"-env:UserInstallation=file://{tmp_path}/lo",
                    "--convert-to", "pdf", "--outdir", str(tmp_path), str(source)],
                   capture_output=True, check=True, timeout=180)
    with pdfplumber.open(tmp_path / "uji.pdf") as pdf:
        texts = [p.extract_text() or "" for p in pdf.pages]
        landscape = [t for p, t in zip(pdf.pages, texts, strict=True) if p.width > p.height]
    starts = {t.strip().splitlines()[1] if len(t.strip().splitlines()) > 1 else "" for t in texts}
    assert {"DAFTAR ISI", "DAFTAR TABEL", "DAFTAR GAMBAR"} <= starts
    assert len(landscape) >= 2 and all("Realisasi (Rp)" in t for t in landscape)
