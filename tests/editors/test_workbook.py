"""XLSX round trip: download, fill in, upload, preview, apply — all or nothing, per-cell errors,
stale cells detected."""

from __future__ import annotations

import io
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import load_workbook

from sakip.monitoring.models import IndicatorRealisation, SpendingRealisation
from sakip.planning.models import BudgetAllocation, WorkPlanLine
from sakip.workflow.models import Change, DocumentStatus

BASE = "/pd/belitung/2024/ubah/excel/"
LEAF = "1.06.01.2.01.0001"
OTHER_LEAF = "1.06.01.2.01.0007"


def line(code: str) -> WorkPlanLine:
    return WorkPlanLine.objects.get(work_plan__agency__code="belitung", code=code)


def amount(code: str, version: str = "apbd") -> int | None:
    found = BudgetAllocation.objects.filter(line=line(code), version=version).first()
    return found.amount if found else None


def download(client, path: str = "unduh/renja/"):
    response = client.get(BASE + path)
    assert response.status_code == 200, response.content[:300]
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    return load_workbook(io.BytesIO(response.content))


def find(ws, row_id: str, header: str):
    """The cell of a row (by ID in column A) and column (by header text in row 4)."""
    headers = [c.value for c in ws[4]]
    column = next(i for i, h in enumerate(headers) if h and h.startswith(header))
    for row in ws.iter_rows(min_row=5):
        if row[0].value == row_id:
            return row[column]
    raise AssertionError(f"{row_id} not in {ws.title}")


def upload(client, wb, kind: str = "renja", quarter: int = 0):
    buffer = io.BytesIO()
    wb.save(buffer)
    file = SimpleUploadedFile("isian.xlsx", buffer.getvalue())
    return client.post(BASE + "unggah/", {"kind": kind, "quarter": quarter, "file": file})


def apply_from(client, preview) -> object:
    token = re.search(r'name="token" value="([0-9a-f]+)"', preview.content.decode()).group(1)
    return client.post(BASE + "terapkan/", {"token": token})


@pytest.fixture
def op(client, operator):
    client.force_login(operator)
    return client


def test_round_trip_preview_then_apply_in_one_go(op, operator, belitung):
    wb = download(op)
    ws = wb["Pagu"]
    leaf_id, other_id = f"L{line(LEAF).pk}", f"L{line(OTHER_LEAF).pk}"
    find(ws, leaf_id, "Pagu APBD murni").value = "1.500.000"  # Indonesian text
    find(ws, other_id, "Pagu APBD murni").value = 2_750_000  # a number cell
    find(ws, leaf_id, "Lokasi").value = "Kec. Tanjungpandan"
    old = amount(LEAF)
    preview = upload(op, wb)
    html = preview.content.decode()
    assert preview.status_code == 200, html
    assert "3 sel berubah" in html and "Rp 1.500.000" in html and "Kec. Tanjungpandan" in html
    assert f"Rp {old:,}".replace(",", ".") in html  # old → new
    assert amount(LEAF) == old  # nothing saved by the preview
    done = apply_from(op, preview)
    assert done.status_code == 200 and "tersimpan dalam satu transaksi" in done.content.decode()
    assert amount(LEAF) == 1_500_000 and amount(OTHER_LEAF) == 2_750_000
    assert line(LEAF).location == "Kec. Tanjungpandan"
    trail = Change.objects.filter(content_type__model="budgetallocation", field="amount")
    assert {c.user for c in trail} == {operator} and all("Unggah Excel" in c.reason for c in trail)
    assert op.post(BASE + "terapkan/", {"token": "0" * 32}).status_code == 404


def test_one_bad_cell_changes_nothing_and_is_named(op, belitung):
    wb = download(op)
    ws = wb["Pagu"]
    good = find(ws, f"L{line(LEAF).pk}", "Pagu APBD murni")
    good.value = 1_000_000
    bad = find(ws, f"L{line(OTHER_LEAF).pk}", "Pagu APBD murni")
    bad.value = "12,5 juta"
    parent = find(ws, f"L{line('1.06.01.2.01').pk}", "Pagu APBD murni")
    parent.value = 99
    target_sheet = wb["Target"]
    target = next(r for r in target_sheet.iter_rows(min_row=5) if r[0].value)[4]
    target.value = "1.234"  # ambiguous? no: Indonesian convention → 1234
    old = amount(LEAF)
    response = upload(op, wb)
    html = response.content.decode()
    assert response.status_code == 400
    assert "tidak ada yang disimpan" in html
    assert f"<td data-cell>Pagu!{bad.coordinate}</td>" in html and "“12,5 juta” bukan angka" in html
    assert f"Pagu!{parent.coordinate}</td>" in html and "dihitung dari jumlah sub kegiatannya" in html
    assert 'name="token"' not in html
    assert amount(LEAF) == old


def test_stale_cell_is_detected_and_names_the_other_person(
        client, operator, second_operator, belitung):
    client.force_login(operator)
    wb = download(client)
    # meanwhile a colleague changes the same figure on the screen
    from sakip.workflow.history import audit_context

    with audit_context(second_operator, reason="layar"):
        alloc = BudgetAllocation.objects.get(line=line(LEAF), version="apbd")
        alloc.amount = 7_777_777
        alloc.save()
    cell = find(wb["Pagu"], f"L{line(LEAF).pk}", "Pagu APBD murni")
    cell.value = 1
    html = upload(client, wb).content.decode()
    assert "telah diubah oleh Rekan.Uji" in html and "Rp 7.777.777" in html and cell.coordinate in html
    assert amount(LEAF) == 7_777_777


def test_a_change_between_preview_and_apply_is_refused(op, second_operator, belitung):
    wb = download(op)
    find(wb["Pagu"], f"L{line(LEAF).pk}", "Pagu APBD murni").value = 5
    find(wb["Pagu"], f"L{line(OTHER_LEAF).pk}", "Pagu APBD murni").value = 6
    preview = upload(op, wb)
    alloc = BudgetAllocation.objects.get(line=line(OTHER_LEAF), version="apbd")
    alloc.amount += 1
    alloc.save()
    response = apply_from(op, preview)
    assert response.status_code == 409
    assert amount(LEAF) != 5  # the other, still valid cell was not written either


def test_unchanged_workbook_has_nothing_to_apply(op, belitung):
    html = upload(op, download(op)).content.decode()
    assert "Tidak ada perubahan" in html


def test_not_a_workbook_and_someone_elses_workbook(op, client, belitung, batubara):
    file = SimpleUploadedFile("x.xlsx", b"bukan excel")
    response = op.post(BASE + "unggah/", {"kind": "renja", "file": file})
    assert response.status_code == 400 and "tidak dapat dibaca" in response.content.decode()
    wb = download(op)
    wb["_asal"]["B1"] = "batubara"
    html = upload(op, wb).content.decode()
    assert "bukan renja belitung tahun 2024" in html


def test_rows_sorted_in_excel_still_match_by_id(op, belitung):
    wb = download(op)
    ws = wb["Pagu"]
    rows = [[c.value for c in r] for r in ws.iter_rows(min_row=5)]
    assert len(rows) > 10
    rows.reverse()
    for r_index, values in enumerate(rows, start=5):
        for c_index, value in enumerate(values, start=1):
            ws.cell(row=r_index, column=c_index).value = value
    find(ws, f"L{line(LEAF).pk}", "Pagu APBD murni").value = 424_242
    preview = upload(op, wb)
    assert preview.status_code == 200, re.findall(r"<tr><td>.*?</tr>", preview.content.decode())[:5]
    apply_from(op, preview)
    assert amount(LEAF) == 424_242


def test_quarter_realisation_round_trip(op, belitung):
    DocumentStatus.objects.filter(agency=belitung, document="realisation").delete()
    wb = download(op, "unduh/realisasi/2/")
    ws = wb["Anggaran"]
    cell = find(ws, f"L{line(LEAF).pk}", "Realisasi Triwulan II")
    cell.value = "3.000.000"
    find(ws, f"L{line(LEAF).pk}", "Realisasi fisik").value = "45,5"
    find(ws, f"L{line(OTHER_LEAF).pk}", "Realisasi fisik").value = 140
    html = upload(op, wb, "realisasi", 2).content.decode()
    assert "Realisasi fisik" in html and "tidak ada yang disimpan" in html  # 140 % refused
    find(ws, f"L{line(OTHER_LEAF).pk}", "Realisasi fisik").value = None
    ind = wb["Indikator"]
    first = next(r for r in ind.iter_rows(min_row=5) if r[0].value)
    value_cell = first[5]
    value_cell.value = "87,25"
    preview = upload(op, wb, "realisasi", 2)
    assert preview.status_code == 200, preview.content.decode()[:2000]
    apply_from(op, preview)
    spent = SpendingRealisation.objects.get(line=line(LEAF), period=2)
    assert spent.amount == 3_000_000 and str(spent.physical_progress) == "45.50"
    rec = IndicatorRealisation.objects.get(indicator_id=int(first[0].value[1:]), year=2024, period=2)
    assert str(rec.value.normalize()) == "87.25"


def test_permissions(client, belitung, bappeda, outsider, operator):
    client.force_login(bappeda)  # reads and downloads, cannot upload
    assert client.get(BASE).status_code == 200
    wb = download(client)
    assert upload(client, wb).status_code == 403
    client.force_login(outsider)
    assert client.get(BASE).status_code == 404
    assert client.get(BASE + "unduh/renja/").status_code == 404
    client.logout()
    assert client.get(BASE + "unduh/renja/").status_code == 302
    client.force_login(operator)
    DocumentStatus.objects.create(agency=belitung, year=2024, document="renja", state="final")
    assert upload(client, wb).status_code == 403
    assert client.get(BASE + "unduh/realisasi/5/").status_code == 404
