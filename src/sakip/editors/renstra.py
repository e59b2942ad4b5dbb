"""Strategic plan (Renstra) editor: the plan, its goals and objectives, and their indicators
with metadata (unit, polarity, target kind, aggregation, formula, data source, baseline) and a
target for every year of the period. Changes are governed by the lock of the year's Renja.

Each form carries the values the person started from (`orig_*`); a save over somebody else's
change is refused and names them (sakip.workflow.history.ensure_unchanged)."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext, gettext_lazy
from django.views.decorators.http import require_http_methods

from sakip.common.errors import UserError
from sakip.editors.common import (
    Page,
    agency_year,
    as_text,
    check_fresh,
    read_decimal,
    require_edit,
)
from sakip.planning.models import (
    Aggregation,
    Goal,
    Indicator,
    IndicatorTarget,
    Objective,
    Polarity,
    StrategicPlan,
    TargetKind,
)
from sakip.rules.achievement import ORDINAL_SCALES
from sakip.workflow.history import audit_context

REQUIRED = {"required": gettext_lazy("Wajib diisi.")}

#: What each form edits: Indonesian in the audit trail, in the interface language on the page.
TITLES = {"Rencana strategis": gettext_lazy("Rencana strategis"), "Tujuan": gettext_lazy("Tujuan"),
          "Sasaran": gettext_lazy("Sasaran"), "Indikator": gettext_lazy("Indikator")}


class IndonesianDecimal(forms.CharField):
    """A figure typed the Indonesian way ("1.234,5"), read by sakip.rules.numbers."""

    def prepare_value(self, value: Any) -> Any:
        from sakip.editors.templatetags.editors_format import isian_angka

        return isian_angka(value) if isinstance(value, Decimal) else value

    def to_python(self, value: Any) -> Decimal | None:  # type: ignore[override]
        text = super().to_python(value)
        try:
            return read_decimal(text or "", str(self.label or ""))
        except UserError as exc:
            raise ValidationError(exc.message + (" " + exc.hint if exc.hint else "")) from exc


class PlanForm(forms.ModelForm):  # type: ignore[type-arg]
    class Meta:
        model = StrategicPlan
        fields = ["name", "start_year", "end_year", "vision", "mission"]
        error_messages = {f: REQUIRED for f in ["name", "start_year", "end_year"]}
        widgets = {"vision": forms.Textarea(attrs={"rows": 2}),
                   "mission": forms.Textarea(attrs={"rows": 3})}

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        start, end = data.get("start_year"), data.get("end_year")
        if start and end and end < start:
            raise ValidationError(gettext("Tahun akhir tidak boleh sebelum tahun awal."))
        if start and end and end - start > 9:
            raise ValidationError(gettext("Periode Renstra paling lama 10 tahun; periksa tahunnya."))
        return data


class GoalForm(forms.ModelForm):  # type: ignore[type-arg]
    class Meta:
        model = Goal
        fields = ["number", "statement", "order"]
        error_messages = {f: REQUIRED for f in ["number", "statement"]}
        widgets = {"statement": forms.Textarea(attrs={"rows": 2})}


class ObjectiveForm(forms.ModelForm):  # type: ignore[type-arg]
    class Meta:
        model = Objective
        fields = ["number", "statement", "order"]
        error_messages = {f: REQUIRED for f in ["number", "statement"]}
        widgets = {"statement": forms.Textarea(attrs={"rows": 2})}


class IndicatorForm(forms.ModelForm):  # type: ignore[type-arg]
    multiplier = IndonesianDecimal(label=gettext_lazy("Pengali"), required=False,
                                   help_text=gettext_lazy("Mis. 100 untuk persentase."))
    baseline_value = IndonesianDecimal(label=gettext_lazy("Data awal"), required=False)
    end_target_value = IndonesianDecimal(label=gettext_lazy("Target akhir Renstra"), required=False)

    class Meta:
        model = Indicator
        fields = [
            "number", "name", "unit", "is_key", "polarity", "target_kind", "ordinal_scale",
            "aggregation", "percentage_change", "formula", "numerator_label",
            "denominator_label", "multiplier", "data_source", "baseline_year", "baseline_value",
            "baseline_level", "end_target_value", "end_target_level", "order",
        ]
        error_messages = {"name": REQUIRED}
        widgets = {"name": forms.Textarea(attrs={"rows": 2}),
                   "formula": forms.Textarea(attrs={"rows": 2})}

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        problems: dict[str, str] = {}
        if data.get("target_kind") == TargetKind.ORDINAL:
            scale = data.get("ordinal_scale", "")
            if not scale:
                problems["ordinal_scale"] = gettext("Target tingkat memerlukan skala (mis. ape, kla, akip).")
            elif scale not in ORDINAL_SCALES:
                problems["ordinal_scale"] = gettext("Skala “%(scale)s” tidak dikenal; pilih salah satu: "
                                                    "%(known)s.") % {
                    "scale": scale, "known": ", ".join(sorted(ORDINAL_SCALES))}
        numerator, denominator = data.get("numerator_label"), data.get("denominator_label")
        if bool(numerator) != bool(denominator):
            problems["denominator_label" if numerator else "numerator_label"] = (
                gettext("Rumus rasio memerlukan pembilang dan penyebut; isi keduanya atau kosongkan keduanya."))
        multiplier = data.get("multiplier")
        if multiplier is not None and multiplier <= 0:
            problems["multiplier"] = gettext("Pengali harus lebih dari nol (mis. 100 untuk persen).")
        if multiplier is not None and not numerator:
            problems["multiplier"] = gettext("Pengali hanya dipakai bersama pembilang dan penyebut.")
        if data.get("baseline_value") is not None and not data.get("baseline_year"):
            problems["baseline_year"] = gettext("Sebutkan tahun data awal.")
        for name, message in problems.items():
            self.add_error(name, message)
        return data


def _plan_for(page: Page) -> StrategicPlan | None:
    return StrategicPlan.objects.filter(
        agency=page.agency, start_year__lte=page.year, end_year__gte=page.year
    ).first()


def _page(request: HttpRequest, agency_code: str, year: int) -> Page:
    return agency_year(request, agency_code, year, "renja")


def _home(page: Page) -> str:
    return reverse("editors:renstra", args=[page.agency.code, page.year])


def _fields(form: Any) -> list[str]:
    return list(form._meta.fields or [])


def _originals(form: Any, instance: Any) -> dict[str, str]:
    return {name: as_text(getattr(instance, name)) for name in _fields(form)}


def _sent(request: HttpRequest, fields: list[str]) -> dict[str, str]:
    return {f: request.POST.get(f"orig_{f}", "").replace("\r\n", "\n")
            for f in fields if f"orig_{f}" in request.POST}


@require_http_methods(["GET"])
def overview(request: HttpRequest, agency_code: str, year: int) -> HttpResponse:
    page = _page(request, agency_code, year)
    plan = _plan_for(page)
    context: dict[str, Any] = page.context() | {"active": "renstra", "plan": plan}
    if plan is not None:
        years = list(range(plan.start_year, plan.end_year + 1))
        indicators = list(plan.indicators.filter(subject__in=["goal", "objective"]))
        targets: dict[tuple[int, int], IndicatorTarget] = {
            (t.indicator_id, t.year): t
            for t in IndicatorTarget.objects.filter(indicator__in=indicators)
        }
        by_owner: dict[tuple[str, int], list[dict[str, Any]]] = {}
        for ind in indicators:
            owner = ("goal", ind.goal_id) if ind.subject == "goal" else ("objective", ind.objective_id)
            by_owner.setdefault((owner[0], owner[1] or 0), []).append(
                {"indicator": ind, "targets": [targets.get((ind.pk, y)) for y in years]})
        goals = []
        for goal in plan.goals.all().prefetch_related("objectives"):
            goals.append({
                "goal": goal, "indicators": by_owner.get(("goal", goal.pk), []),
                "objectives": [{"objective": o, "indicators": by_owner.get(("objective", o.pk), [])}
                               for o in goal.objectives.all()],
            })
        context |= {"years": years, "goals": goals}
    return render(request, "editors/renstra.html", context)


@require_http_methods(["GET", "POST"])
def edit(request: HttpRequest, agency_code: str, year: int, what: str,
         pk: int = 0, parent: int = 0) -> HttpResponse:
    """Create or change the plan, a goal, an objective or an indicator (with its targets)."""
    page = _page(request, agency_code, year)
    plan = _plan_for(page)
    form_class: type[Any]
    instance: Any
    if what == "rencana":
        form_class, instance = PlanForm, plan or StrategicPlan(
            agency=page.agency, start_year=year, end_year=year + 4, name=f"Renstra {year}–{year + 4}")
        title = "Rencana strategis"
    elif plan is None:
        raise Http404(gettext("Belum ada Renstra yang mencakup tahun ini. Buat Renstra dari halaman Renstra "
                        "(operator atau kepala perangkat daerah), atau minta admin pemerintah "
                        "daerah mengimpornya."))
    elif what == "tujuan":
        form_class = GoalForm
        instance = get_object_or_404(Goal, pk=pk, strategic_plan=plan) if pk else Goal(strategic_plan=plan)
        title = "Tujuan"
    elif what == "sasaran":
        form_class = ObjectiveForm
        if pk:
            instance = get_object_or_404(Objective, pk=pk, goal__strategic_plan=plan)
        else:
            instance = Objective(goal=get_object_or_404(Goal, pk=parent, strategic_plan=plan))
        title = "Sasaran"
    elif what in ("indikator-tujuan", "indikator-sasaran", "indikator"):
        form_class = IndicatorForm
        if pk:
            instance = get_object_or_404(Indicator, pk=pk, strategic_plan=plan)
        elif what == "indikator-tujuan":
            instance = Indicator(strategic_plan=plan, subject="goal",
                                 goal=get_object_or_404(Goal, pk=parent, strategic_plan=plan))
        elif what == "indikator-sasaran":
            instance = Indicator(strategic_plan=plan, subject="objective", objective=get_object_or_404(
                Objective, pk=parent, goal__strategic_plan=plan))
        else:
            raise Http404(gettext("Indikator tidak dikenal; buka indikatornya dari halaman Renstra."))
        title = "Indikator"
    else:
        raise Http404(gettext("Bagian Renstra tidak dikenal; buka dari halaman Renstra."))
    target_plan = plan if isinstance(instance, Indicator) else None
    years = list(range(target_plan.start_year, target_plan.end_year + 1)) if target_plan else []
    stored_targets = ({t.year: t for t in instance.targets.all()}
                      if isinstance(instance, Indicator) and instance.pk else {})
    error = ""
    target_errors: dict[int, str] = {}
    typed_targets: dict[int, dict[str, str]] = {}
    if request.method == "POST":
        require_edit(page)
        form = form_class(request.POST, instance=instance)
        was_new = instance.pk is None
        for y in years:
            typed_targets[y] = {k: request.POST.get(f"target_{y}_{k}", "").strip()
                                for k in ("value", "upper", "level")}
        if form.is_valid():
            try:
                with transaction.atomic(), audit_context(
                    request.user, reason=f"Renstra {agency_code}: {title.lower()} disunting"
                ):
                    check_fresh(instance, _sent(request, _fields(form)), str(TITLES[title]))
                    saved = form.save()
                    if isinstance(saved, Indicator):
                        _save_targets(request, saved, years, typed_targets, target_errors)
                    if target_errors:
                        raise UserError(gettext("Target belum tersimpan; periksa isian per tahun."))
                return redirect(_home(page) + (f"#indikator-{saved.pk}" if isinstance(saved, Indicator) else ""))
            except UserError as exc:
                error = exc.text()
                if was_new:  # rolled back: the row does not exist
                    instance.pk = None
    else:
        form = form_class(instance=instance)
    if not page.editable:
        for field in form.fields.values():
            field.disabled = True
    target_rows = []
    for y in years:
        t = stored_targets.get(y)
        typed = typed_targets.get(y)
        target_rows.append({
            "year": y, "error": target_errors.get(y, ""),
            "value": typed["value"] if typed else _shown(t.value if t else None),
            "upper": typed["upper"] if typed else _shown(t.upper if t else None),
            "level": typed["level"] if typed else (t.level if t else ""),
            "orig": ("∅" if t is None else f"{as_text(t.value)}|{as_text(t.upper)}|{t.level}"),
        })
    context = page.context() | {
        "active": "renstra", "form": form, "title": TITLES[title], "error": error, "what": what,
        "instance": instance, "originals": _originals(form, instance) if instance.pk else {},
        "target_rows": target_rows, "is_indicator": isinstance(instance, Indicator),
        "polarities": Polarity, "aggregations": Aggregation,
    }
    return render(request, "editors/renstra_form.html", context, status=400 if error or form.errors else 200)


def _shown(value: Decimal | None) -> str:
    from sakip.editors.templatetags.editors_format import isian_angka

    return isian_angka(value)


def _save_targets(request: HttpRequest, indicator: Indicator, years: list[int],
                  typed: dict[int, dict[str, str]], errors: dict[int, str]) -> None:
    for y in years:
        values = typed[y]
        target = IndicatorTarget.objects.filter(indicator=indicator, year=y).first()
        original = request.POST.get(f"target_{y}_orig", "∅")
        try:
            if original == "∅":
                check_fresh(target, {"__row__": "∅"}, f"Target {y}")
            elif target is not None:
                value, upper, level = original.split("|", 2)
                check_fresh(target, {"value": value, "upper": upper, "level": level}, f"Target {y}")
            value_d = read_decimal(values["value"], f"Target {y}")
            upper_d = read_decimal(values["upper"], f"Batas atas {y}")
        except UserError as exc:
            errors[y] = exc.text()
            continue
        level = values["level"]
        kind = indicator.target_kind
        if kind == TargetKind.RANGE and (value_d is None) != (upper_d is None):
            errors[y] = gettext("Target rentang memerlukan batas bawah dan batas atas.")
            continue
        if kind == TargetKind.RANGE and value_d is not None and upper_d is not None and upper_d < value_d:
            errors[y] = gettext("Batas atas rentang lebih kecil dari batas bawah.")
            continue
        if kind != TargetKind.RANGE and upper_d is not None:
            errors[y] = gettext("Batas atas hanya untuk indikator dengan target rentang.")
            continue
        if kind == TargetKind.ORDINAL and value_d is not None:
            errors[y] = gettext("Indikator bertarget tingkat diisi pada kolom tingkat, bukan angka.")
            continue
        if value_d is None and upper_d is None and not level:
            if target is not None:
                target.delete()
            continue
        if target is None:
            target = IndicatorTarget(indicator=indicator, year=y)
        target.value, target.upper, target.level = value_d, upper_d, level
        target.save()


@require_http_methods(["POST"])
def delete(request: HttpRequest, agency_code: str, year: int, what: str, pk: int) -> HttpResponse:
    """Remove a goal, objective or indicator that nothing else depends on."""
    from django.db.models import ProtectedError

    from sakip.monitoring.models import IndicatorRealisation

    page = _page(request, agency_code, year)
    require_edit(page)
    plan = _plan_for(page)
    if plan is None:
        raise Http404(gettext("Belum ada Renstra yang mencakup tahun ini. Buat Renstra dari halaman Renstra "
                        "(operator atau kepala perangkat daerah), atau minta admin pemerintah "
                        "daerah mengimpornya."))
    instance: Goal | Objective | Indicator
    problem = ""
    if what == "tujuan":
        instance = get_object_or_404(Goal, pk=pk, strategic_plan=plan)
        if instance.objectives.exists() or instance.indicators.exists():
            problem = gettext("Tujuan ini masih memiliki sasaran atau indikator; hapus itu lebih dahulu.")
    elif what == "sasaran":
        instance = get_object_or_404(Objective, pk=pk, goal__strategic_plan=plan)
        if instance.indicators.exists():
            problem = gettext("Sasaran ini masih memiliki indikator; hapus indikatornya lebih dahulu.")
    elif what == "indikator":
        instance = get_object_or_404(Indicator, pk=pk, strategic_plan=plan)
        if IndicatorRealisation.objects.filter(indicator=instance).exists():
            problem = gettext("Indikator ini sudah memiliki realisasi; indikator tidak dapat dihapus.")
    else:
        raise Http404(gettext("Bagian Renstra tidak dikenal; buka dari halaman Renstra."))
    if not problem:
        try:
            with transaction.atomic(), audit_context(
                request.user, reason=f"Renstra {agency_code}: {what} dihapus"
            ):
                instance.delete()
            return redirect(_home(page))
        except ProtectedError:
            problem = gettext("Indikator ini tercantum pada perjanjian kinerja; keluarkan dari PK lebih dahulu.")
    return render(request, "editors/renstra_form.html", page.context() | {
        "active": "renstra", "title": str(instance._meta.verbose_name).capitalize(),
        "error": problem, "form": None, "instance": instance, "what": what,
    }, status=400)
