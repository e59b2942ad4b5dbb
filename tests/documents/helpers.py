"""Reading a built Document in tests: tables by id, rows by code, cells by column key."""

from __future__ import annotations

from sakip.documents.model import Cell, Document, Paragraph, Ref, Row, Run, Table


def table(doc: Document, table_id: str) -> Table:
    return next(t for t in doc.tables() if t.id == table_id)


def cell(t: Table, row: Row, key: str) -> Cell:
    index = [c.key for c in t.columns].index(key)
    return row.cells[index]


def rows_of(t: Table, code: str) -> list[Row]:
    """The rows of one code: its first row and the indicator rows that follow it blank-coded."""
    found: list[Row] = []
    for row in t.rows:
        first = row.cells[0].display
        if first == code or found and first == "" and row.style == "normal":
            found.append(row)
        elif found:
            break
    return found


def text(doc: Document) -> str:
    out = []
    for block in doc.blocks:
        if isinstance(block, Paragraph):
            out.append("".join(r.text if isinstance(r, Run) else doc.label(r.target)
                               for r in block.runs if isinstance(r, (Run, Ref))))
    return "\n".join(out)


def displays(doc: Document) -> list[str]:
    return [c.display for t in doc.tables() for r in t.rows for c in r.cells]
