"""RULES.md §2 — nomenclature codes (forms seen in seeds 000 and 003)."""

import pytest

from sakip.rules.codes import (
    AFFAIRS,
    Code,
    CodeError,
    Level,
    normalise_code,
    urusan_candidates,
)


@pytest.mark.parametrize(
    ("text", "kwargs", "canonical", "level"),
    [
        ("6.01", {}, "1.06.01", Level.PROGRAM),  # seed 000 program rows
        ("1.6.01", {}, "1.06.01", Level.PROGRAM),
        ("06.01.2.01", {}, "1.06.01.2.01", Level.KEGIATAN),  # seed 000 kegiatan rows
        ("06.01.2.01.01", {}, "1.06.01.2.01.01", Level.SUB_KEGIATAN),
        ("2.08.04.2.02.002", {}, "2.08.04.2.02.0002", Level.SUB_KEGIATAN),
        ("1.06.01.2.01.0001", {}, "1.06.01.2.01.0001", Level.SUB_KEGIATAN),
        ("1.06.04.2.01.0001", {}, "1.06.04.2.01.0001", Level.SUB_KEGIATAN),
        ("2.08.02.2.01.04", {}, "2.08.02.2.01.04", Level.SUB_KEGIATAN),
        ("2.08.02", {}, "2.08.02", Level.PROGRAM),
        (["0 1", "2.0 6.", "0 9"], {"bidang": "06"}, "1.06.01.2.06.09", Level.SUB_KEGIATAN),
        (["1", "06", "2", "07", "09"], {"program": "01"}, "1.06.01.2.07.09", Level.SUB_KEGIATAN),
        ("1\t06\t2\t07\t09", {"program": "01"}, "1.06.01.2.07.09", Level.SUB_KEGIATAN),
        (["1", "06", "2 01"], {"program": "01"}, "1.06.01.2.01", Level.KEGIATAN),
        ("0.00.01", {}, "X.XX.01", Level.PROGRAM),  # seed 003 Lampiran XII
        ("X.XX.01", {}, "X.XX.01", Level.PROGRAM),
        ("0.00.01.2.02.0001", {}, "X.XX.01.2.02.0001", Level.SUB_KEGIATAN),
        ("1.06", {"level": Level.BIDANG}, "1.06", Level.BIDANG),
        ("1.06", {}, "1.06", Level.BIDANG),  # bidang 01 names no single urusan
        ("2.08", {}, "2.08", Level.BIDANG),
        ("6.01", {"level": Level.BIDANG}, "6.01", Level.BIDANG),  # Inspektorat
        ("1.06", {"level": Level.PROGRAM, "urusan": "5"}, "5.01.06", Level.PROGRAM),
        ("1", {}, "1", Level.URUSAN),
        ("01.2.01", {"bidang": "06", "urusan": "1"}, "1.06.01.2.01", Level.KEGIATAN),
        ("01.01.2.01", {"urusan": "5"}, "5.01.01.2.01", Level.KEGIATAN),
        (" 06.01.2.01. ", {}, "1.06.01.2.01", Level.KEGIATAN),
    ],
)
def test_forms_are_normalised(text, kwargs, canonical, level):
    code = normalise_code(text, **kwargs)
    assert code.canonical == canonical
    assert str(code) == canonical
    assert code.level is level


def test_same_code_written_two_ways_is_equal():
    assert normalise_code("6.01") == normalise_code("1.06.01") == normalise_code("1.6.01")
    assert normalise_code("06.01.2.06.09") == normalise_code(["0 1", "2.0 6.", "0 9"], bidang="6")
    assert normalise_code("0.00.01") == normalise_code("X.XX.01")


def test_sub_kegiatan_keeps_its_edition_width():
    old = normalise_code("06.01.2.01.01")
    new = normalise_code("1.06.01.2.01.0001")
    assert old.sub_activity == "01" and new.sub_activity == "0001"
    assert old != new


def test_parent_and_ancestors():
    code = normalise_code("1.06.04.2.01.0001")
    assert str(code.parent()) == "1.06.04.2.01"
    assert [str(a) for a in code.ancestors()] == ["1.06.04.2.01", "1.06.04", "1.06", "1"]
    assert normalise_code("1").parent() is None
    assert code.at_level(Level.PROGRAM) == normalise_code("1.06.04")
    assert code.at_level(Level.SUB_KEGIATAN) is code
    assert normalise_code("1.06.04").at_level(Level.KEGIATAN) is None
    assert normalise_code("1.06.04").is_ancestor_of(code)
    assert not code.is_ancestor_of(normalise_code("1.06.04"))


def test_levels_have_indonesian_labels():
    assert [lv.label for lv in Level] == [
        "Urusan",
        "Bidang Urusan",
        "Program",
        "Kegiatan",
        "Sub Kegiatan",
    ]


def test_codes_sort_parent_first():
    codes = [normalise_code(t) for t in ("1.06.01.2.01.0001", "2.08.02", "1.06.01.2.01", "1.06.01")]
    assert [str(c) for c in sorted(codes)] == [
        "1.06.01",
        "1.06.01.2.01",
        "1.06.01.2.01.0001",
        "2.08.02",
    ]


def test_cross_affair_placeholder():
    code = normalise_code("0.00.01.2.01.0001")
    assert code.is_cross_affair
    assert str(code.with_affair("1", "6")) == "1.06.01.2.01.0001"
    assert normalise_code("1.06.01").affair_name == "Sosial"
    assert normalise_code("2.08.01").affair_name == "Pemberdayaan Perempuan dan Perlindungan Anak"


def test_bidang_table_infers_urusan_only_when_unique():
    assert urusan_candidates("06") == ("1",)
    assert urusan_candidates("8") == ("2",)
    assert urusan_candidates("32") == ("3",)
    assert set(urusan_candidates("01")) == {"1", "4", "5", "6", "7", "8"}
    numbers = [a.bidang for a in AFFAIRS if a.urusan in "123"]
    assert numbers == [f"{n:02d}" for n in range(1, 33)]


def test_urusan_argument_is_only_a_fallback():
    assert str(normalise_code("06.01.2.01", urusan="1")) == "1.06.01.2.01"
    assert str(normalise_code("2.08.02", urusan="1")) == "2.08.02"


@pytest.mark.parametrize(
    ("text", "kwargs", "why"),
    [
        ("01.01.2.01", {}, "berikan urusan"),  # bidang 01: six urusan possible
        ("1 06 2 07 09", {}, "berikan program"),  # seed 003 layout without its program
        (["0 1", "2.0 6.", "0 9"], {}, "berikan bidang"),
        ("1.08.01", {}, "bukan bidang urusan 1"),
        ("1.06.01.3.01", {}, "digit kewenangan"),
        ("1.06.01.2.01.00001", {}, "lebih dari empat angka"),
        ("abc", {}, "bukan angka"),
        ("1.06..01", {}, "bagian kosong"),
        ("", {}, "kosong"),
        ("06", {}, "tidak jelas"),
        ("6.01", {"level": Level.KEGIATAN}, "bukan Kegiatan"),
        ("X.06.01", {}, "X.XX"),
    ],
)
def test_unreadable_codes_raise_naming_text_and_reason(text, kwargs, why):
    with pytest.raises(CodeError) as caught:
        normalise_code(text, **kwargs)
    message = str(caught.value)
    shown = text if isinstance(text, str) else " | ".join(text)
    assert repr(shown) in message
    assert why in message
    assert isinstance(caught.value, ValueError)


def test_code_constructor_validates():
    with pytest.raises(CodeError):
        Code("1", None, "01")
    with pytest.raises(CodeError):
        Code("1", "06", "01", "2", None)
    with pytest.raises(CodeError):
        Code("1", "06", "01", "3", "01")
    assert Code("1", "06", "01", "2", "01", "0001").level is Level.SUB_KEGIATAN
