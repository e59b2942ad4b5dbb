"""`sakip import`: what `sakip check` recognised, loaded as facts into the data model.

Facts only (ARCHITECTURE.md "store facts, derive figures"): the nomenclature lines of the
work plan, the money of each *sub kegiatan* per budget version, the realised spending of each
sub kegiatan, the indicators of the lines with their targets and realisations per printed year
(sakip.ingest.lines), the strategic plan's goals and objectives with their indicators, targets
and realisations per year (sakip.ingest.goals), and the Perjanjian Kinerja with its targets
(sakip.ingest.agreement). Parents' money, totals, percentages, achievements, averages,
predikat and differences printed in the document are never stored: they were compared by the
checks and are derived again from the facts.

The whole import runs in one transaction inside ``audit_context``; a dry run and an import
that meets conflicting data (without ``--replace``) leave the database as it was.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal
from typing import TYPE_CHECKING

from sakip.common.errors import UserError
from sakip.ingest.agreement import AgreementPlan, build_agreements
from sakip.ingest.checks import SOFTWARE_WORD, Report, money_triplets
from sakip.ingest.goals import (
    Fact,
    StrategyPlan,
    build_strategy,
    name_key,
    renstra_period,
    similarity,
)
from sakip.ingest.lines import LineIndicator, read_line_figures, several_numbers
from sakip.ingest.recognise import Column, Row, Table, infer_polarity, norm
from sakip.rules.codes import Level

if TYPE_CHECKING:
    from sakip.monitoring import models as mon
    from sakip.organisations.models import Agency
    from sakip.planning import models as pm

# budget versions by the words of a money column's header (most specific first)
_VERSION_WORDS = (
    (r"prakiraan|perkiraan maju|tahun berikut", "forecast"),
    (r"rkpd\s*(-|\s)?\s*p\b|rkpd perubahan|perubahan rkpd", "rkpd_p"),
    (r"apbd\s*(-|\s)?\s*p\b|apbd perubahan|perubahan apbd|anggaran perubahan|pergeseran", "apbd_p"),
    (r"ranwal|rancangan awal", "ranwal_rkpd"),
    (r"\brkpd\b", "rkpd"),
    (r"apbd|induk|murni|dpa\b", "apbd"),
    (r"pagu indikatif|kebutuhan dana", "renja"),
)
_DERIVED_MONEY = re.compile(r"sisa|selisih|bertambah|berkurang|realisasi|jumlah", re.I)
_NOT_MONEY = re.compile(r"prioritas|lokasi|sumber dana|kelompok sasaran|target", re.I)


@dataclass
class LinePlan:
    code: str
    level: int
    name: str
    source: str
    money: dict[str, int] = field(default_factory=dict)  # version → rupiah (sub kegiatan only)
    realised: int | None = None
    indicator: str = ""
    target_text: str = ""
    target_value: Decimal | None = None
    target_level: str = ""
    unit: str = ""
    # what a hand-kept data set (the demo) also knows; a document import leaves them empty
    order: int | None = None
    location: str = ""
    funding_source: str = ""
    notes: str = ""
    physical_progress: Decimal | None = None
    explanation: str = ""


@dataclass
class ImportPlan:
    year: int
    lines: dict[str, LinePlan] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)
    strategy: StrategyPlan | None = None
    period: tuple[int, int] | None = None  # the Renstra period the document names
    indicators: list[LineIndicator] = field(default_factory=list)  # of the lines
    agreements: list[AgreementPlan] = field(default_factory=list)  # Perjanjian Kinerja per version

    @property
    def sub_activities(self) -> list[LinePlan]:
        return [p for p in self.lines.values() if p.level == Level.SUB_KEGIATAN]


def _version(column: Column, table: Table) -> str | None:
    header = norm(column.header)
    if column.index in table.formulas or _NOT_MONEY.search(header):
        return None
    if _DERIVED_MONEY.search(header):
        return None  # differences, remainders, realisations: not a budget version
    for pattern, version in _VERSION_WORDS:
        if re.search(pattern, header):
            return version
    if table.kind == "plan_forecast":
        return "renja"
    return None


def _budget_columns(table: Table, year: int) -> tuple[dict[int, str], int | None]:
    """Money columns → budget version, and the realised-spending column (if any)."""
    versions: dict[int, str] = {}
    realised: int | None = None
    if table.kind == "budget_realisation":
        # (budget, realisation, %) as the checks found them, for the year imported
        triplets = [t for t in money_triplets(table) if t[0].year in (None, year)]
        if triplets:
            budget, real, _ = triplets[-1]
            versions[budget.index] = _version(budget, table) or "apbd_p"
            realised = real.index
            for column in table.by_role("money"):
                if column.index < budget.index and column.year in (None, year):
                    version = _version(column, table)
                    if version is not None and version not in versions.values():
                        versions[column.index] = version
        return versions, realised
    for column in table.by_role("money"):
        version = _version(column, table)
        if version is not None and version not in versions.values():
            versions[column.index] = version
    return versions, realised


def _target(row: Row, table: Table) -> tuple[str, Decimal | None, str, str]:
    targets = table.by_role("target")
    if not targets:
        return "", None, "", ""
    column = targets[0]
    text = row.cells[column.index].strip() if column.index < len(row.cells) else ""
    if several_numbers(text):
        return text, None, "", ""
    value = row.values.get(column.index)
    if value is not None and value.value is not None:
        return text, value.value, "", value.unit
    # a level with a program's placeholder left beside it ("Madya undefined", reported by
    # `sakip check`) is the level
    level = SOFTWARE_WORD.sub("", text).strip()
    if level and re.fullmatch(r"[A-Za-z][A-Za-z .]{0,39}", level):
        return text, None, level, ""
    return text, None, "", ""


def build_plan(report: Report, year: int) -> ImportPlan:
    """What the document says, as facts to store (pure: no database)."""
    plan = ImportPlan(year)
    money_tables = [t for t in report.tables if t.kind in ("budget_realisation", "plan_forecast", "funding")]
    money_tables = [t for t in money_tables if sum(1 for r in t.rows if r.code is not None) >= 3]
    # the table with the most coded rows first: it names the lines
    money_tables.sort(key=lambda t: -sum(1 for r in t.rows if r.code is not None))
    for table in money_tables:
        versions, realised_col = _budget_columns(table, year)
        for row in table.rows:
            code = row.code
            if code is None or code.level < Level.PROGRAM or row.is_total:
                continue
            key = code.canonical
            line = plan.lines.get(key)
            if line is None:
                name = re.sub(r"^\W*(program|kegiatan|sub kegiatan)\s*\d*\.?\s*:\s*", "", row.label, flags=re.I)
                line = plan.lines[key] = LinePlan(key, int(code.level), name.strip()[:500], table.name)
            if not line.indicator and row.indicator:
                text, value, level, unit = _target(row, table)
                line.indicator, line.target_text, line.target_value = row.indicator[:1000], text, value
                line.target_level, line.unit = level, unit
            if code.level is not Level.SUB_KEGIATAN:
                continue  # parents' money is derived, never stored
            for index, version in versions.items():
                value = row.value(index)
                if value is None or value != value.to_integral_value() or value < 0:
                    continue
                amount = int(value)
                known = line.money.get(version)
                if known is None:
                    line.money[version] = amount
                elif known != amount:
                    plan.notes.append(
                        f"{key} versi {version}: {table.name} mencetak {amount:,}, tabel lain "
                        f"{known:,}; dipakai {known:,}".replace(",", ".")
                    )
            if realised_col is not None and line.realised is None:
                value = row.value(realised_col)
                if value is not None and value == value.to_integral_value() and value >= 0:
                    line.realised = int(value)
    _resolve_cross_affair(plan)
    plan.indicators = _line_indicators(plan)
    texts = [p.text for p in report.prose] + [t.raw.caption for t in report.tables]
    plan.period = renstra_period(texts, year)
    plan.strategy = build_strategy(report.tables, year, texts)
    if plan.strategy is not None:
        plan.notes.extend(plan.strategy.notes)
        plan.period = plan.period or plan.strategy.period
    goal_names = {name_key(i.name) for i in plan.strategy.indicators} if plan.strategy else set()
    read_line_figures(plan.indicators, report.tables, plan.notes, goal_names)
    plan.agreements = build_agreements(report.tables, plan.strategy, year, plan.notes)
    if not plan.lines and plan.strategy is None:
        raise UserError(
            "tidak ada tabel program/kegiatan/sub kegiatan berkode, maupun tabel tujuan/sasaran "
            "dengan indikator, yang dapat diimpor.",
            where=report.path,
            hint="Periksa dulu dengan 'sakip check'; impor memerlukan tabel rencana atau realisasi "
            "anggaran berkode, atau tabel IKU/capaian tujuan dan sasaran.",
        )
    return plan


def _line_indicators(plan: ImportPlan) -> list[LineIndicator]:
    """The indicator of each line as the coded table prints it, with the year's target."""
    items = []
    for line in plan.lines.values():
        if not line.indicator or line.level < Level.PROGRAM:
            continue
        item = LineIndicator(
            line.code, line.level, line.indicator, unit=line.unit, line_name=line.name,
            polarity=infer_polarity(line.indicator),
        )
        if line.target_value is not None or line.target_level:
            item.targets[plan.year] = Fact(line.target_value, line.target_level[:40])
            item.target_texts[plan.year] = line.target_text
            item.target_units[plan.year] = line.unit
        items.append(item)
    return items


def _resolve_cross_affair(plan: ImportPlan) -> None:
    """One document printing the penunjang programme as ``X.XX.01`` (``0.00.01``) in one table
    and ``1.06.01`` in another: the lines are the same; keep the agency's own bidang."""
    concrete: dict[str, set[str]] = {}
    for code in plan.lines:
        rest = ".".join(code.split(".")[2:])
        if not code.startswith("X."):
            concrete.setdefault(rest, set()).add(".".join(code.split(".")[:2]))
    for code in [c for c in plan.lines if c.startswith("X.XX.")]:
        rest = ".".join(code.split(".")[2:])
        prefixes = concrete.get(rest, set())
        if len(prefixes) != 1:
            continue
        target = f"{next(iter(prefixes))}.{rest}"
        placeholder = plan.lines.pop(code)
        line = plan.lines.get(target)
        if line is None:
            placeholder.code = target
            plan.lines[target] = placeholder
            continue
        for version, amount in placeholder.money.items():
            line.money.setdefault(version, amount)
        if line.realised is None:
            line.realised = placeholder.realised
        if not line.indicator:
            line.indicator, line.target_text = placeholder.indicator, placeholder.target_text
            line.target_value, line.target_level, line.unit = (
                placeholder.target_value, placeholder.target_level, placeholder.unit,
            )
    if any(c.startswith("X.XX.") for c in plan.lines) and concrete:
        plan.notes.append("kode X.XX (penunjang) dipertahankan: bidang urusan tidak dapat dipastikan")


# --------------------------------------------------------------------------------------
# Applying the plan
# --------------------------------------------------------------------------------------


@dataclass
class Outcome:
    created: dict[str, int] = field(default_factory=dict)
    changed: list[str] = field(default_factory=list)
    unchanged: int = 0
    conflicts: list[str] = field(default_factory=list)
    written: bool = False
    items: list[str] = field(default_factory=list)  # what is (or would be) created, by name
    assumptions: list[str] = field(default_factory=list)

    def count(self, what: str, item: str = "") -> None:
        self.created[what] = self.created.get(what, 0) + 1
        if item:
            self.items.append(item)


class _Rollback(Exception):
    pass


def _parent_code(code: str, level: int) -> str | None:
    parts = code.split(".")
    if level == Level.SUB_KEGIATAN:
        return ".".join(parts[:-1])
    if level == Level.KEGIATAN:
        return ".".join(parts[:-2])
    return None


def apply_plan(
    plan: ImportPlan, agency_code: str, *, path: str, dry_run: bool = False, replace: bool = False
) -> Outcome:
    """Write the plan for one agency-year in one transaction (see the module docstring)."""
    from django.core.exceptions import ValidationError
    from django.db import transaction

    from sakip.organisations.models import Agency
    from sakip.workflow.history import audit_context

    agency = Agency.objects.filter(code=agency_code).first()
    if agency is None:
        raise UserError(
            f"perangkat daerah '{agency_code}' tidak ada.",
            hint="Periksa kodenya (sakip agency list), atau buat dulu perangkat daerahnya: sakip agency add "
                 "KODE --name NAMA --region KODE_DAERAH.",
        )
    outcome = Outcome()
    try:
        with transaction.atomic(), audit_context(reason=f"sakip import {path}"):
            if plan.lines:
                apply_lines(plan, agency, outcome, replace=replace, path=path)
            if plan.strategy is not None:
                strategic_plan = _strategic_plan(plan, agency, outcome)
                by_number = apply_strategy(plan.strategy, strategic_plan, outcome, replace=replace, path=path)
                apply_agreements(plan.agreements, by_number, agency, plan.year, outcome, replace=replace)
            _indicators(plan, agency, outcome, replace, path=path)
            if outcome.conflicts and not replace:
                raise _Rollback
            if dry_run:
                raise _Rollback
            outcome.written = True
    except _Rollback:
        outcome.written = False
    except ValidationError as error:
        raise UserError(
            f"data dokumen tidak dapat disimpan: {'; '.join(error.messages)}",
            where=path,
            hint="Tidak ada yang ditulis. Perbaiki tabelnya atau isi data ini lewat penyunting Renstra.",
        ) from error
    return outcome


def apply_lines(
    plan: ImportPlan,
    agency: Agency,
    outcome: Outcome,
    *,
    replace: bool,
    path: str,
    edition: pm.NomenclatureEdition | None = None,
    spending_note: str = "",
    bulk: bool = False,
) -> dict[str, pm.WorkPlanLine]:
    """The work plan of the year, its lines, the money of each sub kegiatan per budget
    version and the realised spending (inside the caller's transaction); returns the lines by
    code. The import of a document and the demo loader both write lines through here.

    Lines are matched by code; a different name, amount or realisation is a conflict, only
    overwritten with ``replace``. ``bulk`` creates money and spending rows in one statement
    each (no per-row audit records: for loaders that record one summary themselves)."""
    from sakip.monitoring import models as mon
    from sakip.planning import models as pm

    if edition is None:
        edition, _ = pm.NomenclatureEdition.objects.get_or_create(
            name="Kepmendagri 050-5889/2021 (impor dokumen)",
            defaults={"regulation": "Kepmendagri 050-5889/2021", "year": 2021},
        )
    work_plan, created = pm.WorkPlan.objects.get_or_create(
        agency=agency, year=plan.year, defaults={"edition": edition}
    )
    if created:
        outcome.count("rencana kerja")
    lines: dict[str, pm.WorkPlanLine] = {line.code: line for line in work_plan.lines.all()}
    allocations = {
        (a.line_id, a.version): a for a in pm.BudgetAllocation.objects.filter(line__work_plan=work_plan)
    }
    spent = {
        s.line_id: s
        for s in mon.SpendingRealisation.objects.filter(line__work_plan=work_plan, period=mon.Period.YEAR)
    }
    new_allocations: list[pm.BudgetAllocation] = []
    new_spending: list[mon.SpendingRealisation] = []
    items = list(plan.lines.values())
    if any(item.order is None for item in items):
        items.sort(key=lambda p: (p.level, p.code))
    for position, item in enumerate(items):
        line = lines.get(item.code)
        parent = lines.get(_parent_code(item.code, item.level) or "")
        if line is None:
            line = pm.WorkPlanLine.objects.create(
                work_plan=work_plan, parent=parent, code=item.code, level=item.level,
                name=item.name or item.code, location=item.location, funding_source=item.funding_source,
                notes=item.notes, order=position if item.order is None else item.order,
            )
            lines[item.code] = line
            outcome.count("baris program/kegiatan/sub kegiatan")
        elif item.name and norm(line.name) != norm(item.name):
            outcome.conflicts.append(f"{item.code}: nama tersimpan '{line.name}', dokumen '{item.name}'")
            if replace:
                line.name = item.name
                line.save()
                outcome.changed.append(f"{item.code} nama")
        else:
            outcome.unchanged += 1
        for version, amount in item.money.items():
            allocation = allocations.get((line.id, version))
            if allocation is None:
                allocation = pm.BudgetAllocation(line=line, version=version, amount=amount)
                if bulk:
                    new_allocations.append(allocation)
                else:
                    allocation.save()
                allocations[(line.id, version)] = allocation
                outcome.count(f"pagu ({version})")
            elif allocation.amount != amount:
                outcome.conflicts.append(
                    f"{item.code} pagu {version}: tersimpan {allocation.amount:,}, dokumen {amount:,}".replace(",", ".")
                )
                if replace:
                    allocation.amount = amount
                    allocation.save()
                    outcome.changed.append(f"{item.code} pagu {version}")
            else:
                outcome.unchanged += 1
        if item.realised is not None:
            spending = spent.get(line.id)
            if spending is None:
                spending = mon.SpendingRealisation(
                    line=line, period=mon.Period.YEAR, amount=item.realised,
                    physical_progress=item.physical_progress, explanation=item.explanation,
                    note=spending_note or f"Diimpor dari {path}",
                )
                if bulk:
                    new_spending.append(spending)
                else:
                    spending.save()
                spent[line.id] = spending
                outcome.count("realisasi anggaran")
            elif spending.amount != item.realised:
                outcome.conflicts.append(
                    f"{item.code} realisasi: tersimpan {spending.amount:,}, dokumen {item.realised:,}".replace(",", ".")
                )
                if replace:
                    spending.amount = item.realised
                    spending.save()
                    outcome.changed.append(f"{item.code} realisasi")
            else:
                outcome.unchanged += 1
    pm.BudgetAllocation.objects.bulk_create(new_allocations)
    mon.SpendingRealisation.objects.bulk_create(new_spending)
    return lines


# --------------------------------------------------------------------------------------
# Strategic plan: goals, objectives, their indicators, targets and realisations
# --------------------------------------------------------------------------------------


def _strategic_plan(plan: ImportPlan, agency: Agency, outcome: Outcome) -> pm.StrategicPlan:
    """The agency's strategic plan covering the year; created (named from the document's
    "Renstra 2021–2026", else for the year alone, said so) when there is none."""
    from sakip.planning import models as pm

    found = (
        pm.StrategicPlan.objects.filter(agency=agency, start_year__lte=plan.year, end_year__gte=plan.year)
        .order_by("-start_year")
        .first()
    )
    if found is not None:
        return found
    if plan.period is not None:
        start, end = plan.period
        name = f"Renstra {start}–{end}"
    else:
        start = end = plan.year
        name = f"Renstra (impor dokumen {plan.year})"
        outcome.assumptions.append(
            f"dokumen tidak menyebut periode Renstra yang mencakup {plan.year}; tujuan, sasaran dan "
            f"indikator dimasukkan ke '{name}' untuk tahun {plan.year} saja (ubah periodenya bila perlu)"
        )
    created = pm.StrategicPlan.objects.create(agency=agency, name=name, start_year=start, end_year=end)
    outcome.count("renstra", f"renstra: {name} ({start}–{end})")
    return created


_KIND_WORDS = {"number": "target angka", "ordinal": "target tingkat", "range": "target rentang"}


def _same(stored_value: Decimal | None, stored_level: str, fact: Fact, stored_upper: Decimal | None = None) -> bool:
    return (
        stored_value == fact.value
        and (stored_level or "") == fact.level
        and stored_upper == fact.upper
    )


def _stored(value: Decimal | None, level: str, upper: Decimal | None = None) -> str:
    return Fact(value, level or "", upper).show()


def _reconcile_target(target: pm.IndicatorTarget, fact: Fact, what: str, outcome: Outcome, replace: bool,
                      printed: str = "") -> None:
    """A stored target against the document's: unchanged, or a listed conflict that only
    --replace overwrites. `what` names it ("1.06.01 target 2024")."""
    if _same(target.value, target.level, fact, target.upper):
        outcome.unchanged += 1
        return
    outcome.conflicts.append(
        f"{what}: tersimpan {_stored(target.value, target.level, target.upper)}, dokumen {fact.show()}{printed}")
    if replace:
        target.value, target.upper, target.level = fact.value, fact.upper, fact.level[:40]
        target.save()
        outcome.changed.append(what)


def _reconcile_realisation(realisation: mon.IndicatorRealisation, fact: Fact, what: str, outcome: Outcome,
                           replace: bool, printed: str = "",
                           operands: tuple[Decimal | None, Decimal | None] = (None, None)) -> None:
    """A stored yearly realisation against the document's, like `_reconcile_target`; printed
    operands replace the stored ones only when there are some."""
    if _same(realisation.value, realisation.level, fact):
        outcome.unchanged += 1
        return
    outcome.conflicts.append(
        f"{what}: tersimpan {_stored(realisation.value, realisation.level)}, dokumen {fact.show()}{printed}")
    if replace:
        realisation.value, realisation.level = fact.value, fact.level[:40]
        if operands[0] is not None:
            realisation.numerator, realisation.denominator = operands
        realisation.save()
        outcome.changed.append(what)


def apply_strategy(
    strategy: StrategyPlan, strategic_plan: pm.StrategicPlan, outcome: Outcome, *, replace: bool, path: str
) -> dict[str, pm.Indicator]:
    """Goals, objectives and their indicators with targets and realisations per year, matched
    to what is stored by number, else by the normalised statement or name (inside the
    caller's transaction). Differences are conflicts; only ``replace`` overwrites them.
    Returns the indicators by number. The import of a document and the demo loader both write
    the strategic plan through here."""
    from sakip.monitoring import models as mon
    from sakip.planning import models as pm

    sp = strategic_plan
    goals: dict[str, pm.Goal] = {}
    stored_goals = list(pm.Goal.objects.filter(strategic_plan=sp))
    for order, g_item in enumerate(strategy.goals):
        goal = next((g for g in stored_goals if g.number == g_item.number), None) or next(
            (g for g in stored_goals if name_key(g.statement) == name_key(g_item.statement)), None
        )
        if goal is None:
            goal = pm.Goal.objects.create(strategic_plan=sp, number=g_item.number, statement=g_item.statement, order=order)
            stored_goals.append(goal)
            outcome.count("tujuan", f"tujuan {g_item.number}: {g_item.statement}")
        elif name_key(goal.statement) != name_key(g_item.statement):
            outcome.conflicts.append(f"tujuan {goal.number}: tersimpan '{goal.statement}', dokumen '{g_item.statement}'")
            if replace:
                goal.statement = g_item.statement
                goal.save()
                outcome.changed.append(f"tujuan {goal.number}")
        else:
            outcome.unchanged += 1
        goals[g_item.number] = goal
    objectives: dict[str, pm.Objective] = {}
    stored_objectives = list(pm.Objective.objects.filter(goal__strategic_plan=sp))
    for order, o_item in enumerate(strategy.objectives):
        parent = goals[o_item.goal]
        siblings = [o for o in stored_objectives if o.goal_id == parent.id]
        objective = next((o for o in siblings if o.number == o_item.number), None) or next(
            (o for o in siblings if name_key(o.statement) == name_key(o_item.statement)), None
        )
        if objective is None:
            objective = pm.Objective.objects.create(
                goal=parent, number=o_item.number, statement=o_item.statement, order=order
            )
            stored_objectives.append(objective)
            outcome.count("sasaran", f"sasaran {o_item.number}: {o_item.statement}")
        elif name_key(objective.statement) != name_key(o_item.statement):
            outcome.conflicts.append(
                f"sasaran {objective.number}: tersimpan '{objective.statement}', dokumen '{o_item.statement}'"
            )
            if replace:
                objective.statement = o_item.statement
                objective.save()
                outcome.changed.append(f"sasaran {objective.number}")
        else:
            outcome.unchanged += 1
        objectives[o_item.number] = objective
    subjects = (pm.Indicator.Subject.GOAL, pm.Indicator.Subject.OBJECTIVE)
    stored = list(pm.Indicator.objects.filter(strategic_plan=sp, subject__in=subjects))
    by_number: dict[str, pm.Indicator] = {}
    for order, i_item in enumerate(strategy.indicators):
        is_goal = i_item.subject == "goal"
        goal = goals[i_item.parent] if is_goal else None
        objective = None if is_goal else objectives[i_item.parent]
        same_parent = [
            i for i in stored
            if (is_goal and i.goal_id == goal.id and i.subject == pm.Indicator.Subject.GOAL)  # type: ignore[union-attr]
            or (not is_goal and i.objective_id == objective.id)  # type: ignore[union-attr]
        ]
        indicator = next((i for i in same_parent if i.number and i.number == i_item.number), None) or next(
            (i for i in same_parent if name_key(i.name) == name_key(i_item.name)), None
        )
        label = f"indikator {'tujuan' if is_goal else 'sasaran'} {i_item.number}"
        if indicator is None:
            indicator = pm.Indicator(
                strategic_plan=sp,
                subject=pm.Indicator.Subject.GOAL if is_goal else pm.Indicator.Subject.OBJECTIVE,
                goal=goal, objective=objective, number=i_item.number[:20], name=i_item.name,
                unit=i_item.unit[:60], polarity=i_item.polarity.value, target_kind=i_item.target_kind.value,
                ordinal_scale=i_item.ordinal_scale, aggregation=i_item.aggregation,
                percentage_change=i_item.percentage_change, formula=i_item.formula,
                numerator_label=i_item.numerator_label[:300], denominator_label=i_item.denominator_label[:300],
                multiplier=i_item.multiplier, data_source=i_item.data_source[:300],
                baseline_year=i_item.baseline_year,
                baseline_value=i_item.baseline.value if i_item.baseline else None,
                baseline_level=(i_item.baseline.level if i_item.baseline else "")[:40],
                end_target_value=i_item.end_target.value if i_item.end_target else None,
                end_target_level=(i_item.end_target.level if i_item.end_target else "")[:40],
                is_key=i_item.is_key, order=order if i_item.order is None else i_item.order,
            )
            indicator.full_clean()
            indicator.save()
            stored.append(indicator)
            polarity = "negatif" if i_item.polarity.value == "lower_is_better" else "positif"
            kind = _KIND_WORDS[i_item.target_kind.value] + (f" {i_item.ordinal_scale}" if i_item.ordinal_scale else "")
            outcome.count(
                "indikator tujuan/sasaran",
                f"{label}: {i_item.name} [{i_item.unit or 'tanpa satuan'}; {polarity}; {kind}]",
            )
        elif name_key(indicator.name) != name_key(i_item.name):
            outcome.conflicts.append(f"{label}: nama tersimpan '{indicator.name}', dokumen '{i_item.name}'")
            if replace:
                indicator.name = i_item.name
                indicator.save()
                outcome.changed.append(f"{label} nama")
        else:
            outcome.unchanged += 1
        targets = {t.year: t for t in pm.IndicatorTarget.objects.filter(indicator=indicator)}
        for year, fact in sorted(i_item.targets.items()):
            target = targets.get(year)
            if target is None:
                pm.IndicatorTarget.objects.create(
                    indicator=indicator, year=year, value=fact.value, upper=fact.upper, level=fact.level[:40]
                )
                outcome.count("target indikator tujuan/sasaran")
            else:
                _reconcile_target(target, fact, f"{label} target {year}", outcome, replace)
        realised = {
            r.year: r
            for r in mon.IndicatorRealisation.objects.filter(indicator=indicator, period=mon.Period.YEAR)
        }
        for year, fact in sorted(i_item.realisations.items()):
            realisation = realised.get(year)
            if realisation is None:
                numerator, denominator = i_item.operands.get(year, (None, None))
                mon.IndicatorRealisation.objects.create(
                    indicator=indicator, year=year, period=mon.Period.YEAR, value=fact.value,
                    level=fact.level[:40], numerator=numerator, denominator=denominator,
                    note=i_item.realisation_notes.get(year) or f"Diimpor dari {path}",
                )
                outcome.count("realisasi indikator tujuan/sasaran")
            else:
                _reconcile_realisation(realisation, fact, f"{label} realisasi {year}", outcome, replace)
        by_number[i_item.number] = indicator
    return by_number


def _indicators(plan: ImportPlan, agency: Agency, outcome: Outcome, replace: bool, path: str = "") -> None:
    """Indicators of the lines with their targets and realisations (facts of the Renstra)."""
    if not plan.indicators:
        return
    strategic_plan = _strategic_plan(plan, agency, outcome)
    apply_line_indicators(plan.indicators, strategic_plan, outcome, replace=replace, path=path)


_LINE_SUBJECTS = {int(Level.PROGRAM): "program", int(Level.KEGIATAN): "activity", int(Level.SUB_KEGIATAN): "sub_activity"}


def _printed(text: str, fact: Fact) -> str:
    text = text.strip()
    return f" (tertulis '{text}')" if text and text != fact.show() else ""


def apply_line_indicators(
    items: list[LineIndicator], strategic_plan: pm.StrategicPlan, outcome: Outcome, *, replace: bool, path: str
) -> dict[tuple[str, str], pm.Indicator]:
    """Indicators of programs, kegiatan and sub kegiatan with their targets and realisations
    per year (inside the caller's transaction); returns them by (code, name). The import of a
    document and the demo loaders both write line indicators through here.

    An indicator is matched to a stored one of the same code by its name, else by the closest
    name of that code (or the code's only one when one is read); a different name is a
    conflict. A different target
    or realisation is a conflict, only overwritten with ``replace``; printed achievements are
    never stored."""
    from sakip.monitoring import models as mon
    from sakip.planning import models as pm

    stored: dict[str, list[pm.Indicator]] = {}
    for ind in pm.Indicator.objects.filter(strategic_plan=strategic_plan, subject__in=list(_LINE_SUBJECTS.values())):
        stored.setdefault(ind.code, []).append(ind)
    ids = [i.id for same in stored.values() for i in same]
    targets = {(t.indicator_id, t.year): t for t in pm.IndicatorTarget.objects.filter(indicator_id__in=ids)}
    realised = {
        (r.indicator_id, r.year): r
        for r in mon.IndicatorRealisation.objects.filter(indicator_id__in=ids, period=mon.Period.YEAR)
    }
    per_code: dict[str, int] = {}
    for item in items:
        per_code[item.code] = per_code.get(item.code, 0) + 1
    result: dict[tuple[str, str], pm.Indicator] = {}
    taken: set[int] = set()  # stored indicators already matched to an item
    for order, item in enumerate(items):
        same = [i for i in stored.get(item.code, []) if i.id not in taken]
        indicator = next((i for i in same if name_key(i.name) == name_key(item.name)), None)
        if indicator is None and same:
            # reworded ("Jumlah PSKS aktif" / "Jumlah PSKS yang aktif"): the closest of the code's
            # indicators, or the code's only one when the document prints one for it
            best = max(same, key=lambda i: similarity(i.name, item.name))
            if similarity(best.name, item.name) >= 0.6 or (len(same) == 1 and per_code[item.code] == 1):
                indicator = best
        if indicator is not None and name_key(indicator.name) != name_key(item.name):
            outcome.conflicts.append(f"indikator {item.code}: nama tersimpan '{indicator.name}', dokumen '{item.name}'")
            if replace:
                indicator.name = item.name
                indicator.save()
                outcome.changed.append(f"indikator {item.code} nama")
        if indicator is None:
            indicator = pm.Indicator(
                strategic_plan=strategic_plan, subject=_LINE_SUBJECTS[item.level], code=item.code,
                name=item.name, unit=item.unit[:60], polarity=item.polarity.value,
                target_kind=item.target_kind.value, ordinal_scale=item.ordinal_scale,
                aggregation=item.aggregation,
                end_target_value=item.end_target.value if item.end_target else None,
                end_target_level=(item.end_target.level if item.end_target else "")[:40],
                order=order if item.order is None else item.order,
            )
            indicator.full_clean()
            indicator.save()
            stored.setdefault(item.code, []).append(indicator)
            outcome.count("indikator")
        else:
            outcome.unchanged += 1
        taken.add(indicator.id)
        result[(item.code, item.name)] = indicator
        for year, fact in sorted(item.targets.items()):
            target = targets.get((indicator.id, year))
            if target is None:
                target = pm.IndicatorTarget.objects.create(
                    indicator=indicator, year=year, value=fact.value, upper=fact.upper, level=fact.level[:40],
                    unit=item.target_units.get(year, "")[:60],
                )
                targets[(indicator.id, year)] = target
                outcome.count("target indikator")
            else:
                _reconcile_target(target, fact, f"{item.code} target {year}", outcome, replace,
                                  _printed(item.target_texts.get(year, ""), fact))
        for year, fact in sorted(item.realisations.items()):
            realisation = realised.get((indicator.id, year))
            numerator, denominator = item.operands.get(year, (None, None))
            if realisation is None:
                note = item.realisation_notes.get(year, f"Diimpor dari {path}")
                realised[(indicator.id, year)] = mon.IndicatorRealisation.objects.create(
                    indicator=indicator, year=year, period=mon.Period.YEAR, value=fact.value,
                    level=fact.level[:40], numerator=numerator, denominator=denominator, note=note,
                )
                outcome.count("realisasi indikator")
            else:
                _reconcile_realisation(realisation, fact, f"{item.code} realisasi indikator {year}", outcome,
                                       replace, _printed(item.realisation_texts.get(year, ""), fact),
                                       (numerator, denominator))
    return result


def apply_agreements(
    agreements: list[AgreementPlan], indicators: dict[str, pm.Indicator], agency: Agency, year: int,
    outcome: Outcome, *, replace: bool,
) -> None:
    """The Perjanjian Kinerja of the year per version with its items (indicator and target),
    matched to what is stored by indicator; a different target is a conflict, only overwritten
    with ``replace``. Items stored but not printed are left as they are. An agreement already
    stored (the demo loader creates it with its signatories first) receives the items. The
    import of a document and the demo loader both write PK items through here."""
    from sakip.planning import models as pm

    for plan in agreements:
        # a revision follows the revised budget (APBD Perubahan)
        agreement, created = pm.PerformanceAgreement.objects.get_or_create(
            agency=agency, year=year, version=plan.version,
            defaults={"budget_version": "apbd_p" if plan.version == "revised" else "apbd"},
        )
        label = f"{agreement.get_version_display()} {year}"
        if created:
            outcome.count("perjanjian kinerja", f"{label.lower()} (dari {plan.source})")
        stored = {item.indicator_id: item for item in agreement.items.all()}
        for order, row in enumerate(plan.rows):
            indicator = indicators.get(row.indicator.number)
            if indicator is None:
                continue
            fact = row.target
            item = stored.get(indicator.id)
            if item is None:
                stored[indicator.id] = pm.AgreementItem.objects.create(
                    agreement=agreement, indicator=indicator, target_value=fact.value,
                    target_level=fact.level[:40], order=order if row.order is None else row.order,
                )
                outcome.count("butir perjanjian kinerja", f"{label.lower()}: {row.indicator.number} {indicator.name} target {fact.show()}")
            elif not _same(item.target_value, item.target_level, fact):
                outcome.conflicts.append(
                    f"{label} indikator {row.indicator.number} target: tersimpan "
                    f"{_stored(item.target_value, item.target_level)}, dokumen {fact.show()}" + _printed(row.printed, fact)
                )
                if replace:
                    item.target_value, item.target_level = fact.value, fact.level[:40]
                    item.save()
                    outcome.changed.append(f"{label} indikator {row.indicator.number} target")
            else:
                outcome.unchanged += 1
