"""Pieces shared by the planning documents (Renja, its quarterly evaluation, Renja Perubahan).

- :func:`load_facts` — what these documents need beyond the `AgencyYear`: the names of
  codes (nomenclature) and the register of community proposals, in two queries.
- the code tree: sorting codes, the urusan and bidang urusan above a program, group rows.
- front matter (cover, Kata Pengantar with signature, Daftar Isi/Tabel) and small cell helpers.

Every figure is computed by sakip.rules; this module only arranges.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from decimal import Decimal
from functools import lru_cache

from sakip.dataset import AgencyYear, IndicatorData, LineData, PersonData, StrategicPlanData
from sakip.documents import cells
from sakip.documents.model import (
    Cell,
    Cover,
    Document,
    Heading,
    Kind,
    ListOfTables,
    PageBreak,
    Paragraph,
    Row,
    Signature,
    SignatureBlock,
    TableOfContents,
)
from sakip.rules.codes import URUSAN_NAMES, Code, CodeError, Level, normalise_code
from sakip.rules.numbers import Score, format_money, format_value, money_in_words

NARRATIVE_DOCUMENT = "renja"


@dataclass(frozen=True)
class ProposalData:
    number: str
    proposal: str
    source: str
    source_label: str
    source_detail: str
    location: str
    volume: Decimal | None
    unit: str
    estimated_cost: int | None
    status: str
    status_label: str
    reason: str
    line_code: str


@dataclass(frozen=True)
class SpmData:
    year: int
    number: str
    service: str
    required: Decimal | None
    served: Decimal | None
    reported_achievement: Decimal | None
    target: Decimal | None


@dataclass
class RenjaFacts:
    """Facts of the planning documents that `AgencyYear` does not carry."""

    names: dict[str, str] = field(default_factory=dict)  # code → name
    proposals: list[ProposalData] = field(default_factory=list)
    spm: list[SpmData] = field(default_factory=list)  # every year, by service number then year

    def name(self, code: str) -> str:
        if code in self.names:
            return self.names[code]
        parsed = parse_code(code)
        if parsed is not None and parsed.level is Level.URUSAN:
            return URUSAN_NAMES.get(parsed.urusan, "")
        if parsed is not None and parsed.level is Level.BIDANG:
            return parsed.affair_name or ""
        return ""


def load_facts(ay: AgencyYear) -> RenjaFacts:
    """Names of every code the agency's plans use (the work plan's own names first, then the
    nomenclature, latest edition first) and the year's community proposals."""
    from sakip.monitoring.models import SpmResult
    from sakip.planning.models import CommunityProposal, NomenclatureEntry

    codes = {i.code for p in ay.strategic_plans for i in p.indicators if i.code}
    facts = RenjaFacts()
    if codes:
        for code, name in (
            NomenclatureEntry.objects.filter(code__in=codes)
            .order_by("-edition__year", "-edition_id")
            .values_list("code", "name")
        ):
            facts.names.setdefault(code, name)
    if ay.work_plan is not None:
        for line in ay.work_plan.lines():
            facts.names[line.code] = line.name
    for p in CommunityProposal.objects.filter(agency_id=ay.agency.id, year=ay.year).order_by("order", "id"):
        facts.proposals.append(
            ProposalData(
                number=p.number, proposal=p.proposal, source=p.source,
                source_label=p.get_source_display(), source_detail=p.source_detail,
                location=p.location, volume=_d(p.volume), unit=p.unit,
                estimated_cost=p.estimated_cost, status=p.status,
                status_label=p.get_status_display(), reason=p.reason, line_code=p.line_code,
            )
        )
    for r in SpmResult.objects.filter(agency_id=ay.agency.id).order_by("number", "year"):
        facts.spm.append(SpmData(r.year, r.number, r.service, _d(r.required), _d(r.served),
                                 _d(r.reported_achievement), _d(r.target)))
    return facts


def _d(value: Decimal | None) -> Decimal | None:
    if value is None:
        return None
    return value.quantize(Decimal(1)) if value == value.to_integral_value() else value.normalize()


# --------------------------------------------------------------------------------------------
# Codes and the tree


@lru_cache(maxsize=4096)
def parse_code(code: str) -> Code | None:
    try:
        return normalise_code(code)
    except CodeError:
        return None


def code_key(code: str) -> tuple[int, ...]:
    """Sort key putting parents before children: 1.06.01 < 1.06.01.2.01 < 1.06.01.2.01.01."""
    return tuple(int(p) if p.isdigit() else 0 for p in code.split("."))


def level_of(code: str) -> int:
    parsed = parse_code(code)
    return int(parsed.level) if parsed is not None else 0


def indent_of(level: int) -> int:
    return max(0, level - 3)


@lru_cache(maxsize=4096)
def affair_groups(code: str) -> tuple[str, ...]:
    """The urusan and bidang urusan codes above a program / kegiatan / sub kegiatan code."""
    parsed = parse_code(code)
    if parsed is None:
        return ()
    found = [parsed.at_level(Level.URUSAN), parsed.at_level(Level.BIDANG)]
    return tuple(c.canonical for c in found if c is not None)


def group_rows(code: str, seen: set[str], facts: RenjaFacts, width: int) -> list[Row]:
    """Heading rows for the urusan and bidang urusan of `code` not printed yet (code and
    name in the first two columns, the rest blank)."""
    rows = []
    for group in affair_groups(code):
        if group in seen:
            continue
        seen.add(group)
        row = [cells.code(group), cells.text(facts.name(group).upper(), bold=True)]
        row += [blank() for _ in range(width - 2)]
        rows.append(Row(row, style="group", indent=0, id=f"g{group}"))
    return rows


def blank() -> Cell:
    return Cell(None, "", Kind.TEXT)


# --------------------------------------------------------------------------------------------
# Values


def show_value(value: Decimal | str | Score | None, unit: str = "", missing: str = "-") -> str:
    if value is None or value == "":
        return missing
    if isinstance(value, Score):
        text = value.text
    elif isinstance(value, str):
        return value
    else:
        text = format_value(value)
    if not unit:
        return text
    return f"{text}{unit}" if unit == "%" else f"{text} {unit}"


def unit_of(ind: IndicatorData, year: int) -> str:
    """The unit written with the year's target, else the indicator's unit."""
    target = ind.target(year)
    return (target.unit if target and target.unit else ind.unit).strip()


def target_value(ind: IndicatorData, year: int) -> Decimal | str | Score | None:
    target = ind.target(year)
    return target.as_rule_input if target else None


def target_cell(ind: IndicatorData, year: int) -> Cell:
    value = target_value(ind, year)
    if value is None:
        return Cell(None, "-", Kind.TEXT, note=f"target {year} belum diisi")
    shown = show_value(value, unit_of(ind, year))
    exact = value if isinstance(value, Decimal) else shown
    return Cell(exact, shown, Kind.TEXT)


def number_or_none(value: Decimal | str | Score | None) -> Decimal | None:
    if isinstance(value, Decimal):
        return value
    if isinstance(value, Score):
        return value.value
    return None


def money_cell(line: LineData, version: str | None, key: str) -> Cell:
    """The money of a line in a budget version: a fact on a sub kegiatan, the sum of its
    children (with the XLSX formula over their rows, ids "l<code>") on a parent."""
    amount = line.budget(version) if version else None
    if line.is_leaf or amount is None or version is None:
        return cells.money(amount)
    children = [c for c in line.children if c.budget(version) is not None]
    formula = "=SUM(" + ",".join(f"{{{key}@l{c.code}}}" for c in children) + ")" if children else None
    return cells.money(amount, formula=formula)


def sum_formula(lines: Iterable[LineData], version: str | None, key: str) -> str | None:
    """=SUM over the rows of the lines (programs for a total) that have money in `version`."""
    if version is None:
        return None
    codes = [line.code for line in lines if line.budget(version) is not None]
    return "=SUM(" + ",".join(f"{{{key}@l{c}}}" for c in codes) + ")" if codes else None


def rupiah(amount: int | None) -> str:
    return "-" if amount is None else format_money(amount, cents=False)


def rupiah_words(amount: int) -> str:
    return f"{format_money(amount, cents=False)} ({money_in_words(amount)})"


def plan_of(ay: AgencyYear, ind: IndicatorData) -> StrategicPlanData | None:
    return next((p for p in ay.strategic_plans if p.id == ind.plan_id), None)


def plan_covering(ay: AgencyYear, year: int) -> StrategicPlanData | None:
    return next((p for p in ay.strategic_plans if p.covers(year)), None)


def coded_indicators(plan: StrategicPlanData | None) -> list[IndicatorData]:
    """Indicators of programs, kegiatan and sub kegiatan, parents before children."""
    if plan is None:
        return []
    found = [i for i in plan.indicators if i.code and i.subject in {"program", "activity", "sub_activity"}]
    return sorted(found, key=lambda i: code_key(i.code))


def walk_lines(programs: Iterable[LineData]) -> Iterator[LineData]:
    for program in sorted(programs, key=lambda p: code_key(p.code)):
        yield from _walk(program)


def _walk(line: LineData) -> Iterator[LineData]:
    yield line
    for child in sorted(line.children, key=lambda c: code_key(c.code)):
        yield from _walk(child)


# --------------------------------------------------------------------------------------------
# Prose and front matter


def narrative(ay: AgencyYear, section: str) -> str:
    return ay.narrative(NARRATIVE_DOCUMENT, section).strip()


def paragraphs(text: str, style: str = "body") -> list[Paragraph]:
    return [Paragraph.text(p.strip(), style) for p in text.split("\n\n") if p.strip()]


def prose_or_draft(
    doc: Document, ay: AgencyYear, section: str, draft: list[str], where: str
) -> list[Paragraph]:
    """The person's text of `section`; where nothing is stored, the drafted sentences and a
    visible reminder (also a document warning)."""
    stored = narrative(ay, section)
    if stored:
        return paragraphs(stored)
    out = [Paragraph.text(s) for s in draft]
    out.append(
        Paragraph.text(
            f"[Konsep otomatis — lengkapi atau ubah uraian bagian {where} (kunci narasi "
            f"'{section}').]",
            "missing",
        )
    )
    doc.warn(f"uraian belum ditulis; dipakai konsep otomatis (kunci narasi '{section}')", where)
    return out


def signature(ay: AgencyYear, doc: Document, where: str) -> SignatureBlock:
    head: PersonData | None = ay.head
    place = ay.region.capital
    if head is None:
        doc.warn("kepala perangkat daerah belum tercatat; blok tanda tangan kosong", where)
        return SignatureBlock([Signature(place=place, date="", position=f"Kepala {ay.agency.name}", name="")])
    position = head.position
    return SignatureBlock(
        [Signature(place=place, date="", position=position, name=head.name,
                   rank=head.rank_and_grade, nip=head.nip)]
    )


def front_matter(doc: Document, ay: AgencyYear, title_lines: list[str], foreword: list[str]) -> None:
    doc.add(
        Cover(
            lines=title_lines,
            agency=ay.agency.name,
            region=ay.region.name,
            year=ay.year,
            address=ay.agency.address,
        ),
        PageBreak(),
        Heading("KATA PENGANTAR", 0, id="kata-pengantar", in_toc=True),
    )
    stored = narrative(ay, "kata_pengantar")
    doc.add(*(paragraphs(stored) if stored else [Paragraph.text(s) for s in foreword]))
    doc.add(signature(ay, doc, "Kata Pengantar"), PageBreak(), TableOfContents(), ListOfTables(), PageBreak())


def chapter(doc: Document, number: str, title: str, id: str) -> None:
    doc.add(Heading(title, 0, id=id, number=number))


def section(doc: Document, number: str, title: str, id: str = "") -> None:
    doc.add(Heading(title, 1, id=id, number=number))
