"""The region overview: scoped by the user's regions, computed figures, filters, attention first."""

import re

from django.test import Client

from sakip.monitoring.models import PerformanceReport
from sakip.workflow import transitions


def agencies(html: str) -> list[str]:
    return re.findall(r'<tr data-agency="([^"]+)"', html)


def test_public_sees_only_published_agency_years(client, demo_data):
    html = client.get("/daerah/?tahun=2024").content.decode()
    assert agencies(html) == ["belitung"]
    assert "Renja</th>" not in html  # no internal statuses for the public
    assert re.search(r'data-figure="absorption">92,31<', html)
    PerformanceReport.objects.update(published_at=None)
    assert agencies(client.get("/daerah/?tahun=2024").content.decode()) == []


def test_operator_sees_own_agency_admin_sees_both_regions(client, people):
    client.force_login(people["operator.batubara"])
    html = client.get("/daerah/?tahun=2024").content.decode()
    assert set(agencies(html)) == {"batubara", "belitung"}  # own draft + the published one
    admin = Client()
    admin.force_login(people["admin"])
    html = admin.get("/daerah/?tahun=2024").content.decode()
    # Batu Bara has a pagu and no realisation yet: it needs attention and comes first.
    assert agencies(html) == ["batubara", "belitung"]
    assert "serapan 0,00 % di bawah 80 %" in html


def test_filters_by_status_and_search(client, people, demo_data):
    client.force_login(people["admin"])
    assert agencies(client.get("/daerah/?tahun=2024&q=belitung").content.decode()) == ["belitung"]
    transitions.move(people["operator.batubara"], demo_data["batubara"], 2024, "renja", "submit")
    html = client.get("/daerah/?tahun=2024&status=submitted").content.decode()
    assert agencies(html) == ["batubara"]
    assert agencies(client.get("/daerah/?tahun=2024&status=returned").content.decode()) == []
    html = client.get("/daerah/?tahun=2024&perhatian=1").content.decode()
    assert "batubara" in agencies(html)
