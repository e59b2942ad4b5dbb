"""`sakip report`: generic over the registered kinds, warnings on stderr, atomic output."""

from __future__ import annotations

import io

import pytest
from docx import Document as read_docx

from sakip.cli import main
from sakip.documents import registry
from sakip.documents.model import Document, Heading, Paragraph


def _tiny(ay, options):
    doc = Document(kind="uji", title=f"Uji {ay.agency.name}", agency_code=ay.agency.code,
                   year=ay.year)
    doc.add(Heading("UJI", 0, number="BAB I"), Paragraph.text(f"Triwulan {options.quarter}"))
    doc.warn("realisasi triwulan belum diisi", where="Tabel 1.1")
    return doc


def _broken(ay, options):
    raise RuntimeError("builder rusak")


@pytest.fixture
def kinds(monkeypatch):
    monkeypatch.setitem(registry._REGISTRY, "uji", registry.DocumentKind(
        "uji", "Dokumen Uji", _tiny, needs_quarter=True))
    monkeypatch.setitem(registry._REGISTRY, "rusak", registry.DocumentKind(
        "rusak", "Dokumen Rusak", _broken))


def run(argv, capsys):
    try:
        status = main(argv)
    except SystemExit as exc:
        status = exc.code
    return capsys.readouterr(), status


def test_writes_file_prints_warnings_and_path(kinds, belitung, tmp_path, capsys):
    out = tmp_path / "uji.docx"
    captured, status = run(["report", "uji", "--agency", "belitung", "--year", "2024",
                            "--format", "docx", "--quarter", "2", "-o", str(out)], capsys)
    assert status == 0, captured.err
    assert captured.out.strip() == str(out)
    assert "Tabel 1.1: realisasi triwulan belum diisi" in captured.err
    d = read_docx(io.BytesIO(out.read_bytes()))
    assert any(p.text == "Triwulan 2" for p in d.paragraphs)
    assert [p.name for p in tmp_path.iterdir()] == ["uji.docx"]  # no temporary file left


@pytest.mark.parametrize("argv, needle", [
    (["report", "tidakada", "--format", "docx"], "'tidakada'"),
    (["report", "uji", "--format", "odt", "--quarter", "1"], "'odt'"),
    (["report", "uji", "--format", "pdf"], "--quarter"),
    (["report", "uji", "--format", "pdf", "--quarter", "5"], "'5'"),
])
def test_bad_input_exits_2(kinds, belitung, tmp_path, capsys, argv, needle):
    out = tmp_path / "x.bin"
    captured, status = run([*argv, "--agency", "belitung", "--year", "2024", "-o", str(out)], capsys)
    assert status == 2 and needle in captured.err and "Traceback" not in captured.err
    assert not out.exists()


def test_unknown_agency_exits_2(kinds, db, tmp_path, capsys):
    captured, status = run(["report", "uji", "--agency", "tidakada", "--year", "2024",
                            "--format", "docx", "--quarter", "1", "-o", str(tmp_path / "a.docx")],
                           capsys)
    assert status == 2 and "'tidakada'" in captured.err


def test_failure_leaves_old_file_untouched(kinds, belitung, tmp_path, capsys, monkeypatch):
    monkeypatch.delenv("SAKIP_DEBUG", raising=False)
    out = tmp_path / "lama.pdf"
    out.write_bytes(b"isi lama")
    captured, status = run(["report", "rusak", "--agency", "belitung", "--year", "2024",
                            "--format", "pdf", "-o", str(out)], capsys)
    assert status == 3 and "builder rusak" in captured.err
    assert out.read_bytes() == b"isi lama"
    assert [p.name for p in tmp_path.iterdir()] == ["lama.pdf"]
