"""What a reader produces: a document as raw tables (with where they were found, their
caption and the prose around them) and the prose itself.

Readers (sakip.ingest.readers) only find tables and cells; recognition (what a table is,
what each column holds) and the checks come after, from these plain objects. Every cell
keeps its printed text.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class RawRow:
    """One printed table row: the text of each cell, and where it was (``line`` in a text
    dump, ``page`` in a PDF, row number in a sheet)."""

    cells: list[str]
    line: int = 0
    page: int = 0

    def text(self, i: int) -> str:
        return self.cells[i] if 0 <= i < len(self.cells) else ""

    @property
    def where(self) -> str:
        if self.page:
            return f"halaman {self.page}"
        return f"baris {self.line}" if self.line else ""


@dataclass
class RawTable:
    """A table as found: caption (``Tabel 2.1 …``), its printed number and label, the
    header rows, the column-numbering row (``1 2 … 8=(7/6)``) when printed, the data rows,
    and the prose just before it."""

    index: int
    caption: str = ""
    label: str = ""  # "Tabel", "TAABEL", "Lampiran" as printed
    number: str = ""  # "2.1", "3.25", "XII"
    header: list[list[str]] = field(default_factory=list)
    numbering: list[str] = field(default_factory=list)
    rows: list[RawRow] = field(default_factory=list)
    prose_before: str = ""
    line: int = 0
    page: int = 0
    source: str = ""  # sheet name, "DOCX tabel 3" …

    @property
    def width(self) -> int:
        widths = [len(r) for r in self.header] + [len(r.cells) for r in self.rows]
        return max(widths, default=0)

    @property
    def name(self) -> str:
        """How a finding names the table: ``Tabel 2.1`` or the first words of the caption."""
        if self.number:
            return f"{self.label or 'Tabel'} {self.number}".strip()
        if self.caption:
            words = self.caption.split()
            return " ".join(words[:8]) + (" …" if len(words) > 8 else "")
        return f"tabel tanpa judul #{self.index + 1}"

    @property
    def where(self) -> str:
        if self.page:
            return f"halaman {self.page}"
        return f"baris {self.line}" if self.line else self.source


@dataclass
class Paragraph:
    """A line of prose (headings included) with where it was."""

    text: str
    line: int = 0
    page: int = 0


@dataclass
class RawDocument:
    path: str
    format: str  # "text", "docx", "xlsx", "csv", "pdf"
    tables: list[RawTable] = field(default_factory=list)
    prose: list[Paragraph] = field(default_factory=list)
