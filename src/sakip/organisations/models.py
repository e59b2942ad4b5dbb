"""Regions (Pemda), their settings, agencies (Perangkat Daerah), officials and memberships."""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.core.validators import MinValueValidator, RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _


class Region(models.Model):
    """A Pemerintah Daerah: Provinsi, Kabupaten or Kota, with the settings its documents use."""

    class Kind(models.TextChoices):
        PROVINCE = "provinsi", _("Provinsi")
        REGENCY = "kabupaten", _("Kabupaten")
        CITY = "kota", _("Kota")

    class LowerIsBetterMethod(models.TextChoices):
        INVERSE = "inverse", _("Target / Realisasi × 100")
        TWO_MINUS = "two_minus", _("(2 × Target − Realisasi) / Target × 100")

    class AchievementScale(models.TextChoices):
        PERMENDAGRI_54_2010 = "permendagri_54_2010", "Permendagri 54/2010 (LKjIP)"
        PERMENDAGRI_86_2017 = "permendagri_86_2017", "Permendagri 86/2017"

    class PaperSize(models.TextChoices):
        A4 = "A4", "A4 (210 × 297 mm)"
        F4 = "F4", "F4 (215 × 330 mm)"

    code = models.SlugField(_("kode"), max_length=60, unique=True)
    name = models.CharField(_("nama"), max_length=200)
    kind = models.CharField(_("jenis"), max_length=12, choices=Kind.choices)
    province_name = models.CharField(_("provinsi"), max_length=200, blank=True)
    capital = models.CharField(
        _("tempat penandatanganan"), max_length=100, blank=True,
        help_text=_("Nama tempat pada blok tanda tangan, mis. Tanjungpandan."),
    )
    # Settings: how this region's documents measure and present performance.
    lower_is_better_method = models.CharField(
        _("rumus indikator negatif"), max_length=12,
        choices=LowerIsBetterMethod.choices, default=LowerIsBetterMethod.INVERSE,
    )
    achievement_scale = models.CharField(
        _("skala kategori capaian (LKjIP)"), max_length=30,
        choices=AchievementScale.choices, default=AchievementScale.PERMENDAGRI_54_2010,
    )
    average_cap = models.DecimalField(
        _("batas atas capaian saat dirata-rata"), max_digits=7, decimal_places=2,
        null=True, blank=True, help_text=_("Kosongkan bila capaian tidak dibatasi (mis. 120)."),
    )
    absorption_threshold = models.DecimalField(
        _("ambang serapan yang perlu penjelasan (%)"), max_digits=5, decimal_places=2,
        default=Decimal("80"), validators=[MinValueValidator(Decimal("0"))],
    )
    forecast_jump_factor = models.DecimalField(
        _("batas lonjakan prakiraan maju (kali)"), max_digits=6, decimal_places=2,
        default=Decimal("3"),
    )
    paper_size = models.CharField(
        _("ukuran kertas"), max_length=2, choices=PaperSize.choices, default=PaperSize.A4
    )

    class Meta:
        verbose_name = _("pemerintah daerah")
        verbose_name_plural = _("pemerintah daerah")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class RegionHead(models.Model):
    """Bupati / Wali Kota / Gubernur: pihak kedua of a Perjanjian Kinerja."""

    region = models.ForeignKey(Region, on_delete=models.CASCADE, related_name="heads")
    title = models.CharField(_("jabatan"), max_length=120, help_text=_("mis. Bupati Belitung"))
    name = models.CharField(_("nama"), max_length=200)
    is_acting = models.BooleanField(_("Pj./Plt."), default=False)
    acting_prefix = models.CharField(
        _("sebutan pejabat sementara"), max_length=10, blank=True, help_text=_("mis. Pj. atau Plt.")
    )
    valid_from = models.DateField(_("menjabat sejak"), null=True, blank=True)
    valid_to = models.DateField(_("menjabat sampai"), null=True, blank=True)

    class Meta:
        verbose_name = _("kepala daerah")
        verbose_name_plural = _("kepala daerah")
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
        _("kode"), max_length=60, unique=True,
        help_text=_("Kode singkat yang dipakai di baris perintah (--agency), mis. belitung."),
    )
    name = models.CharField(_("nama"), max_length=300)
    short_name = models.CharField(_("nama singkat"), max_length=120, blank=True)
    address = models.TextField(_("alamat"), blank=True)
    phone = models.CharField(_("telepon"), max_length=60, blank=True)
    email = models.EmailField(_("surel"), blank=True)
    website = models.CharField(_("laman"), max_length=200, blank=True)
    sector_codes = models.CharField(
        _("bidang urusan"), max_length=200, blank=True,
        help_text=_("Kode bidang urusan yang diampu, dipisah spasi, mis. 1.06 2.08."),
    )

    class Meta:
        verbose_name = _("perangkat daerah")
        verbose_name_plural = _("perangkat daerah")
        ordering = ["region", "name"]

    def __str__(self) -> str:
        return self.short_name or self.name

    @property
    def sectors(self) -> list[str]:
        return self.sector_codes.split()


nip_validator = RegexValidator(
    r"^\d{8} ?\d{6} ?\d ?\d{3}$",
    _("NIP terdiri atas 18 angka (8 tanggal lahir, 6 TMT, 1 jenis kelamin, 3 urut), "
      "mis. 19720617 199203 1 002."),
)


class Official(models.Model):
    """A signatory of the agency's documents (Kepala Dinas, Plt., Sekretaris …)."""

    agency = models.ForeignKey(Agency, on_delete=models.CASCADE, related_name="officials")
    name = models.CharField(_("nama dengan gelar"), max_length=200)
    position = models.CharField(_("jabatan"), max_length=300)
    rank = models.CharField(_("pangkat"), max_length=80, blank=True, help_text=_("mis. Pembina Tk. I"))
    grade = models.CharField(_("golongan"), max_length=10, blank=True, help_text=_("mis. IV/b"))
    nip = models.CharField(_("NIP"), max_length=21, blank=True, validators=[nip_validator])
    is_head = models.BooleanField(_("kepala perangkat daerah"), default=False)
    is_acting = models.BooleanField(_("Plt./Plh."), default=False)
    acting_prefix = models.CharField(_("sebutan"), max_length=10, blank=True, default="Plt.")
    valid_from = models.DateField(_("menjabat sejak"), null=True, blank=True)
    valid_to = models.DateField(_("menjabat sampai"), null=True, blank=True)

    class Meta:
        verbose_name = _("pejabat")
        verbose_name_plural = _("pejabat")
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
        REGION_ADMIN = "region_admin", _("Admin pemerintah daerah")
        OPERATOR = "operator", _("Operator perangkat daerah")
        HEAD = "head", _("Kepala perangkat daerah")
        BAPPEDA = "bappeda", _("Verifikator Bappeda")
        INSPECTORATE = "inspectorate", _("Reviu Inspektorat")

    AGENCY_ROLES = {Role.OPERATOR, Role.HEAD}

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships"
    )
    region = models.ForeignKey(Region, on_delete=models.CASCADE, related_name="memberships")
    agency = models.ForeignKey(
        Agency, on_delete=models.CASCADE, null=True, blank=True, related_name="memberships"
    )
    role = models.CharField(_("peran"), max_length=20, choices=Role.choices)

    class Meta:
        verbose_name = _("keanggotaan")
        verbose_name_plural = _("keanggotaan")
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
    year = models.PositiveSmallIntegerField(_("tahun (keadaan 31 Desember)"))
    group = models.CharField(_("kelompok pendidikan"), max_length=120, help_text=_("mis. Tenaga Sarjana"))
    group_order = models.PositiveSmallIntegerField(_("urutan kelompok"), default=0)
    education = models.CharField(_("jenis pendidikan"), max_length=200, help_text=_("mis. Sarjana Psikologi"))
    order = models.PositiveSmallIntegerField(_("urutan"), default=0)
    civil_servant_male = models.PositiveIntegerField(_("PNS laki-laki"), null=True, blank=True)
    civil_servant_female = models.PositiveIntegerField(_("PNS perempuan"), null=True, blank=True)
    contract_male = models.PositiveIntegerField(_("PPPK laki-laki"), null=True, blank=True)
    contract_female = models.PositiveIntegerField(_("PPPK perempuan"), null=True, blank=True)
    honorary_male = models.PositiveIntegerField(_("honorer laki-laki"), null=True, blank=True)
    honorary_female = models.PositiveIntegerField(_("honorer perempuan"), null=True, blank=True)

    COUNT_FIELDS = (
        "civil_servant_male", "civil_servant_female", "contract_male", "contract_female",
        "honorary_male", "honorary_female",
    )

    class Meta:
        verbose_name = _("jumlah pegawai")
        verbose_name_plural = _("jumlah pegawai")
        ordering = ["agency", "year", "group_order", "order"]
        constraints = [
            models.UniqueConstraint(
                fields=["agency", "year", "group", "education"], name="staff_count_unique_education"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.agency} {self.year}: {self.education}"
