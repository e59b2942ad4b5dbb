"""What an agency plans: nomenclature, strategic plan, indicators and targets, the yearly work
plan with its money, and the performance agreement.

Only facts are stored. Parents' money, achievements, categories, totals and counts are derived
by sakip.rules whenever they are needed.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models

from sakip.common.budget_versions import BUDGET_PRECEDENCE, FORECAST
from sakip.organisations.models import Agency, Official, RegionHead

YEAR_VALIDATORS = [MinValueValidator(2000), MaxValueValidator(2100)]


class Level(models.IntegerChoices):
    """Level of a nomenclature code (RULES.md §2). Same numbers as sakip.rules.codes.Level."""

    AFFAIR = 1, "Urusan"
    SECTOR = 2, "Bidang Urusan"
    PROGRAM = 3, "Program"
    ACTIVITY = 4, "Kegiatan"
    SUB_ACTIVITY = 5, "Sub Kegiatan"


class NomenclatureEdition(models.Model):
    """One edition of the national catalogue of codes (Permendagri 90/2019, Kepmendagri …)."""

    name = models.CharField("nama", max_length=200, unique=True)
    regulation = models.CharField("dasar hukum", max_length=300, blank=True)
    year = models.PositiveSmallIntegerField("tahun", validators=YEAR_VALIDATORS)

    class Meta:
        verbose_name = "edisi nomenklatur"
        verbose_name_plural = "edisi nomenklatur"
        ordering = ["-year", "name"]

    def __str__(self) -> str:
        return self.name


class NomenclatureEntry(models.Model):
    """A code and its name in one edition. The code is the key; names may repeat."""

    edition = models.ForeignKey(
        NomenclatureEdition, on_delete=models.CASCADE, related_name="entries"
    )
    code = models.CharField("kode", max_length=40)
    level = models.PositiveSmallIntegerField("tingkat", choices=Level.choices)
    name = models.CharField("nama", max_length=500)

    class Meta:
        verbose_name = "nomenklatur"
        verbose_name_plural = "nomenklatur"
        ordering = ["edition", "code"]
        constraints = [
            models.UniqueConstraint(fields=["edition", "code"], name="nomenclature_code_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.name}"


class StrategicPlan(models.Model):
    """The agency's Renstra for a period of the RPJMD/RPD."""

    agency = models.ForeignKey(Agency, on_delete=models.CASCADE, related_name="strategic_plans")
    name = models.CharField("nama", max_length=200, help_text="mis. Renstra 2024–2026")
    start_year = models.PositiveSmallIntegerField("tahun awal", validators=YEAR_VALIDATORS)
    end_year = models.PositiveSmallIntegerField("tahun akhir", validators=YEAR_VALIDATORS)
    vision = models.TextField("visi", blank=True)
    mission = models.TextField("misi", blank=True)

    class Meta:
        verbose_name = "rencana strategis"
        verbose_name_plural = "rencana strategis"
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
    number = models.CharField("nomor", max_length=20)
    statement = models.TextField("pernyataan tujuan")
    order = models.PositiveIntegerField("urutan", default=0)

    class Meta:
        verbose_name = "tujuan"
        verbose_name_plural = "tujuan"
        ordering = ["strategic_plan", "order", "number"]

    def __str__(self) -> str:
        return f"{self.number} {self.statement}"


class Objective(models.Model):
    """Sasaran (strategis) under a goal."""

    goal = models.ForeignKey(Goal, on_delete=models.CASCADE, related_name="objectives")
    number = models.CharField("nomor", max_length=20)
    statement = models.TextField("pernyataan sasaran")
    order = models.PositiveIntegerField("urutan", default=0)

    class Meta:
        verbose_name = "sasaran"
        verbose_name_plural = "sasaran"
        ordering = ["goal", "order", "number"]

    def __str__(self) -> str:
        return f"{self.number} {self.statement}"


class Polarity(models.TextChoices):
    HIGHER_IS_BETTER = "higher_is_better", "Positif (makin tinggi makin baik)"
    LOWER_IS_BETTER = "lower_is_better", "Negatif (makin rendah makin baik)"


class TargetKind(models.TextChoices):
    NUMBER = "number", "Angka"
    ORDINAL = "ordinal", "Tingkat (ordinal)"
    RANGE = "range", "Rentang"


class Aggregation(models.TextChoices):
    SUM = "sum", "Dijumlahkan antar periode (cacah)"
    LAST = "last", "Nilai terakhir (persentase, rasio, indeks, predikat)"
    MEAN = "mean", "Rata-rata"


class Indicator(models.Model):
    """A measured thing: of a goal, an objective, or a program / kegiatan / sub kegiatan code.

    Targets per year live in IndicatorTarget; realisations in monitoring.IndicatorRealisation.
    """

    class Subject(models.TextChoices):
        GOAL = "goal", "Tujuan"
        OBJECTIVE = "objective", "Sasaran"
        PROGRAM = "program", "Program"
        ACTIVITY = "activity", "Kegiatan"
        SUB_ACTIVITY = "sub_activity", "Sub Kegiatan"

    strategic_plan = models.ForeignKey(
        StrategicPlan, on_delete=models.CASCADE, related_name="indicators"
    )
    subject = models.CharField("indikator dari", max_length=14, choices=Subject.choices)
    goal = models.ForeignKey(
        Goal, on_delete=models.CASCADE, null=True, blank=True, related_name="indicators"
    )
    objective = models.ForeignKey(
        Objective, on_delete=models.CASCADE, null=True, blank=True, related_name="indicators"
    )
    code = models.CharField(
        "kode program/kegiatan/sub kegiatan", max_length=40, blank=True, db_index=True
    )
    number = models.CharField("nomor", max_length=20, blank=True)
    name = models.TextField("indikator")
    unit = models.CharField("satuan", max_length=60, blank=True)
    polarity = models.CharField(
        "polaritas", max_length=16, choices=Polarity.choices, default=Polarity.HIGHER_IS_BETTER
    )
    target_kind = models.CharField(
        "jenis target", max_length=8, choices=TargetKind.choices, default=TargetKind.NUMBER
    )
    ordinal_scale = models.CharField(
        "skala tingkat", max_length=20, blank=True, help_text="ape, kla atau akip"
    )
    aggregation = models.CharField(
        "agregasi antar periode", max_length=4, choices=Aggregation.choices,
        default=Aggregation.LAST,
    )
    percentage_change = models.BooleanField(
        "indikator persentase perubahan", default=False,
        help_text="Mis. persentase penurunan PMKS per tahun: capaian bisa tidak wajar "
        "bila targetnya kecil.",
    )
    formula = models.TextField("rumus", blank=True)
    numerator_label = models.CharField("pembilang", max_length=300, blank=True)
    denominator_label = models.CharField("penyebut", max_length=300, blank=True)
    multiplier = models.DecimalField(
        "pengali", max_digits=12, decimal_places=2, null=True, blank=True
    )
    data_source = models.CharField("sumber data", max_length=300, blank=True)
    baseline_year = models.PositiveSmallIntegerField(
        "tahun data awal", null=True, blank=True, validators=YEAR_VALIDATORS
    )
    baseline_value = models.DecimalField(
        "data awal", max_digits=20, decimal_places=4, null=True, blank=True
    )
    baseline_level = models.CharField("data awal (tingkat)", max_length=40, blank=True)
    end_target_value = models.DecimalField(
        "target akhir Renstra", max_digits=20, decimal_places=4, null=True, blank=True
    )
    end_target_level = models.CharField("target akhir (tingkat)", max_length=40, blank=True)
    is_key = models.BooleanField("IKU", default=False)
    order = models.PositiveIntegerField("urutan", default=0)

    class Meta:
        verbose_name = "indikator"
        verbose_name_plural = "indikator"
        ordering = ["strategic_plan", "order", "id"]
        indexes = [models.Index(fields=["strategic_plan", "code"])]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        if self.subject == self.Subject.GOAL and not self.goal_id:
            raise ValidationError({"goal": "Indikator tujuan harus menunjuk satu tujuan."})
        if self.subject == self.Subject.OBJECTIVE and not self.objective_id:
            raise ValidationError({"objective": "Indikator sasaran harus menunjuk satu sasaran."})
        coded = {self.Subject.PROGRAM, self.Subject.ACTIVITY, self.Subject.SUB_ACTIVITY}
        if self.subject in coded and not self.code:
            raise ValidationError({"code": "Isi kode program/kegiatan/sub kegiatan."})
        if self.target_kind == TargetKind.ORDINAL and not self.ordinal_scale:
            raise ValidationError({"ordinal_scale": "Target tingkat memerlukan skala (ape, kla, akip)."})


class IndicatorTarget(models.Model):
    """The target of an indicator for one year (number, level, or range low–high)."""

    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="targets")
    year = models.PositiveSmallIntegerField("tahun", validators=YEAR_VALIDATORS)
    value = models.DecimalField("target", max_digits=20, decimal_places=4, null=True, blank=True)
    upper = models.DecimalField(
        "batas atas rentang", max_digits=20, decimal_places=4, null=True, blank=True
    )
    level = models.CharField("target (tingkat)", max_length=40, blank=True)
    unit = models.CharField(
        "satuan tertulis", max_length=60, blank=True,
        help_text="Satuan sebagaimana ditulis pada tahun ini, bila berbeda dari indikator.",
    )
    # The target after the year's plan was revised (Renja Perubahan, with RKPD/APBD
    # perubahan). Empty = the target did not change. `value`/`upper`/`level` above stay the
    # original (murni) target that every other document reads.
    revised_value = models.DecimalField(
        "target perubahan", max_digits=20, decimal_places=4, null=True, blank=True
    )
    revised_upper = models.DecimalField(
        "batas atas rentang perubahan", max_digits=20, decimal_places=4, null=True, blank=True
    )
    revised_level = models.CharField("target perubahan (tingkat)", max_length=40, blank=True)

    class Meta:
        verbose_name = "target indikator"
        verbose_name_plural = "target indikator"
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
    code = models.CharField("kode program/kegiatan/sub kegiatan", max_length=40)
    amount = models.BigIntegerField(
        "pagu akhir periode Renstra (Rp)", validators=[MinValueValidator(0)]
    )

    class Meta:
        verbose_name = "pagu Renstra"
        verbose_name_plural = "pagu Renstra"
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
    year = models.PositiveSmallIntegerField("tahun", validators=YEAR_VALIDATORS)
    edition = models.ForeignKey(
        NomenclatureEdition, on_delete=models.PROTECT, related_name="work_plans",
        verbose_name="edisi nomenklatur",
    )

    class Meta:
        verbose_name = "rencana kerja"
        verbose_name_plural = "rencana kerja"
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
    code = models.CharField("kode", max_length=40)
    level = models.PositiveSmallIntegerField("tingkat", choices=Level.choices)
    name = models.CharField("nama", max_length=500)
    location = models.CharField("lokasi", max_length=300, blank=True)
    funding_source = models.CharField("sumber dana", max_length=120, blank=True)
    target_group = models.CharField("kelompok sasaran", max_length=300, blank=True)
    notes = models.TextField("catatan penting", blank=True)
    order = models.PositiveIntegerField("urutan", default=0)

    class Meta:
        verbose_name = "baris rencana kerja"
        verbose_name_plural = "baris rencana kerja"
        ordering = ["work_plan", "order", "code"]
        constraints = [
            models.UniqueConstraint(fields=["work_plan", "code"], name="workplan_line_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.name}"


class BudgetVersion(models.TextChoices):
    """Versions of the money of a sub kegiatan, in the order they appear in a budget year."""

    RANWAL_RKPD = "ranwal_rkpd", "Rancangan awal RKPD"
    RENJA = "renja", "Pagu indikatif Renja (kebutuhan dana)"
    RKPD = "rkpd", "RKPD"
    APBD = "apbd", "APBD murni (induk)"
    RKPD_P = "rkpd_p", "RKPD perubahan"
    APBD_P = "apbd_p", "APBD perubahan"
    FORECAST = "forecast", "Prakiraan maju (tahun berikutnya)"


assert set(BUDGET_PRECEDENCE) | {FORECAST} == set(BudgetVersion.values)


class BudgetAllocation(models.Model):
    """Money (whole rupiah) of one sub kegiatan in one budget version."""

    line = models.ForeignKey(WorkPlanLine, on_delete=models.CASCADE, related_name="allocations")
    version = models.CharField("versi", max_length=12, choices=BudgetVersion.choices)
    amount = models.BigIntegerField("pagu (Rp)", validators=[MinValueValidator(0)])

    class Meta:
        verbose_name = "pagu"
        verbose_name_plural = "pagu"
        constraints = [
            models.UniqueConstraint(fields=["line", "version"], name="allocation_unique"),
            models.CheckConstraint(condition=models.Q(amount__gte=0), name="allocation_nonneg"),
        ]

    def __str__(self) -> str:
        return f"{self.line.code} {self.get_version_display()}: {self.amount}"

    def clean(self) -> None:
        if self.line_id and self.line.level != Level.SUB_ACTIVITY:
            raise ValidationError(
                "Pagu hanya dicatat pada sub kegiatan; pagu kegiatan dan program dihitung "
                "dari jumlah sub kegiatannya."
            )


class Narrative(models.Model):
    """Prose a person wrote for one section of one document of an agency-year."""

    class Document(models.TextChoices):
        RENJA = "renja", "Renja"
        PK = "pk", "Perjanjian Kinerja"
        LKJIP = "lkjip", "LKjIP"

    agency = models.ForeignKey(Agency, on_delete=models.CASCADE, related_name="narratives")
    year = models.PositiveSmallIntegerField("tahun", validators=YEAR_VALIDATORS)
    document = models.CharField("dokumen", max_length=8, choices=Document.choices)
    section = models.CharField("bagian", max_length=80)
    text = models.TextField("teks", blank=True)
    updated_at = models.DateTimeField("diubah", auto_now=True)

    class Meta:
        verbose_name = "narasi"
        verbose_name_plural = "narasi"
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
        ORIGINAL = "original", "Perjanjian Kinerja"
        REVISED = "revised", "Perjanjian Kinerja Perubahan"

    agency = models.ForeignKey(Agency, on_delete=models.CASCADE, related_name="agreements")
    year = models.PositiveSmallIntegerField("tahun", validators=YEAR_VALIDATORS)
    version = models.CharField("versi", max_length=10, choices=Version.choices)
    signed_on = models.DateField("tanggal", null=True, blank=True)
    place = models.CharField("tempat", max_length=100, blank=True)
    first_party = models.ForeignKey(
        Official, on_delete=models.PROTECT, null=True, blank=True, related_name="+",
        verbose_name="pihak pertama",
    )
    second_party = models.ForeignKey(
        RegionHead, on_delete=models.PROTECT, null=True, blank=True, related_name="+",
        verbose_name="pihak kedua",
    )
    budget_version = models.CharField(
        "versi anggaran", max_length=12, choices=BudgetVersion.choices,
        default=BudgetVersion.APBD,
        help_text="Anggaran program pada lampiran dihitung dari versi pagu ini.",
    )

    class Meta:
        verbose_name = "perjanjian kinerja"
        verbose_name_plural = "perjanjian kinerja"
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
        "target", max_digits=20, decimal_places=4, null=True, blank=True
    )
    target_level = models.CharField("target (tingkat)", max_length=40, blank=True)
    order = models.PositiveIntegerField("urutan", default=0)

    class Meta:
        verbose_name = "butir perjanjian kinerja"
        verbose_name_plural = "butir perjanjian kinerja"
        ordering = ["agreement", "order", "id"]

    def __str__(self) -> str:
        return f"{self.agreement}: {self.indicator}"


class AgreementProgram(models.Model):
    """A program listed in the PK annex; its money is derived from the agreement's budget version."""

    agreement = models.ForeignKey(
        PerformanceAgreement, on_delete=models.CASCADE, related_name="programs"
    )
    code = models.CharField("kode program", max_length=40)
    note = models.CharField("keterangan", max_length=300, blank=True)
    order = models.PositiveIntegerField("urutan", default=0)

    class Meta:
        verbose_name = "program perjanjian kinerja"
        verbose_name_plural = "program perjanjian kinerja"
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
        MUSRENBANG = "musrenbang", "Musrenbang"
        POKIR = "pokir", "Pokir DPRD"
        STAKEHOLDER = "stakeholder", "Pemangku kepentingan"

    class Status(models.TextChoices):
        ACCEPTED = "accepted", "Diterima"
        PARTIAL = "partial", "Diterima sebagian"
        REJECTED = "rejected", "Ditolak"

    agency = models.ForeignKey(Agency, on_delete=models.CASCADE, related_name="proposals")
    year = models.PositiveSmallIntegerField(
        "tahun Renja", validators=YEAR_VALIDATORS, help_text="Tahun rencana yang diusulkan."
    )
    number = models.CharField("nomor", max_length=20, blank=True)
    proposal = models.TextField("usulan")
    source = models.CharField("sumber", max_length=12, choices=Source.choices)
    source_detail = models.CharField(
        "rincian sumber", max_length=300, blank=True,
        help_text="Mis. Musrenbang Kecamatan Lima Puluh, nama anggota DPRD, nama organisasi.",
    )
    location = models.CharField("lokasi", max_length=300, blank=True)
    volume = models.DecimalField("volume", max_digits=20, decimal_places=4, null=True, blank=True)
    unit = models.CharField("satuan", max_length=60, blank=True)
    estimated_cost = models.BigIntegerField(
        "perkiraan biaya (Rp)", null=True, blank=True, validators=[MinValueValidator(0)]
    )
    status = models.CharField("status", max_length=10, choices=Status.choices)
    reason = models.TextField("alasan / catatan", blank=True)
    line_code = models.CharField(
        "ditampung pada kode", max_length=40, blank=True,
        help_text="Kode program/kegiatan/sub kegiatan yang menampung usulan (bila diterima).",
    )
    order = models.PositiveIntegerField("urutan", default=0)

    class Meta:
        verbose_name = "usulan masyarakat"
        verbose_name_plural = "usulan masyarakat"
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
                {"reason": "Usulan yang ditolak atau diterima sebagian harus disertai alasannya."}
            )
