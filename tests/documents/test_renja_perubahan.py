"""Renja Perubahan: both versions side by side, the difference with its sign stated once."""

from __future__ import annotations

from sakip import dataset
from sakip.documents.registry import Options, kinds
from sakip.documents.renja_perubahan import SIGN_STATEMENT
from sakip.planning.models import BudgetAllocation, WorkPlanLine
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
