"""The document cycle: who may make which move, comments where required, stale moves refused."""

import pytest

from sakip.workflow import transitions as t
from sakip.workflow.models import DocumentStatus, StatusEvent

State = DocumentStatus.State


@pytest.fixture
def people(demo):
    from django.contrib.auth import get_user_model

    users = get_user_model().objects
    return {u.username: u for u in users.all()}


def test_renja_goes_through_the_whole_cycle(demo, people):
    agency = demo["belitung"]
    op, head, bappeda = people["operator.belitung"], people["kadis.belitung"], people["bappeda.belitung"]
    assert t.can_edit(op, agency, 2024, "renja")
    t.move(op, agency, 2024, "renja", "submit")
    assert not t.can_edit(op, agency, 2024, "renja"), "waiting for Bappeda: no edits"
    t.move(bappeda, agency, 2024, "renja", "verify")
    t.move(head, agency, 2024, "renja", "approve")
    assert t.is_locked(agency, 2024, "renja")
    assert not t.can_edit(head, agency, 2024, "renja")
    events = list(StatusEvent.objects.filter(status__agency=agency, status__document="renja").order_by("at", "id"))
    assert [(e.from_state, e.to_state, e.user.username) for e in events] == [
        (State.DRAFT, State.SUBMITTED, "operator.belitung"),
        (State.SUBMITTED, State.VERIFIED, "bappeda.belitung"),
        (State.VERIFIED, State.FINAL, "kadis.belitung"),
    ]


def test_lkjip_is_reviewed_by_inspektorat_not_bappeda(demo, people):
    agency = demo["belitung"]
    t.move(people["operator.belitung"], agency, 2025, "lkjip", "submit")
    with pytest.raises(t.TransitionRefused):
        t.move(people["bappeda.belitung"], agency, 2025, "lkjip", "verify")
    t.move(people["inspektorat.belitung"], agency, 2025, "lkjip", "review")
    assert t.status_of(agency, 2025, "lkjip").state == State.REVIEWED


def test_an_operator_cannot_act_on_another_agency(demo, people):
    other = demo["batubara"]
    op = people["operator.belitung"]
    assert not t.can_edit(op, other, 2024, "renja")
    with pytest.raises(t.TransitionRefused):
        t.move(op, other, 2024, "renja", "submit")
    assert not DocumentStatus.objects.filter(agency=other, state=State.SUBMITTED).exists()


def test_return_needs_a_comment_and_reopens_editing(demo, people):
    agency = demo["belitung"]
    op, bappeda = people["operator.belitung"], people["bappeda.belitung"]
    t.move(op, agency, 2025, "pk", "submit")
    with pytest.raises(t.TransitionRefused, match="memerlukan catatan"):
        t.move(bappeda, agency, 2025, "pk", "return", comment="  ")
    t.move(bappeda, agency, 2025, "pk", "return", comment="Target IKU 2 belum sesuai Renstra")
    assert t.can_edit(op, agency, 2025, "pk")
    assert StatusEvent.objects.filter(comment__contains="IKU 2").exists()


def test_a_move_from_a_stale_page_is_refused(demo, people):
    agency = demo["belitung"]
    op, head = people["operator.belitung"], people["kadis.belitung"]
    t.move(op, agency, 2024, "renja", "submit", expected_state=State.DRAFT)
    with pytest.raises(t.TransitionRefused, match="diubah orang lain"):
        t.move(head, agency, 2024, "renja", "submit", expected_state=State.DRAFT)


def test_only_the_region_admin_reopens_a_final_document(demo, people):
    agency = demo["belitung"]
    t.move(people["operator.belitung"], agency, 2024, "renja", "submit")
    t.move(people["bappeda.belitung"], agency, 2024, "renja", "verify")
    t.move(people["kadis.belitung"], agency, 2024, "renja", "approve")
    status = t.status_of(agency, 2024, "renja")
    assert [a.key for a in t.allowed_actions(people["kadis.belitung"], status)] == []
    assert [a.key for a in t.allowed_actions(people["admin"], status)] == ["reopen"]
    t.move(people["admin"], agency, 2024, "renja", "reopen", comment="Pergeseran anggaran")
    assert t.can_edit(people["operator.belitung"], agency, 2024, "renja")
    assert t.allowed_actions(None, status) == []
