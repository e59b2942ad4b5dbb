"""RULES.md §8 — SPM index, with seed 003's e-SPM tables."""

from decimal import Decimal as D

import pytest

from sakip.rules.numbers import round_half_up
from sakip.rules.spm import service_index, service_index_detail, spm_index

# seed 003, "Pencapaian Pemenuhan SPM Urusan Sosial Tahun 2024", in the table's column order
# (harus dilayani/dipenuhi, terlayani/terpenuhi); the API takes (fulfilled, required).
DISABILITY_ITEMS = [
    (30, 30),
    (30, 30),
    (30, 30),
    (30, 28),
    (6, 6),
    (30, 30),
    (30, 30),
    (30, 28),
    (4, 4),
    (5, 5),
    (3, 3),
    (1, 1),
    (30, 30),
]
ELDERLY_ITEMS = [
    (60, 60),
    (60, 60),
    (60, 60),
    (12, 12),
    (4, 2),
    (60, 60),
    (60, 60),
    (20, 20),
    (3, 3),
    (2, 2),
    (1, 1),
    (60, 60),
    (60, 60),
]
CHILD_ITEMS = [
    (15, 15),
    (15, 15),
    (15, 15),
    (3, 3),
    (15, 15),
    (15, 15),
    (15, 15),
    (1, 1),
    (1, 1),
    (1, 1),
    (0, 0),
    (15, 15),
]
HOMELESS_ITEMS = [
    (25, 25),
    (25, 25),
    (25, 25),
    (12, 12),
    (25, 25),
    (25, 25),
    (7, 7),
    (1, 1),
    (6, 6),
    (23, 23),
    (23, 23),
    (25, 25),
]
DISASTER_ITEMS = [(0, 0), (15, 15), (0, 0), (0, 0), (15, 15)]


def items(table):
    return [(fulfilled, required) for required, fulfilled in table]


def test_spm_index_of_the_printed_service_indices_is_97_40():
    printed = [D("99.79"), D("100"), D("99.23"), D("100"), D("88.00")]
    assert round_half_up(spm_index(printed)) == D("97.40")


def test_service_indices_reproduce_seed_003():
    disability = service_index_detail(30, 30, items(DISABILITY_ITEMS))
    assert round_half_up(disability.quality) == D("98.97")
    assert round_half_up(disability.value) == D("99.79")
    assert round_half_up(service_index(60, 60, items(ELDERLY_ITEMS))) == D("99.23")
    assert service_index(15, 15, items(CHILD_ITEMS)) == 100
    assert service_index(25, 25, items(HOMELESS_ITEMS)) == 100


def test_zero_over_zero_items_are_excluded_not_counted_as_zero():
    disaster = service_index_detail(15, 15, items(DISASTER_ITEMS))
    # seed 003 counted the three 0/0 items as 0 %: mutu 40, index 0,8×100 + 0,2×40 = 88
    assert D("0.8") * 100 + D("0.2") * 40 == 88
    assert disaster.quality == 100 and disaster.value == 100
    assert "3 butir mutu 0/0" in disaster.notes[0]
    recomputed = spm_index(
        service_index(s, n, items)
        for s, n, items in [
            (30, 30, items(DISABILITY_ITEMS)),
            (15, 15, items(CHILD_ITEMS)),
            (60, 60, items(ELDERLY_ITEMS)),
            (25, 25, items(HOMELESS_ITEMS)),
            (15, 15, items(DISASTER_ITEMS)),
        ]
    )
    assert round_half_up(recomputed) == D("99.81")


def test_over_coverage_is_capped_and_nothing_required_counts_100():
    # seed 003 shows 47 served of 45 as 100 %
    over = service_index_detail(47, 45, [(1, 1)])
    assert over.coverage == 100 and any("dibatasi" in n for n in over.notes)
    nobody = service_index_detail(0, 0, [(0, 0)])
    assert nobody.value == 100 and len(nobody.notes) == 3
    partial = service_index_detail(9, 10, [(2, 4)])
    assert partial.value == D("0.8") * 90 + D("0.2") * 50


def test_empty_spm_index_is_a_programming_error():
    with pytest.raises(ValueError):
        spm_index([])
