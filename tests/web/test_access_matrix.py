"""Role × action matrix: every URL of the application, for every kind of user.

Users, relative to the agency Belitung (region Kabupaten Belitung):
  public       not signed in
  op_own       operator of Belitung           op_other   operator of Batu Bara (other region)
  head         head of Belitung               bappeda    Bappeda verifier of Belitung's region
  inspektorat  Inspektorat of the region      admin      region admin (a superuser in the demo)

Outcomes:
  ok       the action is done (2xx, a redirect that is not to a login page, or 400 for a
           validation error of the minimal data sent); with an effect, the effect happened
  refused  the request is answered but nothing changes (403, or a page/redirect carrying the
           refusal message); with an effect, the effect did not happen
  hidden   404: the thing does not exist for this user
  login    a redirect to a login page, or 401 from the API

`test_every_url_is_in_the_matrix` fails when a URL is added without a row here.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest
from django.db import transaction
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver
from django.utils import timezone

from sakip.monitoring.models import IndicatorRealisation, PerformanceReport, SpendingRealisation
from sakip.organisations.models import StaffCount
from sakip.planning.models import (
    CommunityProposal,
    Goal,
    Indicator,
    PerformanceAgreement,
    RenstraFunding,
    WorkPlanLine,
)
from sakip.web.models import Evidence
from sakip.workflow.models import DocumentStatus

ROLES = {
    "public": None,
    "op_own": "operator.belitung",
    "op_other": "operator.batubara",
    "head": "kadis.belitung",
    "bappeda": "bappeda.belitung",
    "inspektorat": "inspektorat.belitung",
    "admin": "admin",
}


def outcomes(spec: str) -> dict[str, str]:
    """'login ok hidden ok refused refused ok' in the order of ROLES."""
    words = spec.split()
    assert len(words) == len(ROLES), spec
    return dict(zip(ROLES, words, strict=True))


ALL_OK = outcomes("ok ok ok ok ok ok ok")
INTERNAL_READ = outcomes("login ok hidden ok ok ok ok")
AGENCY_WRITE = outcomes("login ok hidden ok refused refused ok")
API_INTERNAL_READ = outcomes("hidden ok hidden ok ok ok ok")
API_WRITE = outcomes("login ok hidden ok refused refused ok")


@dataclass
class Case:
    route: str  # the URL pattern as Django lists it
    method: str
    url: Callable[[dict[str, Any]], str]
    expect: dict[str, str]
    data: Callable[[dict[str, Any]], dict[str, Any]] | None = None
    effect: Callable[[dict[str, Any]], bool] | None = None
    json_body: bool = False


def _renja_submitted(o):
    return DocumentStatus.objects.filter(agency__code="belitung", year=2025, document="renja",
                                         state="submitted").exists()


def _published_2025(o):
    return PerformanceReport.objects.filter(agency__code="belitung", year=2025,
                                            published_at__isnull=False).exists()


def _indicator_saved(o):
    return IndicatorRealisation.objects.filter(indicator_id=o["indicator"], year=2024, period=1).exists()


def _spending_saved(o):
    return SpendingRealisation.objects.filter(line_id=o["line"], period=1).exists()


B = "pd/belitung/2024"
P = "pd/<slug:agency_code>/<int:year>"
API = "api/agency-years"
CASES = [
    Case("", "get", lambda o: "/", ALL_OK),
    Case("masuk/", "get", lambda o: "/masuk/", ALL_OK),
    Case("keluar/", "post", lambda o: "/keluar/", ALL_OK),
    Case("daerah/", "get", lambda o: "/daerah/", ALL_OK),
    # The interface language switch (Django's set_language): anybody, a cookie only.
    Case("bahasa/", "post", lambda o: "/bahasa/", ALL_OK, data=lambda o: {"language": "en", "next": "/"}),
    Case(f"{P}/", "get", lambda o: f"/{B}/", ALL_OK),  # published
    Case(f"{P}/", "get", lambda o: "/pd/batubara/2024/",
         outcomes("login hidden ok hidden hidden hidden ok")),  # a draft of another region
    # Document downloads follow the dashboard: public for a published year, else members only.
    Case(f"{P}/dokumen/<slug:kind>.<slug:fmt>", "get", lambda o: f"/{B}/dokumen/pk.xlsx", ALL_OK),
    Case(f"{P}/dokumen/<slug:kind>.<slug:fmt>", "get", lambda o: "/pd/batubara/2024/dokumen/pk.xlsx",
         outcomes("login hidden ok hidden hidden hidden ok")),
    Case(f"{P}/status/", "get", lambda o: f"/{B}/status/", INTERNAL_READ),
    Case(f"{P}/status/pindah/", "post", lambda o: "/pd/belitung/2025/status/pindah/", AGENCY_WRITE,
         data=lambda o: {"document": "renja", "quarter": 0, "action": "submit"},
         effect=_renja_submitted),
    Case(f"{P}/status/publikasi/", "post", lambda o: "/pd/belitung/2025/status/publikasi/",
         outcomes("login refused hidden ok refused refused ok"), effect=_published_2025),
    Case(f"{P}/realisasi/", "get", lambda o: f"/{B}/realisasi/", ALL_OK),  # a redirect only
    Case(f"{P}/realisasi/<int:quarter>/", "get", lambda o: f"/{B}/realisasi/1/", INTERNAL_READ),
    Case(f"{P}/realisasi/<int:quarter>/<str:kind>/<int:item_id>/", "post",
         lambda o: f"/{B}/realisasi/1/indicator/{o['indicator']}/", AGENCY_WRITE,
         data=lambda o: {"value": "7"}, effect=_indicator_saved),
    Case("bukti/<int:evidence_id>/", "get", lambda o: f"/bukti/{o['evidence']}/", INTERNAL_READ),
    # JSON API
    Case("api/openapi.json", "get", lambda o: "/api/openapi.json", ALL_OK),
    Case("api/docs", "get", lambda o: "/api/docs", ALL_OK),
    Case("api/", "get", lambda o: "/api/", outcomes("hidden hidden hidden hidden hidden hidden hidden")),
    Case(API, "get", lambda o: "/api/agency-years", ALL_OK),
    Case(f"{API}/<code>/<year>/figures", "get", lambda o: "/api/agency-years/belitung/2024/figures", ALL_OK),
    Case(f"{API}/<code>/<year>/figures", "get", lambda o: "/api/agency-years/batubara/2024/figures",
         outcomes("hidden hidden ok hidden hidden hidden ok")),
    Case(f"{API}/<code>/<year>/realisations/<quarter>", "get",
         lambda o: "/api/agency-years/belitung/2024/realisations/1", API_INTERNAL_READ),
    Case(f"{API}/<code>/<year>/realisations/<quarter>/indicators/<indicator_id>", "put",
         lambda o: f"/api/agency-years/belitung/2024/realisations/1/indicators/{o['indicator']}",
         API_WRITE, data=lambda o: {"value": "7"}, effect=_indicator_saved, json_body=True),
    Case(f"{API}/<code>/<year>/realisations/<quarter>/spending/<line_id>", "put",
         lambda o: f"/api/agency-years/belitung/2024/realisations/1/spending/{o['line']}",
         API_WRITE, data=lambda o: {"amount": "0", "explanation": "belum ada belanja"},
         effect=_spending_saved, json_body=True),
    # Document check (sakip.ingest): any signed-in user; nothing is stored.
    Case("periksa/", "get", lambda o: "/periksa/", outcomes("login ok ok ok ok ok ok")),
    Case("periksa/", "post", lambda o: "/periksa/", outcomes("login ok ok ok ok ok ok"), data=lambda o: {}),
    # Editors (sakip.editors): readers may open them, only the agency may change things.
    Case(f"{P}/ubah/narasi/<slug:document>/", "get", lambda o: f"/{B}/ubah/narasi/renja/", INTERNAL_READ),
    Case(f"{P}/ubah/narasi/<slug:document>/", "post", lambda o: f"/{B}/ubah/narasi/renja/",
         outcomes("login ok hidden ok refused refused ok"),
         data=lambda o: {"section": "latar_belakang", "text": "Uji matriks."}),
    Case(f"{P}/ubah/renja/", "get", lambda o: f"/{B}/ubah/renja/", INTERNAL_READ),
    Case(f"{P}/ubah/renja/baris/<int:line_id>/", "post",
         lambda o: f"/{B}/ubah/renja/baris/{o['line']}/", AGENCY_WRITE, data=lambda o: {}),
    Case(f"{P}/ubah/renja/baris/<int:line_id>/jumlah/", "post",
         lambda o: f"/{B}/ubah/renja/baris/{o['line']}/jumlah/", INTERNAL_READ, data=lambda o: {}),
    Case(f"{P}/ubah/renja/target/<int:indicator_id>/", "post",
         lambda o: f"/{B}/ubah/renja/target/{o['coded_indicator']}/", AGENCY_WRITE, data=lambda o: {}),
    Case(f"{P}/ubah/renja/nomenklatur/", "get", lambda o: f"/{B}/ubah/renja/nomenklatur/?q=sosial",
         INTERNAL_READ),
    Case(f"{P}/ubah/renja/tambah/", "post", lambda o: f"/{B}/ubah/renja/tambah/",
         outcomes("login hidden hidden hidden refused refused hidden"), data=lambda o: {"code": "x"}),
    Case(f"{P}/ubah/renstra/", "get", lambda o: f"/{B}/ubah/renstra/", INTERNAL_READ),
    Case(f"{P}/ubah/renstra/pagu/", "get", lambda o: f"/{B}/ubah/renstra/pagu/", INTERNAL_READ),
    Case(f"{P}/ubah/renstra/pagu/", "post", lambda o: f"/{B}/ubah/renstra/pagu/", AGENCY_WRITE,
         data=lambda o: {"amount_1.06.01": "1.000.000", "orig_1.06.01": "∅"},
         effect=lambda o: RenstraFunding.objects.filter(code="1.06.01", amount=1_000_000).exists()),
    Case(f"{P}/ubah/renstra/<slug:what>/", "get", lambda o: f"/{B}/ubah/renstra/tujuan/", INTERNAL_READ),
    Case(f"{P}/ubah/renstra/<slug:what>/", "post", lambda o: f"/{B}/ubah/renstra/tujuan/",
         AGENCY_WRITE, data=lambda o: {"number": "9", "statement": "Tujuan matriks", "order": "9"},
         effect=lambda o: Goal.objects.filter(statement="Tujuan matriks").exists()),
    Case(f"{P}/ubah/renstra/<slug:what>/<int:pk>/", "get",
         lambda o: f"/{B}/ubah/renstra/indikator/{o['indicator']}/", INTERNAL_READ),
    Case(f"{P}/ubah/renstra/<slug:what>/<int:pk>/hapus/", "post",  # refused with a reason: 400
         lambda o: f"/{B}/ubah/renstra/tujuan/{o.get('goal', 'G')}/hapus/", AGENCY_WRITE),
    Case(f"{P}/ubah/renja/baris/<int:line_id>/hapus/", "post",
         lambda o: f"/{B}/ubah/renja/baris/{o['line']}/hapus/", AGENCY_WRITE,
         effect=lambda o: not WorkPlanLine.objects.filter(pk=o["line"]).exists()),
    Case(f"{P}/ubah/renstra/<slug:what>/baru-di/<int:parent>/", "get",
         lambda o: f"/{B}/ubah/renstra/sasaran/baru-di/{o.get('goal', 'G')}/", INTERNAL_READ),
    # Staff by education (LKjIP BAB I 1.3): governed by the LKjIP lock (2024 and 2025 are final here).
    Case(f"{P}/ubah/pegawai/", "get", lambda o: f"/{B}/ubah/pegawai/", INTERNAL_READ),
    Case(f"{P}/ubah/pegawai/", "post", lambda o: "/pd/belitung/2026/ubah/pegawai/", AGENCY_WRITE,
         data=lambda o: {"action": "copy"},
         effect=lambda o: StaffCount.objects.filter(agency__code="belitung", year=2026).exists()),
    # Community proposals of the agency-year (Renja §2.5).
    Case(f"{P}/ubah/usulan/", "get", lambda o: f"/{B}/ubah/usulan/", INTERNAL_READ),
    Case(f"{P}/ubah/usulan/", "post", lambda o: f"/{B}/ubah/usulan/", AGENCY_WRITE,
         data=lambda o: {"proposal": "Usulan baru matriks", "source": "pokir", "status": "accepted"},
         effect=lambda o: CommunityProposal.objects.filter(proposal="Usulan baru matriks").exists()),
    Case(f"{P}/ubah/usulan/<int:pk>/", "get", lambda o: f"/{B}/ubah/usulan/{o.get('proposal', 'U')}/",
         INTERNAL_READ),
    Case(f"{P}/ubah/usulan/<int:pk>/", "post", lambda o: f"/{B}/ubah/usulan/{o.get('proposal', 'U')}/",
         AGENCY_WRITE,
         data=lambda o: {"proposal": "Usulan matriks", "source": "musrenbang", "status": "rejected",
                         "reason": "Bukan kewenangan dinas."},
         effect=lambda o: CommunityProposal.objects.filter(pk=o["proposal"], status="rejected").exists()),
    Case(f"{P}/ubah/usulan/<int:pk>/hapus/", "post",
         lambda o: f"/{B}/ubah/usulan/{o.get('proposal', 'U')}/hapus/", AGENCY_WRITE,
         effect=lambda o: not CommunityProposal.objects.filter(pk=o["proposal"]).exists()),
    Case(f"{P}/ubah/pk/", "get", lambda o: f"/{B}/ubah/pk/", INTERNAL_READ),
    Case(f"{P}/ubah/pk/", "post", lambda o: "/pd/belitung/2025/ubah/pk/?versi=original",
         AGENCY_WRITE, data=lambda o: {},
         effect=lambda o: PerformanceAgreement.objects.filter(agency__code="belitung",
                                                              year=2025).exists()),
    Case(f"{P}/ubah/pk/perubahan/", "post", lambda o: f"/{B}/ubah/pk/perubahan/",  # PK 2024 is final
         outcomes("login refused hidden refused refused refused refused")),
    Case(f"{P}/ubah/excel/", "get", lambda o: f"/{B}/ubah/excel/", INTERNAL_READ),
    Case(f"{P}/ubah/excel/unduh/<slug:key>/", "get", lambda o: f"/{B}/ubah/excel/unduh/renja/",
         INTERNAL_READ),
    Case(f"{P}/ubah/excel/unduh/<slug:key>/<int:quarter>/", "get",
         lambda o: f"/{B}/ubah/excel/unduh/realisasi/1/", INTERNAL_READ),
    Case(f"{P}/ubah/excel/unggah/", "post", lambda o: f"/{B}/ubah/excel/unggah/", AGENCY_WRITE,
         data=lambda o: {"kind": "renja"}),  # no file: 400 for those who may upload
    Case(f"{P}/ubah/excel/terapkan/", "post", lambda o: f"/{B}/ubah/excel/terapkan/",
         outcomes("login hidden hidden hidden hidden hidden hidden"), data=lambda o: {"token": "x"}),
    # The Django admin: staff only (its own permission system beyond the index).
    Case("admin/", "get", lambda o: "/admin/", outcomes("login login login login login login ok")),
]

#: Django admin pages other than the index follow the admin's own permission checks.
IGNORED_PREFIXES = ("admin/",)


def all_routes() -> set[str]:
    def walk(patterns, prefix=""):
        for p in patterns:
            if isinstance(p, URLResolver):
                yield from walk(p.url_patterns, prefix + str(p.pattern))
            elif isinstance(p, URLPattern):
                yield prefix + str(p.pattern)

    return {r for r in walk(get_resolver().url_patterns)
            if not (r.startswith(IGNORED_PREFIXES) and r != "admin/")}


def test_every_url_is_in_the_matrix():
    missing = all_routes() - {c.route for c in CASES}
    assert not missing, f"URLs without a row in the role × action matrix: {sorted(missing)}"


@pytest.fixture
def objects(demo_data, settings, tmp_path):
    """What the matrix acts on: an indicator and a sub kegiatan of Belitung 2024 open for
    quarterly entry, a final LKjIP 2025 waiting to be published, an evidence file."""
    settings.MEDIA_ROOT = tmp_path
    belitung = demo_data["belitung"]
    indicator = Indicator.objects.filter(strategic_plan__agency=belitung, targets__year=2024,
                                         target_kind="number", polarity="higher_is_better").first()
    IndicatorRealisation.objects.filter(indicator=indicator, year=2024).delete()
    line = WorkPlanLine.objects.filter(work_plan__agency=belitung, work_plan__year=2024, level=5).first()
    SpendingRealisation.objects.filter(line=line).delete()
    coded = Indicator.objects.filter(strategic_plan__agency=belitung).exclude(code="").first()
    DocumentStatus.objects.create(agency=belitung, year=2025, document="lkjip", state="final")
    ev = Evidence(agency=belitung, year=2024, quarter=1, kind="indicator", item_id=indicator.pk,
                  original_name="bukti.pdf", content_type="application/pdf", size=9,
                  uploaded_at=timezone.now())
    from django.core.files.base import ContentFile

    ev.file.save("a.pdf", ContentFile(b"%PDF-1.4\n"), save=False)
    ev.save()
    return {"indicator": indicator.pk, "line": line.pk, "evidence": ev.pk, "coded_indicator": coded.pk,
            "goal": Goal.objects.filter(strategic_plan__agency=belitung).first().pk,
            "proposal": CommunityProposal.objects.create(
                agency=belitung, year=2024, proposal="Usulan matriks", source="musrenbang",
                status="accepted").pk}


def _login_redirect(response) -> bool:
    where = response.get("Location", "")
    return response.status_code == 302 and ("/masuk/" in where or "/admin/login/" in where)


def _request(client: Client, case: Case, objects: dict[str, Any]):
    url = case.url(objects)
    data = case.data(objects) if case.data else {}
    if case.json_body:
        return getattr(client, case.method)(url, json.dumps(data), content_type="application/json")
    if case.method == "get":
        return client.get(url)
    return getattr(client, case.method)(url, data)


def _check(role: str, expected: str, response, effect: bool | None, case: Case) -> str | None:
    status = response.status_code
    if expected == "login":
        ok = _login_redirect(response) or status == 401
    elif expected == "hidden":
        ok = status == 404
    elif expected == "ok":
        ok = (status in (200, 201, 204, 400) or (status == 302 and not _login_redirect(response)))
        if effect is not None:
            ok = ok and effect
    else:  # refused
        if case.effect is None:
            ok = status == 403
        else:
            ok = status in (200, 302, 403) and not _login_redirect(response) and effect is False
    if ok:
        return None
    return f"{role}: expected {expected}, got {status} {response.get('Location', '')} effect={effect}"


@pytest.mark.parametrize("case", CASES, ids=[f"{c.method.upper()} {c.url({'indicator': 'I', 'line': 'L', 'evidence': 'E', 'coded_indicator': 'C', 'goal': 'G'})}" for c in CASES])
def test_role_action_matrix(case: Case, objects, people):
    problems = []
    for role, username in ROLES.items():
        with transaction.atomic():
            client = Client()
            if username:
                client.force_login(people[username])
            response = _request(client, case, objects)
            effect = case.effect(objects) if case.effect else None
            problem = _check(role, case.expect[role], response, effect, case)
            if problem:
                problems.append(problem)
            transaction.set_rollback(True)
    assert not problems, "\n".join(problems)
