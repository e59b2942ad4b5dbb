"""The audit trail records every change to a stored fact; a stale edit is refused."""

from decimal import Decimal

import pytest
from django.contrib.auth import get_user_model

from sakip.monitoring.models import SpendingRealisation
from sakip.planning.models import IndicatorTarget
from sakip.workflow.history import StaleEdit, audit_context, ensure_unchanged
from sakip.workflow.models import Change


@pytest.fixture
def people(db):
    make = get_user_model().objects.create_user
    return make("ani", first_name="Ani"), make("budi", first_name="Budi")


def test_an_update_records_who_when_old_new_and_why(belitung, people):
    ani, _ = people
    spent = SpendingRealisation.objects.get(line__code="1.06.07.2.01.0002")
    with audit_context(ani, reason="koreksi SP2D"):
        spent.amount = 6_000_000
        spent.save()
    change = Change.objects.filter(object_id=spent.pk, field="amount").first()
    assert (change.old_value, change.new_value) == ("5730400", "6000000")
    assert change.user == ani and change.reason == "koreksi SP2D"
    assert change.agency_id == belitung.pk and change.action == "update"


def test_saving_without_a_change_records_nothing(belitung):
    target = IndicatorTarget.objects.filter(indicator__strategic_plan__agency=belitung).first()
    before = Change.objects.count()
    target.save()
    assert Change.objects.count() == before


def test_decimal_padding_is_not_a_change(belitung):
    target = IndicatorTarget.objects.filter(indicator__strategic_plan__agency=belitung, value__isnull=False).first()
    target.value = Decimal(str(target.value.normalize()))
    before = Change.objects.count()
    target.save()
    assert Change.objects.count() == before


def test_create_and_delete_are_recorded(belitung, people):
    ani, _ = people
    target = IndicatorTarget.objects.filter(indicator__strategic_plan__agency=belitung).first()
    pk = target.pk
    with audit_context(ani):
        target.delete()
    assert Change.objects.filter(action="delete", object_id=pk, user=ani).exists()
    with audit_context(ani):
        again = IndicatorTarget.objects.create(indicator=target.indicator, year=2030, value=1)
    created = Change.objects.get(action="create", object_id=again.pk, content_type__model="indicatortarget")
    assert "year=2030" in created.new_value


def test_second_save_of_the_same_figure_is_refused_with_the_other_persons_change(belitung, people):
    ani, budi = people
    # Both open the same realisation.
    for_ani = SpendingRealisation.objects.get(line__code="1.06.07.2.01.0002")
    for_budi = SpendingRealisation.objects.get(pk=for_ani.pk)
    seen_by_budi = {"amount": for_budi.amount}
    with audit_context(ani):
        ensure_unchanged(for_ani, {"amount": for_ani.amount})
        for_ani.amount = 6_000_000
        for_ani.save()
    with pytest.raises(StaleEdit) as refused:
        ensure_unchanged(for_budi, seen_by_budi)
    message = refused.value.text()
    assert "Ani" in message and "6000000" in message and "belum disimpan" in message
    for_budi.refresh_from_db()
    assert for_budi.amount == 6_000_000
