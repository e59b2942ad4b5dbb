"""Document downloads on the web: who may download, what comes back, and the dashboard list."""

from __future__ import annotations

import io
import re

from django.contrib.auth import get_user_model
from docx import Document as read_docx
from openpyxl import load_workbook

from sakip.documents.registry import kinds
from sakip.monitoring.models import PerformanceReport
from sakip.organisations.models import Agency, Membership, Region


def test_public_downloads_a_published_year(client, belitung):
    response = client.get("/pd/belitung/2024/dokumen/lkjip.xlsx")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats-officedocument.spreadsheetml")
    disposition = response["Content-Disposition"]
    assert disposition.startswith("attachment;")
    assert 'filename="LKjIP_2024_DSPPPA.xlsx"' in disposition
    wb = load_workbook(io.BytesIO(response.content), data_only=True)
    index = wb["Daftar Tabel"]
    number = next(row[0] for row in index.iter_rows(values_only=True)
                  if row[1] and str(row[1]).startswith("Realisasi Anggaran per Program, Kegiatan"))
    sheet = next(n for n in wb.sheetnames if n.startswith(f"{number} "))
    values = [c for row in wb[sheet].iter_rows(values_only=True) for c in row]
    assert 10_314_852_053 in values and 9_521_256_875 in values


def test_pk_download_versions(client, belitung):
    revised = client.get("/pd/belitung/2024/dokumen/pk.docx")
    assert revised.status_code == 200
    assert "Perjanjian-Kinerja-Perubahan_2024_DSPPPA.docx" in revised["Content-Disposition"]
    texts = [p.text for p in read_docx(io.BytesIO(revised.content)).paragraphs]
    assert "PERJANJIAN KINERJA PERUBAHAN TAHUN 2024" in texts
    original = client.get("/pd/belitung/2024/dokumen/pk.docx?versi=original")
    assert "Perjanjian-Kinerja_2024_DSPPPA.docx" in original["Content-Disposition"]
    texts = [p.text for p in read_docx(io.BytesIO(original.content)).paragraphs]
    assert "PERJANJIAN KINERJA TAHUN 2024" in texts
    pdf = client.get("/pd/belitung/2024/dokumen/pk.pdf")
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")
    assert pdf["Content-Type"] == "application/pdf"


def test_unpublished_year_needs_login_and_membership(client, belitung):
    PerformanceReport.objects.filter(agency=belitung).update(published_at=None)
    response = client.get("/pd/belitung/2024/dokumen/lkjip.docx")
    assert response.status_code == 302 and response["Location"].startswith("/masuk/")
    region = Region.objects.create(code="lain", name="Kabupaten Lain", kind="kabupaten")
    other = Agency.objects.create(region=region, code="lain", name="Dinas Lain")
    stranger = get_user_model().objects.create_user("op.lain", password="rahasia-123")
    Membership.objects.create(user=stranger, region=region, agency=other, role=Membership.Role.OPERATOR)
    client.force_login(stranger)
    assert client.get("/pd/belitung/2024/dokumen/lkjip.docx").status_code == 404
    own = get_user_model().objects.create_user("op.belitung", password="rahasia-123")
    Membership.objects.create(user=own, region=belitung.region, agency=belitung,
                              role=Membership.Role.OPERATOR)
    client.force_login(own)
    response = client.get("/pd/belitung/2024/dokumen/pk.xlsx")
    assert response.status_code == 200 and response["Content-Disposition"].startswith("attachment;")


def test_bad_requests(client, belitung):
    assert client.get("/pd/belitung/2024/dokumen/tidakada.docx").status_code == 404
    assert client.get("/pd/tidakada/2024/dokumen/lkjip.docx").status_code == 404
    bad = client.get("/pd/belitung/2024/dokumen/lkjip.odt")
    assert bad.status_code == 400 and "'odt'" in bad.content.decode()
    if "evaluasi-renja" in kinds():
        missing = client.get("/pd/belitung/2024/dokumen/evaluasi-renja.xlsx")
        assert missing.status_code == 400 and "triwulan" in missing.content.decode().lower()
    wrong = client.get("/pd/belitung/2024/dokumen/pk.docx?versi=lain")
    assert wrong.status_code == 400


def test_dashboard_lists_every_kind_and_format(client, belitung):
    html = client.get("/pd/belitung/2024/").content.decode()
    assert "Unduh dokumen" in html
    hrefs = set(re.findall(r'href="(/pd/belitung/2024/dokumen/[^"]+)"', html))
    for key, kind in kinds().items():
        for fmt in kind.formats:
            query = "?triwulan=1" if kind.needs_quarter else ""
            if key == "pk":
                query = "?versi=original"
            assert f"/pd/belitung/2024/dokumen/{key}.{fmt}{query}" in hrefs, (key, fmt)
    # each listed link answers (the cheap formats; the PDF path is tested above)
    for href in sorted(hrefs):
        if href.split("?")[0].endswith(".xlsx") and "lkjip" not in href:
            assert client.get(href.replace("&amp;", "&")).status_code == 200, href
