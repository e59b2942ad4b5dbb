"""`sakip agency`: the agencies (perangkat daerah) of the installation, from the command line.

    sakip agency list
    sakip agency add dinsos --name "Dinas Sosial Kabupaten Belitung" --region belitung \\
        [--region-name "Kabupaten Belitung" --region-kind kabupaten] [--short-name ...]

Onboarding an agency from its old documents starts here: `add` creates the agency (and its
region, when --region-name is given and the region is new), then `sakip import` loads its
Renja/LKjIP. The same records the region admin manages in the web admin; every change is in
the audit trail."""

from __future__ import annotations

import argparse

from sakip.common.errors import UserError

KINDS = ("kabupaten", "kota", "provinsi")


def register(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = subparsers.add_parser("agency", help="daftar dan tambah perangkat daerah (untuk mulai mengimpor dokumen)")
    actions = p.add_subparsers(dest="action", metavar="TINDAKAN", required=True)
    listing = actions.add_parser("list", help="tampilkan daerah dan perangkat daerahnya")
    listing.set_defaults(handler=list_agencies)
    add = actions.add_parser("add", help="tambah perangkat daerah (dan daerahnya bila baru)")
    add.add_argument("code", metavar="KODE", help="kode singkat untuk --agency, mis. dinsos-belitung")
    add.add_argument("--name", required=True, metavar="NAMA", help="nama lengkap, mis. \"Dinas Sosial Kabupaten Belitung\"")
    add.add_argument("--short-name", default="", metavar="NAMA", help="nama singkat, mis. Dinsos")
    add.add_argument("--region", required=True, metavar="KODE", help="kode daerah, mis. belitung")
    add.add_argument("--region-name", metavar="NAMA", help="nama daerah bila daerahnya belum ada, mis. \"Kabupaten Belitung\"")
    add.add_argument("--region-kind", choices=KINDS, metavar="JENIS",
                     help="kabupaten, kota atau provinsi (bila daerahnya baru; ditebak dari namanya)")
    add.add_argument("--sectors", default="", metavar="KODE",
                     help="bidang urusan yang diampu, dipisah spasi, mis. \"1.06 2.08\"")
    add.set_defaults(handler=add_agency)


def list_agencies(args: argparse.Namespace) -> int:
    from sakip.organisations.models import Region

    regions = list(Region.objects.prefetch_related("agencies").order_by("name"))
    if not regions:
        print("Belum ada daerah. Tambahkan dengan: sakip agency add KODE --name NAMA --region KODE "
              "--region-name \"Kabupaten ...\"")
        return 0
    for region in regions:
        print(f"{region.name} ({region.code})")
        agencies = sorted(region.agencies.all(), key=lambda a: a.name)
        if not agencies:
            print("  (belum ada perangkat daerah)")
        for agency in agencies:
            print(f"  {agency.code:24} {agency.name}")
    return 0


def _kind_from_name(name: str) -> str | None:
    first = name.strip().split(" ", 1)[0].casefold()
    return {"kabupaten": "kabupaten", "kab.": "kabupaten", "kota": "kota", "provinsi": "provinsi"}.get(first)


def _invalid(exc: object, instance: object, what: str) -> UserError:
    """A model's validation errors as one message naming the fields as the admin does."""
    from django.core.exceptions import FieldDoesNotExist, ValidationError
    from django.db import models

    assert isinstance(exc, ValidationError) and isinstance(instance, models.Model)

    def label(name: str) -> str:
        try:
            field = instance._meta.get_field(name)
        except FieldDoesNotExist:
            return name
        return str(getattr(field, "verbose_name", name))

    parts = [f"{label(field)}: {' '.join(str(m).rstrip('.') for m in messages)}"
             for field, messages in exc.message_dict.items()]
    return UserError(f"{what} tidak dapat dibuat — {'; '.join(parts)}.",
                     hint="Perbaiki nilai yang disebut lalu ulangi perintahnya.")


def add_agency(args: argparse.Namespace) -> int:
    from django.core.exceptions import ValidationError
    from django.db import transaction

    from sakip.organisations.models import Agency, Region
    from sakip.workflow.history import audit_context

    code = args.code.strip()
    if Agency.objects.filter(code=code).exists():
        existing = Agency.objects.get(code=code)
        raise UserError(f"perangkat daerah '{code}' sudah ada ({existing.name}).",
                        hint="Pilih kode lain, atau impor langsung ke perangkat daerah itu dengan --agency "
                             f"{code}.")
    with transaction.atomic(), audit_context(reason=f"sakip agency add {code}"):
        region = Region.objects.filter(code=args.region).first()
        created_region = region is None
        if region is None:
            if not args.region_name:
                known = ", ".join(Region.objects.order_by("code").values_list("code", flat=True)) or "belum ada"
                raise UserError(f"daerah '{args.region}' tidak ada (yang ada: {known}).",
                                hint="Sebutkan kode daerah yang ada, atau buat daerahnya sekalian dengan "
                                     "--region-name \"Kabupaten ...\".")
            kind = args.region_kind or _kind_from_name(args.region_name)
            if kind is None:
                raise UserError(f"jenis daerah '{args.region_name}' tidak dapat ditebak dari namanya.",
                                hint="Tambahkan --region-kind kabupaten, kota atau provinsi.")
            region = Region(code=args.region, name=args.region_name.strip(), kind=kind)
            try:
                region.full_clean()
            except ValidationError as exc:
                raise _invalid(exc, region, f"daerah '{args.region}'") from None
            region.save()
        agency = Agency(region=region, code=code, name=args.name.strip(), short_name=args.short_name.strip(),
                        sector_codes=" ".join(args.sectors.split()))
        try:
            agency.full_clean()
        except ValidationError as exc:
            raise _invalid(exc, agency, f"perangkat daerah '{code}'") from None
        agency.save()
    if created_region:
        print(f"Daerah baru: {region.name} ({region.code}).")
    print(f"Perangkat daerah ditambahkan: {agency.name} ({agency.code}).")
    print(f"Berikutnya, muat dokumennya: sakip import BERKAS --agency {agency.code} --year TAHUN --dry-run")
    return 0
