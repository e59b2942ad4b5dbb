"""Recording every change to stored facts, and refusing silent overwrites.

- `connect()` (called when the app loads) hooks the tracked models: each save records one
  `Change` per changed field (old → new), each delete one `Change`, with the user and reason
  of the current `audit_context`.
- `audit_context(user, reason)` sets who is changing things and why, for the code inside it
  (views, imports, commands). Outside any context the change is still recorded, without user.
- `ensure_unchanged(instance, original)` compares the values a person started editing from
  with the stored ones; when somebody else saved in between it raises `StaleEdit`, which names
  the other person's change, so the second save is refused instead of overwriting.

Bulk operations (`bulk_create`, `QuerySet.update`) bypass model signals; code that uses them for
user data (imports) records a summary `Change` with `record()`.
"""

from __future__ import annotations

import contextvars
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db import models
from django.db.models.signals import post_delete, post_init, post_save
from django.utils.translation import gettext

from sakip.common.errors import UserError


@dataclass(frozen=True)
class _Context:
    user_id: int | None
    reason: str
    quiet: bool = False


_current: contextvars.ContextVar[_Context | None] = contextvars.ContextVar("audit", default=None)


@contextmanager
def audit_context(user: Any = None, reason: str = "", quiet: bool = False) -> Iterator[None]:
    """Attribute the changes made inside to `user` (a User, or None) with `reason`.

    `quiet=True` is for loading whole data sets (the demo): no per-object rows are written;
    the caller records one summary row with `record()`."""
    user_id = getattr(user, "pk", None) if user is not None and getattr(user, "is_authenticated", True) else None
    token = _current.set(_Context(user_id, reason[:500], quiet))
    try:
        yield
    finally:
        _current.reset(token)


def tracked_models() -> list[type[models.Model]]:
    from sakip.monitoring import models as mon
    from sakip.organisations import models as org
    from sakip.planning import models as plan

    return [
        org.Region, org.RegionHead, org.Agency, org.Official, org.StaffCount,
        plan.StrategicPlan, plan.Goal, plan.Objective, plan.Indicator, plan.IndicatorTarget,
        plan.WorkPlan, plan.WorkPlanLine, plan.BudgetAllocation, plan.Narrative,
        plan.PerformanceAgreement, plan.AgreementItem, plan.AgreementProgram,
        plan.CommunityProposal, plan.RenstraFunding,
        mon.IndicatorRealisation, mon.SpendingRealisation, mon.SakipEvaluation,
        mon.SakipComponentScore, mon.SakipRecommendation, mon.PerformanceReport,
        mon.SpmResult,
    ]


IGNORED_FIELDS = {"id", "updated_at"}


def _fields(instance: models.Model) -> dict[str, Any]:
    return {
        f.attname: getattr(instance, f.attname)
        for f in instance._meta.concrete_fields
        if f.attname not in IGNORED_FIELDS
    }


def _remember(sender: type[models.Model], instance: models.Model, **kwargs: Any) -> None:
    instance._audit_original = _fields(instance) if instance.pk else {}  # type: ignore[attr-defined]


def _as_text(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, Decimal):
        return format(value.normalize(), "f")  # 3.2000 and 3.2 are the same figure
    return str(value)


def _agency_id(instance: models.Model) -> int | None:
    """The agency a fact belongs to, for scoping the trail (None for region-level facts)."""
    from sakip.organisations.models import Agency

    if isinstance(instance, Agency):
        return instance.pk
    for path in AGENCY_PATHS.get(type(instance).__name__, ()):
        obj: Any = instance
        for step in path.split("."):
            obj = getattr(obj, step, None)
            if obj is None:
                break
        else:
            return int(obj)
    return None


AGENCY_PATHS: dict[str, tuple[str, ...]] = {
    "Official": ("agency_id",),
    "StaffCount": ("agency_id",),
    "StrategicPlan": ("agency_id",),
    "Goal": ("strategic_plan.agency_id",),
    "Objective": ("goal.strategic_plan.agency_id",),
    "Indicator": ("strategic_plan.agency_id",),
    "IndicatorTarget": ("indicator.strategic_plan.agency_id",),
    "WorkPlan": ("agency_id",),
    "WorkPlanLine": ("work_plan.agency_id",),
    "BudgetAllocation": ("line.work_plan.agency_id",),
    "Narrative": ("agency_id",),
    "PerformanceAgreement": ("agency_id",),
    "AgreementItem": ("agreement.agency_id",),
    "AgreementProgram": ("agreement.agency_id",),
    "IndicatorRealisation": ("indicator.strategic_plan.agency_id",),
    "SpendingRealisation": ("line.work_plan.agency_id",),
    "SakipEvaluation": ("agency_id",),
    "SakipComponentScore": ("evaluation.agency_id",),
    "SakipRecommendation": ("evaluation.agency_id",),
    "PerformanceReport": ("agency_id",),
    "CommunityProposal": ("agency_id",),
    "RenstraFunding": ("strategic_plan.agency_id",),
    "SpmResult": ("agency_id",),
}


def _quiet() -> bool:
    ctx = _current.get()
    return bool(ctx and ctx.quiet)


def _saved(sender: type[models.Model], instance: models.Model, created: bool, **kwargs: Any) -> None:
    if kwargs.get("raw") or _quiet():
        return
    original: dict[str, Any] = getattr(instance, "_audit_original", {})
    now = _fields(instance)
    if created or not original:
        record(instance, "create", changes={k: (None, v) for k, v in now.items()})
    else:
        changed = {k: (original.get(k), v) for k, v in now.items() if original.get(k) != v}
        if changed:
            record(instance, "update", changes=changed)
    instance._audit_original = now  # type: ignore[attr-defined]


def _deleted(sender: type[models.Model], instance: models.Model, **kwargs: Any) -> None:
    if not _quiet():
        record(instance, "delete", changes={})


def record(
    instance: models.Model, action: str, changes: Mapping[str, tuple[Any, Any]] | None = None,
    reason: str = "",
) -> None:
    """Write the trail for one fact: one row per changed field, or one row without field.
    `action` is a `Change.Action` value: "create", "update" or "delete"."""
    from django.contrib.contenttypes.models import ContentType

    from sakip.workflow.models import Change

    ctx = _current.get()
    base = {
        "content_type": ContentType.objects.get_for_model(type(instance)),
        "object_id": instance.pk,
        "object_repr": _indonesian_repr(instance),
        "agency_id": _agency_id(instance),
        "action": action,
        "user_id": ctx.user_id if ctx else None,
        "reason": reason or (ctx.reason if ctx else ""),
    }
    if not changes:
        Change.objects.create(**base)
        return
    if action == "create":
        # One row for a creation, with the values as "new" (readable, not one row per field).
        summary = "; ".join(f"{k}={_as_text(v)}" for k, (_, v) in changes.items() if v not in (None, ""))
        Change.objects.create(**base, new_value=summary[:5000])
        return
    Change.objects.bulk_create(
        [Change(**base, field=name, old_value=_as_text(old), new_value=_as_text(new))
         for name, (old, new) in changes.items()]
    )


_connected = False


def connect() -> None:
    global _connected
    if _connected:
        return
    for model in tracked_models():
        post_init.connect(_remember, sender=model, dispatch_uid=f"audit-init-{model.__name__}")
        post_save.connect(_saved, sender=model, dispatch_uid=f"audit-save-{model.__name__}")
        post_delete.connect(_deleted, sender=model, dispatch_uid=f"audit-del-{model.__name__}")
    _connected = True


def _indonesian_repr(instance: models.Model) -> str:
    """How the trail names the object: stored data, so in Indonesian whatever the interface
    language (a __str__ may show a choice label)."""
    from django.utils import translation

    with translation.override("id"):
        return str(instance)[:300]


class StaleEdit(UserError):
    """Somebody else saved the same fact after this person started editing it."""


def ensure_unchanged(instance: models.Model, original: Mapping[str, Any]) -> None:
    """Refuse to save over a change made by somebody else.

    `original` holds the values (by attname) the person saw when they started editing. The
    stored row is read again; for each field that differs, the last `Change` says who changed
    it, when, and to what. Raises `StaleEdit` naming them.
    """
    from sakip.workflow.models import Change

    if not instance.pk:
        return
    fresh = type(instance)._default_manager.filter(pk=instance.pk).values(*original.keys()).first()
    if fresh is None:
        raise StaleEdit(
            gettext("%(item)s sudah dihapus oleh orang lain.") % {"item": instance},
            hint=gettext("Muat ulang halaman; perubahan Anda belum disimpan."),
        )
    differing = [k for k, v in original.items() if _as_text(fresh[k]) != _as_text(v)]
    if not differing:
        return
    last = (
        Change.objects.filter(
            content_type__app_label=instance._meta.app_label,
            content_type__model=instance._meta.model_name,
            object_id=instance.pk,
            field__in=differing,
        )
        .select_related("user")
        .first()
    )
    who = (last.user.get_full_name() or last.user.get_username()) if last and last.user else gettext("pengguna lain")
    when = last.at.strftime("%d-%m-%Y %H:%M") if last else gettext("baru saja")
    shown = ", ".join(f"{k}: {_as_text(fresh[k])}" for k in differing)
    raise StaleEdit(
        gettext("%(item)s telah diubah oleh %(who)s pada %(when)s (%(shown)s) sejak Anda mulai mengedit.")
        % {"item": instance, "who": who, "when": when, "shown": shown},
        hint=gettext("Perubahan Anda belum disimpan. Periksa nilai terbaru, lalu simpan ulang bila "
                     "masih perlu."),
    )
