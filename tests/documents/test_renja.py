"""The Renja of the Batu Bara demo, built from the stored facts (DOCUMENTS.md §1)."""

from __future__ import annotations

from decimal import Decimal

import pytest

from sakip import dataset
from sakip.documents import renja
from sakip.documents.registry import Options, kinds
from sakip.rules.renja import Aggregation
from tests.documents.helpers import cell, displays, rows_of, table, text


@pytest.fixture
def doc(batubara):
    return kinds()["renja"].build(dataset.load("batubara", 2024), Options())


def test_registered_with_the_outline(doc):
    headings = [(b.number, b.text) for b in doc.blocks if type(b).__name__ == "Heading"]
    numbers = [n for n, _ in headings]
    for expected in ("BAB I", "1.1", "1.2", "1.3", "1.4", "BAB II", "2.1", "2.2", "2.3", "2.4", "2.5",
                     "BAB III", "3.1", "3.2", "3.3", "BAB IV", "BAB V", "Lampiran"):
        assert expected in numbers
    assert [t.number for t in doc.tables()] == ["2.1", "2.2", "2.3", "2.4", "3.1", "3.2", "4.1", "L.1"]
    assert [t.id for t in doc.tables()][2:4] == ["tabel-spm", "tabel-review-ranwal"]


def test_table_2_1_from_stored_facts_with_aggregation_and_polarity(doc):
    t = table(doc, "tabel-evaluasi-renja")
    assert t.landscape and t.number_row[7] == "8=(7/6)"
    # Program Rehabilitasi Sosial: a percentage, aggregated as the latest value (RULES §6).
    (rehab,) = rows_of(t, "1.06.04")
    assert [cell(t, rehab, k).display for k in ("c4", "c5", "c6", "c7", "c8", "c9", "c10", "c11")] == [
        "45", "41", "45", "69,11", "153,58", "45", "45", "100,00"]
    assert cell(t, rehab, "c10").formula == "={c9}"
    assert "nilai terakhir" in cell(t, rehab, "c10").note
    (activity,) = rows_of(t, "1.06.04.2.01")
    assert cell(t, activity, "c8").display == "82,22"  # the seed printed 81.125
    # A count accumulates: 707 + 2.120 + 2.120.
    (letters,) = rows_of(t, "1.06.01.2.08.01")
    assert cell(t, letters, "c10").display == "4.947"
    assert cell(t, letters, "c10").formula == "={c5}+{c7}+{c9}"
    assert cell(t, letters, "c11").display == "180,15"
    # Target 0 → col 8 says why; never "#DIV/0!".
    (training,) = rows_of(t, "1.06.01.2.05.09")
    assert cell(t, training, "c8").value is None
    assert cell(t, training, "c8").display == "tidak dapat dihitung (target nol/kosong)"
    assert "#DIV/0!" not in displays(doc)
    # An empty col 5 is left out of the sum and named.
    (families,) = rows_of(t, "1.06.02.2.03.03")
    assert cell(t, families, "c10").display == "0" and "kolom 5 kosong" in cell(t, families, "c10").note
    # Grouped under urusan and bidang urusan.
    groups = [r.cells[0].display for r in t.rows if r.style == "group"]
    assert groups == ["1", "1.06", "2", "2.08"]
    assert rows_of(t, "1.06.03")[0].cells[1].display.startswith("PROGRAM PENANGANAN WARGA NEGARA MIGRAN")


def test_rehabilitasi_sosial_follows_the_declared_aggregation(batubara):
    ay = dataset.load("batubara", 2024)
    (rehab,) = [ln for ln in renja.evaluation_lines(ay) if ln.code == "1.06.04"]
    assert rehab.indicator.aggregation is Aggregation.LAST
    assert rehab.result.col10.value == 45
    # Declared as a count instead, the same facts give 5 + 7 + 9 (the seed's 155,11).
    rehab.indicator.aggregation = Aggregation.SUM
    (summed,) = [ln for ln in renja.evaluation_lines(ay) if ln.code == "1.06.04"]
    assert summed.result.col10.value == Decimal("155.11")
    assert summed.result.col11.display == "344,69"


def test_plan_table_money_is_derived_and_counts_computed(doc):
    t = table(doc, "tabel-rencana-program")
    (bencana,) = rows_of(t, "1.06.06")[:1]
    pagu = cell(t, bencana, "pagu")
    assert pagu.value == 481_722_600 and pagu.display == "481.722.600"
    assert pagu.formula == "=SUM({pagu@l1.06.06.2.01},{pagu@l1.06.06.2.02})"
    total = t.rows[-1]
    assert total.style == "total"
    assert cell(t, total, "pagu").value == 12_223_689_352
    assert cell(t, total, "pagu_next").value == 13_491_718_289
    bidang = next(r for r in t.rows if r.cells[0].display == "1.06")
    assert cell(t, bidang, "pagu").value == sum(
        cell(t, r, "pagu").value for r in t.rows
        if r.cells[0].display.startswith("1.06.") and r.cells[0].display.count(".") == 2
    )
    (leaf,) = rows_of(t, "1.06.01.2.01.01")
    assert cell(t, leaf, "target").display == "2 dokument"
    assert cell(t, leaf, "source").display == "DAU"
    prose = text(doc)
    assert "merencanakan 10 program, 22 kegiatan dan 54 sub kegiatan" in prose
    assert "melaksanakan 10 (sepuluh) program" in prose
    funded = table(doc, "tabel-rencana-pendanaan")
    assert cell(funded, funded.rows[-1], "pagu").value == 12_223_689_352


def test_consistency_warnings_in_appendix_and_document(doc):
    messages = [w.text() for w in doc.warnings]
    # The stored BAB IV prose says 11 programs; the plan has 10 (FINDINGS seed 000, BAB IV).
    assert any("uraian menyebut 11 program, rencana memuat 10 program" in m for m in messages)
    # Unit changed from last year and forecast jumps (FINDINGS: KLA % vs points; 2.08.06 +289 %).
    assert any("2.08.06" in m and "satuan berubah dari '%' (2023) menjadi 'point' (2024)" in m for m in messages)
    assert any("program 2.08.06" in m and "3,89 ×" in m for m in messages)
    assert any("1.06.05.2.02.02" in m and "target 2025 (43.000)" in m for m in messages)
    appendix = table(doc, "tabel-peringatan")
    assert len(appendix.rows) == len(doc.warnings)


def test_money_without_target_and_target_without_money(batubara):
    from sakip.planning.models import BudgetAllocation, IndicatorTarget

    IndicatorTarget.objects.filter(indicator__code="1.06.01.2.01.01", year=2024).update(value=0)
    IndicatorTarget.objects.filter(indicator__code="1.06.01.2.01.06", year=2024).delete()
    BudgetAllocation.objects.filter(line__code="1.06.01.2.02.05", version="renja").delete()
    ay = dataset.load("batubara", 2024)
    found = [w.text() for w in renja.consistency_warnings(ay, "renja")]
    assert any(m.startswith("sub kegiatan 1.06.01.2.01.01") and "targetnya nol" in m for m in found)
    assert any(m.startswith("sub kegiatan 1.06.01.2.01.06") and "target 2024 kosong" in m for m in found)
    assert any(m.startswith("sub kegiatan 1.06.01.2.02.05") and "ada target 2024 tetapi tidak ada pagu" in m
               for m in found)


def test_forecast_jump_factor_is_the_regions_setting(batubara):
    from sakip.organisations.models import Region

    Region.objects.filter(agencies__code="batubara").update(forecast_jump_factor=Decimal("10"))
    found = [w.text() for w in renja.consistency_warnings(dataset.load("batubara", 2024), "renja")]
    assert not any("program 2.08.06" in m and "prakiraan maju" in m for m in found)
    assert any("1.06.05.2.02.02" in m and "17,92 ×" in m for m in found)


def test_review_against_ranwal_states_each_difference_and_the_reason(batubara):
    from sakip.organisations.models import Agency
    from sakip.planning.models import BudgetAllocation, Narrative

    BudgetAllocation.objects.filter(line__code="1.06.06.2.02.01", version="ranwal_rkpd").update(amount=50_000_000)
    BudgetAllocation.objects.filter(line__code="1.06.06.2.02.02", version="ranwal_rkpd").update(amount=340_000_000)
    Narrative.objects.create(agency=Agency.objects.get(code="batubara"), year=2024, document="renja",
                             section="review_ranwal.1.06.06.2.02.01", text="Penambahan dua kampung siaga.")
    doc = kinds()["renja"].build(dataset.load("batubara", 2024), Options())
    t = table(doc, "tabel-review-ranwal")
    (kampung,) = rows_of(t, "1.06.06.2.02.01")
    assert cell(t, kampung, "r_pagu").value == 50_000_000 and cell(t, kampung, "a_pagu").value == 53_800_000
    assert cell(t, kampung, "note").display == (
        "Pagu bertambah Rp 3.800.000 (dari Rp 50.000.000 menjadi Rp 53.800.000). "
        "Alasan: Penambahan dua kampung siaga.")
    (taruna,) = rows_of(t, "1.06.06.2.02.02")
    assert cell(t, taruna, "note").display.startswith("Pagu berkurang Rp 4.000.000")
    assert "Alasan belum diisi" in cell(t, taruna, "note").display
    assert any("1.06.06.2.02.02" in w.where for w in doc.warnings)
    (unchanged,) = rows_of(t, "1.06.06.2.01.01")
    assert cell(t, unchanged, "note").display == ""


def test_service_performance_and_spm(doc):
    service = table(doc, "tabel-kinerja-pelayanan")
    poverty = next(r for r in service.rows if r.cells[1].display == "Percentase Angka Kemiskinan")
    assert [cell(service, poverty, k).display for k in ("t2022", "r2022", "c2022", "t2024", "end")] == [
        "11,51", "11,53", "99,83", "10,77", "9,75"]  # lower is better: 11,51 / 11,53
    assert any("Percentase Angka Kemiskinan" in n for n in service.notes)
    spm = table(doc, "tabel-spm")
    assert [c.key for c in spm.columns] == ["no", "service", "c2019", "c2020", "c2021", "c2022", "t2023", "end"]
    first = spm.rows[0]
    assert [cell(spm, first, k).display for k in ("c2019", "c2020", "c2021", "c2022", "t2023", "end")] == [
        "-", "9,08", "8,59", "15,61", "100,00", "100,00"]
    assert cell(spm, first, "c2019").note == "tidak ada data"
    assert not any("SPM" in w.message for w in doc.warnings)


def test_spm_from_counts_is_derived(batubara):
    from sakip.monitoring.models import SpmResult

    SpmResult.objects.filter(agency=batubara, number="1", year=2022).update(
        reported_achievement=None, required=Decimal(640), served=Decimal(100))
    doc = kinds()["renja"].build(dataset.load("batubara", 2024), Options())
    spm = table(doc, "tabel-spm")
    assert cell(spm, spm.rows[0], "c2022").display == "15,63"  # 100 / 640
