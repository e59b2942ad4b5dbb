"""Renstra money for the whole period (E-form column 6 Rp): entered, derived, refused."""

from __future__ import annotations

import re

import pytest

from sakip.planning.models import RenstraFunding, WorkPlanLine
from sakip.workflow.models import Change, DocumentStatus

URL = "/pd/belitung/2024/ubah/renstra/pagu/"


def opened(html: str) -> dict[str, str]:
    """The fields the browser sends back unchanged."""
    data = dict(re.findall(r'<input type="hidden" name="(orig_[^"]+)" value="([^"]*)"', html))
    data |= dict(re.findall(r'<input class="money" name="(amount_[^"]+)"[^>]*value="([^"]*)"', html))
    return data


@pytest.fixture
def kegiatan(belitung):
    """A kegiatan of Belitung's 2024 plan and its sub kegiatan codes."""
    activity = WorkPlanLine.objects.filter(work_plan__agency=belitung, work_plan__year=2024, level=4,
                                           children__isnull=False).order_by("code").first()
    return activity, sorted(activity.children.values_list("code", flat=True))


def test_enter_money_and_the_parent_is_derived(client, operator, belitung, kegiatan):
    activity, subs = kegiatan
    client.force_login(operator)
    html = client.get(URL).content.decode()
    assert "Pagu Akhir Periode Renstra" in html and f'name="amount_{subs[0]}"' in html
    data = opened(html) | {f"amount_{code}": f"{i + 1}.000.000" for i, code in enumerate(subs)}
    response = client.post(URL, data)
    assert response.status_code == 302
    stored = dict(RenstraFunding.objects.filter(strategic_plan__agency=belitung).values_list("code", "amount"))
    assert stored == {code: (i + 1) * 1_000_000 for i, code in enumerate(subs)}
    html = client.get(URL + "?tersimpan=1").content.decode()
    total = sum((i + 1) * 1_000_000 for i in range(len(subs)))
    used = re.search(rf'data-used="{re.escape(activity.code)}">([^<]*)<', html).group(1)
    assert used == "Rp " + f"{total:,}".replace(",", ".")
    change = Change.objects.filter(content_type__model="renstrafunding").first()
    assert change.user == operator and "pagu akhir periode" in change.reason


def test_bad_amount_saves_nothing_and_names_the_row(client, operator, belitung, kegiatan):
    _, subs = kegiatan
    client.force_login(operator)
    data = opened(client.get(URL).content.decode())
    data |= {f"amount_{subs[0]}": "5.000.000", f"amount_{subs[1]}": "12,5 juta"}
    response = client.post(URL, data)
    html = response.content.decode()
    assert response.status_code == 400 and "bukan angka" in html and subs[1] in html
    assert 'value="12,5 juta"' in html  # what was typed stays on the page
    assert not RenstraFunding.objects.filter(strategic_plan__agency=belitung).exists()


def test_stale_amount_is_refused(client, operator, second_operator, belitung, kegiatan):
    _, subs = kegiatan
    client.force_login(operator)
    before = opened(client.get(URL).content.decode())
    assert client.post(URL, before | {f"amount_{subs[0]}": "7.000.000"}).status_code == 302
    client.force_login(second_operator)
    response = client.post(URL, before | {f"amount_{subs[0]}": "9.000.000"})
    assert response.status_code == 400 and "telah diisi oleh pengguna lain" in response.content.decode()
    assert RenstraFunding.objects.get(code=subs[0]).amount == 7_000_000
    # Emptying a cell removes the stated amount.
    client.force_login(operator)
    now = opened(client.get(URL).content.decode())
    assert client.post(URL, now | {f"amount_{subs[0]}": ""}).status_code == 302
    assert not RenstraFunding.objects.filter(code=subs[0]).exists()


def test_read_only_for_readers_and_after_final(client, operator, bappeda, outsider, belitung, kegiatan):
    _, subs = kegiatan
    client.force_login(bappeda)
    html = client.get(URL).content.decode()
    assert 'class="money"' not in html and "Simpan pagu" not in html
    assert client.post(URL, {f"amount_{subs[0]}": "1", f"orig_{subs[0]}": "∅"}).status_code == 403
    DocumentStatus.objects.create(agency=belitung, year=2024, document="renja", state="final")
    client.force_login(operator)
    assert client.post(URL, {f"amount_{subs[0]}": "1", f"orig_{subs[0]}": "∅"}).status_code == 403
    assert not RenstraFunding.objects.exists()
    client.force_login(outsider)
    assert client.get(URL).status_code == 404
