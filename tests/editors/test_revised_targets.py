"""Targets per budget version: with a perubahan version shown, the Renja editor's indicator rows
edit the revised target; the original target stays as it was."""

from __future__ import annotations

from decimal import Decimal

import pytest

from sakip.planning.models import Indicator, IndicatorTarget
from sakip.workflow.models import Change

BASE = "/pd/belitung/2024/ubah/renja/"
LEAF = "1.06.01.2.01.0001"


@pytest.fixture
def indicator(belitung):
    ind = Indicator.objects.filter(strategic_plan__agency=belitung, code=LEAF).first()
    IndicatorTarget.objects.update_or_create(indicator=ind, year=2024, defaults={"value": Decimal(12)})
    return ind


def test_revised_target_is_stored_beside_the_original(client, operator, indicator):
    client.force_login(operator)
    html = client.get(BASE + "?versi=apbd_p").content.decode()
    assert f"target/{indicator.pk}/?versi=apbd_p" in html and "Target perubahan 2024" in html
    response = client.post(BASE + f"target/{indicator.pk}/?versi=apbd_p",
                           {"target": "14,5", "orig_target": ""})
    assert "Tersimpan" in response.content.decode()
    target = IndicatorTarget.objects.get(indicator=indicator, year=2024)
    assert (target.value, target.revised_value) == (12, Decimal("14.5"))
    change = Change.objects.filter(content_type__model="indicatortarget", object_id=target.pk).first()
    assert change.user == operator and "perubahan" in change.reason
    # A second person who opened the page before the save is refused.
    stale = client.post(BASE + f"target/{indicator.pk}/?versi=apbd_p", {"target": "20", "orig_target": ""})
    assert "telah diubah" in stale.content.decode()
    assert IndicatorTarget.objects.get(pk=target.pk).revised_value == Decimal("14.5")
    # The original version's page still edits (and shows) the original target.
    html = client.get(BASE + "?versi=apbd").content.decode()
    assert f'target/{indicator.pk}/?versi=apbd"' in html
    response = client.post(BASE + f"target/{indicator.pk}/?versi=apbd", {"target": "13", "orig_target": "12"})
    target.refresh_from_db()
    assert (target.value, target.revised_value) == (13, Decimal("14.5"))
    # Emptying the revised target means "unchanged".
    client.post(BASE + f"target/{indicator.pk}/?versi=apbd_p", {"target": "", "orig_target": "14.5"})
    target.refresh_from_db()
    assert target.revised_value is None and target.value == 13
