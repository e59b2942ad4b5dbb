"""What happened: realisations of indicators and spending, SAKIP evaluations, report status."""

from __future__ import annotations

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from sakip.organisations.models import Agency
from sakip.planning.models import YEAR_VALIDATORS, Indicator, WorkPlanLine


class Period(models.IntegerChoices):
    """A reporting period: a quarter, or the whole year when no quarterly figures exist."""

    YEAR = 0, _("Tahunan")
    Q1 = 1, _("Triwulan I")
    Q2 = 2, _("Triwulan II")
    Q3 = 3, _("Triwulan III")
    Q4 = 4, _("Triwulan IV")


class IndicatorRealisation(models.Model):
    """The realised value of an indicator in one period, with its raw operands when it has a
    formula (printed achievements often only reproduce from the unrounded ratio)."""

    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="realisations")
    year = models.PositiveSmallIntegerField(_("tahun"), validators=YEAR_VALIDATORS)
    period = models.PositiveSmallIntegerField(_("periode"), choices=Period.choices)
    value = models.DecimalField(
        _("realisasi"), max_digits=20, decimal_places=4, null=True, blank=True
    )
    level = models.CharField(_("realisasi (tingkat)"), max_length=40, blank=True)
    numerator = models.DecimalField(
        _("pembilang"), max_digits=20, decimal_places=4, null=True, blank=True
    )
    denominator = models.DecimalField(
        _("penyebut"), max_digits=20, decimal_places=4, null=True, blank=True
    )
    note = models.TextField(_("keterangan / bukti"), blank=True)
    updated_at = models.DateTimeField(_("diubah"), auto_now=True)

    class Meta:
        verbose_name = _("realisasi indikator")
        verbose_name_plural = _("realisasi indikator")
        ordering = ["indicator", "year", "period"]
        constraints = [
            models.UniqueConstraint(
                fields=["indicator", "year", "period"], name="realisation_unique_period"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.indicator} {self.year}/{self.get_period_display()}"


class SpendingRealisation(models.Model):
    """Money spent on one sub kegiatan in one period (not cumulative) and physical progress."""

    line = models.ForeignKey(WorkPlanLine, on_delete=models.CASCADE, related_name="spending")
    period = models.PositiveSmallIntegerField(_("periode"), choices=Period.choices)
    amount = models.BigIntegerField(_("realisasi (Rp)"), validators=[MinValueValidator(0)])
    physical_progress = models.DecimalField(
        _("realisasi fisik (%)"), max_digits=6, decimal_places=2, null=True, blank=True,
        validators=[MinValueValidator(0), MaxValueValidator(100)],
    )
    explanation = models.TextField(
        _("penjelasan"), blank=True,
        help_text=_("Sebab realisasi rendah (wajib bila serapan di bawah ambang daerah)."),
    )
    note = models.TextField(_("keterangan / bukti"), blank=True)
    updated_at = models.DateTimeField(_("diubah"), auto_now=True)

    class Meta:
        verbose_name = _("realisasi anggaran")
        verbose_name_plural = _("realisasi anggaran")
        ordering = ["line", "period"]
        constraints = [
            models.UniqueConstraint(fields=["line", "period"], name="spending_unique_period"),
            models.CheckConstraint(condition=models.Q(amount__gte=0), name="spending_nonneg"),
        ]

    def __str__(self) -> str:
        return f"{self.line.code} {self.get_period_display()}: {self.amount}"


class SakipEvaluation(models.Model):
    """The SAKIP (AKIP) evaluation of an agency for one year, as published by the evaluator.

    `score` is the evaluator's published figure (a fact); component scores, when known, are
    stored too and the rules check that they add up to it.
    """

    class Framework(models.TextChoices):
        PERMENPAN_88_2021 = "88_2021", _("PermenPAN-RB 88/2021 (4 komponen)")
        PERMENPAN_12_2015 = "12_2015", _("PermenPAN-RB 12/2015 (5 komponen)")

    agency = models.ForeignKey(Agency, on_delete=models.CASCADE, related_name="sakip_evaluations")
    year = models.PositiveSmallIntegerField(_("tahun"), validators=YEAR_VALIDATORS)
    framework = models.CharField(_("kerangka"), max_length=8, choices=Framework.choices)
    score = models.DecimalField(_("nilai"), max_digits=6, decimal_places=2, null=True, blank=True)
    grade = models.CharField(
        _("predikat tercetak"), max_length=4, blank=True,
        help_text=_("Hanya untuk nilai lama tanpa angka; bila nilai ada, predikat dihitung."),
    )
    evaluator = models.CharField(_("evaluator"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("evaluasi SAKIP")
        verbose_name_plural = _("evaluasi SAKIP")
        ordering = ["agency", "-year"]
        constraints = [
            models.UniqueConstraint(fields=["agency", "year"], name="sakip_eval_unique"),
        ]

    def __str__(self) -> str:
        return f"Evaluasi SAKIP {self.agency} {self.year}"


class SakipComponentScore(models.Model):
    evaluation = models.ForeignKey(
        SakipEvaluation, on_delete=models.CASCADE, related_name="components"
    )
    component = models.CharField(_("komponen"), max_length=40)
    score = models.DecimalField(_("nilai"), max_digits=6, decimal_places=2)

    class Meta:
        verbose_name = _("nilai komponen SAKIP")
        verbose_name_plural = _("nilai komponen SAKIP")
        constraints = [
            models.UniqueConstraint(fields=["evaluation", "component"], name="sakip_comp_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.component}: {self.score}"


class SakipRecommendation(models.Model):
    evaluation = models.ForeignKey(
        SakipEvaluation, on_delete=models.CASCADE, related_name="recommendations"
    )
    recommendation = models.TextField(_("rekomendasi"))
    follow_up = models.TextField(_("tindak lanjut"), blank=True)
    order = models.PositiveIntegerField(_("urutan"), default=0)

    class Meta:
        verbose_name = _("rekomendasi SAKIP")
        verbose_name_plural = _("rekomendasi SAKIP")
        ordering = ["evaluation", "order", "id"]

    def __str__(self) -> str:
        return self.recommendation[:80]


class PerformanceReport(models.Model):
    """The publication of an agency-year's LKjIP (its place in the cycle is in
    sakip.workflow.DocumentStatus)."""

    agency = models.ForeignKey(Agency, on_delete=models.CASCADE, related_name="reports")
    year = models.PositiveSmallIntegerField(_("tahun"), validators=YEAR_VALIDATORS)
    published_at = models.DateTimeField(_("dipublikasikan"), null=True, blank=True)

    class Meta:
        verbose_name = _("laporan kinerja")
        verbose_name_plural = _("laporan kinerja")
        ordering = ["agency", "-year"]
        constraints = [
            models.UniqueConstraint(fields=["agency", "year"], name="report_unique_year"),
        ]

    def __str__(self) -> str:
        return f"LKjIP {self.agency} {self.year}"

    @property
    def is_published(self) -> bool:
        return self.published_at is not None


class SpmResult(models.Model):
    """The result of one basic service of the Standar Pelayanan Minimal (SPM) in one year.

    Store the counts (harus dilayani, terlayani) when known: the achievement is then derived
    (terlayani / harus dilayani × 100). Where a source only reports the percentage (e-SPM
    summaries, older Renja), it is stored as reported in `reported_achievement`."""

    agency = models.ForeignKey(Agency, on_delete=models.CASCADE, related_name="spm_results")
    year = models.PositiveSmallIntegerField(_("tahun"), validators=YEAR_VALIDATORS)
    number = models.CharField(_("nomor"), max_length=20)
    service = models.TextField(_("jenis pelayanan dasar"))
    required = models.DecimalField(
        _("jumlah yang harus dilayani"), max_digits=20, decimal_places=4, null=True, blank=True
    )
    served = models.DecimalField(_("jumlah terlayani"), max_digits=20, decimal_places=4, null=True, blank=True)
    reported_achievement = models.DecimalField(
        _("capaian dilaporkan (%)"), max_digits=9, decimal_places=4, null=True, blank=True,
        help_text=_("Isi hanya bila jumlah yang harus dilayani dan terlayani tidak tersedia."),
    )
    target = models.DecimalField(_("target capaian (%)"), max_digits=9, decimal_places=4, null=True, blank=True)
    note = models.TextField(_("keterangan"), blank=True)

    class Meta:
        verbose_name = _("capaian SPM")
        verbose_name_plural = _("capaian SPM")
        ordering = ["agency", "number", "year"]
        constraints = [
            models.UniqueConstraint(fields=["agency", "year", "number"], name="spm_result_unique"),
        ]

    def __str__(self) -> str:
        return f"SPM {self.number} {self.year}: {self.service[:50]}"
