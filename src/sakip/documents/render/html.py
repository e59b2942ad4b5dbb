"""HTML with CSS paged media for a `Document`: the source of the PDF (WeasyPrint), and usable as a
print preview. Same structure as the DOCX: cover without page number, front matter numbered
i, ii, iii, body numbered from 1 at BAB I, table of contents and lists with page numbers
(`target-counter`), table headers repeated on each page (thead), landscape pages for wide
tables (named page `wide`), signature blocks, placeholders for missing data marked visibly."""

from __future__ import annotations

import base64
from html import escape

from sakip.documents.model import (
    BulletList,
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

IMAGE_SCHEME = "sakip-image"
FONT_STACK = '"Liberation Sans", Arial, "DejaVu Sans", sans-serif'


def stylesheet(document: Document) -> str:
    w, h = paper_mm(document.paper)
    title = escape(document.title).replace('"', "'")
    return f"""
@page {{
  size: {w}mm {h}mm; margin: 25mm 20mm 20mm 30mm;
  @top-right {{ content: "{title}"; font: italic 7pt {FONT_STACK}; color: #555; }}
  @bottom-center {{ content: counter(page); font: 9pt {FONT_STACK}; }}
}}
@page cover {{ @top-right {{ content: none; }} @bottom-center {{ content: none; }} }}
@page front {{ @bottom-center {{ content: counter(page, lower-roman); font: 9pt {FONT_STACK}; }} }}
@page wide {{ size: {h}mm {w}mm; margin: 20mm 20mm 18mm 20mm; }}
html {{ font-family: {FONT_STACK}; font-size: 10.5pt; line-height: 1.4; color: #000; }}
body {{ margin: 0; }}
.cover {{ page: cover; text-align: center; break-after: page; padding-top: 30mm; }}
.cover .t0 {{ font-size: 20pt; font-weight: bold; margin: 0 0 4mm; }}
.cover .t1 {{ font-size: 15pt; font-weight: bold; margin: 0 0 3mm; }}
.cover .year {{ font-size: 15pt; font-weight: bold; margin-top: 12mm; }}
.cover .agency {{ font-size: 14pt; font-weight: bold; margin-top: 90mm; }}
.cover .region {{ font-size: 14pt; font-weight: bold; }}
.cover .address {{ font-size: 9pt; margin-top: 6mm; }}
.front {{ page: front; }}
.main {{ page: main; }}
@page :nth(1 of main) {{ counter-reset: page 1; }}
h1, h2, h3 {{ font-weight: bold; break-after: avoid; }}
h1 {{ font-size: 14pt; text-align: center; margin: 0 0 8mm; break-before: page; }}
h1 .num {{ display: block; }}
h2 {{ font-size: 12pt; margin: 6mm 0 2mm; }}
h3 {{ font-size: 11pt; margin: 4mm 0 2mm; }}
p {{ margin: 0 0 2.5mm; text-align: justify; orphans: 2; widows: 2; }}
p.center, p.title {{ text-align: center; }}
p.title {{ font-weight: bold; }}
p.note {{ font-size: 8.5pt; margin-bottom: 1mm; text-align: left; }}
p.missing {{ background: #fff2a8; border-left: 3pt solid #c00000; color: #8b0000;
  font-style: italic; padding: 1mm 2mm; }}
ul.list, ol.list {{ margin: 0 0 2.5mm 6mm; padding-left: 4mm; }}
ul.list li, ol.list li {{ text-align: justify; margin-bottom: 1mm; }}
.toc-title {{ font-size: 14pt; font-weight: bold; text-align: center; margin: 0 0 6mm;
  break-before: page; }}
nav ul {{ list-style: none; margin: 0; padding: 0; }}
nav li {{ margin: 0 0 1.2mm; }}
nav li.l1 {{ font-weight: bold; margin-top: 2mm; }}
nav li.l2 {{ padding-left: 6mm; }}
nav li.l3 {{ padding-left: 12mm; }}
nav a {{ color: #000; text-decoration: none; }}
/* spaced dots as in a word processor's TOC; each dot is a box to WeasyPrint, half as many
   halve the leaders' cost (they were an eighth of the whole layout) */
nav a::after {{ content: leader('. ') target-counter(attr(href), page); }}
nav li.front a::after {{ content: leader('. ') target-counter(attr(href), page, lower-roman); }}
.caption {{ text-align: center; font-weight: bold; font-size: 10pt; margin: 4mm 0 2mm;
  break-after: avoid; }}
.fig-caption {{ break-after: auto; break-before: avoid; margin-top: 1mm; }}
.wide {{ page: wide; }}
table.data {{ width: 100%; table-layout: fixed; border-collapse: collapse; font-size: 8pt; line-height: 1.2;
  margin-bottom: 1mm; }}
table.data th, table.data td {{ border: 0.5pt solid #000; padding: 0.7mm 1mm; vertical-align: top; }}
table.data th {{ background: #d9d9d9; text-align: center; vertical-align: middle; }}
table.data tr.numrow th {{ background: #f2f2f2; font-weight: normal; font-style: italic;
  font-size: 7pt; }}
table.data td.num {{ text-align: right; white-space: nowrap; }}
table.data td.mid {{ text-align: center; }}
table.data tr {{ break-inside: avoid; }}
table.data tr.group td, table.data tr.subtotal td {{ background: #f2f2f2; font-weight: bold; }}
table.data tr.total td {{ background: #d9d9d9; font-weight: bold; }}
table.data td.b {{ font-weight: bold; }}
.after-table {{ margin-bottom: 4mm; }}
figure {{ margin: 3mm 0 0; text-align: center; break-inside: avoid; break-after: avoid; }}

table.sig {{ width: 100%; margin-top: 8mm; break-inside: avoid; break-before: avoid;
  font-size: 10.5pt; }}
table.sig td {{ width: 50%; text-align: center; vertical-align: top; padding: 0; }}
table.sig .space {{ height: 22mm; }}
table.sig .name {{ font-weight: bold; text-decoration: underline; }}
.page-break {{ break-after: page; }}
.keep {{ break-inside: avoid; }}
"""


class _Html:
    def __init__(self, document: Document, images: dict[str, bytes] | None = None) -> None:
        self.doc = document
        self.images = images
        self.out: list[str] = []
        self.anchor = 0
        self.heading_ids: dict[int, str] = {}
        self.front_headings: set[int] = set()
        # Front matter (numbered i, ii …) exists only in documents with chapters (BAB I …).
        in_front = any(
            isinstance(b, Heading) and b.level == 0 and b.number.upper().startswith("BAB")
            for b in document.blocks
        )
        self.has_front = in_front
        for i, block in enumerate(document.blocks):
            if isinstance(block, Heading):
                if block.level == 0 and block.number.upper().startswith("BAB"):
                    in_front = False
                self.heading_ids[id(block)] = block.id or f"h-{i}"
                if in_front:
                    self.front_headings.add(id(block))

    def inline(self, runs: list[Run | Ref]) -> str:
        parts = []
        for item in runs:
            if isinstance(item, Ref):
                parts.append(f'<a class="ref" href="#{escape(item.target)}">'
                             f"{escape(self.doc.label(item.target))}</a>")
            else:
                text = escape(item.text)
                if item.bold:
                    text = f"<b>{text}</b>"
                if item.italic:
                    text = f"<i>{text}</i>"
                parts.append(text)
        return "".join(parts)

    def render(self) -> str:
        o = self.out
        o.append('<!DOCTYPE html><html lang="id"><head><meta charset="utf-8">'
                 f"<title>{escape(self.doc.title)}</title>"
                 f"<style>{stylesheet(self.doc)}</style></head><body>")
        region = "front" if self.has_front else "main"
        o.append('<div class="front">' if self.has_front else '<div class="main">')
        wide_open = False
        for block in self.doc.blocks:
            if isinstance(block, Table) and block.landscape and not wide_open:
                o.append('<div class="wide">')
                wide_open = True
            elif wide_open and not (isinstance(block, Table) and block.landscape) and not (
                isinstance(block, Paragraph) and block.style == "note"
            ):
                o.append("</div>")
                wide_open = False
            if isinstance(block, Heading) and region == "front" and id(block) not in self.front_headings:
                o.append('</div><div class="main">')
                region = "main"
            if isinstance(block, Cover):
                self.cover(block)
            elif isinstance(block, TableOfContents):
                self.toc(block.title)
            elif isinstance(block, ListOfTables):
                self.listing(block.title, [(t.id, f"Tabel {t.number} {t.caption}")
                                           for t in self.doc.tables()])
            elif isinstance(block, ListOfFigures):
                self.listing(block.title, [(c.id, f"Gambar {c.number} {c.caption}")
                                           for c in self.doc.charts()])
            elif isinstance(block, Heading):
                self.heading(block)
            elif isinstance(block, Paragraph):
                style = block.style if block.style in ("note", "missing", "center", "title") else ""
                cls = f' class="{style}"' if style else ""
                o.append(f"<p{cls}>{self.inline(block.runs)}</p>")
            elif isinstance(block, BulletList):
                tag = "ol" if block.numbered else "ul"
                items = "".join(f"<li>{self.inline(i)}</li>" for i in block.items)
                o.append(f'<{tag} class="list">{items}</{tag}>')
            elif isinstance(block, Table):
                self.table(block)
            elif isinstance(block, Chart):
                self.chart(block)
            elif isinstance(block, SignatureBlock):
                # the signature stays on the page of the sentence above it
                last = o.pop() if o and o[-1].startswith("<p") else ""
                o.append('<div class="keep">' + last)
                self.signatures(block)
                o.append("</div>")
            elif isinstance(block, (PageBreak, SectionBreak)):
                o.append('<div class="page-break"></div>')
        if wide_open:
            o.append("</div>")
        o.append("</div></body></html>")
        return "".join(o)

    def cover(self, cover: Cover) -> None:
        o = self.out
        o.append('<section class="cover">')
        for i, line in enumerate(cover.lines):
            o.append(f'<p class="{"t0" if i == 0 else "t1"}" style="text-align:center">'
                     f"{escape(line)}</p>")
        o.append(f'<p class="year" style="text-align:center">TAHUN {cover.year}</p>')
        o.append(f'<p class="agency" style="text-align:center">{escape(cover.agency.upper())}</p>')
        o.append(f'<p class="region" style="text-align:center">{escape(cover.region.upper())}</p>')
        if cover.address:
            o.append(f'<p class="address" style="text-align:center">{escape(cover.address)}</p>')
        o.append("</section>")

    def toc(self, title: str) -> None:
        o = self.out
        o.append(f'<nav><p class="toc-title">{escape(title)}</p><ul>')
        for block in self.doc.blocks:
            if isinstance(block, Heading) and block.in_toc:
                href = self.heading_ids[id(block)]
                cls = f"l{min(block.level, 2) + 1}"
                if id(block) in self.front_headings:
                    cls += " front"
                text = escape(f"{block.number} {block.text}".strip())
                o.append(f'<li class="{cls}"><a href="#{escape(href)}">{text}</a></li>')
        o.append("</ul></nav>")

    def listing(self, title: str, entries: list[tuple[str, str]]) -> None:
        o = self.out
        o.append(f'<nav><p class="toc-title">{escape(title)}</p><ul>')
        if not entries:
            o.append("<li>(tidak ada)</li>")
        for target, text in entries:
            o.append(f'<li><a href="#{escape(target)}">{escape(text)}</a></li>')
        o.append("</ul></nav>")

    def heading(self, h: Heading) -> None:
        level = min(h.level, 2) + 1
        hid = escape(self.heading_ids[id(h)])
        if level == 1 and h.number:
            inner = f'<span class="num">{escape(h.number)}</span>{escape(h.text)}'
        else:
            inner = escape(f"{h.number} {h.text}".strip())
        self.out.append(f'<h{level} id="{hid}">{inner}</h{level}>')

    def table(self, t: Table) -> None:
        o = self.out
        o.append(f'<p class="caption" id="{escape(t.id)}">Tabel {escape(t.number)} '
                 f"{escape(t.caption)}</p>")
        total = sum(max(c.width, 0.1) for c in t.columns)
        o.append('<table class="data"><colgroup>')
        for c in t.columns:
            o.append(f'<col style="width:{max(c.width, 0.1) / total * 100:.2f}%">')
        o.append("</colgroup><thead>")
        for hrow in header_grid(t):
            o.append("<tr>")
            for slot in hrow:
                if slot.continued:
                    continue
                span = f' colspan="{slot.colspan}"' if slot.colspan > 1 else ""
                span += f' rowspan="{slot.rowspan}"' if slot.rowspan > 1 else ""
                o.append(f"<th{span}>{escape(slot.text)}</th>")
            o.append("</tr>")
        if t.number_row:
            o.append('<tr class="numrow">' + "".join(f"<th>{escape(x)}</th>" for x in t.number_row)
                     + "</tr>")
        o.append("</thead><tbody>")
        first_text = next((i for i, c in enumerate(t.columns) if c.kind == Kind.TEXT), 0)
        for row in t.rows:
            cls = f' class="{row.style}"' if row.style != "normal" else ""
            o.append(f"<tr{cls}>")
            col = 0
            for cell in row.cells:
                classes = []
                if cell.kind in NUMERIC_KINDS and cell.value is not None and not isinstance(cell.value, str):
                    classes.append("num")
                elif cell.kind in NUMERIC_KINDS or cell.kind in (Kind.CODE, Kind.LEVEL):
                    classes.append("mid")
                if cell.bold:
                    classes.append("b")
                attrs = f' class="{" ".join(classes)}"' if classes else ""
                if cell.colspan > 1:
                    attrs += f' colspan="{cell.colspan}"'
                if row.indent and col == first_text:
                    attrs += f' style="padding-left:{1 + 3 * min(row.indent, 6)}mm"'
                if cell.note:
                    attrs += f' title="{escape(cell.note)}"'
                text = escape(cell.display).replace("\n", "<br>")
                o.append(f"<td{attrs}>{text}</td>")
                col += max(cell.colspan, 1)
            o.append("</tr>")
        o.append("</tbody></table>")
        for note in t.notes:
            o.append(f'<p class="note">{escape(note)}</p>')
        if t.source:
            o.append(f'<p class="note">Sumber: {escape(t.source)}</p>')
        o.append('<div class="after-table"></div>')

    def chart(self, c: Chart) -> None:
        # PNG at print resolution: WeasyPrint lays out matplotlib's SVG (every glyph a path)
        # many times slower, for no visible gain on paper.
        from sakip.documents.render import charts  # matplotlib is imported only for charts

        image = charts.png(c)
        if self.images is None:
            src = "data:image/png;base64," + base64.b64encode(image).decode("ascii")
        else:  # fetched by the PDF renderer: no base64 text for the HTML parser to wade through
            src = f"{IMAGE_SCHEME}:{len(self.images)}"
            self.images[src] = image
        w_in, h_in = charts.size_inches(c)
        width_mm = 150.0
        self.out.append(f'<figure><img alt="{escape(c.caption)}" style="width:{width_mm:.0f}mm;'
                        f'height:{width_mm * h_in / w_in:.1f}mm" '
                        f'src="{src}"></figure>')
        self.out.append(f'<p class="caption fig-caption" id="{escape(c.id)}">Gambar '
                        f"{escape(c.number)} {escape(c.caption)}</p>")

    def signatures(self, block: SignatureBlock) -> None:
        body = []
        for line_row in signature.rows(block):
            tds = []
            for line in line_row:
                text = escape(line.text)
                if line.style == "bold":
                    text = f"<b>{text}</b>"
                elif line.style == "name":
                    text = f'<span class="name">{text}</span>'
                cls = ' class="space"' if line.style == "space" else ""
                tds.append(f"<td{cls}>{text}</td>")
            body.append("<tr>" + "".join(tds) + "</tr>")
        self.out.append('<table class="sig">' + "".join(body) + "</table>")


def to_html(document: Document, images: dict[str, bytes] | None = None) -> str:
    """The document as one HTML file. Charts are embedded as data: URLs, unless `images` is
    given: then they are referenced as `sakip-image:N` and their PNG bytes put in it."""
    return _Html(document, images).render()
