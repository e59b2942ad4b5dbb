"""Community proposals of an agency-year (Renja §2.5: Musrenbang, Pokir DPRD, other
stakeholders): list, add, change and delete (planning.CommunityProposal).

The same rules as the other editors: the agency's operator or head changes them while the
year's Renja is a draft; after it is submitted or final, and for every other reader, the page
is read-only (sakip.web.access through editors.common). Every change is in the audit trail; an
edit carries the values the person started from and is refused when somebody else changed the
proposal meanwhile. `sakip usulan FILE.xlsx` still imports a whole register."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext, gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST

from sakip.common.errors import UserError
from sakip.editors.common import (
    Page,
    agency_year,
    as_text,
    check_fresh,
    last_changes,
    read_money,
    require_edit,
)
from sakip.editors.renstra import IndonesianDecimal
from sakip.planning.models import CommunityProposal
from sakip.workflow.history import audit_context

REQUIRED = {"required": gettext_lazy("Wajib diisi.")}
FIELDS = ["number", "proposal", "source", "source_detail", "location", "volume", "unit",
          "estimated_cost", "status", "reason", "line_code"]


class RupiahField(forms.CharField):
    """Whole rupiah typed on a screen ("1.250.000"), read by editors.common.read_money."""

    def prepare_value(self, value: Any) -> Any:
        from sakip.editors.templatetags.editors_format import isian_uang

        return isian_uang(value) if isinstance(value, int) else value

    def to_python(self, value: Any) -> int | None:  # type: ignore[override]
        text = super().to_python(value)
        try:
            return read_money(text or "", str(self.label or ""))
        except UserError as exc:
            raise ValidationError(exc.message + (" " + exc.hint if exc.hint else "")) from exc


class ProposalForm(forms.ModelForm):  # type: ignore[type-arg]
    volume = IndonesianDecimal(label=gettext_lazy("Volume"), required=False)
    estimated_cost = RupiahField(label=gettext_lazy("Perkiraan biaya (Rp)"), required=False,
                                 help_text=gettext_lazy("Rupiah bulat, mis. 150.000.000."))

    class Meta:
        model = CommunityProposal
        fields = FIELDS
        error_messages = {f: REQUIRED for f in ["proposal", "source", "status"]}
        labels = {"reason": gettext_lazy("Alasan / catatan")}
        widgets = {"proposal": forms.Textarea(attrs={"rows": 2}),
                   "reason": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name in ("source", "status"):
            field = self.fields[name]
            field.choices = [("", gettext("— pilih —"))] + [c for c in field.choices if c[0]]  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        volume = data.get("volume")
        if volume is not None and volume < 0:
            self.add_error("volume", gettext("Volume tidak boleh negatif."))
        return data


def _page(request: HttpRequest, agency_code: str, year: int) -> Page:
    return agency_year(request, agency_code, year, "renja")


def _home(page: Page) -> str:
    return reverse("editors:proposals", args=[page.agency.code, page.year])


def _sent(request: HttpRequest) -> dict[str, str]:
    return {f: request.POST.get(f"orig_{f}", "").replace("\r\n", "\n")
            for f in FIELDS if f"orig_{f}" in request.POST}


def _originals(instance: CommunityProposal) -> dict[str, str]:
    return {name: as_text(getattr(instance, name)) for name in FIELDS}


def _render(request: HttpRequest, page: Page, form: ProposalForm, instance: CommunityProposal,
            error: str = "", status: int = 200) -> HttpResponse:
    proposals = list(CommunityProposal.objects.filter(agency=page.agency, year=page.year))
    if not page.editable:
        for field in form.fields.values():
            field.disabled = True
    by_status: dict[str, int] = {}
    for p in proposals:
        by_status[p.get_status_display()] = by_status.get(p.get_status_display(), 0) + 1
    costs = [p.estimated_cost for p in proposals if p.estimated_cost is not None]
    return render(request, "editors/proposals.html", page.context() | {
        "active": "usulan", "proposals": proposals, "form": form, "instance": instance,
        "originals": _originals(instance) if instance.pk else {}, "error": error,
        "changed": last_changes(CommunityProposal, [p.pk for p in proposals]),
        "by_status": sorted(by_status.items()), "total_cost": sum(costs) if costs else None,
        "saved": bool(request.GET.get("tersimpan")) and not error and status == 200,
        "deleted": bool(request.GET.get("dihapus")),
    }, status=status)


@require_http_methods(["GET", "POST"])
def proposals(request: HttpRequest, agency_code: str, year: int, pk: int = 0) -> HttpResponse:
    """The register with a form: a new proposal, or (with `pk`) the one being changed."""
    page = _page(request, agency_code, year)
    if pk:
        instance = get_object_or_404(CommunityProposal, pk=pk, agency=page.agency, year=year)
    else:
        instance = CommunityProposal(agency=page.agency, year=year)
    if request.method == "POST":
        require_edit(page)
        was_new = instance.pk is None
        form = ProposalForm(request.POST, instance=instance)
        if form.is_valid():
            what = "ditambahkan" if was_new else "diubah"
            try:
                with transaction.atomic(), audit_context(
                    request.user, reason=f"Usulan masyarakat {agency_code} {year} {what}"
                ):
                    check_fresh(instance, _sent(request), "Usulan")
                    if was_new and not form.instance.order:
                        last = (CommunityProposal.objects.filter(agency=page.agency, year=year)
                                .order_by("-order").values_list("order", flat=True).first())
                        form.instance.order = (last or 0) + 1
                    saved = form.save()
                return redirect(_home(page) + f"?tersimpan={saved.pk}#usulan-{saved.pk}")
            except UserError as exc:
                if was_new:
                    instance.pk = None
                return _render(request, page, form, instance, exc.text(), status=400)
        return _render(request, page, form, instance, status=400)
    return _render(request, page, ProposalForm(instance=instance), instance)


@require_POST
def delete(request: HttpRequest, agency_code: str, year: int, pk: int) -> HttpResponse:
    page = _page(request, agency_code, year)
    require_edit(page)
    instance = get_object_or_404(CommunityProposal, pk=pk, agency=page.agency, year=year)
    with transaction.atomic(), audit_context(
        request.user, reason=f"Usulan masyarakat {agency_code} {year} dihapus"
    ):
        instance.delete()
    return redirect(_home(page) + "?dihapus=1")
