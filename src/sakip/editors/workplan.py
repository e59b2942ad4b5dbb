"""Work plan (Renja) editor: the program → kegiatan → sub kegiatan tree from the nomenclature,
a grid of money per budget version, forecast, location, funding source and notes, and the
targets of the lines' indicators. Parents' totals are sums of sub kegiatan (sakip.rules.budget)
computed here on every save and on every keystroke (a preview, nothing saved)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from django.db import transaction
from django.db.models import Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext
from django.views.decorators.gzip import gzip_page
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from sakip.common.budget_versions import FORECAST, REVISED_VERSIONS, VERSIONS
from sakip.common.errors import UserError
from sakip.editors.common import (
    ABSENT,
    Page,
    agency_year,
    as_text,
    check_fresh,
    read_decimal,
    read_money,
    require_edit,
)
from sakip.planning.models import (
    BudgetAllocation,
    BudgetVersion,
    Indicator,
    IndicatorTarget,
    Level,
    NomenclatureEdition,
    NomenclatureEntry,
    WorkPlan,
    WorkPlanLine,
)
from sakip.rules.budget import total_amounts
from sakip.rules.codes import CodeError, normalise_code
from sakip.workflow.history import audit_context

LINE_FIELDS = ("location", "funding_source", "notes")
#: With a budget version after the revision shown (REVISED_VERSIONS), the indicator rows edit
#: the revised (perubahan) target; with any other, the original one.
CODED_SUBJECTS = {
    Level.PROGRAM: Indicator.Subject.PROGRAM,
    Level.ACTIVITY: Indicator.Subject.ACTIVITY,
    Level.SUB_ACTIVITY: Indicator.Subject.SUB_ACTIVITY,
}


@dataclass
class Row:
    line: WorkPlanLine
    depth: int
    children: list[Row] = field(default_factory=list)
    amounts: dict[str, int | None] = field(default_factory=dict)  # computed or stored
    originals: dict[str, str] = field(default_factory=dict)
    indicators: list[dict[str, Any]] = field(default_factory=list)
    typed: dict[str, str] = field(default_factory=dict)
    error: str = ""
    saved: bool = False

    @property
    def is_leaf(self) -> bool:
        return self.line.level == Level.SUB_ACTIVITY

    def walk(self) -> Iterator[Row]:
        yield self
        for child in self.children:
            yield from child.walk()

    def leaves(self) -> Iterator[Row]:
        return (r for r in self.walk() if r.is_leaf)


@dataclass
class Grid:
    work_plan: WorkPlan
    version: str
    roots: list[Row]
    by_id: dict[int, Row]
    grand: dict[str, int | None]

    @property
    def columns(self) -> list[str]:
        return [self.version, FORECAST]

    def rows(self) -> Iterator[Row]:
        for root in self.roots:
            yield from root.walk()

    def ancestors(self, row: Row) -> list[Row]:
        found = []
        parent_id = row.line.parent_id
        while parent_id is not None and parent_id in self.by_id:
            found.append(self.by_id[parent_id])
            parent_id = self.by_id[parent_id].line.parent_id
        return found


def chosen_version(request: HttpRequest) -> str:
    version = request.GET.get("versi") or request.POST.get("versi") or "apbd"
    if version not in VERSIONS:
        raise Http404(gettext("Versi pagu tidak dikenal; pilih versi dari daftar “Versi pagu” di "
                              "halaman Renja."))
    return version


def build_grid(work_plan: WorkPlan, version: str, year: int,
               overrides: dict[int, dict[str, int | None]] | None = None) -> Grid:
    """The tree with money of `version` and the forecast; `overrides` replaces stored amounts
    of some sub kegiatan (typed but not saved) for the totals preview."""
    lines = list(work_plan.lines.all().order_by("order", "code"))
    rows = {line.pk: Row(line, 0) for line in lines}
    roots: list[Row] = []
    for line in lines:
        row = rows[line.pk]
        if line.parent_id and line.parent_id in rows:
            rows[line.parent_id].children.append(row)
        else:
            roots.append(row)

    def set_depth(row: Row, depth: int) -> None:
        row.depth = depth
        for child in row.children:
            set_depth(child, depth + 1)

    for root in roots:
        set_depth(root, 0)
    columns = [version, FORECAST]
    stored: dict[tuple[int, str], BudgetAllocation] = {
        (a.line_id, a.version): a
        for a in BudgetAllocation.objects.filter(line__work_plan=work_plan, version__in=columns)
    }
    for row in rows.values():
        if row.is_leaf:
            for col in columns:
                alloc = stored.get((row.line.pk, col))
                row.amounts[col] = alloc.amount if alloc else None
                row.originals[col] = as_text(alloc.amount) if alloc else ABSENT
            if overrides and row.line.pk in overrides:
                row.amounts.update(overrides[row.line.pk])
        row.originals.update({name: as_text(getattr(row.line, name)) for name in LINE_FIELDS})
    for row in rows.values():
        if not row.is_leaf:
            for col in columns:
                row.amounts[col] = _sum(row.leaves(), col)
    grand = {col: _sum((leaf for root in roots for leaf in root.leaves()), col) for col in columns}
    _attach_indicators(work_plan, year, rows, version)
    return Grid(work_plan, version, roots, rows, grand)


def _sum(leaves: Iterator[Row], col: str) -> int | None:
    amounts = [leaf.amounts[col] for leaf in leaves if leaf.amounts.get(col) is not None]
    return total_amounts(a for a in amounts if a is not None) if amounts else None


def _target_field(version: str) -> str:
    return "revised_value" if version in REVISED_VERSIONS else "value"


def _attach_indicators(work_plan: WorkPlan, year: int, rows: dict[int, Row], version: str = "apbd") -> None:
    by_code: dict[str, Row] = {row.line.code: row for row in rows.values()}
    indicators = Indicator.objects.filter(
        strategic_plan__agency_id=work_plan.agency_id,
        strategic_plan__start_year__lte=year, strategic_plan__end_year__gte=year,
        subject__in=list(CODED_SUBJECTS.values()), code__in=list(by_code),
    ).order_by("order", "id")
    targets = {
        t.indicator_id: t for t in IndicatorTarget.objects.filter(indicator__in=indicators, year=year)
    }
    name = _target_field(version)
    for ind in indicators:
        target = targets.get(ind.pk)
        by_code[ind.code].indicators.append({
            "indicator": ind,
            "value": getattr(target, name) if target else None,
            "original": as_text(getattr(target, name)) if target else ABSENT,
            "base": target.value if target else None,
        })


def _page(request: HttpRequest, agency_code: str, year: int) -> Page:
    return agency_year(request, agency_code, year, "renja")


def _work_plan(page: Page) -> WorkPlan | None:
    return WorkPlan.objects.filter(agency=page.agency, year=page.year).select_related("edition").first()


@gzip_page  # the grid is ~200 KB of repetitive HTML, ~10× smaller compressed (slow connections)
@require_http_methods(["GET", "POST"])
def editor(request: HttpRequest, agency_code: str, year: int) -> HttpResponse:
    page = _page(request, agency_code, year)
    work_plan = _work_plan(page)
    if request.method == "POST":  # create the year's work plan
        require_edit(page)
        if work_plan is None:
            edition = get_object_or_404(NomenclatureEdition, pk=request.POST.get("edition"))
            with transaction.atomic(), audit_context(request.user, reason=f"Renja {year} dibuat"):
                WorkPlan.objects.create(agency=page.agency, year=year, edition=edition)
        return redirect(reverse("editors:workplan", args=[agency_code, year]))
    version = chosen_version(request)
    context = page.context() | {
        "active": "renja", "version": version,
        "versions": [(v, BudgetVersion(v).label) for v in VERSIONS],
        "version_label": BudgetVersion(version).label,
        "forecast_label": BudgetVersion.FORECAST.label,
        "editions": NomenclatureEdition.objects.all(),
    }
    if work_plan is not None:
        context["grid"] = build_grid(work_plan, version, year)
    return render(request, "editors/workplan.html", context)


def _row_response(request: HttpRequest, page: Page, grid: Grid, row: Row,
                  with_totals: bool = True) -> HttpResponse:
    context = page.context() | {"grid": grid, "row": row, "version": grid.version,
                                "oob": with_totals, "ancestors": grid.ancestors(row)}
    return render(request, "editors/_line_row.html", context)


@require_POST
def save_line(request: HttpRequest, agency_code: str, year: int, line_id: int) -> HttpResponse:
    """Save one row of the grid: money of the chosen version and forecast (sub kegiatan only),
    location, funding source, notes. Refused whole when any cell is wrong or stale."""
    page = _page(request, agency_code, year)
    require_edit(page)
    line = get_object_or_404(WorkPlanLine, pk=line_id, work_plan__agency=page.agency,
                             work_plan__year=year)
    version = chosen_version(request)
    label = {version: str(BudgetVersion(version).label), FORECAST: str(BudgetVersion.FORECAST.label)}
    error = ""
    typed = {col: request.POST.get(f"amount_{col}", "") for col in (version, FORECAST)}
    typed.update({name: request.POST.get(name, "") for name in LINE_FIELDS})
    try:
        with transaction.atomic(), audit_context(
            request.user, reason=f"Renja {year}: baris {line.code} disunting"
        ):
            check_fresh(line, {n: request.POST.get(f"orig_{n}", "") for n in LINE_FIELDS
                               if f"orig_{n}" in request.POST}, gettext("Baris %(code)s") % {"code": line.code})
            for col in (version, FORECAST):
                text = typed[col].strip()
                where = f"{line.code} — {label[col]}"
                if line.level != Level.SUB_ACTIVITY:
                    if text:
                        raise UserError(
                            gettext("Pagu hanya dicatat pada sub kegiatan; pagu program dan kegiatan "
                                    "dihitung dari jumlah sub kegiatannya."),
                            where=where, hint=gettext("Kosongkan sel ini."),
                        )
                    continue
                if f"amount_{col}" not in request.POST:
                    continue
                amount = read_money(text, where)
                alloc = BudgetAllocation.objects.filter(line=line, version=col).first()
                original = request.POST.get(f"orig_amount_{col}", "")
                check_fresh(alloc, {"__row__": ABSENT} if original == ABSENT else {"amount": original},
                            gettext("Pagu %(where)s") % {"where": where})
                if amount is None:
                    if alloc is not None:
                        alloc.delete()
                elif alloc is None:
                    if original != ABSENT:
                        raise UserError(
                            gettext("Pagu %(where)s telah dihapus oleh pengguna lain sejak Anda "
                                    "membuka halaman.") % {"where": where},
                            hint=gettext("Muat ulang halaman untuk melihat nilai terbaru."),
                        )
                    BudgetAllocation.objects.create(line=line, version=col, amount=amount)
                elif alloc.amount != amount:
                    alloc.amount = amount
                    alloc.save()
            changed = False
            for name in LINE_FIELDS:
                if name in request.POST:
                    value = typed[name].strip()
                    if getattr(line, name) != value:
                        setattr(line, name, value)
                        changed = True
            if changed:
                line.full_clean()
                line.save()
    except UserError as exc:
        error = exc.text()
    grid = build_grid(line.work_plan, version, year)
    row = grid.by_id[line.pk]
    if error:
        row.error = error
        row.typed = typed
    else:
        row.saved = True
    return _row_response(request, page, grid, row)


@require_POST
def preview_totals(request: HttpRequest, agency_code: str, year: int, line_id: int) -> HttpResponse:
    """Totals of the parents with the amounts typed in one row, without saving (as you type)."""
    page = _page(request, agency_code, year)
    line = get_object_or_404(WorkPlanLine, pk=line_id, work_plan__agency=page.agency,
                             work_plan__year=year, level=Level.SUB_ACTIVITY)
    version = chosen_version(request)
    typed: dict[str, int | None] = {}
    problems = []
    for col in (version, FORECAST):
        if f"amount_{col}" in request.POST:
            try:
                typed[col] = read_money(request.POST[f"amount_{col}"], line.code)
            except UserError as exc:
                problems.append(exc.text())
    grid = build_grid(line.work_plan, version, year, overrides={line.pk: typed})
    return render(request, "editors/_totals_oob.html", page.context() | {
        "grid": grid, "row": grid.by_id[line.pk], "problems": problems,
        "ancestors": grid.ancestors(grid.by_id[line.pk])})


@require_POST
def save_target(request: HttpRequest, agency_code: str, year: int, indicator_id: int) -> HttpResponse:
    """The target of one program/kegiatan/sub kegiatan indicator for the year: the original
    one, or the revised (perubahan) one when a perubahan budget version is shown (empty = the
    target did not change)."""
    page = _page(request, agency_code, year)
    require_edit(page)
    indicator = get_object_or_404(Indicator, pk=indicator_id, strategic_plan__agency=page.agency)
    version = chosen_version(request)
    name = _target_field(version)
    revised = name == "revised_value"
    label = (gettext("Target perubahan %(year)s “%(name)s”") if revised
             else gettext("Target %(year)s “%(name)s”")) % {"year": year, "name": indicator.name}
    text = request.POST.get("target", "")
    error = ""
    try:
        with transaction.atomic(), audit_context(
            request.user,
            reason=f"Target {'perubahan ' if revised else ''}{year} indikator {indicator.code} disunting",
        ):
            value = read_decimal(text, label)
            target = IndicatorTarget.objects.filter(indicator=indicator, year=year).first()
            original = request.POST.get("orig_target", "")
            check_fresh(target, {"__row__": ABSENT} if original == ABSENT else {name: original}, label)
            if target is None:
                target = IndicatorTarget(indicator=indicator, year=year)
            setattr(target, name, value)
            target.full_clean()
            target.save()
    except UserError as exc:
        error = exc.text()
    target = IndicatorTarget.objects.filter(indicator=indicator, year=year).first()
    item = {"indicator": indicator, "value": getattr(target, name) if target else None,
            "original": as_text(getattr(target, name)) if target else ABSENT,
            "base": target.value if target else None,
            "error": error, "typed": text, "saved": not error}
    return render(request, "editors/_target_row.html", page.context() | {
        "item": item, "version": version})


@require_GET
def search_nomenclature(request: HttpRequest, agency_code: str, year: int) -> HttpResponse:
    """Entries of the work plan's edition matching a code prefix or words of the name."""
    page = _page(request, agency_code, year)
    work_plan = _work_plan(page)
    if work_plan is None:
        raise Http404(gettext("Belum ada rencana kerja untuk tahun ini. Buka halaman Renja "
                              "(Rencana kerja & pagu) untuk membuatnya."))
    query = request.GET.get("q", "").strip()
    entries: list[NomenclatureEntry] = []
    if len(query) >= 2:
        found = NomenclatureEntry.objects.filter(edition=work_plan.edition, level__gte=Level.PROGRAM)
        condition = Q(code__startswith=query)
        words = [w for w in query.split() if w]
        if words:
            by_name = Q()
            for word in words:
                by_name &= Q(name__icontains=word)
            condition |= by_name
        entries = list(found.filter(condition).order_by("code")[:40])
    present = set(work_plan.lines.values_list("code", flat=True))
    return render(request, "editors/_nomenclature_results.html", page.context() | {
        "entries": entries, "present": present, "query": query})


@require_POST
def add_line(request: HttpRequest, agency_code: str, year: int) -> HttpResponse:
    """Add a program, kegiatan or sub kegiatan picked from the nomenclature, with the parents it
    needs (a sub kegiatan brings its kegiatan and program when they are not in the plan yet)."""
    page = _page(request, agency_code, year)
    require_edit(page)
    work_plan = _work_plan(page)
    if work_plan is None:
        raise Http404(gettext("Belum ada rencana kerja untuk tahun ini. Buka halaman Renja "
                              "(Rencana kerja & pagu) untuk membuatnya."))
    entry = get_object_or_404(NomenclatureEntry, edition=work_plan.edition, code=request.POST.get("code", ""))
    try:
        chain = _chain(work_plan.edition, entry)
    except UserError as exc:
        return HttpResponse(f'<p class="error" role="alert">{exc.text()}</p>')
    with transaction.atomic(), audit_context(
        request.user, reason=f"Renja {year}: {entry.code} ditambahkan dari nomenklatur"
    ):
        parent: WorkPlanLine | None = None
        for item in chain:
            line = WorkPlanLine.objects.filter(work_plan=work_plan, code=item.code).first()
            if line is None:
                line = WorkPlanLine.objects.create(
                    work_plan=work_plan, parent=parent, code=item.code, level=item.level,
                    name=item.name, order=0,
                )
            parent = line
    url = reverse("editors:workplan", args=[agency_code, year]) + f"?versi={chosen_version(request)}"
    if request.headers.get("HX-Request"):
        response = HttpResponse(status=204)
        response["HX-Redirect"] = url
        return response
    return redirect(url)


def _chain(edition: NomenclatureEdition, entry: NomenclatureEntry) -> list[NomenclatureEntry]:
    """The entry and its ancestors down from the program (RULES.md §2 via sakip.rules.codes)."""
    try:
        code = normalise_code(entry.code)
    except CodeError as exc:
        raise UserError(gettext("Kode %(code)s tidak terbaca: %(why)s") % {"code": entry.code, "why": exc},
                        hint=gettext("Minta admin daerah memeriksa nomenklatur.")) from exc
    wanted = [str(a) for a in code.ancestors() if a.level >= Level.PROGRAM]
    known = {e.code: e for e in NomenclatureEntry.objects.filter(edition=edition, code__in=wanted)}
    chain = []
    for ancestor in reversed(wanted):
        if ancestor not in known:
            raise UserError(
                gettext("Induk %(parent)s dari %(code)s tidak ada pada nomenklatur %(edition)s.")
                % {"parent": ancestor, "code": entry.code, "edition": edition.name},
                hint=gettext("Minta admin daerah melengkapi nomenklatur."),
            )
        chain.append(known[ancestor])
    chain.append(entry)
    return chain


@require_POST
def delete_line(request: HttpRequest, agency_code: str, year: int, line_id: int) -> HttpResponse:
    """Remove a line that has nothing under it and no realisation (its money goes with it, and
    the trail keeps both)."""
    page = _page(request, agency_code, year)
    require_edit(page)
    line = get_object_or_404(WorkPlanLine, pk=line_id, work_plan__agency=page.agency,
                             work_plan__year=year)
    from sakip.monitoring.models import SpendingRealisation

    problem = ""
    if line.children.exists():
        problem = gettext("%(code)s masih memiliki kegiatan/sub kegiatan di bawahnya; hapus "
                          "baris-baris itu lebih dahulu.") % {"code": line.code}
    elif SpendingRealisation.objects.filter(line=line).exists():
        problem = gettext("%(code)s sudah memiliki realisasi anggaran; baris ini tidak dapat dihapus.") % {
            "code": line.code}
    version = chosen_version(request)
    if problem:
        grid = build_grid(line.work_plan, version, year)
        row = grid.by_id[line.pk]
        row.error = problem
        return _row_response(request, page, grid, row, with_totals=False)
    with transaction.atomic(), audit_context(request.user, reason=f"Renja {year}: {line.code} dihapus"):
        line.delete()
    url = reverse("editors:workplan", args=[agency_code, year]) + f"?versi={version}"
    if request.headers.get("HX-Request"):
        response = HttpResponse(status=204)
        response["HX-Redirect"] = url
        return response
    return redirect(url)
