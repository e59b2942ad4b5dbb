"""PDF renderer: the document's HTML (sakip.documents.render.html) laid out by WeasyPrint."""

from __future__ import annotations

import logging
from typing import Any

from sakip.documents.model import Document
from sakip.documents.render.html import IMAGE_SCHEME, to_html


def render_pdf(document: Document) -> bytes:
    from weasyprint import HTML
    from weasyprint.urls import URLFetcher, URLFetcherResponse

    # WeasyPrint logs every unsupported CSS hint; those are not the user's business.
    logging.getLogger("weasyprint").setLevel(logging.ERROR)
    logging.getLogger("fontTools").setLevel(logging.ERROR)
    images: dict[str, bytes] = {}
    html = to_html(document, images)

    class Fetcher(URLFetcher):  # type: ignore[misc]
        """Serves the charts from memory; the document refers to nothing else."""

        def fetch(self, url: str, headers: Any = None) -> Any:
            if url.startswith(IMAGE_SCHEME + ":"):
                return URLFetcherResponse(url, images[url], {"Content-Type": "image/png"})
            return super().fetch(url, headers)

    result = HTML(string=html, url_fetcher=Fetcher()).write_pdf()
    assert result is not None
    return bytes(result)
