"""The cycle of an agency-year's documents on the web: statuses, the moves the user may make,
the history of each document, and publishing a final LKjIP."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext
from django.views.decorators.http import require_POST

from sakip.common.errors import UserError
from sakip.monitoring.models import PerformanceReport
from sakip.organisations.models import Agency
from sakip.web import access
from sakip.workflow import transitions
from sakip.workflow.history import audit_context
from sakip.workflow.models import DocumentStatus, StatusEvent

Doc = DocumentStatus.Document

#: The documents of an agency-year, in the order of the cycle.
DOCUMENTS: list[tuple[str, int]] = [
    (Doc.RENJA, 0), (Doc.PK, 0),
    (Doc.REALISATION, 1), (Doc.REALISATION, 2), (Doc.REALISATION, 3), (Doc.REALISATION, 4),
    (Doc.LKJIP, 0),
]
ROMAN = {1: "I", 2: "II", 3: "III", 4: "IV"}


def document_label(document: str, quarter: int) -> str:
    if document == Doc.REALISATION:
        return gettext("Realisasi triwulan %(quarter)s") % {"quarter": ROMAN[quarter]}
    return str(Doc(document).label)


@dataclass
class DocumentRow:
    document: str
    quarter: int
    label: str
    status: DocumentStatus
    actions: list[transitions.Action]
    events: list[StatusEvent]

    @property
    def needs_comment(self) -> bool:
        return any(a.needs_comment for a in self.actions)


def document_rows(user: Any, agency: Agency, year: int,
                  only: list[tuple[str, int]] | None = None) -> list[DocumentRow]:
    stored = {
        (s.document, s.quarter): s
        for s in DocumentStatus.objects.filter(agency=agency, year=year)
    }
    events: dict[int, list[StatusEvent]] = {}
    for event in StatusEvent.objects.filter(status__in=list(stored.values())).select_related("user"):
        events.setdefault(event.status_id, []).append(event)
    rows = []
    for document, quarter in only or DOCUMENTS:
        status = stored.get((document, quarter)) or DocumentStatus(
            agency=agency, year=year, document=document, quarter=quarter
        )
        rows.append(DocumentRow(
            document=document, quarter=quarter, label=document_label(document, quarter),
            status=status, actions=transitions.allowed_actions(user, status),
            events=events.get(status.pk, []) if status.pk else [],
        ))
    return rows


def internal_agency(request: HttpRequest, agency_code: str) -> Agency | HttpResponse:
    """The agency when the user may see its internal data; a login redirect or 404 otherwise."""
    agency = get_object_or_404(Agency.objects.select_related("region"), code=agency_code)
    if not access.sees_internal(request.user, agency):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        raise Http404(gettext("Data ini tidak tersedia untuk akun Anda. Masuk dengan akun perangkat daerah ini, atau "
              "minta admin pemerintah daerah menambahkan peran Anda."))
    return agency


def cycle(request: HttpRequest, agency_code: str, year: int) -> HttpResponse:
    found = internal_agency(request, agency_code)
    if isinstance(found, HttpResponse):
        return found
    agency = found
    report = PerformanceReport.objects.filter(agency=agency, year=year).first()
    rows = document_rows(request.user, agency, year)
    lkjip = next(r for r in rows if r.document == Doc.LKJIP)
    context = {
        "agency": agency, "year": year, "rows": rows, "report": report,
        "can_publish": (
            lkjip.status.state == DocumentStatus.State.FINAL
            and not (report and report.is_published)
            and access.may_publish(request.user, agency)
        ),
    }
    return render(request, "web/cycle.html", context)


def _back(request: HttpRequest, default: str) -> HttpResponseRedirect:
    target = request.POST.get("next") or ""
    if not url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()},
                                           require_https=request.is_secure()):
        target = default
    return HttpResponseRedirect(target)


@require_POST
def move(request: HttpRequest, agency_code: str, year: int) -> HttpResponse:
    found = internal_agency(request, agency_code)
    if isinstance(found, HttpResponse):
        return found
    agency = found
    back = _back(request, reverse("cycle", args=[agency.code, year]))
    document = request.POST.get("document", "")
    try:
        quarter = int(request.POST.get("quarter") or 0)
    except ValueError:
        quarter = -1
    if (document, quarter) not in DOCUMENTS:
        messages.error(request, gettext("Dokumen yang dipilih tidak dikenal; muat ulang halaman."))
        return back
    label = document_label(document, quarter)
    try:
        event = transitions.move(
            request.user, agency, year, document, request.POST.get("action", ""),
            comment=request.POST.get("comment", ""), quarter=quarter,
            expected_state=request.POST.get("expected_state") or None,
        )
    except UserError as refused:
        messages.error(request, refused.text())
        return back
    messages.success(
        request, f"{label} {year}: {event.get_from_state_display()} → {event.get_to_state_display()}."
    )
    return back


@require_POST
def publish(request: HttpRequest, agency_code: str, year: int) -> HttpResponse:
    found = internal_agency(request, agency_code)
    if isinstance(found, HttpResponse):
        return found
    agency = found
    back = _back(request, reverse("cycle", args=[agency.code, year]))
    if not access.may_publish(request.user, agency):
        messages.error(request, gettext("Hanya kepala perangkat daerah atau admin daerah yang dapat "
                                        "mempublikasikan LKjIP."))
        return back
    if transitions.status_of(agency, year, Doc.LKJIP).state != DocumentStatus.State.FINAL:
        messages.error(request, gettext("LKjIP %(year)s belum final; setujui dan kunci dahulu "
                                        "sebelum dipublikasikan.") % {"year": year})
        return back
    with transaction.atomic(), audit_context(request.user, reason=f"Publikasi LKjIP {year}"):
        report, _ = PerformanceReport.objects.select_for_update().get_or_create(
            agency=agency, year=year
        )
        if report.is_published:
            messages.info(request, gettext("LKjIP %(year)s sudah dipublikasikan.") % {"year": year})
            return back
        report.published_at = timezone.now()
        report.save()
    messages.success(request, gettext("LKjIP %(year)s dipublikasikan; dasbor kini dapat dibuka "
                                      "publik.") % {"year": year})
    return back
