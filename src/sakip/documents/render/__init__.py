"""Renderers: a finalized `sakip.documents.model.Document` as DOCX, XLSX or PDF bytes.

They only place and format what the builder computed; the three formats come from the same
model and cannot disagree. `render(document, fmt)` is the single entry point.
"""

from __future__ import annotations

from sakip.documents.model import Document

FORMATS: tuple[str, ...] = ("docx", "xlsx", "pdf")

MEDIA_TYPES = {
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "pdf": "application/pdf",
}


def render(document: Document, fmt: str) -> bytes:
    """The document as a file of format `fmt` ("docx", "xlsx" or "pdf")."""
    if fmt in ("docx", "pdf"):
        pictures = list(document.charts())
        if pictures:
            from sakip.documents.render import charts  # matplotlib is imported only for charts

            charts.prepare(pictures)
    if fmt == "docx":
        from sakip.documents.render.docx import render_docx

        return render_docx(document)
    if fmt == "xlsx":
        from sakip.documents.render.xlsx import render_xlsx

        return render_xlsx(document)
    if fmt == "pdf":
        from sakip.documents.render.pdf import render_pdf

        return render_pdf(document)
    raise ValueError(f"unknown format {fmt!r}; expected one of {', '.join(FORMATS)}")
