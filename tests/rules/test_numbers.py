"""RULES.md §1 — numbers as people write them (forms quoted from seeds 000 and 003)."""

from decimal import Decimal as D

import pytest

from sakip.rules.numbers import (
    Ambiguous,
    ColumnKind,
    Convention,
    Figure,
    Missing,
    MissingReason,
    Number,
    NumberFormatError,
    dominant_convention,
    format_money,
    format_number,
    format_percent,
    format_signed,
    money_in_words,
    number_in_words,
    parse_number,
    parse_quantity,
    parse_score,
    round_half_up,
)


def value(text: str, kind: ColumnKind = ColumnKind.UNKNOWN, dominant=None) -> D:
    result = parse_number(text, kind, dominant)
    assert isinstance(result, Number), result
    return result.value


@pytest.mark.parametrize(
    ("text", "kind", "expected"),
    [
        ("14.817.179.710,00", ColumnKind.UNKNOWN, D("14817179710")),
        ("3,379,675,000", ColumnKind.UNKNOWN, D("3379675000")),
        ("9.810.000,00", ColumnKind.MONEY, D("9810000")),
        ("2,79", ColumnKind.UNKNOWN, D("2.79")),
        ("2,79 %", ColumnKind.UNKNOWN, D("2.79")),
        ("74.91", ColumnKind.PERCENT, D("74.91")),
        ("81.125", ColumnKind.PERCENT, D("81.125")),
        ("81.125", ColumnKind.MEASURE, D("81.125")),
        ("2,746", ColumnKind.COUNT, D("2746")),
        ("1.234", ColumnKind.MONEY, D("1234")),
        ("1.234", ColumnKind.MEASURE, D("1.234")),
        ("Rp. 4.875.918.410.00.-", ColumnKind.MONEY, D("4875918410")),
        ("Rp 4.543.184.665..00.-", ColumnKind.UNKNOWN, D("4543184665")),
        ("Rp. 10.164.172.101,-", ColumnKind.UNKNOWN, D("10164172101")),
        ("7.611.455.843,-", ColumnKind.MONEY, D("7611455843")),
        ("-1758", ColumnKind.UNKNOWN, D("-1758")),
        ("−1758", ColumnKind.UNKNOWN, D("-1758")),
        ("- 16.000.000", ColumnKind.MONEY, D("-16000000")),
        ("(1.234)", ColumnKind.MONEY, D("-1234")),
        ("12 550", ColumnKind.COUNT, D("12550")),
        ("51016", ColumnKind.COUNT, D("51016")),
        ("100 %", ColumnKind.UNKNOWN, D("100")),
        ("0,5", ColumnKind.UNKNOWN, D("0.5")),
        ("0.125", ColumnKind.UNKNOWN, D("0.125")),
        ("**98,82**", ColumnKind.UNKNOWN, D("98.82")),
        ("96.12", ColumnKind.UNKNOWN, D("96.12")),
    ],
)
def test_forms_from_the_documents(text, kind, expected):
    assert value(text, kind) == expected


def test_percent_sign_is_kept_not_divided():
    result = parse_number("2,79 %")
    assert isinstance(result, Number)
    assert result.percent_sign and result.value == D("2.79")
    assert result.convention is Convention.INDONESIAN
    assert not parse_number("2,79").percent_sign  # type: ignore[union-attr]


def test_mixed_row_of_seed_000_is_not_read_as_279():
    # seed 000 Tabel 3.2: "2,79 %" sits next to "39,025,000" in the same row
    assert value("2,79 %") == D("2.79")
    assert value("39,025,000", ColumnKind.MONEY) == D("39025000")


def test_typo_in_money_column_is_read_with_a_warning():
    result = parse_number("245.000,000", ColumnKind.MONEY)
    assert isinstance(result, Number)
    assert result.value == D("245000000")
    assert result.warnings and "salah ketik" in result.warnings[0]
    assert "245.000,000" in result.warnings[0]


def test_typo_form_without_context_is_ambiguous():
    result = parse_number("245.000,000")
    assert isinstance(result, Ambiguous)
    assert result.readings == (D("245000000"), D("245000.000"))
    # with the Indonesian convention dominant it is simply 245.000,000
    assert value("245.000,000", dominant=Convention.INDONESIAN) == D("245000")


def test_thousand_separator_without_context_is_ambiguous_never_guessed():
    result = parse_number("1.234")
    assert isinstance(result, Ambiguous)
    assert result.readings == (D("1234"), D("1.234"))
    assert "ribuan" in result.message and "desimal" in result.message
    assert "'1.234'" in result.message


def test_dominant_convention_resolves_ambiguity():
    assert value("1.234", dominant=Convention.INDONESIAN) == D("1234")
    assert value("1.234", dominant=Convention.ENGLISH) == D("1.234")
    assert value("2,746", dominant=Convention.ENGLISH) == D("2746")
    assert value("2,746", dominant=Convention.INDONESIAN) == D("2.746")


def test_column_kind_wins_over_dominant_convention():
    # a percentage column keeps the decimal reading even in an Indonesian table
    assert value("81.125", ColumnKind.PERCENT, Convention.INDONESIAN) == D("81.125")
    assert value("2,746", ColumnKind.COUNT, Convention.INDONESIAN) == D("2746")


def test_dominant_convention_of_a_table():
    indonesian = ["5.712.904.734", "3.631.538.083", "9,08", "10,77", "1.234"]
    english = ["19,632,500", "9,912,500", "74.91", "1,781,679,900"]
    assert dominant_convention(indonesian) is Convention.INDONESIAN
    assert dominant_convention(english) is Convention.ENGLISH
    assert dominant_convention(["1.234", "2,746", "-", "htb"]) is None
    assert dominant_convention(["1.234,5", "1,234.5"]) is None


@pytest.mark.parametrize(
    ("text", "reason", "label"),
    [
        ("-", MissingReason.DASH, "tanda strip"),
        ("", MissingReason.EMPTY, "kosong"),
        ("   ", MissingReason.EMPTY, "kosong"),
        ("#DIV/0!", MissingReason.SPREADSHEET_ERROR, "galat spreadsheet"),
        ("#REF!", MissingReason.SPREADSHEET_ERROR, "galat spreadsheet"),
        ("#VALUE!", MissingReason.SPREADSHEET_ERROR, "galat spreadsheet"),
        ("N/A", MissingReason.NOT_AVAILABLE, "N/A"),
        ("n/a", MissingReason.NOT_AVAILABLE, "N/A"),
    ],
)
def test_missing_values_keep_their_reason(text, reason, label):
    result = parse_number(text)
    assert isinstance(result, Missing)
    assert result.reason is reason
    assert result.label == label
    assert result.text == text


@pytest.mark.parametrize("text", ["htb", "391.808.9722", "Rp abc", "12,046.61.9", "1.,5", "%"])
def test_unreadable_text_raises_naming_the_text(text):
    with pytest.raises(NumberFormatError) as caught:
        parse_number(text)
    assert repr(text) in str(caught.value)
    assert isinstance(caught.value, ValueError)


def test_doubled_separator_and_cents_are_warned():
    result = parse_number("Rp 4.543.184.665..00.-")
    assert isinstance(result, Number)
    assert any("ganda" in w for w in result.warnings)
    assert any("sen" in w for w in result.warnings)


def test_bound_reads_back_with_its_comparator():
    result = parse_number("≥ 100")
    assert isinstance(result, Number)
    assert result.value == 100 and result.comparator == "≥"
    assert result.warnings


def test_parentheses_are_negative_with_warning():
    result = parse_number("(1.234)", ColumnKind.MONEY)
    assert isinstance(result, Number)
    assert result.value == -1234
    assert any("negatif" in w for w in result.warnings)


def test_fraction_in_count_column_is_warned():
    result = parse_number("12,5", ColumnKind.COUNT)
    assert isinstance(result, Number) and result.value == D("12.5")
    assert any("pecahan" in w for w in result.warnings)


@pytest.mark.parametrize(
    ("text", "number", "unit"),
    [
        ("30 orang", D("30"), "orang"),
        ("2 dokument", D("2"), "dokument"),
        ("700 point", D("700"), "point"),
        ("12550 KPM", D("12550"), "KPM"),
        ("70%", D("70"), "%"),
        ("2,79 %", D("2.79"), "%"),
        ("1.000 Orang", D("1000"), "Orang"),
        ("29 Orang/Bulan", D("29"), "Orang/Bulan"),
        ("36 PD", D("36"), "PD"),
    ],
)
def test_quantities(text, number, unit):
    quantity = parse_quantity(text)
    assert isinstance(quantity.number, Number)
    assert quantity.number.value == number
    assert quantity.unit == unit


def test_quantity_blank_and_unreadable():
    assert isinstance(parse_quantity("-").number, Missing)
    with pytest.raises(NumberFormatError, match="Pratama"):
        parse_quantity("Pratama")


@pytest.mark.parametrize(
    ("text", "score", "level"),
    [
        ("BB (73,00)", D("73.00"), "BB"),
        ("71,30 (BB)", D("71.30"), "BB"),
        ("82,10 Madya", D("82.10"), "Madya"),
        ("Pratama", None, "Pratama"),
        ("74.91 (BB)", D("74.91"), "BB"),
        ("601 (Pratama)", D("601"), "Pratama"),
        ("73,00", D("73.00"), None),
    ],
)
def test_scores(text, score, level):
    parsed = parse_score(text)
    assert parsed.value == score
    assert parsed.level == level
    assert parsed.text == text


def test_score_with_a_range_note_and_blank_score():
    parsed = parse_score("Madya (skor 601–700)")
    assert parsed.level == "Madya" and parsed.value is None
    assert parsed.note == "skor 601–700"
    blank = parse_score("-")
    assert blank.missing and blank.note == "tanda strip"
    with pytest.raises(NumberFormatError):
        parse_score("BB (73,00) (A)")


def test_round_half_up_not_half_even_nor_float():
    c = D("82.10") / 80 * 100
    assert c == D("102.625")
    assert round_half_up(c) == D("102.63")
    assert round(82.10 / 80 * 100, 2) == 102.62  # the binary-float trap RULES.md warns about
    assert round_half_up(D("153.5777")) == D("153.58")
    assert round_half_up(D("0.125")) == D("0.13")
    assert round_half_up(D("-0.125")) == D("-0.13")
    assert round_half_up(D("-0.001")) == D("0.00") and str(round_half_up(D("-0.001"))) == "0.00"


def test_format_number_indonesian():
    assert format_number(14817179710) == "14.817.179.710"
    assert format_number(D("92.3099"), 2) == "92,31"
    assert format_number(D("102.625"), 2) == "102,63"
    assert format_number(D("-1234.5")) == "-1.234,5"
    assert format_number(D("1E+3")) == "1.000"
    assert format_number(0) == "0"
    assert format_number(D("-0.001"), 2) == "0,00"
    assert format_percent(D("9521256875") * 100 / D("10314852053")) == "92,31"
    assert format_signed(D("0.44")) == "+0,44"
    assert format_signed(D("-0.67")) == "-0,67"
    assert format_signed(D("0.001")) == "0,00"


def test_format_money():
    assert format_money(14817179710) == "Rp 14.817.179.710,00"
    assert format_money(481722600, cents=False) == "Rp 481.722.600"
    assert format_money(-1000) == "-Rp 1.000,00"
    with pytest.raises(TypeError):
        format_money(D("1.5"))  # type: ignore[arg-type]


def test_words():
    assert number_in_words(6) == "enam"
    assert number_in_words(2) == "dua"
    assert money_in_words(14817179710) == (
        "empat belas miliar delapan ratus tujuh belas juta seratus tujuh puluh sembilan ribu "
        "tujuh ratus sepuluh rupiah"
    )


def test_figure_requires_a_reason_when_undefined():
    with pytest.raises(ValueError):
        Figure(None)
    assert Figure(None, "alasan").display == "alasan"
    assert Figure(D("155.11")).display == "155,11"


def test_format_value_keeps_printed_precision():
    from decimal import Decimal

    from sakip.rules.numbers import format_value

    assert format_value(Decimal("3.2")) == "3,20"
    assert format_value(Decimal("81.125")) == "81,125"
    assert format_value(Decimal("2746")) == "2.746"
    assert format_value(Decimal("30.00")) == "30"
    assert format_value(None) == "—"
