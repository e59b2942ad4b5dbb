"""RULES.md §6 — Renja Tabel 2.1 (T-C.29) and the quarterly E-form, with seed 000 rows."""

from decimal import Decimal as D

import pytest

from sakip.rules.achievement import AchievementStatus, Flag, Polarity
from sakip.rules.numbers import ColumnKind, Figure, Number, parse_number
from sakip.rules.renja import (
    NO_RENSTRA_MONEY,
    Aggregation,
    aggregate,
    evaluation_row,
    quarterly_row,
    renstra_money,
)

UP = Polarity.HIGHER_IS_BETTER
DOWN = Polarity.LOWER_IS_BETTER


def count(text: str) -> D:
    parsed = parse_number(text, ColumnKind.COUNT)
    assert isinstance(parsed, Number)
    return parsed.value


def row(cols: tuple[str, str, str, str, str], aggregation: Aggregation, polarity=UP):
    """Seed 000 Tabel 2.1 columns 4, 5, 6, 7, 9 as printed."""
    c4, c5, c6, c7, c9 = (None if t in ("", "-") else count(t) for t in cols)
    return evaluation_row(
        renstra_target=c4,
        realised_until_n3=c5,
        target_n2=c6,
        realised_n2=c7,
        target_n1=c9,
        polarity=polarity,
        aggregation=aggregation,
    )


def test_program_6_04_sum_gives_155_11_not_45():
    result = row(("45", "41", "45", "69.11", "45"), Aggregation.SUM)
    assert result.col8.display == "153,58"  # printed 153.57 (truncated from 153,578)
    assert result.col8.value is not None and round(result.col8.value, 3) == D("153.578")
    assert result.col10.value == D("155.11")  # printed 45
    assert result.col11.display == "344,69"
    assert Flag.OVER_200 in result.col11.flags


def test_program_6_04_as_a_level_uses_the_latest_value():
    result = row(("45", "41", "45", "69.11", "45"), Aggregation.LAST)
    assert result.col10.value == 45
    assert result.col11.display == "100,00"  # what seed 000 printed


def test_kegiatan_06_04_2_01_col8_is_82_22_not_81_125():
    result = row(("45", "40", "45", "37", "45"), Aggregation.SUM)
    assert result.col8.display == "82,22"
    assert result.col10.value == 122  # printed 45


def test_counts_with_comma_thousands_06_01_2_08_01():
    result = row(("2,746", "707", "2,120", "2,120", "2120"), Aggregation.SUM)
    assert result.col8.display == "100,00"
    assert result.col10.value == 4947
    assert result.col11.display == "180,15"


def test_zero_target_is_not_div0_nor_zero_06_01_2_05_09():
    result = row(("15", "5", "0", "0", "0"), Aggregation.SUM)
    assert result.col8.status is AchievementStatus.TARGET_MISSING  # printed "#DIV/0!"
    assert result.col10.value == 5
    assert result.col11.display == "33,33"


def test_program_2_08_03_copied_values():
    result = row(("300", "100", "100", "23", "100"), Aggregation.SUM)
    assert result.col8.display == "23,00"  # printed 23.33
    assert result.col11.display == "74,33"  # printed 74.44


def test_percentages_summed_are_absurd_but_last_is_not_6_03():
    summed = row(("100", "100", "100", "0", "100"), Aggregation.SUM)
    assert summed.col10.value == 200 and summed.col11.display == "200,00"
    assert summed.col8.display == "0,00"
    level = row(("100", "100", "100", "0", "100"), Aggregation.LAST)
    assert level.col11.display == "100,00"


def test_empty_columns_are_left_out_and_noted():
    result = row(("30,493", "33,224", "0", "0", "0"), Aggregation.SUM)
    assert result.col8.status is AchievementStatus.TARGET_MISSING
    assert result.col11.display == "108,96"
    partial = row(("90", "", "30", "7", "30"), Aggregation.SUM)
    assert partial.col10.value == 37 and "kolom 5 kosong" in partial.col10.note
    nothing = row(("90", "", "30", "", ""), Aggregation.SUM)
    assert nothing.col10.value is None and "kosong" in nothing.col10.reason
    assert nothing.col11.status is AchievementStatus.NO_REALISATION
    latest_missing = row(("90", "10", "30", "7", ""), Aggregation.LAST)
    assert latest_missing.col10.value == 7 and "dipakai kolom 7" in latest_missing.col10.note


def test_mean_aggregation_and_polarity():
    result = row(("10", "12", "11", "11", "10"), Aggregation.MEAN, polarity=DOWN)
    assert result.col10.value == 11
    assert result.col8.display == "100,00"
    assert result.col11.display == "90,91"  # 10 / 11 × 100


def test_aggregate():
    values = [D(1), None, D(3)]
    assert aggregate(values, Aggregation.SUM) == 4
    assert aggregate(values, Aggregation.LAST) == 3
    assert aggregate(values, Aggregation.MEAN) == 2
    assert aggregate([None, None], Aggregation.SUM) is None
    assert aggregate([], Aggregation.LAST) is None


def test_quarterly_counts():
    kwargs = dict(
        renstra_target=D(100),
        realised_until_last_year=D(60),
        target_year=D(20),
        quarters=[D(5), D(5), D(5), D(5)],
        polarity=UP,
        aggregation=Aggregation.SUM,
    )
    full = quarterly_row(**kwargs)
    assert full.col13.value == 20 and full.col14.value == 80
    assert full.col15.display == "80,00" and full.category == "Tinggi"
    assert full.year_achievement.display == "100,00"
    half = quarterly_row(**kwargs, up_to_quarter=2)
    assert half.col13.value == 10 and half.col14.value == 70
    assert half.category == "Sedang"
    assert half.year_achievement.display == "50,00"


def test_quarterly_later_quarters_are_ignored():
    result = quarterly_row(
        renstra_target=D(100),
        realised_until_last_year=D(0),
        target_year=D(40),
        quarters=[D(10), D(10), D(999), D(999)],
        up_to_quarter=2,
        polarity=UP,
        aggregation=Aggregation.SUM,
    )
    assert result.col13.value == 20


def test_quarterly_level_indicator_uses_latest_filled_quarter():
    result = quarterly_row(
        renstra_target=D("10.50"),
        realised_until_last_year=D("11.38"),
        target_year=D("10.90"),
        quarters=[D("11.20"), D("11.00"), None, D("9.00")],
        up_to_quarter=3,
        polarity=DOWN,
        aggregation=Aggregation.LAST,
    )
    assert result.col13.value == D("11.00") and "dipakai kolom 10" in result.col13.note
    assert result.col14.value == D("11.00")
    assert result.col15.display == "95,45"  # 10,50 / 11,00
    assert result.category == "Sangat Tinggi"


def test_quarterly_money_columns_and_undefined():
    money = quarterly_row(
        renstra_target=D(3_000_000_000),
        realised_until_last_year=D(1_500_000_000),
        target_year=D(1_000_000_000),
        quarters=[D(100_000_000), D(200_000_000), D(300_000_000), D(350_000_000)],
        polarity=UP,
        aggregation=Aggregation.SUM,
    )
    assert money.col14.value == 2_450_000_000
    assert money.col15.display == "81,67" and money.category == "Tinggi"
    empty = quarterly_row(
        renstra_target=D(0),
        realised_until_last_year=None,
        target_year=D(1),
        quarters=[],
        polarity=UP,
        aggregation=Aggregation.SUM,
    )
    assert empty.col13.reason == "belum ada realisasi triwulan"
    assert empty.col15.status is AchievementStatus.TARGET_MISSING
    assert empty.category is None
    with pytest.raises(ValueError):
        quarterly_row(
            renstra_target=D(1),
            realised_until_last_year=None,
            target_year=D(1),
            quarters=[],
            up_to_quarter=5,
            polarity=UP,
            aggregation=Aggregation.SUM,
        )


def test_renstra_money_stated_summed_or_undefined():
    """E-form column 6 (Rp): the stated amount, else the complete sum of the children."""
    assert renstra_money(300) == Figure(D(300))
    assert renstra_money(None).reason == NO_RENSTRA_MONEY
    complete = renstra_money(None, [("a", Figure(D(100))), ("b", Figure(D(250)))])
    assert complete.value == 350 and complete.note == "jumlah rinciannya"
    partial = renstra_money(None, [("a", Figure(D(100))), ("b", Figure(None, "x"))])
    assert partial.value is None  # a partial sum would overstate column 15
    assert partial.reason == f"{NO_RENSTRA_MONEY} untuk 1 dari 2 rinciannya (b)"
    stated = renstra_money(400, [("a", Figure(D(100))), ("b", Figure(D(250)))])
    assert stated.value == 400 and stated.note.startswith("berbeda dari jumlah rinciannya (350)")
    assert renstra_money(350, [("a", Figure(D(100))), ("b", Figure(D(250)))]).note == ""
    assert renstra_money(0).value == 0
    with pytest.raises(ValueError):
        renstra_money(-1)
