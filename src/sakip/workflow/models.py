"""The audit trail: every change to a stored fact, with who, when, old and new value, and why."""

from __future__ import annotations

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _

from sakip.organisations.models import Agency


class Change(models.Model):
    """One field of one stored fact changed (or the fact created or deleted)."""

    class Action(models.TextChoices):
        CREATE = "create", _("dibuat")
        UPDATE = "update", _("diubah")
        DELETE = "delete", _("dihapus")

    content_type = models.ForeignKey(ContentType, on_delete=models.PROTECT, related_name="+")
    object_id = models.PositiveBigIntegerField(db_index=True)
    object_repr = models.CharField(_("data"), max_length=300)
    # No database constraint: the trail outlives the facts (and the agency) it describes.
    agency = models.ForeignKey(
        Agency, on_delete=models.DO_NOTHING, db_constraint=False, null=True, blank=True,
        related_name="+", verbose_name=_("perangkat daerah"),
    )
    action = models.CharField(_("tindakan"), max_length=6, choices=Action.choices)
    field = models.CharField(_("kolom"), max_length=80, blank=True)
    # None (no value) is not the same as "" (an empty text).
    old_value = models.TextField(_("nilai lama"), blank=True, null=True)  # noqa: DJ001
    new_value = models.TextField(_("nilai baru"), blank=True, null=True)  # noqa: DJ001
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
        related_name="+", verbose_name=_("oleh"),
    )
    reason = models.CharField(_("alasan"), max_length=500, blank=True)
    at = models.DateTimeField(_("waktu"), auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = _("jejak perubahan")
        verbose_name_plural = _("jejak perubahan")
        ordering = ["-at", "-id"]
        indexes = [models.Index(fields=["content_type", "object_id", "-at"])]

    def __str__(self) -> str:
        what = f" {self.field}" if self.field else ""
        return f"{self.object_repr}{what} {self.get_action_display()}"


class DocumentStatus(models.Model):
    """Where one document of an agency-year is in the cycle. Final means locked: nobody may
    change the facts it is made of until an authorised person reopens it."""

    class Document(models.TextChoices):
        RENJA = "renja", _("Renja")
        PK = "pk", _("Perjanjian Kinerja")
        LKJIP = "lkjip", _("LKjIP")
        REALISATION = "realisation", _("Realisasi triwulan")

    class State(models.TextChoices):
        # Labels follow the interface language (the switch in the page header).
        DRAFT = "draft", _("Draf")
        SUBMITTED = "submitted", _("Diajukan")
        VERIFIED = "verified", _("Diverifikasi Bappeda")
        REVIEWED = "reviewed", _("Direviu Inspektorat")
        RETURNED = "returned", _("Dikembalikan")
        FINAL = "final", _("Final (terkunci)")

    agency = models.ForeignKey(Agency, on_delete=models.CASCADE, related_name="document_statuses")
    year = models.PositiveSmallIntegerField(_("tahun"))
    document = models.CharField(_("dokumen"), max_length=12, choices=Document.choices)
    quarter = models.PositiveSmallIntegerField(
        _("triwulan"), default=0, help_text=_("Untuk realisasi triwulan; 0 untuk dokumen tahunan.")
    )
    state = models.CharField(_("status"), max_length=10, choices=State.choices, default=State.DRAFT)
    updated_at = models.DateTimeField(_("diubah"), auto_now=True)

    class Meta:
        verbose_name = _("status dokumen")
        verbose_name_plural = _("status dokumen")
        constraints = [
            models.UniqueConstraint(
                fields=["agency", "year", "document", "quarter"], name="document_status_unique"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_document_display()} {self.agency} {self.year}: {self.get_state_display()}"

    @property
    def locked(self) -> bool:
        return self.state == self.State.FINAL


class StatusEvent(models.Model):
    """Who moved a document from one state to another, when, and with what comment."""

    status = models.ForeignKey(DocumentStatus, on_delete=models.CASCADE, related_name="events")
    from_state = models.CharField(_("dari"), max_length=10, choices=DocumentStatus.State.choices)
    to_state = models.CharField(_("ke"), max_length=10, choices=DocumentStatus.State.choices)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    comment = models.TextField(_("catatan"), blank=True)
    at = models.DateTimeField(_("waktu"), auto_now_add=True)

    class Meta:
        verbose_name = _("riwayat status")
        verbose_name_plural = _("riwayat status")
        ordering = ["-at", "-id"]

    def __str__(self) -> str:
        return f"{self.status}: {self.from_state} → {self.to_state}"
