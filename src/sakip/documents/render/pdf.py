"""PDF renderer: the document's HTML (sakip.documents.render.html) laid out by WeasyPrint.

Laying out a report takes WeasyPrint seconds (~0.15 s a page of dense tables on a modest
machine), and a published LKjIP is downloaded again and again with nothing changed. So each PDF
is kept under var/cache/documents, keyed by a digest of everything WeasyPrint is given: the HTML
(which holds the data, the prose, the styles and the page size), the pictures, and WeasyPrint's
version. The same input gives the same file, so a cached file is never stale; a change anywhere
in the document changes the key. When several requests ask for the same new PDF at once, one
renders it and the others wait for its file (a lock per key, across processes).
SAKIP_DOCUMENT_CACHE=0 switches the cache off."""

from __future__ import annotations

import contextlib
import fcntl
import functools
import hashlib
import logging
from collections.abc import Iterator
from importlib import metadata
from pathlib import Path
from typing import Any

from sakip.common import filecache
from sakip.documents.model import Document
from sakip.documents.render.html import IMAGE_SCHEME, to_html

#: Files kept; the oldest go first (a year's LKjIP of a large agency is ~2 MB).
CACHE_ENTRIES = 200


def render_pdf(document: Document) -> bytes:
    images: dict[str, bytes] = {}
    html = to_html(document, images)
    folder = cache_dir()
    if folder is None:
        return _weasyprint(html, images)
    key = cache_key(html, images)
    found = _read(folder, key)
    if found is not None:
        return found
    with _only_one_renders(folder, key):
        found = _read(folder, key)  # another process may have finished it while we waited
        if found is not None:
            return found
        data = _weasyprint(html, images)
        _write(folder, key, data)
    return data


def cache_key(html: str, images: dict[str, bytes]) -> str:
    # the installed version from its metadata: importing WeasyPrint itself takes a third of a
    # second, more than serving a cached file
    digest = hashlib.sha256()
    digest.update(f"weasyprint {_engine_version()}\n".encode())
    digest.update(html.encode("utf-8"))
    for name in sorted(images):
        digest.update(name.encode("utf-8") + b"\0" + hashlib.sha256(images[name]).digest())
    return digest.hexdigest()


@functools.cache
def _engine_version() -> str:
    return metadata.version("weasyprint")


def cache_dir() -> Path | None:
    """var/cache/documents under SAKIP_HOME; None when switched off (SAKIP_DOCUMENT_CACHE=0)."""
    return filecache.folder("documents", "SAKIP_DOCUMENT_CACHE")


def _weasyprint(html: str, images: dict[str, bytes]) -> bytes:
    from weasyprint import HTML
    from weasyprint.urls import URLFetcher, URLFetcherResponse

    # WeasyPrint logs every unsupported CSS hint; those are not the user's business.
    logging.getLogger("weasyprint").setLevel(logging.ERROR)
    logging.getLogger("fontTools").setLevel(logging.ERROR)

    class Fetcher(URLFetcher):  # type: ignore[misc]
        """Serves the charts from memory; the document refers to nothing else."""

        def fetch(self, url: str, headers: Any = None) -> Any:
            if url.startswith(IMAGE_SCHEME + ":"):
                return URLFetcherResponse(url, images[url], {"Content-Type": "image/png"})
            return super().fetch(url, headers)

    result = HTML(string=html, url_fetcher=Fetcher()).write_pdf()
    assert result is not None
    return bytes(result)


def _read(folder: Path, key: str) -> bytes | None:
    # a file is renamed into place whole; anything else is not a PDF we wrote
    return filecache.read(folder / f"{key}.pdf", b"%PDF-", b"%%EOF")


@contextlib.contextmanager
def _only_one_renders(folder: Path, key: str) -> Iterator[None]:
    """Holds an exclusive lock for this key (one of 256 lock files, by the key's first two hex
    digits, so their number stays bounded) while the PDF is rendered. A cache folder that cannot
    be written only means no waiting."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
        handle = open(folder / f"{key[:2]}.lock", "a+b")  # noqa: SIM115 (closed below)
    except OSError:
        yield
        return
    try:
        fcntl.flock(handle, fcntl.LOCK_EX)
        yield
    finally:
        handle.close()  # releases the lock


def _write(folder: Path, key: str, data: bytes) -> None:
    filecache.write(folder / f"{key}.pdf", data, CACHE_ENTRIES)
