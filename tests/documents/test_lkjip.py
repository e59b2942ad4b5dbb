"""The LKjIP and the PK of the Belitung demo, generated in the three formats and read back: every
figure in the XLSX and the DOCX is the figure the rules give (sakip.figures / sakip.rules), the
numbering is unique and sequential, the counts in the prose are the counts of the tables, and
missing data gives placeholders and warnings instead of crashes."""

from __future__ import annotations

import datetime as dt
import io
import re
from collections import defaultdict
from decimal import Decimal

import pytest
from docx import Document as read_docx
from docx.table import Table as DocxTable
from docx.text.paragraph import Paragraph as DocxParagraph
from openpyxl import load_workbook

from sakip import dataset
from sakip import figures as fig
from sakip.documents import service
from sakip.documents.model import Document, Kind, Table
from sakip.documents.registry import Options
from sakip.documents.render import render
from sakip.documents.render.xlsx import sheet_name
from sakip.rules.numbers import round_half_up

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def build(kind: str, ay, **options) -> Document:
    return service.build(service.document_kind(kind), ay, Options(**options))


def docx_tables_by_caption(data: bytes) -> tuple[dict[str, DocxTable], list[str], list[str]]:
    """Caption → the table that follows it; all captions; all paragraph texts."""
    d = read_docx(io.BytesIO(data))
    tables: dict[str, DocxTable] = {}
    captions: list[str] = []
    texts: list[str] = []
    pending = None
    for child in d.element.body.iterchildren():
        if child.tag == f"{W}p":
            p = DocxParagraph(child, d)
            texts.append(p.text)
            if p.style.name == "Judul Tabel":
                pending = p.text
                captions.append(p.text)
        elif child.tag == f"{W}tbl" and pending:
            tables[pending] = DocxTable(child, d)
            pending = None
    return tables, captions, texts


def model_table(doc: Document, tid: str) -> Table:
    return next(t for t in doc.tables() if t.id == tid)


def data_rows(docx_table: DocxTable, model: Table) -> list[list[str]]:
    skip = len(model.header_rows()) + (1 if model.number_row else 0)
    out = []
    for row in docx_table.rows[skip:]:
        seen, cells = set(), []
        for cell in row.cells:  # merged cells repeat; keep each once
            if id(cell._tc) in seen:
                continue
            seen.add(id(cell._tc))
            cells.append(cell.text)
        out.append(cells)
    return out


@pytest.fixture
def ay(belitung):
    return dataset.load("belitung", 2024)


def test_belitung_lkjip_three_formats_match_the_rules(ay, tmp_path):
    doc = build("lkjip", ay)
    docx_data, xlsx_data = render(doc, "docx"), render(doc, "xlsx")

    # -- the rules' figures -----------------------------------------------------------------
    budget_rows = fig.budget_rows(ay, max_level=5)
    total = budget_rows[-1]
    assert (total.budget, total.realised) == (10_314_852_053, 9_521_256_875)
    assert total.absorption.rounded == Decimal("92.31")
    iku = {f"{r.level} {r.number}": r for r in fig.key_indicator_rows(ay)}
    assert iku["Sasaran 3.1"].achievement.rounded == Decimal("71.91")

    # -- XLSX: every numeric cell equals the model's value; key figures equal the rules -----
    wb = load_workbook(io.BytesIO(xlsx_data), data_only=True)
    used = {"daftar tabel"}
    for table in doc.tables():
        ws = wb[sheet_name(table, used)]
        first = 4 + len(table.header_rows()) + (1 if table.number_row else 0)
        for i, row in enumerate(table.rows):
            col = 1
            for cell in row.cells:
                got = ws.cell(first + i, col).value
                if cell.kind in (Kind.MONEY, Kind.COUNT) and isinstance(cell.value, int):
                    assert got == cell.value, (table.id, i, col)
                elif cell.kind in (Kind.PERCENT, Kind.DECIMAL) and isinstance(cell.value, Decimal):
                    assert got == pytest.approx(float(cell.value), rel=1e-12), (table.id, i, col)
                col += max(cell.colspan, 1)
    budget_table = model_table(doc, "tabel-realisasi-anggaran")
    ws = wb[sheet_name(budget_table, {"daftar tabel"})]
    header_end = 4 + len(budget_table.header_rows())
    last = ws.max_row
    while ws.cell(last, 2).value != "JUMLAH":
        last -= 1
    keys = [c.key for c in budget_table.columns]
    values = {k: ws.cell(last, keys.index(k) + 1).value for k in ("apbd_p", "realisasi", "persen", "sisa")}
    assert values["apbd_p"] == 10_314_852_053
    assert values["realisasi"] == 9_521_256_875
    assert round_half_up(Decimal(str(values["persen"]))) == Decimal("92.31")
    assert values["sisa"] == 10_314_852_053 - 9_521_256_875
    formulas = load_workbook(io.BytesIO(xlsx_data))[ws.title]
    assert str(formulas.cell(last, keys.index("persen") + 1).value).startswith("=")
    assert ws.cell(header_end + 1, 1).value is not None  # the column-number row
    # each program row in the sheet equals the rules' program figures
    programs = {r.code: r for r in budget_rows if r.level == 3}
    found = 0
    for r in range(1, ws.max_row + 1):
        code = ws.cell(r, 1).value
        if code in programs:
            found += 1
            assert ws.cell(r, keys.index("apbd_p") + 1).value == programs[code].budget
            assert ws.cell(r, keys.index("realisasi") + 1).value == programs[code].realised
    assert found == len(programs) == 13

    # -- DOCX: every cell text equals the model's display; numbering; counts in prose --------
    tables, captions, texts = docx_tables_by_caption(docx_data)
    for table in doc.tables():
        caption = f"Tabel {table.number} {table.caption}"
        assert caption in tables, caption
        got = data_rows(tables[caption], table)
        want = [[c.display for c in row.cells] for row in table.rows]
        assert got == want, table.id
    capaian = model_table(doc, "tabel-capaian")
    rows = data_rows(tables[f"Tabel {capaian.number} {capaian.caption}"], capaian)
    violence = [r for r in rows if r[0] == "Sasaran 3.1"][0]
    assert violence[4:7] == ["3,20", "4,45", "71,91"]
    budget_docx = data_rows(tables[f"Tabel {budget_table.number} {budget_table.caption}"], budget_table)
    assert budget_docx[-1][1] == "JUMLAH"
    assert budget_docx[-1][-4:] == ["10.314.852.053", "9.521.256.875", "92,31", "793.595.178"]

    numbers = [re.match(r"Tabel (\S+) ", c).group(1) for c in captions]
    assert len(numbers) == len(set(numbers))
    by_chapter: dict[str, list[int]] = defaultdict(list)
    for n in numbers:
        chapter, _, k = n.rpartition(".")
        by_chapter[chapter].append(int(k))
    for chapter, ks in by_chapter.items():
        assert ks == list(range(1, len(ks) + 1)), chapter
    assert set(by_chapter) >= {"2", "3", "L"}

    full = "\n".join(texts)
    predikat_counts = defaultdict(int)
    for r in fig.key_indicator_rows(ay):
        predikat_counts[r.predikat.lower()] += 1
    for label, n in predikat_counts.items():
        assert re.search(rf"Terdapat {n} \(\w+\) indikator kinerja yang {label}", full), label
    low = fig.low_absorption(ay)
    low_table = model_table(doc, "tabel-serapan-rendah")
    assert len(low_table.rows) == len(low)
    assert re.search(rf"Terdapat {len(low)} \([\w ]+\) sub kegiatan dengan serapan di bawah 80 %", full)
    assert f"dilaksanakan {len(programs)} (tiga belas) program" in full
    # the mean excludes the 6110 % indicator and names it
    assert "88,54" in full and "Persentase penurunan PMKS per tahun" in full

    # names and NIP spelled from master data (the head of the agency)
    assert ay.head is not None
    signature_text = "\n".join(
        c.text for t in read_docx(io.BytesIO(docx_data)).tables for row in t.rows for c in row.cells)
    assert ay.head.name in signature_text and f"NIP. {ay.head.nip}" in signature_text



def test_belitung_lkjip_pdf(ay):
    """The PDF from the same model: a report-sized document, embedded Liberation fonts, the same
    figures as the rules."""
    import pdfplumber

    doc = build("lkjip", ay)
    capaian = model_table(doc, "tabel-capaian")
    with pdfplumber.open(io.BytesIO(render(doc, "pdf"))) as pdf:
        assert 30 <= len(pdf.pages) <= 90
        text = "\n".join(p.extract_text() or "" for p in pdf.pages)
        fonts = {c["fontname"].split("+")[-1] for c in pdf.pages[1].chars}
        landscape = sum(1 for p in pdf.pages if p.width > p.height)
    assert any("Liberation" in f for f in fonts)
    assert landscape >= 3  # the wide tables
    for needle in ("10.314.852.053", "9.521.256.875", "92,31", "71,91", f"Tabel {capaian.number}",
                   "DAFTAR ISI", "KASIMIN, S.IP., MAB"):
        assert needle in text, needle


def test_counts_in_xlsx_warnings_and_stored_prose(ay):
    doc = build("lkjip", ay)
    xlsx = load_workbook(io.BytesIO(render(doc, "xlsx")))
    assert len(xlsx.sheetnames) == 1 + sum(1 for _ in doc.tables())
    assert len({n.lower() for n in xlsx.sheetnames}) == len(xlsx.sheetnames)
    # stored prose of the demo is merged, the drafted sentence precedes it
    texts = [" ".join(r.text for r in b.runs if hasattr(r, "text")) for b in doc.blocks
             if b.__class__.__name__ == "Paragraph"]
    assert any(t.startswith("Rasio kekerasan Perempuan dan anak tahun 2024 adalah 4,45") for t in texts)
    assert any(t.startswith("Target Rasio kekerasan terhadap perempuan dan anak tahun 2024 adalah 3,20 per 10.000")
               for t in texts)
    # the PK original has no programs in the demo: said in the document and as a warning
    assert any("perjanjian belum memuat program" in w.text() for w in doc.warnings)


def test_missing_data_is_said_not_crashed(belitung):
    from sakip.monitoring import models as mon
    from sakip.organisations.models import Official
    from sakip.planning import models as plan
    from sakip.workflow.history import audit_context

    with audit_context(reason="uji", quiet=True):
        mon.SpendingRealisation.objects.filter(line__work_plan__agency=belitung).delete()
        # the head left office before the year (the agreements keep their signatory)
        Official.objects.filter(agency=belitung).update(
            valid_from=dt.date(2015, 1, 1), valid_to=dt.date(2020, 12, 31))
        ind = plan.Indicator.objects.get(strategic_plan__agency=belitung, number="2.1.1", is_key=True)
        plan.IndicatorTarget.objects.filter(indicator=ind, year=2024).delete()
        plan.Narrative.objects.filter(agency=belitung, section__startswith="sasaran.3").delete()
        plan.Narrative.objects.filter(agency=belitung, section="langkah_perbaikan").delete()
    ay = dataset.load("belitung", 2024)
    doc = build("lkjip", ay)
    warnings = [w.text() for w in doc.warnings]
    joined = "\n".join(warnings)
    assert "realisasi anggaran tahun 2024 belum diisi" in joined
    assert "kepala perangkat daerah belum dicatat" in joined
    assert "target tahun 2024 belum ditetapkan" in joined and "Indeks Pemberdayaan Gender" in joined
    assert "narasi 'sasaran.3'" in joined and "narasi 'langkah_perbaikan'" in joined
    missing = [b for b in doc.blocks if getattr(b, "style", "") == "missing"]
    assert len(missing) >= 4
    docx_data = render(doc, "docx")
    d = read_docx(io.BytesIO(docx_data))
    marked = [p.text for p in d.paragraphs if p.style.name == "Belum Lengkap"]
    assert any("langkah_perbaikan" in t for t in marked)
    cells = [c.text for t in d.tables for row in t.rows for c in row.cells]
    assert "belum ada realisasi" in cells and "belum ditetapkan" in cells
    assert "(nama belum dicatat)" in cells
    load_workbook(io.BytesIO(render(doc, "xlsx")))


def test_agency_without_any_plan_still_gets_a_document(db):
    from sakip.organisations.models import Agency, Region

    region = Region.objects.create(code="uji", name="Kabupaten Uji", kind="kabupaten",
                                   province_name="Provinsi Uji", capital="Kota Uji")
    Agency.objects.create(region=region, code="kosong", name="Dinas Kosong", short_name="DK")
    ay = dataset.load("kosong", 2024)
    for kind in ("lkjip", "pk"):
        doc = build(kind, ay)
        assert doc.warnings
        for fmt in ("docx", "xlsx"):
            assert render(doc, fmt)


@pytest.mark.parametrize("version, title, total", [
    ("revised", "PERJANJIAN KINERJA PERUBAHAN TAHUN 2024", "10.314.852.053"),
    ("original", "PERJANJIAN KINERJA TAHUN 2024", None),
])
def test_pk_versions(ay, version, title, total):
    doc = build("pk", ay, version=version)
    tables, captions, texts = docx_tables_by_caption(render(doc, "docx"))
    assert title in texts
    assert any(t.startswith("Nama: KASIMIN, S.IP., MAB") for t in texts)
    sasaran = model_table(doc, "pk-sasaran")
    agreement = ay.agreement(version)
    assert len(sasaran.rows) == len(agreement.items) >= 5
    assert [r.cells[2].display for r in sasaran.rows] == [i.indicator.name for i in agreement.items]
    program = model_table(doc, "pk-program")
    if total:
        assert program.rows[-1].cells[2].display == total
        assert program.rows[-1].cells[2].value == sum(
            r.cells[2].value for r in program.rows[:-1] if isinstance(r.cells[2].value, int))
        assert any(t.startswith("Jumlah anggaran Rp 10.314.852.053 (sepuluh miliar") for t in texts)
        assert any(t == "MIKRON ANTARIKSA" for t in [c.text for tb in read_docx(io.BytesIO(render(doc, "docx"))).tables for row in tb.rows for c in row.cells])
    else:
        assert any("program dan anggarannya" in w.text() for w in doc.warnings)
        assert any("pihak kedua" in w.text() for w in doc.warnings)
    wb = load_workbook(io.BytesIO(render(doc, "xlsx")), data_only=True)
    assert len(wb.sheetnames) == 3


def test_report_command_lkjip(belitung, tmp_path, capsys):
    from sakip.cli import main

    out = tmp_path / "lkjip.xlsx"
    assert main(["report", "lkjip", "--agency", "belitung", "--year", "2024", "--format", "xlsx",
                 "-o", str(out)]) == 0
    captured = capsys.readouterr()
    assert captured.out.strip() == str(out)
    assert "peringatan: " in captured.err
    assert load_workbook(out).sheetnames[0] == "Daftar Tabel"


def test_prose_stored_by_the_editor_per_sasaran_number_is_merged(belitung):
    from sakip.planning import models as plan
    from sakip.workflow.history import audit_context

    with audit_context(reason="uji", quiet=True):
        plan.Narrative.objects.filter(agency=belitung, section__startswith="sasaran.2").delete()
        plan.Narrative.objects.create(agency=belitung, year=2024, document="lkjip",
                                      section="sasaran.2.1", text="Analisis APE dari editor web.")
    doc = build("lkjip", dataset.load("belitung", 2024))
    texts = [getattr(b, "runs", None) and "".join(getattr(r, "text", "") for r in b.runs)
             for b in doc.blocks]
    i = texts.index("Analisis APE dari editor web.")
    heading = next(b for b in reversed(doc.blocks[:i]) if b.__class__.__name__ == "Heading")
    assert heading.text.startswith("Tujuan 2")
    assert not any("Tujuan 2" in w.text() and "Analisis" in w.text() for w in doc.warnings)


def test_staff_table_and_sentence_are_computed_from_the_stored_counts(ay):
    """BAB I 1.3: the sentence states the totals of the table; in the XLSX the totals are SUM
    formulas over the rows beside them, with the same cached values."""
    doc = build("lkjip", ay)
    table = model_table(doc, "tabel-pegawai")
    total = table.rows[-1]
    values = {col.key: cell.value for col, cell in zip(table.columns, total.cells, strict=True)}
    assert (values["pns_l"], values["pns_p"], values["pppk_l"], values["pppk_p"],
            values["honorer_l"], values["honorer_p"]) == (12, 12, 2, 2, 7, 4)
    assert (values["jumlah_l"], values["jumlah_p"], values["jumlah"]) == (21, 18, 39)
    sma = next(r for r in table.rows if r.cells[1].display == "SMA/ SMU")
    assert [c.value for c in sma.cells[8:11]] == [4, 2, 6]  # the seed printed 6 / 3

    data = render(doc, "docx")
    tables, captions, texts = docx_tables_by_caption(data)
    sentence = next(t for t in texts if t.startswith("Jumlah pegawai"))
    assert "39 (tiga puluh sembilan) orang" in sentence
    assert "24 (dua puluh empat) orang PNS, 4 (empat) orang PPPK, dan 11 (sebelas) orang tenaga honorer" in sentence
    assert "28" not in sentence
    caption = next(c for c in captions if "Jumlah Pegawai menurut Jenis Pendidikan" in c)
    assert caption.startswith("Tabel 1.1")
    assert data_rows(tables[caption], table)[-1][-3:] == ["21", "18", "39"]

    wb = load_workbook(io.BytesIO(render(doc, "xlsx")))
    ws = next(ws for ws in wb.worksheets if any(
        isinstance(c.value, str) and "Jumlah Pegawai" in c.value for c in ws["A"][:3]))
    last = max(r for r in range(1, ws.max_row + 1) if ws.cell(r, 2).value == "Jumlah Total")
    assert str(ws.cell(last, 3).value).startswith("=")  # PNS L: sum of the group totals
    assert str(ws.cell(last, 11).value) == f"=I{last}+J{last}"


def test_signature_is_dated_the_day_the_head_approved_and_undated_after_reopening(belitung):
    from sakip.documents.model import SignatureBlock
    from sakip.workflow.models import DocumentStatus

    def dates(doc):  # the head's own signature; the PK in the Lampiran has two parties
        return [b.signatures[0].date for b in doc.blocks
                if isinstance(b, SignatureBlock) and len(b.signatures) == 1]

    doc = build("lkjip", dataset.load("belitung", 2024))
    assert dates(doc) == ["4 Maret 2025", "4 Maret 2025"]  # Kata Pengantar and BAB IV
    DocumentStatus.objects.filter(agency__code="belitung", year=2024, document="lkjip").update(
        state=DocumentStatus.State.DRAFT)
    assert dates(build("lkjip", dataset.load("belitung", 2024))) == ["", ""]
