"""The "Metode pengukuran" text printed in reports."""

from decimal import Decimal as D

import pytest

from sakip.rules import method_text
from sakip.rules.achievement import LowerIsBetterMethod
from sakip.rules.scales import PERMENDAGRI_86_2017


def test_default_text_states_formulas_rounding_and_scale():
    text = method_text()
    assert "C = R / T × 100" in text
    assert "C = T / R × 100" in text
    assert "102,625 → 102,63" in text
    assert "Sangat baik: C ≥ 90" in text
    assert "Baik: 75 ≤ C < 90" in text
    assert "Tercapai: C = 100" in text
    assert "Efektif: 90 ≤ E ≤ 100" in text
    assert "Sangat Efisien: F < 60" in text
    assert "dibatasi" not in text


def test_region_choices_change_the_text():
    text = method_text(
        lower_is_better_method=LowerIsBetterMethod.TWO_MINUS,
        achievement_scale=PERMENDAGRI_86_2017,
        cap=D(120),
        include_budget=False,
    )
    assert "C = (2T − R) / T × 100" in text
    assert "C = T / R × 100" not in text
    assert "Tinggi: 75 < C ≤ 90" in text
    assert "paling tinggi 120" in text
    assert "Efektivitas" not in text and "Efektif:" not in text
    assert method_text(achievement_scale="permendagri-86-2017").count("Sangat Tinggi") == 1
    with pytest.raises(KeyError):
        method_text(achievement_scale="no-such-scale")
