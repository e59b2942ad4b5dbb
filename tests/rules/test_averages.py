"""RULES.md §4 — averages of achievements (seed 003 sasaran means)."""

from decimal import Decimal as D

from sakip.rules.achievement import Polarity, numeric_achievement
from sakip.rules.averages import (
    mean_achievement,
    mean_of_means,
    physical_progress_mean,
)

UP = Polarity.HIGHER_IS_BETTER
DOWN = Polarity.LOWER_IS_BETTER

PMKS_DECLINE = numeric_achievement(D("0.5"), D("30.55"), polarity=UP, percentage_change=True)
PMKS_HANDLED = numeric_achievement(D("98.79"), D("97.62"), polarity=UP)


def test_seed_003_sasaran_1_excludes_the_pathological_indicator():
    # the document averages 6110 and 98,82 into 3104,41
    assert (D("6110") + D("98.82")) / 2 == D("3104.41")
    mean = mean_achievement(
        [
            ("Persentase penurunan PMKS per tahun", PMKS_DECLINE),
            ("Persentase PMKS yang tertangani", PMKS_HANDLED),
        ]
    )
    assert mean.display == "98,82"
    assert mean.included == ("Persentase PMKS yang tertangani",)
    assert len(mean.excluded) == 1
    name, reason = mean.excluded[0]
    assert name == "Persentase penurunan PMKS per tahun"
    assert "|C| > 200 %" in reason and "6.110,00" in reason
    assert "target di bawah 1" in reason


def test_undefined_indicators_are_excluded_and_named():
    mean = mean_achievement(
        [
            ("a", numeric_achievement(D(0), D(5), polarity=UP)),
            ("b", numeric_achievement(D(10), None, polarity=UP)),
            ("c", numeric_achievement(D(10), D(9), polarity=UP)),
        ]
    )
    assert mean.value == 90
    assert mean.excluded == (
        ("a", "dikecualikan: tidak dapat dihitung (target nol/kosong)"),
        ("b", "dikecualikan: belum ada realisasi"),
    )


def test_nothing_to_average_is_explicit():
    mean = mean_achievement([("a", numeric_achievement(None, D(1), polarity=UP))])
    assert mean.value is None and mean.rounded is None
    assert "tidak dapat dihitung" in mean.display
    empty = mean_achievement([])
    assert empty.value is None and empty.included == () and empty.excluded == ()


def test_cap_option_and_at_least_100():
    items = [
        ("over", numeric_achievement(D(100), D(150), polarity=UP)),
        ("zero violence", numeric_achievement(D("3.2"), D(0), polarity=DOWN)),
        ("normal", numeric_achievement(D(100), D(90), polarity=UP)),
    ]
    uncapped = mean_achievement(items)
    assert uncapped.value == (D(150) + 100 + 90) / 3
    assert ("zero violence", "capaian ≥ 100 dihitung sebagai 100") in uncapped.notes
    capped = mean_achievement(items, cap=D(120))
    assert capped.value == (D(120) + 100 + 90) / 3
    assert any(name == "over" and "dibatasi 120" in note for name, note in capped.notes)


def test_iku_fixture_overall_mean_differs_from_printed():
    # seed 003 Tabel 3.45: 1092,12 = mean of sasaran means 3104,41; 100,04; 71,91
    s1 = mean_achievement([("penurunan", PMKS_DECLINE), ("tertangani", PMKS_HANDLED)])
    s2 = mean_achievement(
        [
            ("IDG", numeric_achievement(D("53.43"), D("53.47"), polarity=UP)),
            ("APE", numeric_achievement(D(1), D(1), polarity=UP)),
        ]
    )
    s3 = mean_achievement([("rasio", numeric_achievement(D("3.20"), D("4.45"), polarity=DOWN))])
    assert s2.display == "100,04"
    assert s3.display == "71,91"
    overall = mean_of_means([("1", s1), ("2", s2), ("3", s3)])
    # computed from unrounded means; averaging the printed 98,82 / 100,04 / 71,91 gives 90,26
    assert overall.display == "90,25"
    assert round((D("98.82") + D("100.04") + D("71.91")) / 3, 2) == D("90.26")
    assert (D("3104.41") + D("100.04") + D("71.91")) / 3 == D("1092.12")
    none = mean_of_means([("x", mean_achievement([]))])
    assert none.value is None and none.excluded[0][0] == "x"


def test_physical_progress_mean():
    assert physical_progress_mean([D(100), D(100), D(90)]) == D(290) / 3
    assert physical_progress_mean([D(100), None, D(80)]) == 90
    assert physical_progress_mean([None]) is None
    assert physical_progress_mean([]) is None
