"""The JSON API (/api/, OpenAPI at /api/openapi.json, browsable at /api/docs).

Every endpoint asks sakip.web.access who may see what, exactly as the pages do: the public
reads published agency-years; signed-in users read what their memberships allow; operators
and heads write realisations of their own agency while the quarter is open. Writes need the
session cookie and the CSRF token (header X-CSRFToken), like the forms.
Figures come from sakip.figures (the rules); numbers are strings, exact and unrounded, with
the Indonesian display text beside them.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.http import Http404, HttpRequest
from django.shortcuts import get_object_or_404
from ninja import NinjaAPI, Schema, Status
from ninja.security import django_auth

from sakip import figures
from sakip.common.errors import UserError
from sakip.monitoring.models import IndicatorRealisation, PerformanceReport, SpendingRealisation
from sakip.organisations.models import Agency
from sakip.planning.models import Indicator, WorkPlan, WorkPlanLine
from sakip.web import access, datacache, realisation
from sakip.workflow.history import StaleEdit

api = NinjaAPI(
    title="OpenSAKIP API",
    version="1",
    description="Data kinerja perangkat daerah: tahun anggaran, angka capaian dan serapan, "
    "realisasi triwulan. Baca: publik untuk yang dipublikasikan; tulis: operator/kepala "
    "perangkat daerah dengan sesi dan token CSRF.",
    urls_namespace="api",
)


class Message(Schema):
    message: str
    errors: dict[str, str] = {}


class AgencyYearOut(Schema):
    agency: str
    name: str
    region: str
    year: int
    published: bool
    internal: bool


class Figure(Schema):
    value: str | None
    display: str


class IndicatorFigure(Schema):
    id: int
    name: str
    unit: str
    level: str
    number: str
    target: str
    realisation: str
    achievement: Figure
    predikat: str
    category: str


class BudgetFigure(Schema):
    code: str
    name: str
    level: int
    budget: int | None
    realised: int
    absorption: Figure


class FiguresOut(Schema):
    agency: str
    year: int
    published: bool
    mean_achievement: Figure
    total_budget: int | None
    total_realised: int | None
    absorption: Figure
    indicators: list[IndicatorFigure]
    programs: list[BudgetFigure]


class IndicatorRealisationOut(Schema):
    indicator_id: int
    name: str
    value: str | None
    level: str
    numerator: str | None
    denominator: str | None
    note: str


class SpendingRealisationOut(Schema):
    line_id: int
    code: str
    name: str
    amount: int | None
    physical_progress: str | None
    explanation: str
    note: str


class RealisationsOut(Schema):
    agency: str
    year: int
    quarter: int
    state: str
    editable: bool
    indicators: list[IndicatorRealisationOut]
    spending: list[SpendingRealisationOut]


class IndicatorIn(Schema):
    value: str = ""
    level: str = ""
    numerator: str = ""
    denominator: str = ""
    note: str = ""
    #: The stored values the client started from (as returned by GET); when given, a change
    #: by somebody else since then is refused with 409 instead of being overwritten.
    expected: dict[str, str | None] | None = None


class SpendingIn(Schema):
    amount: str = ""
    physical_progress: str = ""
    explanation: str = ""
    note: str = ""
    expected: dict[str, str | int | None] | None = None


def _figure(f: Any) -> dict[str, Any]:
    return {"value": None if f.value is None else str(f.value), "display": f.display}


def _text(value: Decimal | None) -> str | None:
    return None if value is None else realisation.stored_text(value)


def _viewable(request: HttpRequest, code: str, year: int) -> Agency:
    agency = get_object_or_404(Agency.objects.select_related("region"), code=code)
    if not access.can_view(request.user, agency, year):
        raise Http404("Tidak ditemukan.")
    return agency


def _internal(request: HttpRequest, code: str) -> Agency:
    agency = get_object_or_404(Agency.objects.select_related("region"), code=code)
    if not access.sees_internal(request.user, agency):
        raise Http404("Tidak ditemukan.")
    return agency


@api.get("/agency-years", response=list[AgencyYearOut], summary="Tahun perangkat daerah yang dapat dibuka")
def agency_years(request: HttpRequest) -> list[dict[str, Any]]:
    internal = set(access.visible_agencies(request.user).values_list("id", flat=True))
    pairs: dict[tuple[int, int], bool] = {}
    for agency_id, year in WorkPlan.objects.filter(agency_id__in=internal).values_list("agency_id", "year"):
        pairs.setdefault((agency_id, year), False)
    for agency_id, year, published in PerformanceReport.objects.values_list("agency_id", "year", "published_at"):
        if agency_id in internal or published is not None:
            pairs[(agency_id, year)] = published is not None
    agencies = {a.id: a for a in Agency.objects.select_related("region").filter(id__in={a for a, _ in pairs})}
    return [
        {"agency": agencies[a].code, "name": agencies[a].name, "region": agencies[a].region.name,
         "year": y, "published": published, "internal": a in internal}
        for (a, y), published in sorted(pairs.items(), key=lambda p: (agencies[p[0][0]].code, -p[0][1]))
    ]


@api.get("/agency-years/{code}/{year}/figures", response=FiguresOut, summary="Angka capaian dan anggaran")
def agency_year_figures(request: HttpRequest, code: str, year: int) -> dict[str, Any]:
    agency = _viewable(request, code, year)
    ay = datacache.load(agency, year)
    summary = figures.indicator_summary(ay)
    wp = ay.work_plan
    return {
        "agency": agency.code, "year": year, "published": ay.published,
        "mean_achievement": _figure(summary.mean),
        "total_budget": wp.total_budget() if wp else None,
        "total_realised": wp.total_realised() if wp else None,
        "absorption": _figure(wp.absorption()) if wp else {"value": None, "display": "belum ada rencana kerja"},
        "indicators": [
            {"id": r.indicator.id, "name": r.indicator.name, "unit": r.indicator.unit, "level": r.level,
             "number": r.number, "target": r.target_display, "realisation": r.realisation_display,
             "achievement": _figure(r.achievement), "predikat": r.predikat, "category": r.category}
            for r in summary.rows
        ],
        "programs": [
            {"code": b.code, "name": b.name, "level": b.level, "budget": b.budget,
             "realised": b.realised, "absorption": _figure(b.absorption)}
            for b in figures.budget_rows(ay)
        ],
    }


def _realisations(request: HttpRequest, agency: Agency, year: int, quarter: int) -> dict[str, Any]:
    ind_rows = {
        r.indicator_id: r for r in IndicatorRealisation.objects.filter(
            indicator__strategic_plan__agency=agency, year=year, period=quarter)
    }
    plan_indicators = Indicator.objects.filter(
        strategic_plan__agency=agency, strategic_plan__start_year__lte=year,
        strategic_plan__end_year__gte=year, targets__year=year,
    ).order_by("order", "id")
    lines = WorkPlanLine.objects.filter(work_plan__agency=agency, work_plan__year=year, level=5).order_by("order", "code")
    spend = {s.line_id: s for s in SpendingRealisation.objects.filter(line__in=lines, period=quarter)}
    status = access.status_of(agency, year, "realisation", quarter)
    return {
        "agency": agency.code, "year": year, "quarter": quarter, "state": status.state,
        "editable": access.can_edit(request.user, agency, year, "realisation", quarter),
        "indicators": [
            {"indicator_id": i.pk, "name": i.name,
             "value": _text(ind_rows[i.pk].value) if i.pk in ind_rows else None,
             "level": ind_rows[i.pk].level if i.pk in ind_rows else "",
             "numerator": _text(ind_rows[i.pk].numerator) if i.pk in ind_rows else None,
             "denominator": _text(ind_rows[i.pk].denominator) if i.pk in ind_rows else None,
             "note": ind_rows[i.pk].note if i.pk in ind_rows else ""}
            for i in plan_indicators
        ],
        "spending": [
            {"line_id": line.pk, "code": line.code, "name": line.name,
             "amount": spend[line.pk].amount if line.pk in spend else None,
             "physical_progress": _text(spend[line.pk].physical_progress) if line.pk in spend else None,
             "explanation": spend[line.pk].explanation if line.pk in spend else "",
             "note": spend[line.pk].note if line.pk in spend else ""}
            for line in lines
        ],
    }


def _check_quarter(quarter: int) -> None:
    if quarter not in realisation.QUARTER_NAMES:
        raise Http404("Triwulan harus 1–4.")


@api.get("/agency-years/{code}/{year}/realisations/{quarter}", response=RealisationsOut,
         summary="Realisasi satu triwulan (bukan publik)")
def realisations(request: HttpRequest, code: str, year: int, quarter: int) -> dict[str, Any]:
    _check_quarter(quarter)
    return _realisations(request, _internal(request, code), year, quarter)


def _expected(given: dict[str, Any] | None) -> dict[str, str] | None:
    if given is None:
        return None
    out = {k: "" if v is None else str(v) for k, v in given.items()}
    out.setdefault("exists", "1" if any(v not in (None, "") for v in given.values()) else "0")
    return out


def _save(call: Any) -> Status[dict[str, Any]]:
    try:
        saved = call()
    except StaleEdit as stale:
        return Status(409, {"message": stale.text(), "errors": {}})
    except realisation.EntryRefused as refused:
        status = 403 if refused.forbidden else 400
        return Status(status, {"message": refused.text(), "errors": {k: v for k, v in refused.errors.items() if k}})
    except UserError as error:
        return Status(400, {"message": error.text(), "errors": {}})
    return Status(200, {"message": "Tersimpan." if saved.changed else "Tidak ada perubahan.", "errors": {}})


@api.put("/agency-years/{code}/{year}/realisations/{quarter}/indicators/{indicator_id}",
         auth=django_auth, response={200: Message, 400: Message, 403: Message, 409: Message},
         summary="Simpan realisasi satu indikator")
def put_indicator(request: HttpRequest, code: str, year: int, quarter: int, indicator_id: int,
                  payload: IndicatorIn) -> Status[dict[str, Any]]:
    _check_quarter(quarter)
    agency = _internal(request, code)
    indicator = get_object_or_404(Indicator.objects.select_related("strategic_plan"),
                                  pk=indicator_id, strategic_plan__agency=agency)
    data = payload.dict(exclude={"expected"})
    return _save(lambda: realisation.save_indicator(
        request.user, agency, year, quarter, indicator, data, _expected(payload.expected)))


@api.put("/agency-years/{code}/{year}/realisations/{quarter}/spending/{line_id}",
         auth=django_auth, response={200: Message, 400: Message, 403: Message, 409: Message},
         summary="Simpan realisasi anggaran dan fisik satu sub kegiatan")
def put_spending(request: HttpRequest, code: str, year: int, quarter: int, line_id: int,
                 payload: SpendingIn) -> Status[dict[str, Any]]:
    _check_quarter(quarter)
    agency = _internal(request, code)
    line = get_object_or_404(WorkPlanLine.objects.select_related("work_plan"), pk=line_id,
                             work_plan__agency=agency, work_plan__year=year)
    data = payload.dict(exclude={"expected"})
    return _save(lambda: realisation.save_spending(
        request.user, agency, year, quarter, line, data, _expected(payload.expected)))
