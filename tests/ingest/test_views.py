"""/periksa/: `sakip check` in the browser for signed-in users; uploads are not kept."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

DOC = (
    "LAPORAN KINERJA TAHUN 2024\n\nTabel 3.1 Anggaran Tahun 2024\n\n"
    "No\tUraian\tPagu (Rp)\tRealisasi (Rp)\t%\n"
    "1\tBelanja A\t1.000.000\t900.000\t90,00\n"
    "2\tBelanja B\t2.000.000\t1.000.000\t50,00\n"
    "Jumlah\t\t3.000.000\t1.900.000\t66,33\n"
)


@pytest.fixture
def user(db):
    from django.contrib.auth import get_user_model

    return get_user_model().objects.create_user("pemeriksa", password="rahasia-panjang-1")


def test_login_required(client, db):
    response = client.get("/periksa/")
    assert response.status_code == 302 and "/masuk/" in response["Location"]


def test_upload_shows_findings_and_keeps_nothing(client, user, settings, tmp_path):
    from pathlib import Path

    settings.MEDIA_ROOT = tmp_path / "media"
    client.force_login(user)
    assert client.get("/periksa/").status_code == 200
    upload = SimpleUploadedFile("lkjip.txt", DOC.encode(), content_type="text/plain")
    response = client.post("/periksa/", {"berkas": upload})
    assert response.status_code == 200
    page = response.content.decode()
    assert 'data-errors="1"' in page
    assert "66,33" in page and "63,33" in page and "Tabel 3.1" in page
    assert not (tmp_path / "media").exists() or not any((tmp_path / "media").rglob("*"))
    assert not list(Path(settings.STATIC_ROOT).rglob("lkjip*"))


@pytest.mark.parametrize(
    ("name", "content", "needle"),
    [
        ("virus.exe", b"MZ....", "tidak didukung"),
        ("kosong.txt", b"", "kosong"),
        ("rusak.pdf", b"%PDF-1.4 terpotong", "PDF"),
    ],
)
def test_bad_uploads_are_refused_with_a_message(client, user, name, content, needle):
    client.force_login(user)
    response = client.post("/periksa/", {"berkas": SimpleUploadedFile(name, content)})
    assert response.status_code == 400
    assert needle in response.content.decode()


def test_too_large_upload_is_refused(client, user, monkeypatch):
    from sakip.ingest import views

    monkeypatch.setattr(views, "MAX_UPLOAD", 100)
    client.force_login(user)
    response = client.post("/periksa/", {"berkas": SimpleUploadedFile("besar.txt", DOC.encode())})
    assert response.status_code == 413
    assert "terlalu besar" in response.content.decode()
