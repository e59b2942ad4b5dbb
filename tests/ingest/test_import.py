"""`sakip import`: a seed into an empty agency, figures recomputed by sakip.figures against the
fixture; dry run, conflicts and failures leave the database as it was."""

from __future__ import annotations

import csv

import pytest

from sakip.cli import main
from tests.conftest import shared_path


@pytest.fixture
def empty_agency(db):
    from sakip.organisations.models import Agency, Region

    region = Region.objects.create(name="Kabupaten Uji", kind=Region.Kind.REGENCY)
    return Agency.objects.create(region=region, code="uji", name="Dinas Sosial Uji")


def _counts():
    from sakip.monitoring.models import SpendingRealisation
    from sakip.planning.models import BudgetAllocation, Indicator, IndicatorTarget, WorkPlanLine

    return (
        WorkPlanLine.objects.count(),
        BudgetAllocation.objects.count(),
        SpendingRealisation.objects.count(),
        Indicator.objects.count(),
        IndicatorTarget.objects.count(),
    )


def test_import_lkjip_seed_and_recompute_figures(empty_agency, capsys):
    from sakip import dataset, figures
    from sakip.planning.models import BudgetAllocation, WorkPlanLine

    seed = shared_path("seeds", "003_f19590e1e1b92e14.txt")
    assert main(["import", str(seed), "--agency", "uji", "--year", "2024"]) == 0
    assert "Disimpan" in capsys.readouterr().out
    # money only on sub kegiatan: parents' printed sums are never stored
    assert not BudgetAllocation.objects.exclude(line__level=5).exists()
    assert WorkPlanLine.objects.filter(level=5).count() >= 54

    fixture_path = shared_path("fixtures", "belitung-2024-budget-realisation.tsv")
    with fixture_path.open(encoding="utf-8") as handle:
        fixture = {r["kode"]: r for r in csv.DictReader(handle, delimiter="\t")}
    rows = figures.budget_rows(dataset.load("uji", 2024))
    total = rows[-1]
    assert total.budget == 10_314_852_053
    assert total.realised == 9_521_256_875
    assert str(total.absorption.rounded).replace(".", ",") == "92,31"
    by_name = {r.name: r for r in rows if r.level == 3}
    penunjang = by_name["PROGRAM PENUNJANG URUSAN PEMERINTAHAN DAERAH KABUPATEN/KOTA"]
    assert penunjang.budget == int(fixture["0.00.01"]["apbd_p"])
    assert penunjang.realised == int(fixture["0.00.01"]["realisasi"])
    # "Madya undefined" (a program's placeholder left in the cell; `sakip check` warns) is read
    # as the level Madya, not as a level named "Madya undefined"
    from sakip.planning.models import IndicatorTarget

    kla = IndicatorTarget.objects.filter(indicator__strategic_plan__agency=empty_agency,
                                         indicator__code__in=["2.08.06", "2.08.06.2.01"], year=2024)
    assert sorted(t.level for t in kla) == ["Madya", "Madya"]


def test_dry_run_writes_nothing(empty_agency, capsys):
    seed = shared_path("seeds", "000_1abe8954bf9dd558.txt")
    before = _counts()
    assert main(["import", str(seed), "--agency", "uji", "--year", "2024", "--dry-run"]) == 0
    out = capsys.readouterr().out
    assert "Uji coba" in out and "akan dibuat" in out
    assert _counts() == before


def test_renja_seed_targets_and_conflicts_need_replace(empty_agency, capsys):
    from sakip.planning.models import BudgetAllocation, IndicatorTarget

    seed = shared_path("seeds", "000_1abe8954bf9dd558.txt")
    assert main(["import", str(seed), "--agency", "uji", "--year", "2024"]) == 0
    allocation = BudgetAllocation.objects.get(line__code="1.06.06.2.02.02", version="renja")
    target = IndicatorTarget.objects.get(indicator__code="1.06.01.2.02.01", year=2024)
    assert target.value == 30  # "30 orang"
    # someone edits a stored fact; importing again lists the conflict and writes nothing
    allocation.amount += 1
    allocation.save()
    before = _counts()
    capsys.readouterr()
    assert main(["import", str(seed), "--agency", "uji", "--year", "2024"]) == 1
    out = capsys.readouterr().out
    assert "1.06.06.2.02.02 pagu renja" in out and "--replace" in out
    # a changed target is listed in the Indonesian number form, with what the cell printed
    target.value = 31
    target.save()
    capsys.readouterr()
    assert main(["import", str(seed), "--agency", "uji", "--year", "2024", "--dry-run"]) == 1
    assert "1.06.01.2.02.01 target 2024: tersimpan 31, dokumen 30 (tertulis '30 orang')" in capsys.readouterr().out
    target.value = 30
    target.save()
    allocation.refresh_from_db()
    assert _counts() == before
    edited = allocation.amount
    assert main(["import", str(seed), "--agency", "uji", "--year", "2024", "--replace"]) == 0
    allocation.refresh_from_db()
    assert allocation.amount == edited - 1


def test_failed_import_changes_nothing(empty_agency, monkeypatch):
    from sakip.ingest import importer
    from sakip.ingest.checks import check_document
    from sakip.ingest.readers import read_document

    report = check_document(read_document(shared_path("seeds", "000_1abe8954bf9dd558.txt")))
    plan = importer.build_plan(report, 2024)
    before = _counts()

    def broken(*args, **kwargs):
        raise RuntimeError("disk penuh")

    monkeypatch.setattr(importer, "_indicators", broken)
    with pytest.raises(RuntimeError):
        importer.apply_plan(plan, "uji", path="seed")
    assert _counts() == before


def test_unknown_agency_is_a_user_error(db, capsys):
    seed = shared_path("seeds", "000_1abe8954bf9dd558.txt")
    assert main(["import", str(seed), "--agency", "tidak-ada", "--year", "2024"]) == 2
    assert "tidak-ada" in capsys.readouterr().err
