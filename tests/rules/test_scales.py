"""RULES.md §5 — category scales, predikat and SAKIP evaluation."""

from decimal import Decimal as D

import pytest

from sakip.rules.scales import (
    BUDGET_EFFECTIVENESS,
    BUDGET_EFFICIENCY_MAHSUN,
    PERMENDAGRI_54_2010,
    PERMENDAGRI_86_2017,
    SAKIP_2015,
    SAKIP_2021,
    SAKIP_GRADE,
    SCALES,
    Band,
    SakipScoreError,
    Scale,
    category,
    classify,
    predikat,
    sakip_grade,
    sakip_total,
)


@pytest.mark.parametrize(
    ("value", "label"),
    [
        ("90.01", "Sangat Tinggi"),
        ("90", "Tinggi"),
        ("90.00", "Tinggi"),
        ("75.01", "Tinggi"),
        ("75", "Sedang"),
        ("65", "Rendah"),
        ("50.01", "Rendah"),
        ("50", "Sangat Rendah"),
        ("90.5", "Sangat Tinggi"),  # undefined in the regulation's integer bands
        ("-10", "Sangat Rendah"),
    ],
)
def test_permendagri_86_2017(value, label):
    assert classify(PERMENDAGRI_86_2017, D(value)).label == label


@pytest.mark.parametrize(
    ("value", "label"),
    [
        ("90", "Sangat baik"),
        ("90.00", "Sangat baik"),  # printed ">90" and "75 – 89,99" leave 90,00 undefined
        ("89.99", "Baik"),
        ("75", "Baik"),
        ("74.99", "Cukup"),
        ("71.91", "Cukup"),  # seed 003 violence ratio
        ("65", "Cukup"),
        ("50", "Kurang"),
        ("49.99", "Sangat kurang"),
        ("6110", "Sangat baik"),
    ],
)
def test_permendagri_54_2010_as_printed_in_lkjip(value, label):
    assert classify(PERMENDAGRI_54_2010, D(value)).label == label


@pytest.mark.parametrize(
    ("value", "label"),
    [
        ("98.82", "Tidak tercapai"),
        ("99.994", "Tidak tercapai"),
        ("99.995", "Tercapai"),  # rounds half-up to 100,00
        ("100", "Tercapai"),
        ("100.00", "Tercapai"),
        ("100.004", "Tercapai"),
        ("100.07", "Melebihi target"),
        ("6110", "Melebihi target"),
    ],
)
def test_predikat_on_the_rounded_value(value, label):
    assert predikat(D(value)) == label


@pytest.mark.parametrize(
    ("value", "effective", "efficient"),
    [
        ("100.01", "Sangat Efektif", "Tidak Efisien"),
        ("100", "Efektif", "Kurang Efisien"),
        ("92.31", "Efektif", "Kurang Efisien"),
        ("90", "Efektif", "Kurang Efisien"),
        ("89.99", "Cukup Efektif", "Cukup Efisien"),
        ("80", "Cukup Efektif", "Cukup Efisien"),
        ("60", "Kurang Efektif", "Efisien"),
        ("59.99", "Tidak Efektif", "Sangat Efisien"),
        ("49.20", "Tidak Efektif", "Sangat Efisien"),
    ],
)
def test_budget_scales(value, effective, efficient):
    assert classify(BUDGET_EFFECTIVENESS, D(value)).label == effective
    assert classify(BUDGET_EFFICIENCY_MAHSUN, D(value)).label == efficient


@pytest.mark.parametrize(
    ("total", "grade"),
    [
        ("90.01", "AA"),
        ("90", "A"),
        ("80.01", "A"),
        ("80", "BB"),
        ("74.91", "BB"),  # seed 000 Nilai AKIP 74,91 (BB)
        ("70", "B"),
        ("60", "CC"),
        ("50", "C"),
        ("30.01", "C"),
        ("30", "D"),
        ("0", "D"),
    ],
)
def test_sakip_grade(total, grade):
    assert sakip_grade(D(total)) == grade


def test_category_rounds_before_classifying():
    assert category(PERMENDAGRI_54_2010, D("89.996")) == "Sangat baik"  # printed 90,00
    assert classify(PERMENDAGRI_54_2010, D("89.996")).label == "Baik"


def test_band_descriptions():
    bands = {b.label: b.describe() for b in PERMENDAGRI_86_2017.bands}
    assert bands == {
        "Sangat Rendah": "C ≤ 50",
        "Rendah": "50 < C ≤ 65",
        "Sedang": "65 < C ≤ 75",
        "Tinggi": "75 < C ≤ 90",
        "Sangat Tinggi": "C > 90",
    }
    assert [b.describe() for b in SCALES["predikat"].bands] == ["C < 100", "C = 100", "C > 100"]
    assert PERMENDAGRI_54_2010.labels[0] == "Sangat baik"
    assert PERMENDAGRI_54_2010.describe().splitlines()[1] == "Baik: 75 ≤ C < 90"
    assert BUDGET_EFFECTIVENESS.describe().splitlines()[1] == "Efektif: 90 ≤ E ≤ 100"


def test_every_scale_has_its_source():
    for scale in SCALES.values():
        assert scale.source and scale.name and scale.key in SCALES


def test_scale_construction_rejects_gaps_and_overlaps():
    def band(label, lo, lo_inc, hi, hi_inc):
        return Band(
            label,
            None if lo is None else D(lo),
            lo_inc,
            None if hi is None else D(hi),
            hi_inc,
        )

    with pytest.raises(ValueError, match="celah"):
        Scale(
            "gap",
            "gap",
            "test",
            "",
            (band("a", None, False, "50", False), band("b", "60", True, None, False)),
        )
    with pytest.raises(ValueError, match="tepat satu"):
        Scale(
            "overlap",
            "o",
            "test",
            "",
            (band("a", None, False, "50", True), band("b", "50", True, None, False)),
        )
    with pytest.raises(ValueError, match="tepat satu"):
        Scale(
            "hole",
            "h",
            "test",
            "",
            (band("a", None, False, "50", False), band("b", "50", False, None, False)),
        )
    with pytest.raises(ValueError, match="tak terbatas"):
        Scale("bounded", "b", "test", "", (band("a", "0", True, None, False),))
    with pytest.raises(ValueError, match="kosong"):
        Scale(
            "empty",
            "e",
            "test",
            "",
            (
                band("a", None, False, "5", False),
                band("b", "5", True, "5", False),
                band("c", "5", True, None, False),
            ),
        )


def test_sakip_components_as_data():
    assert [(c.name, c.weight) for c in SAKIP_2021.components] == [
        ("Perencanaan Kinerja", 30),
        ("Pengukuran Kinerja", 30),
        ("Pelaporan Kinerja", 15),
        ("Evaluasi Akuntabilitas Kinerja Internal", 25),
    ]
    assert SAKIP_2021.component("perencanaan").part_weights == (
        ("Pemenuhan", D(6)),
        ("Kualitas", D(9)),
        ("Implementasi", D(15)),
    )
    assert [c.weight for c in SAKIP_2015.components] == [30, 25, 15, 10, 20]


def test_sakip_total():
    scores = {
        "perencanaan": D("22.50"),
        "pengukuran": D("20.10"),
        "pelaporan": D("10.80"),
        "evaluasi": D("15.55"),
    }
    assert sakip_total(scores) == D("68.95")
    assert sakip_grade(sakip_total(scores)) == "B"
    old = {
        "perencanaan": D(25),
        "pengukuran": D(18),
        "pelaporan": D(12),
        "evaluasi": D(7),
        "capaian": D(12),
    }
    assert sakip_total(old, SAKIP_2015) == 74
    with pytest.raises(SakipScoreError, match="capaian"):
        sakip_total({**scores, "capaian": D(1)})
    with pytest.raises(SakipScoreError, match="pelaporan"):
        sakip_total({k: v for k, v in scores.items() if k != "pelaporan"})
    with pytest.raises(SakipScoreError, match="Pelaporan Kinerja"):
        sakip_total({**scores, "pelaporan": D(16)})
    assert SAKIP_GRADE.labels == ("AA", "A", "BB", "B", "CC", "C", "D")
