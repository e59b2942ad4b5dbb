"""Layout facts shared by the renderers: paper sizes and the grid of a multi-row table header."""

from __future__ import annotations

from dataclasses import dataclass

from sakip.documents.model import Kind, Table

#: Paper sizes in millimetres (portrait). F4 as used by Indonesian government offices.
PAPER_MM: dict[str, tuple[float, float]] = {"A4": (210.0, 297.0), "F4": (215.0, 330.0)}

NUMERIC_KINDS = frozenset({Kind.MONEY, Kind.COUNT, Kind.DECIMAL, Kind.PERCENT})


def paper_mm(paper: str) -> tuple[float, float]:
    return PAPER_MM.get((paper or "A4").upper(), PAPER_MM["A4"])


@dataclass(frozen=True)
class Slot:
    """One cell of a header row as placed on the column grid. `continued` marks the lower part
    of a cell spanning rows from above (DOCX writes a vMerge continuation there)."""

    row: int
    col: int
    text: str
    colspan: int
    rowspan: int
    continued: bool = False


def header_grid(table: Table) -> list[list[Slot]]:
    """Place the header cells on the column grid, honouring colspan and rowspan."""
    rows = table.header_rows()
    taken: dict[tuple[int, int], Slot] = {}
    out: list[list[Slot]] = [[] for _ in rows]
    for r, cells in enumerate(rows):
        col = 0
        for cell in cells:
            while (r, col) in taken:
                col += taken[(r, col)].colspan
            span = max(cell.colspan, 1)
            down = max(cell.rowspan, 1)
            slot = Slot(r, col, cell.text, span, down)
            out[r].append(slot)
            for rr in range(r + 1, min(r + down, len(rows))):
                taken[(rr, col)] = Slot(rr, col, "", span, 1, continued=True)
            col += span
        for (rr, _cc), slot in taken.items():
            if rr == r:
                out[r].append(slot)
        out[r].sort(key=lambda s: s.col)
    return out
