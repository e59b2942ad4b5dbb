"""`sakip figures`: the computed headline figures of one agency-year (IKU and budget)."""

from __future__ import annotations

import argparse
import json
from typing import TYPE_CHECKING, Any

from sakip.commands.common import add_agency_year

if TYPE_CHECKING:
    from sakip.dataset import AgencyYear
    from sakip.figures import BudgetRow, IndicatorSummary


def register(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = subparsers.add_parser(
        "figures", help="tampilkan capaian IKU dan anggaran per program satu perangkat daerah-tahun"
    )
    add_agency_year(p)
    p.add_argument("--format", choices=["text", "json"], default="text", help="bentuk keluaran")
    p.set_defaults(handler=figures)


def figures(args: argparse.Namespace) -> int:
    from sakip import dataset
    from sakip import figures as fig
    from sakip.rules.numbers import format_money

    ay = dataset.load(args.agency, args.year)
    summary = fig.indicator_summary(ay)
    budget = fig.budget_rows(ay)
    if args.format == "json":
        print(json.dumps(_as_json(ay, summary, budget), ensure_ascii=False, indent=2))
        return 0
    print(f"{ay.agency.name} — tahun {ay.year}")
    print()
    print("Capaian Indikator Kinerja Utama")
    if not summary.rows:
        print("  (belum ada indikator kinerja utama)")
    for r in summary.rows:
        flag = "  [tidak wajar]" if r.achievement.pathological else ""
        print(
            f"  {r.level} {r.number:5} {r.indicator.name[:60]:60} T {r.target_display:>8}  "
            f"R {r.realisation_display:>8}  C {r.achievement.display:>9}  {r.predikat} / {r.category}{flag}"
        )
    print(f"  Rata-rata capaian: {summary.mean.display}")
    for name, reason in summary.mean.excluded:
        print(f"    tidak ikut dirata-rata: {name} — {reason}")
    print()
    print("Anggaran per program")
    if not budget:
        print("  (belum ada rencana kerja dan anggaran)")
    for b in budget:
        label = f"{b.code} {b.name}" if b.code else b.name.upper()
        pagu = format_money(b.budget, cents=False) if b.budget is not None else "—"
        print(
            f"  {label[:70]:70} {pagu:>20} {format_money(b.realised, cents=False):>20} "
            f"{b.absorption.display:>8}"
        )
    return 0


def _as_json(
    ay: AgencyYear, summary: IndicatorSummary, budget: list[BudgetRow]
) -> dict[str, Any]:
    def dec(v: object) -> str | None:
        return None if v is None else str(v)

    return {
        "agency": ay.agency.code,
        "year": ay.year,
        "indicators": [
            {
                "level": r.level,
                "number": r.number,
                "indicator": r.indicator.name,
                "unit": r.indicator.unit,
                "target": dec(r.target) if not isinstance(r.target, str) else r.target,
                "realisation": dec(r.realisation) if not isinstance(r.realisation, str) else r.realisation,
                "achievement": dec(r.achievement.rounded),
                "achievement_display": r.achievement.display,
                "pathological": r.achievement.pathological,
                "predikat": r.predikat,
                "category": r.category,
            }
            for r in summary.rows
        ],
        "mean_achievement": dec(summary.mean.rounded),
        "excluded_from_mean": [{"indicator": n, "reason": why} for n, why in summary.mean.excluded],
        "budget": [
            {
                "code": b.code or None,
                "name": b.name,
                "budget": b.budget,
                "realised": b.realised,
                "absorption": dec(b.absorption.rounded),
            }
            for b in budget
        ],
    }
