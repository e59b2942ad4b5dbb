"""sakip.dataset: one agency-year in a bounded number of queries, figures through the rules."""

from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from sakip import dataset
from sakip.common.errors import UserError

MAX_QUERIES = 25


def test_belitung_loads_in_bounded_queries(belitung):
    with CaptureQueriesContext(connection) as ctx:
        ay = dataset.load("belitung", 2024)
    assert len(ctx.captured_queries) <= MAX_QUERIES
    assert ay.work_plan is not None and ay.strategic_plan is not None
    assert len(ay.work_plan.sub_activities()) == 55


def test_query_count_does_not_grow_with_data(belitung):
    """Adding lines and indicators must not add queries (no N+1)."""
    from sakip.planning.models import Indicator, IndicatorTarget, WorkPlanLine

    with CaptureQueriesContext(connection) as before:
        dataset.load("belitung", 2024)
    program = WorkPlanLine.objects.get(work_plan__agency__code="belitung", code="1.06.02")
    activity = WorkPlanLine.objects.create(
        work_plan=program.work_plan, parent=program, code="1.06.02.2.09", level=4, name="Uji"
    )
    plan = Indicator.objects.filter(strategic_plan__agency__code="belitung").first().strategic_plan
    for n in range(20):
        sub = WorkPlanLine.objects.create(
            work_plan=program.work_plan, parent=activity, code=f"1.06.02.2.09.{n:04d}", level=5,
            name=f"Uji {n}",
        )
        ind = Indicator.objects.create(strategic_plan=plan, subject="sub_activity", code=sub.code, name="x")
        IndicatorTarget.objects.create(indicator=ind, year=2024, value=Decimal(5))
    with CaptureQueriesContext(connection) as after:
        dataset.load("belitung", 2024)
    assert len(after.captured_queries) == len(before.captured_queries)


def test_headline_figures_are_computed_not_stored(belitung):
    ay = dataset.load("belitung", 2024)
    wp = ay.work_plan
    assert wp.budget_version == "apbd_p"
    assert wp.total_budget() == 10_314_852_053
    assert wp.total_budget("apbd") == 9_503_811_091
    assert wp.total_realised() == 9_521_256_875
    assert str(wp.absorption().rounded) == "92.31"
    program = wp.by_code["1.06.03"]
    assert program.budget("apbd_p") == 41_256_200
    ratio = next(i for i in ay.strategic_plan.key_indicators if i.number == "3.1.2")
    assert str(ratio.achievement(2024, ay.settings).rounded) == "71.91"


def test_quarters_after_the_one_asked_for_are_ignored(belitung):
    from sakip.monitoring.models import IndicatorRealisation
    from sakip.planning.models import Indicator

    ind = Indicator.objects.get(strategic_plan__agency__code="belitung", code="1.06.01.2.01.0001")
    IndicatorRealisation.objects.filter(indicator=ind).delete()
    for quarter, value in ((1, 1), (2, 1), (3, 0), (4, 1)):
        IndicatorRealisation.objects.create(indicator=ind, year=2024, period=quarter, value=value)
    data = next(i for i in dataset.load("belitung", 2024).strategic_plan.indicators if i.id == ind.id)
    assert data.aggregation == "sum"
    assert data.realised(2024, up_to_quarter=2) == 2
    assert data.realised(2024) == 3


def test_unknown_agency_names_the_code_and_lists_known_ones(belitung):
    with pytest.raises(UserError) as exc:
        dataset.load("belitong", 2024)
    assert "belitong" in exc.value.text() and "belitung" in exc.value.text()
