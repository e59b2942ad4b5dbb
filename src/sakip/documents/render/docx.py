"""DOCX renderer: a `Document` as a Word file a planner can keep editing.

What Word/LibreOffice users get: real "Heading 1–3" styles (BAB → Heading 1), an automatic
table of contents field and lists of tables and figures (fields that Word updates on opening;
their cached text already lists the entries), captions "Tabel 3.1 …" in the "Judul Tabel" style
with a bookmark so every cross-reference is a REF field printing the same label, header rows
repeated on every page, landscape sections for wide tables, A4 or F4 paper, page numbers
(roman in the front matter, arabic from BAB I), signature blocks and visibly marked
placeholders where data or an explanation is missing.

Tables are written as WordprocessingML directly (one parse per table): python-docx's cell API
is far too slow for a 300-row budget table.
"""

from __future__ import annotations

import io
import re
from typing import Any
from xml.sax.saxutils import escape

from docx import Document as new_docx
from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Cm, Emu, Mm, Pt, RGBColor

from sakip.documents.model import (
    BulletList,
    Cell,
    Chart,
    Cover,
    Document,
    Heading,
    Kind,
    ListOfFigures,
    ListOfTables,
    PageBreak,
    Paragraph,
    Ref,
    Run,
    SectionBreak,
    SignatureBlock,
    Table,
    TableOfContents,
)
from sakip.documents.render import signature
from sakip.documents.render.layout import NUMERIC_KINDS, header_grid, paper_mm

FONT = "Arial"
BODY_PT = 11
TABLE_PT = 8.5
MARGIN_CM = {"top": 2.5, "bottom": 2.0, "left": 3.0, "right": 2.0}
TABLE_STYLE = "Judul Tabel"
FIGURE_STYLE = "Judul Gambar"
MISSING_STYLE = "Belum Lengkap"
_W = nsdecls("w")
_INVALID_XML = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


def _x(text: str) -> str:
    return escape(_INVALID_XML.sub("", text))


class _Writer:
    def __init__(self, document: Document) -> None:
        self.model = document
        self.doc = new_docx()
        self.body = self.doc.element.body
        self.landscape = False
        # Front matter (numbered i, ii …) exists only in documents with chapters (BAB I …).
        self.front_matter = any(
            isinstance(b, Heading) and b.level == 0 and b.number.upper().startswith("BAB")
            for b in document.blocks
        )
        self.bookmarks: dict[str, str] = {}
        self.bookmark_id = 0
        self._style_ids: dict[str, str] = {}
        self.width_mm, self.height_mm = paper_mm(document.paper)
        self._styles()
        self._first_section()

    # -- setup --------------------------------------------------------------------------------
    def _styles(self) -> None:
        styles = self.doc.styles
        normal = styles["Normal"]
        normal.font.name = FONT
        normal.font.size = Pt(BODY_PT)
        rpr = normal.element.get_or_add_rPr()
        fonts = rpr.find(qn("w:rFonts"))
        if fonts is None:
            fonts = parse_xml(f"<w:rFonts {_W}/>")
            rpr.append(fonts)
        for attr in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
            fonts.set(qn(attr), FONT)
        rpr.append(parse_xml(f'<w:lang {_W} w:val="id-ID"/>'))
        pf = normal.paragraph_format
        pf.space_after = Pt(6)
        pf.line_spacing = 1.15
        for name, size, align in (
            ("Heading 1", 14, WD_ALIGN_PARAGRAPH.CENTER),
            ("Heading 2", 12, None),
            ("Heading 3", 11, None),
        ):
            st = styles[name]
            st.font.name = FONT
            st.font.size = Pt(size)
            st.font.bold = True
            st.font.italic = False
            st.font.color.rgb = RGBColor(0, 0, 0)
            st.paragraph_format.space_before = Pt(12)
            st.paragraph_format.space_after = Pt(6)
            st.paragraph_format.keep_with_next = True
            if align is not None:
                st.paragraph_format.alignment = align
        for name, italic in ((TABLE_STYLE, False), (FIGURE_STYLE, False)):
            st = styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
            st.base_style = styles["Normal"]
            st.font.bold = True
            st.font.italic = italic
            st.font.size = Pt(10)
            st.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER
            st.paragraph_format.keep_with_next = name == TABLE_STYLE
            st.paragraph_format.space_before = Pt(6)
            st.paragraph_format.space_after = Pt(4)
        st = styles.add_style(MISSING_STYLE, WD_STYLE_TYPE.PARAGRAPH)
        st.base_style = styles["Normal"]
        st.font.italic = True
        st.font.color.rgb = RGBColor(0xC0, 0x00, 0x00)
        st.font.highlight_color = 7  # yellow
        for name, bold, align in (
            ("Isi Tabel", False, None),
            ("Kepala Tabel", True, WD_ALIGN_PARAGRAPH.CENTER),
        ):
            st = styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
            st.base_style = styles["Normal"]
            st.font.size = Pt(TABLE_PT)
            st.font.bold = bold
            st.paragraph_format.space_after = Pt(0)
            st.paragraph_format.space_before = Pt(0)
            st.paragraph_format.line_spacing = 1.0
            if align is not None:
                st.paragraph_format.alignment = align
        # The styles Word applies to TOC entries ("toc 1" …), missing from python-docx's
        # template: without them the cached entries were Normal paragraphs, double-spaced in
        # LibreOffice (which shows the cached text until the index is updated).
        for level in (1, 2, 3):
            st = styles.add_style(f"toc {level}", WD_STYLE_TYPE.PARAGRAPH)
            st.base_style = styles["Normal"]
            st.paragraph_format.left_indent = Cm(0.6 * (level - 1))
            st.paragraph_format.space_before = Pt(3 if level == 1 else 0)
            st.paragraph_format.space_after = Pt(2)
        st = styles.add_style("Catatan", WD_STYLE_TYPE.PARAGRAPH)
        st.base_style = styles["Normal"]
        st.font.size = Pt(9)
        st.paragraph_format.space_after = Pt(2)
        core = self.doc.core_properties
        core.title = self.model.title
        core.subject = self.model.subject or self.model.title
        core.author = self.model.author or "OpenSAKIP"
        core.language = "id-ID"
        # Ask Word to update the TOC/lists and REF fields when the file is opened.
        settings = self.doc.settings.element
        settings.append(parse_xml(f'<w:updateFields {_W} w:val="true"/>'))

    def _styled(self, style_name: str, text: str = "") -> Any:
        """A paragraph in a paragraph style, set by its id: python-docx's lookup by name scans
        the whole styles part on every call (most of the renderer's time otherwise)."""
        p = self.doc.add_paragraph(text)
        p._p.style = self.doc.styles[style_name].style_id if style_name not in self._style_ids \
            else self._style_ids[style_name]
        self._style_ids.setdefault(style_name, p._p.style)
        return p

    def _page_setup(self, section: object, landscape: bool) -> None:
        w, h = Mm(self.width_mm), Mm(self.height_mm)
        section.orientation = WD_ORIENT.LANDSCAPE if landscape else WD_ORIENT.PORTRAIT  # type: ignore[attr-defined]
        section.page_width, section.page_height = (h, w) if landscape else (w, h)  # type: ignore[attr-defined]
        section.top_margin = Cm(MARGIN_CM["top"])  # type: ignore[attr-defined]
        section.bottom_margin = Cm(MARGIN_CM["bottom"])  # type: ignore[attr-defined]
        section.left_margin = Cm(MARGIN_CM["left"])  # type: ignore[attr-defined]
        section.right_margin = Cm(MARGIN_CM["right"])  # type: ignore[attr-defined]

    def _first_section(self) -> None:
        section = self.doc.sections[0]
        self._page_setup(section, False)
        section.different_first_page_header_footer = True  # the cover has no page number
        self._page_numbers(section.footer.paragraphs[0])
        header = section.header.paragraphs[0]
        header.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        run = header.add_run(self.model.title)
        run.font.size = Pt(8)
        run.italic = True
        self._number_format(section, "lowerRoman" if self.front_matter else "decimal", start=None)

    def _page_numbers(self, paragraph: object) -> None:
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER  # type: ignore[attr-defined]
        for xml in _field_runs("PAGE", "1"):
            paragraph._p.append(parse_xml(xml))  # type: ignore[attr-defined]

    def _number_format(self, section: object, fmt: str, start: int | None) -> None:
        sect_pr = section._sectPr  # type: ignore[attr-defined]
        for old in sect_pr.findall(qn("w:pgNumType")):
            sect_pr.remove(old)
        start_attr = f' w:start="{start}"' if start is not None else ""
        node = parse_xml(f'<w:pgNumType {_W} w:fmt="{fmt}"{start_attr}/>')
        # pgNumType must come before w:cols/w:docGrid etc.; after pgMar is valid.
        pg_mar = sect_pr.find(qn("w:pgMar"))
        if pg_mar is not None:
            pg_mar.addnext(node)
        else:
            sect_pr.append(node)

    def _new_section(self, landscape: bool, restart_numbers: bool = False) -> None:
        section = self.doc.add_section(WD_SECTION.NEW_PAGE)
        self._page_setup(section, landscape)
        section.different_first_page_header_footer = False
        if restart_numbers:
            self._number_format(section, "decimal", start=1)
        else:
            fmt = "lowerRoman" if self.front_matter else "decimal"
            self._number_format(section, fmt, start=None)
        self.landscape = landscape

    def _orientation(self, landscape: bool) -> None:
        if landscape != self.landscape:
            self._new_section(landscape)

    def _usable_width_twips(self) -> int:
        page = self.height_mm if self.landscape else self.width_mm
        usable_cm = page / 10 - MARGIN_CM["left"] - MARGIN_CM["right"]
        return int(usable_cm / 2.54 * 1440)

    # -- blocks -------------------------------------------------------------------------------
    def render(self) -> bytes:
        blocks = self.model.blocks
        for i, block in enumerate(blocks):
            if isinstance(block, Table):
                self._orientation(block.landscape)
                self._table(block)
                continue
            if isinstance(block, (Paragraph, BulletList)) and self.landscape:
                # notes right after a wide table stay on its page; other text goes back upright
                if not (i > 0 and isinstance(blocks[i - 1], Table) and isinstance(block, Paragraph)
                        and block.style == "note"):
                    self._orientation(False)
            elif not isinstance(block, (Table, PageBreak)) and self.landscape:
                self._orientation(False)
            if isinstance(block, Cover):
                self._cover(block)
            elif isinstance(block, TableOfContents):
                self._toc(block.title, 'TOC \\o "1-3" \\h \\z \\u', self._heading_entries())
            elif isinstance(block, ListOfTables):
                self._toc(block.title, f'TOC \\h \\z \\t "{TABLE_STYLE},1"',
                          [(f"Tabel {t.number} {t.caption}", 1) for t in self.model.tables()])
            elif isinstance(block, ListOfFigures):
                self._toc(block.title, f'TOC \\h \\z \\t "{FIGURE_STYLE},1"',
                          [(f"Gambar {c.number} {c.caption}", 1) for c in self.model.charts()])
            elif isinstance(block, Heading):
                self._heading(block)
            elif isinstance(block, Paragraph):
                self._paragraph(block)
            elif isinstance(block, BulletList):
                self._list(block)
            elif isinstance(block, Chart):
                self._chart(block)
            elif isinstance(block, SignatureBlock):
                self._signatures(block)
            elif isinstance(block, PageBreak):
                self.doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
            elif isinstance(block, SectionBreak):
                self._new_section(block.landscape)
        out = io.BytesIO()
        self.doc.save(out)
        return out.getvalue()

    def _cover(self, cover: Cover) -> None:
        def line(text: str, size: int, bold: bool = True, before: int = 0) -> None:
            p = self.doc.add_paragraph()
            p.alignment = WD_ALIGN_PARAGRAPH.CENTER
            p.paragraph_format.space_before = Pt(before)
            run = p.add_run(text)
            run.bold = bold
            run.font.size = Pt(size)

        for i, text in enumerate(cover.lines):
            line(text, 20 if i == 0 else 16, before=60 if i == 0 else 0)
        line(f"TAHUN {cover.year}", 16, before=24)
        line(cover.agency.upper(), 14, before=200)
        line(cover.region.upper(), 14)
        if cover.address:
            line(cover.address, 9, bold=False, before=12)
        self.doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)

    def _heading_entries(self) -> list[tuple[str, int]]:
        return [
            (_heading_text(h), h.level + 1)
            for h in self.model.blocks
            if isinstance(h, Heading) and h.in_toc
        ]

    def _toc(self, title: str, instruction: str, entries: list[tuple[str, int]]) -> None:
        if self._has_content_since_break():  # each list starts on its own page
            self.doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
        p = self.doc.add_paragraph()
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        run = p.add_run(title)
        run.bold = True
        run.font.size = Pt(14)
        begin, instr, sep, end = _field_parts(instruction)
        if not entries:
            entries = [("(belum ada entri; perbarui bidang ini di pengolah kata)", 1)]
        paragraphs = []
        for text, level in entries:
            style = f"toc {min(level, 3)}"
            try:
                para = self._styled(style)
            except KeyError:
                para = self.doc.add_paragraph()
                para.paragraph_format.left_indent = Cm(0.6 * (level - 1))
            run = para.add_run(text)
            if level == 1 and instruction.startswith("TOC \\o"):
                run.bold = True  # chapters, as in the PDF's table of contents
            paragraphs.append(para)
        first, last = paragraphs[0]._p, paragraphs[-1]._p
        ppr = first.find(qn("w:pPr"))
        anchor = ppr if ppr is not None else None
        for xml in reversed((begin, instr, sep)):
            node = parse_xml(xml)
            if anchor is not None:
                anchor.addnext(node)
            else:
                first.insert(0, node)
        last.append(parse_xml(end))
        self.doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)

    def _heading(self, heading: Heading) -> None:
        level = min(heading.level, 2)
        if level == 0 and self.front_matter and heading.number.upper().startswith("BAB"):
            self.front_matter = False
            self._new_section(False, restart_numbers=True)
        elif level == 0 and self._has_content_since_break():
            self.doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
        p = self._styled(f"Heading {level + 1}")
        if level == 0 and heading.number and heading.text:
            p.add_run(heading.number)
            p.add_run().add_break()
            p.add_run(heading.text)
        else:
            p.add_run(f"{heading.number} {heading.text}".strip())
        if heading.id:
            self._bookmark(p._p, heading.id)

    def _has_content_since_break(self) -> bool:
        """True unless the body ends with a page or section break (no blank pages)."""
        last = self.body[-2] if len(self.body) > 1 else None
        if last is None:
            return False
        xml = last.xml if hasattr(last, "xml") else ""
        return 'w:type="page"' not in xml and "w:sectPr" not in xml

    def _runs(self, paragraph: object, runs: list[Run | Ref]) -> None:
        p = paragraph._p  # type: ignore[attr-defined]
        for item in runs:
            if isinstance(item, Ref):
                name = self.bookmarks.get(item.target) or _bookmark_name(item.target)
                for xml in _field_runs(f"REF {name} \\h", self.model.label(item.target)):
                    p.append(parse_xml(xml))
            else:
                r = paragraph.add_run(item.text)  # type: ignore[attr-defined]
                r.bold = item.bold or None
                r.italic = item.italic or None

    def _paragraph(self, para: Paragraph) -> None:
        if para.style == "missing":
            p = self._styled(MISSING_STYLE)
        elif para.style == "note":
            p = self._styled("Catatan")
        else:
            p = self.doc.add_paragraph()
        if para.style in ("center", "title"):
            p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        elif para.style in ("body", "missing"):
            p.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
        self._runs(p, para.runs)
        if para.style == "title":
            for r in p.runs:
                r.bold = True

    def _list(self, block: BulletList) -> None:
        for i, item in enumerate(block.items, start=1):
            p = self.doc.add_paragraph()
            p.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
            p.paragraph_format.left_indent = Cm(0.75)
            p.paragraph_format.first_line_indent = Cm(-0.75)
            p.paragraph_format.space_after = Pt(2)
            p.add_run(f"{i}.\t" if block.numbered else "•\t")
            self._runs(p, item)

    def _bookmark(self, p: object, target: str) -> None:
        name = _bookmark_name(target)
        self.bookmarks[target] = name
        self.bookmark_id += 1
        bid = self.bookmark_id
        p.append(parse_xml(f'<w:bookmarkStart {_W} w:id="{bid}" w:name="{name}"/>'))  # type: ignore[attr-defined]
        p.append(parse_xml(f'<w:bookmarkEnd {_W} w:id="{bid}"/>'))  # type: ignore[attr-defined]

    def _caption(self, style: str, label: str, caption: str, target: str) -> None:
        p = self._styled(style)
        name = _bookmark_name(target)
        self.bookmarks[target] = name
        self.bookmark_id += 1
        bid = self.bookmark_id
        p._p.append(parse_xml(f'<w:bookmarkStart {_W} w:id="{bid}" w:name="{name}"/>'))
        p.add_run(label)
        p._p.append(parse_xml(f'<w:bookmarkEnd {_W} w:id="{bid}"/>'))
        p.add_run(f" {caption}")

    def _chart(self, chart: Chart) -> None:
        from sakip.documents.render import charts  # matplotlib is imported only for charts

        image = charts.png(chart)
        w_in, h_in = charts.size_inches(chart)
        width = min(Cm(15), Emu(int(self._usable_width_twips() / 1440 * 914400)))
        p = self.doc.add_paragraph()
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        p.paragraph_format.keep_with_next = True
        p.add_run().add_picture(io.BytesIO(image), width=width,
                                height=Emu(int(width * h_in / w_in)))
        self._caption(FIGURE_STYLE, f"Gambar {chart.number}", chart.caption, chart.id)

    def _table(self, table: Table) -> None:
        self._caption(TABLE_STYLE, f"Tabel {table.number}", table.caption, table.id)
        self.body.sectPr.addprevious(parse_xml(self._table_xml(table)))
        for note in table.notes:
            self._styled("Catatan", note)
        if table.source:
            self._styled("Catatan", f"Sumber: {table.source}")
        spacer = self.doc.add_paragraph()
        spacer.paragraph_format.space_after = Pt(4)

    def _table_xml(self, table: Table) -> str:
        total = self._usable_width_twips()
        weights = [max(c.width, 0.1) for c in table.columns]
        scale = total / sum(weights)
        widths = [int(w * scale) for w in weights]
        parts = [
            f'<w:tbl {_W}><w:tblPr><w:tblW w:w="{total}" w:type="dxa"/>'
            '<w:jc w:val="center"/><w:tblBorders>'
            + "".join(
                f'<w:{side} w:val="single" w:sz="4" w:space="0" w:color="000000"/>'
                for side in ("top", "left", "bottom", "right", "insideH", "insideV")
            )
            + '</w:tblBorders><w:tblLayout w:type="fixed"/><w:tblCellMar>'
            '<w:left w:w="57" w:type="dxa"/><w:right w:w="57" w:type="dxa"/></w:tblCellMar>'
            '<w:tblLook w:val="04A0" w:firstRow="1" w:lastRow="0" w:firstColumn="0" '
            'w:lastColumn="0" w:noHBand="0" w:noVBand="1"/></w:tblPr><w:tblGrid>'
            + "".join(f'<w:gridCol w:w="{w}"/>' for w in widths)
            + "</w:tblGrid>"
        ]
        header_props = "<w:trPr><w:cantSplit/><w:tblHeader/></w:trPr>"
        for hrow in header_grid(table):
            parts.append(f"<w:tr>{header_props}")
            for slot in hrow:
                width = sum(widths[slot.col: slot.col + slot.colspan])
                merge = ""
                if slot.rowspan > 1:
                    merge = '<w:vMerge w:val="restart"/>'
                elif slot.continued:
                    merge = "<w:vMerge/>"
                text = "" if slot.continued else slot.text
                parts.append(
                    f'<w:tc><w:tcPr><w:tcW w:w="{width}" w:type="dxa"/>'
                    + (f'<w:gridSpan w:val="{slot.colspan}"/>' if slot.colspan > 1 else "")
                    + merge
                    + '<w:shd w:val="clear" w:color="auto" w:fill="D9D9D9"/>'
                    '<w:vAlign w:val="center"/></w:tcPr>'
                    + _cell_paragraph(text, "KepalaTabel", bold=True)
                    + "</w:tc>"
                )
            parts.append("</w:tr>")
        if table.number_row:
            parts.append(f"<w:tr>{header_props}")
            for i, text in enumerate(table.number_row):
                parts.append(
                    f'<w:tc><w:tcPr><w:tcW w:w="{widths[i] if i < len(widths) else 0}" '
                    'w:type="dxa"/><w:shd w:val="clear" w:color="auto" w:fill="F2F2F2"/></w:tcPr>'
                    + _cell_paragraph(text, "KepalaTabel", italic=True)
                    + "</w:tc>"
                )
            parts.append("</w:tr>")
        first_text = next(
            (i for i, c in enumerate(table.columns) if c.kind == Kind.TEXT), 0
        )
        for row in table.rows:
            fill = {"group": "F2F2F2", "total": "D9D9D9", "subtotal": "F2F2F2"}.get(row.style)
            bold_row = row.style in ("group", "total", "subtotal")
            parts.append("<w:tr><w:trPr><w:cantSplit/></w:trPr>")
            col = 0
            for cell in row.cells:
                span = max(cell.colspan, 1)
                width = sum(widths[col: col + span])
                kind = cell.kind if cell.value is not None or cell.kind != Kind.TEXT else Kind.TEXT
                column_kind = table.columns[col].kind if col < len(table.columns) else Kind.TEXT
                align = "right" if (kind in NUMERIC_KINDS and cell.value is not None) else (
                    "center" if column_kind in NUMERIC_KINDS or kind in (Kind.CODE, Kind.LEVEL)
                    else "left"
                )
                indent = row.indent if col == first_text else 0
                parts.append(
                    f'<w:tc><w:tcPr><w:tcW w:w="{width}" w:type="dxa"/>'
                    + (f'<w:gridSpan w:val="{span}"/>' if span > 1 else "")
                    + (f'<w:shd w:val="clear" w:color="auto" w:fill="{fill}"/>' if fill else "")
                    + "</w:tcPr>"
                    + _cell_paragraph(cell.display, "IsiTabel", bold=bold_row or cell.bold,
                                      align=align, indent=indent)
                    + "</w:tc>"
                )
                col += span
            parts.append("</w:tr>")
        parts.append("</w:tbl>")
        return "".join(parts)

    def _signatures(self, block: SignatureBlock) -> None:
        grid = signature.rows(block)
        n = len(grid[0]) if grid else 1
        width = self._usable_width_twips() // n
        xml = [
            f'<w:tbl {_W}><w:tblPr><w:tblW w:w="{width * n}" w:type="dxa"/>'
            '<w:tblBorders>'
            + "".join(f'<w:{s} w:val="nil"/>' for s in ("top", "left", "bottom", "right",
                                                         "insideH", "insideV"))
            + '</w:tblBorders><w:tblLayout w:type="fixed"/></w:tblPr><w:tblGrid>'
            + "".join(f'<w:gridCol w:w="{width}"/>' for _ in range(n))
            + "</w:tblGrid>"
        ]
        for line_row in grid:
            height = '<w:trHeight w:val="1300" w:hRule="atLeast"/>' if any(
                line.style == "space" for line in line_row) else ""
            xml.append(f"<w:tr><w:trPr><w:cantSplit/>{height}</w:trPr>")
            for line in line_row:
                bold = line.style in ("bold", "name")
                underline = line.style == "name"
                xml.append(
                    f'<w:tc><w:tcPr><w:tcW w:w="{width}" w:type="dxa"/></w:tcPr>'
                    '<w:p><w:pPr><w:keepNext/><w:spacing w:before="0" w:after="0" w:line="240" '
                    'w:lineRule="auto"/><w:jc w:val="center"/></w:pPr><w:r><w:rPr>'
                    + ("<w:b/>" if bold else "") + ('<w:u w:val="single"/>' if underline else "")
                    + f'</w:rPr><w:t xml:space="preserve">{_x(line.text)}</w:t></w:r></w:p></w:tc>'
                )
            xml.append("</w:tr>")
        xml.append("</w:tbl>")
        p = self.doc.add_paragraph()
        p.paragraph_format.keep_with_next = True
        self.body.sectPr.addprevious(parse_xml("".join(xml)))
        self.doc.add_paragraph()


def _heading_text(h: Heading) -> str:
    return f"{h.number} {h.text}".strip()


def _bookmark_name(target: str) -> str:
    clean = re.sub(r"[^A-Za-z0-9_]", "_", target)
    return ("_Ref_" + clean)[:40]


def _field_parts(instruction: str) -> tuple[str, str, str, str]:
    return (
        f'<w:r {_W}><w:fldChar w:fldCharType="begin" w:dirty="true"/></w:r>',
        f'<w:r {_W}><w:instrText xml:space="preserve"> {_x(instruction)} </w:instrText></w:r>',
        f'<w:r {_W}><w:fldChar w:fldCharType="separate"/></w:r>',
        f'<w:r {_W}><w:fldChar w:fldCharType="end"/></w:r>',
    )


def _field_runs(instruction: str, cached: str) -> list[str]:
    begin, instr, sep, end = _field_parts(instruction)
    return [begin, instr, sep, f'<w:r {_W}><w:t xml:space="preserve">{_x(cached)}</w:t></w:r>', end]


def _cell_paragraph(
    text: str, style: str, bold: bool = False, italic: bool = False, align: str = "",
    indent: int = 0,
) -> str:
    ppr = f'<w:pStyle w:val="{style}"/>'
    if indent:
        ppr += f'<w:ind w:left="{min(indent, 6) * 170}"/>'
    if align:
        ppr += f'<w:jc w:val="{align}"/>'
    rpr = ("<w:b/>" if bold else "") + ("<w:i/>" if italic else "")
    runs = []
    for i, line in enumerate(text.split("\n")):
        if i:
            runs.append("<w:r><w:br/></w:r>")
        runs.append(
            f'<w:r>{"<w:rPr>" + rpr + "</w:rPr>" if rpr else ""}'
            f'<w:t xml:space="preserve">{_x(line)}</w:t></w:r>'
        )
    return f"<w:p><w:pPr>{ppr}</w:pPr>{''.join(runs)}</w:p>"


def render_docx(document: Document) -> bytes:
    return _Writer(document).render()


__all__ = ["render_docx", "Cell"]
