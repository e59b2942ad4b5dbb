"""The Renstra's money for the whole period per program / kegiatan / sub kegiatan
(planning.RenstraFunding): column 6 (Rp) of the quarterly Renja evaluation.

One page lists the lines of the year's work plan (and any code of the Renstra that is no longer
in it) with the stated amount and the figure the evaluation will use (sakip.rules.renja: the
stated amount, else the sum of the children). One save stores every changed row in one
transaction, or nothing: each row carries the amount the person started from and a row changed
by somebody else meanwhile is refused by name. Governed by the lock of the year's Renja, like
the rest of the Renstra editor."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext
from django.views.decorators.http import require_http_methods

from sakip.common.errors import UserError
from sakip.editors.common import (
    ABSENT,
    Page,
    agency_year,
    as_text,
    check_fresh,
    read_money,
    require_edit,
)
from sakip.planning.models import RenstraFunding, StrategicPlan, WorkPlanLine
from sakip.rules import renja as rules_renja
from sakip.rules.numbers import Figure
from sakip.workflow.history import audit_context


@dataclass
class FundingRow:
    code: str
    name: str
    level: int
    depth: int
    stated: int | None
    original: str
    children: list[FundingRow] = field(default_factory=list)
    used: Figure = Figure(None, rules_renja.NO_RENSTRA_MONEY)
    typed: str | None = None
    error: str = ""

    @property
    def shown(self) -> str:
        from sakip.editors.templatetags.editors_format import isian_uang

        return self.typed if self.typed is not None else isian_uang(self.stated)


def _plan(page: Page) -> StrategicPlan | None:
    return StrategicPlan.objects.filter(
        agency=page.agency, start_year__lte=page.year, end_year__gte=page.year
    ).first()


def build_rows(plan: StrategicPlan, year: int) -> list[FundingRow]:
    """The work plan's tree of the year (then stored codes outside it), with the figures."""
    stored = {f.code: f for f in RenstraFunding.objects.filter(strategic_plan=plan)}
    lines = list(WorkPlanLine.objects.filter(work_plan__agency_id=plan.agency_id, work_plan__year=year)
                 .order_by("order", "code").values_list("id", "parent_id", "code", "name", "level"))
    rows: dict[int, FundingRow] = {}
    roots: list[FundingRow] = []
    for line_id, _parent, code, name, level in lines:
        found = stored.get(code)
        rows[line_id] = FundingRow(code, name, level, 0, found.amount if found else None,
                                   as_text(found.amount) if found else ABSENT)
    for line_id, parent_id, *_ in lines:
        if parent_id in rows:
            rows[parent_id].children.append(rows[line_id])
        else:
            roots.append(rows[line_id])

    def visit(row: FundingRow, depth: int) -> Figure:
        row.depth = depth
        parts = [(child.code, visit(child, depth + 1)) for child in row.children]
        row.used = rules_renja.renstra_money(row.stated, parts or None)
        return row.used

    ordered: list[FundingRow] = []

    def flatten(row: FundingRow) -> None:
        ordered.append(row)
        for child in row.children:
            flatten(child)

    for root in roots:
        visit(root, 0)
        flatten(root)
    in_plan = {r.code for r in ordered}
    for code in sorted(set(stored) - in_plan):
        extra = FundingRow(code, gettext("(tidak ada pada Renja tahun ini)"), 0, 0, stored[code].amount,
                           as_text(stored[code].amount))
        extra.used = rules_renja.renstra_money(extra.stated)
        ordered.append(extra)
    return ordered


@require_http_methods(["GET", "POST"])
def funding(request: HttpRequest, agency_code: str, year: int) -> HttpResponse:
    page = agency_year(request, agency_code, year, "renja")
    plan = _plan(page)
    rows = build_rows(plan, year) if plan else []
    error = ""
    if request.method == "POST" and plan is not None:
        require_edit(page)
        by_code = {r.code: r for r in rows}
        problems: list[str] = []
        try:
            with transaction.atomic(), audit_context(
                request.user, reason=f"Renstra {agency_code}: pagu akhir periode disunting"
            ):
                for code, row in by_code.items():
                    key = f"amount_{code}"
                    if key not in request.POST:
                        continue
                    row.typed = request.POST[key].strip()
                    where = gettext("Pagu akhir periode %(code)s") % {"code": code}
                    try:
                        amount = read_money(row.typed, where)
                        stored = RenstraFunding.objects.filter(strategic_plan=plan, code=code).first()
                        original = request.POST.get(f"orig_{code}", ABSENT)
                        check_fresh(stored, {"__row__": ABSENT} if original == ABSENT
                                    else {"amount": original}, where)
                        if stored is None and original != ABSENT:
                            raise UserError(gettext("%(where)s telah dihapus oleh pengguna lain sejak Anda "
                                                    "membuka halaman.") % {"where": where},
                                            hint=gettext("Muat ulang halaman."))
                        if amount is None:
                            if stored is not None:
                                stored.delete()
                        elif stored is None:
                            RenstraFunding.objects.create(strategic_plan=plan, code=code, amount=amount)
                        elif stored.amount != amount:
                            stored.amount = amount
                            stored.save()
                    except UserError as exc:
                        row.error = exc.text()
                        problems.append(row.error)
                if problems:
                    raise UserError(gettext("Belum tersimpan: %(n)s baris perlu diperbaiki.") % {"n": len(problems)})
            return redirect(reverse("editors:renstra_funding", args=[agency_code, year]) + "?tersimpan=1")
        except UserError as exc:
            error = exc.text()
    context = page.context() | {
        "active": "renstra", "plan": plan, "rows": rows, "error": error,
        "saved": request.GET.get("tersimpan") == "1" and not error,
        "missing": sum(1 for r in rows if r.used.value is None),
    }
    return render(request, "editors/renstra_funding.html", context, status=400 if error else 200)
