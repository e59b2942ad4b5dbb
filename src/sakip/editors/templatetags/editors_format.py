"""How stored figures appear inside input fields (Indonesian grouping, nothing for None)."""

from __future__ import annotations

from decimal import Decimal

from django import template

from sakip.rules.numbers import format_number

register = template.Library()


@register.filter
def isian_uang(value: int | None) -> str:
    """12500000 → '12.500.000'; None → ''."""
    return "" if value is None else format_number(Decimal(value), 0)


@register.filter
def isian_angka(value: Decimal | None) -> str:
    """Decimal('12.5000') → '12,5', exactly (no rounding: the text is saved back); None → ''."""
    if value is None:
        return ""
    exact = Decimal(value).normalize()
    exponent = exact.as_tuple().exponent
    places = -exponent if isinstance(exponent, int) and exponent < 0 else 0
    return format_number(exact, places)


@register.filter
def get_item(mapping: dict[str, object] | None, key: str) -> object:
    return None if mapping is None else mapping.get(key)


@register.filter
def split(text: str) -> list[str]:
    return text.split()


@register.filter
def attr(obj: object, name: str) -> object:
    return getattr(obj, name, "")
