"""Regions (Pemda), their settings, agencies (Perangkat Daerah), officials and memberships."""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.core.validators import MinValueValidator, RegexValidator
from django.db import models


class Region(models.Model):
    """A Pemerintah Daerah: Provinsi, Kabupaten or Kota, with the settings its documents use."""

    class Kind(models.TextChoices):
        PROVINCE = "provinsi", "Provinsi"
        REGENCY = "kabupaten", "Kabupaten"
        CITY = "kota", "Kota"

    class LowerIsBetterMethod(models.TextChoices):
        INVERSE = "inverse", "Target / Realisasi × 100"
        TWO_MINUS = "two_minus", "(2 × Target − Realisasi) / Target × 100"

    class AchievementScale(models.TextChoices):
        PERMENDAGRI_54_2010 = "permendagri_54_2010", "Permendagri 54/2010 (LKjIP)"
        PERMENDAGRI_86_2017 = "permendagri_86_2017", "Permendagri 86/2017"

    class PaperSize(models.TextChoices):
        A4 = "A4", "A4 (210 × 297 mm)"
        F4 = "F4", "F4 (215 × 330 mm)"

    code = models.SlugField("kode", max_length=60, unique=True)
    name = models.CharField("nama", max_length=200)
    kind = models.CharField("jenis", max_length=12, choices=Kind.choices)
    province_name = models.CharField("provinsi", max_length=200, blank=True)
    capital = models.CharField(
        "tempat penandatanganan", max_length=100, blank=True,
        help_text="Nama tempat pada blok tanda tangan, mis. Tanjungpandan.",
    )
    # Settings: how this region's documents measure and present performance.
    lower_is_better_method = models.CharField(
        "rumus indikator negatif", max_length=12,
        choices=LowerIsBetterMethod.choices, default=LowerIsBetterMethod.INVERSE,
    )
    achievement_scale = models.CharField(
        "skala kategori capaian (LKjIP)", max_length=30,
        choices=AchievementScale.choices, default=AchievementScale.PERMENDAGRI_54_2010,
    )
    average_cap = models.DecimalField(
        "batas atas capaian saat dirata-rata", max_digits=7, decimal_places=2,
        null=True, blank=True, help_text="Kosongkan bila capaian tidak dibatasi (mis. 120).",
    )
    absorption_threshold = models.DecimalField(
        "ambang serapan yang perlu penjelasan (%)", max_digits=5, decimal_places=2,
        default=Decimal("80"), validators=[MinValueValidator(Decimal("0"))],
    )
    forecast_jump_factor = models.DecimalField(
        "batas lonjakan prakiraan maju (kali)", max_digits=6, decimal_places=2,
        default=Decimal("3"),
    )
    paper_size = models.CharField(
        "ukuran kertas", max_length=2, choices=PaperSize.choices, default=PaperSize.A4
    )

    class Meta:
        verbose_name = "pemerintah daerah"
        verbose_name_plural = "pemerintah daerah"
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class RegionHead(models.Model):
    """Bupati / Wali Kota / Gubernur: pihak kedua of a Perjanjian Kinerja."""

    region = models.ForeignKey(Region, on_delete=models.CASCADE, related_name="heads")
    title = models.CharField("jabatan", max_length=120, help_text="mis. Bupati Belitung")
    name = models.CharField("nama", max_length=200)
    is_acting = models.BooleanField("Pj./Plt.", default=False)
    acting_prefix = models.CharField(
        "sebutan pejabat sementara", max_length=10, blank=True, help_text="mis. Pj. atau Plt."
    )
    valid_from = models.DateField("menjabat sejak", null=True, blank=True)
    valid_to = models.DateField("menjabat sampai", null=True, blank=True)

    class Meta:
        verbose_name = "kepala daerah"
        verbose_name_plural = "kepala daerah"
        ordering = ["region", "-valid_from"]

    def __str__(self) -> str:
        return f"{self.display_title}: {self.name}"

    @property
    def display_title(self) -> str:
        if self.is_acting:
            return f"{self.acting_prefix or 'Plt.'} {self.title}"
        return self.title


class Agency(models.Model):
    """A Perangkat Daerah, e.g. Dinas Sosial."""

    region = models.ForeignKey(Region, on_delete=models.PROTECT, related_name="agencies")
    code = models.SlugField(
        "kode", max_length=60, unique=True,
        help_text="Kode singkat yang dipakai di baris perintah (--agency), mis. belitung.",
    )
    name = models.CharField("nama", max_length=300)
    short_name = models.CharField("nama singkat", max_length=120, blank=True)
    address = models.TextField("alamat", blank=True)
    phone = models.CharField("telepon", max_length=60, blank=True)
    email = models.EmailField("surel", blank=True)
    website = models.CharField("laman", max_length=200, blank=True)
    sector_codes = models.CharField(
        "bidang urusan", max_length=200, blank=True,
        help_text="Kode bidang urusan yang diampu, dipisah spasi, mis. 1.06 2.08.",
    )

    class Meta:
        verbose_name = "perangkat daerah"
        verbose_name_plural = "perangkat daerah"
        ordering = ["region", "name"]

    def __str__(self) -> str:
        return self.short_name or self.name

    @property
    def sectors(self) -> list[str]:
        return self.sector_codes.split()


nip_validator = RegexValidator(
    r"^\d{8} ?\d{6} ?\d ?\d{3}$",
    "NIP terdiri atas 18 angka (8 tanggal lahir, 6 TMT, 1 jenis kelamin, 3 urut), "
    "mis. 19720617 199203 1 002.",
)


class Official(models.Model):
    """A signatory of the agency's documents (Kepala Dinas, Plt., Sekretaris …)."""

    agency = models.ForeignKey(Agency, on_delete=models.CASCADE, related_name="officials")
    name = models.CharField("nama dengan gelar", max_length=200)
    position = models.CharField("jabatan", max_length=300)
    rank = models.CharField("pangkat", max_length=80, blank=True, help_text="mis. Pembina Tk. I")
    grade = models.CharField("golongan", max_length=10, blank=True, help_text="mis. IV/b")
    nip = models.CharField("NIP", max_length=21, blank=True, validators=[nip_validator])
    is_head = models.BooleanField("kepala perangkat daerah", default=False)
    is_acting = models.BooleanField("Plt./Plh.", default=False)
    acting_prefix = models.CharField("sebutan", max_length=10, blank=True, default="Plt.")
    valid_from = models.DateField("menjabat sejak", null=True, blank=True)
    valid_to = models.DateField("menjabat sampai", null=True, blank=True)

    class Meta:
        verbose_name = "pejabat"
        verbose_name_plural = "pejabat"
        ordering = ["agency", "-is_head", "name"]

    def __str__(self) -> str:
        return f"{self.name} ({self.display_position})"

    @property
    def display_position(self) -> str:
        if self.is_acting:
            return f"{self.acting_prefix or 'Plt.'} {self.position}"
        return self.position

    @property
    def rank_and_grade(self) -> str:
        return " / ".join(p for p in (self.rank, self.grade) if p)


class Membership(models.Model):
    """What a user may do, and where: a role in a region, optionally tied to one agency."""

    class Role(models.TextChoices):
        REGION_ADMIN = "region_admin", "Admin pemerintah daerah"
        OPERATOR = "operator", "Operator perangkat daerah"
        HEAD = "head", "Kepala perangkat daerah"
        BAPPEDA = "bappeda", "Verifikator Bappeda"
        INSPECTORATE = "inspectorate", "Reviu Inspektorat"

    AGENCY_ROLES = {Role.OPERATOR, Role.HEAD}

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships"
    )
    region = models.ForeignKey(Region, on_delete=models.CASCADE, related_name="memberships")
    agency = models.ForeignKey(
        Agency, on_delete=models.CASCADE, null=True, blank=True, related_name="memberships"
    )
    role = models.CharField("peran", max_length=20, choices=Role.choices)

    class Meta:
        verbose_name = "keanggotaan"
        verbose_name_plural = "keanggotaan"
        constraints = [
            models.UniqueConstraint(
                fields=["user", "region", "agency", "role"], name="membership_unique"
            ),
        ]

    def __str__(self) -> str:
        where = self.agency or self.region
        return f"{self.user} — {self.get_role_display()} — {where}"


class StaffCount(models.Model):
    """Staff of an agency with one kind of education, by employment status and sex, at the end
    of a year (LKjIP BAB I, "Jumlah Pegawai menurut Jenis Pendidikan"). Only the counts per kind
    are stored; group totals, the grand total and the sentence that states them are derived."""

    agency = models.ForeignKey(Agency, on_delete=models.CASCADE, related_name="staff_counts")
    year = models.PositiveSmallIntegerField("tahun (keadaan 31 Desember)")
    group = models.CharField("kelompok pendidikan", max_length=120, help_text="mis. Tenaga Sarjana")
    group_order = models.PositiveSmallIntegerField("urutan kelompok", default=0)
    education = models.CharField("jenis pendidikan", max_length=200, help_text="mis. Sarjana Psikologi")
    order = models.PositiveSmallIntegerField("urutan", default=0)
    civil_servant_male = models.PositiveIntegerField("PNS laki-laki", null=True, blank=True)
    civil_servant_female = models.PositiveIntegerField("PNS perempuan", null=True, blank=True)
    contract_male = models.PositiveIntegerField("PPPK laki-laki", null=True, blank=True)
    contract_female = models.PositiveIntegerField("PPPK perempuan", null=True, blank=True)
    honorary_male = models.PositiveIntegerField("honorer laki-laki", null=True, blank=True)
    honorary_female = models.PositiveIntegerField("honorer perempuan", null=True, blank=True)

    COUNT_FIELDS = (
        "civil_servant_male", "civil_servant_female", "contract_male", "contract_female",
        "honorary_male", "honorary_female",
    )

    class Meta:
        verbose_name = "jumlah pegawai"
        verbose_name_plural = "jumlah pegawai"
        ordering = ["agency", "year", "group_order", "order"]
        constraints = [
            models.UniqueConstraint(
                fields=["agency", "year", "group", "education"], name="staff_count_unique_education"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.agency} {self.year}: {self.education}"
