"""Downloads of the generated documents on the web:
/pd/<agency_code>/<year>/dokumen/<kind>.<fmt>[?triwulan=N][&versi=original|revised].

The same path as `sakip report` (sakip.documents.service): look up the kind, check the
options, load the agency-year, build, render. Who may download is who may see the
agency-year (sakip.web.access.can_view): the public only published years.
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import quote

from django.conf import settings
from django.contrib.auth.views import redirect_to_login
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBadRequest
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext

from sakip import dataset
from sakip.common.errors import UserError
from sakip.documents import service
from sakip.documents.registry import Options, kinds
from sakip.documents.render import FORMATS, MEDIA_TYPES
from sakip.organisations.models import Agency
from sakip.web import access

QUARTERS = ("I", "II", "III", "IV")


def _int_or_none(text: str | None) -> int | None:
    if text in (None, ""):
        return None
    try:
        return int(text)
    except ValueError:
        return -1  # refused by check_options with a clear message


def download(request: HttpRequest, agency_code: str, year: int, kind: str, fmt: str) -> HttpResponse:
    agency = get_object_or_404(Agency.objects.select_related("region"), code=agency_code)
    if not access.can_view(request.user, agency, year):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        raise Http404(gettext("Data ini tidak tersedia untuk akun Anda. Masuk dengan akun perangkat daerah ini, atau "
              "minta admin pemerintah daerah menambahkan peran Anda."))
    try:
        document_kind = service.document_kind(kind)
    except UserError as exc:
        raise Http404(exc.text()) from exc
    options = Options(quarter=_int_or_none(request.GET.get("triwulan")),
                      version=request.GET.get("versi") or None)
    try:
        service.check_options(document_kind, fmt, options)
    except UserError as exc:
        return HttpResponseBadRequest(exc.text(), content_type="text/plain; charset=utf-8")
    ay = dataset.load_agency(agency, year)
    with translation.override(settings.LANGUAGE_CODE):  # official documents: always Indonesian
        generated = service.generate(kind, ay, fmt, options)
    name = service.file_name(kind, ay, fmt, options)
    response = HttpResponse(generated.data, content_type=MEDIA_TYPES[fmt])
    ascii_name = name.encode("ascii", "ignore").decode() or f"dokumen.{fmt}"
    response["Content-Disposition"] = (
        f'attachment; filename="{ascii_name}"; filename*=UTF-8\'\'{quote(name)}'
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response


@dataclass(frozen=True)
class DownloadLink:
    title: str
    fmt: str
    url: str


@dataclass(frozen=True)
class DownloadGroup:
    title: str
    links: list[DownloadLink]


def download_links(ay: dataset.AgencyYear) -> list[DownloadGroup]:
    """Every registered document kind × format for the dashboard's "Unduh dokumen" list
    (per quarter for quarterly documents, per version for the PK)."""
    groups = []
    for key, kind in sorted(kinds().items(), key=lambda item: item[1].title):
        variants: list[tuple[str, str]] = [("", "")]
        if kind.needs_quarter:
            variants = [(f" — Triwulan {QUARTERS[q - 1]}", f"?triwulan={q}") for q in (1, 2, 3, 4)]
        elif key == "pk" and len(ay.agreements) > 1:
            variants = [(" (awal)", "?versi=original"), (" Perubahan", "?versi=revised")]
        for suffix, query in variants:
            links = [
                DownloadLink(kind.title + suffix, fmt, reverse(
                    "document-download",
                    kwargs={"agency_code": ay.agency.code, "year": ay.year, "kind": key, "fmt": fmt},
                ) + query)
                for fmt in kind.formats if fmt in FORMATS
            ]
            groups.append(DownloadGroup(kind.title + suffix, links))
    return groups
