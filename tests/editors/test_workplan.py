"""Work plan editor: the grid, money only on sub kegiatan, totals computed, stale edits."""

from __future__ import annotations

import re

import pytest

from sakip.planning.models import (
    BudgetAllocation,
    Indicator,
    IndicatorTarget,
    NomenclatureEntry,
    WorkPlanLine,
)
from sakip.workflow.models import Change, DocumentStatus

BASE = "/pd/belitung/2024/ubah/renja/"
LEAF = "1.06.01.2.01.0001"
KEGIATAN = "1.06.01.2.01"
PROGRAM = "1.06.01"


def line(code: str) -> WorkPlanLine:
    return WorkPlanLine.objects.get(work_plan__agency__code="belitung", code=code)


def amount(code: str, version: str = "apbd") -> int | None:
    found = BudgetAllocation.objects.filter(line=line(code), version=version).first()
    return found.amount if found else None


def spans(html: str) -> dict[str, str]:
    return dict(re.findall(r'<span id="(jumlah-[^"]+)"[^>]*>([^<]*)<', html))


def row_post(code: str, **values: str) -> dict[str, str]:
    """What the browser sends for one row: the shown values and their originals."""
    target = line(code)
    data = {"versi": "apbd"}
    for version in ("apbd", "forecast"):
        stored = amount(code, version)
        if target.level == 5:
            data[f"amount_{version}"] = "" if stored is None else str(stored)
            data[f"orig_amount_{version}"] = "∅" if stored is None else str(stored)
    for name in ("location", "funding_source", "notes"):
        data[name] = getattr(target, name)
        data[f"orig_{name}"] = getattr(target, name)
    data.update(values)
    return data


@pytest.fixture
def logged_in(client, operator):
    client.force_login(operator)
    return client


def test_grid_shows_tree_with_computed_parent_totals(logged_in, belitung):
    html = logged_in.get(BASE + "?versi=apbd").content.decode()
    assert 'data-code="1.06.01"' in html and f'data-code="{LEAF}"' in html
    kegiatan_total = sum(
        BudgetAllocation.objects.filter(line__parent=line(KEGIATAN), version="apbd")
        .values_list("amount", flat=True))
    shown = spans(html)[f"jumlah-{line(KEGIATAN).pk}-apbd"]
    assert shown == "Rp " + f"{kegiatan_total:,}".replace(",", ".")
    assert 'name="amount_apbd"' in html  # sub kegiatan are inputs
    assert "Indikator:" in html  # indicators of lines with their targets


def test_saving_money_updates_parent_totals_in_the_response(logged_in, operator, belitung):
    before_program = sum(BudgetAllocation.objects.filter(
        line__parent__parent=line(PROGRAM), version="apbd").values_list("amount", flat=True))
    old = amount(LEAF)
    response = logged_in.post(BASE + f"baris/{line(LEAF).pk}/",
                              row_post(LEAF, amount_apbd="Rp 1.250.000", location="Tanjungpandan"),
                              HTTP_HX_REQUEST="true")
    html = response.content.decode()
    assert response.status_code == 200 and "Tersimpan" in html
    assert amount(LEAF) == 1_250_000 and line(LEAF).location == "Tanjungpandan"
    expected = before_program - old + 1_250_000
    assert spans(html)[f"jumlah-{line(PROGRAM).pk}-apbd"] == "Rp " + f"{expected:,}".replace(",", ".")
    assert 'hx-swap-oob="true"' in html
    trail = Change.objects.filter(content_type__model="budgetallocation", field="amount").first()
    assert trail.user == operator and trail.old_value == str(old) and trail.new_value == "1250000"
    assert LEAF in trail.reason


def test_money_is_refused_on_kegiatan_and_program(logged_in, belitung):
    for code in (KEGIATAN, PROGRAM):
        response = logged_in.post(BASE + f"baris/{line(code).pk}/",
                                  row_post(code, amount_apbd="5.000.000"), HTTP_HX_REQUEST="true")
        html = response.content.decode()
        assert "Pagu hanya dicatat pada sub kegiatan" in html
        assert not BudgetAllocation.objects.filter(line=line(code)).exists()


def test_a_bad_figure_changes_nothing_in_the_row(logged_in, belitung):
    old = amount(LEAF)
    response = logged_in.post(BASE + f"baris/{line(LEAF).pk}/",
                              row_post(LEAF, amount_apbd="12,5", location="Baru"),
                              HTTP_HX_REQUEST="true")
    html = response.content.decode()
    assert "bukan rupiah bulat" in html and 'value="12,5"' in html  # typed text kept
    assert amount(LEAF) == old and line(LEAF).location == ""
    response = logged_in.post(BASE + f"baris/{line(LEAF).pk}/", row_post(LEAF, amount_apbd="htb"))
    assert "bukan angka" in response.content.decode()


def test_stale_amount_is_refused_with_the_other_persons_change(
        client, operator, second_operator, belitung):
    client.force_login(operator)
    opened = row_post(LEAF)  # both people opened the page with the same figure
    client.post(BASE + f"baris/{line(LEAF).pk}/", opened | {"amount_apbd": "2.000.000"})
    client.force_login(second_operator)
    html = client.post(BASE + f"baris/{line(LEAF).pk}/",
                       opened | {"amount_apbd": "3.000.000"}).content.decode()
    assert amount(LEAF) == 2_000_000
    assert "telah diubah oleh Operator.Uji" in html and "2000000" in html


def test_preview_totals_does_not_save(logged_in, belitung):
    old = amount(LEAF)
    response = logged_in.post(BASE + f"baris/{line(LEAF).pk}/jumlah/",
                              {"versi": "apbd", "amount_apbd": "0", "amount_forecast": ""})
    html = response.content.decode()
    kegiatan_rest = sum(BudgetAllocation.objects.filter(
        line__parent=line(KEGIATAN), version="apbd").exclude(line=line(LEAF))
        .values_list("amount", flat=True))
    assert spans(html)[f"jumlah-{line(KEGIATAN).pk}-apbd"] == "Rp " + f"{kegiatan_rest:,}".replace(",", ".")
    assert amount(LEAF) == old
    html = logged_in.post(BASE + f"baris/{line(LEAF).pk}/jumlah/",
                          {"versi": "apbd", "amount_apbd": "abc"}).content.decode()
    assert "bukan angka" in html


def test_target_of_a_line_indicator(logged_in, belitung):
    indicator = Indicator.objects.filter(strategic_plan__agency=belitung, code=LEAF).first()
    target = IndicatorTarget.objects.filter(indicator=indicator, year=2024).first()
    original = "∅" if target is None else format(target.value.normalize(), "f")
    response = logged_in.post(BASE + f"target/{indicator.pk}/",
                              {"target": "1.234,5", "orig_target": original})
    assert "Tersimpan" in response.content.decode()
    assert IndicatorTarget.objects.get(indicator=indicator, year=2024).value == 1234.5
    response = logged_in.post(BASE + f"target/{indicator.pk}/",
                              {"target": "9", "orig_target": original})
    assert "telah diubah" in response.content.decode()


def test_search_and_add_a_sub_kegiatan_with_its_parents(logged_in, belitung):
    edition = line(LEAF).work_plan.edition
    NomenclatureEntry.objects.create(edition=edition, code="1.06.09", level=3, name="PROGRAM UJI COBA")
    NomenclatureEntry.objects.create(edition=edition, code="1.06.09.2.01", level=4, name="Kegiatan uji")
    NomenclatureEntry.objects.create(edition=edition, code="1.06.09.2.01.0003", level=5,
                                     name="Sub kegiatan uji pemberdayaan")
    html = logged_in.get(BASE + "nomenklatur/?q=uji pemberdayaan").content.decode()
    assert "1.06.09.2.01.0003" in html and "Tambah" in html
    html = logged_in.get(BASE + "nomenklatur/?q=1.06.01.2.01").content.decode()
    assert "sudah ada" in html
    response = logged_in.post(BASE + "tambah/", {"code": "1.06.09.2.01.0003"})
    assert response.status_code == 302
    added = line("1.06.09.2.01.0003")
    assert added.parent.code == "1.06.09.2.01" and added.parent.parent.code == "1.06.09"
    assert added.parent.parent.parent is None


def test_locked_work_plan_is_read_only(logged_in, belitung):
    DocumentStatus.objects.create(agency=belitung, year=2024, document="renja", state="final")
    html = logged_in.get(BASE).content.decode()
    assert "hanya baca" in html and 'name="amount_apbd"' not in html and "hx-post" not in html
    old = amount(LEAF)
    assert logged_in.post(BASE + f"baris/{line(LEAF).pk}/", row_post(LEAF, amount_apbd="1")).status_code == 403
    assert logged_in.post(BASE + "tambah/", {"code": LEAF}).status_code == 403
    assert amount(LEAF) == old


def test_submitted_work_plan_is_read_only_too(logged_in, belitung):
    DocumentStatus.objects.create(agency=belitung, year=2024, document="renja", state="submitted")
    assert logged_in.post(BASE + f"baris/{line(LEAF).pk}/", row_post(LEAF)).status_code == 403


def test_other_agencies_cannot_reach_the_lines(client, outsider, same_region_outsider, belitung):
    for user in (outsider, same_region_outsider):
        client.force_login(user)
        assert client.get(BASE).status_code == 404
        assert client.post(BASE + f"baris/{line(LEAF).pk}/", row_post(LEAF)).status_code == 404


def test_bappeda_reads_but_cannot_write(client, bappeda, belitung):
    client.force_login(bappeda)
    assert "hanya baca" in client.get(BASE).content.decode()
    assert client.post(BASE + f"baris/{line(LEAF).pk}/", row_post(LEAF)).status_code == 403


def test_unknown_budget_version(logged_in, belitung):
    assert logged_in.get(BASE + "?versi=palsu").status_code == 404


def test_delete_a_line_only_when_nothing_depends_on_it(logged_in, operator, belitung):
    from sakip.monitoring.models import SpendingRealisation

    kegiatan = line(KEGIATAN)
    html = logged_in.post(BASE + f"baris/{kegiatan.pk}/hapus/").content.decode()
    assert "masih memiliki kegiatan/sub kegiatan" in html
    spent_leaf = SpendingRealisation.objects.filter(line__work_plan__agency=belitung).first().line
    html = logged_in.post(BASE + f"baris/{spent_leaf.pk}/hapus/").content.decode()
    assert "sudah memiliki realisasi anggaran" in html
    free = WorkPlanLine.objects.filter(work_plan__agency=belitung, level=5, spending__isnull=True).first()
    assert free is not None
    response = logged_in.post(BASE + f"baris/{free.pk}/hapus/", HTTP_HX_REQUEST="true")
    assert response.status_code == 204 and response["HX-Redirect"].startswith(BASE)
    assert not WorkPlanLine.objects.filter(pk=free.pk).exists()
    trail = Change.objects.filter(content_type__model="workplanline", object_id=free.pk, action="delete")
    assert trail.get().user == operator


def test_delete_refused_when_locked(logged_in, belitung):
    DocumentStatus.objects.create(agency=belitung, year=2024, document="renja", state="final")
    free = WorkPlanLine.objects.filter(work_plan__agency=belitung, level=5, spending__isnull=True).first()
    assert logged_in.post(BASE + f"baris/{free.pk}/hapus/").status_code == 403
    assert WorkPlanLine.objects.filter(pk=free.pk).exists()


def test_grid_is_sent_compressed_to_browsers_that_accept_it(logged_in, belitung):
    import gzip

    plain = logged_in.get(BASE).content
    packed = logged_in.get(BASE, HTTP_ACCEPT_ENCODING="gzip")
    assert packed["Content-Encoding"] == "gzip" and len(packed.content) * 5 < len(plain)
    assert gzip.decompress(packed.content).count(b"<tr id=\"baris-") == plain.count(b"<tr id=\"baris-")
