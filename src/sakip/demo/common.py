"""Pieces shared by the demo loaders: regions, agencies, officials, nomenclature, mappings."""

from __future__ import annotations

from collections import defaultdict
from decimal import Decimal
from typing import Any

from sakip.common.errors import UserError
from sakip.organisations.models import Agency, Official, Region, RegionHead
from sakip.planning import models as plan
from sakip.rules.codes import CodeError, normalise_code

POLARITY = {"positif": plan.Polarity.HIGHER_IS_BETTER, "negatif": plan.Polarity.LOWER_IS_BETTER}
TARGET_KIND = {"number": plan.TargetKind.NUMBER, "ordinal": plan.TargetKind.ORDINAL, "": plan.TargetKind.NUMBER}
AGGREGATION = {"sum": plan.Aggregation.SUM, "last": plan.Aggregation.LAST, "mean": plan.Aggregation.MEAN}
LEVEL = {
    "program": plan.Level.PROGRAM,
    "kegiatan": plan.Level.ACTIVITY,
    "sub_kegiatan": plan.Level.SUB_ACTIVITY,
}


def pick(mapping: dict[str, Any], key: str, where: str) -> Any:
    try:
        return mapping[key]
    except KeyError:
        allowed = ", ".join(repr(k) for k in mapping if k)
        raise UserError(f"nilai {key!r} tidak dikenal; yang dikenal: {allowed}.", where=where) from None


def region(data: dict[str, Any]) -> Region:
    fields = {
        "name": data["name"],
        "kind": data["kind"],
        "province_name": data.get("province_name", ""),
        "capital": data.get("capital", ""),
        "lower_is_better_method": data.get("lower_is_better_method", "inverse"),
        "achievement_scale": data.get("achievement_scale", "permendagri_54_2010"),
        "absorption_threshold": Decimal(str(data.get("absorption_threshold", "80"))),
    }
    if data.get("paper_size"):
        fields["paper_size"] = data["paper_size"]
    obj, _ = Region.objects.update_or_create(code=data["code"], defaults=fields)
    obj.heads.all().delete()
    return obj


def region_head(reg: Region, data: dict[str, Any]) -> RegionHead:
    return RegionHead.objects.create(
        region=reg,
        title=data["title"],
        name=data["name"],
        is_acting=bool(data.get("is_acting")),
        acting_prefix=data.get("acting_prefix", ""),
    )


def remove_agency(code: str) -> None:
    """Delete a demo agency and everything recorded for it (before it is loaded again).

    Agreements go first: they protect the officials and indicators they refer to."""
    plan.PerformanceAgreement.objects.filter(agency__code=code).delete()
    Agency.objects.filter(code=code).delete()


def agency(reg: Region, code: str, data: dict[str, Any]) -> Agency:
    return Agency.objects.create(
        region=reg,
        code=code,
        name=data["name"],
        short_name=data.get("short_name", ""),
        address=data.get("address", ""),
        phone=data.get("phone", ""),
        email=data.get("email", ""),
        website=data.get("website", ""),
        sector_codes=data.get("sector_codes", ""),
    )


def official(ag: Agency, data: dict[str, Any], position: str) -> Official:
    nip = data.get("nip_dicetak_berspasi") or data.get("nip", "")
    digits = "".join(ch for ch in nip if ch.isdigit())
    if len(digits) == 18 and " " not in nip:
        nip = f"{digits[:8]} {digits[8:14]} {digits[14]} {digits[15:]}"
    off = Official(
        agency=ag,
        name=data["name"],
        position=position,
        rank=data.get("rank", ""),
        grade=data.get("grade", ""),
        nip=nip,
        is_head=bool(data.get("is_head", True)),
        is_acting=bool(data.get("is_acting")),
        acting_prefix=data.get("acting_prefix") or "Plt.",
    )
    off.full_clean(exclude=["agency"])
    off.save()
    return off


def canonical(code: str, where: str, urusan: str | None = None) -> str:
    try:
        return normalise_code(code, urusan=urusan).canonical
    except CodeError as exc:
        raise UserError(str(exc), where=where) from exc


def edition(name: str, regulation: str, year: int) -> plan.NomenclatureEdition:
    obj, _ = plan.NomenclatureEdition.objects.get_or_create(
        name=name, defaults={"regulation": regulation, "year": year}
    )
    return obj


def nomenclature(ed: plan.NomenclatureEdition, entries: list[tuple[str, int, str]]) -> None:
    existing = set(ed.entries.values_list("code", flat=True))
    plan.NomenclatureEntry.objects.bulk_create(
        [
            plan.NomenclatureEntry(edition=ed, code=code, level=level, name=name)
            for code, level, name in entries
            if code not in existing
        ]
    )


def narratives(agency: Agency, data: dict[str, object], document: str, year: int) -> None:
    """Store the prose of a narasi.toml, one Narrative per section (and sub-key)."""
    document = str(data.get("dokumen", document))
    year = int(str(data.get("tahun", year)))
    texts: dict[str, str] = defaultdict(str)
    for section, content in data.items():
        if not isinstance(content, dict):
            continue
        _collect(section, content, texts)
    plan.Narrative.objects.bulk_create(
        [
            plan.Narrative(agency=agency, year=year, document=document, section=key, text=text.strip())
            for key, text in texts.items()
            if text.strip()
        ]
    )


def _collect(prefix: str, content: dict[str, object], out: dict[str, str]) -> None:
    for key, value in content.items():
        if key.endswith("sumber"):
            continue
        name = prefix if key == "teks" else f"{prefix}.{key}"
        if isinstance(value, str):
            out[name] = value
        elif isinstance(value, dict):
            _collect(name, value, out)
        elif isinstance(value, list) and all(isinstance(v, str) for v in value):
            out[name] = "\n".join(value)

