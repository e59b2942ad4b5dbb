"""Pages: the list of agency-years and the agency-year dashboard."""

from __future__ import annotations

from django.contrib.auth.views import redirect_to_login
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext

from sakip import figures
from sakip.documents.views import download_links
from sakip.monitoring.models import PerformanceReport
from sakip.organisations.models import Agency
from sakip.planning.models import WorkPlan
from sakip.web import access, datacache


def home(request: HttpRequest) -> HttpResponse:
    """Agency-years the visitor may open: published ones for everybody, more after login."""
    internal = set(access.visible_agencies(request.user).values_list("id", flat=True))
    years: dict[int, set[int]] = {}
    for agency_id, year in WorkPlan.objects.values_list("agency_id", "year"):
        if agency_id in internal:
            years.setdefault(agency_id, set()).add(year)
    for agency_id, year, published in PerformanceReport.objects.values_list(
        "agency_id", "year", "published_at"
    ):
        if agency_id in internal or published is not None:
            years.setdefault(agency_id, set()).add(year)
    agencies = Agency.objects.select_related("region").filter(id__in=years).order_by(
        "region__name", "name"
    )
    entries = [(a, sorted(years[a.id], reverse=True)) for a in agencies]
    return render(request, "web/home.html", {"entries": entries})


def dashboard(request: HttpRequest, agency_code: str, year: int) -> HttpResponse:
    agency = get_object_or_404(Agency.objects.select_related("region"), code=agency_code)
    if not access.can_view(request.user, agency, year):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        raise Http404(gettext("Data ini tidak tersedia untuk akun Anda. Masuk dengan akun perangkat daerah ini, atau "
              "minta admin pemerintah daerah menambahkan peran Anda."))
    ay = datacache.load(agency, year)
    # The page body is rendered once per loaded agency-year ({% memo %} in the template): the
    # figures are computed only when it is rendered (SimpleLazyObject).
    context = {
        "ay": ay,
        "internal": access.sees_internal(request.user, agency),
        "summary": SimpleLazyObject(lambda: figures.indicator_summary(ay)),
        "budget_rows": SimpleLazyObject(lambda: figures.budget_rows(ay)),
        "low_absorption": SimpleLazyObject(lambda: figures.low_absorption(ay)),
        "scale": SimpleLazyObject(lambda: figures.achievement_scale(ay)),
        "budget_version_label": SimpleLazyObject(
            lambda: _version_label(ay.work_plan.budget_version if ay.work_plan else None)),
        "downloads": SimpleLazyObject(lambda: download_links(ay)),
    }
    return render(request, "web/dashboard.html", context)


def _version_label(version: str | None) -> str:
    from sakip.planning.models import BudgetVersion

    if version is None:
        return ""
    return str(BudgetVersion(version).label)


def not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    """The 404 page (settings DEBUG off): our views' Indonesian reason when they gave one;
    Django's own English messages (unknown URL, get_object_or_404) become a generic sentence."""
    from django.urls import Resolver404

    reason = ""
    if exception is not None and not isinstance(exception, Resolver404):
        text = str(exception)
        if text and "matches the given query" not in text:
            reason = text
    return render(request, "404.html", {"reason": reason, "request_path": request.path},
                  status=404)
