"""What an agency plans: nomenclature, strategic plan, indicators and targets, the yearly work
plan with its money, and the performance agreement.

Only facts are stored. Parents' money, achievements, categories, totals and counts are derived
by sakip.rules whenever they are needed.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from sakip.common.budget_versions import BUDGET_PRECEDENCE, FORECAST
from sakip.organisations.models import Agency, Official, RegionHead

YEAR_VALIDATORS = [MinValueValidator(2000), MaxValueValidator(2100)]


class Level(models.IntegerChoices):
    """Level of a nomenclature code (RULES.md §2). Same numbers as sakip.rules.codes.Level."""

    AFFAIR = 1, _("Urusan")
    SECTOR = 2, _("Bidang Urusan")
    PROGRAM = 3, _("Program")
    ACTIVITY = 4, _("Kegiatan")
    SUB_ACTIVITY = 5, _("Sub Kegiatan")


class NomenclatureEdition(models.Model):
    """One edition of the national catalogue of codes (Permendagri 90/2019, Kepmendagri …)."""

    name = models.CharField(_("nama"), max_length=200, unique=True)
    regulation = models.CharField(_("dasar hukum"), max_length=300, blank=True)
    year = models.PositiveSmallIntegerField(_("tahun"), validators=YEAR_VALIDATORS)

    class Meta:
        verbose_name = _("edisi nomenklatur")
        verbose_name_plural = _("edisi nomenklatur")
        ordering = ["-year", "name"]

    def __str__(self) -> str:
        return self.name


class NomenclatureEntry(models.Model):
    """A code and its name in one edition. The code is the key; names may repeat."""

    edition = models.ForeignKey(
        NomenclatureEdition, on_delete=models.CASCADE, related_name="entries"
    )
    code = models.CharField(_("kode"), max_length=40)
    level = models.PositiveSmallIntegerField(_("tingkat"), choices=Level.choices)
    name = models.CharField(_("nama"), max_length=500)

    class Meta:
        verbose_name = _("nomenklatur")
        verbose_name_plural = _("nomenklatur")
        ordering = ["edition", "code"]
        constraints = [
            models.UniqueConstraint(fields=["edition", "code"], name="nomenclature_code_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.name}"


class StrategicPlan(models.Model):
    """The agency's Renstra for a period of the RPJMD/RPD."""

    agency = models.ForeignKey(Agency, on_delete=models.CASCADE, related_name="strategic_plans")
    name = models.CharField(_("nama"), max_length=200, help_text=_("mis. Renstra 2024–2026"))
    start_year = models.PositiveSmallIntegerField(_("tahun awal"), validators=YEAR_VALIDATORS)
    end_year = models.PositiveSmallIntegerField(_("tahun akhir"), validators=YEAR_VALIDATORS)
    vision = models.TextField(_("visi"), blank=True)
    mission = models.TextField(_("misi"), blank=True)

    class Meta:
        verbose_name = _("rencana strategis")
        verbose_name_plural = _("rencana strategis")
        ordering = ["agency", "start_year"]
        constraints = [
            models.UniqueConstraint(fields=["agency", "start_year"], name="renstra_unique"),
            models.CheckConstraint(
                condition=models.Q(end_year__gte=models.F("start_year")),
                name="renstra_period_order",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.agency} — {self.name}"

    def covers(self, year: int) -> bool:
        return self.start_year <= year <= self.end_year


class Goal(models.Model):
    """Tujuan of a strategic plan."""

    strategic_plan = models.ForeignKey(StrategicPlan, on_delete=models.CASCADE, related_name="goals")
    number = models.CharField(_("nomor"), max_length=20)
    statement = models.TextField(_("pernyataan tujuan"))
    order = models.PositiveIntegerField(_("urutan"), default=0)

    class Meta:
        verbose_name = _("tujuan")
        verbose_name_plural = _("tujuan")
        ordering = ["strategic_plan", "order", "number"]

    def __str__(self) -> str:
        return f"{self.number} {self.statement}"


class Objective(models.Model):
    """Sasaran (strategis) under a goal."""

    goal = models.ForeignKey(Goal, on_delete=models.CASCADE, related_name="objectives")
    number = models.CharField(_("nomor"), max_length=20)
    statement = models.TextField(_("pernyataan sasaran"))
    order = models.PositiveIntegerField(_("urutan"), default=0)

    class Meta:
        verbose_name = _("sasaran")
        verbose_name_plural = _("sasaran")
        ordering = ["goal", "order", "number"]

    def __str__(self) -> str:
        return f"{self.number} {self.statement}"


class Polarity(models.TextChoices):
    HIGHER_IS_BETTER = "higher_is_better", _("Positif (makin tinggi makin baik)")
    LOWER_IS_BETTER = "lower_is_better", _("Negatif (makin rendah makin baik)")


class TargetKind(models.TextChoices):
    NUMBER = "number", _("Angka")
    ORDINAL = "ordinal", _("Tingkat (ordinal)")
    RANGE = "range", _("Rentang")


class Aggregation(models.TextChoices):
    SUM = "sum", _("Dijumlahkan antar periode (cacah)")
    LAST = "last", _("Nilai terakhir (persentase, rasio, indeks, predikat)")
    MEAN = "mean", _("Rata-rata")


class Indicator(models.Model):
    """A measured thing: of a goal, an objective, or a program / kegiatan / sub kegiatan code.

    Targets per year live in IndicatorTarget; realisations in monitoring.IndicatorRealisation.
    """

    class Subject(models.TextChoices):
        GOAL = "goal", _("Tujuan")
        OBJECTIVE = "objective", _("Sasaran")
        PROGRAM = "program", _("Program")
        ACTIVITY = "activity", _("Kegiatan")
        SUB_ACTIVITY = "sub_activity", _("Sub Kegiatan")

    strategic_plan = models.ForeignKey(
        StrategicPlan, on_delete=models.CASCADE, related_name="indicators"
    )
    subject = models.CharField(_("indikator dari"), max_length=14, choices=Subject.choices)
    goal = models.ForeignKey(
        Goal, on_delete=models.CASCADE, null=True, blank=True, related_name="indicators"
    )
    objective = models.ForeignKey(
        Objective, on_delete=models.CASCADE, null=True, blank=True, related_name="indicators"
    )
    code = models.CharField(
        _("kode program/kegiatan/sub kegiatan"), max_length=40, blank=True, db_index=True
    )
    number = models.CharField(_("nomor"), max_length=20, blank=True)
    name = models.TextField(_("indikator"))
    unit = models.CharField(_("satuan"), max_length=60, blank=True)
    polarity = models.CharField(
        _("polaritas"), max_length=16, choices=Polarity.choices, default=Polarity.HIGHER_IS_BETTER
    )
    target_kind = models.CharField(
        _("jenis target"), max_length=8, choices=TargetKind.choices, default=TargetKind.NUMBER
    )
    ordinal_scale = models.CharField(
        _("skala tingkat"), max_length=20, blank=True, help_text=_("ape, kla atau akip")
    )
    aggregation = models.CharField(
        _("agregasi antar periode"), max_length=4, choices=Aggregation.choices,
        default=Aggregation.LAST,
    )
    percentage_change = models.BooleanField(
        _("indikator persentase perubahan"), default=False,
        help_text=_("Mis. persentase penurunan PMKS per tahun: capaian bisa tidak wajar "
                    "bila targetnya kecil."),
    )
    formula = models.TextField(_("rumus"), blank=True)
    numerator_label = models.CharField(_("pembilang"), max_length=300, blank=True)
    denominator_label = models.CharField(_("penyebut"), max_length=300, blank=True)
    multiplier = models.DecimalField(
        _("pengali"), max_digits=12, decimal_places=2, null=True, blank=True
    )
    data_source = models.CharField(_("sumber data"), max_length=300, blank=True)
    baseline_year = models.PositiveSmallIntegerField(
        _("tahun data awal"), null=True, blank=True, validators=YEAR_VALIDATORS
    )
    baseline_value = models.DecimalField(
        _("data awal"), max_digits=20, decimal_places=4, null=True, blank=True
    )
    baseline_level = models.CharField(_("data awal (tingkat)"), max_length=40, blank=True)
    end_target_value = models.DecimalField(
        _("target akhir Renstra"), max_digits=20, decimal_places=4, null=True, blank=True
    )
    end_target_level = models.CharField(_("target akhir (tingkat)"), max_length=40, blank=True)
    is_key = models.BooleanField(_("IKU"), default=False)
    order = models.PositiveIntegerField(_("urutan"), default=0)

    class Meta:
        verbose_name = _("indikator")
        verbose_name_plural = _("indikator")
        ordering = ["strategic_plan", "order", "id"]
        indexes = [models.Index(fields=["strategic_plan", "code"])]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        if self.subject == self.Subject.GOAL and not self.goal_id:
            raise ValidationError({"goal": _("Indikator tujuan harus menunjuk satu tujuan.")})
        if self.subject == self.Subject.OBJECTIVE and not self.objective_id:
            raise ValidationError({"objective": _("Indikator sasaran harus menunjuk satu sasaran.")})
        coded = {self.Subject.PROGRAM, self.Subject.ACTIVITY, self.Subject.SUB_ACTIVITY}
        if self.subject in coded and not self.code:
            raise ValidationError({"code": _("Isi kode program/kegiatan/sub kegiatan.")})
        if self.target_kind == TargetKind.ORDINAL and not self.ordinal_scale:
            raise ValidationError({"ordinal_scale": _("Target tingkat memerlukan skala (ape, kla, akip).")})


class IndicatorTarget(models.Model):
    """The target of an indicator for one year (number, level, or range low–high)."""

    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="targets")
    year = models.PositiveSmallIntegerField(_("tahun"), validators=YEAR_VALIDATORS)
    value = models.DecimalField(_("target"), max_digits=20, decimal_places=4, null=True, blank=True)
    upper = models.DecimalField(
        _("batas atas rentang"), max_digits=20, decimal_places=4, null=True, blank=True
    )
    level = models.CharField(_("target (tingkat)"), max_length=40, blank=True)
    unit = models.CharField(
        _("satuan tertulis"), max_length=60, blank=True,
        help_text=_("Satuan sebagaimana ditulis pada tahun ini, bila berbeda dari indikator."),
    )
    # The target after the year's plan was revised (Renja Perubahan, with RKPD/APBD
    # perubahan). Empty = the target did not change. `value`/`upper`/`level` above stay the
    # original (murni) target that every other document reads.
    revised_value = models.DecimalField(
        _("target perubahan"), max_digits=20, decimal_places=4, null=True, blank=True
    )
    revised_upper = models.DecimalField(
        _("batas atas rentang perubahan"), max_digits=20, decimal_places=4, null=True, blank=True
    )
    revised_level = models.CharField(_("target perubahan (tingkat)"), max_length=40, blank=True)

    class Meta:
        verbose_name = _("target indikator")
        verbose_name_plural = _("target indikator")
        ordering = ["indicator", "year"]
        constraints = [
            models.UniqueConstraint(fields=["indicator", "year"], name="target_unique_year"),
        ]

    def __str__(self) -> str:
        shown = self.level or (str(self.value) if self.value is not None else "—")
        return f"{self.indicator} {self.year}: {shown}"


class RenstraFunding(models.Model):
    """The money (whole rupiah) of a program, kegiatan or sub kegiatan over the whole period of
    a strategic plan: the Rp of the Renstra's "kondisi kinerja pada akhir periode" column, used
    as column 6 (Rp) of the quarterly Renja evaluation (RULES.md §6).

    Stored where the Renstra states it: a Renstra may give money per program or kegiatan only.
    A line without its own amount takes the sum of its children's (sakip.rules.renja)."""

    strategic_plan = models.ForeignKey(
        StrategicPlan, on_delete=models.CASCADE, related_name="funding"
    )
    code = models.CharField(_("kode program/kegiatan/sub kegiatan"), max_length=40)
    amount = models.BigIntegerField(
        _("pagu akhir periode Renstra (Rp)"), validators=[MinValueValidator(0)]
    )

    class Meta:
        verbose_name = _("pagu Renstra")
        verbose_name_plural = _("pagu Renstra")
        ordering = ["strategic_plan", "code"]
        constraints = [
            models.UniqueConstraint(fields=["strategic_plan", "code"], name="renstra_funding_unique"),
            models.CheckConstraint(condition=models.Q(amount__gte=0), name="renstra_funding_nonneg"),
        ]

    def __str__(self) -> str:
        return f"{self.code}: {self.amount}"


class WorkPlan(models.Model):
    """Renja PD of one agency for one year."""

    agency = models.ForeignKey(Agency, on_delete=models.CASCADE, related_name="work_plans")
    year = models.PositiveSmallIntegerField(_("tahun"), validators=YEAR_VALIDATORS)
    edition = models.ForeignKey(
        NomenclatureEdition, on_delete=models.PROTECT, related_name="work_plans",
        verbose_name=_("edisi nomenklatur"),
    )

    class Meta:
        verbose_name = _("rencana kerja")
        verbose_name_plural = _("rencana kerja")
        ordering = ["agency", "-year"]
        constraints = [
            models.UniqueConstraint(fields=["agency", "year"], name="workplan_unique_year"),
        ]

    def __str__(self) -> str:
        return f"Renja {self.agency} {self.year}"


class WorkPlanLine(models.Model):
    """A program, kegiatan or sub kegiatan in a work plan. Money lives only on sub kegiatan."""

    work_plan = models.ForeignKey(WorkPlan, on_delete=models.CASCADE, related_name="lines")
    parent = models.ForeignKey(
        "self", on_delete=models.CASCADE, null=True, blank=True, related_name="children"
    )
    code = models.CharField(_("kode"), max_length=40)
    level = models.PositiveSmallIntegerField(_("tingkat"), choices=Level.choices)
    name = models.CharField(_("nama"), max_length=500)
    location = models.CharField(_("lokasi"), max_length=300, blank=True)
    funding_source = models.CharField(_("sumber dana"), max_length=120, blank=True)
    target_group = models.CharField(_("kelompok sasaran"), max_length=300, blank=True)
    notes = models.TextField(_("catatan penting"), blank=True)
    order = models.PositiveIntegerField(_("urutan"), default=0)

    class Meta:
        verbose_name = _("baris rencana kerja")
        verbose_name_plural = _("baris rencana kerja")
        ordering = ["work_plan", "order", "code"]
        constraints = [
            models.UniqueConstraint(fields=["work_plan", "code"], name="workplan_line_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.name}"


class BudgetVersion(models.TextChoices):
    """Versions of the money of a sub kegiatan, in the order they appear in a budget year."""

    RANWAL_RKPD = "ranwal_rkpd", _("Rancangan awal RKPD")
    RENJA = "renja", _("Pagu indikatif Renja (kebutuhan dana)")
    RKPD = "rkpd", _("RKPD")
    APBD = "apbd", _("APBD murni (induk)")
    RKPD_P = "rkpd_p", _("RKPD perubahan")
    APBD_P = "apbd_p", _("APBD perubahan")
    FORECAST = "forecast", _("Prakiraan maju (tahun berikutnya)")


assert set(BUDGET_PRECEDENCE) | {FORECAST} == set(BudgetVersion.values)


class BudgetAllocation(models.Model):
    """Money (whole rupiah) of one sub kegiatan in one budget version."""

    line = models.ForeignKey(WorkPlanLine, on_delete=models.CASCADE, related_name="allocations")
    version = models.CharField(_("versi"), max_length=12, choices=BudgetVersion.choices)
    amount = models.BigIntegerField(_("pagu (Rp)"), validators=[MinValueValidator(0)])

    class Meta:
        verbose_name = _("pagu")
        verbose_name_plural = _("pagu")
        constraints = [
            models.UniqueConstraint(fields=["line", "version"], name="allocation_unique"),
            models.CheckConstraint(condition=models.Q(amount__gte=0), name="allocation_nonneg"),
        ]

    def __str__(self) -> str:
        return f"{self.line.code} {self.get_version_display()}: {self.amount}"

    def clean(self) -> None:
        if self.line_id and self.line.level != Level.SUB_ACTIVITY:
            raise ValidationError(_(
                "Pagu hanya dicatat pada sub kegiatan; pagu kegiatan dan program dihitung "
                "dari jumlah sub kegiatannya."
            ))


class Narrative(models.Model):
    """Prose a person wrote for one section of one document of an agency-year."""

    class Document(models.TextChoices):
        RENJA = "renja", _("Renja")
        PK = "pk", _("Perjanjian Kinerja")
        LKJIP = "lkjip", _("LKjIP")

    agency = models.ForeignKey(Agency, on_delete=models.CASCADE, related_name="narratives")
    year = models.PositiveSmallIntegerField(_("tahun"), validators=YEAR_VALIDATORS)
    document = models.CharField(_("dokumen"), max_length=8, choices=Document.choices)
    section = models.CharField(_("bagian"), max_length=80)
    text = models.TextField(_("teks"), blank=True)
    updated_at = models.DateTimeField(_("diubah"), auto_now=True)

    class Meta:
        verbose_name = _("narasi")
        verbose_name_plural = _("narasi")
        ordering = ["agency", "year", "document", "section"]
        constraints = [
            models.UniqueConstraint(
                fields=["agency", "year", "document", "section"], name="narrative_unique"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_document_display()} {self.year} §{self.section}"


class PerformanceAgreement(models.Model):
    """Perjanjian Kinerja of one year; a revision (PK Perubahan) is a second row."""

    class Version(models.TextChoices):
        ORIGINAL = "original", _("Perjanjian Kinerja")
        REVISED = "revised", _("Perjanjian Kinerja Perubahan")

    agency = models.ForeignKey(Agency, on_delete=models.CASCADE, related_name="agreements")
    year = models.PositiveSmallIntegerField(_("tahun"), validators=YEAR_VALIDATORS)
    version = models.CharField(_("versi"), max_length=10, choices=Version.choices)
    signed_on = models.DateField(_("tanggal"), null=True, blank=True)
    place = models.CharField(_("tempat"), max_length=100, blank=True)
    first_party = models.ForeignKey(
        Official, on_delete=models.PROTECT, null=True, blank=True, related_name="+",
        verbose_name=_("pihak pertama"),
    )
    second_party = models.ForeignKey(
        RegionHead, on_delete=models.PROTECT, null=True, blank=True, related_name="+",
        verbose_name=_("pihak kedua"),
    )
    budget_version = models.CharField(
        _("versi anggaran"), max_length=12, choices=BudgetVersion.choices,
        default=BudgetVersion.APBD,
        help_text=_("Anggaran program pada lampiran dihitung dari versi pagu ini."),
    )

    class Meta:
        verbose_name = _("perjanjian kinerja")
        verbose_name_plural = _("perjanjian kinerja")
        ordering = ["agency", "year", "version"]
        constraints = [
            models.UniqueConstraint(fields=["agency", "year", "version"], name="pk_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.get_version_display()} {self.agency} {self.year}"


class AgreementItem(models.Model):
    """One sasaran/indikator/target row of a Perjanjian Kinerja."""

    agreement = models.ForeignKey(
        PerformanceAgreement, on_delete=models.CASCADE, related_name="items"
    )
    indicator = models.ForeignKey(Indicator, on_delete=models.PROTECT, related_name="agreement_items")
    target_value = models.DecimalField(
        _("target"), max_digits=20, decimal_places=4, null=True, blank=True
    )
    target_level = models.CharField(_("target (tingkat)"), max_length=40, blank=True)
    order = models.PositiveIntegerField(_("urutan"), default=0)

    class Meta:
        verbose_name = _("butir perjanjian kinerja")
        verbose_name_plural = _("butir perjanjian kinerja")
        ordering = ["agreement", "order", "id"]

    def __str__(self) -> str:
        return f"{self.agreement}: {self.indicator}"


class AgreementProgram(models.Model):
    """A program listed in the PK annex; its money is derived from the agreement's budget version."""

    agreement = models.ForeignKey(
        PerformanceAgreement, on_delete=models.CASCADE, related_name="programs"
    )
    code = models.CharField(_("kode program"), max_length=40)
    note = models.CharField(_("keterangan"), max_length=300, blank=True)
    order = models.PositiveIntegerField(_("urutan"), default=0)

    class Meta:
        verbose_name = _("program perjanjian kinerja")
        verbose_name_plural = _("program perjanjian kinerja")
        ordering = ["agreement", "order", "code"]
        constraints = [
            models.UniqueConstraint(fields=["agreement", "code"], name="pk_program_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.agreement}: {self.code}"


class CommunityProposal(models.Model):
    """One proposal from the community for an agency's Renja (Renja §2.5, Permendagri 86/2017):
    from a Musrenbang, a DPRD member's Pokir or another stakeholder, with what became of it."""

    class Source(models.TextChoices):
        MUSRENBANG = "musrenbang", _("Musrenbang")
        POKIR = "pokir", _("Pokir DPRD")
        STAKEHOLDER = "stakeholder", _("Pemangku kepentingan")

    class Status(models.TextChoices):
        ACCEPTED = "accepted", _("Diterima")
        PARTIAL = "partial", _("Diterima sebagian")
        REJECTED = "rejected", _("Ditolak")

    agency = models.ForeignKey(Agency, on_delete=models.CASCADE, related_name="proposals")
    year = models.PositiveSmallIntegerField(
        _("tahun Renja"), validators=YEAR_VALIDATORS, help_text=_("Tahun rencana yang diusulkan.")
    )
    number = models.CharField(_("nomor"), max_length=20, blank=True)
    proposal = models.TextField(_("usulan"))
    source = models.CharField(_("sumber"), max_length=12, choices=Source.choices)
    source_detail = models.CharField(
        _("rincian sumber"), max_length=300, blank=True,
        help_text=_("Mis. Musrenbang Kecamatan Lima Puluh, nama anggota DPRD, nama organisasi."),
    )
    location = models.CharField(_("lokasi"), max_length=300, blank=True)
    volume = models.DecimalField(_("volume"), max_digits=20, decimal_places=4, null=True, blank=True)
    unit = models.CharField(_("satuan"), max_length=60, blank=True)
    estimated_cost = models.BigIntegerField(
        _("perkiraan biaya (Rp)"), null=True, blank=True, validators=[MinValueValidator(0)]
    )
    status = models.CharField(_("status"), max_length=10, choices=Status.choices)
    reason = models.TextField(_("alasan / catatan"), blank=True)
    line_code = models.CharField(
        _("ditampung pada kode"), max_length=40, blank=True,
        help_text=_("Kode program/kegiatan/sub kegiatan yang menampung usulan (bila diterima)."),
    )
    order = models.PositiveIntegerField(_("urutan"), default=0)

    class Meta:
        verbose_name = _("usulan masyarakat")
        verbose_name_plural = _("usulan masyarakat")
        ordering = ["agency", "year", "order", "id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(estimated_cost__gte=0) | models.Q(estimated_cost__isnull=True),
                name="proposal_cost_nonneg",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_source_display()} {self.year}: {self.proposal[:60]}"

    def clean(self) -> None:
        if self.status in (self.Status.PARTIAL, self.Status.REJECTED) and not self.reason.strip():
            raise ValidationError(
                {"reason": _("Usulan yang ditolak atau diterima sebagian harus disertai alasannya.")}
            )
