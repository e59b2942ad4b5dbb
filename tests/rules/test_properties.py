"""Property tests: printing and reading agree, achievement is monotone, scales classify
every value exactly once."""

from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from sakip.rules.achievement import (
    ORDINAL_SCALES,
    AchievementStatus,
    LowerIsBetterMethod,
    Polarity,
    numeric_achievement,
    ordinal_achievement,
)
from sakip.rules.numbers import (
    ColumnKind,
    Convention,
    Number,
    format_money,
    format_number,
    parse_number,
    round_half_up,
)
from sakip.rules.scales import SCALES, classify

decimals = st.decimals(allow_nan=False, allow_infinity=False, min_value=-(10**15), max_value=10**15)
positive = st.decimals(
    allow_nan=False, allow_infinity=False, min_value=Decimal("0.0001"), max_value=10**9, places=4
)


def read(text: str, kind: ColumnKind = ColumnKind.UNKNOWN) -> Decimal:
    parsed = parse_number(text, kind, Convention.INDONESIAN)
    assert isinstance(parsed, Number), (text, parsed)
    return parsed.value


@given(decimals)
def test_format_then_parse_round_trips_decimals(value):
    assert read(format_number(value)) == value


@given(decimals, st.integers(min_value=0, max_value=6))
def test_format_with_places_parses_to_the_rounded_value(value, places):
    assert read(format_number(value, places)) == round_half_up(value, places)


@given(st.integers(min_value=-(10**16), max_value=10**16))
def test_integers_and_money_round_trip(amount):
    assert read(format_number(amount)) == amount
    assert read(format_money(amount), ColumnKind.MONEY) == amount
    assert read(format_money(amount, cents=False), ColumnKind.MONEY) == amount
    assert read(format_number(amount), ColumnKind.COUNT) == amount


@given(positive, positive, positive)
def test_higher_is_better_is_increasing_in_r(target, r1, r2):
    low, high = sorted((r1, r2))
    a = numeric_achievement(target, low, polarity=Polarity.HIGHER_IS_BETTER)
    b = numeric_achievement(target, high, polarity=Polarity.HIGHER_IS_BETTER)
    assert a.value is not None and b.value is not None
    assert a.value <= b.value


@given(positive, positive, positive, st.sampled_from(list(LowerIsBetterMethod)))
def test_lower_is_better_is_decreasing_in_r(target, r1, r2, method):
    low, high = sorted((r1, r2))
    a = numeric_achievement(target, low, polarity=Polarity.LOWER_IS_BETTER, method=method)
    b = numeric_achievement(target, high, polarity=Polarity.LOWER_IS_BETTER, method=method)
    assert a.value is not None and b.value is not None
    assert a.value >= b.value
    if low < high:
        assert a.value > b.value


@given(
    positive, st.decimals(allow_nan=False, allow_infinity=False, min_value=-1000, max_value=1000)
)
def test_two_minus_and_higher_are_monotone_including_negative_r(target, r):
    higher = numeric_achievement(target, r, polarity=Polarity.HIGHER_IS_BETTER)
    higher_next = numeric_achievement(target, r + 1, polarity=Polarity.HIGHER_IS_BETTER)
    lower = numeric_achievement(
        target, r, polarity=Polarity.LOWER_IS_BETTER, method=LowerIsBetterMethod.TWO_MINUS
    )
    lower_next = numeric_achievement(
        target, r + 1, polarity=Polarity.LOWER_IS_BETTER, method=LowerIsBetterMethod.TWO_MINUS
    )
    assert higher.value is not None and higher_next.value is not None
    assert lower.value is not None and lower_next.value is not None
    assert higher.value < higher_next.value
    assert lower.value > lower_next.value


@given(positive)
def test_zero_realisation_lower_is_better_never_below_100(target):
    result = numeric_achievement(target, Decimal(0), polarity=Polarity.LOWER_IS_BETTER)
    assert result.status is AchievementStatus.AT_LEAST_100 and result.display == "≥ 100"


@given(st.sampled_from(sorted(ORDINAL_SCALES)), st.data())
def test_ordinal_is_monotone_in_the_level(key, data):
    scale = ORDINAL_SCALES[key]
    target = data.draw(st.sampled_from(scale.levels))
    r1, r2 = sorted(
        data.draw(st.lists(st.sampled_from(scale.levels), min_size=2, max_size=2)),
        key=scale.levels.index,
    )
    a = ordinal_achievement(target, r1, scale=scale)
    b = ordinal_achievement(target, r2, scale=scale)
    assert a.value is not None and b.value is not None and a.value <= b.value


BOUNDARIES = sorted(
    {
        edge
        for scale in SCALES.values()
        for band in scale.bands
        for edge in (band.lower, band.upper)
        if edge is not None
    }
)
NEAR_BOUNDARIES = [
    b + delta
    for b in BOUNDARIES
    for delta in (Decimal(0), Decimal("0.00"), Decimal("0.001"), Decimal("-0.001"), Decimal("0.01"))
]
values = st.one_of(
    st.sampled_from(NEAR_BOUNDARIES),
    st.decimals(allow_nan=False, allow_infinity=False, min_value=-(10**6), max_value=10**6),
)


@given(values)
def test_every_value_gets_exactly_one_class_in_every_scale(value):
    for scale in SCALES.values():
        matching = [band for band in scale.bands if band.contains(value)]
        assert len(matching) == 1, (scale.key, value, matching)
        assert classify(scale, value) is matching[0]


def test_named_boundaries_get_one_class_each():
    for text in ("90", "90.00", "75", "50", "100", "100.00", "60", "80", "30", "0"):
        value = Decimal(text)
        for scale in SCALES.values():
            assert sum(band.contains(value) for band in scale.bands) == 1, (scale.key, text)
