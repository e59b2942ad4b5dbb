"""Charts are drawn once per distinct picture: kept in memory and under var/cache/charts, keyed by
what decides the picture; DOCX and PDF embed the same PNG."""

from __future__ import annotations

import io
import zipfile
from decimal import Decimal

import pytest

from sakip.documents.model import Chart, Document, Heading, Series
from sakip.documents.render import charts, render


def chart(values: tuple[str, ...] = ("92.31", "64.5"), caption: str = "Serapan") -> Chart:
    return Chart(id="g", caption=caption, kind="line", categories=["2023", "2024"],
                 series=[Series("Target", [Decimal("90"), Decimal("90")]),
                         Series("Realisasi", [Decimal(v) for v in values])], y_label="%")


@pytest.fixture
def home(tmp_path, monkeypatch):
    monkeypatch.setenv("SAKIP_HOME", str(tmp_path))
    monkeypatch.delenv("SAKIP_CHART_CACHE", raising=False)
    charts.clear_memory()
    yield tmp_path
    charts.clear_memory()


@pytest.fixture
def drawn(monkeypatch):
    """Counts the charts actually drawn."""
    calls: list[Chart] = []
    real = charts.draw_png

    def counting(c: Chart, dpi: int = charts.DPI) -> bytes:
        calls.append(c)
        return real(c, dpi)

    monkeypatch.setattr(charts, "draw_png", counting)
    return calls


def test_same_picture_drawn_once_other_numbers_drawn_again(home, drawn):
    first = charts.png(chart())
    assert first.startswith(b"\x89PNG")
    # the caption is not drawn: another caption, the same picture
    assert charts.png(chart(caption="Judul lain")) == first
    assert len(drawn) == 1
    # one value differs: a new picture
    other = charts.png(chart(values=("92.31", "64.6")))
    assert len(drawn) == 2 and other != first


def test_disk_cache_serves_other_processes(home, drawn):
    data = charts.png(chart())
    files = list((home / "var" / "cache" / "charts").glob("*.png"))
    assert [f.read_bytes() for f in files] == [data]
    charts.clear_memory()  # as a fresh process would start
    assert charts.png(chart()) == data
    assert len(drawn) == 1
    # a damaged file is not used: the chart is drawn again
    files[0].write_bytes(b"not a png")
    charts.clear_memory()
    assert charts.png(chart()) == data
    assert len(drawn) == 2


def test_cache_can_be_switched_off(home, drawn, monkeypatch):
    monkeypatch.setenv("SAKIP_CHART_CACHE", "0")
    charts.png(chart())
    charts.clear_memory()
    charts.png(chart())
    assert len(drawn) == 2
    assert not (home / "var" / "cache" / "charts").exists()


def test_unwritable_cache_still_draws(home, drawn):
    (home / "var" / "cache").mkdir(parents=True)
    (home / "var" / "cache" / "charts").write_text("a file where the folder should be")
    assert charts.png(chart()).startswith(b"\x89PNG")


def test_docx_and_pdf_embed_the_same_picture(home, drawn):
    pdfplumber = pytest.importorskip("pdfplumber")
    doc = Document(kind="uji", title="Uji", agency_code="X", year=2024)
    doc.add(Heading("GRAFIK", 0), chart())
    doc.finalize()
    docx = render(doc, "docx")
    pdf = render(doc, "pdf")
    assert len(drawn) == 1
    with zipfile.ZipFile(io.BytesIO(docx)) as z:
        media = [z.read(n) for n in z.namelist() if n.startswith("word/media/")]
    assert media == [charts.png(chart())]
    with pdfplumber.open(io.BytesIO(pdf)) as p:
        images = [im for page in p.pages for im in page.images]
    assert len(images) == 1
    # the picture at its pixel size: 6.3 in wide at the shared resolution
    assert images[0]["srcsize"][0] == round(charts.WIDTH_IN * charts.DPI)


PREPARE_IN_FRESH_PROCESS = """
import hashlib, json
from decimal import Decimal
from sakip.documents.model import Chart, Series
from sakip.documents.render import charts
pictures = [Chart(id="g", caption="c", kind="line", categories=["2023", "2024"],
                  series=[Series("Target", [Decimal("90"), Decimal("90")]),
                          Series("Realisasi", [Decimal(f"9{k}.5"), Decimal("64.5")])], y_label="%")
            for k in range(6)]
done = charts.prepare(pictures + pictures[:2])  # a repeated chart is drawn once
same = all(charts._memory[charts.cache_key(c, charts.DPI)] == charts.draw_png(c) for c in pictures)
again = charts.prepare(pictures)
print(json.dumps({"first": [done.cached, done.drawn_here, done.drawn_elsewhere], "same": same,
                  "again": [again.cached, again.drawn_here, again.drawn_elsewhere]}))
"""


def test_prepare_draws_missing_charts_in_other_processes_same_pictures(tmp_path):
    """In a fresh process (the test process may have other threads, e.g. a live server, and
    then nothing is forked): the work is shared and the pictures are byte for byte those drawn
    one by one."""
    import json
    import os
    import subprocess
    import sys

    env = dict(os.environ, SAKIP_HOME=str(tmp_path), SAKIP_CHART_CACHE="0", SAKIP_CHART_WORKERS="1")
    out = subprocess.run([sys.executable, "-c", PREPARE_IN_FRESH_PROCESS], env=env, check=True,
                         capture_output=True, text=True, timeout=120).stdout
    result = json.loads(out.strip().splitlines()[-1])
    cached, here, elsewhere = result["first"]
    assert cached == 0 and here + elsewhere == 6
    assert elsewhere >= 1  # (how many this process took depends on timing)
    assert result["same"] is True
    assert result["again"] == [6, 0, 0]


def test_prepare_draws_in_this_process_when_other_threads_run(home, monkeypatch):
    import threading

    monkeypatch.setenv("SAKIP_CHART_WORKERS", "2")
    stop = threading.Event()
    other = threading.Thread(target=stop.wait)
    other.start()
    try:
        done = charts.prepare([chart(values=(f"8{k}", "60")) for k in range(3)])
    finally:
        stop.set()
        other.join()
    assert done == charts.Prepared(drawn_here=3)
    # nothing to share: a single missing chart is drawn here too
    assert charts.prepare([chart(values=("1", "2"))]) == charts.Prepared(drawn_here=1)
