"""The JSON API: scoped like the pages, figures from the rules, realisation writes with CSRF."""

import json

from django.test import Client

from sakip.monitoring.models import IndicatorRealisation, PerformanceReport
from sakip.planning.models import Indicator


def put(client, url, body, **extra):
    return client.put(url, json.dumps(body), content_type="application/json", **extra)


def first_indicator():
    return Indicator.objects.filter(strategic_plan__agency__code="batubara", targets__year=2024,
                                    target_kind="number").order_by("id").first()


def test_openapi_schema_is_served(client, db):
    schema = client.get("/api/openapi.json").json()
    assert "/api/agency-years" in schema["paths"]
    assert "put" in schema["paths"]["/api/agency-years/{code}/{year}/realisations/{quarter}/indicators/{indicator_id}"]


def test_public_reads_only_published_years(client, people):
    years = client.get("/api/agency-years").json()
    assert [(y["agency"], y["year"]) for y in years] == [("belitung", 2024)]
    figures = client.get("/api/agency-years/belitung/2024/figures").json()
    assert figures["absorption"]["display"] == "92,31"
    assert figures["total_budget"] == 10_314_852_053
    assert "71,91" in [i["achievement"]["display"] for i in figures["indicators"]]
    assert client.get("/api/agency-years/batubara/2024/figures").status_code == 404
    assert client.get("/api/agency-years/belitung/2024/realisations/1").status_code == 404
    PerformanceReport.objects.update(published_at=None)
    assert client.get("/api/agency-years").json() == []
    assert client.get("/api/agency-years/belitung/2024/figures").status_code == 404


def test_operator_reads_own_agency_only(client, people):
    client.force_login(people["operator.batubara"])
    years = {(y["agency"], y["year"], y["internal"]) for y in client.get("/api/agency-years").json()}
    assert ("batubara", 2024, True) in years and ("belitung", 2024, False) in years
    assert client.get("/api/agency-years/batubara/2024/realisations/1").json()["editable"] is True
    assert client.get("/api/agency-years/belitung/2024/realisations/1").status_code == 404


def test_writes_need_a_session_and_the_csrf_token(people):
    ind = first_indicator()
    url = f"/api/agency-years/batubara/2024/realisations/1/indicators/{ind.id}"
    anonymous = Client(enforce_csrf_checks=True)
    assert put(anonymous, url, {"value": "3"}).status_code in (401, 403)
    assert put(Client(), url, {"value": "3"}).status_code == 401
    client = Client(enforce_csrf_checks=True)
    client.force_login(people["operator.batubara"])
    client.get("/masuk/")  # sets the CSRF cookie
    assert put(client, url, {"value": "3"}).status_code in (401, 403)
    assert not IndicatorRealisation.objects.filter(indicator=ind, period=1).exists()
    token = client.cookies["csrftoken"].value
    response = put(client, url, {"value": "3"}, HTTP_X_CSRFTOKEN=token)
    assert response.status_code == 200, response.content
    assert IndicatorRealisation.objects.get(indicator=ind, period=1).value == 3


def test_write_errors_are_400_403_404_and_409(client, people):
    ind = first_indicator()
    url = f"/api/agency-years/batubara/2024/realisations/1/indicators/{ind.id}"
    client.force_login(people["operator.batubara"])
    bad = put(client, url, {"value": "tiga"})
    assert bad.status_code == 400 and "bukan angka" in bad.json()["errors"]["value"]
    assert put(client, url, {"value": "3", "expected": {"value": None}}).status_code == 200
    stale = put(client, url, {"value": "4", "expected": {"value": "2"}})
    assert stale.status_code == 409 and "telah diubah" in stale.json()["message"]
    assert put(client, url, {"value": "4", "expected": {"value": "3"}}).status_code == 200
    client.force_login(people["bappeda.belitung"])
    assert put(client, url, {"value": "5"}).status_code == 404
    client.force_login(people["admin"])  # superuser: may read, and writes while open
    client.force_login(people["kadis.batubara"])
    from sakip.workflow import transitions

    transitions.move(people["kadis.batubara"], ind.strategic_plan.agency, 2024, "realisation", "submit", quarter=1)
    locked = put(client, url, {"value": "6"})
    assert locked.status_code == 403 and "Diajukan" in locked.json()["message"]
    assert IndicatorRealisation.objects.get(indicator=ind, period=1).value == 4
