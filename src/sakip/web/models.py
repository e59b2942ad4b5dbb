"""Evidence files uploaded with a quarterly realisation.

Files live under MEDIA_ROOT (var/uploads), outside the static files, under a random name;
they are only ever served by `web.realisation_views.evidence` as an attachment with a content
type chosen from our own list (never the one the browser sent).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from sakip.organisations.models import Agency


class Evidence(models.Model):
    class Kind(models.TextChoices):
        INDICATOR = "indicator", _("Realisasi indikator")
        SPENDING = "spending", _("Realisasi anggaran")

    agency = models.ForeignKey(Agency, on_delete=models.CASCADE, related_name="evidence")
    year = models.PositiveSmallIntegerField(_("tahun"))
    quarter = models.PositiveSmallIntegerField(_("triwulan"))
    kind = models.CharField(_("jenis"), max_length=10, choices=Kind.choices)
    item_id = models.PositiveBigIntegerField(_("indikator / sub kegiatan"))
    file = models.FileField(_("berkas"), upload_to="bukti/%Y/%m/", max_length=300)
    original_name = models.CharField(_("nama berkas asli"), max_length=200)
    content_type = models.CharField(_("jenis berkas"), max_length=100)
    size = models.PositiveIntegerField(_("ukuran (bita)"))
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    uploaded_at = models.DateTimeField(_("diunggah"), auto_now_add=True)

    class Meta:
        verbose_name = _("bukti dukung")
        verbose_name_plural = _("bukti dukung")
        ordering = ["-uploaded_at", "-id"]
        indexes = [models.Index(fields=["agency", "year", "quarter", "kind", "item_id"])]

    def __str__(self) -> str:
        return self.original_name
