"""Staff of the agency at 31 December, by kind of education, employment status and sex
(organisations.StaffCount): the table of LKjIP BAB I 1.3 and the sentence that states its totals.

One page lists the year's rows with six counts each (PNS, PPPK, honorer × L/P) and the totals
the report will print (sakip.rules.counts); blank rows at the end add kinds of education; a
ticked "hapus" removes a row. One save stores every changed row in one transaction, or nothing:
each row carries the values the person started from, and a row changed by somebody else
meanwhile is refused by name. A year without rows can start from the previous year's list
(staff changes little from one year to the next; the counts are copied to be corrected).
Governed by the lock of the year's LKjIP, whose BAB I the table is."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db import IntegrityError, transaction
from django.db.models import Max
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext
from django.views.decorators.http import require_http_methods

from sakip.common.errors import UserError
from sakip.editors.common import (
    ABSENT,
    Page,
    agency_year,
    check_fresh,
    originals,
    read_decimal,
    require_edit,
)
from sakip.organisations.models import StaffCount
from sakip.rules.counts import total_count
from sakip.rules.numbers import ColumnKind
from sakip.workflow.history import audit_context

COUNTS = StaffCount.COUNT_FIELDS
NAMES = ("group", "education")
NEW_ROWS = 3


class _Totals:
    """L, P and L+P of six counts ordered (PNS, PPPK, honorer) × (L, P), by the report's rule."""

    values: list[int | None]

    @property
    def male(self) -> int | None:
        return total_count(self.values[0::2])

    @property
    def female(self) -> int | None:
        return total_count(self.values[1::2])

    @property
    def total(self) -> int | None:
        return total_count((self.male, self.female))


@dataclass
class StaffRow(_Totals):
    """One row of the form: the stored values (or what was typed, after a refused save)."""

    key: str  # the row's id, or "baru1", "baru2" … for the blank rows
    group: str = ""
    education: str = ""
    counts: list[str] = field(default_factory=lambda: [""] * len(COUNTS))
    original: dict[str, str] = field(default_factory=dict)
    error: str = ""
    delete: bool = False
    values: list[int | None] = field(default_factory=lambda: [None] * len(COUNTS))

    @property
    def is_new(self) -> bool:
        return self.key.startswith("baru")

    @property
    def cells(self) -> list[tuple[str, str, str]]:
        """(field, text typed or stored, label) per count."""
        return list(zip(COUNTS, self.counts, _count_labels(), strict=True))


@dataclass
class GroupTotal(_Totals):
    group: str
    values: list[int | None]


def _stored_rows(page: Page) -> list[StaffRow]:
    rows = []
    for s in StaffCount.objects.filter(agency=page.agency, year=page.year).order_by("group_order", "order", "id"):
        values = [getattr(s, name) for name in COUNTS]
        rows.append(StaffRow(
            key=str(s.pk), group=s.group, education=s.education,
            counts=["" if v is None else str(v) for v in values],
            original=originals(s, NAMES + COUNTS), values=values,
        ))
    return rows


def _blank_rows(last_group: str) -> list[StaffRow]:
    return [StaffRow(key=f"baru{i}", group=last_group) for i in range(1, NEW_ROWS + 1)]


def group_totals(rows: list[StaffRow]) -> tuple[list[GroupTotal], GroupTotal]:
    """Per education group (in the order of first appearance) and overall: every count summed
    with the rule the report uses."""
    groups: dict[str, list[StaffRow]] = {}
    for row in rows:
        if not row.delete and (row.education or any(v is not None for v in row.values)):
            groups.setdefault(row.group, []).append(row)
    totals = [GroupTotal(g, [total_count(r.values[k] for r in members) for k in range(len(COUNTS))])
              for g, members in groups.items()]
    overall = GroupTotal("", [total_count(t.values[k] for t in totals) for k in range(len(COUNTS))])
    return totals, overall


def _read_count(text: str, where: str) -> int | None:
    value = read_decimal(text, where, kind=ColumnKind.COUNT)
    if value is None:
        return None
    if value != value.to_integral_value() or value < 0:
        raise UserError(gettext("“%(text)s” bukan jumlah orang.") % {"text": text}, where=where,
                        hint=gettext("Tulis bilangan bulat 0 atau lebih, mis. 12."))
    return int(value)


def _read_form(request: HttpRequest, rows: list[StaffRow]) -> None:
    """Overwrite each row with what was typed (the form always sends every field)."""
    for row in rows:
        prefix = f"r{row.key}_"
        if prefix + "education" not in request.POST:
            continue
        row.group = request.POST.get(prefix + "group", "").strip()
        row.education = request.POST.get(prefix + "education", "").strip()
        row.counts = [request.POST.get(prefix + name, "").strip() for name in COUNTS]
        row.delete = request.POST.get(prefix + "delete") == "1"
        if not row.key.startswith("baru"):  # what the person started from, for check_fresh
            row.original = {name: request.POST.get(f"{prefix}orig_{name}", "") for name in NAMES + COUNTS}


def _save(page: Page, rows: list[StaffRow]) -> int:
    """Store every row that changed; raises UserError naming the rows to fix (nothing stored)."""
    problems = 0
    changed = 0
    stored = {str(s.pk): s for s in StaffCount.objects.filter(agency=page.agency, year=page.year)}
    group_orders: dict[str, int] = {}
    for row in rows:
        if row.group and not row.delete:
            group_orders.setdefault(row.group, len(group_orders) + 1)
    seen: dict[tuple[str, str], str] = {}
    for order, row in enumerate(rows, start=1):
        where = gettext("Baris “%(name)s”") % {"name": row.education} if row.education else (
            gettext("Baris baru %(n)s") % {"n": row.key.removeprefix("baru")} if row.key.startswith("baru")
            else gettext("Baris %(n)s") % {"n": order})
        try:
            row.values = [_read_count(text, f"{where}, {label}") for text, label in
                          zip(row.counts, _count_labels(), strict=True)]
            instance = stored.get(row.key)
            if row.key.startswith("baru"):
                if not row.education and all(v is None for v in row.values):
                    continue  # an unused blank row (its group is only a suggestion)
                instance = None
            elif instance is None:
                raise UserError(gettext("%(where)s telah dihapus oleh pengguna lain sejak Anda membuka "
                                        "halaman.") % {"where": where}, hint=gettext("Muat ulang halaman."))
            else:
                check_fresh(instance, row.original, where)
            if row.delete:
                if instance is not None:
                    instance.delete()
                    changed += 1
                continue
            if not row.education or not row.group:
                raise UserError(gettext("%(where)s: kelompok dan jenis pendidikan harus diisi.") % {"where": where},
                                hint=gettext("Isi keduanya, mis. “Tenaga Sarjana” dan “Sarjana Hukum”, "
                                             "atau kosongkan seluruh baris."))
            same = seen.get((row.group, row.education.casefold()))
            if same is not None:
                raise UserError(gettext("%(where)s: “%(name)s” sudah ada pada kelompok %(group)s.")
                                % {"where": where, "name": row.education, "group": row.group},
                                hint=gettext("Gabungkan jumlahnya dalam satu baris."))
            seen[(row.group, row.education.casefold())] = row.key
            wanted = {"group": row.group, "education": row.education, "group_order": group_orders[row.group],
                      "order": order, **dict(zip(COUNTS, row.values, strict=True))}
            if instance is None:
                StaffCount.objects.create(agency=page.agency, year=page.year, **wanted)
                changed += 1
            elif any(getattr(instance, k) != v for k, v in wanted.items()):
                for k, v in wanted.items():
                    setattr(instance, k, v)
                instance.save()
                changed += 1
        except UserError as exc:
            row.error = exc.text()
            problems += 1
    if problems:
        raise UserError(gettext("Belum tersimpan: %(n)s baris perlu diperbaiki.") % {"n": problems})
    return changed


def _count_labels() -> list[str]:
    return [gettext("PNS laki-laki"), gettext("PNS perempuan"), gettext("PPPK laki-laki"),
            gettext("PPPK perempuan"), gettext("honorer laki-laki"), gettext("honorer perempuan")]


def _copy_previous(page: Page) -> int:
    """The previous year's rows as this year's starting point; 0 when there is nothing to copy
    or this year already has rows."""
    if StaffCount.objects.filter(agency=page.agency, year=page.year).exists():
        return 0
    previous = StaffCount.objects.filter(agency=page.agency, year__lt=page.year).aggregate(y=Max("year"))["y"]
    if previous is None:
        return 0
    rows = list(StaffCount.objects.filter(agency=page.agency, year=previous))
    for s in rows:  # one by one: each new row is in the audit trail
        s.pk = None
        s.year = page.year
        s.save()
    return len(rows)


@require_http_methods(["GET", "POST"])
def staff(request: HttpRequest, agency_code: str, year: int) -> HttpResponse:
    page = agency_year(request, agency_code, year, "lkjip")
    rows = _stored_rows(page)
    error = ""
    here = reverse("editors:staff", args=[agency_code, year])
    if request.method == "POST":
        require_edit(page)
        if request.POST.get("action") == "copy":
            with transaction.atomic(), audit_context(
                request.user, reason=f"Pegawai {agency_code} {year}: disalin dari tahun sebelumnya"
            ):
                copied = _copy_previous(page)
            return redirect(here + f"?disalin={copied}")
        rows += _blank_rows(rows[-1].group if rows else "")
        _read_form(request, rows)
        try:
            with transaction.atomic(), audit_context(
                request.user, reason=f"Pegawai {agency_code} {year}: jumlah menurut pendidikan disunting"
            ):
                _save(page, rows)
            return redirect(here + "?tersimpan=1")
        except UserError as exc:
            error = exc.text()
        except IntegrityError:
            # two rows swapping names in one save meet the uniqueness rule half-way
            error = gettext("Belum tersimpan: dua baris bertukar jenis pendidikan dalam satu simpan. "
                            "Simpan perubahan nama satu per satu.")
    elif page.editable:
        rows += _blank_rows(rows[-1].group if rows else "")
    totals, overall = group_totals(rows)
    has_previous = not any(not r.key.startswith("baru") for r in rows) and StaffCount.objects.filter(
        agency=page.agency, year__lt=year).exists()
    context = page.context() | {
        "active": "pegawai", "rows": rows, "totals": totals, "overall": overall, "error": error,
        "count_labels": _count_labels(), "has_previous": has_previous,
        "saved": request.GET.get("tersimpan") == "1" and not error,
        "copied": request.GET.get("disalin"),
        "absent": ABSENT,
    }
    return render(request, "editors/staff.html", context, status=400 if error else 200)
