"""Totals of counts of people and things (staff per status, recipients …).

Like money (RULES.md §4), a total of counts is the sum of its parts and is never typed in. An
empty cell is not a zero: the total of parts none of which is given is itself not given (None),
so a table shows "-" rather than a 0 that nobody counted.
"""

from __future__ import annotations

from collections.abc import Iterable


def total_count(values: Iterable[int | None]) -> int | None:
    """Σ of the counts that are given; None when none is. Raises ValueError for a negative or
    non-integer count (a count of people cannot be 2,5 or -1)."""
    result: int | None = None
    for value in values:
        if value is None:
            continue
        if isinstance(value, bool) or not isinstance(value, int) or value < 0:
            raise ValueError(f"Jumlah {value!r} harus bilangan bulat tidak negatif")
        result = value if result is None else result + value
    return result
