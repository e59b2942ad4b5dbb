"""Perjanjian Kinerja editor: the agreement's date, place, parties and budget version; which
sasaran indicators it lists with their targets; which programs it lists (their money is
computed from the chosen budget version, sakip.rules.budget). A revision (PK Perubahan) is a
copy saved as a second agreement: the original stays as it was signed."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext
from django.views.decorators.http import require_http_methods, require_POST

from sakip.common.budget_versions import FORECAST
from sakip.common.errors import UserError
from sakip.editors.common import (
    ABSENT,
    Page,
    agency_year,
    as_text,
    check_fresh,
    read_decimal,
    require_edit,
)
from sakip.planning.models import (
    AgreementItem,
    AgreementProgram,
    BudgetAllocation,
    BudgetVersion,
    Indicator,
    IndicatorTarget,
    Level,
    PerformanceAgreement,
    TargetKind,
    WorkPlanLine,
)
from sakip.rules.budget import total_amounts
from sakip.workflow.history import audit_context

Version = PerformanceAgreement.Version
HEADER_FIELDS = ["signed_on", "place", "first_party_id", "second_party_id", "budget_version"]



def _indonesian(label: object) -> str:
    """A choice label as stored in the audit trail: always Indonesian."""
    from django.utils import translation

    with translation.override("id"):
        return str(label)

def _page(request: HttpRequest, agency_code: str, year: int) -> Page:
    return agency_year(request, agency_code, year, "pk")


def _url(page: Page, version: str) -> str:
    return reverse("editors:agreement", args=[page.agency.code, page.year]) + f"?versi={version}"


def _indicators(page: Page) -> list[Indicator]:
    return list(Indicator.objects.filter(
        strategic_plan__agency=page.agency, strategic_plan__start_year__lte=page.year,
        strategic_plan__end_year__gte=page.year, subject__in=["goal", "objective"],
    ).select_related("objective", "goal").order_by("subject", "order", "id"))


def _programs(page: Page, version: str) -> list[dict[str, Any]]:
    """Program lines of the year's work plan with their money in `version` (Σ sub kegiatan)."""
    lines = list(WorkPlanLine.objects.filter(work_plan__agency=page.agency, work_plan__year=page.year))
    money = {a.line_id: a.amount for a in BudgetAllocation.objects.filter(
        line__in=[ln for ln in lines if ln.level == Level.SUB_ACTIVITY], version=version)}
    children: dict[int | None, list[WorkPlanLine]] = {}
    for ln in lines:
        children.setdefault(ln.parent_id, []).append(ln)

    def leaves(ln: WorkPlanLine) -> list[int]:
        if ln.level == Level.SUB_ACTIVITY:
            return [money[ln.pk]] if ln.pk in money else []
        return [a for child in children.get(ln.pk, []) for a in leaves(child)]

    found = []
    for ln in sorted((x for x in lines if x.level == Level.PROGRAM), key=lambda x: x.code):
        amounts = leaves(ln)
        found.append({"line": ln, "budget": total_amounts(amounts) if amounts else None})
    return found


@require_http_methods(["GET", "POST"])
def editor(request: HttpRequest, agency_code: str, year: int) -> HttpResponse:
    page = _page(request, agency_code, year)
    agreements = {a.version: a for a in PerformanceAgreement.objects.filter(agency=page.agency, year=year)}
    version = request.GET.get("versi") or (Version.REVISED if Version.REVISED in agreements else Version.ORIGINAL)
    if version not in Version.values:
        raise Http404(gettext("Versi perjanjian kinerja tidak dikenal; buka PK dari menu “Perjanjian Kinerja”."))
    agreement = agreements.get(version)
    error = ""
    if request.method == "POST":
        require_edit(page)
        try:
            with transaction.atomic(), audit_context(
                request.user, reason=f"Perjanjian kinerja {year} ({_indonesian(Version(version).label)}) disunting"
            ):
                if agreement is None:
                    if version == Version.REVISED:
                        raise UserError(gettext("PK Perubahan dibuat dari PK awal dengan tombol “Buat PK Perubahan”."))
                    agreement = PerformanceAgreement.objects.create(
                        agency=page.agency, year=year, version=version)
                else:
                    _save(request, page, agreement)
            return redirect(_url(page, version))
        except UserError as exc:
            error = exc.text()
            agreement = PerformanceAgreement.objects.filter(agency=page.agency, year=year,
                                                            version=version).first()
    context = page.context() | {
        "active": "pk", "version": version, "versions": Version.choices, "agreements": agreements,
        "version_label": Version(version).label,
        "agreement": agreement, "error": error,
        "can_revise": Version.ORIGINAL in agreements and Version.REVISED not in agreements,
    }
    if agreement is not None:
        context |= _form_context(request, page, agreement, error)
    return render(request, "editors/agreement.html", context, status=400 if error else 200)


def _form_context(request: HttpRequest, page: Page, agreement: PerformanceAgreement,
                  error: str) -> dict[str, Any]:
    posted = request.POST if error else None
    items = {i.indicator_id: i for i in agreement.items.all()}
    targets = {t.indicator_id: t for t in IndicatorTarget.objects.filter(
        indicator__in=_indicators(page), year=page.year)}
    rows = []
    for ind in _indicators(page):
        item = items.get(ind.pk)
        plan_target = targets.get(ind.pk)
        value = item.target_value if item else (plan_target.value if plan_target else None)
        level = item.target_level if item else (plan_target.level if plan_target else "")
        from sakip.editors.templatetags.editors_format import isian_angka

        rows.append({
            "indicator": ind, "included": item is not None, "value": isian_angka(value),
            "level": level, "orig": ABSENT if item is None else f"{as_text(item.target_value)}|{item.target_level}",
            "owner": ind.objective or ind.goal,
        })
        if posted is not None:
            rows[-1] |= {"included": posted.get(f"item_{ind.pk}") == "on",
                         "value": posted.get(f"item_{ind.pk}_value", ""),
                         "level": posted.get(f"item_{ind.pk}_level", "")}
    listed = {p.code: p for p in agreement.programs.all()}
    programs = []
    for p in _programs(page, agreement.budget_version):
        chosen = listed.get(p["line"].code)
        programs.append(p | {"included": chosen is not None, "note": chosen.note if chosen else "",
                             "orig": ABSENT if chosen is None else chosen.note})
    officials = list(page.agency.officials.all())
    heads = list(page.agency.region.heads.all())
    return {
        "rows": rows, "programs": programs, "officials": officials, "heads": heads,
        "budget_versions": [(v, label) for v, label in BudgetVersion.choices if v != FORECAST],
        "header_orig": {f: as_text(getattr(agreement, f)) for f in HEADER_FIELDS},
        "total_budget": total_amounts(p["budget"] for p in programs if p["included"] and p["budget"] is not None),
    }


def _save(request: HttpRequest, page: Page, agreement: PerformanceAgreement) -> None:
    """Header, items and programs from one form; any wrong or stale field refuses all."""
    post = request.POST
    check_fresh(agreement, {f: post.get(f"orig_{f}", "") for f in HEADER_FIELDS}, str(agreement))
    signed = post.get("signed_on", "").strip()
    try:
        agreement.signed_on = dt.date.fromisoformat(signed) if signed else None
    except ValueError as exc:
        raise UserError(gettext("Tanggal “%(date)s” tidak terbaca.") % {"date": signed},
                        where=gettext("Tanggal"),
                        hint=gettext("Pilih tanggal dari kalender atau tulis TTTT-BB-HH.")) from exc
    agreement.place = post.get("place", "").strip()
    official = post.get("first_party", "")
    agreement.first_party = page.agency.officials.filter(pk=official).first() if official else None
    if official and agreement.first_party is None:
        raise UserError(gettext("Pihak pertama bukan pejabat perangkat daerah ini."))
    head = post.get("second_party", "")
    agreement.second_party = page.agency.region.heads.filter(pk=head).first() if head else None
    if head and agreement.second_party is None:
        raise UserError(gettext("Pihak kedua bukan kepala daerah ini."))
    version = post.get("budget_version", agreement.budget_version)
    if version not in BudgetVersion.values or version == FORECAST:
        raise UserError(gettext("Versi anggaran tidak dikenal."))
    agreement.budget_version = version
    agreement.save()

    items = {i.indicator_id: i for i in agreement.items.all()}
    problems = []
    for order, ind in enumerate(_indicators(page)):
        item = items.get(ind.pk)
        original = post.get(f"item_{ind.pk}_orig", ABSENT)
        if original == ABSENT:
            check_fresh(item, {"__row__": ABSENT}, gettext("Butir PK %(name)s") % {"name": ind.name})
        elif item is None:
            raise UserError(gettext("Butir PK “%(name)s” telah dihapus oleh pengguna lain.") % {"name": ind.name},
                            hint=gettext("Muat ulang halaman; perubahan Anda belum disimpan."))
        else:
            value_text, level_text = original.split("|", 1)
            check_fresh(item, {"target_value": value_text, "target_level": level_text},
                        gettext("Butir PK %(name)s") % {"name": ind.name})
        if post.get(f"item_{ind.pk}") != "on":
            if item is not None:
                item.delete()
            continue
        try:
            value = read_decimal(post.get(f"item_{ind.pk}_value", ""),
                                 gettext("Target “%(name)s”") % {"name": ind.name})
        except UserError as exc:
            problems.append(exc.text())
            continue
        level = post.get(f"item_{ind.pk}_level", "").strip()
        if ind.target_kind == TargetKind.ORDINAL and not level:
            problems.append(gettext("Target “%(name)s”: isi target tingkat (mis. %(scale)s).")
                            % {"name": ind.name, "scale": ind.ordinal_scale})
            continue
        if ind.target_kind != TargetKind.ORDINAL and value is None:
            problems.append(gettext("Target “%(name)s”: isi target angka.") % {"name": ind.name})
            continue
        if item is None:
            item = AgreementItem(agreement=agreement, indicator=ind, order=order)
        item.target_value = value if ind.target_kind != TargetKind.ORDINAL else None
        item.target_level = level if ind.target_kind == TargetKind.ORDINAL else ""
        item.save()
    listed = {p.code: p for p in agreement.programs.all()}
    for order, p in enumerate(_programs(page, agreement.budget_version)):
        code = p["line"].code
        chosen = listed.get(code)
        original = post.get(f"program_{code}_orig", ABSENT)
        if original == ABSENT:
            check_fresh(chosen, {"__row__": ABSENT}, gettext("Program PK %(code)s") % {"code": code})
        elif chosen is not None:
            check_fresh(chosen, {"note": original}, gettext("Program PK %(code)s") % {"code": code})
        if post.get(f"program_{code}") != "on":
            if chosen is not None:
                chosen.delete()
            continue
        if chosen is None:
            chosen = AgreementProgram(agreement=agreement, code=code, order=order)
        chosen.note = post.get(f"program_{code}_note", "").strip()
        chosen.save()
    if problems:
        raise UserError(" ".join(problems), hint=gettext("Tidak ada yang disimpan."))


@require_POST
def revise(request: HttpRequest, agency_code: str, year: int) -> HttpResponse:
    """Create the PK Perubahan as a copy of the original; the original is left untouched."""
    page = _page(request, agency_code, year)
    require_edit(page)
    with transaction.atomic(), audit_context(request.user, reason=f"PK Perubahan {year} dibuat"):
        original = PerformanceAgreement.objects.filter(
            agency=page.agency, year=year, version=Version.ORIGINAL).first()
        if original is None:
            raise Http404(gettext("Belum ada perjanjian kinerja awal untuk tahun ini. Isi dan simpan PK awal di "
                            "halaman Perjanjian Kinerja lebih dahulu, lalu buat PK Perubahan."))
        if PerformanceAgreement.objects.filter(agency=page.agency, year=year,
                                               version=Version.REVISED).exists():
            return redirect(_url(page, Version.REVISED))
        revised = PerformanceAgreement.objects.create(
            agency=page.agency, year=year, version=Version.REVISED, place=original.place,
            first_party=original.first_party, second_party=original.second_party,
            budget_version=original.budget_version,
        )
        for item in original.items.all():
            AgreementItem.objects.create(agreement=revised, indicator=item.indicator,
                                         target_value=item.target_value,
                                         target_level=item.target_level, order=item.order)
        for program in original.programs.all():
            AgreementProgram.objects.create(agreement=revised, code=program.code,
                                            note=program.note, order=program.order)
    return redirect(_url(page, Version.REVISED))
