"""Pages of the XLSX round trip: download, upload → preview of changes, apply."""

from __future__ import annotations

import base64
import uuid

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from sakip.common.errors import UserError
from sakip.editors import workbook
from sakip.editors.common import Page, agency_year, require_edit
from sakip.monitoring.models import Period
from sakip.web import access

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
SESSION_KEY = "editors_uploads"


def _kind(request: HttpRequest, agency_code: str, year: int, key: str,
          quarter: int) -> tuple[Page, workbook.Kind]:
    if key not in workbook.KINDS:
        raise Http404(_("Jenis buku kerja tidak dikenal; pilih buku kerja dari halaman Excel."))
    if key == "realisasi" and quarter not in (1, 2, 3, 4):
        raise Http404(_("Triwulan harus 1–4; pilih triwulan dari halaman Excel."))
    if key == "renja":
        quarter = 0
    cls = workbook.KINDS[key]
    page = agency_year(request, agency_code, year, cls.document, quarter)
    return page, cls(page.agency, year, quarter)


def _context(request: HttpRequest, page: Page) -> dict[str, object]:
    """The page, with whether the plan and each quarter may be uploaded by this user."""
    quarters = [
        (q, Period(q).label, access.can_edit(request.user, page.agency, page.year, "realisation", q))
        for q in (1, 2, 3, 4)
    ]
    plan_editable = access.can_edit(request.user, page.agency, page.year, "renja")
    return page.context() | {"active": "xlsx", "quarters": quarters,
                             "plan_editable": plan_editable,
                             "realisation_editable": any(q[2] for q in quarters),
                             "any_editable": plan_editable or any(q[2] for q in quarters),
                             "max_bytes": workbook.MAX_UPLOAD_BYTES,
                             "max_mb": workbook.MAX_UPLOAD_BYTES // 1024 // 1024}


@require_GET
def index(request: HttpRequest, agency_code: str, year: int) -> HttpResponse:
    page = agency_year(request, agency_code, year, "renja")
    return render(request, "editors/workbook.html", _context(request, page))


@require_GET
def download(request: HttpRequest, agency_code: str, year: int, key: str,
             quarter: int = 0) -> HttpResponse:
    page, kind = _kind(request, agency_code, year, key, quarter)
    try:
        data = workbook.build(kind)
    except UserError as exc:
        return render(request, "editors/workbook.html",
                      _context(request, page) | {"error": exc.text()}, status=400)
    response = HttpResponse(data, content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="{kind.filename}"'
    response["X-Content-Type-Options"] = "nosniff"
    return response


@require_http_methods(["POST"])
def upload(request: HttpRequest, agency_code: str, year: int) -> HttpResponse:
    """Check an uploaded workbook and show what would change; nothing is saved yet."""
    key = request.POST.get("kind", "")
    try:
        quarter = int(request.POST.get("quarter") or 0)
    except ValueError as exc:
        raise Http404(_("Triwulan tidak dikenal; pilih triwulan dari halaman Excel.")) from exc
    page, kind = _kind(request, agency_code, year, key, quarter)
    require_edit(page)
    context = _context(request, page) | {"kind": kind}
    upload = request.FILES.get("file")
    if upload is None:
        return render(request, "editors/workbook.html",
                      context | {"error": _("Pilih berkas .xlsx yang akan diunggah.")}, status=400)
    if upload.size is not None and upload.size > workbook.MAX_UPLOAD_BYTES:
        return render(request, "editors/workbook.html", context | {
            "error": _("Berkas terlalu besar (%(kb)s KB; batas %(mb)s MB). Tidak ada yang disimpan; "
                       "hapus baris atau lembar yang tidak perlu, lalu unggah lagi.") % {
                "kb": upload.size // 1024, "mb": workbook.MAX_UPLOAD_BYTES // 1024 // 1024}},
            status=413)
    data = upload.read()
    try:
        reading = workbook.read(kind, data)
    except UserError as exc:
        return render(request, "editors/workbook.html", context | {"error": exc.text()}, status=400)
    token = ""
    if reading.ok and reading.changes:
        token = uuid.uuid4().hex
        stored = request.session.get(SESSION_KEY, {})
        stored = {token: {"kind": kind.key, "quarter": kind.quarter,
                          "data": base64.b64encode(data).decode("ascii")}}  # keep only the last
        request.session[SESSION_KEY] = stored
    return render(request, "editors/workbook_preview.html",
                  context | {"reading": reading, "token": token, "filename": upload.name},
                  status=200 if reading.ok else 400)


@require_POST
def apply(request: HttpRequest, agency_code: str, year: int) -> HttpResponse:
    agency_year(request, agency_code, year, "renja")  # login and visibility first
    token = request.POST.get("token", "")
    stored = request.session.get(SESSION_KEY, {}).get(token)
    if stored is None:
        raise Http404(_("Unggahan tidak ditemukan atau sudah diterapkan; unggah ulang berkasnya."))
    page, kind = _kind(request, agency_code, year, stored["kind"], stored["quarter"])
    require_edit(page)
    data = base64.b64decode(stored["data"])
    try:
        reading = workbook.apply(kind, data, request.user)
    except UserError as exc:
        return render(request, "editors/workbook.html", _context(request, page) | {"error": exc.text()},
                      status=400)
    if reading.ok:
        request.session[SESSION_KEY] = {}
    return render(request, "editors/workbook_preview.html", _context(request, page) | {
        "kind": kind, "reading": reading, "applied": reading.ok, "token": ""},
        status=200 if reading.ok else 409)
