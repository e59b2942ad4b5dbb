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


def test_readers_missing_at_once_wait_for_one_load(monkeypatch):
    """After a save every reader of the agency misses together: one thread loads, the others
    wait for its agency-year instead of running the same queries again; a later state is
    loaded anew, and a failed load lets a waiting thread load instead."""
    import threading
    import time

    from sakip.organisations.models import Agency

    datacache.clear()
    state = {"stamp": ("a",), "fail": False}
    loads: list[object] = []

    def slow_load(agency, year):
        time.sleep(0.2)
        if state["fail"]:
            state["fail"] = False
            raise RuntimeError("database went away")
        loads.append(object())
        return loads[-1]

    monkeypatch.setattr(datacache, "stamp", lambda agency, year: state["stamp"])
    monkeypatch.setattr(datacache.dataset, "load_agency", slow_load)
    agency = Agency(pk=987654, code="uji", name="Dinas Uji")
    got: list[object] = []
    errors: list[BaseException] = []

    def reader():
        try:
            got.append(datacache.load(agency, 2024))
        except BaseException as exc:  # noqa: BLE001 (asserted below)
            errors.append(exc)

    def crowd(n=6):
        threads = [threading.Thread(target=reader) for _ in range(n)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()

    crowd()
    assert errors == [] and len(loads) == 1 and got == [loads[0]] * 6
    state["stamp"] = ("b",)  # a change: the next crowd loads once more
    got.clear()
    crowd()
    assert len(loads) == 2 and got == [loads[1]] * 6
    state["stamp"], state["fail"] = ("c",), True  # the loading thread fails: one other loads
    got.clear()
    crowd()
    assert len(errors) == 1 and len(loads) == 3 and got == [loads[2]] * 5
    datacache.clear()
