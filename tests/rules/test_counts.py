from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sakip.rules.counts import total_count


def test_total_of_counts_leaves_out_empty_cells():
    assert total_count([12, None, 0, 2]) == 14
    assert total_count([None, None]) is None
    assert total_count([]) is None
    assert total_count([0, None]) == 0


@pytest.mark.parametrize("bad", [-1, Decimal("2.5"), 2.0, True])
def test_a_count_must_be_a_whole_non_negative_number(bad):
    with pytest.raises(ValueError, match="bilangan bulat"):
        total_count([1, bad])


@given(st.lists(st.one_of(st.none(), st.integers(min_value=0, max_value=10**6))))
def test_total_is_the_sum_of_the_given_counts(values):
    given_values = [v for v in values if v is not None]
    assert total_count(values) == (sum(given_values) if given_values else None)
