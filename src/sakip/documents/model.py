"""The document model: what a generated document says, before any file format.

A builder (sakip.documents.lkjip, .renja, .agreement …) turns an `AgencyYear` into a
`Document`: a cover, front matter, numbered headings, paragraphs, tables, charts and signature
blocks. Renderers (DOCX, XLSX, HTML/PDF) turn the same `Document` into files, so the three
formats can never disagree. Every figure in a `Document` was computed by sakip.rules; renderers
only place and format, they never compute.

Conventions
- Tables and figures are numbered per chapter ("Tabel 3.1", "Gambar 2.1") by `Document.finalize`,
  in reading order; references (`Ref`) print the final number, so numbering and
  cross-references cannot disagree.
- A `Cell` carries the exact value (Decimal/int/str/None), its Indonesian display text, its kind
  (so XLSX can apply a number format) and, when the figure is a formula of cells beside it, a
  formula written with column keys (see `Cell.formula`). An undefined figure has `value=None`
  and says why in `display`.
- Missing data is never silent: builders put a visible `Paragraph(style="missing")` where a
  person must still write something and add a `DocumentWarning` to `Document.warnings`.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from enum import StrEnum


class Kind(StrEnum):
    """What a column or cell holds; renderers choose alignment and number format from it."""

    TEXT = "text"
    CODE = "code"
    MONEY = "money"  # whole rupiah
    COUNT = "count"  # whole numbers
    DECIMAL = "decimal"  # measures: 3,20; 53,47
    PERCENT = "percent"  # 92,31 (the value is the percentage, not a fraction)
    LEVEL = "level"  # ordinal levels and grades: Pratama, BB


@dataclass(frozen=True)
class Run:
    text: str
    bold: bool = False
    italic: bool = False


@dataclass(frozen=True)
class Ref:
    """A cross-reference to a numbered table, figure or heading by its id."""

    target: str


Inline = Run | Ref


@dataclass
class Heading:
    text: str
    level: int  # 0 = chapter (BAB I), 1 = 1.1, 2 = 1.1.1
    id: str = ""
    number: str = ""  # set by the builder: "BAB I", "1.1", "A." …
    in_toc: bool = True


@dataclass
class Paragraph:
    """Body text. style: "body", "note" (small), "missing" (a visible placeholder where data or a
    person's explanation is missing), "center", "title"."""

    runs: list[Inline]
    style: str = "body"

    @classmethod
    def text(cls, text: str, style: str = "body") -> Paragraph:
        return cls([Run(text)], style)


@dataclass
class BulletList:
    items: list[list[Inline]]
    numbered: bool = False


@dataclass
class Cell:
    """One table cell.

    `formula` (optional) tells the XLSX renderer that the figure is a formula of other cells:
    `{key}` is the cell of column `key` in the same row, `{key@row}` the cell of column `key` in
    the row whose `Row.id` is `row`, e.g. "={realised}/{budget}*100" or
    "=SUM({budget@k1},{budget@k2})". The renderer writes the Excel formula and, as its cached
    value, `value`.
    """

    value: Decimal | int | str | None
    display: str
    kind: Kind = Kind.TEXT
    formula: str | None = None
    note: str = ""  # e.g. why a figure is undefined, shown as a comment
    colspan: int = 1
    bold: bool = False


@dataclass(frozen=True)
class Column:
    key: str
    title: str
    kind: Kind = Kind.TEXT
    width: float = 1.0  # relative width


@dataclass(frozen=True)
class HeaderCell:
    text: str
    colspan: int = 1
    rowspan: int = 1


@dataclass
class Row:
    cells: list[Cell]
    style: str = "normal"  # "normal", "group" (a heading row), "subtotal", "total"
    indent: int = 0
    id: str = ""


@dataclass
class Table:
    id: str
    caption: str
    columns: list[Column]
    rows: list[Row]
    header: list[list[HeaderCell]] = field(default_factory=list)  # empty → one row of titles
    number_row: list[str] | None = None  # "1", "2", "8=(7/6)" … where the form has one
    landscape: bool = False
    notes: list[str] = field(default_factory=list)  # printed under the table
    source: str = ""  # "Sumber: …"
    number: str = ""  # set by Document.finalize: "3.1"

    def header_rows(self) -> list[list[HeaderCell]]:
        return self.header or [[HeaderCell(c.title) for c in self.columns]]


@dataclass
class Series:
    name: str
    values: list[Decimal | None]


@dataclass
class Chart:
    """A chart drawn at render time (matplotlib). kind: "bar", "line" or "barh"."""

    id: str
    caption: str
    kind: str
    categories: list[str]
    series: list[Series]
    y_label: str = ""
    number: str = ""  # set by Document.finalize: "3.1"


@dataclass
class Signature:
    place: str
    date: str  # already formatted: "4 Maret 2025"; empty → a blank line to fill in
    position: str  # "Kepala Dinas …" (with "Plt." when acting)
    name: str
    rank: str = ""  # "Pembina Utama Muda / IV/c"
    nip: str = ""
    label: str = ""  # "PIHAK PERTAMA"


@dataclass
class SignatureBlock:
    signatures: list[Signature]  # one or two side by side


@dataclass
class PageBreak:
    pass


@dataclass
class SectionBreak:
    """Starts a new page section; tables marked landscape get their own by renderers."""

    landscape: bool = False


@dataclass
class TableOfContents:
    title: str = "DAFTAR ISI"


@dataclass
class ListOfTables:
    title: str = "DAFTAR TABEL"


@dataclass
class ListOfFigures:
    title: str = "DAFTAR GAMBAR"


@dataclass
class Cover:
    lines: list[str]  # title lines, in order, centred
    agency: str
    region: str
    year: int
    address: str = ""


Block = (
    Cover | TableOfContents | ListOfTables | ListOfFigures | Heading | Paragraph | BulletList
    | Table | Chart | SignatureBlock | PageBreak | SectionBreak
)


@dataclass(frozen=True)
class DocumentWarning:
    """Something missing or doubtful in the data, found while building; also printed on the
    command line. `where` names the place (table, row, indicator)."""

    message: str
    where: str = ""

    def text(self) -> str:
        return f"{self.where}: {self.message}" if self.where else self.message


@dataclass
class Document:
    kind: str  # "lkjip", "pk", "renja", "evaluasi-renja", "renja-perubahan"
    title: str
    agency_code: str
    year: int
    paper: str = "A4"  # "A4" or "F4" (215 × 330 mm)
    blocks: list[Block] = field(default_factory=list)
    warnings: list[DocumentWarning] = field(default_factory=list)
    subject: str = ""  # document properties
    author: str = ""

    def add(self, *blocks: Block) -> None:
        self.blocks.extend(blocks)

    def warn(self, message: str, where: str = "") -> None:
        self.warnings.append(DocumentWarning(message, where))

    def tables(self) -> Iterator[Table]:
        return (b for b in self.blocks if isinstance(b, Table))

    def charts(self) -> Iterator[Chart]:
        return (b for b in self.blocks if isinstance(b, Chart))

    def finalize(self) -> Document:
        """Number tables and charts per chapter in reading order and check references.

        The chapter is the number of the last level-0 heading with a number ("BAB III" → 3,
        "Lampiran" → L); before any chapter, tables are numbered 1, 2, 3. Raises ValueError for
        a duplicate id or a reference to an unknown id (a builder bug, not a data problem).
        """
        chapter = ""
        counters: dict[tuple[str, str], int] = {}
        ids: set[str] = set()
        for block in self.blocks:
            if isinstance(block, Heading) and block.level == 0:
                chapter = _chapter_number(block.number)
            if isinstance(block, (Table, Chart)):
                if not block.id or block.id in ids:
                    raise ValueError(f"missing or duplicate id {block.id!r}")
                ids.add(block.id)
                key = (type(block).__name__, chapter)
                counters[key] = counters.get(key, 0) + 1
                n = counters[key]
                block.number = f"{chapter}.{n}" if chapter else str(n)
            elif isinstance(block, Heading) and block.id:
                if block.id in ids:
                    raise ValueError(f"duplicate id {block.id!r}")
                ids.add(block.id)
        for ref in self.references():
            if ref.target not in ids:
                raise ValueError(f"reference to unknown id {ref.target!r}")
        return self

    def references(self) -> Iterator[Ref]:
        for block in self.blocks:
            for runs in _inline_lists(block):
                yield from (r for r in runs if isinstance(r, Ref))

    def label(self, target: str) -> str:
        """What a reference prints: "Tabel 3.1", "Gambar 2.1" or the heading's number/text."""
        for block in self.blocks:
            if isinstance(block, Table) and block.id == target:
                return f"Tabel {block.number}"
            if isinstance(block, Chart) and block.id == target:
                return f"Gambar {block.number}"
            if isinstance(block, Heading) and block.id == target:
                return block.number or block.text
        raise KeyError(target)


_ROMAN = {"I": 1, "II": 2, "III": 3, "IV": 4, "V": 5, "VI": 6, "VII": 7, "VIII": 8}


def _chapter_number(number: str) -> str:
    """"BAB III" → "3"; "Lampiran" → "L"; anything else → its text."""
    words = number.split()
    if len(words) == 2 and words[0].upper() == "BAB" and words[1].upper() in _ROMAN:
        return str(_ROMAN[words[1].upper()])
    if number.lower().startswith("lampiran"):
        return "L"
    return number


def _inline_lists(block: Block) -> Sequence[list[Inline]]:
    if isinstance(block, Paragraph):
        return [block.runs]
    if isinstance(block, BulletList):
        return block.items
    return []
