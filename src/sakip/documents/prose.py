"""Small pieces of Indonesian prose shared by the builders: dates, counts with words, lists,
money. Every number printed in a sentence goes through these (and sakip.rules.numbers), so a
count in the prose is the same number as the table's."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from sakip.rules.numbers import format_money, number_in_words

MONTHS = (
    "Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus", "September",
    "Oktober", "November", "Desember",
)


def date_id(value: object) -> str:
    """"4 Maret 2025"; empty for a missing date."""
    if isinstance(value, dt.datetime):
        value = value.date()
    if not isinstance(value, dt.date):
        return ""
    return f"{value.day} {MONTHS[value.month - 1]} {value.year}"


def count(n: int) -> str:
    """"3 (tiga)" — a count written as regulations write it."""
    return f"{n} ({number_in_words(n)})"


def join(items: Sequence[str]) -> str:
    """"a, b, dan c"."""
    items = [i for i in items if i]
    if len(items) <= 1:
        return "".join(items)
    if len(items) == 2:
        return f"{items[0]} dan {items[1]}"
    return ", ".join(items[:-1]) + f", dan {items[-1]}"


def rupiah(amount: int | None) -> str:
    return "Rp -" if amount is None else format_money(amount, cents=False)


def paragraphs(text: str) -> list[str]:
    """Stored prose split into paragraphs (one per non-empty line)."""
    return [line.strip() for line in text.splitlines() if line.strip()]
