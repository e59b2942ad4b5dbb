"""The Batu Bara demo: the plan's money is derived from the sub kegiatan, so the program the seed
printed as 487.722.600 comes out as 481.722.600, and every other printed parent is reproduced."""

from sakip import dataset
from sakip.demo.files import data_dir, read_tsv
from sakip.rules.numbers import ColumnKind, Number, parse_number


def printed_money(text: str) -> int | None:
    parsed = parse_number(text, ColumnKind.MONEY)
    return int(parsed.value) if isinstance(parsed, Number) else None


def test_parents_are_sums_and_only_the_known_defect_differs(batubara):
    wp = dataset.load("batubara", 2024).work_plan
    assert wp.budget_version == "renja"
    assert wp.total_budget("renja") == 12_223_689_352
    assert wp.total_budget("forecast") == 13_491_718_289
    assert wp.by_code["1.06.06"].budget("renja") == 481_722_600
    differences = []
    for row in read_tsv(data_dir("batubara") / "rencana-2024.tsv"):
        if row.text("tingkat") == "total":
            assert printed_money(row.text("dicetak_pagu_2024")) == wp.total_budget("renja")
            continue
        line = wp.by_code[row.text("kode")]
        for column, version in (("dicetak_pagu_2024", "renja"), ("dicetak_pagu_2025", "forecast")):
            printed = printed_money(row.text(column))
            if printed is not None and printed != line.budget(version):
                differences.append((line.code, version, printed, line.budget(version)))
    # FINDINGS.md, seed 000 §2: the only parent that is not the sum of its children.
    assert differences == [("1.06.06", "renja", 487_722_600, 481_722_600)]


def test_counts_in_prose_come_from_the_plan(batubara):
    wp = dataset.load("batubara", 2024).work_plan
    assert (wp.count(3), wp.count(4), wp.count(5)) == (10, 22, 54)


def test_ranwal_rkpd_money_is_kept_as_its_own_version(batubara):
    wp = dataset.load("batubara", 2024).work_plan
    assert "ranwal_rkpd" in wp.versions_present()
    assert wp.total_budget("ranwal_rkpd") == 12_223_689_352


def test_iku_2022_reproduce_the_rules_not_the_printed_rounding(batubara):
    """Tabel 2.3: the seed prints 99,82 (truncated) and 112,03 (a third formula)."""
    ay = dataset.load("batubara", 2022)
    renstra = next(p for p in ay.strategic_plans if p.start_year == 2024)
    found = {i.name: i.achievement(2022, ay.settings).display for i in renstra.key_indicators
             if i.target(2022)}
    assert found["Percentase Angka Kemiskinan"] == "99,83"
    assert found["Ratio Kekerasan Terhadap Perempuan"] == "114,61"
    assert found["Ratio Kekerasan Terhadap Anak"] == "66,90"
    assert found["Nilai AKIP"] == "100,00"
