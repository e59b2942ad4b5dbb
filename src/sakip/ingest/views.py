"""`sakip check` in the browser: /periksa/ (login required). The uploaded document is read in
a private temporary directory that is removed at once; it is never kept, and never placed
under the static or media folders."""

from __future__ import annotations

import re
import tempfile
from pathlib import Path

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from sakip.common.errors import UserError
from sakip.ingest.readers import FORMATS

MAX_UPLOAD = 20 * 1024 * 1024
ALLOWED = sorted(FORMATS)


@login_required
def check_upload(request: HttpRequest) -> HttpResponse:
    context: dict[str, object] = {"allowed": ", ".join(ALLOWED), "max_mb": MAX_UPLOAD // (1024 * 1024),
                                  "max_bytes": MAX_UPLOAD}
    if request.method != "POST":
        return render(request, "ingest/periksa.html", context)
    upload = request.FILES.get("berkas")
    error = ""
    status = 400
    suffix = Path(upload.name or "").suffix.lower() if upload is not None else ""
    if upload is None:
        error = _("Pilih berkas dokumen (Renja atau LKjIP) yang akan diperiksa.")
    elif suffix not in FORMATS:
        error = _("Jenis berkas '%(suffix)s' tidak didukung. Pakai salah satu: %(allowed)s.") % {
            "suffix": suffix or _("tanpa akhiran"), "allowed": context["allowed"]}
    elif upload.size is None or upload.size > MAX_UPLOAD:
        error = _("Berkas terlalu besar (batas %(mb)s MB). Pisahkan dokumen lalu ulangi.") % {
            "mb": context["max_mb"]}
        status = 413
    elif upload.size == 0:
        error = _("Berkas kosong. Pilih dokumen yang berisi.")
    if error or upload is None:
        context["error"] = error
        return render(request, "ingest/periksa.html", context, status=status)

    from sakip.ingest.checks import ERROR, check_document
    from sakip.ingest.readers import read_document
    from sakip.ingest.report import RULE_LABELS

    safe = re.sub(r"[^A-Za-z0-9._-]+", "_", Path(upload.name or "dokumen").name)[:80] or "dokumen"
    with tempfile.TemporaryDirectory(prefix="sakip-periksa-") as folder:
        path = Path(folder) / safe
        with path.open("wb") as handle:
            for chunk in upload.chunks():
                handle.write(chunk)
        try:
            report = check_document(read_document(path))
        except UserError as exc:
            context["error"] = exc.message + (f" {exc.hint}" if exc.hint else "")
            return render(request, "ingest/periksa.html", context, status=400)
    findings = sorted(report.findings, key=lambda f: (f.severity != ERROR, f.table, f.where))
    context.update(
        {
            "name": Path(upload.name or "").name,
            "report": report,
            "findings": [(f, RULE_LABELS.get(f.rule, f.rule)) for f in findings],
            "tables": report.tables,
        }
    )
    return render(request, "ingest/periksa.html", context)
