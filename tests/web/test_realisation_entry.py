"""Quarterly realisation entry: values, validation messages, stale edits, locks, evidence."""

from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from sakip.monitoring.models import IndicatorRealisation, SpendingRealisation
from sakip.planning.models import BudgetAllocation, Indicator, WorkPlanLine
from sakip.web.models import Evidence
from sakip.workflow import transitions
from sakip.workflow.models import Change

HX = {"HTTP_HX_REQUEST": "true"}




@pytest.fixture
def op(client, people):
    client.force_login(people["operator.batubara"])
    return client


def number_indicator(**filters):
    return (Indicator.objects.filter(strategic_plan__agency__code="batubara", targets__year=2024,
                                     target_kind="number", **filters).order_by("id").first())


def sub_activity():
    """A batubara sub kegiatan with a pagu of at least Rp 1.000.000."""
    alloc = (BudgetAllocation.objects.filter(line__work_plan__agency__code="batubara",
                                             amount__gte=1_000_000).order_by("line__code").first())
    return alloc.line, alloc.amount


def url(kind, item_id, quarter=1, code="batubara"):
    return f"/pd/{code}/2024/realisasi/{quarter}/{kind}/{item_id}/"


def test_the_page_lists_indicators_and_sub_activities_with_forms(op):
    html = op.get("/pd/batubara/2024/realisasi/2/").content.decode()
    ind = number_indicator()
    line, _ = sub_activity()
    assert f'id="indicator-{ind.id}"' in html and f'id="spending-{line.id}"' in html
    assert 'name="amount"' in html and 'type="file"' in html
    assert "Realisasi Triwulan II 2024" in html
    assert op.get("/pd/batubara/2024/realisasi/5/").status_code == 404


def test_saving_a_value_records_who_and_why(op, people):
    ind = number_indicator()
    response = op.post(url("indicator", ind.id), {"value": "12,5", "note": "data BPS", "orig_exists": "0"}, **HX)
    html = response.content.decode()
    assert response.status_code == 200 and "Tersimpan." in html
    row = IndicatorRealisation.objects.get(indicator=ind, year=2024, period=1)
    assert row.value == Decimal("12.5") and row.note == "data BPS"
    change = Change.objects.filter(object_id=row.pk, content_type__model="indicatorrealisation").first()
    assert change.user == people["operator.batubara"] and "triwulan I" in change.reason
    assert "Jejak perubahan" in html  # the trail is shown next to the item


def test_numerator_and_denominator_give_the_value(op):
    ind = number_indicator()
    ind.multiplier = Decimal(100)
    ind.formula = "a / b × 100"
    ind.save()
    op.post(url("indicator", ind.id), {"numerator": "3", "denominator": "8", "orig_exists": "0"}, **HX)
    row = IndicatorRealisation.objects.get(indicator=ind, year=2024, period=1)
    assert (row.numerator, row.denominator, row.value) == (Decimal(3), Decimal(8), Decimal("37.5"))
    html = op.post(url("indicator", ind.id), {"numerator": "3", "denominator": "0", "orig_exists": "1",
                                              "orig_value": "37.5", "orig_numerator": "3",
                                              "orig_denominator": "8"}, **HX).content.decode()
    assert "Penyebut tidak boleh nol" in html


def test_bad_numbers_are_named(op):
    ind = number_indicator()
    html = op.post(url("indicator", ind.id), {"value": "dua belas", "orig_exists": "0"}, **HX).content.decode()
    assert "bukan angka" in html and 'aria-invalid="true"' in html
    assert not IndicatorRealisation.objects.filter(indicator=ind, period=1).exists()


def test_lower_is_better_going_the_wrong_way_needs_a_note(op):
    ind = number_indicator(polarity="lower_is_better")
    op.post(url("indicator", ind.id, quarter=1), {"value": "4", "orig_exists": "0"}, **HX)
    html = op.post(url("indicator", ind.id, quarter=2), {"value": "5,2", "orig_exists": "0"}, **HX).content.decode()
    assert "negatif (makin rendah makin baik)" in html and "naik dari 4 (triwulan I)" in html
    assert not IndicatorRealisation.objects.filter(indicator=ind, period=2).exists()
    html = op.post(url("indicator", ind.id, quarter=2),
                   {"value": "5,2", "note": "kasus baru terlapor", "orig_exists": "0"}, **HX).content.decode()
    assert "Tersimpan." in html


def test_spending_above_the_pagu_is_refused(op):
    line, pagu = sub_activity()
    html = op.post(url("spending", line.id), {"amount": str(pagu + 1), "explanation": "x", "orig_exists": "0"}, **HX).content.decode()
    assert "melebihi pagu" in html and "sebesar Rp 1" in html
    assert not SpendingRealisation.objects.filter(line=line).exists()


def test_low_absorption_needs_an_explanation(op):
    line, pagu = sub_activity()
    # Quarter I: 10 % of the pagu is below 80 % × 1/4 = 20 %.
    html = op.post(url("spending", line.id), {"amount": str(pagu // 10), "orig_exists": "0"}, **HX).content.decode()
    assert "Tuliskan penjelasan" in html and "20,00 %" in html
    html = op.post(url("spending", line.id), {"amount": str(pagu // 10), "physical_progress": "15",
                                              "explanation": "lelang mundur", "orig_exists": "0"}, **HX).content.decode()
    assert "Tersimpan." in html
    row = SpendingRealisation.objects.get(line=line, period=1)
    assert row.amount == pagu // 10 and row.physical_progress == Decimal(15)
    # Quarter II brings the cumulative to 50 % ≥ 40 %: no explanation needed.
    html = op.post(url("spending", line.id, quarter=2), {"amount": str(pagu * 4 // 10), "orig_exists": "0"}, **HX).content.decode()
    assert "Tersimpan." in html
    html = op.post(url("spending", line.id, quarter=3), {"amount": "10", "physical_progress": "120", "orig_exists": "0"}, **HX).content.decode()
    assert "antara 0 dan 100" in html


def test_the_second_of_two_editors_is_refused_with_the_first_ones_change(client, op, people):
    ind = number_indicator()
    op.post(url("indicator", ind.id), {"value": "10", "orig_exists": "0"}, **HX)
    seen = {"orig_exists": "1", "orig_value": "10", "orig_note": ""}
    head = client.__class__()
    head.force_login(people["kadis.batubara"])
    assert "Tersimpan." in head.post(url("indicator", ind.id), {**seen, "value": "11"}, **HX).content.decode()
    html = op.post(url("indicator", ind.id), {**seen, "value": "12"}, **HX).content.decode()
    assert "telah diubah oleh Kepala Dinsos PPPA Batu Bara" in html and "value: 11" in html
    assert IndicatorRealisation.objects.get(indicator=ind, period=1).value == Decimal(11)
    # Two people creating the same figure: the second is refused too.
    other = number_indicator(polarity="higher_is_better")
    other = Indicator.objects.filter(strategic_plan=other.strategic_plan, targets__year=2024,
                                     target_kind="number").exclude(pk=ind.pk).first()
    assert "Tersimpan." in head.post(url("indicator", other.id), {"value": "1", "orig_exists": "0"}, **HX).content.decode()
    html = op.post(url("indicator", other.id), {"value": "2", "orig_exists": "0"}, **HX).content.decode()
    assert "telah diisi oleh Kepala Dinsos PPPA Batu Bara" in html


def test_nothing_editable_when_locked_or_not_ones_agency(client, op, people):
    ind = number_indicator()
    transitions.move(people["operator.batubara"], ind.strategic_plan.agency, 2024, "realisation", "submit", quarter=1)
    html = op.get("/pd/batubara/2024/realisasi/1/").content.decode()
    assert 'data-editable="0"' in html and 'name="value"' not in html
    html = op.post(url("indicator", ind.id), {"value": "1", "orig_exists": "0"}, **HX).content.decode()
    assert "berstatus “Diajukan”" in html
    assert not IndicatorRealisation.objects.filter(indicator=ind, period=1).exists()
    # Quarter II is still a draft; Bappeda reads it but may not write.
    client.force_login(people["bappeda.belitung"])
    assert client.get("/pd/batubara/2024/realisasi/2/").status_code == 404  # other region
    client.force_login(people["operator.belitung"])
    assert client.post(url("indicator", ind.id, quarter=2), {"value": "1"}, **HX).status_code == 404
    client.force_login(people["inspektorat.belitung"])
    html = client.get("/pd/belitung/2024/realisasi/2/").content.decode()
    assert 'data-editable="0"' in html and 'name="amount"' not in html


def test_items_with_a_whole_year_figure_take_no_quarters(client, people):
    client.force_login(people["operator.belitung"])
    line = WorkPlanLine.objects.filter(work_plan__agency__code="belitung", level=5).first()
    html = client.post(url("spending", line.id, code="belitung"), {"amount": "5", "orig_exists": "0"}, **HX).content.decode()
    assert "realisasi tahunan" in html
    assert not SpendingRealisation.objects.filter(line=line, period=1).exists()


PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def test_evidence_is_stored_and_served_only_as_an_attachment(op, client, people, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    ind = number_indicator()
    upload = SimpleUploadedFile("laporan <b>.pdf", PDF, content_type="text/html")
    html = op.post(url("indicator", ind.id), {"value": "3", "orig_exists": "0", "evidence": upload}, **HX).content.decode()
    assert "Tersimpan." in html
    ev = Evidence.objects.get()
    assert ev.content_type == "application/pdf" and ev.original_name == "laporan <b>.pdf"
    assert "<b>" not in ev.file.name and str(tmp_path) in ev.file.path
    response = op.get(f"/bukti/{ev.id}/")
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("attachment")
    assert "sandbox" in response["Content-Security-Policy"]
    assert b"".join(response.streaming_content) == PDF
    assert "bukti" in Change.objects.filter(field="bukti").first().field
    client.force_login(people["operator.belitung"])
    assert client.get(f"/bukti/{ev.id}/").status_code == 404
    client.logout()
    assert client.get(f"/bukti/{ev.id}/").status_code == 302


@pytest.mark.parametrize(("name", "content", "message"), [
    ("x.html", b"<script>alert(1)</script>", "tidak diterima"),
    ("x.pdf", b"<html><script>alert(1)</script>", "tidak cocok dengan ekstensi .pdf"),
    ("x.svg", b"<svg onload=alert(1)>", "tidak diterima"),
])
def test_unsafe_evidence_is_refused(op, settings, tmp_path, name, content, message):
    settings.MEDIA_ROOT = tmp_path
    ind = number_indicator()
    upload = SimpleUploadedFile(name, content)
    html = op.post(url("indicator", ind.id), {"value": "3", "orig_exists": "0", "evidence": upload}, **HX).content.decode()
    assert message in html
    assert not Evidence.objects.exists()
    assert not IndicatorRealisation.objects.filter(indicator=ind, period=1).exists()
    assert not list(tmp_path.rglob("*.*"))


def test_too_large_evidence_is_refused(op, settings, tmp_path, monkeypatch):
    from sakip.web import realisation

    settings.MEDIA_ROOT = tmp_path
    monkeypatch.setattr(realisation, "MAX_EVIDENCE_BYTES", 1000)
    ind = number_indicator()
    upload = SimpleUploadedFile("big.pdf", PDF + b"0" * 2000)
    html = op.post(url("indicator", ind.id), {"value": "3", "orig_exists": "0", "evidence": upload}, **HX).content.decode()
    assert "terlalu besar" in html.lower()
    assert not Evidence.objects.exists()


def test_an_ordinal_indicator_takes_a_level_not_a_number(op, client):
    ind = Indicator.objects.filter(strategic_plan__agency__code="batubara", targets__year=2024,
                                   target_kind="ordinal").first()
    html = op.post(url("indicator", ind.id), {"value": "12,5", "orig_exists": "0"}, **HX).content.decode()
    assert "diukur dengan tingkat" in html
    assert not IndicatorRealisation.objects.filter(indicator=ind, period=1).exists()
    html = op.post(url("indicator", ind.id), {"level": "bb", "orig_exists": "0"}, **HX).content.decode()
    assert "Tersimpan." in html
    assert IndicatorRealisation.objects.get(indicator=ind, period=1).level == "BB"
    assert op.get("/daerah/?tahun=2024").status_code == 200
    assert op.get("/pd/batubara/2024/").status_code == 200


def _ids(html, kind):
    import re

    return re.findall(rf'<article class="entry[^"]*" id="{kind}-(\d+)"', html)


def test_long_sections_are_shown_a_page_at_a_time(op):
    from sakip.web.realisation_views import PAGE_SIZE

    lines = list(WorkPlanLine.objects.filter(work_plan__agency__code="batubara", work_plan__year=2024,
                                             level=5).order_by("order", "code").values_list("id", flat=True))
    assert len(lines) > PAGE_SIZE  # the demo agency is long enough to need pages
    first = op.get("/pd/batubara/2024/realisasi/2/").content.decode()
    assert _ids(first, "spending") == [str(i) for i in lines[:PAGE_SIZE]]
    assert f"Anggaran dan Fisik Sub Kegiatan ({len(lines)})" in first
    assert f"Menampilkan 1–{PAGE_SIZE} dari {len(lines)}" in first
    assert '<a href="?sub=2&amp;ind=1#subkegiatan">2</a>' in first
    second = op.get("/pd/batubara/2024/realisasi/2/?sub=2&ind=1").content.decode()
    assert _ids(second, "spending") == [str(i) for i in lines[PAGE_SIZE:2 * PAGE_SIZE]]
    assert _ids(second, "indicator") == _ids(first, "indicator")  # the other section stays
    beyond = op.get("/pd/batubara/2024/realisasi/2/?sub=999").content.decode()
    last_page = (len(lines) + PAGE_SIZE - 1) // PAGE_SIZE
    assert _ids(beyond, "spending") == [str(i) for i in lines[(last_page - 1) * PAGE_SIZE:]]
    assert op.get("/pd/batubara/2024/realisasi/2/?sub=x").status_code == 200


def test_a_save_without_javascript_returns_to_the_items_page(op):
    from sakip.web.realisation_views import PAGE_SIZE

    line = WorkPlanLine.objects.filter(work_plan__agency__code="batubara", work_plan__year=2024,
                                       level=5).order_by("order", "code")[PAGE_SIZE]
    response = op.post(url("spending", line.id, quarter=2), {"amount": "0", "explanation": "belum"})
    assert response.status_code == 302
    assert response["Location"] == f"/pd/batubara/2024/realisasi/2/?sub=2#spending-{line.id}"
    page = op.get(response["Location"]).content.decode()
    assert f'id="spending-{line.id}"' in page and "Tersimpan." in page


def test_the_trail_next_to_an_item_shows_its_newest_changes_only(op):
    from sakip.web.realisation_views import TRAIL_LENGTH

    line, _ = sub_activity()
    other = WorkPlanLine.objects.filter(work_plan=line.work_plan, level=5).exclude(pk=line.pk).first()
    for amount in range(1, TRAIL_LENGTH + 4):
        op.post(url("spending", line.id), {"amount": str(amount), "explanation": "bertahap"}, **HX)
    op.post(url("spending", other.id), {"amount": "7", "explanation": "sekali"}, **HX)
    html = op.get("/pd/batubara/2024/realisasi/1/").content.decode()
    item = html.split(f'id="spending-{line.id}"')[1].split("</article>")[0]
    assert f"Jejak perubahan ({TRAIL_LENGTH})" in item
    newest = TRAIL_LENGTH + 3
    assert f"<code>amount</code>: {newest - 1} → {newest}" in item  # the last save is shown
    assert "<code>amount</code>: 1 → 2" not in item  # the oldest ones are not
    assert "Jejak perubahan (1)" in html.split(f'id="spending-{other.id}"')[1].split("</article>")[0]
