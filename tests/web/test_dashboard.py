"""The first pages: home, login, the agency-year dashboard and who may see it."""

import re

import pytest
from django.contrib.auth import get_user_model

from sakip.monitoring.models import PerformanceReport
from sakip.organisations.models import Membership


def figure(html: str, name: str) -> str:
    match = re.search(rf'data-figure="{name}">([^<]*)<', html)
    assert match, f"figure {name} not on the page"
    return match.group(1).strip()


def test_published_dashboard_is_public_and_shows_computed_figures(client, belitung):
    response = client.get("/pd/belitung/2024/")
    assert response.status_code == 200
    html = response.content.decode()
    assert figure(html, "total-budget") == "Rp 10.314.852.053"
    assert figure(html, "total-realised") == "Rp 9.521.256.875"
    assert figure(html, "absorption") == "92,31 %"
    assert "71,91" in re.findall(r'data-figure="achievement">([^<]*)<', html)
    assert 'lang="id"' in html


def test_the_page_changes_when_the_facts_change(client, belitung):
    """Figures are derived: change one sub kegiatan's realisation and the totals follow."""
    from sakip.monitoring.models import SpendingRealisation

    spent = SpendingRealisation.objects.get(line__code="1.06.07.2.01.0002")
    spent.amount += 1_000_000
    spent.save()
    html = client.get("/pd/belitung/2024/").content.decode()
    assert figure(html, "total-realised") == "Rp 9.522.256.875"


def test_unpublished_year_needs_login(client, belitung):
    PerformanceReport.objects.filter(agency=belitung).update(published_at=None)
    response = client.get("/pd/belitung/2024/")
    assert response.status_code == 302
    assert response["Location"].startswith("/masuk/")


def test_home_lists_only_published_years_to_the_public(client, belitung):
    html = client.get("/").content.decode()
    assert "/pd/belitung/2024/" in html
    PerformanceReport.objects.filter(agency=belitung).update(published_at=None)
    html = client.get("/").content.decode()
    assert "/pd/belitung/2024/" not in html


@pytest.fixture
def operator_of_other_agency(belitung):
    """An operator of another agency in another region."""
    from sakip.organisations.models import Agency, Region

    region = Region.objects.create(code="lain", name="Kabupaten Lain", kind="kabupaten")
    other = Agency.objects.create(region=region, code="lain", name="Dinas Lain")
    user = get_user_model().objects.create_user("operator.lain", password="rahasia-123")
    Membership.objects.create(user=user, region=region, agency=other, role=Membership.Role.OPERATOR)
    return user


def test_operator_cannot_open_another_agencys_draft(client, belitung, operator_of_other_agency):
    PerformanceReport.objects.filter(agency=belitung).update(published_at=None)
    client.force_login(operator_of_other_agency)
    assert client.get("/pd/belitung/2024/").status_code == 404
    assert "/pd/belitung/2024/" not in client.get("/").content.decode()


def test_own_operator_sees_the_draft(client, belitung):
    PerformanceReport.objects.filter(agency=belitung).update(published_at=None)
    user = get_user_model().objects.create_user("op", password="rahasia-123")
    Membership.objects.create(user=user, region=belitung.region, agency=belitung,
                              role=Membership.Role.OPERATOR)
    client.force_login(user)
    assert client.get("/pd/belitung/2024/").status_code == 200


def test_login_with_a_demo_account(client, demo):
    from sakip.demo.loader import DEMO_PASSWORD

    response = client.post("/masuk/", {"username": "operator.belitung", "password": DEMO_PASSWORD})
    assert response.status_code == 302
    response = client.post("/masuk/", {"username": "operator.belitung", "password": "salah"})
    assert response.status_code == 200
    assert "benar" in response.content.decode() or "salah" in response.content.decode().lower()


def test_admin_pages_open_for_the_region_admin(client, demo):
    from django.contrib.auth import get_user_model

    client.force_login(get_user_model().objects.get(username="admin"))
    for url in ["/admin/", "/admin/organisations/region/", "/admin/planning/indicator/",
                "/admin/planning/workplanline/", "/admin/monitoring/sakipevaluation/"]:
        assert client.get(url).status_code == 200, url


def test_years_are_not_printed_with_thousands_separators(client, belitung):
    html = client.get("/pd/belitung/2024/").content.decode()
    assert "Tahun 2024" in html and "2,024" not in html and "2.024" not in html


def test_not_found_and_refused_pages_say_why_in_indonesian(client, belitung):
    """Production error pages (DEBUG off) carry the view's reason and what to do next."""
    html = client.get("/pd/tidak-ada/2024/").content.decode()
    assert "Halaman tidak ditemukan" in html and "daftar perangkat daerah" in html
    assert "/pd/tidak-ada/2024/ tidak ada" in html and "matches the given query" not in html
    html = client.get("/pd/belitung/2024/ubah/excel/unduh/tidak-ada/").content.decode()
    assert "Jenis buku kerja tidak dikenal" in html, "our own reason is shown"
    from django.contrib.auth import get_user_model

    from sakip.organisations.models import Membership
    from sakip.workflow import transitions

    user = get_user_model().objects.create_user("bapp", password="x")
    Membership.objects.create(user=user, region=belitung.region, role=Membership.Role.BAPPEDA)
    client.force_login(user)
    assert not transitions.can_edit(user, belitung, 2024, "renja")
    response = client.post("/pd/belitung/2024/ubah/renja/tambah/", {"code": "1.06.01"})
    assert response.status_code == 403
    html = response.content.decode()
    assert "Tindakan ini tidak diizinkan" in html and "tidak dapat diubah" in html
