"""Prose sections of a document: one textarea per section, saved one section at a time."""

from __future__ import annotations

import logging
from typing import Any

from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from sakip.common.errors import UserError
from sakip.editors.common import (
    ABSENT,
    agency_year,
    as_text,
    check_fresh,
    last_changes,
    require_edit,
)
from sakip.editors.drafts import Draft, drafts
from sakip.editors.sections import SECTIONS, sections_for
from sakip.organisations.models import Agency
from sakip.planning.models import Goal, Narrative
from sakip.web import datacache
from sakip.workflow.history import audit_context

logger = logging.getLogger(__name__)

DOCUMENT_TITLES = {"renja": "Renja", "lkjip": "LKjIP"}


def _goal_statements(agency_id: int, year: int) -> list[str]:
    """The tujuan of the Renstra covering the year, in Renstra order (LKjIP "sasaran.N")."""
    return list(
        Goal.objects.filter(
            strategic_plan__agency_id=agency_id,
            strategic_plan__start_year__lte=year,
            strategic_plan__end_year__gte=year,
        ).order_by("order", "number").values_list("statement", flat=True)
    )


def _drafts(agency: Agency, year: int, document: str, keys: list[str],
            empty: list[str]) -> dict[str, Draft]:
    """What the document drafts for the empty sections (sakip.editors.drafts): two builds of
    the document, so only when some section is empty."""
    if not empty:
        return {}
    ay = datacache.load(agency, year)
    try:
        # Kept with the loaded agency-year: recomputed only after its data changed.
        found = datacache.memo(ay, ("prose-drafts", document, tuple(keys)),
                               lambda: drafts(ay, document, keys))
    except Exception:  # a builder failing on odd data must not take the editor down with it
        logger.exception("drafting %s %s %s for the prose editor failed", document, agency.code, year)
        return {}
    return {k: d for k, d in found.items() if k in empty}


@require_http_methods(["GET", "POST"])
def narratives(request: HttpRequest, agency_code: str, year: int, document: str) -> HttpResponse:
    if document not in SECTIONS:
        raise Http404(_("Dokumen narasi tidak dikenal; pilih Narasi Renja atau Narasi LKjIP dari "
              "menu penyuntingan."))
    page = agency_year(request, agency_code, year, document)
    stored = {
        n.section: n for n in Narrative.objects.filter(agency=page.agency, year=year, document=document)
    }
    sections = sections_for(document, _goal_statements(page.agency.pk, year), list(stored))
    errors: dict[str, str] = {}
    saved: str | None = None
    posted: dict[str, str] = {}
    if request.method == "POST":
        require_edit(page)
        key = request.POST.get("section", "")
        if key not in {s.key for s in sections}:
            raise Http404(_("Bagian narasi tidak dikenal; buka halaman narasi dokumennya dan pilih "
                  "bagian dari daftar."))
        text = request.POST.get("text", "").replace("\r\n", "\n")
        posted[key] = text
        try:
            with transaction.atomic(), audit_context(
                request.user, reason=f"Narasi {DOCUMENT_TITLES[document]} {year} §{key}"
            ):
                current = Narrative.objects.filter(
                    agency=page.agency, year=year, document=document, section=key
                ).first()
                original = request.POST.get("orig_text", "").replace("\r\n", "\n")
                sent = {"__row__": ABSENT} if original == ABSENT else {"text": original}
                check_fresh(current, sent, _("Bagian %(key)s") % {"key": key})
                if current is None:
                    current = Narrative(agency=page.agency, year=year, document=document, section=key)
                current.text = text
                current.save()
                stored[key] = current
                saved = key
                posted.pop(key)
        except UserError as exc:
            errors[key] = exc.text()
    who = last_changes(Narrative, [n.pk for n in stored.values()])
    empty = [s.key for s in sections if not (stored[s.key].text.strip() if s.key in stored else "")]
    partial = request.method == "POST" and request.headers.get("HX-Request")
    if partial:
        empty = [k for k in empty if k in (saved, *errors)]
    found = _drafts(page.agency, year, document, [s.key for s in sections], empty)
    rows: list[dict[str, Any]] = []
    for s in sections:
        n = stored.get(s.key)
        rows.append({
            "section": s,
            "text": posted.get(s.key, n.text if n else ""),
            "original": as_text(n.text) if n else ABSENT,
            "error": errors.get(s.key, ""),
            "saved": saved == s.key,
            "updated_at": n.updated_at if n else None,
            "changed_by": who.get(n.pk, "") if n else "",
            "draft": found.get(s.key),
        })
    context = page.context() | {"rows": rows, "title": DOCUMENT_TITLES[document],
                                 "doc_key": document, "active": f"narasi-{document}"}
    if partial:
        row = next(r for r in rows if r["section"].key in (saved, *errors))
        return render(request, "editors/_narrative_section.html", context | {"row": row})
    return render(request, "editors/narratives.html", context, status=400 if errors else 200)
