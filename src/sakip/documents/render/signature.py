"""The lines of a signature block, row by row, so that side-by-side signatures line up (names on
the same line whatever the length of the positions above them)."""

from __future__ import annotations

from dataclasses import dataclass

from sakip.documents.model import Signature, SignatureBlock


@dataclass(frozen=True)
class Line:
    text: str
    style: str = ""  # "", "bold", "name" (bold, underlined), "space" (room to sign)


def rows(block: SignatureBlock) -> list[list[Line]]:
    """One list per printed row, one Line per column (a single signature sits on the right)."""
    sigs: list[Signature | None] = list(block.signatures)
    if len(sigs) == 1:
        sigs.insert(0, None)
    dated = any(s and (s.place or s.date) for s in sigs)
    labelled = any(s and s.label for s in sigs)
    ranked = any(s and s.rank for s in sigs)
    with_nip = any(s and s.nip for s in sigs)
    out: list[list[Line]] = []

    def row(make: object) -> None:
        out.append([make(s) if s is not None else Line("") for s in sigs])  # type: ignore[operator]

    if dated:
        row(lambda s: Line(", ".join(p for p in (s.place, s.date or "……………………") if p)
                           if (s.place or s.date) else ""))
    if labelled:
        row(lambda s: Line(s.label, "bold"))
    row(lambda s: Line(s.position, "bold"))
    row(lambda s: Line("", "space"))
    row(lambda s: Line(s.name, "name"))
    if ranked:
        row(lambda s: Line(s.rank))
    if with_nip:
        row(lambda s: Line(f"NIP. {s.nip}" if s.nip else ""))
    return out
