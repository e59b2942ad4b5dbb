"""`sakip import` of goals, objectives and their indicators: seed 003 (LKjIP 2024 Belitung)
imported into an empty agency gives the same figures (sakip.figures over sakip.dataset) as the
hand-verified demo agency `belitung`; a second import is idempotent; conflicts are listed and
not written; a failed import changes nothing."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sakip.cli import main
from sakip.ingest.checks import check_document
from tests.conftest import shared_path

SEED = ("seeds", "003_f19590e1e1b92e14.txt")

# Every difference between the imported agency and the demo, with why it is expected. The
# test fails when a difference appears that is not listed here, and when a listed one is gone.
EXPECTED_DIFFERENCES = {
    ("1.1.2", "name"): "the IKU table (Tabel 2.3) names it 'Persentase penanganan PMKS yang "
    "tertangani …'; the demo uses the wording of Tabel 3.3 / Form 2",
    ("2.1.1", "unit"): "no table prints a unit for the IDG; the demo's 'indeks' comes from the "
    "Renstra",
    ("2.1.2", "realisation 2023"): "tables print '-' for APE 2023; the demo's 'Pratama' comes "
    "from the prose (§3.1.1) and Gambar 3.2, which the import does not read",
}


@pytest.fixture
def imported(belitung, capsys):
    """Seed 003 imported into an empty agency of the same region as the demo agency."""
    from sakip.organisations.models import Agency

    Agency.objects.create(region=belitung.region, code="uji", name="Dinas Sosial Uji")
    assert main(["import", str(shared_path(*SEED)), "--agency", "uji", "--year", "2024"]) == 0
    out = capsys.readouterr().out
    assert "Disimpan" in out
    return out


def _snapshot(code: str = "uji") -> list[tuple[object, ...]]:
    """Everything the strategic-plan part of the import writes, as comparable tuples."""
    from sakip.monitoring.models import IndicatorRealisation
    from sakip.planning.models import Goal, Indicator, IndicatorTarget, Objective, StrategicPlan

    rows: list[tuple[object, ...]] = []
    rows += StrategicPlan.objects.filter(agency__code=code).values_list("name", "start_year", "end_year")
    rows += Goal.objects.filter(strategic_plan__agency__code=code).values_list("number", "statement")
    rows += Objective.objects.filter(goal__strategic_plan__agency__code=code).values_list("number", "statement")
    rows += Indicator.objects.filter(strategic_plan__agency__code=code).values_list(
        "subject", "number", "code", "name", "unit", "polarity", "target_kind", "ordinal_scale"
    )
    rows += IndicatorTarget.objects.filter(indicator__strategic_plan__agency__code=code).values_list(
        "indicator__number", "indicator__code", "year", "value", "level"
    )
    rows += IndicatorRealisation.objects.filter(indicator__strategic_plan__agency__code=code).values_list(
        "indicator__number", "year", "period", "value", "level"
    )
    return sorted(rows, key=repr)


def _differences(ay_import, ay_demo) -> dict[tuple[str, str], str]:
    """Indicator by indicator: facts, achievement, predikat and category of both agencies."""
    from sakip import figures

    demo = {r.indicator.number: r for r in figures.key_indicator_rows(ay_demo)}
    imported = {r.indicator.number: r for r in figures.key_indicator_rows(ay_import)}
    found: dict[tuple[str, str], str] = {}
    for number in sorted(set(demo) | set(imported)):
        if number not in imported or number not in demo:
            found[(number, "missing")] = f"only in {'demo' if number in demo else 'import'}"
            continue
        d, i = demo[number], imported[number]
        pairs = {
            "level": (d.level, i.level),
            "statement": (d.statement, i.statement),
            "name": (d.indicator.name, i.indicator.name),
            "unit": (d.indicator.unit, i.indicator.unit),
            "polarity": (d.indicator.polarity, i.indicator.polarity),
            "target kind": (d.indicator.target_kind, i.indicator.target_kind),
            "scale": (d.indicator.ordinal_scale, i.indicator.ordinal_scale),
            "percentage change": (d.indicator.percentage_change, i.indicator.percentage_change),
            "target 2024": (d.target_display, i.target_display),
            "realisation 2024": (d.realisation_display, i.realisation_display),
            "achievement": (d.achievement.value, i.achievement.value),
            "achievement rounded": (d.achievement.rounded, i.achievement.rounded),
            "achievement status": (d.achievement.status, i.achievement.status),
            "pathological": (d.achievement.pathological, i.achievement.pathological),
            "predikat": (d.predikat, i.predikat),
            "category": (d.category, i.category),
        }
        for year in range(2019, 2027):
            target_d, target_i = d.indicator.target(year), i.indicator.target(year)
            pairs[f"target {year}"] = (
                target_d.as_rule_input if target_d else None,
                target_i.as_rule_input if target_i else None,
            )
            pairs[f"realisation {year}"] = (d.indicator.realised(year), i.indicator.realised(year))
        for what, (a, b) in pairs.items():
            if a != b:
                found[(number, what)] = f"demo {a!r}, import {b!r}"
    return found


def test_seed_003_gives_the_demo_figures(imported, capsys):
    from sakip import dataset, figures

    ay_import = dataset.load("uji", 2024)
    ay_demo = dataset.load("belitung", 2024)
    assert ay_import.strategic_plan is not None
    assert ay_import.strategic_plan.name == "Renstra 2024–2026"
    assert (ay_import.strategic_plan.start_year, ay_import.strategic_plan.end_year) == (2024, 2026)
    assert len(figures.key_indicator_rows(ay_import)) == 6

    found = _differences(ay_import, ay_demo)
    unexplained = {k: v for k, v in found.items() if k not in EXPECTED_DIFFERENCES}
    assert unexplained == {}, "differences without a reason"
    gone = set(EXPECTED_DIFFERENCES) - set(found)
    assert not gone, f"listed differences no longer occur: {gone}"

    # the mean achievement (pathological 6110 % named and left out) and the predikat counts
    mean_import = figures.indicator_summary(ay_import).mean
    mean_demo = figures.indicator_summary(ay_demo).mean
    assert mean_import.value == mean_demo.value
    assert mean_import.value is not None
    assert [name for name, _ in mean_import.excluded] == [name for name, _ in mean_demo.excluded]
    assert figures.indicator_summary(ay_import).by_predikat == figures.indicator_summary(ay_demo).by_predikat

    # the budget: the same totals, program by program
    rows_import, rows_demo = figures.budget_rows(ay_import), figures.budget_rows(ay_demo)
    total = rows_import[-1]
    assert (total.budget, total.realised) == (10_314_852_053, 9_521_256_875)
    assert total.absorption.rounded == Decimal("92.31")
    assert (rows_demo[-1].budget, rows_demo[-1].realised) == (total.budget, total.realised)
    by_name = {r.name.casefold(): (r.budget, r.realised) for r in rows_demo if r.level == 3}
    programs = {r.name.casefold(): (r.budget, r.realised) for r in rows_import if r.level == 3}
    assert programs == by_name

    # polarity, target kind, unit inferred as the checks infer them
    from sakip.planning.models import Indicator

    by_number = {
        i.number: i for i in Indicator.objects.filter(strategic_plan__agency__code="uji", subject__in=["goal", "objective"])
    }
    assert by_number["3.1.1"].polarity == "lower_is_better"  # "Rasio kekerasan …"
    assert by_number["3.1.1"].unit == "per 10.000"  # from the printed formula "… x 10.000"
    assert by_number["2.1.2"].target_kind == "ordinal" and by_number["2.1.2"].ordinal_scale == "ape"
    assert by_number["1.1.1"].percentage_change  # "Persentase penurunan …"
    assert all(i.is_key for i in by_number.values())
    # printed achievements, averages and predikat are never stored: only targets/realisations
    assert "6110" not in repr(_snapshot())


def test_second_import_changes_nothing_and_conflicts_need_replace(imported, capsys):
    from sakip.monitoring.models import IndicatorRealisation

    seed = str(shared_path(*SEED))
    before = _snapshot()
    assert main(["import", seed, "--agency", "uji", "--year", "2024"]) == 0
    out = capsys.readouterr().out
    assert "berbeda" not in out and "dibuat:" not in out
    assert "sudah sama" in out
    assert _snapshot() == before

    # someone corrects a stored realisation; importing again lists it and writes nothing
    realisation = IndicatorRealisation.objects.get(
        indicator__strategic_plan__agency__code="uji", indicator__number="2.1.1", year=2024
    )
    realisation.value = Decimal("50")
    realisation.save()
    before = _snapshot()
    assert main(["import", seed, "--agency", "uji", "--year", "2024"]) == 1
    out = capsys.readouterr().out
    assert "indikator tujuan 2.1.1 realisasi 2024: tersimpan 50, dokumen 53,47" in out
    assert "Tidak ada yang ditulis" in out
    assert _snapshot() == before
    # a dry run with --replace says what would be overwritten, and overwrites nothing
    assert main(["import", seed, "--agency", "uji", "--year", "2024", "--replace", "--dry-run"]) == 0
    out = capsys.readouterr().out
    assert "akan ditimpa: 1" in out and "~ indikator tujuan 2.1.1 realisasi 2024" in out
    assert _snapshot() == before
    assert main(["import", seed, "--agency", "uji", "--year", "2024", "--replace"]) == 0
    assert "ditimpa: 1" in capsys.readouterr().out
    realisation.refresh_from_db()
    assert realisation.value == Decimal("53.47")


def test_dry_run_lists_goals_and_writes_nothing(belitung, capsys):
    from sakip.organisations.models import Agency

    Agency.objects.create(region=belitung.region, code="uji", name="Dinas Sosial Uji")
    assert main(["import", str(shared_path(*SEED)), "--agency", "uji", "--year", "2024", "--dry-run"]) == 0
    out = capsys.readouterr().out
    assert "+ renstra: Renstra 2024–2026" in out
    assert "+ tujuan 1: Meningkatnya kesejahteraan PMKS" in out
    assert "+ indikator sasaran 2.1.2: Level Anugerah Parahita Ekapraya (APE)" in out
    # the document's own disagreements are said, with the value kept
    assert "Indeks Pemberdayaan Gender (IDG)' target 2024: dipakai 53,43" in out
    assert _snapshot() == []


def test_failed_import_changes_nothing(belitung, monkeypatch):
    from sakip.ingest import importer
    from sakip.ingest.checks import check_document
    from sakip.ingest.readers import read_document
    from sakip.organisations.models import Agency

    Agency.objects.create(region=belitung.region, code="uji", name="Dinas Sosial Uji")
    plan = importer.build_plan(check_document(read_document(shared_path(*SEED))), 2024)
    assert plan.strategy is not None and plan.strategy.indicators

    def broken(*args, **kwargs):
        raise RuntimeError("disk penuh")

    monkeypatch.setattr(importer, "_indicators", broken)  # runs after the goals are written
    with pytest.raises(RuntimeError):
        importer.apply_plan(plan, "uji", path="seed")
    assert _snapshot() == []


def test_a_document_without_renstra_period_says_what_it_assumed(empty_region_agency, tmp_path, capsys):
    doc = tmp_path / "lkjip.txt"
    doc.write_text(
        "Tabel 3.1\n"
        "Capaian Indikator Kinerja Tahun 2025\n"
        "\n"
        "No\tTujuan/Sasaran Strategis\tIndikator Kinerja\tTarget 2025\tRealisasi 2025\t% Capaian 2025\n"
        "1\tTujuan : Meningkatnya kualitas layanan\tIndeks kepuasan masyarakat\t80\t84\t105\n"
        "2\tSasaran : Meningkatnya kecepatan layanan\tPersentase izin selesai tepat waktu\t90%\t81%\t90\n"
        "3\tSasaran : Menurunnya kasus gizi buruk\tPrevalensi gizi buruk balita\t2,0\t2,5\t80\n",
        encoding="utf-8",
    )
    assert main(["import", str(doc), "--agency", "kosong", "--year", "2025"]) == 0
    out = capsys.readouterr().out
    assert "anggapan:" in out and "Renstra (impor dokumen 2025)" in out
    from sakip import dataset, figures

    rows = figures.key_indicator_rows(dataset.load("kosong", 2025))
    assert [(r.level, r.indicator.name) for r in rows] == [
        ("Tujuan", "Indeks kepuasan masyarakat"),
        ("Sasaran", "Persentase izin selesai tepat waktu"),
        ("Sasaran", "Prevalensi gizi buruk balita"),
    ]
    achievements = [r.achievement.rounded for r in rows]
    # 84/80; 81/90; lower is better ("prevalensi … gizi buruk"): 2,0/2,5
    assert achievements == [Decimal("105.00"), Decimal("90.00"), Decimal("80.00")]
    assert rows[1].indicator.unit == "%"


@pytest.fixture
def empty_region_agency(db):
    from sakip.organisations.models import Agency, Region

    region = Region.objects.create(name="Kabupaten Kosong", kind=Region.Kind.REGENCY)
    return Agency.objects.create(region=region, code="kosong", name="Dinas Kosong")


def test_renja_goals_table_with_an_indicator_column_per_level(empty_region_agency, capsys):
    """Seed 000 (Renja 2024 Batu Bara) Tabel 3.1: tujuan, its indicator, sasaran, its indicator
    and the targets of the sasaran indicator in one row. Compared with the hand-checked demo
    data (src/sakip/demo/data/batubara/tujuan-sasaran-2024-2026.tsv)."""
    import csv
    from pathlib import Path

    from sakip.ingest.goals import name_key
    from sakip.planning.models import Indicator, IndicatorTarget

    seed = shared_path("seeds", "000_1abe8954bf9dd558.txt")
    assert main(["import", str(seed), "--agency", "kosong", "--year", "2024"]) == 0
    # the document names no Renstra; the goals table's caption gives the period
    assert "periode Renstra 2024–2026 dari judul Tabel 3.1" in capsys.readouterr().out
    from sakip.planning.models import StrategicPlan

    assert list(StrategicPlan.objects.filter(agency__code="kosong").values_list("name", "start_year", "end_year")) == [
        ("Renstra 2024–2026", 2024, 2026)
    ]
    stored = {
        name_key(i.name): i
        for i in Indicator.objects.filter(strategic_plan__agency__code="kosong", subject="objective")
    }
    goal_indicators = Indicator.objects.filter(strategic_plan__agency__code="kosong", subject="goal")
    assert {i.name for i in goal_indicators} >= {"Nilai Evaluasi AKIP OPD", "Rasio Kekerasan Perempuan Dan Anak"}
    assert not IndicatorTarget.objects.filter(indicator__in=goal_indicators).exists()

    data = Path(__file__).resolve().parents[2] / "src/sakip/demo/data/batubara/tujuan-sasaran-2024-2026.tsv"
    with data.open(encoding="utf-8") as handle:
        demo = list(csv.DictReader(handle, delimiter="\t"))
    corrected = {("Nilai Evaluasi KLA", 2024): "printed 70% among 800 and 850; the demo reads 700"}
    found = {}
    for row in demo:
        ind = stored[name_key(row["indikator_sasaran"])]
        polarity = "negatif" if ind.polarity == "lower_is_better" else "positif"
        assert (polarity, ind.target_kind, ind.ordinal_scale) == (row["polaritas"], row["jenis_target"], row["skala"])
        for year in (2024, 2025, 2026):
            target = IndicatorTarget.objects.get(indicator=ind, year=year)
            expected = row[f"target_{year}"]
            if ind.target_kind == "ordinal":
                assert target.level == expected
            elif target.value != Decimal(expected.replace(",", ".")):
                found[(row["indikator_sasaran"], year)] = f"{target.value} ≠ {expected}"
    assert set(found) == set(corrected)


_GOAL_CELL = st.one_of(
    st.sampled_from([
        "", "-", "1.", "1.1.1", "2.1. 1", "Tujuan : Meningkatnya layanan", "Sasaran Strategis : Turunnya kasus",
        "Tujuan & Sasaran: Sama", "Tujuan :", "Indeks kepuasan", "Rasio kekerasan anak", "Pratama", "BB (74,91)",
        "74.91 (BB)", "80–90", "98,79%", "4,45 (indikator negatif)", "x 10.000", "Jumlah", "Madya",
    ]),
    st.text(alphabet="0123456789.,-% ", max_size=10),
    st.text(max_size=10),
)


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    header=st.lists(
        st.sampled_from([
            "No", "Tujuan", "Sasaran", "Indikator Kinerja", "Indikator Kinerja Tujuan", "Indikator Kinerja Sasaran",
            "Tujuan/Sasaran Strategis", "Target 2024", "Realisasi 2024", "Target 2023", "Realisasi 2023",
            "% Capaian 2024", "Satuan", "Rumusan", "Target Akhir Renstra (2026)", "Data Awal 2018", "",
        ]),
        min_size=2, max_size=8,
    ),
    rows=st.lists(st.lists(_GOAL_CELL, min_size=1, max_size=8), max_size=10),
)
def test_fuzz_goal_tables_never_crash(header, rows):
    from sakip.ingest.goals import build_strategy
    from sakip.ingest.readers import parse_lines, text_lines

    text = "\n".join(
        ["LAPORAN KINERJA TAHUN 2024", "Tabel 3.3 Capaian Tujuan dan Sasaran Tahun 2024", "\t".join(header)]
        + ["\t".join(r) for r in rows]
        + ["Renstra 2024-2026"]
    )
    report = check_document(parse_lines(text_lines(text), "fuzz.txt", "text"))
    strategy = build_strategy(report.tables, 2024, [p.text for p in report.prose])
    if strategy is not None:
        numbers = [i.number for i in strategy.indicators]
        assert len(numbers) == len(set(numbers))  # every indicator has its own number
        goals = {g.number for g in strategy.goals}
        assert all(o.goal in goals for o in strategy.objectives)
