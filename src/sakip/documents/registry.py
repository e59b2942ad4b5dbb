"""The documents OpenSAKIP generates, by key. `sakip report KEY …` and the web downloads look
them up here; a builder module registers its kinds when imported (see BUILDER_MODULES)."""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass

from sakip.dataset import AgencyYear
from sakip.documents.model import Document

#: Modules that define and register document kinds. Add yours here.
BUILDER_MODULES: list[str] = [
    "sakip.documents.renja",
    "sakip.documents.evaluasi_renja",
    "sakip.documents.renja_perubahan",
    "sakip.documents.agreement",
    "sakip.documents.lkjip",
]


@dataclass(frozen=True)
class Options:
    quarter: int | None = None  # for quarterly documents (evaluasi-renja)
    version: str | None = None  # e.g. "original" / "revised" for the PK


@dataclass(frozen=True)
class DocumentKind:
    key: str  # "lkjip", "pk", "renja", "evaluasi-renja", "renja-perubahan"
    title: str  # Indonesian, for menus and messages
    build: Callable[[AgencyYear, Options], Document]
    formats: tuple[str, ...] = ("docx", "xlsx", "pdf")
    needs_quarter: bool = False


_REGISTRY: dict[str, DocumentKind] = {}


def register(kind: DocumentKind) -> DocumentKind:
    _REGISTRY[kind.key] = kind
    return kind


def kinds() -> dict[str, DocumentKind]:
    for module in BUILDER_MODULES:
        importlib.import_module(module)
    return dict(_REGISTRY)
