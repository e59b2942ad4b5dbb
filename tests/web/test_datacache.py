"""The in-memory agency-year cache: reused while nothing changed, reloaded after any change."""

from sakip.monitoring.models import SpendingRealisation
from sakip.web import datacache
from sakip.workflow import transitions
from sakip.workflow.history import audit_context


def test_reused_until_a_fact_or_a_status_changes(demo_data, people):
    belitung = demo_data["belitung"]
    first = datacache.load(belitung, 2024)
    assert datacache.load(belitung, 2024) is first
    spent = SpendingRealisation.objects.filter(line__work_plan__agency=belitung).first()
    with audit_context(people["operator.belitung"], reason="uji"):
        spent.amount += 1
        spent.save()
    second = datacache.load(belitung, 2024)
    assert second is not first
    assert second.work_plan.total_realised() == first.work_plan.total_realised() + 1
    transitions.move(people["operator.belitung"], belitung, 2024, "renja", "submit")
    third = datacache.load(belitung, 2024)
    assert third is not second and third.statuses["renja"] == "submitted"
    # Another agency's change does not throw this one away.
    assert datacache.load(demo_data["batubara"], 2024) is not None
    assert datacache.load(belitung, 2024) is third
