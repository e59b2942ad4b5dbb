"""PDF renderer: the document's HTML (sakip.documents.render.html) laid out by WeasyPrint."""

from __future__ import annotations

import logging

from sakip.documents.model import Document
from sakip.documents.render.html import to_html


def render_pdf(document: Document) -> bytes:
    from weasyprint import HTML

    # WeasyPrint logs every unsupported CSS hint; those are not the user's business.
    logging.getLogger("weasyprint").setLevel(logging.ERROR)
    logging.getLogger("fontTools").setLevel(logging.ERROR)
    result = HTML(string=to_html(document)).write_pdf()
    assert result is not None
    return bytes(result)
