"""Perjanjian Kinerja editor: items and targets, program budgets, revisions keep the original."""

from __future__ import annotations

import re

import pytest

from sakip.planning.models import AgreementItem, AgreementProgram, PerformanceAgreement
from sakip.workflow.models import DocumentStatus

BASE = "/pd/belitung/2024/ubah/pk/"


def form_of(html: str) -> dict[str, str]:
    """The form as the browser would send it unchanged (inputs, checked boxes, selections)."""
    data: dict[str, str] = {}
    for tag in re.findall(r"<input[^>]*>", html):
        name = re.search(r'name="([^"]+)"', tag)
        if not name or name.group(1) == "csrfmiddlewaretoken":
            continue
        value = re.search(r'value="([^"]*)"', tag)
        if 'type="checkbox"' in tag:
            if "checked" in tag:
                data[name.group(1)] = "on"
            continue
        data[name.group(1)] = value.group(1) if value else ""
    for name, body in re.findall(r'<select name="([^"]+)"[^>]*>(.*?)</select>', html, re.S):
        chosen = re.search(r'<option value="([^"]*)" selected', body)
        data[name] = chosen.group(1) if chosen else ""
    return data


@pytest.fixture
def open_pk(belitung):
    """Belitung's PK 2024 is final in the demo; reopen it for editing."""
    DocumentStatus.objects.filter(agency=belitung, document="pk").update(state="returned")
    return belitung


@pytest.fixture
def op(client, operator):
    client.force_login(operator)
    return client


def test_final_pk_is_read_only(op, belitung):
    html = op.get(BASE).content.decode()
    assert "hanya baca" in html and "Simpan perjanjian kinerja" not in html
    assert op.post(BASE + "?versi=original", {}).status_code == 403
    assert op.post(BASE + "perubahan/").status_code == 403


def test_shows_both_versions_and_program_budgets(op, belitung):
    html = op.get(BASE + "?versi=revised").content.decode()
    revised = PerformanceAgreement.objects.get(agency=belitung, version="revised")
    assert revised.programs.count() > 5
    for program in revised.programs.all():
        assert f'data-code="{program.code}"' in html
    assert re.search(r'data-figure="pk-total">Rp [\d.]+<', html)
    assert "Perjanjian Kinerja Perubahan" in html


def test_edit_targets_and_programs(op, open_pk):
    original = PerformanceAgreement.objects.get(agency=open_pk, version="original")
    item = original.items.exclude(target_value=None).first()
    data = form_of(op.get(BASE + "?versi=original").content.decode())
    data[f"item_{item.indicator_id}_value"] = "55,5"
    data["program_1.06.02"] = "on"
    data["program_1.06.02_note"] = "Program inti"
    response = op.post(BASE + "?versi=original", data)
    assert response.status_code == 302, response.content.decode()[:2000]
    assert AgreementItem.objects.get(pk=item.pk).target_value == 55.5
    added = AgreementProgram.objects.get(agreement=original, code="1.06.02")
    assert added.note == "Program inti"
    html = op.get(BASE + "?versi=original").content.decode()
    assert 'data-figure="pk-total">Rp 0<' not in html and 'data-figure="pk-total">—<' not in html
    data = form_of(html)
    data.pop("program_1.06.02")
    assert op.post(BASE + "?versi=original", data).status_code == 302
    assert not AgreementProgram.objects.filter(agreement=original, code="1.06.02").exists()


def test_bad_target_saves_nothing(op, open_pk):
    original = PerformanceAgreement.objects.get(agency=open_pk, version="original")
    items = list(original.items.exclude(target_value=None))
    data = form_of(op.get(BASE + "?versi=original").content.decode())
    data[f"item_{items[0].indicator_id}_value"] = "77"
    data[f"item_{items[1].indicator_id}_value"] = "tujuh"
    data["place"] = "Tempat baru"
    response = op.post(BASE + "?versi=original", data)
    assert response.status_code == 400 and "bukan angka" in response.content.decode()
    assert AgreementItem.objects.get(pk=items[0].pk).target_value != 77
    assert PerformanceAgreement.objects.get(pk=original.pk).place != "Tempat baru"


def test_revision_keeps_the_original(op, open_pk):
    PerformanceAgreement.objects.filter(agency=open_pk, version="revised").delete()
    original = PerformanceAgreement.objects.get(agency=open_pk, version="original")
    before = list(original.items.values_list("indicator_id", "target_value", "target_level"))
    assert "Buat PK Perubahan" in op.get(BASE).content.decode()
    response = op.post(BASE + "perubahan/")
    assert response.status_code == 302
    revised = PerformanceAgreement.objects.get(agency=open_pk, version="revised")
    assert list(revised.items.values_list("indicator_id", "target_value", "target_level")) == before
    item = revised.items.exclude(target_value=None).first()
    data = form_of(op.get(BASE + "?versi=revised").content.decode())
    data[f"item_{item.indicator_id}_value"] = "99"
    data["budget_version"] = "apbd_p"
    assert op.post(BASE + "?versi=revised", data).status_code == 302
    assert AgreementItem.objects.get(pk=item.pk).target_value == 99
    assert list(original.items.values_list("indicator_id", "target_value", "target_level")) == before
    assert PerformanceAgreement.objects.get(pk=original.pk).budget_version == original.budget_version


def test_stale_target_refused(client, operator, second_operator, open_pk):
    client.force_login(operator)
    data = form_of(client.get(BASE + "?versi=original").content.decode())
    item = PerformanceAgreement.objects.get(agency=open_pk, version="original").items.exclude(
        target_value=None).first()
    assert client.post(BASE + "?versi=original", data | {f"item_{item.indicator_id}_value": "11"}).status_code == 302
    client.force_login(second_operator)
    response = client.post(BASE + "?versi=original", data | {f"item_{item.indicator_id}_value": "22"})
    assert response.status_code == 400 and "telah diubah oleh Operator.Uji" in response.content.decode()
    assert AgreementItem.objects.get(pk=item.pk).target_value == 11


def test_other_agency_and_readers(client, outsider, bappeda, open_pk):
    client.force_login(outsider)
    assert client.get(BASE).status_code == 404
    client.force_login(bappeda)
    assert client.post(BASE + "perubahan/").status_code == 403
