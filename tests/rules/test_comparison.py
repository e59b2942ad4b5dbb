"""RULES.md §7 — comparisons against last year and the Renstra end target."""

from decimal import Decimal as D

from sakip.rules.achievement import AchievementStatus, LowerIsBetterMethod, Polarity
from sakip.rules.comparison import Change, against_end_target, change, change_unit
from sakip.rules.numbers import Figure

UP = Polarity.HIGHER_IS_BETTER
DOWN = Polarity.LOWER_IS_BETTER


def test_poverty_falling_is_plus_0_44_percentage_points():
    result = change(D("11.38"), D("10.94"), DOWN, unit="%")
    assert isinstance(result, Change)
    assert result.delta == D("0.44")
    assert result.raw_delta == D("-0.44")
    assert result.direction == "Meningkat"
    assert result.unit == "poin persen"
    assert result.display == "+0,44 poin persen"


def test_higher_is_better_falling_is_menurun():
    # seed 003: PMKS tertangani 98,29 (2023) → 97,62 (2024)
    result = change(D("98.29"), D("97.62"), UP, unit="%")
    assert isinstance(result, Change)
    assert result.direction == "Menurun" and result.display == "-0,67 poin persen"


def test_unchanged_and_units():
    same = change(D("53.47"), D("53.47"), UP, unit="indeks")
    assert isinstance(same, Change)
    assert same.direction == "Tetap" and same.unit == "indeks"
    assert same.display == "0,00 indeks"
    tiny = change(D("1"), D("1.001"), UP)
    assert isinstance(tiny, Change) and tiny.direction == "Tetap" and tiny.display == "0,00"
    assert change_unit("persen") == "poin persen"
    assert change_unit(" orang ") == "orang"


def test_missing_year_is_explicit():
    no_previous = change(None, D("4.45"), DOWN)
    assert isinstance(no_previous, Figure) and no_previous.value is None
    assert "tahun lalu" in no_previous.reason
    no_current = change(D("4.45"), None, DOWN)
    assert isinstance(no_current, Figure) and "belum ada realisasi" in no_current.reason


def test_against_end_target():
    # seed 003 IKU: violence ratio end target 2026 = 3,16; realisation 2024 = 4,45
    assert against_end_target(D("3.16"), D("4.45"), DOWN).display == "71,01"
    two_minus = against_end_target(D("3.16"), D("4.45"), DOWN, LowerIsBetterMethod.TWO_MINUS)
    assert two_minus.display == "59,18"
    assert against_end_target(D("98.83"), D("97.62"), UP).display == "98,78"
    assert against_end_target(None, D(1), UP).status is AchievementStatus.TARGET_MISSING


def test_revision_difference_is_after_minus_before():
    from decimal import Decimal

    from sakip.rules.comparison import revision_difference

    assert revision_difference(100_000_000, 87_500_000) == -12_500_000
    assert revision_difference(Decimal("2.5"), Decimal("3")) == Decimal("0.5")
    assert revision_difference(None, 5_000_000) == 5_000_000  # new in the revision
    assert revision_difference(5_000_000, None) == -5_000_000  # dropped from it
    assert revision_difference(None, None) is None
