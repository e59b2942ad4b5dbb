"""Renja Perubahan: both versions side by side, the difference with its sign stated once."""

from __future__ import annotations

from sakip import dataset
from sakip.documents.registry import Options, kinds
from sakip.documents.renja_perubahan import SIGN_STATEMENT
from sakip.planning.models import BudgetAllocation, WorkPlanLine
from sakip.rules.numbers import format_value
from tests.documents.helpers import cell, rows_of, table


def revise(batubara):
    allocations = BudgetAllocation.objects.filter(line__work_plan__agency=batubara, version="renja")
    BudgetAllocation.objects.bulk_create(
        [BudgetAllocation(line_id=a.line_id, version="rkpd", amount=a.amount) for a in allocations]
        + [BudgetAllocation(line_id=a.line_id, version="rkpd_p", amount=a.amount) for a in allocations
           if a.line.code not in ("1.06.06.2.02.02",)]
    )
    BudgetAllocation.objects.filter(line__code="1.06.06.2.01.01", version="rkpd_p").update(amount=101_922_600)
    BudgetAllocation.objects.filter(line__code="1.06.06.2.02.01", version="rkpd_p").update(amount=43_800_000)


def test_side_by_side_with_signed_difference(batubara):
    revise(batubara)
    doc = kinds()["renja-perubahan"].build(dataset.load("batubara", 2024), Options())
    t = table(doc, "tabel-renja-perubahan")
    (food,) = rows_of(t, "1.06.06.2.01.01")
    assert (cell(t, food, "before").value, cell(t, food, "after").value) == (91_922_600, 101_922_600)
    assert cell(t, food, "diff").display == "+10.000.000" and cell(t, food, "diff").value == 10_000_000
    assert cell(t, food, "diff").formula == "={after}-{before}"
    (kampung,) = rows_of(t, "1.06.06.2.02.01")
    assert cell(t, kampung, "diff").display == "−10.000.000" and cell(t, kampung, "diff").value == -10_000_000
    (taruna,) = rows_of(t, "1.06.06.2.02.02")
    assert cell(t, taruna, "after").display == "-" and cell(t, taruna, "diff").value == -336_000_000
    assert "Tidak ada lagi dalam perubahan." in cell(t, taruna, "note").display
    (program,) = rows_of(t, "1.06.06")[:1]
    assert cell(t, program, "before").value == 481_722_600
    assert cell(t, program, "after").value == 481_722_600 + 10_000_000 - 10_000_000 - 336_000_000
    total = t.rows[-1]
    assert cell(t, total, "diff").value == -336_000_000
    # The sign convention is stated exactly once in the whole document.
    assert t.notes.count(SIGN_STATEMENT) == 1
    everywhere = [n for tb in doc.tables() for n in tb.notes] + [
        r.text for b in doc.blocks if type(b).__name__ == "Paragraph" for r in b.runs if hasattr(r, "text")]
    assert sum(SIGN_STATEMENT in x for x in everywhere) == 1
    assert any("1.06.06.2.01.01" in w.where for w in doc.warnings)


def test_without_a_revised_version_says_so(batubara):
    doc = kinds()["renja-perubahan"].build(dataset.load("batubara", 2024), Options())
    assert any("pagu versi perubahan belum tersimpan" in w.message for w in doc.warnings)
    assert not list(doc.tables())
    assert WorkPlanLine.objects.filter(work_plan__agency=batubara).exists()


def test_revised_targets_side_by_side_with_the_same_sign(batubara):
    """A revised target is shown beside the original with after − before; an indicator
    without a revised target keeps its target ("tetap")."""
    from decimal import Decimal

    from sakip.planning.models import IndicatorTarget

    revise(batubara)
    target = IndicatorTarget.objects.get(indicator__code="1.06.06.2.01.01", year=2024,
                                         indicator__strategic_plan__agency=batubara)
    original = target.value
    target.revised_value = original + Decimal(25)
    target.save()
    lower = IndicatorTarget.objects.get(indicator__code="1.06.06.2.02.01", year=2024,
                                        indicator__strategic_plan__agency=batubara)
    lower.revised_value = lower.value - Decimal("0.5")
    lower.save()
    doc = kinds()["renja-perubahan"].build(dataset.load("batubara", 2024), Options())
    t = table(doc, "tabel-renja-perubahan")
    (food,) = rows_of(t, "1.06.06.2.01.01")
    before, after = cell(t, food, "target").display, cell(t, food, "target_after").display
    assert before.split()[0] == format_value(original) and after.split()[0] == format_value(original + 25)
    assert cell(t, food, "target_diff").display == "+25"
    assert cell(t, food, "note").display.startswith("Target berubah.")
    (kampung,) = rows_of(t, "1.06.06.2.02.01")
    assert cell(t, kampung, "target_diff").display == "−0,50"  # figures shown with 2 decimals (RULES §1)
    (program,) = rows_of(t, "1.06.06")[:1]
    assert cell(t, program, "target_diff").display == "tetap"
    assert cell(t, program, "target_after").display == cell(t, program, "target").display
    assert t.number_row[6] == "7=6−5" and t.number_row[9] == "10=9−8"
    from tests.documents.helpers import text

    assert "target 2 indikator berubah" in text(doc)


def test_target_change_rule():
    from decimal import Decimal

    from sakip.documents.renja_perubahan import target_change

    assert target_change(Decimal(10), Decimal(12)) == "+2"
    assert target_change(Decimal(10), Decimal(10)) == "tetap"
    assert target_change(Decimal(10), None) == "tetap"
    assert target_change("BB", "A") == "berubah"
