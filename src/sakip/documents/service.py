"""Generating a registered document kind for one agency-year: the one path shared by
`sakip report` and the web downloads (look up the kind, check the options, load the data,
build, finalize, render)."""

from __future__ import annotations

from dataclasses import dataclass

from sakip.common.errors import UserError
from sakip.dataset import AgencyYear
from sakip.documents.model import Document
from sakip.documents.registry import DocumentKind, Options, kinds
from sakip.documents.render import FORMATS, render

VERSIONS = ("original", "revised")


@dataclass(frozen=True)
class Generated:
    document: Document
    data: bytes
    fmt: str


def document_kind(key: str) -> DocumentKind:
    known = kinds()
    if key not in known:
        names = ", ".join(sorted(known)) or "belum ada"
        raise UserError(f"jenis dokumen '{key}' tidak dikenal.", hint=f"Jenis yang ada: {names}.")
    return known[key]


def check_options(kind: DocumentKind, fmt: str, options: Options) -> None:
    if fmt not in kind.formats or fmt not in FORMATS:
        raise UserError(
            f"format '{fmt}' tidak tersedia untuk {kind.title}.",
            hint=f"Pilih salah satu: {', '.join(f for f in kind.formats if f in FORMATS)}.",
        )
    if kind.needs_quarter and options.quarter is None:
        raise UserError(f"{kind.title} disusun per triwulan.", hint="Sebutkan --quarter 1, 2, 3 atau 4.")
    if options.quarter is not None and options.quarter not in (1, 2, 3, 4):
        raise UserError(f"triwulan '{options.quarter}' tidak ada.", hint="Triwulan adalah 1, 2, 3 atau 4.")
    if options.version is not None and options.version not in VERSIONS:
        raise UserError(
            f"versi '{options.version}' tidak dikenal.",
            hint="Pilih original (PK awal) atau revised (PK Perubahan).",
        )


def build(kind: DocumentKind, ay: AgencyYear, options: Options) -> Document:
    """The finalized document (numbering and references settled; finalize is idempotent)."""
    return kind.build(ay, options).finalize()


def generate(key: str, ay: AgencyYear, fmt: str, options: Options | None = None) -> Generated:
    options = options or Options()
    kind = document_kind(key)
    check_options(kind, fmt, options)
    document = build(kind, ay, options)
    return Generated(document=document, data=render(document, fmt), fmt=fmt)


def file_name(kind_key: str, ay: AgencyYear, fmt: str, options: Options | None = None) -> str:
    """An Indonesian file name: "LKjIP_2024_Dinas-Sosial-PPPA-Kabupaten-Belitung.docx"."""
    import re

    options = options or Options()
    label = {"lkjip": "LKjIP", "pk": "Perjanjian-Kinerja"}.get(kind_key, kind_key.replace("_", "-"))
    if kind_key == "pk":
        agreement = ay.agreement(options.version)
        if (agreement.version if agreement else options.version) == "revised":
            label = "Perjanjian-Kinerja-Perubahan"
    if options.quarter:
        label += f"_TW{options.quarter}"
    agency = re.sub(r"[^A-Za-z0-9]+", "-", ay.agency.short_name or ay.agency.name).strip("-")
    return f"{label}_{ay.year}_{agency}.{fmt}"
