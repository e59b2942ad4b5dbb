"""Strategic plan editor: goals, objectives, indicators with metadata and yearly targets."""

from __future__ import annotations

import re

import pytest

from sakip.planning.models import Goal, Indicator, IndicatorTarget, Objective, StrategicPlan
from sakip.workflow.models import Change, DocumentStatus

BASE = "/pd/belitung/2024/ubah/renstra/"


def form_data(html: str) -> dict[str, str]:
    """What the browser would send back from an edit page, unchanged."""
    data = {}
    for name, value in re.findall(r'<input type="hidden" name="([^"]+)" value="([^"]*)"', html):
        data[name] = value.replace("&quot;", '"').replace("&amp;", "&")
    for name, value in re.findall(r'<input[^>]*name="(target_\d+_(?:value|upper|level))"[^>]*value="([^"]*)"', html):
        data[name] = value
    return data


def indicator_post(ind: Indicator, **changes: str) -> dict[str, str]:
    fields = {
        "number": ind.number, "name": ind.name, "unit": ind.unit, "polarity": ind.polarity,
        "target_kind": ind.target_kind, "ordinal_scale": ind.ordinal_scale,
        "aggregation": ind.aggregation, "formula": ind.formula,
        "numerator_label": ind.numerator_label, "denominator_label": ind.denominator_label,
        "multiplier": "" if ind.multiplier is None else str(ind.multiplier).replace(".", ","),
        "data_source": ind.data_source,
        "baseline_year": "" if ind.baseline_year is None else str(ind.baseline_year),
        "baseline_value": "" if ind.baseline_value is None else format(ind.baseline_value.normalize(), "f").replace(".", ","),
        "baseline_level": ind.baseline_level,
        "end_target_value": "" if ind.end_target_value is None else format(ind.end_target_value.normalize(), "f").replace(".", ","),
        "end_target_level": ind.end_target_level, "order": str(ind.order),
    }
    if ind.is_key:
        fields["is_key"] = "on"
    if ind.percentage_change:
        fields["percentage_change"] = "on"
    fields.update(changes)
    return fields


@pytest.fixture
def op(client, operator):
    client.force_login(operator)
    return client


def objective_indicator(belitung) -> Indicator:
    return Indicator.objects.filter(strategic_plan__agency=belitung, subject="objective").first()


def test_overview_lists_goals_objectives_indicators_and_targets(op, belitung):
    html = op.get(BASE).content.decode()
    plan = StrategicPlan.objects.get(agency=belitung)
    assert plan.name in html
    for goal in Goal.objects.filter(strategic_plan=plan):
        assert goal.statement[:30] in html
    assert objective_indicator(belitung).name[:30] in html
    assert "<th class=\"num\">2026</th>" in html and "+ Tambah tujuan" in html


def test_add_goal_objective_and_indicator_with_targets(op, operator, belitung):
    response = op.post(BASE + "tujuan/", {"number": "9", "statement": "Tujuan uji", "order": "9"})
    assert response.status_code == 302
    goal = Goal.objects.get(statement="Tujuan uji")
    op.post(BASE + f"sasaran/baru-di/{goal.pk}/", {"number": "9.1", "statement": "Sasaran uji", "order": "0"})
    objective = Objective.objects.get(statement="Sasaran uji")
    response = op.post(BASE + f"indikator-sasaran/baru-di/{objective.pk}/", {
        "name": "Persentase uji", "unit": "%", "polarity": "lower_is_better", "target_kind": "number",
        "aggregation": "last", "numerator_label": "Jumlah A", "denominator_label": "Jumlah B",
        "multiplier": "100", "data_source": "Dinas", "order": "0", "is_key": "on",
        "target_2024_value": "12,5", "target_2025_value": "1.234", "target_2026_value": "",
    })
    assert response.status_code == 302, response.content.decode()[:3000]
    ind = Indicator.objects.get(name="Persentase uji")
    assert ind.objective == objective and ind.polarity == "lower_is_better" and ind.is_key
    assert ind.multiplier == 100 and ind.numerator_label == "Jumlah A"
    targets = {t.year: t.value for t in IndicatorTarget.objects.filter(indicator=ind)}
    assert targets == {2024: 12.5, 2025: 1234}
    assert Change.objects.filter(object_id=ind.pk, content_type__model="indicator").first().user == operator


def test_validation_messages_are_indonesian_and_nothing_is_saved(op, belitung):
    objective = Objective.objects.filter(goal__strategic_plan__agency=belitung).first()
    before = Indicator.objects.count()
    response = op.post(BASE + f"indikator-sasaran/baru-di/{objective.pk}/", {
        "name": "", "polarity": "higher_is_better", "target_kind": "ordinal", "ordinal_scale": "xyz",
        "aggregation": "last", "numerator_label": "A", "multiplier": "-1", "order": "0",
    })
    html = response.content.decode()
    assert response.status_code == 400
    assert "Wajib diisi." in html
    assert "Skala “xyz” tidak dikenal" in html
    assert "memerlukan pembilang dan penyebut" in html
    assert "Pengali harus lebih dari nol" in html
    assert Indicator.objects.count() == before


def test_bad_target_keeps_indicator_unsaved(op, belitung):
    ind = objective_indicator(belitung)
    html = op.get(BASE + f"indikator/{ind.pk}/").content.decode()
    data = form_data(html) | indicator_post(ind, unit="orang baru")
    data["target_2025_value"] = "dua"
    response = op.post(BASE + f"indikator/{ind.pk}/", data)
    assert response.status_code == 400 and "bukan angka" in response.content.decode()
    assert Indicator.objects.get(pk=ind.pk).unit != "orang baru"


def test_range_target_needs_both_bounds(op, belitung):
    ind = objective_indicator(belitung)
    html = op.get(BASE + f"indikator/{ind.pk}/").content.decode()
    data = form_data(html) | indicator_post(ind, target_kind="range")
    data["target_2026_value"], data["target_2026_upper"] = "10", "5"
    response = op.post(BASE + f"indikator/{ind.pk}/", data)
    assert "Batas atas rentang lebih kecil" in response.content.decode()


def test_stale_indicator_edit_is_refused(client, operator, second_operator, belitung):
    ind = objective_indicator(belitung)
    client.force_login(operator)
    opened = form_data(client.get(BASE + f"indikator/{ind.pk}/").content.decode())
    assert client.post(BASE + f"indikator/{ind.pk}/", opened | indicator_post(ind, unit="jiwa")).status_code == 302
    client.force_login(second_operator)
    response = client.post(BASE + f"indikator/{ind.pk}/", opened | indicator_post(ind, unit="KK"))
    html = response.content.decode()
    assert response.status_code == 400 and "telah diubah oleh Operator.Uji" in html and "jiwa" in html
    assert Indicator.objects.get(pk=ind.pk).unit == "jiwa"


def test_stale_target_is_refused(client, operator, second_operator, belitung):
    ind = objective_indicator(belitung)
    client.force_login(operator)
    opened = form_data(client.get(BASE + f"indikator/{ind.pk}/").content.decode())
    client.post(BASE + f"indikator/{ind.pk}/", opened | indicator_post(ind) | {"target_2026_value": "77"})
    client.force_login(second_operator)
    response = client.post(BASE + f"indikator/{ind.pk}/", opened | indicator_post(ind) | {"target_2026_value": "88"})
    assert "telah diubah" in response.content.decode() or "telah diisi" in response.content.decode()
    assert IndicatorTarget.objects.get(indicator=ind, year=2026).value == 77


def test_read_only_when_renja_is_locked_or_for_readers(client, operator, bappeda, outsider, belitung):
    ind = objective_indicator(belitung)
    client.force_login(bappeda)
    html = client.get(BASE + f"indikator/{ind.pk}/").content.decode()
    assert "disabled" in html and "Simpan</button>" not in html
    assert client.post(BASE + f"indikator/{ind.pk}/", indicator_post(ind, unit="x")).status_code == 403
    client.force_login(operator)
    DocumentStatus.objects.create(agency=belitung, year=2024, document="renja", state="final")
    assert "+ Tambah tujuan" not in client.get(BASE).content.decode()
    assert client.post(BASE + "tujuan/", {"number": "9", "statement": "x", "order": "0"}).status_code == 403
    client.force_login(outsider)
    assert client.get(BASE).status_code == 404
    assert client.get(BASE + f"indikator/{ind.pk}/").status_code == 404


def test_create_a_plan_when_none_covers_the_year(op, belitung):
    html = op.get("/pd/belitung/2030/ubah/renstra/").content.decode()
    assert "Belum ada Renstra" in html
    response = op.post("/pd/belitung/2030/ubah/renstra/rencana/", {
        "name": "Renstra 2030–2026", "start_year": "2030", "end_year": "2026"})
    assert "Tahun akhir tidak boleh sebelum tahun awal" in response.content.decode()
    response = op.post("/pd/belitung/2030/ubah/renstra/rencana/", {
        "name": "Renstra 2030–2034", "start_year": "2030", "end_year": "2034"})
    assert response.status_code == 302
    assert StrategicPlan.objects.filter(agency=belitung, start_year=2030).exists()


def test_delete_goal_objective_indicator_in_order(op, operator, belitung):
    goal = Goal.objects.create(strategic_plan=StrategicPlan.objects.get(agency=belitung),
                               number="8", statement="Tujuan sementara")
    objective = Objective.objects.create(goal=goal, number="8.1", statement="Sasaran sementara")
    ind = Indicator.objects.create(strategic_plan=goal.strategic_plan, subject="objective",
                                   objective=objective, name="Indikator sementara")
    html = op.post(BASE + f"tujuan/{goal.pk}/hapus/").content.decode()
    assert "masih memiliki sasaran" in html and Goal.objects.filter(pk=goal.pk).exists()
    assert op.post(BASE + f"indikator/{ind.pk}/hapus/").status_code == 302
    assert op.post(BASE + f"sasaran/{objective.pk}/hapus/").status_code == 302
    assert op.post(BASE + f"tujuan/{goal.pk}/hapus/").status_code == 302
    assert not Goal.objects.filter(pk=goal.pk).exists()
    assert Change.objects.filter(content_type__model="goal", object_id=goal.pk,
                                 action="delete").get().user == operator


def test_indicator_in_an_agreement_or_with_realisations_stays(op, belitung):
    in_pk = Indicator.objects.filter(strategic_plan__agency=belitung,
                                     agreement_items__isnull=False).first()
    response = op.post(BASE + f"indikator/{in_pk.pk}/hapus/")
    assert response.status_code == 400
    html = response.content.decode()
    assert "sudah memiliki realisasi" in html or "tercantum pada perjanjian kinerja" in html
    assert Indicator.objects.filter(pk=in_pk.pk).exists()
