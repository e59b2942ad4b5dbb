"""One agency-year as plain Python objects, loaded in a bounded number of queries.

Documents, dashboards, the API and the audit read an `AgencyYear`, never the ORM: the rules
(sakip.rules) compute every figure from these facts. Nothing here stores a derived figure;
the methods that return figures call the rules.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from decimal import Decimal
from typing import TYPE_CHECKING

from sakip.common.budget_versions import BUDGET_PRECEDENCE
from sakip.common.errors import UserError

if TYPE_CHECKING:
    from sakip.organisations.models import Agency
from sakip.rules import achievement as ach
from sakip.rules import averages, budget, renja
from sakip.rules.codes import Code, normalise_code
from sakip.rules.numbers import Score, format_number

# --------------------------------------------------------------------------------------------
# Facts


@dataclass(frozen=True)
class RegionSettings:
    lower_is_better_method: ach.LowerIsBetterMethod
    achievement_scale: str
    average_cap: Decimal | None
    absorption_threshold: Decimal
    forecast_jump_factor: Decimal
    paper_size: str


@dataclass(frozen=True)
class RegionData:
    id: int
    code: str
    name: str
    kind: str
    province_name: str
    capital: str
    settings: RegionSettings


@dataclass(frozen=True)
class PersonData:
    name: str
    position: str
    rank: str = ""
    grade: str = ""
    nip: str = ""
    is_acting: bool = False

    @property
    def rank_and_grade(self) -> str:
        return " / ".join(p for p in (self.rank, self.grade) if p)


@dataclass(frozen=True)
class AgencyData:
    id: int
    code: str
    name: str
    short_name: str
    address: str
    phone: str
    email: str
    website: str
    sectors: tuple[str, ...]


@dataclass(frozen=True)
class TargetData:
    year: int
    value: Decimal | None
    upper: Decimal | None
    level: str
    unit: str

    @property
    def as_rule_input(self) -> Decimal | str | Score | None:
        return _operand(self.value, self.level)


@dataclass(frozen=True)
class RealisationData:
    year: int
    period: int  # 0 = whole year, 1..4 = quarter
    value: Decimal | None
    level: str
    numerator: Decimal | None
    denominator: Decimal | None
    note: str


_POLARITY = {
    "higher_is_better": ach.Polarity.HIGHER_IS_BETTER,
    "lower_is_better": ach.Polarity.LOWER_IS_BETTER,
}
_TARGET_KIND = {
    "number": ach.TargetKind.NUMBER,
    "ordinal": ach.TargetKind.ORDINAL,
    "range": ach.TargetKind.RANGE,
}
_AGGREGATION = {
    "sum": renja.Aggregation.SUM,
    "last": renja.Aggregation.LAST,
    "mean": renja.Aggregation.MEAN,
}
_METHOD = {
    "inverse": ach.LowerIsBetterMethod.INVERSE,
    "two_minus": ach.LowerIsBetterMethod.TWO_MINUS,
}


@dataclass
class IndicatorData:
    id: int
    plan_id: int
    subject: str
    goal_id: int | None
    objective_id: int | None
    code: str
    number: str
    name: str
    unit: str
    polarity: ach.Polarity
    target_kind: ach.TargetKind
    ordinal_scale: str
    aggregation: renja.Aggregation
    percentage_change: bool
    formula: str
    numerator_label: str
    denominator_label: str
    multiplier: Decimal | None
    data_source: str
    baseline_year: int | None
    baseline_value: Decimal | None
    baseline_level: str
    end_target_value: Decimal | None
    end_target_level: str
    is_key: bool
    order: int
    targets: dict[int, TargetData] = field(default_factory=dict)
    realisations: list[RealisationData] = field(default_factory=list)

    # -- facts by year -----------------------------------------------------------------------
    def target(self, year: int) -> TargetData | None:
        return self.targets.get(year)

    def realisations_of(self, year: int, up_to_quarter: int = 4) -> list[RealisationData]:
        """The realisations recorded for `year`, quarters after `up_to_quarter` left out."""
        return sorted(
            (r for r in self.realisations if r.year == year and r.period <= up_to_quarter),
            key=lambda r: r.period,
        )

    def realised(self, year: int, up_to_quarter: int = 4) -> Decimal | str | Score | None:
        """The year's realisation: the whole-year figure when one was recorded, otherwise the
        quarters combined by the indicator's aggregation rule (RULES.md §6)."""
        rows = self.realisations_of(year, up_to_quarter)
        annual = [r for r in rows if r.period == 0]
        if annual and up_to_quarter == 4:
            return _operand(annual[0].value, annual[0].level)
        quarters = [r for r in rows if r.period > 0]
        if not quarters:
            return None
        if self.target_kind == ach.TargetKind.ORDINAL:
            return _operand(quarters[-1].value, quarters[-1].level)
        return renja.aggregate([r.value for r in quarters], self.aggregation)

    @property
    def scale(self) -> ach.OrdinalScale | None:
        return ach.ORDINAL_SCALES.get(self.ordinal_scale) if self.ordinal_scale else None

    @property
    def end_target(self) -> Decimal | str | None:
        return self.end_target_level or self.end_target_value

    # -- figures (computed by the rules) -------------------------------------------------------
    def achievement(
        self, year: int, settings: RegionSettings, up_to_quarter: int = 4
    ) -> ach.Achievement:
        target = self.target(year)
        return ach.achievement(
            target.as_rule_input if target else None,
            self.realised(year, up_to_quarter),
            polarity=self.polarity,
            kind=self.target_kind,
            method=settings.lower_is_better_method,
            scale=self.scale,
            percentage_change=self.percentage_change,
        )


@dataclass
class ObjectiveData:
    id: int
    number: str
    statement: str
    indicators: list[IndicatorData] = field(default_factory=list)


@dataclass
class GoalData:
    id: int
    number: str
    statement: str
    objectives: list[ObjectiveData] = field(default_factory=list)
    indicators: list[IndicatorData] = field(default_factory=list)


@dataclass
class StrategicPlanData:
    id: int
    name: str
    start_year: int
    end_year: int
    vision: str
    mission: str
    goals: list[GoalData] = field(default_factory=list)
    indicators: list[IndicatorData] = field(default_factory=list)

    def covers(self, year: int) -> bool:
        return self.start_year <= year <= self.end_year

    @property
    def key_indicators(self) -> list[IndicatorData]:
        return [i for i in self.indicators if i.is_key]


@dataclass(frozen=True)
class SpendingData:
    period: int
    amount: int
    physical_progress: Decimal | None
    explanation: str
    note: str


@dataclass
class LineData:
    """A program, kegiatan or sub kegiatan of the work plan."""

    id: int
    code: str
    level: int
    name: str
    location: str
    funding_source: str
    target_group: str
    notes: str
    order: int
    parent: LineData | None = None
    children: list[LineData] = field(default_factory=list)
    allocations: dict[str, int] = field(default_factory=dict)
    spending: list[SpendingData] = field(default_factory=list)
    indicators: list[IndicatorData] = field(default_factory=list)

    @property
    def is_leaf(self) -> bool:
        return self.level == 5

    def leaves(self) -> Iterator[LineData]:
        if self.is_leaf:
            yield self
        for child in self.children:
            yield from child.leaves()

    def walk(self) -> Iterator[LineData]:
        yield self
        for child in self.children:
            yield from child.walk()

    # Money: facts on the leaves, sums through the rules.
    def budget(self, version: str) -> int | None:
        """Pagu of this line in a budget version: Σ of its sub kegiatan (RULES.md §4).
        None when no sub kegiatan below it has money in that version."""
        amounts = [leaf.allocations[version] for leaf in self.leaves() if version in leaf.allocations]
        if not amounts:
            return None
        return budget.total_amounts(amounts)

    def realised(self, up_to_quarter: int = 4) -> int:
        amounts = [
            s.amount for leaf in self.leaves() for s in leaf.spending if s.period <= up_to_quarter
        ]
        return budget.total_amounts(amounts)

    def latest_explanation(self) -> str:
        notes = [s for s in sorted(self.spending, key=lambda s: s.period) if s.explanation]
        return notes[-1].explanation if notes else ""

    def physical_progress(self, up_to_quarter: int = 4) -> Decimal | None:
        if self.is_leaf:
            rows = [s for s in self.spending if s.period <= up_to_quarter and s.physical_progress is not None]
            return max(rows, key=lambda s: s.period).physical_progress if rows else None
        values = [leaf.physical_progress(up_to_quarter) for leaf in self.leaves()]
        return averages.physical_progress_mean([v for v in values if v is not None])


@dataclass
class WorkPlanData:
    id: int
    year: int
    edition: str
    programs: list[LineData] = field(default_factory=list)
    by_code: dict[str, LineData] = field(default_factory=dict)

    def lines(self) -> Iterator[LineData]:
        for program in self.programs:
            yield from program.walk()

    def sub_activities(self) -> list[LineData]:
        return [line for line in self.lines() if line.is_leaf]

    def versions_present(self) -> list[str]:
        present = {v for leaf in self.sub_activities() for v in leaf.allocations}
        return [v for v in BUDGET_PRECEDENCE if v in present]

    @property
    def budget_version(self) -> str | None:
        """The budget of record: the latest version that has money (APBD-P over APBD …)."""
        versions = self.versions_present()
        return versions[0] if versions else None

    def total_budget(self, version: str | None = None) -> int | None:
        version = version or self.budget_version
        if version is None:
            return None
        amounts = [leaf.allocations[version] for leaf in self.sub_activities() if version in leaf.allocations]
        return budget.total_amounts(amounts) if amounts else None

    def total_realised(self, up_to_quarter: int = 4) -> int:
        return budget.total_amounts(p.realised(up_to_quarter) for p in self.programs)

    def absorption(self, up_to_quarter: int = 4) -> budget.Ratio:
        total = self.total_budget()
        return budget.absorption(self.total_realised(up_to_quarter), total or 0)

    def count(self, level: int) -> int:
        return sum(1 for line in self.lines() if line.level == level)



@dataclass(frozen=True)
class AgreementItemData:
    indicator: IndicatorData
    target_value: Decimal | None
    target_level: str


@dataclass
class AgreementData:
    id: int
    version: str
    signed_on: object
    place: str
    first_party: PersonData | None
    second_party: PersonData | None
    budget_version: str
    items: list[AgreementItemData] = field(default_factory=list)
    program_codes: list[tuple[str, str]] = field(default_factory=list)  # (code, note)


@dataclass
class SakipEvaluationData:
    year: int
    framework: str
    score: Decimal | None
    printed_grade: str
    evaluator: str
    components: dict[str, Decimal] = field(default_factory=dict)
    recommendations: list[tuple[str, str]] = field(default_factory=list)


@dataclass(frozen=True)
class StaffRowData:
    """Staff with one kind of education: (male, female) counts per employment status."""

    group: str
    education: str
    civil_servant: tuple[int | None, int | None]
    contract: tuple[int | None, int | None]
    honorary: tuple[int | None, int | None]

    @property
    def statuses(self) -> tuple[tuple[int | None, int | None], ...]:
        return (self.civil_servant, self.contract, self.honorary)


@dataclass
class AgencyYear:
    """Everything one agency-year's documents and pages are made from."""

    year: int
    region: RegionData
    agency: AgencyData
    head: PersonData | None
    officials: list[PersonData]
    region_head: PersonData | None
    strategic_plan: StrategicPlanData | None
    strategic_plans: list[StrategicPlanData]
    work_plan: WorkPlanData | None
    agreements: list[AgreementData]
    evaluations: list[SakipEvaluationData]
    narratives: dict[tuple[str, str], str]
    statuses: dict[str, str]  # document → state (sakip.workflow.DocumentStatus)
    published: bool
    staff: list[StaffRowData] = field(default_factory=list)  # at 31 December of the year
    approved_on: dict[str, dt.date] = field(default_factory=dict)  # document → day locked (signed)

    @property
    def report_status(self) -> str | None:
        return self.statuses.get("lkjip")

    @property
    def settings(self) -> RegionSettings:
        return self.region.settings

    def indicators_for_code(self, code: str) -> list[IndicatorData]:
        """Indicators measuring a program/kegiatan/sub kegiatan in this year's strategic plan."""
        plan = self.strategic_plan
        if plan is None:
            return []
        return [i for i in plan.indicators if i.code == code]

    def narrative(self, document: str, section: str) -> str:
        return self.narratives.get((document, section), "")

    def agreement(self, version: str | None = None) -> AgreementData | None:
        """The revised agreement when there is one (or the version asked for)."""
        if version:
            return next((a for a in self.agreements if a.version == version), None)
        for wanted in ("revised", "original"):
            found = next((a for a in self.agreements if a.version == wanted), None)
            if found:
                return found
        return None


# --------------------------------------------------------------------------------------------
# Loading


def load(agency_code: str, year: int) -> AgencyYear:
    """Load one agency-year. Raises UserError naming the agency when it does not exist."""
    from sakip.organisations.models import Agency as AgencyModel

    agency = AgencyModel.objects.select_related("region").filter(code=agency_code).first()
    if agency is None:
        known = ", ".join(AgencyModel.objects.order_by("code").values_list("code", flat=True)) or "belum ada"
        raise UserError(
            f"perangkat daerah dengan kode '{agency_code}' tidak ada.",
            hint=f"Kode yang ada: {known}.",
        )
    return load_agency(agency, year)


def load_agency(agency: Agency, year: int) -> AgencyYear:
    from django.utils import timezone

    from sakip.monitoring import models as mon
    from sakip.organisations.models import Official, RegionHead, StaffCount
    from sakip.planning import models as plan
    from sakip.workflow.models import DocumentStatus, StatusEvent

    region = agency.region
    settings = RegionSettings(
        lower_is_better_method=_METHOD[region.lower_is_better_method],
        achievement_scale=region.achievement_scale,
        average_cap=_d(region.average_cap),
        absorption_threshold=_d(region.absorption_threshold) or Decimal(0),
        forecast_jump_factor=region.forecast_jump_factor,
        paper_size=region.paper_size,
    )
    region_data = RegionData(
        id=region.id, code=region.code, name=region.name, kind=region.kind,
        province_name=region.province_name, capital=region.capital, settings=settings,
    )
    agency_data = AgencyData(
        id=agency.id, code=agency.code, name=agency.name,
        short_name=agency.short_name, address=agency.address,
        phone=agency.phone, email=agency.email, website=agency.website,
        sectors=tuple(agency.sectors),
    )

    # Officials and the region head in office for the year (latest start first).
    officials: list[PersonData] = []
    head: PersonData | None = None
    official_rows = list(Official.objects.filter(agency=agency).order_by("-is_head", "-valid_from"))
    official_by_id: dict[int, PersonData] = {}
    for o in official_rows:
        person = PersonData(
            name=o.name, position=o.display_position, rank=o.rank, grade=o.grade, nip=o.nip,
            is_acting=o.is_acting,
        )
        official_by_id[o.id] = person
        if _in_office(o.valid_from, o.valid_to, year):
            officials.append(person)
            if o.is_head and head is None:
                head = person
    head_rows = list(RegionHead.objects.filter(region=region).order_by("-valid_from"))
    head_by_id: dict[int, PersonData] = {}
    region_head: PersonData | None = None
    for h in head_rows:
        person = PersonData(name=h.name, position=h.display_title, is_acting=h.is_acting)
        head_by_id[h.id] = person
        if region_head is None and _in_office(h.valid_from, h.valid_to, year):
            region_head = person

    # Strategic plans: all of the agency (earlier periods give the multi-year series).
    plans = list(plan.StrategicPlan.objects.filter(agency=agency).order_by("start_year"))
    plan_data = {
        p.id: StrategicPlanData(
            id=p.id, name=p.name, start_year=p.start_year, end_year=p.end_year,
            vision=p.vision, mission=p.mission,
        )
        for p in plans
    }
    goals: dict[int, GoalData] = {}
    for g in plan.Goal.objects.filter(strategic_plan__agency=agency).order_by("order", "number"):
        goals[g.id] = GoalData(id=g.id, number=g.number, statement=g.statement)
        plan_data[g.strategic_plan_id].goals.append(goals[g.id])
    objectives: dict[int, ObjectiveData] = {}
    for obj in plan.Objective.objects.filter(goal__strategic_plan__agency=agency).order_by(
        "order", "number"
    ):
        objectives[obj.id] = ObjectiveData(id=obj.id, number=obj.number, statement=obj.statement)
        goals[obj.goal_id].objectives.append(objectives[obj.id])
    # The large tables are read as tuples (no model instances): they dominate the load time.
    indicators: dict[int, IndicatorData] = {}
    ind_fields = (
        "id", "strategic_plan_id", "subject", "goal_id", "objective_id", "code", "number",
        "name", "unit", "polarity", "target_kind", "ordinal_scale", "aggregation",
        "percentage_change", "formula", "numerator_label", "denominator_label", "multiplier",
        "data_source", "baseline_year", "baseline_value", "baseline_level", "end_target_value",
        "end_target_level", "is_key", "order",
    )
    for i in (
        plan.Indicator.objects.filter(strategic_plan__agency=agency)
        .order_by("order", "id")
        .values(*ind_fields)
    ):
        data = IndicatorData(
            id=i["id"], plan_id=i["strategic_plan_id"], subject=i["subject"],
            goal_id=i["goal_id"], objective_id=i["objective_id"], code=i["code"],
            number=i["number"], name=i["name"], unit=i["unit"],
            polarity=_POLARITY[i["polarity"]], target_kind=_TARGET_KIND[i["target_kind"]],
            ordinal_scale=i["ordinal_scale"], aggregation=_AGGREGATION[i["aggregation"]],
            percentage_change=i["percentage_change"], formula=i["formula"],
            numerator_label=i["numerator_label"], denominator_label=i["denominator_label"],
            multiplier=_d(i["multiplier"]), data_source=i["data_source"],
            baseline_year=i["baseline_year"], baseline_value=_d(i["baseline_value"]),
            baseline_level=i["baseline_level"], end_target_value=_d(i["end_target_value"]),
            end_target_level=i["end_target_level"], is_key=i["is_key"], order=i["order"],
        )
        indicators[data.id] = data
        plan_data[data.plan_id].indicators.append(data)
        if data.objective_id:
            objectives[data.objective_id].indicators.append(data)
        elif data.goal_id:
            goals[data.goal_id].indicators.append(data)
    for ind_id, t_year, value, upper, level, unit in plan.IndicatorTarget.objects.filter(
        indicator__strategic_plan__agency=agency
    ).values_list("indicator_id", "year", "value", "upper", "level", "unit"):
        indicators[ind_id].targets[t_year] = TargetData(
            year=t_year, value=_d(value), upper=_d(upper), level=level, unit=unit
        )
    for ind_id, r_year, period, value, level, num, den, note in (
        mon.IndicatorRealisation.objects.filter(indicator__strategic_plan__agency=agency)
        .order_by("year", "period")
        .values_list("indicator_id", "year", "period", "value", "level", "numerator",
                     "denominator", "note")
    ):
        indicators[ind_id].realisations.append(
            RealisationData(
                year=r_year, period=period, value=_d(value), level=level,
                numerator=_d(num), denominator=_d(den), note=note,
            )
        )
    current_plan = next((p for p in plan_data.values() if p.covers(year)), None)

    # The work plan of the year with its money.
    work_plan_data: WorkPlanData | None = None
    wp = plan.WorkPlan.objects.select_related("edition").filter(agency=agency, year=year).first()
    if wp is not None:
        work_plan_data = WorkPlanData(id=wp.id, year=wp.year, edition=wp.edition.name)
        lines: dict[int, LineData] = {}
        parent_of: dict[int, int | None] = {}
        for line_id, parent_id, line_code, line_level, name, location, funding, group, notes, order in (
            plan.WorkPlanLine.objects.filter(work_plan=wp)
            .order_by("order", "code")
            .values_list("id", "parent_id", "code", "level", "name", "location",
                         "funding_source", "target_group", "notes", "order")
        ):
            lines[line_id] = LineData(
                id=line_id, code=line_code, level=line_level, name=name, location=location,
                funding_source=funding, target_group=group, notes=notes, order=order,
            )
            parent_of[line_id] = parent_id
        for line_id, parent in parent_of.items():
            node = lines[line_id]
            if parent is None:
                work_plan_data.programs.append(node)
            else:
                node.parent = lines[parent]
                lines[parent].children.append(node)
            work_plan_data.by_code[node.code] = node
        for line_id, version, amount in plan.BudgetAllocation.objects.filter(
            line__work_plan=wp
        ).values_list("line_id", "version", "amount"):
            lines[line_id].allocations[version] = amount
        for line_id, period, amount, progress, explanation, note in (
            mon.SpendingRealisation.objects.filter(line__work_plan=wp)
            .order_by("period")
            .values_list("line_id", "period", "amount", "physical_progress", "explanation", "note")
        ):
            lines[line_id].spending.append(
                SpendingData(
                    period=period, amount=amount, physical_progress=_d(progress),
                    explanation=explanation, note=note,
                )
            )
        if current_plan is not None:
            by_code: dict[str, list[IndicatorData]] = defaultdict(list)
            for ind in current_plan.indicators:
                if ind.code:
                    by_code[ind.code].append(ind)
            for line in lines.values():
                line.indicators = by_code.get(line.code, [])

    # Agreements of the year.
    agreements: list[AgreementData] = []
    agreement_rows = list(plan.PerformanceAgreement.objects.filter(agency=agency, year=year))
    by_agreement: dict[int, AgreementData] = {}
    for a in agreement_rows:
        by_agreement[a.id] = AgreementData(
            id=a.id, version=a.version, signed_on=a.signed_on, place=a.place,
            first_party=official_by_id.get(a.first_party_id) if a.first_party_id else None,
            second_party=head_by_id.get(a.second_party_id) if a.second_party_id else None,
            budget_version=a.budget_version,
        )
        agreements.append(by_agreement[a.id])
    if by_agreement:
        for item in plan.AgreementItem.objects.filter(agreement_id__in=by_agreement).order_by(
            "order", "id"
        ):
            by_agreement[item.agreement_id].items.append(
                AgreementItemData(
                    indicator=indicators[item.indicator_id],
                    target_value=_d(item.target_value),
                    target_level=item.target_level,
                )
            )
        for prog in plan.AgreementProgram.objects.filter(agreement_id__in=by_agreement).order_by(
            "order", "code"
        ):
            by_agreement[prog.agreement_id].program_codes.append((prog.code, prog.note))

    # SAKIP evaluations up to this year.
    evaluations: dict[int, SakipEvaluationData] = {}
    for e in mon.SakipEvaluation.objects.filter(agency=agency, year__lte=year).order_by("year"):
        evaluations[e.id] = SakipEvaluationData(
            year=e.year, framework=e.framework, score=_d(e.score), printed_grade=e.grade,
            evaluator=e.evaluator,
        )
    if evaluations:
        for c in mon.SakipComponentScore.objects.filter(evaluation_id__in=evaluations):
            evaluations[c.evaluation_id].components[c.component] = _d(c.score) or Decimal(0)
        for rec in mon.SakipRecommendation.objects.filter(evaluation_id__in=evaluations).order_by(
            "order", "id"
        ):
            evaluations[rec.evaluation_id].recommendations.append(
                (rec.recommendation, rec.follow_up)
            )

    narratives = {
        (n.document, n.section): n.text
        for n in plan.Narrative.objects.filter(agency=agency, year=year)
    }
    staff = [
        StaffRowData(
            group=s.group, education=s.education,
            civil_servant=(s.civil_servant_male, s.civil_servant_female),
            contract=(s.contract_male, s.contract_female),
            honorary=(s.honorary_male, s.honorary_female),
        )
        for s in StaffCount.objects.filter(agency=agency, year=year).order_by("group_order", "order")
    ]
    report = mon.PerformanceReport.objects.filter(agency=agency, year=year).first()
    statuses = dict(
        DocumentStatus.objects.filter(agency=agency, year=year, quarter=0).values_list(
            "document", "state"
        )
    )
    # The day a document was approved (locked) by the head is the day it is signed; a document
    # reopened since has no signing date.
    approved_on: dict[str, dt.date] = {}
    for document, at in StatusEvent.objects.filter(
        status__agency=agency, status__year=year, status__quarter=0,
        to_state=DocumentStatus.State.FINAL,
    ).order_by("at", "id").values_list("status__document", "at"):
        if statuses.get(document) == DocumentStatus.State.FINAL:
            approved_on[document] = timezone.localtime(at).date()

    return AgencyYear(
        year=year,
        region=region_data,
        agency=agency_data,
        head=head,
        officials=officials,
        region_head=region_head,
        strategic_plan=current_plan,
        strategic_plans=list(plan_data.values()),
        work_plan=work_plan_data,
        agreements=agreements,
        evaluations=list(evaluations.values()),
        narratives=narratives,
        statuses=statuses,
        published=bool(report and report.published_at),
        staff=staff,
        approved_on=approved_on,
    )


def _operand(value: Decimal | None, level: str) -> Decimal | str | Score | None:
    """What the rules take for a target or realisation: a number, a level, or both (a level
    with its score, as in `BB (73,00)`)."""
    if level and value is not None:
        return Score(value=value, level=level, text=f"{level} ({format_number(value, 2)})")
    return level or value


def _d(value: Decimal | None) -> Decimal | None:
    """A Decimal from the database without the column's padding zeros (3.2000 → 3.2)."""
    if value is None:
        return None
    if value == value.to_integral_value():
        return value.quantize(Decimal(1))
    return value.normalize()


def _in_office(start: object, end: object, year: int) -> bool:
    start_year = getattr(start, "year", None)
    end_year = getattr(end, "year", None)
    if start_year is not None and start_year > year:
        return False
    return not (end_year is not None and end_year < year)


def code_of(text: str, urusan: str | None = None) -> Code:
    """Normalise a code typed by a person (RULES.md §2); UserError when it cannot be read."""
    from sakip.rules.codes import CodeError

    try:
        return normalise_code(text, urusan=urusan)
    except CodeError as exc:
        raise UserError(str(exc)) from exc


def iter_indicators(plans: Iterable[StrategicPlanData]) -> Iterator[IndicatorData]:
    for p in plans:
        yield from p.indicators
