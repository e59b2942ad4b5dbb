"""RULES.md §8 — SPM index (e-SPM, as in seed 003).

Per service: 0,8 × (terlayani / harus dilayani × 100) + 0,2 × mean(quality items %);
the index is the mean of the services (seed 003: 99,79; 100; 99,23; 100; 88,00 → 97,40).

Decisions: quality items with 0 required and 0 served (0/0) are left out of the quality
mean (seed 003 counts them 0 in one service and 100 in another). When nothing at all was
required (0 people to serve, or no quality item with a requirement) nothing was left
unmet, so that part counts 100; coverage above 100 % is capped at 100 (seed 003 shows
47 of 45 as 100 %). Every such adjustment is listed in :attr:`ServiceIndex.notes`.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal

from sakip.rules.numbers import HUNDRED

__all__ = [
    "COVERAGE_WEIGHT",
    "QUALITY_WEIGHT",
    "ServiceIndex",
    "service_index",
    "service_index_detail",
    "spm_index",
]

COVERAGE_WEIGHT = Decimal("0.8")
QUALITY_WEIGHT = Decimal("0.2")


@dataclass(frozen=True)
class ServiceIndex:
    """One SPM service: the index, its two parts (both in %) and the decisions applied."""

    value: Decimal
    coverage: Decimal
    quality: Decimal
    notes: tuple[str, ...] = ()


def _ratio(done: Decimal, required: Decimal) -> Decimal:
    return min(done * HUNDRED / required, HUNDRED)


def service_index_detail(
    served: Decimal | int,
    to_serve: Decimal | int,
    quality_items: Sequence[tuple[Decimal | int, Decimal | int]],
) -> ServiceIndex:
    """Index of one SPM service with its parts (RULES.md §8). Like ``served, to_serve``,
    each quality item is a (fulfilled, required) pair — seed 003 "Penyediaan sandang":
    28 fulfilled of 30 required is ``(28, 30)``."""
    notes: list[str] = []
    required_people, served_people = Decimal(to_serve), Decimal(served)
    if required_people == 0:
        coverage = HUNDRED
        notes.append("tidak ada penerima yang harus dilayani; cakupan dihitung 100 %")
    else:
        coverage = _ratio(served_people, required_people)
        if served_people > required_people:
            notes.append("terlayani melebihi yang harus dilayani; cakupan dibatasi 100 %")
    percents: list[Decimal] = []
    skipped = 0
    for fulfilled, required in quality_items:
        need, done = Decimal(required), Decimal(fulfilled)
        if need == 0:
            skipped += 1
            continue
        percents.append(_ratio(done, need))
    if skipped:
        notes.append(f"{skipped} butir mutu 0/0 tidak ikut dirata-ratakan")
    if percents:
        quality = sum(percents, Decimal(0)) / len(percents)
    else:
        quality = HUNDRED
        notes.append("tidak ada butir mutu yang dibutuhkan; mutu dihitung 100 %")
    value = COVERAGE_WEIGHT * coverage + QUALITY_WEIGHT * quality
    return ServiceIndex(value, coverage, quality, tuple(notes))


def service_index(
    served: Decimal | int,
    to_serve: Decimal | int,
    quality_items: Sequence[tuple[Decimal | int, Decimal | int]],
) -> Decimal:
    """0,8 × coverage % + 0,2 × mean quality % of one SPM service (RULES.md §8; seed 003:
    disability service 30/30 with 13 items → 99,79). See :func:`service_index_detail`
    for the decisions on 0/0 items and over-coverage."""
    return service_index_detail(served, to_serve, quality_items).value


def spm_index(service_indices: Iterable[Decimal]) -> Decimal:
    """SPM index = unweighted mean of the service indices (RULES.md §8; seed 003:
    99,79; 100; 99,23; 100; 88,00 → 97,40). Raises ValueError for an empty list: an index
    of no services is a programming error, not a data case."""
    values = list(service_indices)
    if not values:
        raise ValueError("Indeks SPM memerlukan sedikitnya satu layanan")
    return sum(values, Decimal(0)) / len(values)
