"""A PDF is laid out once per distinct input: kept under var/cache/documents keyed by a digest of
the HTML and pictures WeasyPrint is given; concurrent requests for the same new PDF render it
once."""

from __future__ import annotations

import threading
import time

import pytest

from sakip.documents.model import Document, Heading, Paragraph
from sakip.documents.render import pdf, render


def document(text: str = "Capaian kinerja tahun 2024 sebesar 92,31%.") -> Document:
    doc = Document(kind="uji", title="Uji", agency_code="X", year=2024)
    doc.add(Heading("PENDAHULUAN", 0), Paragraph.text(text))
    return doc.finalize()


@pytest.fixture
def home(tmp_path, monkeypatch):
    monkeypatch.setenv("SAKIP_HOME", str(tmp_path))
    monkeypatch.delenv("SAKIP_DOCUMENT_CACHE", raising=False)
    return tmp_path


@pytest.fixture
def laid_out(monkeypatch):
    """Counts the PDFs WeasyPrint actually lays out (each one slowed a little, so that
    concurrent requests really overlap)."""
    calls: list[str] = []
    real = pdf._weasyprint

    def counting(html: str, images: dict[str, bytes]) -> bytes:
        calls.append(html)
        time.sleep(0.2)
        return real(html, images)

    monkeypatch.setattr(pdf, "_weasyprint", counting)
    return calls


def cached_files(home):
    return sorted((home / "var" / "cache" / "documents").glob("*.pdf"))


def test_same_document_is_laid_out_once(home, laid_out):
    first = render(document(), "pdf")
    assert first.startswith(b"%PDF-")
    assert render(document(), "pdf") == first
    assert len(laid_out) == 1
    assert [f.read_bytes() for f in cached_files(home)] == [first]
    # one word of prose differs: a new PDF, and the old one is not served for it
    other = render(document("Capaian kinerja tahun 2024 sebesar 92,32%."), "pdf")
    assert len(laid_out) == 2 and other != first
    assert len(cached_files(home)) == 2


def test_damaged_file_is_not_served(home, laid_out):
    first = render(document(), "pdf")
    [file] = cached_files(home)
    file.write_bytes(first[: len(first) // 2])  # as if the disk filled up half-way
    assert render(document(), "pdf") == first
    assert len(laid_out) == 2


def test_cache_can_be_switched_off(home, laid_out, monkeypatch):
    monkeypatch.setenv("SAKIP_DOCUMENT_CACHE", "0")
    render(document(), "pdf")
    render(document(), "pdf")
    assert len(laid_out) == 2
    assert not (home / "var" / "cache" / "documents").exists()


def test_unwritable_cache_still_renders(home, laid_out):
    (home / "var" / "cache").mkdir(parents=True)
    (home / "var" / "cache" / "documents").write_text("a file where the folder should be")
    assert render(document(), "pdf").startswith(b"%PDF-")
    assert render(document(), "pdf").startswith(b"%PDF-")
    assert len(laid_out) == 2


def test_concurrent_requests_for_a_new_pdf_render_it_once(home, laid_out):
    results: list[bytes] = []
    errors: list[BaseException] = []

    def download() -> None:
        try:
            results.append(render(document(), "pdf"))
        except BaseException as exc:  # noqa: BLE001 (reported by the assertion below)
            errors.append(exc)

    threads = [threading.Thread(target=download) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    assert len(results) == 4 and len(set(results)) == 1
    assert len(laid_out) == 1


def test_oldest_files_are_pruned(home, laid_out, monkeypatch):
    monkeypatch.setattr(pdf, "CACHE_ENTRIES", 2)
    render(document("satu"), "pdf")
    render(document("dua"), "pdf")
    time.sleep(0.05)
    render(document("satu"), "pdf")  # used again: now the most recent
    time.sleep(0.05)
    render(document("tiga"), "pdf")
    assert len(cached_files(home)) == 2
    laid_out.clear()
    render(document("satu"), "pdf")
    assert laid_out == []  # kept
    render(document("dua"), "pdf")
    assert len(laid_out) == 1  # pruned, rendered again
