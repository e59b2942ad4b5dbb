"""Indonesian number formats for templates, through sakip.rules.numbers (round half-up)."""

from __future__ import annotations

from decimal import Decimal

from django import template

from sakip.rules.numbers import format_money, format_number, format_percent, format_value

register = template.Library()


@register.filter
def rupiah(value: int | str | None) -> str:
    """14817179710 → 'Rp 14.817.179.710' (no cents on screens)."""
    # "" is what a template yields for a missing attribute (an agency-year without work plan).
    return "—" if value is None or value == "" else format_money(int(value), cents=False)


@register.filter
def angka(value: Decimal | int | None, places: int | None = None) -> str:
    if value is None:
        return "—"
    if places is None:
        return format_value(Decimal(value))
    return format_number(Decimal(value), int(places))


@register.filter
def persen(value: Decimal | None) -> str:
    return "—" if value is None else format_percent(Decimal(value))


@register.filter
def badge(label: str) -> str:
    """CSS class of a predikat/category badge."""
    good = {"Melebihi target", "Tercapai", "Sangat baik", "Baik", "Sangat Tinggi", "Tinggi",
            "Sangat Efektif", "Efektif"}
    warn = {"Cukup", "Sedang", "Cukup Efektif"}
    if not label:
        return "muted"
    if label in good:
        return "good"
    if label in warn:
        return "warn"
    return "bad"


@register.filter
def ui_label(text: object) -> str:
    """A label the rules produce as data (scale class, scale name), in the interface language."""
    from sakip.web.labels import rule_label

    return rule_label(text)


@register.filter
def ui_reason(text: object) -> str:
    """A reason the rules produce as data (“dikecualikan: …”, “belum ada realisasi”), in the
    interface language."""
    from sakip.web.labels import rule_reason

    return rule_reason(text)


@register.filter
def ui_name(text: object) -> str:
    """“Indicator (Tujuan 1)” with the level in the interface language."""
    from sakip.web.labels import rule_name

    return rule_name(text)
