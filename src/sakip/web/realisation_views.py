"""Quarterly realisation entry pages: one form per indicator and per sub kegiatan, saved one
at a time (HTMX swaps the saved item in place; without JavaScript the page reloads)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.contrib import messages
from django.contrib.contenttypes.models import ContentType
from django.db.models import F, Window
from django.db.models.functions import RowNumber
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.http.response import HttpResponseBase
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from sakip.common.budget_versions import BUDGET_PRECEDENCE
from sakip.common.errors import UserError
from sakip.monitoring.models import IndicatorRealisation, SpendingRealisation
from sakip.organisations.models import Agency
from sakip.planning.models import (
    BudgetAllocation,
    BudgetVersion,
    Indicator,
    IndicatorTarget,
    StrategicPlan,
    WorkPlan,
    WorkPlanLine,
)
from sakip.rules import budget
from sakip.rules.numbers import format_value
from sakip.web import access, realisation
from sakip.web.models import Evidence
from sakip.web.workflow_views import document_rows, internal_agency
from sakip.workflow.history import StaleEdit
from sakip.workflow.models import Change, DocumentStatus

SUBJECT_LABELS = dict(Indicator.Subject.choices)


def input_text(value: Any) -> str:
    """A stored number as typed back into a form: no thousands separators, decimal comma."""
    if value is None:
        return ""
    if isinstance(value, Decimal):
        return format(value.normalize(), "f").replace(".", ",")
    return str(value)


@dataclass(frozen=True)
class TrailLine:
    """One change next to an item, formatted once (the page shows up to TRAIL_LENGTH per item
    and formatting in the template cost more than the rest of the item)."""

    when_iso: str
    when: str
    who: str
    action: str
    field: str
    old_value: str | None
    new_value: str | None
    reason: str

    @classmethod
    def of(cls, change: Mapping[str, Any]) -> TrailLine:
        """From a row of `_trails`' query (plain values: no model instances to build)."""
        at = timezone.localtime(change["at"])
        full_name = f"{change['user__first_name'] or ''} {change['user__last_name'] or ''}".strip()
        who = (full_name or change["user__username"]) if change["user_id"] is not None else _("(sistem)")
        return cls(at.isoformat(), at.strftime("%d-%m-%Y %H:%M"), who,
                   str(ACTION_LABELS.get(change["action"], change["action"])),
                   change["field"], change["old_value"], change["new_value"], change["reason"])


ACTION_LABELS = dict(Change.Action.choices)


@dataclass
class Item:
    """One editable thing on the page (an indicator or a sub kegiatan) for one quarter."""

    kind: str  # "indicator" or "spending"
    id: int
    title: str
    subtitle: str
    row: Any  # the stored IndicatorRealisation / SpendingRealisation, or None
    annual: bool  # a whole-year figure exists: no quarterly entry
    facts: list[tuple[str, str]] = field(default_factory=list)  # label, shown value
    form: dict[str, str] = field(default_factory=dict)
    original: dict[str, str] = field(default_factory=dict)
    errors: dict[str, str] = field(default_factory=dict)
    message: str = ""
    trail: list[TrailLine] = field(default_factory=list)
    evidence: list[Evidence] = field(default_factory=list)
    indicator: Indicator | None = None

    @property
    def dom_id(self) -> str:
        return f"{self.kind}-{self.id}"

    @property
    def general_error(self) -> str:
        return self.errors.get("", "")


#: Changes shown next to an item: the newest ones (the whole history is on the admin pages).
TRAIL_LENGTH = 8


def _trails(model: type, ids: list[int]) -> dict[int, list[TrailLine]]:
    """The newest TRAIL_LENGTH changes of each row, in one query whose size does not grow with
    the number of times the rows were saved."""
    if not ids:
        return {}
    found: dict[int, list[TrailLine]] = defaultdict(list)
    ct = ContentType.objects.get_for_model(model)
    newest = Window(RowNumber(), partition_by=[F("object_id")], order_by=[F("at").desc(), F("id").desc()])
    changes = (Change.objects.filter(content_type=ct, object_id__in=ids)
               .annotate(newest=newest).filter(newest__lte=TRAIL_LENGTH)
               .order_by("object_id", "newest")
               .values("object_id", "at", "action", "field", "old_value", "new_value", "reason",
                       "user_id", "user__first_name", "user__last_name", "user__username"))
    for change in changes:
        found[change["object_id"]].append(TrailLine.of(change))
    return found


def _evidence(agency: Agency, year: int, quarter: int) -> dict[tuple[str, int], list[Evidence]]:
    found: dict[tuple[str, int], list[Evidence]] = defaultdict(list)
    for ev in Evidence.objects.filter(agency=agency, year=year, quarter=quarter):
        found[(ev.kind, ev.item_id)].append(ev)
    return found


def _target_text(target: IndicatorTarget | None) -> str:
    if target is None:
        return "—"
    if target.level:
        return target.level
    if target.value is None:
        return "—"
    if target.upper is not None:
        return f"{format_value(target.value)}–{format_value(target.upper)}"
    return format_value(target.value)


#: Items per page of each section of the entry page: an agency has up to a few hundred sub
#: kegiatan, and rendering every form at once made the page the slowest of the application.
PAGE_SIZE = 25


class ItemList(list[Item]):
    """The items of one page of a section, with the section's size and the page shown."""

    def __init__(self, items: list[Item] = (), total: int = 0, page: int = 1) -> None:  # type: ignore[assignment]
        super().__init__(items)
        self.total = total
        self.page = page

    @property
    def pages(self) -> list[int]:
        return list(range(1, (self.total + PAGE_SIZE - 1) // PAGE_SIZE + 1))

    @property
    def first(self) -> int:
        return (self.page - 1) * PAGE_SIZE + 1 if self.total else 0

    @property
    def last(self) -> int:
        return min(self.page * PAGE_SIZE, self.total)


def _window(objects: list[Any], page: int | None) -> tuple[list[Any], int]:
    """The objects of `page` (None: all) and the page actually shown (clamped to 1..last)."""
    if page is None:
        return objects, 1
    last = max(1, (len(objects) + PAGE_SIZE - 1) // PAGE_SIZE)
    page = min(max(1, page), last)
    return objects[(page - 1) * PAGE_SIZE: page * PAGE_SIZE], page


def _entry_indicators(agency: Agency, year: int, only: int | None = None) -> tuple[list[Indicator], dict[int, IndicatorTarget]]:
    """The indicators of the entry page in page order (those with a target for `year` when
    any has one) and their targets for `year`."""
    plan = StrategicPlan.objects.filter(
        agency=agency, start_year__lte=year, end_year__gte=year
    ).first()
    if plan is None:
        return [], {}
    indicators = Indicator.objects.filter(strategic_plan=plan).order_by("order", "id")
    if only is not None:
        indicators = indicators.filter(pk=only)
    indicators_list = list(indicators)
    ids = [i.pk for i in indicators_list]
    targets = {t.indicator_id: t for t in IndicatorTarget.objects.filter(indicator_id__in=ids, year=year)}
    if only is None and targets:
        indicators_list = [i for i in indicators_list if i.pk in targets]
    return indicators_list, targets


def _entry_lines(agency: Agency, year: int, only: int | None = None) -> tuple[WorkPlan | None, list[WorkPlanLine]]:
    wp = WorkPlan.objects.filter(agency=agency, year=year).first()
    if wp is None:
        return None, []
    lines = WorkPlanLine.objects.filter(work_plan=wp, level=5).order_by("order", "code")
    if only is not None:
        lines = lines.filter(pk=only)
    return wp, list(lines)


def page_of(kind: str, agency: Agency, year: int, item_id: int) -> int:
    """The page of its section on which an item is shown (1 when not found)."""
    objects = _entry_indicators(agency, year)[0] if kind == "indicator" else _entry_lines(agency, year)[1]
    ids = [o.pk for o in objects]
    return ids.index(item_id) // PAGE_SIZE + 1 if item_id in ids else 1


def indicator_items(agency: Agency, year: int, quarter: int,
                    only: int | None = None, page: int | None = None) -> ItemList:
    """The indicator items of the entry page: one (`only`), one page, or all (page None)."""
    every, targets = _entry_indicators(agency, year, only)
    if not every:
        return ItemList()
    indicators_list, page = _window(every, page)
    ids = [i.pk for i in indicators_list]
    rows: dict[tuple[int, int], IndicatorRealisation] = {
        (r.indicator_id, r.period): r
        for r in IndicatorRealisation.objects.filter(indicator_id__in=ids, year=year)
    }
    this = [rows[(i.pk, quarter)].pk for i in indicators_list if (i.pk, quarter) in rows]
    trails = _trails(IndicatorRealisation, this)
    evidence = _evidence(agency, year, quarter)
    items = []
    for ind in indicators_list:
        row = rows.get((ind.pk, quarter))
        earlier = [rows[(ind.pk, q)] for q in range(1, quarter) if (ind.pk, q) in rows]
        facts = [(_("Satuan"), ind.unit or "—"),
                 (_("Target %(year)s") % {"year": year}, _target_text(targets.get(ind.pk)))]
        if earlier:
            last = earlier[-1]
            facts.append((realisation.quarter_title(last.period), last.level or format_value(last.value)))
        if ind.polarity == "lower_is_better":
            facts.append((_("Polaritas"), _("negatif (makin rendah makin baik)")))
        item = Item(
            kind="indicator", id=ind.pk, title=ind.name,
            subtitle=" ".join(str(p) for p in (SUBJECT_LABELS.get(ind.subject, ""), ind.number, ind.code) if p),
            row=row, annual=(ind.pk, 0) in rows, facts=facts, indicator=ind,
            trail=trails.get(row.pk, []) if row else [],
            evidence=evidence.get(("indicator", ind.pk), []),
        )
        item.form = {f: input_text(getattr(row, f)) if row else "" for f in realisation.INDICATOR_FIELDS}
        item.original = {f: realisation.stored_text(getattr(row, f)) if row else "" for f in realisation.INDICATOR_FIELDS}
        item.original["exists"] = "1" if row else "0"
        items.append(item)
    return ItemList(items, total=len(every), page=page)


def spending_items(agency: Agency, year: int, quarter: int, only: int | None = None,
                   page: int | None = None) -> ItemList:
    """The sub kegiatan items of the entry page: one (`only`), one page, or all (page None)."""
    wp, every = _entry_lines(agency, year, only)
    if wp is None:
        return ItemList()
    lines_list, page = _window(every, page)
    ids = [line.pk for line in lines_list]
    present = set(BudgetAllocation.objects.filter(line__work_plan=wp).values_list("version", flat=True).distinct())
    version = next((v for v in BUDGET_PRECEDENCE if v in present), None)
    pagu = dict(BudgetAllocation.objects.filter(line_id__in=ids, version=version).values_list("line_id", "amount")) if version else {}
    rows: dict[tuple[int, int], SpendingRealisation] = {
        (r.line_id, r.period): r for r in SpendingRealisation.objects.filter(line_id__in=ids)
    }
    this = [rows[(i, quarter)].pk for i in ids if (i, quarter) in rows]
    trails = _trails(SpendingRealisation, this)
    evidence = _evidence(agency, year, quarter)
    items = []
    for line in lines_list:
        row = rows.get((line.pk, quarter))
        amount = pagu.get(line.pk)
        before = [rows[(line.pk, q)].amount for q in range(1, quarter) if (line.pk, q) in rows]
        cumulative = budget.total_amounts([*before, *( [row.amount] if row else [])])
        facts = [
            (_("Pagu"), _money(amount)),
            (_("Realisasi s.d. triwulan sebelumnya"), _money(budget.total_amounts(before))),
        ]
        if amount:
            facts.append((_("Serapan s.d. triwulan %(quarter)s") % {"quarter": realisation.QUARTER_NAMES[quarter]},
                          f"{budget.absorption(cumulative, amount).display} %"))
        item = Item(
            kind="spending", id=line.pk, title=line.name, subtitle=line.code, row=row,
            annual=(line.pk, 0) in rows, facts=facts,
            trail=trails.get(row.pk, []) if row else [],
            evidence=evidence.get(("spending", line.pk), []),
        )
        item.form = {f: input_text(getattr(row, f)) if row else "" for f in realisation.SPENDING_FIELDS}
        item.original = {f: realisation.stored_text(getattr(row, f)) if row else "" for f in realisation.SPENDING_FIELDS}
        item.original["exists"] = "1" if row else "0"
        items.append(item)
    return ItemList(items, total=len(every), page=page)


def _page_number(request: HttpRequest, name: str) -> int:
    raw = request.GET.get(name, "")
    return int(raw) if raw.isdigit() and 0 < len(raw) < 6 else 1


def _version_label(agency: Agency, year: int) -> str:
    present = set(BudgetAllocation.objects.filter(line__work_plan__agency=agency, line__work_plan__year=year)
                  .values_list("version", flat=True).distinct())
    version = next((v for v in BUDGET_PRECEDENCE if v in present), None)
    return str(BudgetVersion(version).label) if version else ""


def _money(amount: int | None) -> str:
    from sakip.rules.numbers import format_money

    return "—" if amount is None else format_money(amount, cents=False)


def _agency_for(request: HttpRequest, agency_code: str, quarter: int) -> Agency | HttpResponse:
    if quarter not in realisation.QUARTER_NAMES:
        raise Http404(_("Triwulan harus 1–4; pilih triwulan dari halaman realisasi."))
    return internal_agency(request, agency_code)


def entry_page(request: HttpRequest, agency_code: str, year: int, quarter: int) -> HttpResponse:
    found = _agency_for(request, agency_code, quarter)
    if isinstance(found, HttpResponse):
        return found
    agency = found
    editable = access.can_edit(request.user, agency, year, DocumentStatus.Document.REALISATION, quarter)
    context = {
        "agency": agency, "year": year, "quarter": quarter,
        "quarter_name": realisation.QUARTER_NAMES[quarter],
        "quarters": realisation.QUARTER_NAMES.items(),
        "editable": editable,
        "indicators": indicator_items(agency, year, quarter, page=_page_number(request, "ind")),
        "lines": spending_items(agency, year, quarter, page=_page_number(request, "sub")),
        "pagu_version": _version_label(agency, year),
        "status_rows": document_rows(request.user, agency, year, only=[(DocumentStatus.Document.REALISATION, quarter)]),
        "max_mb": realisation.MAX_EVIDENCE_BYTES // 1048576,
        "max_bytes": realisation.MAX_EVIDENCE_BYTES,
        "accept": ",".join(realisation.EVIDENCE_TYPES),
    }
    return render(request, "web/realisation.html", context)


def entry_redirect(request: HttpRequest, agency_code: str, year: int) -> HttpResponse:
    return HttpResponseRedirect(reverse("realisation", args=[agency_code, year, 1]))


@require_POST
def save_item(request: HttpRequest, agency_code: str, year: int, quarter: int,
              kind: str, item_id: int) -> HttpResponse:
    found = _agency_for(request, agency_code, quarter)
    if isinstance(found, HttpResponse):
        return found
    agency = found
    if kind not in ("indicator", "spending"):
        raise Http404(_("Jenis isian tidak dikenal; muat ulang halaman realisasi."))
    if request.META.get("CONTENT_LENGTH", "0").isdigit() and int(request.META["CONTENT_LENGTH"]) > realisation.MAX_EVIDENCE_BYTES + 100_000:
        return _refuse_too_large(request, agency, year, quarter, kind, item_id)
    data = {k: request.POST.get(k, "") for k in (*realisation.INDICATOR_FIELDS, *realisation.SPENDING_FIELDS)}
    original = {k[5:]: str(v) for k, v in request.POST.items() if k.startswith("orig_")}
    upload = request.FILES.get("evidence")
    item: Item
    try:
        if kind == "indicator":
            indicator = get_object_or_404(Indicator.objects.select_related("strategic_plan"),
                                          pk=item_id, strategic_plan__agency=agency)
            saved = realisation.save_indicator(request.user, agency, year, quarter, indicator,
                                               data, original or None, upload)
            item = indicator_items(agency, year, quarter, only=item_id)[0]
        else:
            line = get_object_or_404(WorkPlanLine.objects.select_related("work_plan"), pk=item_id,
                                     work_plan__agency=agency, work_plan__year=year)
            saved = realisation.save_spending(request.user, agency, year, quarter, line,
                                              data, original or None, upload)
            item = spending_items(agency, year, quarter, only=item_id)[0]
        item.message = _("Tersimpan.") if saved.changed or saved.evidence else _("Tidak ada perubahan.")
    except UserError as refused:
        items = (indicator_items if kind == "indicator" else spending_items)(agency, year, quarter, only=item_id)
        if not items:
            raise Http404(_("Isian tidak ditemukan; muat ulang halaman realisasi.")) from None
        item = items[0]
        errors = getattr(refused, "errors", None) or {"": refused.text()}
        if isinstance(refused, StaleEdit):
            errors = {"": refused.text()}  # the stored values are shown; theirs are not kept
        else:
            item.form.update({k: v for k, v in data.items() if k in item.form})
        item.errors = errors
        if not request.headers.get("HX-Request"):
            messages.error(request, f"{item.subtitle} {item.title}: " + " ".join(errors.values()))
    if not request.headers.get("HX-Request"):
        if not item.errors:
            messages.success(request, f"{item.subtitle} {item.title}: {item.message}")
        where = reverse("realisation", args=[agency.code, year, quarter])
        page = page_of(kind, agency, year, item_id)
        if page > 1:
            where += f"?{'ind' if kind == 'indicator' else 'sub'}={page}"
        return HttpResponseRedirect(f"{where}#{item.dom_id}")
    return _item_partial(request, agency, year, quarter, item)


def _item_partial(request: HttpRequest, agency: Agency, year: int, quarter: int, item: Item,
                  status: int = 200) -> HttpResponse:
    return render(request, "web/_entry_item.html", {
        "item": item, "agency": agency, "year": year, "quarter": quarter, "editable": True,
        "max_mb": realisation.MAX_EVIDENCE_BYTES // 1048576,
        "max_bytes": realisation.MAX_EVIDENCE_BYTES,
        "accept": ",".join(realisation.EVIDENCE_TYPES),
    }, status=status)


def _refuse_too_large(request: HttpRequest, agency: Agency, year: int, quarter: int,
                      kind: str, item_id: int) -> HttpResponse:
    """413 before the upload is read: with HTMX the item comes back in place with the
    message (sakip.js swaps 413 answers that carry data-sakip-partial); nothing is saved."""
    text = _("Kiriman terlalu besar; berkas bukti paling besar %(mb)s MB. Tidak ada yang "
             "disimpan: perkecil atau pisahkan berkasnya, lalu simpan lagi.") % {
        "mb": realisation.MAX_EVIDENCE_BYTES // 1048576}
    if request.headers.get("HX-Request"):
        items = (indicator_items if kind == "indicator" else spending_items)(
            agency, year, quarter, only=item_id)
        if not items:
            raise Http404(_("Isian tidak ditemukan; muat ulang halaman realisasi."))
        items[0].errors = {"": text}
        return _item_partial(request, agency, year, quarter, items[0], status=413)
    messages.error(request, text)
    return HttpResponseRedirect(reverse("realisation", args=[agency.code, year, quarter]))


@require_http_methods(["GET", "HEAD"])
def evidence_file(request: HttpRequest, evidence_id: int) -> HttpResponseBase:
    """An evidence file, only for people who may see the agency's internal data, always as a
    download with our own content type and a sandboxing policy (never rendered as a page of
    this site)."""
    ev = get_object_or_404(Evidence.objects.select_related("agency"), pk=evidence_id)
    if not access.sees_internal(request.user, ev.agency):
        if not request.user.is_authenticated:
            from django.contrib.auth.views import redirect_to_login

            return redirect_to_login(request.get_full_path())
        raise Http404(_("Berkas tidak tersedia untuk akun Anda; masuk dengan akun perangkat "
                        "daerah pemilik bukti ini."))
    stored_name = ev.file.name or ""
    ext = "." + stored_name.rsplit(".", 1)[-1].lower() if "." in stored_name else ""
    content_type = realisation.EVIDENCE_TYPES.get(ext, ("application/octet-stream", ()))[0]
    try:
        handle = ev.file.open("rb")
    except FileNotFoundError:
        raise Http404(_("Berkas sudah tidak ada di server; unggah ulang buktinya di halaman "
                        "realisasi.")) from None
    response = FileResponse(handle, as_attachment=True, filename=ev.original_name,
                            content_type=content_type)
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response
