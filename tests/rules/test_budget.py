"""RULES.md §4 (money) and §5 (budget forms)."""

from decimal import Decimal as D

import pytest

from sakip.rules.budget import (
    BudgetError,
    Ratio,
    absorption,
    detect_ro_percent_misuse,
    direct_spending,
    effectiveness,
    efficiency_mahsun,
    resource_efficiency_ratio,
    resource_efficiency_ro,
    rollup,
    total,
    total_amounts,
)
from sakip.rules.codes import normalise_code

# seed 000 Tabel 3.2, program 6.06 (PENANGANAN BENCANA), money only on sub kegiatan
SEED_000_6_06 = {
    normalise_code("06.06.2.01.01"): 91_922_600,
    normalise_code("06.06.2.02.01"): 53_800_000,
    normalise_code("06.06.2.02.02"): 336_000_000,
}


def test_seed_000_program_6_06_is_the_sum_of_its_sub_kegiatan():
    sums = rollup(SEED_000_6_06)
    assert sums[normalise_code("6.06")] == 481_722_600  # printed 487.722.600
    assert sums[normalise_code("06.06.2.02")] == 389_800_000
    assert sums[normalise_code("06.06.2.01")] == 91_922_600
    assert total(SEED_000_6_06) == 481_722_600
    # leaves are kept, nothing above program level is produced
    assert sums[normalise_code("06.06.2.02.02")] == 336_000_000
    assert normalise_code("1.06") not in sums
    assert list(sums) == sorted(sums)


def test_rollup_refuses_money_on_a_parent():
    with pytest.raises(BudgetError, match="Kegiatan"):
        rollup({normalise_code("06.06.2.02"): 389_800_000})
    with pytest.raises(BudgetError, match="bulat"):
        rollup({normalise_code("06.06.2.02.01"): D("1.5")})  # type: ignore[dict-item]


def test_effectiveness_seed_003_totals():
    result = effectiveness(9_521_256_875, 10_314_852_053)
    assert result.display == "92,31"
    assert result.category == "Efektif"
    assert absorption(9_521_256_875, 10_314_852_053).rounded == D("92.31")


def test_efficiency_uses_realised_direct_spending_seed_003():
    direct = direct_spending(9_521_256_875, 4_836_429_688)
    assert direct == 4_684_827_187
    result = efficiency_mahsun(direct, 9_521_256_875)
    assert result.display == "49,20"
    assert result.category == "Sangat Efisien"
    # the document used the direct-spending pagu 5.367.987.782 and printed 56,38
    assert efficiency_mahsun(5_367_987_782, 9_521_256_875).display == "56,38"


def test_zero_denominators_are_explicit():
    zero = absorption(0, 0)
    assert zero.value is None and zero.reason == "tidak dapat dihitung (pagu nol)"
    assert zero.display == zero.reason and zero.category is None
    assert effectiveness(5, 0).value is None
    assert efficiency_mahsun(0, 0).value is None
    assert resource_efficiency_ratio(D(100), D(0)).value is None
    assert resource_efficiency_ro([]).value is None
    assert absorption(1, -1).value is None


def test_absorption_above_budget_is_noted():
    # seed 003 T3.43 2023: Jasa Komunikasi 54.364.780 realised on a pagu of 51.600.000
    result = absorption(54_364_780, 51_600_000)
    assert result.display == "105,36"
    assert "melebihi" in result.note


def test_direct_spending_rejects_impossible_input():
    with pytest.raises(BudgetError, match="melebihi"):
        direct_spending(100, 200)
    with pytest.raises(BudgetError):
        direct_spending(-1, 0)


def test_resource_efficiency_ratio_form():
    result = resource_efficiency_ratio(D("98.82"), D("94.10"))
    assert result.display == "1,05"
    assert result.category == "Efisien"
    assert resource_efficiency_ratio(D("71.91"), D("71.04")).category == "Efisien"
    assert resource_efficiency_ratio(D("50"), D("100")).category == "Tidak Efisien"
    assert resource_efficiency_ratio(D("100"), D("100")).category == "Efisien"


ITEMS = [(1_000_000, D("0.98"), 950_000), (3_000_000, D("1.00"), 2_700_000)]


def test_resource_efficiency_ro_form():
    # Σ(AA×C − RA) / ΣAA × 100 = (980.000 − 950.000 + 3.000.000 − 2.700.000) / 4.000.000
    assert resource_efficiency_ro(ITEMS).display == "8,25"
    assert isinstance(resource_efficiency_ro(ITEMS), Ratio)


def test_detects_achievement_entered_as_percent():
    wrong_items = [(aa, c * 100, ra) for aa, c, ra in ITEMS]
    wrong = resource_efficiency_ro(wrong_items)
    assert wrong.value is not None and wrong.value > 1000
    message = detect_ro_percent_misuse(wrong_items)
    assert message is not None and "8,25" in message and "persen" in message
    printed = detect_ro_percent_misuse(wrong_items, printed=wrong.value)
    assert printed is not None and "tercetak" in printed
    assert detect_ro_percent_misuse(ITEMS) is None
    assert detect_ro_percent_misuse(ITEMS, printed=D("8.25")) is None
    # fractions given, but the printed figure matches C multiplied by 100
    as_percent = resource_efficiency_ro(wrong_items).value
    assert detect_ro_percent_misuse(ITEMS, printed=as_percent) is not None
    assert detect_ro_percent_misuse([]) is None


def test_total_amounts_is_whole_rupiah():
    assert total_amounts([91_922_600, 389_800_000]) == 481_722_600
    assert total_amounts([]) == 0
    with pytest.raises(BudgetError, match="bulat"):
        total_amounts([1, D("0.5")])  # type: ignore[list-item]
    with pytest.raises(BudgetError):
        total_amounts([True])
