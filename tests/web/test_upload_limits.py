"""Uploads over the size limit get a clear message in place (status 413), nothing is saved."""

from __future__ import annotations

from django.core.files.uploadedfile import SimpleUploadedFile

from sakip.monitoring.models import IndicatorRealisation
from sakip.planning.models import Indicator
from sakip.web.models import Evidence

HX = {"HTTP_HX_REQUEST": "true"}
PDF = b"%PDF-1.4\n"


def _indicator():
    return (Indicator.objects.filter(strategic_plan__agency__code="batubara", targets__year=2024,
                                     target_kind="number").order_by("id").first())


def test_too_large_evidence_with_htmx_comes_back_as_the_item_with_the_message(client, people, monkeypatch):
    from sakip.web import realisation

    monkeypatch.setattr(realisation, "MAX_EVIDENCE_BYTES", 1000)
    client.force_login(people["operator.batubara"])
    ind = _indicator()
    upload = SimpleUploadedFile("besar.pdf", PDF + b"0" * 150_000)
    response = client.post(f"/pd/batubara/2024/realisasi/1/indicator/{ind.id}/",
                           {"value": "3", "orig_exists": "0", "evidence": upload}, **HX)
    html = response.content.decode()
    assert response.status_code == 413
    # The whole item, so the hx-target (the item) is replaced by itself plus the message.
    assert html.lstrip().startswith("<article") and f'id="indicator-{ind.id}"' in html
    assert "data-sakip-partial" in html and 'role="alert"' in html
    assert "Kiriman terlalu besar; berkas bukti paling besar 0 MB" in html
    assert not Evidence.objects.exists()
    assert not IndicatorRealisation.objects.filter(indicator=ind, period=1).exists()
    client.cookies["django_language"] = "en"
    upload = SimpleUploadedFile("besar.pdf", PDF + b"0" * 150_000)
    html = client.post(f"/pd/batubara/2024/realisasi/1/indicator/{ind.id}/",
                       {"value": "3", "orig_exists": "0", "evidence": upload}, **HX).content.decode()
    assert "The upload is too large" in html


def test_the_forms_tell_the_browser_the_limit(client, people):
    from sakip.web import realisation

    client.force_login(people["operator.batubara"])
    page = client.get("/pd/batubara/2024/realisasi/1/").content.decode()
    assert f'data-max-bytes="{realisation.MAX_EVIDENCE_BYTES}"' in page
    assert 'data-too-large="Berkas bukti terlalu besar; paling besar' in page
    assert 'src="/static/sakip/sakip.js"' in page
    workbook_page = client.get("/pd/batubara/2024/ubah/excel/").content.decode()
    assert 'data-max-bytes="5242880"' in workbook_page and "data-too-large=" in workbook_page
    check_page = client.get("/periksa/").content.decode()
    assert 'data-max-bytes="20971520"' in check_page and "data-too-large=" in check_page


def test_too_large_workbook_is_refused_with_413_and_a_message(client, people, monkeypatch):
    from sakip.editors import workbook

    monkeypatch.setattr(workbook, "MAX_UPLOAD_BYTES", 100)
    client.force_login(people["operator.batubara"])
    upload = SimpleUploadedFile("renja.xlsx", b"PK" + b"0" * 5000)
    response = client.post("/pd/batubara/2024/ubah/excel/unggah/", {"kind": "renja", "file": upload})
    assert response.status_code == 413
    html = response.content.decode()
    assert "Berkas terlalu besar (4 KB; batas 0 MB). Tidak ada yang disimpan" in html
    assert 'role="alert"' in html
