"""The Perjanjian Kinerja (performance agreement) a document prints: its indicators with the
year's targets, read from what `sakip check` recognised (pure: no database).

A PK table is found by its caption or the prose just before it ("Perjanjian Kinerja",
"Perubahan Perjanjian Kinerja"), not by its number; measurement and report tables that only
say they are "based on" the agreement (Pengukuran/Laporan Capaian Kinerja … berdasarkan
Perjanjian Kinerja) are not agreements. Its rows are matched to the goals' and objectives'
indicators the same document describes (sakip.ingest.goals) by the indicator's name and the
row's level word (Tujuan / Sasaran). One printed row is one item: a row naming an indicator
that the strategic plan has under both a goal and an objective, without a level word, is the
first of them not yet taken (the goal's), as the agreement prints it once.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from sakip.ingest.goals import Fact, IndicatorItem, StrategyPlan, _match, _strip_prefix
from sakip.ingest.lines import _cell
from sakip.ingest.recognise import YEAR, Table, norm

_AGREEMENT = re.compile(r"perjanjian\s+kinerja", re.I)
_NOT_AGREEMENT = re.compile(r"pengukuran|capaian|laporan|analisis|berdasarkan|realisasi|evaluasi", re.I)
_REVISED = re.compile(r"perubahan|revisi", re.I)


@dataclass
class AgreementRow:
    indicator: IndicatorItem
    target: Fact
    printed: str
    order: int | None = None  # position in the agreement (default: as listed)


@dataclass
class AgreementPlan:
    version: str  # "original" or "revised" (PerformanceAgreement.Version)
    source: str
    rows: list[AgreementRow] = field(default_factory=list)


def _is_agreement(table: Table, year: int) -> bool:
    caption = table.raw.caption
    if not _AGREEMENT.search(caption) or _NOT_AGREEMENT.search(caption):
        return False
    years = {int(y) for y in YEAR.findall(caption)}
    return not years or year in years


def build_agreements(tables: list[Table], strategy: StrategyPlan | None, year: int, notes: list[str]) -> list[AgreementPlan]:
    """One plan per version (the first table of each version); empty without goals' indicators."""
    if strategy is None or not strategy.indicators:
        return []
    names = [(item, item.name) for item in strategy.indicators]
    found: dict[str, AgreementPlan] = {}
    for table in tables:
        if not _is_agreement(table, year):
            continue
        ind_cols = [c.index for c in table.columns if c.role == "indicator" or "indikator" in norm(c.header)]
        targets = [c for c in table.columns if re.search(r"\btarget\b", norm(c.header))]
        if not ind_cols or not targets:
            continue
        version = "revised" if _REVISED.search(table.raw.caption) else "original"
        if version in found:
            continue
        plan = AgreementPlan(version, table.name)
        taken: set[int] = set()
        for row in table.rows:
            if row.is_total:
                continue
            name = next((row.cells[i].strip() for i in ind_cols if i < len(row.cells) and row.cells[i].strip()), "")
            level, name = _strip_prefix(name)
            if not re.search(r"[A-Za-z]{3,}", name):
                continue
            fact, printed = _cell(row, targets[0])
            if fact is None:
                continue
            row_level = level or _strip_prefix(row.label)[0]
            matched = [i for i in _match(names, row_level, name) if id(i) not in taken]
            if not matched:
                notes.append(f"{table.name}: indikator PK '{name[:60]}' tidak cocok dengan indikator tujuan/sasaran; tidak diimpor")
                continue
            taken.add(id(matched[0]))
            plan.rows.append(AgreementRow(matched[0], fact, printed))
        if plan.rows:
            found[version] = plan
    return list(found.values())
