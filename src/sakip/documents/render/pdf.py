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
import hashlib
import logging
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

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
    import weasyprint

    digest = hashlib.sha256()
    digest.update(f"weasyprint {weasyprint.__version__}\n".encode())
    digest.update(html.encode("utf-8"))
    for name in sorted(images):
        digest.update(name.encode("utf-8") + b"\0" + hashlib.sha256(images[name]).digest())
    return digest.hexdigest()


def cache_dir() -> Path | None:
    """var/cache/documents under SAKIP_HOME; None when switched off (SAKIP_DOCUMENT_CACHE=0)."""
    if os.environ.get("SAKIP_DOCUMENT_CACHE", "1").strip().lower() in ("0", "false", "no", "off"):
        return None
    from sakip import config

    return config.var_dir() / "cache" / "documents"


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
    try:
        data = (folder / f"{key}.pdf").read_bytes()
    except OSError:
        return None
    # a file is renamed into place whole; anything else is not a PDF we wrote
    if not (data.startswith(b"%PDF-") and data.rstrip().endswith(b"%%EOF")):
        return None
    with contextlib.suppress(OSError):
        os.utime(folder / f"{key}.pdf")  # recently used: the last to be pruned
    return data


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
    """Written under a temporary name and renamed; the oldest files go beyond CACHE_ENTRIES. A
    cache that cannot be written (read-only or full disk) is simply not used."""
    try:
        fd, tmp = tempfile.mkstemp(dir=folder, suffix=".tmp")
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        os.replace(tmp, folder / f"{key}.pdf")
        entries = [e for e in os.scandir(folder) if e.name.endswith(".pdf")]
        if len(entries) > CACHE_ENTRIES:
            entries.sort(key=lambda e: e.stat().st_mtime)
            for old in entries[: len(entries) - CACHE_ENTRIES]:
                with contextlib.suppress(OSError):
                    os.unlink(old.path)
    except OSError:
        return
