"""The region overview: every agency of the user's region(s) in one table — where each of its
documents is in the cycle, average achievement and absorption (through sakip.figures), the
agencies needing attention first. The public sees only published agency-years."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext, gettext_lazy

from sakip import dataset, figures
from sakip.monitoring.models import PerformanceReport
from sakip.organisations.models import Agency
from sakip.planning.models import WorkPlan
from sakip.rules.budget import Ratio
from sakip.rules.numbers import format_number
from sakip.web import access, datacache
from sakip.workflow.models import DocumentStatus

State = DocumentStatus.State
COLUMNS = [("renja", 0, "Renja"), ("pk", 0, "PK"), ("realisation", 1, gettext_lazy("TW I")),
           ("realisation", 2, gettext_lazy("TW II")), ("realisation", 3, gettext_lazy("TW III")),
           ("realisation", 4, gettext_lazy("TW IV")), ("lkjip", 0, "LKjIP")]
STATE_LABELS = dict(State.choices)
#: Short names for the narrow status columns (the full name is the badge's title).
SHORT = {State.DRAFT: gettext_lazy("Draf"), State.SUBMITTED: gettext_lazy("Diajukan"),
         State.VERIFIED: gettext_lazy("Diverifikasi"), State.REVIEWED: gettext_lazy("Direviu"),
         State.RETURNED: gettext_lazy("Dikembalikan"), State.FINAL: gettext_lazy("Final")}


@dataclass
class AgencyRow:
    agency: Agency
    internal: bool
    published: bool
    states: list[tuple[str, str, str]]  # (state, label, short label) per column
    mean_achievement: str
    mean_value: Decimal | None
    absorption: Ratio | None
    reasons: list[str] = field(default_factory=list)

    @property
    def attention(self) -> int:
        return len(self.reasons)


def _figures(ay: dataset.AgencyYear) -> tuple[figures.IndicatorSummary, Ratio | None, int]:
    """An agency-year's figures in the overview (kept with the loaded agency-year)."""
    summary = figures.indicator_summary(ay)
    absorption = ay.work_plan.absorption() if ay.work_plan and ay.work_plan.budget_version else None
    missing = sum(1 for r in figures.low_absorption(ay) if not r.explanation)
    return summary, absorption, missing


def _row(agency: Agency, year: int, internal: bool, published: bool,
         states: dict[tuple[str, int], str]) -> AgencyRow:
    ay = datacache.load(agency, year)
    summary, absorption, missing = datacache.memo(ay, "overview-figures", lambda: _figures(ay))
    column_states = [(states.get((d, q), State.DRAFT), STATE_LABELS[states.get((d, q), State.DRAFT)])
                     for d, q, _ in COLUMNS]
    shown_states = [(s, str(label), str(SHORT[State(s)])) for s, label in column_states]
    row = AgencyRow(
        agency=agency, internal=internal, published=published, states=shown_states,
        mean_achievement=summary.mean.display, mean_value=summary.mean.value,
        absorption=absorption,
    )
    threshold = ay.settings.absorption_threshold
    returned = [str(label) for (d, q, label), (s, _) in zip(COLUMNS, column_states, strict=True) if s == State.RETURNED]
    if internal and returned:
        row.reasons.append(gettext("dikembalikan: %(documents)s") % {"documents": ", ".join(returned)})
    if absorption is not None and absorption.rounded is not None and absorption.rounded < threshold:
        row.reasons.append(gettext("serapan %(value)s %% di bawah %(threshold)s %%") % {
            "value": absorption.display, "threshold": format_number(threshold, 0)})
    if missing:
        row.reasons.append(gettext("%(n)s sub kegiatan serapan rendah tanpa penjelasan") % {"n": missing})
    if summary.mean.value is not None and summary.mean.rounded is not None and summary.mean.rounded < 75:
        row.reasons.append(gettext("rata-rata capaian %(value)s %% di bawah 75 %%") % {"value": summary.mean.display})
    if summary.undefined:
        row.reasons.append(gettext("%(n)s indikator belum dapat dihitung") % {"n": len(summary.undefined)})
    return row


def region_overview(request: HttpRequest) -> HttpResponse:
    user = request.user
    internal_ids = set(access.visible_agencies(user).values_list("id", flat=True))
    regions = access.region_ids(user)
    years = sorted(
        set(WorkPlan.objects.filter(agency_id__in=internal_ids).values_list("year", flat=True))
        | set(PerformanceReport.objects.filter(Q(agency_id__in=internal_ids) | Q(published_at__isnull=False))
              .values_list("year", flat=True)),
        reverse=True,
    )
    try:
        year = int(request.GET.get("tahun") or (years[0] if years else 0))
    except ValueError:
        year = years[0] if years else 0
    published_ids = set(
        PerformanceReport.objects.filter(year=year, published_at__isnull=False).values_list("agency_id", flat=True)
    )
    agencies = Agency.objects.select_related("region").filter(
        Q(id__in=internal_ids) | Q(region_id__in=regions, id__in=published_ids) | Q(id__in=published_ids)
    ).order_by("region__name", "name")
    if not user.is_authenticated:
        agencies = agencies.filter(id__in=published_ids)
    query = (request.GET.get("q") or "").strip()
    if query:
        agencies = agencies.filter(Q(name__icontains=query) | Q(code__icontains=query) | Q(short_name__icontains=query))
    agency_list = [a for a in agencies if a.id in internal_ids or a.id in published_ids]
    states: dict[int, dict[tuple[str, int], str]] = {}
    for s in DocumentStatus.objects.filter(agency_id__in=[a.id for a in agency_list], year=year):
        states.setdefault(s.agency_id, {})[(s.document, s.quarter)] = s.state
    rows = [
        _row(a, year, a.id in internal_ids, a.id in published_ids,
             states.get(a.id, {}) if a.id in internal_ids else {})
        for a in agency_list
    ]
    wanted_state = request.GET.get("status") or ""
    if wanted_state in STATE_LABELS:
        rows = [r for r in rows if r.internal and any(s == wanted_state for s, _, _ in r.states)]
    attention_only = request.GET.get("perhatian") == "1"
    if attention_only:
        rows = [r for r in rows if r.attention]
    rows.sort(key=lambda r: (-r.attention, r.agency.region.name, r.agency.name))
    return render(request, "web/overview.html", {
        "rows": rows, "year": year, "years": years, "columns": [c[2] for c in COLUMNS],
        "states": State.choices, "wanted_state": wanted_state, "query": query,
        "attention_only": attention_only, "internal_view": bool(internal_ids),
    })
