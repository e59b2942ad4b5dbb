"""Synthetic data for benchmarks: a province of N regions × M agencies × K sub kegiatan.

Every agency gets a strategic plan (2 goals, 2 objectives each, 5 IKU), a work plan for the
year with programs → kegiatan → sub kegiatan (4 sub kegiatan per kegiatan, 3 kegiatan per
program), an indicator with a target per sub kegiatan, two budget versions (APBD, APBD-P) and
four quarters of spending and indicator realisations. Values come from a seeded generator so
runs are comparable.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from decimal import Decimal

SUBS_PER_ACTIVITY = 4
ACTIVITIES_PER_PROGRAM = 3


@dataclass(frozen=True)
class Size:
    regions: int
    agencies: int
    subs: int  # sub kegiatan per agency

    @property
    def total_subs(self) -> int:
        return self.regions * self.agencies * self.subs


def generate(size: Size, year: int = 2024, seed: int = 7) -> dict[str, int]:
    """Create the synthetic province; returns row counts per table."""
    from django.db import transaction

    from sakip.monitoring import models as mon
    from sakip.organisations.models import Agency, Region
    from sakip.planning import models as plan

    rng = random.Random(seed)
    counts: dict[str, int] = {}

    def bump(name: str, n: int) -> None:
        counts[name] = counts.get(name, 0) + n

    with transaction.atomic():
        edition, _ = plan.NomenclatureEdition.objects.get_or_create(
            name="Sintetis", defaults={"year": 2021, "regulation": "data uji"}
        )
        for r in range(size.regions):
            region = Region.objects.create(
                code=f"bench-r{r}", name=f"Kabupaten Uji {r}", kind=Region.Kind.REGENCY
            )
            bump("region", 1)
            for a in range(size.agencies):
                agency = Agency.objects.create(
                    region=region, code=f"bench-r{r}-a{a}", name=f"Dinas Uji {r}.{a}"
                )
                bump("agency", 1)
                _agency(agency, edition, size.subs, year, rng, bump, plan, mon)
    return counts


def _agency(agency, edition, subs, year, rng, bump, plan, mon) -> None:  # type: ignore[no-untyped-def]
    sp = plan.StrategicPlan.objects.create(
        agency=agency, name=f"Renstra {year - 1}–{year + 3}", start_year=year - 1, end_year=year + 3
    )
    key_indicators = []
    for g in range(2):
        goal = plan.Goal.objects.create(strategic_plan=sp, number=str(g + 1), statement=f"Tujuan {g + 1}")
        for o in range(2):
            obj = plan.Objective.objects.create(
                goal=goal, number=f"{g + 1}.{o + 1}", statement=f"Sasaran {g + 1}.{o + 1}"
            )
            for k in range(2 if (g, o) != (1, 1) else 1):
                key_indicators.append(
                    plan.Indicator(
                        strategic_plan=sp, subject="objective", objective=obj,
                        name=f"IKU {g + 1}.{o + 1}.{k + 1}", unit="%", is_key=True,
                        polarity="lower_is_better" if k == 1 else "higher_is_better",
                        aggregation="last", order=len(key_indicators),
                    )
                )
    wp = plan.WorkPlan.objects.create(agency=agency, year=year, edition=edition)
    order = 0
    n_programs = max(1, subs // (SUBS_PER_ACTIVITY * ACTIVITIES_PER_PROGRAM))
    remaining = subs
    program_lines = []
    for p in range(n_programs):
        order += 1
        program_lines.append(
            plan.WorkPlanLine(work_plan=wp, code=f"1.06.{p + 1:02d}", level=3, name=f"Program {p + 1}", order=order)
        )
    plan.WorkPlanLine.objects.bulk_create(program_lines)
    activity_lines = []
    for p, prog in enumerate(program_lines):
        for k in range(ACTIVITIES_PER_PROGRAM):
            order += 1
            activity_lines.append(
                plan.WorkPlanLine(
                    work_plan=wp, parent=prog, code=f"{prog.code}.2.{k + 1:02d}", level=4,
                    name=f"Kegiatan {p + 1}.{k + 1}", order=order,
                )
            )
    plan.WorkPlanLine.objects.bulk_create(activity_lines)
    sub_lines = []
    per_activity: dict[int, int] = {}
    i = 0
    while remaining > 0:
        slot = i % len(activity_lines)
        act = activity_lines[slot]
        n = per_activity.get(slot, 0)
        per_activity[slot] = n + 1
        order += 1
        sub_lines.append(
            plan.WorkPlanLine(
                work_plan=wp, parent=act, code=f"{act.code}.{n + 1:04d}", level=5,
                name=f"Sub kegiatan {act.code}.{n + 1}", location="Kabupaten", funding_source="DAU",
                order=order,
            )
        )
        remaining -= 1
        i += 1
    plan.WorkPlanLine.objects.bulk_create(sub_lines)
    lines = program_lines + activity_lines + sub_lines
    bump("line", len(lines))

    allocations, spending, indicators = [], [], list(key_indicators)
    for s in sub_lines:
        pagu = rng.randrange(5_000_000, 900_000_000, 1000)
        allocations.append(plan.BudgetAllocation(line=s, version="apbd", amount=pagu))
        allocations.append(plan.BudgetAllocation(line=s, version="apbd_p", amount=pagu + rng.randrange(0, 50_000_000, 1000)))
        spent = pagu * rng.randrange(40, 101) // 100
        for q in range(1, 5):
            spending.append(
                mon.SpendingRealisation(
                    line=s, period=q, amount=spent // 4,
                    physical_progress=Decimal(min(100, 25 * q + rng.randrange(-10, 5))),
                )
            )
        indicators.append(
            plan.Indicator(
                strategic_plan=sp, subject="sub_activity", code=s.code, name=f"Jumlah keluaran {s.code}",
                unit="orang", aggregation="sum", order=len(indicators),
            )
        )
    plan.BudgetAllocation.objects.bulk_create(allocations, batch_size=2000)
    mon.SpendingRealisation.objects.bulk_create(spending, batch_size=2000)
    plan.Indicator.objects.bulk_create(indicators, batch_size=2000)
    targets, realisations = [], []
    for ind in indicators:
        base = Decimal(rng.randrange(10, 500))
        for y in (year - 1, year, year + 1):
            targets.append(plan.IndicatorTarget(indicator=ind, year=y, value=base))
        if ind.aggregation == "sum":
            for q in range(1, 5):
                realisations.append(
                    mon.IndicatorRealisation(
                        indicator=ind, year=year, period=q, value=(base * rng.randrange(15, 35) / 100).quantize(Decimal(1))
                    )
                )
        else:
            realisations.append(
                mon.IndicatorRealisation(indicator=ind, year=year, period=0, value=base * rng.randrange(60, 130) / 100)
            )
    plan.IndicatorTarget.objects.bulk_create(targets, batch_size=2000)
    mon.IndicatorRealisation.objects.bulk_create(realisations, batch_size=2000)
    bump("allocation", len(allocations))
    bump("spending", len(spending))
    bump("indicator", len(indicators))
    bump("target", len(targets))
    bump("realisation", len(realisations))
