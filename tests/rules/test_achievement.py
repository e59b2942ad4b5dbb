"""RULES.md §3 — achievement of one indicator, with the documents' own numbers."""

from decimal import Decimal as D

import pytest

from sakip.rules.achievement import (
    ORDINAL_SCALES,
    Achievement,
    AchievementStatus,
    Flag,
    LowerIsBetterMethod,
    Polarity,
    TargetKind,
    achievement,
    numeric_achievement,
    ordinal_achievement,
    parse_range,
    range_achievement,
)
from sakip.rules.numbers import Missing, MissingReason, NumberFormatError, parse_score

UP = Polarity.HIGHER_IS_BETTER
DOWN = Polarity.LOWER_IS_BETTER


def test_lower_is_better_inverse_seed_003_violence_ratio():
    # seed 003: target 3,20, realisation 4,45 → 71,91
    result = numeric_achievement(D("3.20"), D("4.45"), polarity=DOWN)
    assert result.status is AchievementStatus.COMPUTED
    assert result.rounded == D("71.91")
    assert result.display == "71,91"
    assert result.countable
    assert "3,20 / 4,45" in result.formula


def test_higher_is_better_and_rounding_half_up():
    result = numeric_achievement(D("80"), D("82.10"), polarity=UP)
    assert result.value == D("102.625")
    assert result.display == "102,63"
    # seed 003 IKU: 97,62 / 98,79 = 98,82; 53,47 / 53,43 = 100,07
    assert numeric_achievement(D("98.79"), D("97.62"), polarity=UP).display == "98,82"
    assert numeric_achievement(D("53.43"), D("53.47"), polarity=UP).display == "100,07"


def test_seed_000_table_2_3_violence_against_women_both_methods():
    # printed 112,03 %; t/r = 114,61; 2 − r/t = 112,75 (FINDINGS seed 000 §2)
    inverse = numeric_achievement(D("4"), D("3.49"), polarity=DOWN)
    two_minus = numeric_achievement(
        D("4"), D("3.49"), polarity=DOWN, method=LowerIsBetterMethod.TWO_MINUS
    )
    assert inverse.display == "114,61"
    assert two_minus.display == "112,75"
    assert "2T − R" in two_minus.formula


def test_poverty_rounds_not_truncates():
    # seed 000 Tabel 2.3: 11,51 / 11,53 printed 99,82 (truncated); half-up gives 99,83
    assert numeric_achievement(D("11.51"), D("11.53"), polarity=DOWN).display == "99,83"


def test_target_zero_or_missing_is_explicit_and_not_countable():
    for target in (None, D(0)):
        result = numeric_achievement(target, D("50"), polarity=UP)
        assert result.status is AchievementStatus.TARGET_MISSING
        assert result.value is None and result.rounded is None
        assert result.reason == "tidak dapat dihitung (target nol/kosong)"
        assert result.display == result.reason
        assert not result.countable


def test_no_realisation():
    result = numeric_achievement(D("45"), None, polarity=UP)
    assert result.status is AchievementStatus.NO_REALISATION
    assert result.display == "belum ada realisasi"
    assert not result.countable


def test_lower_is_better_with_zero_realisation_is_at_least_100():
    result = numeric_achievement(D("3.20"), D("0"), polarity=DOWN)
    assert result.status is AchievementStatus.AT_LEAST_100
    assert result.display == "≥ 100"
    assert result.value == 100
    assert result.countable  # enters averages as its bound 100 (decision)
    two_minus = numeric_achievement(
        D("3.20"), D("0"), polarity=DOWN, method=LowerIsBetterMethod.TWO_MINUS
    )
    assert two_minus.status is AchievementStatus.COMPUTED and two_minus.value == 200


def test_pathological_percentage_change_on_small_target_seed_003():
    # "Persentase penurunan PMKS per tahun": target 0,5; realisation 30,55 → 6110 %
    result = numeric_achievement(D("0.5"), D("30.55"), polarity=UP, percentage_change=True)
    assert result.rounded == D("6110.00")
    assert result.flags == {Flag.OVER_200, Flag.SMALL_TARGET_CHANGE}
    assert result.pathological and not result.countable
    # 2023: 18,39 / 0,5 = 3678
    assert numeric_achievement(D("0.5"), D("18.39"), polarity=UP).rounded == D("3678.00")
    # −1758 % is flagged too
    negative = numeric_achievement(D("0.5"), D("-8.79"), polarity=UP, percentage_change=True)
    assert negative.rounded == D("-1758.00")
    assert Flag.OVER_200 in negative.flags and Flag.NEGATIVE_OPERAND in negative.flags


def test_small_target_flag_alone_is_pathological_without_over_200():
    result = numeric_achievement(D("0.5"), D("0.5"), polarity=UP, percentage_change=True)
    assert result.value == 100
    assert result.flags == {Flag.SMALL_TARGET_CHANGE}
    assert not result.countable
    plain = numeric_achievement(D("0.5"), D("0.5"), polarity=UP)
    assert plain.countable and not plain.flags


def test_over_200_boundary():
    assert Flag.OVER_200 not in numeric_achievement(D(1), D(2), polarity=UP).flags
    assert Flag.OVER_200 in numeric_achievement(D(1), D("2.0001"), polarity=UP).flags
    # seed 000 program 6.05: 201.298 / 67.152 = 299,76
    six_05 = numeric_achievement(D(67152), D(201298), polarity=UP)
    assert six_05.display == "299,76" and Flag.OVER_200 in six_05.flags


def test_ordinal_ape_pratama_against_madya_is_50():
    ape = ORDINAL_SCALES["ape"]
    result = ordinal_achievement("Madya", "Pratama", scale=ape)
    assert result.value == 50 and result.display == "50,00"
    assert "Pratama terhadap Madya" in result.formula
    assert ordinal_achievement("Pratama", "Pratama", scale=ape).value == 100
    assert ordinal_achievement(" madya ", "UTAMA", scale=ape).value == D(150)


def test_ordinal_with_scores_uses_scores():
    akip = ORDINAL_SCALES["akip"]
    result = ordinal_achievement("BB (73,00)", "71,30 (BB)", scale=akip)
    assert result.display == "97,67"
    # levels only: BB against BB = 100
    assert ordinal_achievement("BB", "BB", scale=akip).value == 100
    assert ordinal_achievement(parse_score("BB"), parse_score("A"), scale=akip).display == "120,00"


def test_ordinal_kla_and_unknown_level():
    kla = ORDINAL_SCALES["kla"]
    assert kla.rank("Nindya") == 3 and kla.rank("kla") == 5
    assert ordinal_achievement("Nindya", "Madya", scale=kla).display == "66,67"
    unknown = ordinal_achievement("Madya", "Platinum", scale=kla)
    assert unknown.status is AchievementStatus.UNKNOWN_LEVEL
    assert "Platinum" in unknown.reason and "Pratama < Madya" in unknown.reason
    assert not unknown.countable
    score_only = ordinal_achievement("Madya", "581,52", scale=kla)
    assert score_only.status is AchievementStatus.UNKNOWN_LEVEL


def test_ordinal_missing_sides():
    ape = ORDINAL_SCALES["ape"]
    assert ordinal_achievement("-", "Pratama", scale=ape).status is AchievementStatus.TARGET_MISSING
    assert ordinal_achievement("Madya", None, scale=ape).status is AchievementStatus.NO_REALISATION


def test_akip_levels_case_and_space_insensitive():
    akip = ORDINAL_SCALES["akip"]
    assert akip.rank("b b") == akip.rank("BB") == 5
    assert akip.canonical("aa") == "AA"
    assert akip.rank("E") is None


def test_range_target():
    inside = range_achievement(D(80), D(90), D(85), UP)
    assert inside.value == 100
    assert range_achievement(D(80), D(90), D(80), UP).value == 100
    assert range_achievement(D(80), D(90), D(90), DOWN).value == 100
    assert range_achievement(D(80), D(90), D(60), UP).display == "75,00"  # R / a
    assert range_achievement(D(80), D(90), D(99), UP).display == "123,75"
    assert range_achievement(D(80), D(90), D(100), DOWN).display == "90,00"  # b / R
    assert range_achievement(D(80), D(90), D(60), DOWN).display == "150,00"
    assert range_achievement(D(2), D(3), D(0), DOWN).status is AchievementStatus.AT_LEAST_100
    bad = range_achievement(D(90), D(80), D(85), UP)
    assert bad.status is AchievementStatus.INVALID_TARGET and "80" in bad.reason
    assert range_achievement(None, D(80), D(85), UP).status is AchievementStatus.TARGET_MISSING
    assert range_achievement(D(1), D(2), None, UP).status is AchievementStatus.NO_REALISATION


def test_parse_range():
    assert parse_range("80–90") == (D(80), D(90))
    assert parse_range("80 - 90") == (D(80), D(90))
    assert parse_range("2,5 s/d 3") == (D("2.5"), D(3))
    assert parse_range("75 s.d. 89,99") == (D(75), D("89.99"))
    with pytest.raises(NumberFormatError):
        parse_range("delapan puluh")


def test_generic_dispatch():
    assert achievement(D("3.20"), D("4.45"), polarity=DOWN).display == "71,91"
    assert achievement("3,20", "4,45", polarity=DOWN).display == "71,91"
    assert achievement("98,79%", "97,62%", polarity=UP).display == "98,82"
    assert achievement(Missing(MissingReason.DASH, "-"), "4,45", polarity=DOWN).status is (
        AchievementStatus.TARGET_MISSING
    )
    ape = ORDINAL_SCALES["ape"]
    assert (
        achievement("Madya", "Pratama", polarity=UP, kind=TargetKind.ORDINAL, scale=ape).value == 50
    )
    assert achievement("80–90", D(85), polarity=UP, kind=TargetKind.RANGE).value == 100
    assert achievement((D(80), D(90)), "60", polarity=UP, kind=TargetKind.RANGE).value == 75
    assert achievement(None, D(1), polarity=UP, kind=TargetKind.RANGE).status is (
        AchievementStatus.TARGET_MISSING
    )
    flagged = achievement("0,5", "30,55", polarity=UP, percentage_change=True)
    assert flagged.pathological
    with pytest.raises(ValueError, match="skala"):
        achievement("Madya", "Pratama", polarity=UP, kind=TargetKind.ORDINAL)


def test_polarity_labels():
    assert UP.label == "positif" and DOWN.label == "negatif"
    assert Polarity.from_label("Negatif") is DOWN
    assert Polarity.from_label("positif") is UP
    with pytest.raises(ValueError, match="ordinal"):
        Polarity.from_label("ordinal")


def test_achievement_value_is_frozen():
    result = numeric_achievement(D(1), D(1), polarity=UP)
    assert isinstance(result, Achievement)
    with pytest.raises(AttributeError):
        result.value = D(2)  # type: ignore[misc]


def test_a_number_stored_for_an_ordinal_indicator_is_reported_not_raised():
    """An import or an old record may hold 12 where the scale expects 'Madya': the figure is
    undefined with the reason, so a dashboard or document never crashes on it."""
    ape = ORDINAL_SCALES["ape"]
    result = achievement("Madya", D(12), polarity=UP, kind=TargetKind.ORDINAL, scale=ape)
    assert result.value is None and result.status is AchievementStatus.UNKNOWN_LEVEL
    assert "realisasi" in result.reason and "12" in result.reason
    result = achievement(D(3), "Pratama", polarity=UP, kind=TargetKind.ORDINAL, scale=ape)
    assert result.status is AchievementStatus.UNKNOWN_LEVEL and "target" in result.reason
    assert achievement(None, "Pratama", polarity=UP, kind=TargetKind.ORDINAL, scale=ape).value is None


def test_a_number_as_a_range_target_is_reported_not_raised():
    result = achievement(D(80), D(85), polarity=UP, kind=TargetKind.RANGE)
    assert result.value is None and result.status is AchievementStatus.INVALID_TARGET
    assert "80" in result.reason
