"""`sakip import`: what `sakip check` recognised, loaded as facts into the data model.

Facts only (ARCHITECTURE.md "store facts, derive figures"): the nomenclature lines of the
work plan, the money of each *sub kegiatan* per budget version, the realised spending of each
sub kegiatan, and the indicators of the lines with their target and unit for the year.
Parents' money, totals, percentages and achievements printed in the document are never
stored: they were compared by the checks and are derived again from the facts.

The whole import runs in one transaction inside ``audit_context``; a dry run and an import
that meets conflicting data (without ``--replace``) leave the database as it was.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal
from typing import TYPE_CHECKING

from sakip.common.errors import UserError
from sakip.ingest.checks import Report, money_triplets
from sakip.ingest.recognise import Column, Row, Table, norm
from sakip.rules.codes import Level

if TYPE_CHECKING:
    from sakip.organisations.models import Agency

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


@dataclass
class ImportPlan:
    year: int
    lines: dict[str, LinePlan] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)

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
    value = row.values.get(column.index)
    if value is not None and value.value is not None:
        return text, value.value, "", value.unit
    if text and re.fullmatch(r"[A-Za-z][A-Za-z .]{0,39}", text):
        return text, None, text, ""
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
    if not plan.lines:
        raise UserError(
            "tidak ada tabel program/kegiatan/sub kegiatan berkode yang dapat diimpor.",
            where=report.path,
            hint="Periksa dulu dengan 'sakip check'; impor memerlukan tabel rencana atau realisasi anggaran berkode.",
        )
    return plan


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

    def count(self, what: str) -> None:
        self.created[what] = self.created.get(what, 0) + 1


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
    from django.db import transaction

    from sakip.monitoring import models as mon
    from sakip.organisations.models import Agency
    from sakip.planning import models as pm
    from sakip.workflow.history import audit_context

    agency = Agency.objects.filter(code=agency_code).first()
    if agency is None:
        raise UserError(
            f"perangkat daerah '{agency_code}' tidak ada.",
            hint="Buat dulu perangkat daerahnya (sakip manage / admin) atau periksa kodenya.",
        )
    outcome = Outcome()
    try:
        with transaction.atomic(), audit_context(reason=f"sakip import {path}"):
            edition, _ = pm.NomenclatureEdition.objects.get_or_create(
                name="Kepmendagri 050-5889/2021 (impor dokumen)",
                defaults={"regulation": "Kepmendagri 050-5889/2021", "year": 2021},
            )
            work_plan, created = pm.WorkPlan.objects.get_or_create(
                agency=agency, year=plan.year, defaults={"edition": edition}
            )
            if created:
                outcome.count("rencana kerja")
            existing = {line.code: line for line in work_plan.lines.all()}
            lines: dict[str, pm.WorkPlanLine] = dict(existing)
            ordered = sorted(plan.lines.values(), key=lambda p: (p.level, p.code))
            for order, item in enumerate(ordered):
                line = lines.get(item.code)
                parent = lines.get(_parent_code(item.code, item.level) or "")
                if line is None:
                    line = pm.WorkPlanLine.objects.create(
                        work_plan=work_plan, parent=parent, code=item.code, level=item.level,
                        name=item.name or item.code, order=order,
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
                    allocation = pm.BudgetAllocation.objects.filter(line=line, version=version).first()
                    if allocation is None:
                        pm.BudgetAllocation.objects.create(line=line, version=version, amount=amount)
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
                    spending = mon.SpendingRealisation.objects.filter(line=line, period=mon.Period.YEAR).first()
                    if spending is None:
                        mon.SpendingRealisation.objects.create(
                            line=line, period=mon.Period.YEAR, amount=item.realised,
                            note=f"Diimpor dari {path}",
                        )
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
            _indicators(plan, agency, outcome, replace)
            if outcome.conflicts and not replace:
                raise _Rollback
            if dry_run:
                raise _Rollback
            outcome.written = True
    except _Rollback:
        outcome.written = False
    return outcome


def _indicators(plan: ImportPlan, agency: Agency, outcome: Outcome, replace: bool) -> None:
    """Indicators of the lines with their target for the year (facts of the Renstra)."""
    from sakip.planning import models as pm

    subjects = {
        int(Level.PROGRAM): pm.Indicator.Subject.PROGRAM,
        int(Level.KEGIATAN): pm.Indicator.Subject.ACTIVITY,
        int(Level.SUB_KEGIATAN): pm.Indicator.Subject.SUB_ACTIVITY,
    }
    with_indicator = [p for p in plan.lines.values() if p.indicator and p.level in subjects]
    if not with_indicator:
        return
    strategic_plan = (
        pm.StrategicPlan.objects.filter(agency=agency, start_year__lte=plan.year, end_year__gte=plan.year)
        .order_by("-start_year")
        .first()
    )
    if strategic_plan is None:
        strategic_plan = pm.StrategicPlan.objects.create(
            agency=agency, name=f"Renstra (impor dokumen {plan.year})", start_year=plan.year, end_year=plan.year
        )
        outcome.count("renstra")
    for order, item in enumerate(with_indicator):
        indicator = pm.Indicator.objects.filter(strategic_plan=strategic_plan, code=item.code).first()
        if indicator is None:
            indicator = pm.Indicator.objects.create(
                strategic_plan=strategic_plan, subject=subjects[item.level], code=item.code,
                name=item.indicator, unit=item.unit[:60], order=order,
            )
            outcome.count("indikator")
        if item.target_value is None and not item.target_level:
            continue
        target = pm.IndicatorTarget.objects.filter(indicator=indicator, year=plan.year).first()
        if target is None:
            pm.IndicatorTarget.objects.create(
                indicator=indicator, year=plan.year, value=item.target_value,
                level=item.target_level[:40], unit=item.unit[:60],
            )
            outcome.count("target indikator")
        elif target.value != item.target_value or (target.level or "") != item.target_level:
            outcome.conflicts.append(
                f"{item.code} target {plan.year}: tersimpan {target.value if target.value is not None else target.level}, "
                f"dokumen {item.target_text}"
            )
            if replace:
                target.value, target.level = item.target_value, item.target_level[:40]
                target.save()
                outcome.changed.append(f"{item.code} target")
        else:
            outcome.unchanged += 1
