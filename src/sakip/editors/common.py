"""What every editor page shares: finding the agency-year, asking sakip.web.access who may see
and change it, reading Indonesian numbers typed by a person, and refusing stale edits.

Permission decisions are never made here: `can_view` and `can_edit` from sakip.web.access are
asked, and the answer is carried to the templates as `editable`.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.db import models
from django.http import Http404, HttpRequest, HttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _

from sakip.common.errors import UserError
from sakip.organisations.models import Agency
from sakip.rules.numbers import (
    Ambiguous,
    ColumnKind,
    Convention,
    Missing,
    NumberFormatError,
    parse_number,
)
from sakip.web import access
from sakip.web.numbers import ambiguous_problem, number_problem
from sakip.workflow.history import StaleEdit, ensure_unchanged

#: Which workflow document's lock governs which editor.
DOCUMENT_OF_EDITOR = {
    "renstra": "renja",
    "renja": "renja",
    "pk": "pk",
}


class NeedLogin(Exception):
    """The visitor must log in first (raised by `agency_year`, turned into a redirect)."""


@dataclass
class Page:
    """The agency-year an editor page works on, and whether this user may change it."""

    agency: Agency
    year: int
    document: str
    editable: bool
    status_label: str

    def context(self) -> dict[str, Any]:
        return {
            "agency": self.agency,
            "year": self.year,
            "editable": self.editable,
            "status_label": self.status_label,
            "document": self.document,
        }


def agency_year(
    request: HttpRequest, agency_code: str, year: int, document: str, quarter: int = 0
) -> Page:
    """The page's agency-year; 404 for an agency the user may not see (never revealing that it
    exists), NeedLogin for an anonymous visitor."""
    agency = Agency.objects.select_related("region").filter(code=agency_code).first()
    if agency is None:
        raise Http404(_("Perangkat daerah tidak ditemukan. Pilih perangkat daerah dari daftar di beranda."))
    if not request.user.is_authenticated:
        raise NeedLogin(request.get_full_path())
    if not access.visible_agencies(request.user).filter(pk=agency.pk).exists():
        raise Http404(_("Data ini tidak tersedia untuk akun Anda. Masuk dengan akun perangkat daerah ini, atau "
              "minta admin pemerintah daerah menambahkan peran Anda."))
    status = access.status_of(agency, year, document, quarter)
    editable = access.can_edit(request.user, agency, year, document, quarter)
    return Page(agency, year, document, editable, str(status.get_state_display()))


def require_edit(page: Page) -> None:
    """Refuse a change the user may not make (locked document, another agency, a reader)."""
    if not page.editable:
        raise PermissionDenied(_(
            "Data ini tidak dapat diubah: dokumennya sudah diajukan atau terkunci, atau "
            "akun Anda bukan operator/kepala perangkat daerah ini."
        ))


class NeedLoginMiddleware:
    """Turns `NeedLogin` raised by any view into the redirect to the login page, so views
    call `agency_year` without wrapping it (settings.MIDDLEWARE)."""

    def __init__(self, get_response: Any) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response: HttpResponse = self.get_response(request)
        return response

    def process_exception(self, request: HttpRequest, exc: Exception) -> HttpResponse | None:
        if isinstance(exc, NeedLogin):
            response: HttpResponse = redirect_to_login(str(exc))
            return response
        return None


# --------------------------------------------------------------------------------------
# Reading what a person typed
# --------------------------------------------------------------------------------------


def read_decimal(text: str, label: str, *, kind: ColumnKind = ColumnKind.UNKNOWN) -> Decimal | None:
    """A figure typed on an Indonesian screen ("1.234,5" = 1234,5); None for an empty cell.
    UserError (in Indonesian, naming the field) when it is not a number."""
    text = (text or "").strip()
    if not text:
        return None
    try:
        result = parse_number(text, kind, dominant=Convention.INDONESIAN)
    except NumberFormatError as exc:
        raise UserError(
            number_problem(exc), where=label,
            hint=_("Tulis angka dengan koma sebagai pemisah desimal, mis. 12,5."),
        ) from exc
    if isinstance(result, Missing):
        return None
    if isinstance(result, Ambiguous):
        raise UserError(ambiguous_problem(result), where=label)
    return result.value


def read_money(text: str, label: str) -> int | None:
    """Whole rupiah typed on a screen ("1.250.000" or "Rp 1.250.000"); None when empty."""
    value = read_decimal(text, label, kind=ColumnKind.MONEY)
    if value is None:
        return None
    if value != value.to_integral_value():
        raise UserError(
            _("“%(text)s” bukan rupiah bulat.") % {"text": text}, where=label,
            hint=_("Pagu dicatat dalam rupiah tanpa sen, mis. 1.250.000."),
        )
    if value < 0:
        raise UserError(_("“%(text)s” negatif.") % {"text": text}, where=label,
                        hint=_("Pagu tidak boleh negatif; tulis 0 bila tidak ada pagu."))
    return int(value)


# --------------------------------------------------------------------------------------
# Stale edits: every form carries the values the person started from
# --------------------------------------------------------------------------------------

ABSENT = "∅"  # the row did not exist when the page was opened


def as_text(value: Any) -> str:
    """How a stored value travels in a hidden field (the same reading the audit trail uses)."""
    if value is None:
        return ""
    if isinstance(value, Decimal):
        return format(value.normalize(), "f")
    return str(value)


def originals(instance: models.Model, names: Iterable[str]) -> dict[str, str]:
    return {name: as_text(getattr(instance, name)) for name in names}


def check_fresh(instance: models.Model | None, sent: Mapping[str, str], what: str) -> None:
    """Refuse the save when the stored row differs from what the person started from.

    `sent` maps attnames to the hidden texts of the form; a value of ABSENT for the key
    "__row__" means the row did not exist when the page was opened."""
    if instance is None or instance.pk is None:
        return
    if sent.get("__row__") == ABSENT:
        raise StaleEdit(
            _("%(what)s telah diisi oleh pengguna lain sejak Anda membuka halaman (%(now)s).")
            % {"what": what, "now": instance},
            hint=_("Perubahan Anda belum disimpan. Muat ulang halaman untuk melihat nilai terbaru."),
        )
    original: dict[str, Any] = {}
    for name, text in sent.items():
        if name == "__row__":
            continue
        field = instance._meta.get_field(name.removesuffix("_id"))
        original[name] = None if (text == "" and field.null) else text
    if original:
        ensure_unchanged(instance, original)


def last_changes(model: type[models.Model], ids: Iterable[int]) -> dict[int, str]:
    """"oleh <name>, <date>" of the latest audit-trail entry of each object (one query)."""
    from sakip.workflow.models import Change

    wanted = [i for i in ids if i]
    found: dict[int, str] = {}
    if not wanted:
        return found
    rows = (Change.objects.filter(content_type__app_label=model._meta.app_label,
                                  content_type__model=model._meta.model_name,
                                  object_id__in=wanted)
            .select_related("user").order_by("object_id", "-at", "-id"))
    for change in rows:
        if change.object_id in found:
            continue
        who = (change.user.get_full_name() or change.user.get_username()) if change.user else _("sistem")
        found[change.object_id] = _("oleh %(who)s, %(at)s") % {
            "who": who, "at": timezone.localtime(change.at).strftime("%d-%m-%Y %H:%M")}
    return found
