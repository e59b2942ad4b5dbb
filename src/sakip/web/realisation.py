"""Quarterly realisation entry: validating what a person typed and saving it, with the audit
trail, stale-edit refusal and evidence files. The web views and the JSON API both call
`save_indicator` / `save_spending`; neither writes a realisation itself.

Validation decisions (stated in the messages the user sees):

- spending: the cumulative realisation up to the quarter may not exceed the sub kegiatan's
  pagu in the budget version of record (refused);
- absorption: the cumulative absorption up to quarter q below the region's threshold
  × q / 4 (e.g. 80 % × 2/4 = 40 % at quarter II; the full threshold at quarter IV) needs an
  explanation;
- a lower-is-better indicator whose value rises above the previous figure (the previous
  quarter of the year, else last year's realisation, else the baseline) needs a note saying
  why;
- an item with a whole-year (period 0) realisation takes no quarterly figures (they would be
  counted twice).
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils.translation import gettext

from sakip.common.budget_versions import BUDGET_PRECEDENCE
from sakip.common.errors import UserError
from sakip.monitoring.models import IndicatorRealisation, SpendingRealisation
from sakip.organisations.models import Agency
from sakip.planning.models import BudgetAllocation, Indicator, WorkPlanLine
from sakip.rules import budget
from sakip.rules.achievement import ORDINAL_SCALES
from sakip.rules.numbers import (
    ColumnKind,
    Missing,
    Number,
    NumberFormatError,
    format_money,
    format_number,
    format_value,
    parse_number,
)
from sakip.web.models import Evidence
from sakip.web.numbers import ambiguous_problem, number_problem
from sakip.workflow import transitions
from sakip.workflow.history import StaleEdit, audit_context, ensure_unchanged, record

QUARTER_NAMES = {1: "I", 2: "II", 3: "III", 4: "IV"}

#: Evidence files: at most this many bytes, of these types (checked by extension and by the
#: first bytes of the file). The content type served is the one listed here.
MAX_EVIDENCE_BYTES = 5 * 1024 * 1024
_ZIP = b"PK\x03\x04"
EVIDENCE_TYPES: dict[str, tuple[str, tuple[bytes, ...]]] = {
    ".pdf": ("application/pdf", (b"%PDF-",)),
    ".png": ("image/png", (b"\x89PNG\r\n\x1a\n",)),
    ".jpg": ("image/jpeg", (b"\xff\xd8\xff",)),
    ".jpeg": ("image/jpeg", (b"\xff\xd8\xff",)),
    ".xlsx": ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", (_ZIP,)),
    ".docx": ("application/vnd.openxmlformats-officedocument.wordprocessingml.document", (_ZIP,)),
}

INDICATOR_FIELDS = ("value", "level", "numerator", "denominator", "note")
SPENDING_FIELDS = ("amount", "physical_progress", "explanation", "note")
_TEXT_FIELDS = {"level", "note", "explanation"}


class EntryRefused(UserError):
    """The entry cannot be saved: locked, not the user's agency, or invalid input. `errors`
    maps a form field ("" for the whole item) to an Indonesian message."""

    def __init__(self, message: str, errors: Mapping[str, str] | None = None,
                 forbidden: bool = False) -> None:
        self.errors = dict(errors or {"": message})
        self.forbidden = forbidden  # not allowed (role, lock) rather than bad input
        super().__init__(message)


def quarter_label(quarter: int) -> str:
    """“triwulan II” inside a sentence, in the interface language."""
    return gettext("triwulan %(quarter)s") % {"quarter": QUARTER_NAMES[quarter]}


def quarter_title(quarter: int) -> str:
    """“Triwulan II” as a label, in the interface language."""
    return gettext("Triwulan %(quarter)s") % {"quarter": QUARTER_NAMES[quarter]}


def _audit_reason(quarter: int, year: int) -> str:
    """The reason kept in the audit trail: stored data, so always Indonesian."""
    return f"Isian realisasi triwulan {QUARTER_NAMES[quarter]} {year} (web)"


# --------------------------------------------------------------------------------------------
# Reading input


def _parse_decimal(text: str, kind: ColumnKind, label: str) -> Decimal | None:
    text = (text or "").strip()
    if not text:
        return None
    try:
        parsed = parse_number(text, kind)
    except NumberFormatError as exc:
        raise EntryRefused(
            gettext("%(label)s: %(problem)s Tulis angka dengan koma desimal, mis. 12,5.")
            % {"label": label, "problem": number_problem(exc)}
        ) from None
    if isinstance(parsed, Missing):
        return None
    if not isinstance(parsed, Number):  # Ambiguous
        raise EntryRefused(f"{label}: {ambiguous_problem(parsed)}")
    return parsed.value


def _check_digits(value: Decimal | None, label: str) -> Decimal | None:
    """The stored columns hold 16 digits before and 4 after the decimal point."""
    if value is None:
        return None
    if abs(value) >= Decimal(10) ** 16:
        raise EntryRefused(gettext("%(label)s: angka %(value)s terlalu besar.")
                           % {"label": label, "value": format_value(value)})
    return value.quantize(Decimal("0.0001"), rounding=ROUND_HALF_UP)


def stored_text(value: Any) -> str:
    """A stored value as the hidden “value you started from” of a form ('' for None)."""
    if value is None:
        return ""
    if isinstance(value, Decimal):
        return format(value.normalize(), "f")
    return str(value)


def _original(fields: tuple[str, ...], given: Mapping[str, str]) -> dict[str, Any]:
    return {
        f: (given.get(f) or "") if f in _TEXT_FIELDS else (given.get(f) or None)
        for f in fields
    }


# --------------------------------------------------------------------------------------------
# Evidence files


def check_evidence(upload: UploadedFile[Any]) -> tuple[str, str]:
    """The safe extension and content type of an upload, or EntryRefused saying why not."""
    name = os.path.basename(upload.name or "berkas")
    ext = os.path.splitext(name)[1].lower()
    allowed = ", ".join(sorted({e.lstrip(".").upper() for e in EVIDENCE_TYPES}))
    if ext not in EVIDENCE_TYPES:
        raise EntryRefused(
            gettext("Berkas bukti “%(name)s” tidak diterima: jenis berkas yang boleh %(allowed)s.")
            % {"name": name, "allowed": allowed},
            {"evidence": gettext("Jenis berkas “%(ext)s” tidak diterima; yang boleh: %(allowed)s.")
             % {"ext": ext or gettext("tanpa ekstensi"), "allowed": allowed}},
        )
    if upload.size is not None and upload.size > MAX_EVIDENCE_BYTES:
        raise EntryRefused(
            gettext("Berkas bukti “%(name)s” terlalu besar (%(size)s MB); paling besar %(mb)s MB.")
            % {"name": name, "size": format_number(Decimal(upload.size) / 1048576, 1),
               "mb": MAX_EVIDENCE_BYTES // 1048576},
            {"evidence": gettext("Berkas terlalu besar; paling besar %(mb)s MB.")
             % {"mb": MAX_EVIDENCE_BYTES // 1048576}},
        )
    content_type, magics = EVIDENCE_TYPES[ext]
    upload.seek(0)
    head = upload.read(16)
    upload.seek(0)
    if not any(head.startswith(m) for m in magics):
        raise EntryRefused(
            gettext("Berkas bukti “%(name)s” bukan berkas %(kind)s yang sah (isinya tidak cocok "
                    "dengan ekstensinya).") % {"name": name, "kind": ext.lstrip(".").upper()},
            {"evidence": gettext("Isi berkas tidak cocok dengan ekstensi %(ext)s.") % {"ext": ext}},
        )
    return ext, content_type


def _store_evidence(
    user: Any, agency: Agency, year: int, quarter: int, kind: str, item_id: int,
    upload: UploadedFile[Any], ext: str, content_type: str,
) -> Evidence:
    evidence = Evidence(
        agency=agency, year=year, quarter=quarter, kind=kind, item_id=item_id,
        original_name=os.path.basename(upload.name or "berkas")[:200],
        content_type=content_type, size=upload.size or 0,
        uploaded_by=user if getattr(user, "is_authenticated", False) else None,
    )
    # A random name: nothing of the user's file name reaches the file system.
    evidence.file.save(f"{uuid.uuid4().hex}{ext}", upload, save=False)
    evidence.save()
    return evidence


# --------------------------------------------------------------------------------------------
# Checks shared by both kinds of entry


def _ensure_may_edit(user: Any, agency: Agency, year: int, quarter: int) -> None:
    if quarter not in QUARTER_NAMES:
        raise EntryRefused(gettext("Triwulan harus 1, 2, 3 atau 4."))
    if transitions.can_edit(user, agency, year, "realisation", quarter):
        return
    status = transitions.status_of(agency, year, "realisation", quarter)
    if not (getattr(user, "is_superuser", False) or transitions.roles(user, agency) & {"operator", "head"}):
        raise EntryRefused(
            gettext("Anda tidak dapat mengubah realisasi %(agency)s: hanya operator atau kepala "
                    "perangkat daerah itu yang dapat mengisinya.") % {"agency": agency.name},
            forbidden=True,
        )
    raise EntryRefused(
        gettext("Realisasi %(quarter)s %(year)s berstatus “%(state)s”; tidak dapat diubah sampai "
                "dikembalikan atau dibuka kembali.")
        % {"quarter": quarter_label(quarter), "year": year, "state": status.get_state_display()},
        forbidden=True,
    )


def _refuse_stale_create(instance: Any, what: str) -> None:
    from sakip.workflow.models import Change

    last = (
        Change.objects.filter(
            content_type__model=instance._meta.model_name, object_id=instance.pk
        ).select_related("user").first()
    )
    who = (last.user.get_full_name() or last.user.get_username()) if last and last.user else gettext("pengguna lain")
    when = last.at.strftime("%d-%m-%Y %H:%M") if last else gettext("baru saja")
    raise StaleEdit(
        gettext("%(what)s telah diisi oleh %(who)s pada %(when)s sejak Anda membuka halaman.")
        % {"what": what, "who": who, "when": when},
        hint=gettext("Perubahan Anda belum disimpan. Periksa nilai terbaru, lalu simpan ulang bila "
                     "masih perlu."),
    )


@dataclass(frozen=True)
class Saved:
    instance: Any
    evidence: Evidence | None
    changed: bool


# --------------------------------------------------------------------------------------------
# Indicators


def previous_value(indicator: Indicator, year: int, quarter: int) -> tuple[Decimal, str] | None:
    """The figure a new value is compared with, and where it comes from."""
    earlier = (
        IndicatorRealisation.objects.filter(
            indicator=indicator, year=year, period__gt=0, period__lt=quarter, value__isnull=False
        ).order_by("-period").values_list("value", "period").first()
    )
    if earlier and earlier[0] is not None:
        return earlier[0], quarter_label(earlier[1])
    last_year = (
        IndicatorRealisation.objects.filter(indicator=indicator, year=year - 1, value__isnull=False)
        .order_by("period").values_list("value", "period").first()
    )
    if last_year and last_year[0] is not None:
        return last_year[0], gettext("realisasi %(year)s") % {"year": year - 1}
    if indicator.baseline_value is not None:
        return indicator.baseline_value, gettext("data awal")
    return None


def validate_indicator(
    indicator: Indicator, year: int, quarter: int, data: Mapping[str, str]
) -> dict[str, Any]:
    """The values to store, or EntryRefused with a message per field."""
    errors: dict[str, str] = {}
    kind = ColumnKind.COUNT if indicator.aggregation == "sum" else ColumnKind.MEASURE
    values: dict[str, Any] = {"level": "", "note": (data.get("note") or "").strip()}
    for field, label in (("value", gettext("Realisasi")), ("numerator", gettext("Pembilang")),
                         ("denominator", gettext("Penyebut"))):
        try:
            values[field] = _check_digits(_parse_decimal(data.get(field, ""), kind if field == "value" else ColumnKind.MEASURE, label), label)
        except EntryRefused as refused:
            errors[field] = refused.message
    if indicator.target_kind == "ordinal":
        # Measured by a level on a named scale: a number alone would not be comparable with
        # the target (and the rules refuse it).
        for field in ("value", "numerator", "denominator"):
            if values.get(field) is not None:
                errors[field] = gettext("Indikator ini diukur dengan tingkat; isi Realisasi (tingkat), "
                                        "bukan angka.")
        level = (data.get("level") or "").strip()
        scale = ORDINAL_SCALES.get(indicator.ordinal_scale)
        if level and scale is not None:
            canonical = scale.canonical(level)
            if canonical is None:
                errors["level"] = gettext("Tingkat “%(level)s” tidak dikenal; pilih salah satu: "
                                          "%(choices)s.") % {"level": level, "choices": scale.describe()}
            else:
                values["level"] = canonical
        else:
            values["level"] = level
    if errors:
        raise EntryRefused(gettext("Periksa isian yang ditandai."), errors)
    num, den = values["numerator"], values["denominator"]
    if (num is None) != (den is None):
        errors["denominator" if den is None else "numerator"] = (
            gettext("Isi pembilang dan penyebut keduanya, atau kosongkan keduanya.")
        )
    elif den is not None and den == 0:
        errors["denominator"] = gettext("Penyebut tidak boleh nol.")
    elif num is not None and den is not None and values["value"] is None:
        multiplier = indicator.multiplier if indicator.multiplier is not None else Decimal(1)
        values["value"] = _check_digits(num / den * multiplier, gettext("Realisasi"))
    if values["value"] is None and not values["level"] and not errors:
        errors["value"] = gettext("Isi realisasi (atau pembilang dan penyebut).")
    if errors:
        raise EntryRefused(gettext("Periksa isian yang ditandai."), errors)
    if indicator.polarity == "lower_is_better" and values["value"] is not None and not values["note"]:
        before = previous_value(indicator, year, quarter)
        if before is not None and values["value"] > before[0]:
            errors["note"] = gettext(
                "Indikator ini negatif (makin rendah makin baik), tetapi realisasinya naik dari "
                "%(before)s (%(source)s) menjadi %(now)s. Periksa angkanya; bila benar, tulis "
                "penyebabnya di Keterangan."
            ) % {"before": format_value(before[0]), "source": before[1],
                 "now": format_value(values["value"])}
            raise EntryRefused(errors["note"], errors)
    return values


def save_indicator(
    user: Any, agency: Agency, year: int, quarter: int, indicator: Indicator,
    data: Mapping[str, str], original: Mapping[str, str] | None = None,
    evidence: UploadedFile[Any] | None = None,
) -> Saved:
    """Validate and store one indicator's realisation for a quarter. `original` holds the
    stored values the person started from (and "exists": "1"/"0"); a change by somebody else
    since then raises StaleEdit. Everything or nothing is written."""
    _ensure_may_edit(user, agency, year, quarter)
    if indicator.strategic_plan.agency_id != agency.pk:
        raise EntryRefused(gettext("Indikator ini bukan milik perangkat daerah tersebut; buka halaman "
                                   "realisasi perangkat daerah pemilik indikator."))
    if IndicatorRealisation.objects.filter(indicator=indicator, year=year, period=0).exists():
        raise EntryRefused(
            gettext("Indikator “%(name)s” sudah memiliki realisasi tahunan %(year)s; realisasi per "
                    "triwulan tidak dapat ditambahkan agar tidak terhitung dua kali.")
            % {"name": indicator.name, "year": year}
        )
    values = validate_indicator(indicator, year, quarter, data)
    ext_type = check_evidence(evidence) if evidence else None
    what = gettext("Realisasi “%(name)s” %(quarter)s %(year)s") % {
        "name": indicator.name, "quarter": quarter_label(quarter), "year": year}
    with transaction.atomic(), audit_context(user, reason=_audit_reason(quarter, year)):
        row = IndicatorRealisation.objects.select_for_update().filter(
            indicator=indicator, year=year, period=quarter
        ).first()
        if row is not None:
            row.indicator = indicator  # loaded already: the audit trail finds the agency without queries
        if row is None:
            _check_original(None, INDICATOR_FIELDS, original, what)
            row = IndicatorRealisation(indicator=indicator, year=year, period=quarter)
        else:
            _check_original(row, INDICATOR_FIELDS, original, what)
        changed = _assign_and_save(row, INDICATOR_FIELDS, values)
        stored = None
        if ext_type and evidence is not None:
            stored = _store_evidence(user, agency, year, quarter, Evidence.Kind.INDICATOR,
                                     indicator.pk, evidence, *ext_type)
            record(row, "update", changes={"bukti": (None, stored.original_name)})
    return Saved(row, stored, changed)


def _check_original(row: Any, fields: tuple[str, ...], original: Mapping[str, str] | None, what: str) -> None:
    """Refuse a save made from a stale page: the row was created, or changed, by someone else
    since the person opened the form (`original` holds what the form showed)."""
    if original is None or row is None:
        return
    if original.get("exists") == "0":
        _refuse_stale_create(row, what)
    ensure_unchanged(row, _original(fields, original))


def _assign_and_save(row: Any, fields: tuple[str, ...], values: Mapping[str, Any]) -> bool:
    """Set the validated values and save only when something changed; True when saved."""
    before = {f: getattr(row, f) for f in fields}
    for f, v in values.items():
        setattr(row, f, v)
    changed = row.pk is None or any(stored_text(before[f]) != stored_text(getattr(row, f)) for f in fields)
    if changed:
        row.save()
    return bool(changed)


# --------------------------------------------------------------------------------------------
# Spending of a sub kegiatan


def version_of_record(line: WorkPlanLine) -> str | None:
    present = set(
        BudgetAllocation.objects.filter(line__work_plan_id=line.work_plan_id)
        .values_list("version", flat=True).distinct()
    )
    return next((v for v in BUDGET_PRECEDENCE if v in present), None)


def pagu_of(line: WorkPlanLine) -> int | None:
    version = version_of_record(line)
    if version is None:
        return None
    return (
        BudgetAllocation.objects.filter(line=line, version=version)
        .values_list("amount", flat=True).first()
    )


def validate_spending(
    line: WorkPlanLine, quarter: int, data: Mapping[str, str], threshold: Decimal
) -> dict[str, Any]:
    errors: dict[str, str] = {}
    values: dict[str, Any] = {
        "explanation": (data.get("explanation") or "").strip(),
        "note": (data.get("note") or "").strip(),
    }
    amount: Decimal | None = None
    try:
        amount = _parse_decimal(data.get("amount", ""), ColumnKind.MONEY, gettext("Realisasi anggaran"))
    except EntryRefused as refused:
        errors["amount"] = refused.message
    if "amount" not in errors:
        if amount is None:
            errors["amount"] = gettext("Isi realisasi anggaran triwulan ini (Rp); tulis 0 bila belum "
                                       "ada belanja.")
        elif amount < 0:
            errors["amount"] = gettext("Realisasi anggaran tidak boleh negatif.")
        elif amount != amount.to_integral_value():
            errors["amount"] = gettext("Realisasi anggaran ditulis dalam rupiah penuh, tanpa sen.")
        elif amount >= Decimal(10) ** 15:
            errors["amount"] = gettext("Realisasi anggaran terlalu besar.")
    try:
        progress = _parse_decimal(data.get("physical_progress", ""), ColumnKind.PERCENT,
                                  gettext("Realisasi fisik"))
        if progress is not None and not (0 <= progress <= 100):
            errors["physical_progress"] = gettext("Realisasi fisik adalah persen antara 0 dan 100.")
        values["physical_progress"] = progress.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP) if progress is not None else None
    except EntryRefused as refused:
        errors["physical_progress"] = refused.message
    if errors:
        raise EntryRefused(gettext("Periksa isian yang ditandai."), errors)
    assert amount is not None
    values["amount"] = int(amount)
    pagu = pagu_of(line)
    if pagu is not None:
        others = list(
            SpendingRealisation.objects.filter(line=line, period__gt=0, period__lte=quarter)
            .exclude(period=quarter).values_list("amount", flat=True)
        )
        cumulative = budget.total_amounts([*others, values["amount"]])
        if cumulative > pagu:
            errors["amount"] = gettext(
                "Realisasi s.d. %(quarter)s %(total)s melebihi pagu %(pagu)s sebesar %(excess)s. "
                "Periksa angkanya."
            ) % {"quarter": quarter_label(quarter), "total": format_money(cumulative, cents=False),
                 "pagu": format_money(pagu, cents=False),
                 "excess": format_money(cumulative - pagu, cents=False)}
            raise EntryRefused(errors["amount"], errors)
        ratio = budget.absorption(cumulative, pagu)
        expected = threshold * quarter / 4
        if ratio.value is not None and ratio.rounded is not None and ratio.rounded < expected and not values["explanation"]:
            errors["explanation"] = gettext(
                "Serapan s.d. %(quarter)s %(ratio)s %% di bawah %(expected)s %% (ambang %(threshold)s %% × "
                "%(n)s/4 triwulan). Tuliskan penjelasan sebab realisasi rendah."
            ) % {"quarter": quarter_label(quarter), "ratio": ratio.display,
                 "expected": format_number(expected, 2), "threshold": format_value(threshold), "n": quarter}
            raise EntryRefused(errors["explanation"], errors)
    return values


def save_spending(
    user: Any, agency: Agency, year: int, quarter: int, line: WorkPlanLine,
    data: Mapping[str, str], original: Mapping[str, str] | None = None,
    evidence: UploadedFile[Any] | None = None,
) -> Saved:
    """Validate and store the spending and physical progress of one sub kegiatan for a
    quarter (not cumulative), like `save_indicator`."""
    _ensure_may_edit(user, agency, year, quarter)
    if line.work_plan.agency_id != agency.pk or line.work_plan.year != year:
        raise EntryRefused(gettext("Sub kegiatan ini bukan bagian dari rencana kerja tersebut; buka "
                                   "halaman realisasi perangkat daerah dan tahun rencana kerjanya."))
    if line.level != 5:
        raise EntryRefused(gettext("Realisasi anggaran dicatat pada sub kegiatan saja; isi pada baris "
                                   "sub kegiatannya."))
    if SpendingRealisation.objects.filter(line=line, period=0).exists():
        raise EntryRefused(
            gettext("Sub kegiatan %(code)s sudah memiliki realisasi tahunan; realisasi per triwulan "
                    "tidak dapat ditambahkan agar tidak terhitung dua kali.") % {"code": line.code}
        )
    values = validate_spending(line, quarter, data, agency.region.absorption_threshold)
    ext_type = check_evidence(evidence) if evidence else None
    what = gettext("Realisasi anggaran %(code)s %(quarter)s %(year)s") % {
        "code": line.code, "quarter": quarter_label(quarter), "year": year}
    with transaction.atomic(), audit_context(user, reason=_audit_reason(quarter, year)):
        row = SpendingRealisation.objects.select_for_update().filter(line=line, period=quarter).first()
        if row is not None:
            row.line = line  # loaded already: the audit trail finds the agency without queries
        if row is None:
            _check_original(None, SPENDING_FIELDS, original, what)
            row = SpendingRealisation(line=line, period=quarter)
        else:
            _check_original(row, SPENDING_FIELDS, original, what)
        changed = _assign_and_save(row, SPENDING_FIELDS, values)
        stored = None
        if ext_type and evidence is not None:
            stored = _store_evidence(user, agency, year, quarter, Evidence.Kind.SPENDING,
                                     line.pk, evidence, *ext_type)
            record(row, "update", changes={"bukti": (None, stored.original_name)})
    return Saved(row, stored, changed)
