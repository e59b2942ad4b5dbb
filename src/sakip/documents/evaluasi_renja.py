"""Quarterly evaluation of the Renja results (the E-form of Permendagri 86/2017; RULES.md §6).

`build(ay, options)` with `options.quarter` = 1..4; registered as "evaluasi-renja".

Per program / kegiatan / sub kegiatan and indicator: 6 target Renstra at the end of the
period · 7 realisation of the Renstra up to last year · 8 target of this year · 9–12
realisation TW I–IV · 13 realisation of this year · 14 = 7 + 13 · 15 = 14 / 6 × 100 with its
Permendagri 86/2017 category — each for K (kinerja) and Rp (anggaran). Columns 13 and 14 follow
the indicator's aggregation (sum / last / mean) through `rules.renja.quarterly_row`; money is
always summed. Only the quarters up to the one asked for exist in the report: realisations
entered for a later quarter are ignored, so the TW II report is the same whenever it is run.
The year's own achievement (13 / 8) is added for K and Rp.

Column 6 (Rp) is the Renstra's money for the whole period (planning.RenstraFunding; a line
without a stated amount takes the complete sum of its children, `rules.renja.renstra_money`);
where none is stored the cells read "belum diisi" and the document says so. When the budget of
record is a perubahan version (APBD-P/RKPD-P), column 8 (K) is the revised target where one is
stored, matching the revised money of column 8 (Rp).

Prose (Narrative, document "renja"): `evaluasi.tw<q>.pendorong`, `.penghambat`,
`.tindak_lanjut` (factors and follow-up of quarter q).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal

from sakip.dataset import AgencyYear, IndicatorData, LineData
from sakip.documents import cells
from sakip.documents.model import (
    Cell,
    Column,
    Document,
    HeaderCell,
    Heading,
    Kind,
    Paragraph,
    Ref,
    Row,
    Run,
    Table,
)
from sakip.documents.registry import DocumentKind, Options, register
from sakip.documents.renja_base import (
    blank,
    group_rows,
    indent_of,
    load_facts,
    money_cell,
    narrative,
    number_or_none,
    paragraphs,
    rupiah,
    signature,
    sum_formula,
    target_value,
    unit_of,
    walk_lines,
)
from sakip.rules import renja as rules_renja
from sakip.rules.achievement import Achievement, Polarity
from sakip.rules.averages import mean_achievement
from sakip.rules.budget import total_amounts
from sakip.rules.method import method_text
from sakip.rules.numbers import Figure, Score
from sakip.rules.scales import PERMENDAGRI_86_2017, category

Target = Decimal | str | Score | None

ROMAN = {1: "I", 2: "II", 3: "III", 4: "IV"}
NO_RENSTRA_MONEY = rules_renja.NO_RENSTRA_MONEY


@dataclass(frozen=True)
class QuarterLine:
    """One row of the E-form: a line with one of its indicators (or none) and the figures."""

    line: LineData
    indicator: IndicatorData | None
    k_end: Decimal | None
    k_before: Decimal | None
    k_year: Decimal | None
    k_quarters: list[Decimal | None]
    k: rules_renja.QuarterlyRow | None
    rp_before: int | None
    rp_year: int | None
    rp_quarters: list[int | None]
    rp: rules_renja.QuarterlyRow
    first: bool
    rp_end: Figure = Figure(None, NO_RENSTRA_MONEY)


def spent_before(ay: AgencyYear) -> dict[str, int]:
    """Money spent on each sub kegiatan code in the earlier years of the Renstra period."""
    from sakip.monitoring.models import SpendingRealisation

    plan = ay.strategic_plan
    if plan is None or plan.start_year >= ay.year:
        return {}
    spent: dict[str, int] = defaultdict(int)
    for code, amount in SpendingRealisation.objects.filter(
        line__work_plan__agency_id=ay.agency.id,
        line__work_plan__year__gte=plan.start_year, line__work_plan__year__lt=ay.year,
    ).values_list("line__code", "amount"):
        spent[code] += amount
    return dict(spent)


def renstra_funding(ay: AgencyYear) -> dict[str, int]:
    """The Renstra's money for the whole period, by code, as stated (planning.RenstraFunding)."""
    from sakip.planning.models import RenstraFunding

    plan = ay.strategic_plan
    if plan is None:
        return {}
    return dict(RenstraFunding.objects.filter(strategic_plan_id=plan.id).values_list("code", "amount"))


def renstra_money(lines: list[LineData], stated: dict[str, int]) -> dict[str, Figure]:
    """Column 6 (Rp) of every line: its stated Renstra money or the sum of its children's
    (rules.renja.renstra_money), computed from the leaves up."""
    out: dict[str, Figure] = {}

    def visit(line: LineData) -> Figure:
        parts = [(child.code, visit(child)) for child in line.children]
        out[line.code] = rules_renja.renstra_money(stated.get(line.code), parts or None)
        return out[line.code]

    for line in lines:
        visit(line)
    return out


def revised_targets_of_record(ay: AgencyYear) -> dict[int, Target]:
    """The revised (perubahan) targets when the budget of record is a perubahan version: the
    year is then evaluated against the Renja Perubahan, targets and money alike."""
    from sakip.common.budget_versions import REVISED_VERSIONS
    from sakip.documents.renja_perubahan import revised_targets

    wp = ay.work_plan
    if wp is None or wp.budget_version not in REVISED_VERSIONS:
        return {}
    return revised_targets(ay)


def _quarter_money(line: LineData, quarter: int) -> int | None:
    amounts = [s.amount for leaf in line.leaves() for s in leaf.spending if s.period == quarter]
    return total_amounts(amounts) if amounts else None


def quarter_lines(ay: AgencyYear, quarter: int) -> list[QuarterLine]:
    """The rows of the E-form for TW `quarter` (1–4), from the year's work plan."""
    wp = ay.work_plan
    if wp is None:
        return []
    n = ay.year
    plan = ay.strategic_plan
    version = wp.budget_version
    revised = revised_targets_of_record(ay)
    before = spent_before(ay)
    end_money = renstra_money(wp.programs, renstra_funding(ay))
    earlier = list(range(plan.start_year, n)) if plan else []
    out: list[QuarterLine] = []
    for line in walk_lines(wp.programs):
        rp_end = end_money[line.code]
        rp_before_items = [before[leaf.code] for leaf in line.leaves() if leaf.code in before]
        rp_before = total_amounts(rp_before_items) if rp_before_items else None
        rp_year = line.budget(version) if version else None
        rp_quarters = [_quarter_money(line, q) for q in range(1, quarter + 1)]
        rp = rules_renja.quarterly_row(
            renstra_target=rp_end.value, realised_until_last_year=_dec(rp_before),
            target_year=_dec(rp_year),
            quarters=[_dec(v) for v in rp_quarters], up_to_quarter=quarter,
            polarity=Polarity.HIGHER_IS_BETTER, aggregation=rules_renja.Aggregation.SUM,
        )
        for index, ind in enumerate(line.indicators or [None]):
            if ind is None:
                out.append(QuarterLine(line, None, None, None, None, [], None, rp_before, rp_year,
                                       rp_quarters, rp, True, rp_end))
                continue
            k_end = ind.end_target_value if ind.end_target_value is not None else (
                number_or_none(target_value(ind, plan.end_year)) if plan else None)
            past = [number_or_none(ind.realised(y)) for y in earlier]
            k_before = rules_renja.aggregate(past, ind.aggregation) if past else None
            k_year = number_or_none(revised.get(ind.id, target_value(ind, n)))
            by_period = {r.period: r.value for r in ind.realisations_of(n, quarter) if r.period > 0}
            k_quarters = [by_period.get(q) for q in range(1, quarter + 1)]
            k = rules_renja.quarterly_row(
                renstra_target=k_end, realised_until_last_year=k_before, target_year=k_year,
                quarters=k_quarters, up_to_quarter=quarter, polarity=ind.polarity,
                aggregation=ind.aggregation, method=ay.settings.lower_is_better_method,
            )
            out.append(QuarterLine(line, ind, k_end, k_before, k_year, k_quarters, k, rp_before, rp_year,
                                   rp_quarters, rp, index == 0, rp_end))
    return out


def _dec(amount: int | None) -> Decimal | None:
    return None if amount is None else Decimal(amount)


def _figure_cell(fig: Figure, money: bool = False) -> Cell:
    if fig.value is None:
        return Cell(None, fig.reason, Kind.MONEY if money else Kind.DECIMAL)
    cell = cells.money(int(fig.value)) if money else cells.measure(fig.value)
    cell.note = fig.note
    return cell


def _k(value: Decimal | None, why: str) -> Cell:
    return cells.measure(value) if value is not None else Cell(None, "-", Kind.DECIMAL, note=why)


def _rp(amount: int | None, why: str) -> Cell:
    return cells.money(amount) if amount is not None else Cell(None, "-", Kind.MONEY, note=why)


def _renstra_money_cell(fig: Figure) -> Cell:
    if fig.value is None:
        return Cell(None, "belum diisi", Kind.MONEY, note=fig.reason)
    cell = cells.money(int(fig.value))
    cell.note = fig.note
    return cell


def _renstra_percent(item: QuarterLine) -> Cell:
    if item.rp_end.value is None:
        return Cell(None, "-", Kind.PERCENT, note=item.rp_end.reason)
    cell = _short(cells.percent(item.rp.col15))
    if item.rp.col15.value is not None:
        cell.formula = "={rp14}/{rp6}*100"
    return cell


def _category(result: Achievement) -> Cell:
    if result.rounded is None:
        return Cell(None, "-", Kind.TEXT, note=result.reason)
    return cells.text(category(PERMENDAGRI_86_2017, result.rounded))


SHORT_REASONS = {
    "belum ada realisasi": "belum ada",
    "belum ada realisasi triwulan": "belum ada",
    "tidak dapat dihitung (target nol/kosong)": "tanpa target",
    "tidak dapat dihitung (kolom 7 dan 13 kosong)": "belum ada",
}


def _short(cell: Cell) -> Cell:
    """In these wide tables an undefined figure shows a short reason; the full one is its note
    (and the legend under the table)."""
    if cell.value is None and cell.display in SHORT_REASONS:
        cell.note = cell.note or cell.display
        cell.display = SHORT_REASONS[cell.display]
    return cell


LEGEND = ("Sel tanpa angka: 'belum ada' = belum ada realisasi sampai triwulan ini; 'tanpa target' = "
          "target nol atau kosong sehingga capaian tidak dapat dihitung; '-' = data tidak ada.")


def _common_notes(quarter: int) -> list[str]:
    return [
        f"Hanya realisasi triwulan I s/d {ROMAN[quarter]} yang dihitung; realisasi triwulan "
        "sesudahnya tidak dipakai, sehingga laporan ini sama kapan pun dicetak.",
        LEGEND,
    ]


def kinerja_table(ay: AgencyYear, quarter: int, rows_data: list[QuarterLine]) -> Table:
    """The K (kinerja) columns of the E-form, one row per indicator."""
    n = ay.year
    plan = ay.strategic_plan
    end = plan.end_year if plan else n
    facts = load_facts(ay)
    quarters = list(range(1, quarter + 1))
    columns = [
        Column("code", "Kode", Kind.CODE, 1.2),
        Column("name", "Program/Kegiatan/Sub Kegiatan", Kind.TEXT, 2.6),
        Column("indicator", "Indikator Kinerja", Kind.TEXT, 2.6),
        Column("k6", f"Target Renstra {end}", Kind.DECIMAL, 0.8),
        Column("k7", f"Realisasi s/d {n - 1}", Kind.DECIMAL, 0.8),
        Column("k8", f"Target {n}", Kind.DECIMAL, 0.8),
    ]
    columns += [Column(f"k{8 + q}", f"TW {ROMAN[q]}", Kind.DECIMAL, 0.8) for q in quarters]
    columns += [
        Column("k13", f"Realisasi s/d TW {ROMAN[quarter]}", Kind.DECIMAL, 0.8),
        Column("k14", f"Realisasi Renstra s/d {n}", Kind.DECIMAL, 0.8),
        Column("k15", "Capaian Renstra (%)", Kind.PERCENT, 0.9),
        Column("cat", "Kategori", Kind.TEXT, 0.9),
        Column("ky", f"Capaian {n} (%)", Kind.PERCENT, 0.9),
        Column("caty", "Kategori", Kind.TEXT, 0.9),
    ]
    top = [
        HeaderCell("Kode", rowspan=2), HeaderCell("Program/Kegiatan/Sub Kegiatan", rowspan=2),
        HeaderCell("Indikator Kinerja Program (outcome)/Kegiatan (output)", rowspan=2),
        HeaderCell(f"Target Renstra PD Akhir Periode ({end})", rowspan=2),
        HeaderCell(f"Realisasi Renstra s/d Tahun Lalu ({n - 1})", rowspan=2),
        HeaderCell(f"Target Renja Tahun {n}", rowspan=2),
        HeaderCell("Realisasi Kinerja per Triwulan", colspan=len(quarters)),
        HeaderCell(f"Realisasi Renja s/d TW {ROMAN[quarter]}", rowspan=2),
        HeaderCell(f"Realisasi Renstra s/d Tahun {n}", rowspan=2),
        HeaderCell("Tingkat Capaian Renstra", colspan=2),
        HeaderCell(f"Capaian Tahun {n} (13/8)", colspan=2),
    ]
    second = [HeaderCell(ROMAN[q]) for q in quarters] + [HeaderCell("%"), HeaderCell("Kategori"),
                                                         HeaderCell("%"), HeaderCell("Kategori")]
    number_row = ["1", "2", "3", "6", "7", "8"] + [str(8 + q) for q in quarters] + [
        "13", "14=7+13", "15=14/6", "", "13/8", ""]
    rows: list[Row] = []
    seen: set[str] = set()
    for item in rows_data:
        line, ind, k = item.line, item.indicator, item.k
        if item.first:
            rows.extend(group_rows(line.code, seen, facts, len(columns)))
        unit = unit_of(ind, n) if ind else ""
        row: list[Cell] = [
            cells.code(line.code) if item.first else blank(),
            cells.text(line.name, bold=line.level == 3) if item.first else blank(),
            cells.text(f"{ind.name} ({unit})" if ind and unit else (ind.name if ind else "-")),
        ]
        if ind is None or k is None:
            row += [Cell(None, "-", Kind.DECIMAL, note="indikator belum diisi") for _ in columns[3:]]
            rows.append(Row(row, indent=indent_of(line.level), id=f"q{line.code}" if item.first else ""))
            continue
        row += [
            _k(item.k_end, "target akhir Renstra kosong"),
            _k(item.k_before, "tidak ada realisasi tahun sebelumnya dalam periode Renstra"),
            _k(item.k_year, f"target {n} kosong"),
        ]
        row += [_k(item.k_quarters[i] if i < len(item.k_quarters) else None, "belum ada realisasi")
                for i in range(len(quarters))]
        year = cells.percent(k.year_achievement)
        if ind.polarity is Polarity.HIGHER_IS_BETTER and k.year_achievement.value is not None:
            year.formula = "={k13}/{k8}*100"
        row += [
            _short(_figure_cell(k.col13)), _short(_figure_cell(k.col14)), _short(cells.percent(k.col15)),
            _category(k.col15), _short(year), _category(k.year_achievement),
        ]
        rows.append(Row(row, indent=indent_of(line.level), id=f"q{line.code}" if item.first else ""))
    return Table(
        id="tabel-evaluasi-kinerja",
        caption=(f"Evaluasi terhadap Hasil Renja {ay.agency.name} s/d Triwulan {ROMAN[quarter]} "
                 f"Tahun {n}: Kinerja (K)"),
        columns=columns, rows=rows, header=[top, second], number_row=number_row, landscape=True,
        notes=_common_notes(quarter) + [
            "Kolom 13: realisasi triwulan dijumlahkan untuk indikator cacah, nilai triwulan "
            "terakhir untuk persentase/rasio/indeks, rata-rata untuk indikator rata-rata. Kolom 14 "
            "= 7 + 13 dengan aturan yang sama; kolom 15 = 14/6 × 100 (indikator negatif: 6/14 × 100).",
            "Kategori menurut Permendagri 86/2017: "
            + PERMENDAGRI_86_2017.describe().replace(":", "").replace("\n", "; ") + ".",
        ] + ([f"Kolom 8: target Renja Perubahan {n} bila ada (pagu yang berlaku adalah versi perubahan); "
              "selain itu target semula."] if revised_targets_of_record(ay) else []),
        source="Renja, Renstra dan realisasi triwulan yang tersimpan; dihitung oleh OpenSAKIP.",
    )


def anggaran_table(ay: AgencyYear, quarter: int, rows_data: list[QuarterLine]) -> Table:
    """The Rp (anggaran) columns of the E-form, one row per program / kegiatan / sub kegiatan."""
    n = ay.year
    plan = ay.strategic_plan
    end = plan.end_year if plan else n
    facts = load_facts(ay)
    quarters = list(range(1, quarter + 1))
    columns = [
        Column("code", "Kode", Kind.CODE, 1.2),
        Column("name", "Program/Kegiatan/Sub Kegiatan", Kind.TEXT, 3.2),
        Column("rp6", f"Pagu Renstra {end}", Kind.MONEY, 1.2),
        Column("rp7", f"Realisasi s/d {n - 1}", Kind.MONEY, 1.3),
        Column("rp8", f"Pagu {n}", Kind.MONEY, 1.3),
    ]
    columns += [Column(f"rp{8 + q}", f"TW {ROMAN[q]}", Kind.MONEY, 1.3) for q in quarters]
    columns += [
        Column("rp13", f"Realisasi s/d TW {ROMAN[quarter]}", Kind.MONEY, 1.3),
        Column("rp14", f"Realisasi Renstra s/d {n}", Kind.MONEY, 1.3),
        Column("rp15", "Capaian Renstra (%)", Kind.PERCENT, 0.9),
        Column("rpcat", "Kategori", Kind.TEXT, 0.9),
        Column("rpy", f"Serapan {n} (%)", Kind.PERCENT, 0.9),
        Column("caty", "Kategori", Kind.TEXT, 0.9),
    ]
    top = [
        HeaderCell("Kode", rowspan=2), HeaderCell("Program/Kegiatan/Sub Kegiatan", rowspan=2),
        HeaderCell(f"Pagu Renstra PD Akhir Periode ({end})", rowspan=2),
        HeaderCell(f"Realisasi Anggaran Renstra s/d Tahun Lalu ({n - 1})", rowspan=2),
        HeaderCell(f"Pagu Renja Tahun {n}", rowspan=2),
        HeaderCell("Realisasi Anggaran per Triwulan", colspan=len(quarters)),
        HeaderCell(f"Realisasi Renja s/d TW {ROMAN[quarter]}", rowspan=2),
        HeaderCell(f"Realisasi Renstra s/d Tahun {n}", rowspan=2),
        HeaderCell("Tingkat Capaian Renstra", colspan=2),
        HeaderCell(f"Realisasi Tahun {n} (13/8)", colspan=2),
    ]
    second = [HeaderCell(ROMAN[q]) for q in quarters] + [HeaderCell("%"), HeaderCell("Kategori"),
                                                         HeaderCell("%"), HeaderCell("Kategori")]
    number_row = ["1", "2", "6", "7", "8"] + [str(8 + q) for q in quarters] + ["13", "14=7+13", "15=14/6",
                                                                              "", "13/8", ""]
    rows: list[Row] = []
    seen: set[str] = set()
    for item in rows_data:
        if not item.first:
            continue
        line, rp = item.line, item.rp
        rows.extend(group_rows(line.code, seen, facts, len(columns)))
        year = cells.percent(rp.year_achievement)
        if rp.year_achievement.value is not None:
            year.formula = "={rp13}/{rp8}*100"
        row = [
            cells.code(line.code), cells.text(line.name, bold=line.level == 3),
            _renstra_money_cell(item.rp_end),
            _rp(item.rp_before, "tidak ada realisasi anggaran tahun sebelumnya"),
            money_cell(line, ay.work_plan.budget_version if ay.work_plan else None, "rp8"),
        ]
        row += [_rp(item.rp_quarters[i], "belum ada realisasi") for i in range(len(quarters))]
        row += [
            _short(_figure_cell(rp.col13, money=True)), _short(_figure_cell(rp.col14, money=True)),
            _renstra_percent(item),
            _category(rp.col15) if item.rp_end.value is not None else Cell(None, "-", Kind.TEXT,
                                                                             note=item.rp_end.reason),
            _short(year), _category(rp.year_achievement),
        ]
        rows.append(Row(row, indent=indent_of(line.level), id=f"l{line.code}"))
    wp = ay.work_plan
    missing_money = sum(1 for item in rows_data if item.first and item.rp_end.value is None)
    if wp is not None:
        version = wp.budget_version
        total = wp.total_budget(version) if version else None
        total_q = [total_amounts(a for a in (_quarter_money(p, q) for p in wp.programs) if a is not None)
                   for q in quarters]
        absorption = rules_renja.quarterly_row(
            renstra_target=None, realised_until_last_year=None, target_year=_dec(total),
            quarters=[_dec(a) for a in total_q], up_to_quarter=quarter,
            polarity=Polarity.HIGHER_IS_BETTER, aggregation=rules_renja.Aggregation.SUM,
        )
        totals: list[Cell] = [blank(), cells.text("JUMLAH", bold=True), blank(), blank(),
                              cells.money(total, formula=sum_formula(wp.programs, version, "rp8"))]
        totals += [cells.money(a) for a in total_q]
        totals += [_short(_figure_cell(absorption.col13, money=True)), blank(), blank(), blank(),
                   _short(cells.percent(absorption.year_achievement)), _category(absorption.year_achievement)]
        rows.append(Row(totals, style="total"))
    return Table(
        id="tabel-evaluasi-anggaran",
        caption=(f"Evaluasi terhadap Hasil Renja {ay.agency.name} s/d Triwulan {ROMAN[quarter]} "
                 f"Tahun {n}: Anggaran (Rp)"),
        columns=columns, rows=rows, header=[top, second], number_row=number_row, landscape=True,
        notes=_common_notes(quarter) + [
            "Anggaran selalu dijumlahkan: kolom 13 = Σ triwulan, kolom 14 = 7 + 13; pagu dan "
            "realisasi program dan kegiatan adalah jumlah sub kegiatannya.",
            "Kolom 6: pagu seluruh periode Renstra sebagaimana tercantum pada Renstra; bila Renstra "
            "hanya mencantumkan pagu rinciannya, pagu program/kegiatan adalah jumlah rinciannya. "
            "Kolom 15 = 14/6 × 100.",
        ] + ([f"Kolom 6 dan 15 kosong pada {missing_money} baris: {NO_RENSTRA_MONEY} "
              "(isi pada halaman Renstra → Pagu akhir periode)."] if missing_money else []),
        source="Renja dan realisasi anggaran triwulan yang tersimpan; dihitung oleh OpenSAKIP.",
    )


def build(ay: AgencyYear, options: Options) -> Document:
    quarter = options.quarter
    if quarter not in (1, 2, 3, 4):
        from sakip.common.errors import UserError

        raise UserError("evaluasi Renja memerlukan triwulan 1, 2, 3 atau 4 (--quarter).")
    n = ay.year
    doc = Document(
        kind="evaluasi-renja",
        title=f"Evaluasi Hasil Renja {ay.agency.name} Triwulan {ROMAN[quarter]} Tahun {n}",
        agency_code=ay.agency.code, year=n, paper=ay.settings.paper_size or "A4",
        subject=f"Evaluasi Renja TW {ROMAN[quarter]} {n}", author=ay.agency.name,
    )
    doc.add(Heading(f"EVALUASI TERHADAP HASIL RENJA TRIWULAN {ROMAN[quarter]} TAHUN {n}", 0,
                    id="evaluasi", number=""))
    doc.add(Paragraph.text(f"{ay.agency.name} — {ay.region.name}", "center"))
    rows_data = quarter_lines(ay, quarter)
    if not rows_data:
        doc.add(Paragraph.text(f"[Rencana kerja tahun {n} belum ada.]", "missing"))
        doc.warn(f"rencana kerja tahun {n} belum ada", "Evaluasi Renja")
        return doc.finalize()
    table = kinerja_table(ay, quarter, rows_data)
    money_table = anggaran_table(ay, quarter, rows_data)
    indicator_rows = [r for r in rows_data if r.k is not None]
    leaf_rows = [r for r in indicator_rows if r.line.is_leaf]
    missing = [r for r in leaf_rows if r.k is not None and r.k.col13.value is None]
    mean = mean_achievement(
        (f"{r.line.code} {r.indicator.name}", r.k.year_achievement)  # type: ignore[union-attr]
        for r in leaf_rows if r.k is not None
    )
    wp = ay.work_plan
    assert wp is not None
    total = wp.total_budget()
    spent = [_quarter_money(p, q) for p in wp.programs for q in range(1, quarter + 1)]
    spent_total = total_amounts(a for a in spent if a is not None)
    doc.add(Paragraph([
        Run(f"Evaluasi hasil Renja sampai triwulan {ROMAN[quarter]} tahun {n} disajikan pada "),
        Ref(table.id), Run(" (kinerja) dan "), Ref(money_table.id),
        Run(f" (anggaran). Dari {len(leaf_rows)} indikator sub kegiatan, {len(missing)} belum memiliki realisasi "
            f"sampai triwulan {ROMAN[quarter]}. Realisasi anggaran {rupiah(spent_total)} dari pagu "
            f"{rupiah(total)}."),
    ]))
    if mean.value is not None:
        doc.add(Paragraph.text(
            f"Rata-rata capaian kinerja sub kegiatan terhadap target tahun {n}: {mean.display} % "
            f"({category(PERMENDAGRI_86_2017, mean.value)}); {len(mean.excluded)} indikator tidak "
            "ikut dirata-ratakan (belum ada realisasi, target kosong atau capaian tidak wajar)."))
    doc.add(table, money_table)
    line_rows = [r for r in rows_data if r.first]
    unfunded = [r.line.code for r in line_rows if r.rp_end.value is None]
    if unfunded:
        shown = ", ".join(unfunded[:10]) + (" …" if len(unfunded) > 10 else "")
        doc.add(Paragraph.text(
            f"[Pagu akhir periode Renstra belum diisi untuk {len(unfunded)} dari {len(line_rows)} "
            "program/kegiatan/sub kegiatan; kolom 6 dan 15 (Rp) baris itu tidak dapat dihitung.]",
            "missing"))
        doc.warn(f"{NO_RENSTRA_MONEY} untuk {len(unfunded)} baris: {shown}", "Evaluasi Renja, kolom 6 (Rp)")
    for r in line_rows:
        if r.rp_end.note.startswith("berbeda"):
            doc.warn(f"pagu Renstra {r.line.code} {r.rp_end.note}", "Evaluasi Renja, kolom 6 (Rp)")
    if missing:
        codes = ", ".join(r.line.code for r in missing[:10]) + (" …" if len(missing) > 10 else "")
        doc.warn(f"{len(missing)} indikator sub kegiatan belum memiliki realisasi s/d triwulan "
                 f"{ROMAN[quarter]}: {codes}", "Evaluasi Renja")
    for key, title in (("pendorong", "Faktor pendorong"), ("penghambat", "Faktor penghambat"),
                       ("tindak_lanjut", "Tindak lanjut")):
        doc.add(Heading(title, 1, id=f"faktor-{key}"))
        stored = narrative(ay, f"evaluasi.tw{quarter}.{key}")
        if stored:
            doc.add(*paragraphs(stored))
        else:
            doc.add(Paragraph.text(f"[{title} belum diisi (kunci narasi 'evaluasi.tw{quarter}.{key}').]",
                                   "missing"))
            doc.warn(f"{title.lower()} belum diisi", f"Evaluasi TW {ROMAN[quarter]}")
    doc.add(Heading("Metode perhitungan", 1, id="metode"))
    text = method_text(lower_is_better_method=ay.settings.lower_is_better_method,
                       achievement_scale=PERMENDAGRI_86_2017, include_budget=False)
    doc.add(*(Paragraph.text(block, "note") for block in text.split("\n\n")))
    doc.add(signature(ay, doc, "Evaluasi Renja"))
    return doc.finalize()


register(DocumentKind("evaluasi-renja", "Evaluasi Hasil Renja per Triwulan", build, needs_quarter=True))
