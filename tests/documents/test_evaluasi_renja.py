"""The quarterly E-form: only quarters up to the one asked, columns 13–15 by aggregation."""

from __future__ import annotations

import pytest

from sakip import dataset
from sakip.common.errors import UserError
from sakip.documents.registry import Options, kinds
from sakip.monitoring.models import IndicatorRealisation, SpendingRealisation
from sakip.planning.models import Indicator, WorkPlanLine
from tests.documents.helpers import cell, displays, rows_of, table


def realise(code, values, year=2024):
    ind = Indicator.objects.get(code=code, strategic_plan__start_year=2024)
    for period, value in values.items():
        IndicatorRealisation.objects.update_or_create(
            indicator=ind, year=year, period=period, defaults={"value": value})


def spend(code, amounts):
    line = WorkPlanLine.objects.get(code=code, work_plan__year=2024)
    for period, amount in amounts.items():
        SpendingRealisation.objects.update_or_create(line=line, period=period, defaults={"amount": amount})


def build(quarter):
    return kinds()["evaluasi-renja"].build(dataset.load("batubara", 2024), Options(quarter=quarter))


@pytest.fixture
def realised(batubara):
    realise("1.06.01.2.01.01", {1: 1, 2: 0, 3: 1})  # dokumen: sum
    realise("2.08.02", {1: 40, 2: 60, 3: 75})  # % (last)
    spend("1.06.01.2.01.01", {1: 2_000_000, 2: 3_000_000, 3: 4_000_000})
    return batubara


def test_columns_13_to_15_by_aggregation_up_to_the_quarter(realised):
    doc = build(2)
    t = table(doc, "tabel-evaluasi-kinerja")
    m = table(doc, "tabel-evaluasi-anggaran")
    for keys in ([c.key for c in t.columns], [c.key for c in m.columns]):
        assert not {"k11", "k12", "rp11", "rp12"} & set(keys)  # TW III and IV are not in a TW II report
    (plan_doc,) = rows_of(t, "1.06.01.2.01.01")
    assert [cell(t, plan_doc, k).display for k in ("k8", "k9", "k10", "k13", "ky", "caty")] == [
        "2", "1", "0", "1", "50,00", "Sangat Rendah"]
    (money,) = rows_of(m, "1.06.01.2.01.01")
    assert cell(m, money, "rp13").value == 5_000_000
    assert cell(m, money, "rpy").display == "50,44"  # 5.000.000 / 9.912.500
    assert cell(m, money, "rpy").formula == "={rp13}/{rp8}*100"
    (activity,) = rows_of(m, "1.06.01.2.01")[:1]
    assert cell(m, activity, "rp13").value == 5_000_000  # parents' money derived
    assert cell(m, activity, "rp8").formula.startswith("=SUM(")
    (gender,) = rows_of(t, "2.08.02")
    assert [cell(t, gender, k).display for k in ("k8", "k13", "ky", "caty")] == ["80", "60", "75,00", "Sedang"]
    # Undefined cells say why: a short reason, the full one in the note and the legend.
    (unrealised,) = rows_of(t, "1.06.01.2.01.06")
    assert cell(t, unrealised, "k13").display == "belum ada"
    assert cell(t, unrealised, "k13").note == "belum ada realisasi triwulan"
    assert cell(m, money, "rp6").display == "belum diisi"
    assert cell(m, money, "rp15").note == "pagu akhir periode Renstra belum diisi"
    assert "#DIV/0!" not in displays(doc)
    assert m.rows[-1].style == "total" and cell(m, m.rows[-1], "rp13").value == 5_000_000

    third = table(build(3), "tabel-evaluasi-kinerja")
    (plan_doc3,) = rows_of(third, "1.06.01.2.01.01")
    assert cell(third, plan_doc3, "k13").display == "2" and cell(third, plan_doc3, "ky").display == "100,00"
    (gender3,) = rows_of(third, "2.08.02")
    assert cell(third, gender3, "k13").display == "75"


def test_a_tw2_report_is_the_same_whenever_it_is_run(realised):
    before = displays(build(2))
    realise("1.06.01.2.01.01", {3: 5, 4: 7})
    realise("2.08.02", {4: 99})
    spend("1.06.01.2.01.01", {3: 9_000_000, 4: 1_000_000})
    assert displays(build(2)) == before
    assert displays(build(4)) != before


def test_quarter_is_required(batubara):
    with pytest.raises(UserError, match="triwulan"):
        kinds()["evaluasi-renja"].build(dataset.load("batubara", 2024), Options())
    assert kinds()["evaluasi-renja"].needs_quarter


def test_the_category_legend_is_the_scale_the_cells_use(batubara):
    """The printed legend comes from the scale data, so it cannot disagree with the cells."""
    from sakip.rules.scales import PERMENDAGRI_86_2017

    notes = " ".join(table(build(2), "tabel-evaluasi-kinerja").notes)
    for band in PERMENDAGRI_86_2017.bands:
        assert f"{band.label} {band.describe()}" in notes


def fund(**amounts):
    from sakip.planning.models import RenstraFunding, StrategicPlan

    plan = StrategicPlan.objects.get(agency__code="batubara", start_year=2024)
    for code, amount in amounts.items():
        RenstraFunding.objects.update_or_create(strategic_plan=plan, code=code.replace("_", "."),
                                                defaults={"amount": amount})


def test_renstra_money_gives_columns_6_and_15_through_the_rules(realised):
    """Column 6 is the stated Renstra money (a kegiatan without its own is the sum of its sub
    kegiatan); column 15 is what rules.renja.quarterly_row computes from 6 and 14."""
    from decimal import Decimal

    from sakip.rules import renja as rules_renja
    from sakip.rules.achievement import Polarity

    subs = WorkPlanLine.objects.filter(work_plan__year=2024, parent__code="1.06.01.2.01", level=5)
    codes = sorted(subs.values_list("code", flat=True))
    fund(**{c.replace(".", "_"): 30_000_000 + i for i, c in enumerate(codes)})
    doc = build(2)
    m = table(doc, "tabel-evaluasi-anggaran")
    (money,) = rows_of(m, "1.06.01.2.01.01")
    assert cell(m, money, "rp6").value == 30_000_000
    expected = rules_renja.quarterly_row(
        renstra_target=Decimal(30_000_000), realised_until_last_year=None,
        target_year=Decimal(cell(m, money, "rp8").value), quarters=[Decimal(2_000_000), Decimal(3_000_000)],
        up_to_quarter=2, polarity=Polarity.HIGHER_IS_BETTER, aggregation=rules_renja.Aggregation.SUM)
    assert cell(m, money, "rp15").value == expected.col15.value
    assert cell(m, money, "rp15").display == "16,67" == expected.col15.display  # 5.000.000 / 30.000.000
    assert cell(m, money, "rp15").formula == "={rp14}/{rp6}*100"
    assert cell(m, money, "rpcat").display == expected.category == "Sangat Rendah"
    (activity,) = rows_of(m, "1.06.01.2.01")[:1]
    total = sum(30_000_000 + i for i in range(len(codes)))
    assert cell(m, activity, "rp6").value == total and cell(m, activity, "rp6").note == "jumlah rinciannya"
    assert cell(m, activity, "rp15").value == rules_renja.quarterly_row(
        renstra_target=Decimal(total), realised_until_last_year=None, target_year=None,
        quarters=[Decimal(2_000_000), Decimal(3_000_000)], up_to_quarter=2,
        polarity=Polarity.HIGHER_IS_BETTER, aggregation=rules_renja.Aggregation.SUM).col15.value
    # The program has other kegiatan without money: it says so instead of a partial sum.
    (program,) = rows_of(m, "1.06.01")[:1]
    assert cell(m, program, "rp6").display == "belum diisi"
    assert cell(m, program, "rp6").note.startswith("pagu akhir periode Renstra belum diisi untuk ")
    assert cell(m, program, "rp15").display == "-"
    assert any("kolom 6 (Rp)" in w.where for w in doc.warnings)


def test_missing_renstra_money_is_said_in_the_document(batubara):
    doc = build(1)
    m = table(doc, "tabel-evaluasi-anggaran")
    line_rows = [r for r in m.rows if r.style == "normal" and r.cells[0].display]
    assert line_rows and all(cell(m, r, "rp6").display == "belum diisi" for r in line_rows)
    assert any("Kolom 6 dan 15 kosong" in note for note in m.notes)
    from tests.documents.helpers import text

    assert "Pagu akhir periode Renstra belum diisi untuk" in text(doc)
    assert any("pagu akhir periode Renstra belum diisi" in w.message for w in doc.warnings)


def test_after_the_revision_the_year_is_measured_against_the_revised_target(realised):
    """With APBD perubahan as the budget of record, column 8 is the Renja Perubahan target."""
    from decimal import Decimal

    from sakip.planning.models import BudgetAllocation, IndicatorTarget

    target = IndicatorTarget.objects.get(indicator__code="1.06.01.2.01.01", year=2024,
                                         indicator__strategic_plan__agency__code="batubara")
    target.revised_value = Decimal(4)
    target.save()
    t = table(build(2), "tabel-evaluasi-kinerja")
    (row,) = rows_of(t, "1.06.01.2.01.01")
    assert cell(t, row, "k8").display == "2"  # no perubahan budget yet: the original target
    for a in BudgetAllocation.objects.filter(line__work_plan__agency__code="batubara", version="renja"):
        BudgetAllocation.objects.create(line_id=a.line_id, version="apbd_p", amount=a.amount)
    t = table(build(2), "tabel-evaluasi-kinerja")
    (row,) = rows_of(t, "1.06.01.2.01.01")
    assert [cell(t, row, k).display for k in ("k8", "k13", "ky")] == ["4", "1", "25,00"]
    assert any("target Renja Perubahan" in note for note in t.notes)
