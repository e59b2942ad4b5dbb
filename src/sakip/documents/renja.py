"""Renja PD (Rencana Kerja Perangkat Daerah) of year n — Permendagri 86/2017 (DOCUMENTS.md §1).

`build(ay, options)` turns an `AgencyYear` into a `Document`; registered as "renja".
Every figure comes from sakip.rules: Tabel 2.1 through `rules.renja.evaluation_row`
(aggregation sum/last/mean and polarity per indicator), parents' money through
`LineData.budget` (Σ of sub kegiatan), counts from the work plan.

Prose is read from `sakip.planning.models.Narrative` (document "renja"); where a key holds
nothing, a sentence is drafted from the data and a visible reminder is printed. Stable keys:

    kata_pengantar                    Kata Pengantar
    latar_belakang                    1.1 Latar Belakang
    landasan_hukum.pengantar          1.2 Landasan Hukum, introduction
    landasan_hukum.butir              1.2 the legal basis, one item per line
    maksud_dan_tujuan.pengantar       1.3 Maksud dan Tujuan, introduction
    maksud_dan_tujuan.butir           1.3 one aim per line
    sistematika                       1.4 Sistematika Penulisan
    evaluasi_renja                    2.1 analysis under Tabel 2.1
    kinerja_pelayanan                 2.2 analysis of service performance
    isu_penting.isu_pengantar / .isu / .permasalahan_pengantar / .permasalahan /
    .solusi_pengantar / .solusi       2.3 issues, problems, solutions (lists one per line)
    review_ranwal                     2.4 introduction
    review_ranwal.<kode>              2.4 the agency's reason for a difference on that line
    usulan_masyarakat                 2.5 introduction
    telaahan_kebijakan                3.1 Telaahan terhadap kebijakan nasional
    tujuan_sasaran                    3.2 introduction
    program_kegiatan                  3.3 introduction
    rencana_kerja_dan_pendanaan       BAB IV
    penutup                           BAB V

Consistency checks (Lampiran and `Document.warnings`): a sub kegiatan with money but no
target or a zero target, a target without money, a unit changed from last year (and in the
forecast), a forecast that jumps by more than the region's factor
(`Region.forecast_jump_factor`), a count in the person's prose that differs from the plan.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from decimal import Decimal

from sakip.dataset import AgencyYear, IndicatorData, LineData
from sakip.documents import cells
from sakip.documents.model import (
    BulletList,
    Cell,
    Column,
    Document,
    DocumentWarning,
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
    RenjaFacts,
    blank,
    chapter,
    code_key,
    coded_indicators,
    front_matter,
    group_rows,
    indent_of,
    load_facts,
    money_cell,
    narrative,
    number_or_none,
    paragraphs,
    plan_covering,
    prose_or_draft,
    rupiah,
    rupiah_words,
    section,
    show_value,
    signature,
    sum_formula,
    target_cell,
    target_value,
    unit_of,
    walk_lines,
)
from sakip.rules import renja as rules_renja
from sakip.rules.achievement import Achievement, Polarity, numeric_achievement
from sakip.rules.budget import total_amounts
from sakip.rules.method import method_text
from sakip.rules.numbers import format_number, format_value, number_in_words
from sakip.rules.scales import PERMENDAGRI_86_2017

PAGU_VERSIONS = ("renja", "rkpd", "ranwal_rkpd", "apbd")
LEVEL_NAMES = {3: "program", 4: "kegiatan", 5: "sub kegiatan"}


# --------------------------------------------------------------------------------------------
# Tabel 2.1 — evaluation of the previous Renja and Renstra achievement (T-C.29)


@dataclass(frozen=True)
class EvaluationLine:
    """One indicator row of Tabel 2.1 with its facts (columns 4–7, 9) and derived figures."""

    indicator: IndicatorData
    code: str
    renstra_target: Decimal | None  # col 4
    realised_until_n3: Decimal | None  # col 5
    col5_note: str
    target_n2: Decimal | None  # col 6
    realised_n2: Decimal | None  # col 7
    target_n1: Decimal | None  # col 9
    result: rules_renja.EvaluationRow  # cols 8, 10, 11


def evaluation_lines(ay: AgencyYear) -> list[EvaluationLine]:
    """Rows of Tabel 2.1 for year n: the program / kegiatan / sub kegiatan indicators of the
    Renstra covering n-1, evaluated over n-2 and n-1 (RULES.md §6)."""
    n = ay.year
    plan = plan_covering(ay, n - 1) or plan_covering(ay, n - 2)
    lines: list[EvaluationLine] = []
    if plan is None:
        return lines
    earlier = list(range(plan.start_year, n - 2))
    for ind in coded_indicators(plan):
        values = [number_or_none(ind.realised(y)) for y in earlier]
        col5 = rules_renja.aggregate(values, ind.aggregation) if earlier else None
        if not earlier:
            note = f"periode Renstra dimulai {plan.start_year}: tidak ada tahun sebelum {n - 2}"
        elif col5 is None:
            note = f"realisasi {earlier[0]}–{earlier[-1]} belum diisi"
        else:
            note = ""
        c4 = ind.end_target_value
        c6 = number_or_none(target_value(ind, n - 2))
        c7 = number_or_none(ind.realised(n - 2))
        c9 = number_or_none(target_value(ind, n - 1))
        result = rules_renja.evaluation_row(
            renstra_target=c4, realised_until_n3=col5, target_n2=c6, realised_n2=c7,
            target_n1=c9, polarity=ind.polarity, aggregation=ind.aggregation,
            method=ay.settings.lower_is_better_method,
        )
        lines.append(EvaluationLine(ind, ind.code, c4, col5, note, c6, c7, c9, result))
    return lines


def _measure(value: Decimal | None, why: str = "kosong") -> Cell:
    if value is None:
        return Cell(None, "-", Kind.DECIMAL, note=why)
    return cells.measure(value)


def _ratio_formula(polarity: Polarity, top: str, bottom: str) -> str:
    """XLSX formula of an achievement column (RULES.md §3, inverse method for lower-is-better)."""
    if polarity is Polarity.HIGHER_IS_BETTER:
        return f"={{{top}}}/{{{bottom}}}*100"
    return f"={{{bottom}}}/{{{top}}}*100"


def _achievement_cell(result: Achievement, formula: str | None, method_two_minus: bool) -> Cell:
    cell = cells.percent(result, formula=None if result.value is None or method_two_minus else formula)
    if result.pathological:
        cell.note = "; ".join(result.flag_labels)
    return cell


def _col10_cell(line: EvaluationLine) -> Cell:
    fig = line.result.col10
    agg = line.indicator.aggregation
    # 5 + 7 + 9 is what the form's header says; only the other rules are noted on the cell.
    label = "" if agg is rules_renja.Aggregation.SUM else f"agregasi: {agg.label}"
    if fig.value is None:
        return Cell(None, fig.reason, Kind.DECIMAL, note=label)
    operands = {"5": line.realised_until_n3, "7": line.realised_n2, "9": line.target_n1}
    formula = None
    if agg is rules_renja.Aggregation.SUM and all(v is not None for v in operands.values()):
        formula = "={c5}+{c7}+{c9}"
    elif agg is rules_renja.Aggregation.LAST and line.target_n1 is not None:
        formula = "={c9}"
    note = "; ".join(x for x in (label, fig.note) if x)
    cell = cells.measure(fig.value)
    cell.formula, cell.note = formula, note
    return cell


def evaluation_table(ay: AgencyYear, facts: RenjaFacts, lines: list[EvaluationLine]) -> Table:
    n = ay.year
    plan = plan_covering(ay, n - 1) or plan_covering(ay, n - 2)
    end = plan.end_year if plan else n - 1
    columns = [
        Column("code", "Kode", Kind.CODE, 1.3),
        Column("name", "Urusan/Bidang Urusan/Program/Kegiatan/Sub Kegiatan", Kind.TEXT, 3.2),
        Column("indicator", "Indikator Kinerja Program (outcome)/Kegiatan (output)", Kind.TEXT, 3.2),
        Column("c4", f"Target Renstra s/d {end}", Kind.DECIMAL, 1),
        Column("c5", f"Realisasi s/d {n - 3}", Kind.DECIMAL, 1),
        Column("c6", f"Target Renja {n - 2}", Kind.DECIMAL, 1),
        Column("c7", f"Realisasi Renja {n - 2}", Kind.DECIMAL, 1),
        Column("c8", "Tingkat Realisasi (%)", Kind.PERCENT, 1.1),
        Column("c9", f"Target Renja {n - 1}", Kind.DECIMAL, 1),
        Column("c10", f"Realisasi Capaian s/d {n - 1}", Kind.DECIMAL, 1.1),
        Column("c11", "Tingkat Capaian Target Renstra (%)", Kind.PERCENT, 1.1),
    ]
    header = [
        [
            HeaderCell("Kode", rowspan=2),
            HeaderCell("Urusan/Bidang Urusan Pemerintahan Daerah dan Program/Kegiatan/Sub Kegiatan", rowspan=2),
            HeaderCell("Indikator Kinerja Program (outcome)/Kegiatan (output)", rowspan=2),
            HeaderCell(f"Target Kinerja Capaian Program (Renstra PD s/d Tahun {end})", rowspan=2),
            HeaderCell(f"Realisasi Target Kinerja Hasil Program dan Kegiatan s/d Tahun {n - 3}", rowspan=2),
            HeaderCell(f"Target dan Realisasi Kinerja Program dan Kegiatan Tahun Lalu ({n - 2})", colspan=3),
            HeaderCell(f"Target Program dan Kegiatan (Renja PD Tahun {n - 1})", rowspan=2),
            HeaderCell(f"Perkiraan Realisasi Capaian Target Renstra PD s/d Tahun {n - 1}", colspan=2),
        ],
        [
            HeaderCell(f"Target Renja PD Tahun {n - 2}"),
            HeaderCell(f"Realisasi Renja PD Tahun {n - 2}"),
            HeaderCell("Tingkat Realisasi (%)"),
            HeaderCell(f"Realisasi Capaian Program dan Kegiatan s/d Tahun {n - 1}"),
            HeaderCell("Tingkat Capaian Realisasi Target Renstra (%)"),
        ],
    ]
    two_minus = ay.settings.lower_is_better_method.value == "two_minus"
    rows: list[Row] = []
    seen: set[str] = set()
    previous_code = ""
    for line in lines:
        rows.extend(group_rows(line.code, seen, facts, len(columns)))
        ind = line.indicator
        level = {"program": 3, "activity": 4, "sub_activity": 5}[ind.subject]
        first = line.code != previous_code
        previous_code = line.code
        unit = ind.unit.strip()
        indicator = f"{ind.name} ({unit})" if unit else ind.name
        r = line.result
        rows.append(
            Row(
                [
                    cells.code(line.code) if first else blank(),
                    cells.text(facts.name(line.code) or "(nama belum tercatat)", bold=level == 3) if first else blank(),
                    cells.text(indicator),
                    _measure(line.renstra_target, "target akhir Renstra belum diisi"),
                    _measure(line.realised_until_n3, line.col5_note or "kosong"),
                    _measure(line.target_n2, f"target {ay.year - 2} kosong"),
                    _measure(line.realised_n2, f"realisasi {ay.year - 2} kosong"),
                    _achievement_cell(r.col8, _ratio_formula(ind.polarity, "c7", "c6"), two_minus),
                    _measure(line.target_n1, f"target {ay.year - 1} kosong"),
                    _col10_cell(line),
                    _achievement_cell(r.col11, _ratio_formula(ind.polarity, "c10", "c4"), two_minus),
                ],
                style="normal",
                indent=indent_of(level),
                id=f"e{ind.id}",
            )
        )
    return Table(
        id="tabel-evaluasi-renja",
        caption=(
            f"Rekapitulasi Evaluasi Hasil Pelaksanaan Renja dan Pencapaian Renstra "
            f"{ay.agency.name} s/d Tahun {n - 1}"
        ),
        columns=columns,
        rows=rows,
        header=header,
        number_row=["1", "2", "3", "4", "5", "6", "7", "8=(7/6)", "9", "10=(5+7+9)", "11=(10/4)"],
        landscape=True,
        notes=[
            "Kolom 8 = 7/6 × 100 dan kolom 11 = 10/4 × 100 untuk indikator positif; untuk "
            "indikator negatif (makin kecil makin baik) dipakai kebalikannya (lihat Metode Perhitungan).",
            "Kolom 10 mengikuti agregasi setiap indikator: dijumlahkan (5 + 7 + 9) untuk "
            "indikator cacah yang terakumulasi; nilai terakhir (kolom 9) untuk persentase, "
            "rasio, indeks dan predikat; rata-rata untuk indikator rata-rata. Persentase tidak "
            "pernah dijumlahkan antartahun.",
            "Sel yang tidak dapat dihitung menyebutkan alasannya (misalnya target nol atau kosong).",
        ],
        source="Renstra PD, Renja PD dan realisasi yang tersimpan; dihitung oleh OpenSAKIP.",
    )


# --------------------------------------------------------------------------------------------
# 2.2 — service performance


def service_table(ay: AgencyYear) -> Table | None:
    plan = ay.strategic_plan
    if plan is None:
        return None
    n = ay.year
    indicators = [i for i in plan.indicators if i.is_key or i.subject in {"goal", "objective"}]
    indicators = [i for i in indicators if i.subject in {"goal", "objective"} and i.targets]
    if not indicators:
        return None
    past = sorted({y for i in indicators for y in i.targets if y < n}
                  | {r.year for i in indicators for r in i.realisations if r.year < n})
    future = list(range(n, plan.end_year + 1))
    columns = [Column("no", "No", Kind.TEXT, 0.5), Column("indicator", "Indikator", Kind.TEXT, 3),
               Column("unit", "Satuan", Kind.TEXT, 0.9)]
    top: list[HeaderCell] = [HeaderCell("No", rowspan=2), HeaderCell("Indikator", rowspan=2),
                             HeaderCell("Satuan", rowspan=2)]
    second: list[HeaderCell] = []
    for y in past:
        columns += [Column(f"t{y}", f"Target {y}", Kind.DECIMAL), Column(f"r{y}", f"Realisasi {y}", Kind.DECIMAL),
                    Column(f"c{y}", f"Capaian {y} (%)", Kind.PERCENT)]
        top.append(HeaderCell(f"Tahun {y}", colspan=3))
        second += [HeaderCell("Target"), HeaderCell("Realisasi"), HeaderCell("Capaian (%)")]
    for y in future:
        columns.append(Column(f"t{y}", f"Target {y}", Kind.DECIMAL))
    if future:
        top.append(HeaderCell("Target Renstra", colspan=len(future)))
        second += [HeaderCell(str(y)) for y in future]
    columns.append(Column("end", f"Kondisi akhir periode Renstra ({plan.end_year})", Kind.DECIMAL))
    top.append(HeaderCell(f"Kondisi Kinerja pada Akhir Periode Renstra ({plan.end_year})", rowspan=2))
    rows = []
    negative = [i.name for i in indicators if i.polarity is Polarity.LOWER_IS_BETTER]
    for no, ind in enumerate(indicators, start=1):
        row = [cells.text(str(no)), cells.text(ind.name), cells.text(ind.unit)]
        for y in past:
            t = target_value(ind, y)
            r = ind.realised(y)
            row += [
                cells.text(show_value(t)) if t is not None else Cell(None, "-", Kind.TEXT, note="kosong"),
                cells.text(show_value(r)) if r is not None else Cell(None, "-", Kind.TEXT, note="belum ada realisasi"),
                cells.percent(ind.achievement(y, ay.settings)) if t is not None else Cell(None, "-", Kind.PERCENT),
            ]
        for y in future:
            t = target_value(ind, y)
            row.append(cells.text(show_value(t)) if t is not None else Cell(None, "-", Kind.TEXT, note="kosong"))
        end_target = target_value(ind, plan.end_year)
        row.append(cells.text(show_value(end_target)))
        rows.append(Row(row))
    return Table(
        id="tabel-kinerja-pelayanan",
        caption=f"Pencapaian Kinerja Pelayanan {ay.agency.name}",
        columns=columns, rows=rows, header=[top, second] if second else [top],
        landscape=len(columns) > 10,
        notes=[
            "Capaian = realisasi / target × 100 untuk indikator positif dan target / realisasi × 100 "
            "untuk indikator negatif (lihat Metode Perhitungan)."
        ] + ([f"Indikator negatif (makin kecil makin baik): {', '.join(negative)}."] if negative else []),
        source="Indikator tujuan dan sasaran Renstra PD beserta target dan realisasinya.",
    )


def spm_table(ay: AgencyYear, facts: RenjaFacts) -> Table | None:
    """SPM results per basic service: achievement of each year before n (served / required ×
    100 where the counts are stored, else as reported), targets, condition at the end."""
    n = ay.year
    records = [r for r in facts.spm if r.year < n + 5]
    if not records:
        return None
    achieved_years = sorted({r.year for r in records if r.year < n and (r.reported_achievement is not None
                                                                       or r.required is not None)})
    target_years = sorted({r.year for r in records if r.target is not None})
    services: dict[str, str] = {}
    for r in records:
        services.setdefault(r.number, r.service)
    by_key = {(r.number, r.year): r for r in records}
    columns = [Column("no", "No", Kind.TEXT, 0.5), Column("service", "Jenis Pelayanan Dasar", Kind.TEXT, 4)]
    columns += [Column(f"c{y}", f"Capaian {y} (%)", Kind.PERCENT) for y in achieved_years]
    columns += [Column(f"t{y}", f"Target {y} (%)", Kind.PERCENT) for y in target_years]
    columns.append(Column("end", "Kondisi Kinerja pada Akhir Periode Renstra (%)", Kind.PERCENT, 1.2))
    top = [HeaderCell("No", rowspan=2), HeaderCell("Jenis Pelayanan Dasar", rowspan=2)]
    second = []
    if achieved_years:
        top.append(HeaderCell("Capaian (%)", colspan=len(achieved_years)))
        second += [HeaderCell(str(y)) for y in achieved_years]
    if target_years:
        top.append(HeaderCell("Target (%)", colspan=len(target_years)))
        second += [HeaderCell(str(y)) for y in target_years]
    top.append(HeaderCell("Kondisi Kinerja pada Akhir Periode Renstra (%)", rowspan=2))
    rows = []
    for number, service in services.items():
        row = [cells.text(number), cells.text(service)]
        for y in achieved_years:
            rec = by_key.get((number, y))
            if rec is None:
                row.append(Cell(None, "-", Kind.PERCENT, note="tidak ada data"))
            elif rec.required is not None:
                row.append(cells.percent(numeric_achievement(rec.required, rec.served,
                                                             polarity=Polarity.HIGHER_IS_BETTER)))
            elif rec.reported_achievement is not None:
                row.append(cells.percent(rec.reported_achievement))
            else:
                row.append(Cell(None, "-", Kind.PERCENT, note="tidak ada data"))
        for y in target_years:
            rec = by_key.get((number, y))
            row.append(cells.percent(rec.target) if rec and rec.target is not None else Cell(None, "-", Kind.PERCENT))
        last = next((by_key[(number, y)].target for y in reversed(target_years)
                     if (number, y) in by_key and by_key[(number, y)].target is not None), None)
        row.append(cells.percent(last))
        rows.append(Row(row))
    return Table(
        id="tabel-spm", caption=f"Capaian Standar Pelayanan Minimal (SPM) {ay.agency.name}",
        columns=columns, rows=rows, header=[top, second] if second else [top],
        landscape=len(columns) > 10,
        notes=["Capaian = jumlah terlayani / jumlah yang harus dilayani × 100 bila jumlahnya "
               "tercatat; selain itu capaian sebagaimana dilaporkan. Sel kosong: data tidak ada."],
    )


# --------------------------------------------------------------------------------------------
# 2.4 — review against the Ranwal RKPD


def _difference_text(ranwal: int | None, renja: int | None) -> str:
    if ranwal is None and renja is None:
        return ""
    if ranwal is None:
        return f"Tidak ada dalam rancangan awal RKPD; diusulkan PD dengan pagu {rupiah(renja)}."
    if renja is None:
        return f"Ada dalam rancangan awal RKPD ({rupiah(ranwal)}) tetapi tidak diusulkan PD."
    diff = renja - ranwal
    if diff == 0:
        return ""
    way = "bertambah" if diff > 0 else "berkurang"
    return f"Pagu {way} {rupiah(abs(diff))} (dari {rupiah(ranwal)} menjadi {rupiah(renja)})."


def review_table(ay: AgencyYear, facts: RenjaFacts, doc: Document, version: str) -> Table:
    wp = ay.work_plan
    assert wp is not None
    n = ay.year
    columns = [
        Column("code", "Kode", Kind.CODE, 1.2),
        Column("name", "Program/Kegiatan/Sub Kegiatan", Kind.TEXT, 2.6),
        Column("r_location", "Lokasi", Kind.TEXT, 1),
        Column("r_indicator", "Indikator Kinerja", Kind.TEXT, 2.2),
        Column("r_target", "Target Capaian", Kind.TEXT, 1),
        Column("r_pagu", "Pagu Indikatif (Rp)", Kind.MONEY, 1.4),
        Column("a_location", "Lokasi", Kind.TEXT, 1),
        Column("a_indicator", "Indikator Kinerja", Kind.TEXT, 2.2),
        Column("a_target", "Target Capaian", Kind.TEXT, 1),
        Column("a_pagu", "Kebutuhan Dana (Rp)", Kind.MONEY, 1.4),
        Column("note", "Catatan Penting", Kind.TEXT, 2.4),
    ]
    header = [
        [HeaderCell("Kode", rowspan=2), HeaderCell("Program/Kegiatan/Sub Kegiatan", rowspan=2),
         HeaderCell("Rancangan Awal RKPD", colspan=4), HeaderCell("Hasil Analisis Kebutuhan", colspan=4),
         HeaderCell("Catatan Penting", rowspan=2)],
        [HeaderCell("Lokasi"), HeaderCell("Indikator Kinerja"), HeaderCell("Target Capaian"),
         HeaderCell("Pagu Indikatif (Rp)"), HeaderCell("Lokasi"), HeaderCell("Indikator Kinerja"),
         HeaderCell("Target Capaian"), HeaderCell("Kebutuhan Dana (Rp)")],
    ]
    rows: list[Row] = []
    seen: set[str] = set()
    for line in walk_lines(wp.programs):
        rows.extend(group_rows(line.code, seen, facts, len(columns)))
        ranwal, renja = line.budget("ranwal_rkpd"), line.budget(version)
        indicator = "; ".join(i.name for i in line.indicators) or "-"
        target = "; ".join(show_value(target_value(i, n), unit_of(i, n)) for i in line.indicators) or "-"
        note = _difference_text(ranwal, renja)
        reason = narrative(ay, f"review_ranwal.{line.code}")
        if note and reason:
            note = f"{note} Alasan: {reason}"
        elif note and line.is_leaf:
            note = f"{note} Alasan belum diisi."
            doc.warn(
                f"berbeda dari rancangan awal RKPD ({_difference_text(ranwal, renja)}) tanpa alasan "
                f"(kunci narasi 'review_ranwal.{line.code}')",
                f"Review Ranwal RKPD, {line.code}",
            )
        elif reason:
            note = reason
        bold = line.level == 3
        rows.append(
            Row(
                [cells.code(line.code), cells.text(line.name, bold=bold),
                 cells.text(line.location), cells.text(indicator), cells.text(target),
                 money_cell(line, "ranwal_rkpd", "r_pagu"),
                 cells.text(line.location), cells.text(indicator), cells.text(target),
                 money_cell(line, version, "a_pagu"),
                 cells.text(note)],
                indent=indent_of(line.level), id=f"l{line.code}",
            )
        )
    total_ranwal, total_renja = wp.total_budget("ranwal_rkpd"), wp.total_budget(version)
    rows.append(
        Row(
            [blank(), cells.text("JUMLAH", bold=True), blank(), blank(), blank(),
             cells.money(total_ranwal, formula=sum_formula(wp.programs, "ranwal_rkpd", "r_pagu")),
             blank(), blank(), blank(), cells.money(total_renja, formula=sum_formula(wp.programs, version, "a_pagu")),
             cells.text(_difference_text(total_ranwal, total_renja))],
            style="total",
        )
    )
    return Table(
        id="tabel-review-ranwal",
        caption=f"Review terhadap Rancangan Awal RKPD Tahun {n} {ay.agency.name}",
        columns=columns, rows=rows, header=header,
        number_row=[str(i) for i in range(1, 12)], landscape=True,
        notes=[
            "Pagu program dan kegiatan adalah jumlah pagu sub kegiatannya. Catatan penting "
            "menyebutkan setiap perbedaan pagu secara otomatis, beserta alasan PD bila tercatat.",
        ],
    )


# --------------------------------------------------------------------------------------------
# 2.5 — community proposals


def proposals_table(ay: AgencyYear, facts: RenjaFacts) -> Table:
    columns = [
        Column("no", "No", Kind.TEXT, 0.5), Column("proposal", "Usulan", Kind.TEXT, 3),
        Column("source", "Sumber", Kind.TEXT, 1.6), Column("location", "Lokasi", Kind.TEXT, 1.4),
        Column("volume", "Volume", Kind.TEXT, 1), Column("cost", "Perkiraan Biaya (Rp)", Kind.MONEY, 1.4),
        Column("status", "Status", Kind.TEXT, 1.1), Column("reason", "Alasan/Catatan", Kind.TEXT, 2.4),
    ]
    rows = []
    for no, p in enumerate(facts.proposals, start=1):
        source = f"{p.source_label} ({p.source_detail})" if p.source_detail else p.source_label
        volume = show_value(p.volume, p.unit) if p.volume is not None else (p.unit or "-")
        reason = p.reason
        if p.line_code:
            reason = f"{reason} Ditampung pada {p.line_code}.".strip()
        rows.append(Row([cells.text(p.number or str(no)), cells.text(p.proposal), cells.text(source),
                         cells.text(p.location), cells.text(volume), cells.money(p.estimated_cost),
                         cells.text(p.status_label), cells.text(reason)]))
    costs = [p.estimated_cost for p in facts.proposals if p.estimated_cost is not None]
    rows.append(Row([blank(), cells.text("JUMLAH", bold=True), blank(), blank(), blank(),
                     cells.money(total_amounts(costs) if costs else None), blank(), blank()], style="total"))
    return Table(
        id="tabel-usulan-masyarakat",
        caption=f"Usulan Program dan Kegiatan dari Masyarakat dan Pemangku Kepentingan Tahun {ay.year}",
        columns=columns, rows=rows, number_row=[str(i) for i in range(1, 9)], landscape=True,
    )


def proposals_summary(facts: RenjaFacts) -> str:
    by_source = Counter(p.source_label for p in facts.proposals)
    by_status = Counter(p.status_label for p in facts.proposals)
    total = len(facts.proposals)
    sources = ", ".join(f"{c} dari {label}" for label, c in by_source.items())
    statuses = ", ".join(f"{c} {label.lower()}" for label, c in by_status.items())
    return (
        f"Terdapat {total} ({number_in_words(total)}) usulan yang ditelaah: {sources}. "
        f"Hasil penelaahan: {statuses}."
    )


# --------------------------------------------------------------------------------------------
# 3.2 — goals and objectives


def _plain_target(ind: IndicatorData, year: int) -> Cell:
    """A target without its unit (the table has a unit column): a number stays a number."""
    value = target_value(ind, year)
    if value is None:
        return Cell(None, "-", Kind.TEXT, note=f"target {year} belum diisi")
    if isinstance(value, Decimal):
        return cells.measure(value)
    return cells.text(show_value(value))


def goals_table(ay: AgencyYear) -> Table | None:
    plan = ay.strategic_plan
    if plan is None or not plan.goals:
        return None
    years = list(range(plan.start_year, plan.end_year + 1))
    columns = [
        Column("goal", "Tujuan", Kind.TEXT, 2), Column("goal_indicator", "Indikator Tujuan", Kind.TEXT, 2),
        Column("objective", "Sasaran", Kind.TEXT, 2), Column("indicator", "Indikator Sasaran", Kind.TEXT, 2.4),
        Column("unit", "Satuan", Kind.TEXT, 0.9),
    ] + [Column(f"t{y}", f"Target {y}", Kind.TEXT, 0.9) for y in years]
    header = [
        [HeaderCell("Tujuan", rowspan=2), HeaderCell("Indikator Tujuan", rowspan=2), HeaderCell("Sasaran", rowspan=2),
         HeaderCell("Indikator Sasaran", rowspan=2), HeaderCell("Satuan", rowspan=2),
         HeaderCell("Target Kinerja", colspan=len(years))],
        [HeaderCell(str(y)) for y in years],
    ]
    rows = []
    for goal in plan.goals:
        goal_indicators = "; ".join(i.name for i in goal.indicators) or "-"
        first_goal = True
        for obj in goal.objectives:
            first_obj = True
            for ind in obj.indicators or [None]:  # type: ignore[list-item]
                row = [
                    cells.text(f"{goal.number}. {goal.statement}") if first_goal else blank(),
                    cells.text(goal_indicators) if first_goal else blank(),
                    cells.text(f"{obj.number} {obj.statement}") if first_obj else blank(),
                ]
                if ind is None:
                    row += [cells.text("(indikator belum diisi)"), blank()] + [blank() for _ in years]
                else:
                    row += [cells.text(ind.name), cells.text(ind.unit)] + [
                        _plain_target(ind, y) for y in years]
                rows.append(Row(row))
                first_goal = first_obj = False
    return Table(
        id="tabel-tujuan-sasaran",
        caption=f"Tujuan dan Sasaran {ay.agency.name} Tahun {plan.start_year}–{plan.end_year}",
        columns=columns, rows=rows, header=header, landscape=len(columns) > 9,
    )


# --------------------------------------------------------------------------------------------
# 3.3 — the plan table; BAB IV — the funded plan


def pagu_version(ay: AgencyYear) -> str | None:
    wp = ay.work_plan
    if wp is None:
        return None
    present = wp.versions_present()
    return next((v for v in PAGU_VERSIONS if v in present), wp.budget_version)


def plan_table(ay: AgencyYear, facts: RenjaFacts, version: str | None) -> Table:
    wp = ay.work_plan
    assert wp is not None
    n = ay.year
    columns = [
        Column("code", "Kode", Kind.CODE, 1.2),
        Column("name", "Urusan/Bidang Urusan Pemerintahan Daerah dan Program/Kegiatan/Sub Kegiatan", Kind.TEXT, 2.8),
        Column("indicator", "Indikator Kinerja Program (Outcome)/Kegiatan (Output)", Kind.TEXT, 2.8),
        Column("location", "Lokasi", Kind.TEXT, 1),
        Column("target", "Target Capaian Kinerja", Kind.TEXT, 1),
        Column("pagu", "Kebutuhan Dana/Pagu Indikatif (Rp)", Kind.MONEY, 1.5),
        Column("source", "Sumber Dana", Kind.TEXT, 0.7),
        Column("notes", "Catatan Penting", Kind.TEXT, 1.2),
        Column("target_next", "Target Capaian Kinerja", Kind.TEXT, 1),
        Column("pagu_next", "Kebutuhan Dana/Pagu Indikatif (Rp)", Kind.MONEY, 1.5),
    ]
    header = [
        [HeaderCell("Kode", rowspan=2),
         HeaderCell("Urusan/Bidang Urusan Pemerintahan Daerah dan Program/Kegiatan/Sub Kegiatan", rowspan=2),
         HeaderCell("Indikator Kinerja Program (Outcome)/Kegiatan (Output)", rowspan=2),
         HeaderCell(f"Rencana Tahun {n}", colspan=4), HeaderCell("Catatan Penting", rowspan=2),
         HeaderCell(f"Prakiraan Maju Rencana Tahun {n + 1}", colspan=2)],
        [HeaderCell("Lokasi"), HeaderCell("Target Capaian Kinerja"),
         HeaderCell("Kebutuhan Dana/Pagu Indikatif (Rp)"), HeaderCell("Sumber Dana"),
         HeaderCell("Target Capaian Kinerja"), HeaderCell("Kebutuhan Dana/Pagu Indikatif (Rp)")],
    ]
    rows: list[Row] = []
    seen: set[str] = set()
    for line in walk_lines(wp.programs):
        for group in group_rows(line.code, seen, facts, len(columns)):
            code = group.id[1:]
            group.cells[5] = cells.money(_sum_under(wp.programs, code, version))
            group.cells[9] = cells.money(_sum_under(wp.programs, code, "forecast"))
            rows.append(group)
        indicators: list[IndicatorData | None] = list(line.indicators) or [None]
        for index, ind in enumerate(indicators):
            first = index == 0
            rows.append(
                Row(
                    [
                        cells.code(line.code) if first else blank(),
                        cells.text(line.name, bold=line.level == 3) if first else blank(),
                        cells.text(ind.name) if ind else Cell(None, "-", Kind.TEXT, note="indikator belum diisi"),
                        cells.text(line.location) if first else blank(),
                        target_cell(ind, n) if ind else blank(),
                        money_cell(line, version, "pagu") if first else blank(),
                        cells.text(line.funding_source) if first else blank(),
                        cells.text(line.notes) if first else blank(),
                        target_cell(ind, n + 1) if ind else blank(),
                        money_cell(line, "forecast", "pagu_next") if first else blank(),
                    ],
                    indent=indent_of(line.level),
                    id=f"l{line.code}" if first else "",
                )
            )
    programs = sorted(wp.programs, key=lambda p: code_key(p.code))
    total = wp.total_budget(version) if version else None
    total_next = wp.total_budget("forecast")

    rows.append(
        Row(
            [blank(), cells.text("JUMLAH", bold=True), blank(), blank(), blank(),
             cells.money(total, formula=sum_formula(programs, version, "pagu")), blank(), blank(), blank(),
             cells.money(total_next, formula=sum_formula(programs, "forecast", "pagu_next"))],
            style="total",
        )
    )
    return Table(
        id="tabel-rencana-program",
        caption=(f"Rumusan Rencana Program dan Kegiatan {ay.agency.name} Tahun {n} "
                 f"dan Prakiraan Maju Tahun {n + 1}"),
        columns=columns, rows=rows, header=header, number_row=[str(i) for i in range(1, 11)],
        landscape=True,
        notes=[
            "Pagu program dan kegiatan (dan urusan/bidang) adalah jumlah pagu sub kegiatannya; "
            "jumlah keseluruhan adalah jumlah pagu program.",
        ],
    )


def _sum_under(programs: list[LineData], prefix: str, version: str | None) -> int | None:
    if version is None:
        return None
    amounts = [
        b for p in programs if p.code.startswith(prefix + ".")
        for b in [p.budget(version)] if b is not None
    ]
    return total_amounts(amounts) if amounts else None


def funded_table(ay: AgencyYear, version: str | None) -> Table:
    wp = ay.work_plan
    assert wp is not None
    n = ay.year
    columns = [
        Column("no", "No", Kind.TEXT, 0.8), Column("code", "Kode", Kind.CODE, 1.3),
        Column("name", "Program/Kegiatan/Sub Kegiatan", Kind.TEXT, 3.8),
        Column("pagu", f"Pagu Indikatif {n} (Rp)", Kind.MONEY, 1.6),
        Column("source", "Sumber Dana", Kind.TEXT, 0.8),
        Column("pagu_next", f"Prakiraan Maju {n + 1} (Rp)", Kind.MONEY, 1.6),
    ]
    rows = []
    counter = {3: 0, 4: 0, 5: 0}
    for line in walk_lines(wp.programs):
        counter[line.level] = counter.get(line.level, 0) + 1
        for deeper in (lv for lv in counter if lv > line.level):
            counter[deeper] = 0
        label = (str(counter[3]) if line.level == 3 else
                 _letter(counter[4]) if line.level == 4 else f"{_letter(counter[4])}.{counter[5]}")
        rows.append(Row(
            [cells.text(label), cells.code(line.code), cells.text(line.name, bold=line.level == 3),
             money_cell(line, version, "pagu"), cells.text(line.funding_source),
             money_cell(line, "forecast", "pagu_next")],
            style="normal", indent=indent_of(line.level), id=f"l{line.code}",
        ))
    rows.append(Row([blank(), blank(), cells.text("JUMLAH", bold=True),
                     cells.money(wp.total_budget(version) if version else None,
                                 formula=sum_formula(wp.programs, version, "pagu")), blank(),
                     cells.money(wp.total_budget("forecast"), formula=sum_formula(wp.programs, "forecast", "pagu_next"))],
                    style="total"))
    return Table(
        id="tabel-rencana-pendanaan",
        caption=f"Rencana Kerja dan Pendanaan {ay.agency.name} Tahun {n}",
        columns=columns, rows=rows, landscape=False,
    )


def _letter(i: int) -> str:
    out = ""
    while i > 0:
        i, r = divmod(i - 1, 26)
        out = chr(97 + r) + out
    return out or "-"


# --------------------------------------------------------------------------------------------
# Consistency checks


def consistency_warnings(ay: AgencyYear, version: str | None) -> list[DocumentWarning]:
    """What the planner must look at before signing (DOCUMENTS.md §1; the issue's list)."""
    wp = ay.work_plan
    if wp is None:
        return []
    n = ay.year
    factor = ay.settings.forecast_jump_factor
    found: list[DocumentWarning] = []
    previous = plan_covering(ay, n - 1)
    if previous is ay.strategic_plan:
        previous = None
    previous_by_code: dict[str, list[IndicatorData]] = {}
    if previous is not None:
        for ind in previous.indicators:
            if ind.code:
                previous_by_code.setdefault(ind.code, []).append(ind)

    def warn(where: str, message: str) -> None:
        found.append(DocumentWarning(message, where))

    for line in walk_lines(wp.programs):
        where = f"{LEVEL_NAMES.get(line.level, 'baris')} {line.code} {line.name}"
        pagu = line.budget(version) if version else None
        forecast = line.budget("forecast")
        targets = [number_or_none(target_value(i, n)) for i in line.indicators]
        if line.is_leaf:
            if pagu and not line.indicators:
                warn(where, f"ada pagu {rupiah(pagu)} tetapi tidak ada indikator dan target {n}")
            elif pagu and all(t is None for t in targets):
                warn(where, f"ada pagu {rupiah(pagu)} tetapi target {n} kosong")
            elif pagu and any(t == 0 for t in targets):
                warn(where, f"ada pagu {rupiah(pagu)} tetapi targetnya nol")
            if any(t for t in targets) and not pagu:
                warn(where, f"ada target {n} tetapi tidak ada pagu")
        if line.level in (3, 5) and pagu and forecast:
            ratio = Decimal(forecast) / Decimal(pagu)
            if ratio > factor or ratio < 1 / factor:
                warn(where, f"prakiraan maju {n + 1} {rupiah(forecast)} = {format_number(ratio, 2)} × "
                     f"pagu {n} {rupiah(pagu)} (batas lonjakan {format_number(factor)} ×)")
        for index, ind in enumerate(line.indicators):
            t_now, t_next = number_or_none(target_value(ind, n)), number_or_none(target_value(ind, n + 1))
            if t_now and t_next is not None and t_now > 0:
                ratio = t_next / t_now
                if ratio > factor or ratio < 1 / factor:
                    warn(where, f"target {n + 1} ({format_value(t_next)}) = {format_number(ratio, 2)} × "
                         f"target {n} ({format_value(t_now)}) untuk '{ind.name}' (batas lonjakan "
                         f"{format_number(factor)} ×)")
            unit_now = unit_of(ind, n)
            next_target = ind.target(n + 1)
            if next_target and next_target.unit and unit_now and _unit_key(next_target.unit) != _unit_key(unit_now):
                warn(where, f"satuan berubah dari '{unit_now}' ({n}) menjadi '{next_target.unit}' ({n + 1}) "
                     f"untuk '{ind.name}'")
            olds = previous_by_code.get(line.code, [])
            old = olds[index] if index < len(olds) else None
            if old is not None and unit_now:
                unit_old = unit_of(old, n - 1)
                if unit_old and _unit_key(unit_old) != _unit_key(unit_now):
                    warn(where, f"satuan berubah dari '{unit_old}' ({n - 1}) menjadi '{unit_now}' ({n}) "
                         f"untuk '{ind.name}'")
    return found


def _unit_key(unit: str) -> str:
    return " ".join(unit.casefold().split())


_COUNT_WORDS = {"program": 3, "kegiatan": 4, "sub kegiatan": 5}


def prose_count_warnings(text: str, wp_counts: dict[int, int], where: str) -> list[DocumentWarning]:
    """A count written in a person's prose ("melakukan 11 program") that differs from the plan."""
    found = []
    for match in re.finditer(r"(\d+)\s*(?:\([a-z ]+\)\s*)?(sub kegiatan|kegiatan|program)\b", text, re.IGNORECASE):
        number, word = int(match.group(1)), match.group(2).casefold()
        if word == "kegiatan" and text[max(0, match.start(2) - 4):match.start(2)].casefold().endswith("sub "):
            continue
        actual = wp_counts[_COUNT_WORDS[word]]
        if number != actual:
            found.append(DocumentWarning(
                f"uraian menyebut {number} {word}, rencana memuat {actual} {word}", where))
    return found


# --------------------------------------------------------------------------------------------
# The document


def build(ay: AgencyYear, options: Options) -> Document:
    n = ay.year
    facts = load_facts(ay)
    doc = Document(
        kind="renja", title=f"Rencana Kerja (Renja) {ay.agency.name} Tahun {n}",
        agency_code=ay.agency.code, year=n, paper=ay.settings.paper_size or "A4",
        subject=f"Renja {ay.agency.name} {n}", author=ay.agency.name,
    )
    wp = ay.work_plan
    version = pagu_version(ay)
    counts = {lv: (wp.count(lv) if wp else 0) for lv in (3, 4, 5)}
    total = wp.total_budget(version) if wp and version else None

    front_matter(
        doc, ay,
        ["RENJA", "(RENCANA KERJA)"],
        [
            f"Rencana Kerja (Renja) {ay.agency.name} Tahun {n} disusun sebagai penjabaran "
            f"Rencana Strategis perangkat daerah untuk tahun {n}, sesuai Peraturan Menteri Dalam "
            "Negeri Nomor 86 Tahun 2017.",
            "Semoga dokumen ini bermanfaat sebagai acuan pelaksanaan program dan kegiatan.",
        ],
    )

    # BAB I
    chapter(doc, "BAB I", "PENDAHULUAN", "bab-1")
    section(doc, "1.1", "Latar Belakang")
    doc.add(*prose_or_draft(doc, ay, "latar_belakang", [
        f"Rencana Kerja {ay.agency.name} Tahun {n} (Renja PD) adalah dokumen perencanaan "
        f"perangkat daerah untuk periode satu tahun, yang memuat program, kegiatan dan sub "
        f"kegiatan beserta indikator, target dan pagu indikatifnya.",
    ], "1.1"))
    section(doc, "1.2", "Landasan Hukum")
    intro = narrative(ay, "landasan_hukum.pengantar")
    if intro:
        doc.add(Paragraph.text(intro))
    items = [i.strip() for i in narrative(ay, "landasan_hukum.butir").splitlines() if i.strip()]
    if items:
        doc.add(BulletList([[Run(i)] for i in items], numbered=True))
    else:
        doc.add(Paragraph.text("[Daftar landasan hukum belum diisi (kunci narasi 'landasan_hukum.butir').]", "missing"))
        doc.warn("daftar landasan hukum belum diisi", "1.2 Landasan Hukum")
    section(doc, "1.3", "Maksud dan Tujuan")
    intro = narrative(ay, "maksud_dan_tujuan.pengantar")
    aims = [i.strip() for i in narrative(ay, "maksud_dan_tujuan.butir").splitlines() if i.strip()]
    if intro or aims:
        if intro:
            doc.add(Paragraph.text(intro))
        if aims:
            doc.add(BulletList([[Run(i)] for i in aims]))
    else:
        doc.add(*prose_or_draft(doc, ay, "maksud_dan_tujuan", [
            f"Renja PD disusun sebagai acuan penyusunan program, kegiatan, lokasi, indikator "
            f"kinerja, pagu indikatif dan prakiraan maju tahun {n + 1}.",
        ], "1.3"))
    section(doc, "1.4", "Sistematika Penulisan")
    stored = narrative(ay, "sistematika")
    doc.add(*(paragraphs(stored) if stored else [BulletList([
        [Run("BAB I Pendahuluan: latar belakang, landasan hukum, maksud dan tujuan, sistematika.")],
        [Run("BAB II Evaluasi Pelaksanaan Renja PD Tahun Lalu: evaluasi Renja dan capaian Renstra, "
             "kinerja pelayanan, isu penting, review rancangan awal RKPD, usulan masyarakat.")],
        [Run("BAB III Tujuan dan Sasaran: telaahan kebijakan nasional, tujuan dan sasaran, "
             "program dan kegiatan.")],
        [Run("BAB IV Rencana Kerja dan Pendanaan.")],
        [Run("BAB V Penutup.")],
    ])]))

    # BAB II
    chapter(doc, "BAB II", "EVALUASI PELAKSANAAN RENJA PERANGKAT DAERAH TAHUN LALU", "bab-2")
    section(doc, "2.1", "Evaluasi Pelaksanaan Renja PD Tahun Lalu dan Capaian Renstra PD")
    lines = evaluation_lines(ay)
    if lines:
        table = evaluation_table(ay, facts, lines)
        undefined = sum(1 for ln in lines if ln.result.col8.value is None)
        reached = sum(1 for ln in lines if ln.result.col8.rounded is not None and ln.result.col8.rounded >= 100)
        doc.add(Paragraph([
            Run(f"Evaluasi pelaksanaan Renja tahun {n - 2} dan perkiraan capaian Renstra sampai "
                f"tahun {n - 1} disajikan pada "), Ref(table.id),
            Run(f". Dari {len(lines)} indikator, {reached} mencapai atau melampaui target tahun "
                f"{n - 2} dan {undefined} tidak dapat dihitung tingkat realisasinya (target nol "
                "atau kosong, atau realisasi belum ada)."),
        ]))
        doc.add(table)
        for ln in lines:
            for label, result in (("kolom 8", ln.result.col8), ("kolom 11", ln.result.col11)):
                if result.pathological:
                    doc.warn(f"{label} {result.display} %: {'; '.join(result.flag_labels)}",
                             f"Tabel evaluasi Renja, {ln.code} '{ln.indicator.name}'")
        stored = narrative(ay, "evaluasi_renja")
        if stored:
            doc.add(*paragraphs(stored))
    else:
        doc.add(Paragraph.text(
            f"[Belum ada indikator program/kegiatan dengan target dan realisasi tahun {n - 2} dan "
            f"{n - 1}; tabel evaluasi Renja tahun lalu tidak dapat disusun.]", "missing"))
        doc.warn(f"tidak ada indikator Renstra yang mencakup tahun {n - 1} untuk Tabel evaluasi Renja", "2.1")

    section(doc, "2.2", "Analisis Kinerja Pelayanan Perangkat Daerah")
    service = service_table(ay)
    if service is not None:
        doc.add(Paragraph([Run("Capaian indikator kinerja pelayanan (tujuan dan sasaran Renstra) "
                               "beserta targetnya disajikan pada "), Ref(service.id), Run(".")]))
        doc.add(service)
    else:
        doc.add(Paragraph.text("[Indikator kinerja pelayanan belum diisi.]", "missing"))
        doc.warn("indikator kinerja pelayanan (tujuan/sasaran Renstra) belum ada", "2.2")
    spm = spm_table(ay, facts)
    if spm is not None:
        doc.add(Paragraph([Run("Capaian Standar Pelayanan Minimal (SPM) per jenis pelayanan dasar "
                               "disajikan pada "), Ref(spm.id), Run(".")]))
        doc.add(spm)
    else:
        doc.add(Paragraph.text(
            "[Capaian Standar Pelayanan Minimal (SPM) per jenis pelayanan dasar belum tersimpan.]", "missing"))
        doc.warn("capaian SPM per jenis pelayanan dasar belum tersimpan", "2.2 Analisis Kinerja Pelayanan")
    stored = narrative(ay, "kinerja_pelayanan")
    if stored:
        doc.add(*paragraphs(stored))

    section(doc, "2.3", "Isu-isu Penting Penyelenggaraan Tugas dan Fungsi Perangkat Daerah")
    any_issue = False
    for key in ("isu", "permasalahan", "solusi"):
        intro = narrative(ay, f"isu_penting.{key}_pengantar")
        items = [i.strip() for i in narrative(ay, f"isu_penting.{key}").splitlines() if i.strip()]
        if intro:
            doc.add(Paragraph.text(intro))
        if items:
            doc.add(BulletList([[Run(i)] for i in items], numbered=True))
        any_issue = any_issue or bool(intro or items)
    if not any_issue:
        doc.add(*prose_or_draft(doc, ay, "isu_penting", [
            "Isu-isu penting penyelenggaraan tugas dan fungsi perangkat daerah, permasalahan dan "
            "solusinya dituliskan oleh perangkat daerah.",
        ], "2.3"))

    section(doc, "2.4", "Review terhadap Rancangan Awal RKPD")
    if wp is not None and version is not None and "ranwal_rkpd" in wp.versions_present():
        table = review_table(ay, facts, doc, version)
        ranwal_total = wp.total_budget("ranwal_rkpd") or 0
        diff_lines = sum(1 for line in wp.sub_activities()
                         if line.budget("ranwal_rkpd") != line.budget(version))
        stored = narrative(ay, "review_ranwal")
        if stored:
            doc.add(*paragraphs(stored))
        doc.add(Paragraph([
            Run(f"Pagu rancangan awal RKPD tahun {n} untuk perangkat daerah ini sebesar "
                f"{rupiah(ranwal_total)} dan hasil analisis kebutuhan sebesar {rupiah(total)}; "
                f"{diff_lines} sub kegiatan berbeda pagunya (lihat "), Ref(table.id), Run(")."),
        ]))
        doc.add(table)
    else:
        doc.add(Paragraph.text(
            f"[Pagu rancangan awal RKPD tahun {n} (versi 'ranwal_rkpd') belum tersimpan; review "
            "tidak dapat disusun.]", "missing"))
        doc.warn("pagu rancangan awal RKPD belum tersimpan", "2.4 Review Rancangan Awal RKPD")

    section(doc, "2.5", "Penelaahan Usulan Program dan Kegiatan Masyarakat")
    stored = narrative(ay, "usulan_masyarakat")
    if stored:
        doc.add(*paragraphs(stored))
    if facts.proposals:
        table = proposals_table(ay, facts)
        doc.add(Paragraph([Run(proposals_summary(facts) + " Rinciannya pada "), Ref(table.id), Run(".")]))
        doc.add(table)
    else:
        doc.add(Paragraph.text(
            f"[Belum ada usulan masyarakat (Musrenbang, Pokir DPRD, pemangku kepentingan) tahun {n} "
            "yang tercatat. Isi pada halaman Renja & pagu → Usulan masyarakat, atau impor dengan "
            "'sakip usulan BERKAS.xlsx'.]", "missing"))
        doc.warn("daftar usulan masyarakat belum diisi", "2.5 Usulan Masyarakat")

    # BAB III
    chapter(doc, "BAB III", "TUJUAN DAN SASARAN PERANGKAT DAERAH", "bab-3")
    section(doc, "3.1", "Telaahan terhadap Kebijakan Nasional")
    doc.add(*prose_or_draft(doc, ay, "telaahan_kebijakan", [
        "Penyusunan Renja PD memperhatikan prioritas dan sasaran pembangunan nasional dan provinsi "
        "yang berkaitan dengan urusan perangkat daerah.",
    ], "3.1"))
    section(doc, "3.2", "Tujuan dan Sasaran Renja Perangkat Daerah")
    goals = goals_table(ay)
    stored = narrative(ay, "tujuan_sasaran")
    if stored:
        doc.add(*paragraphs(stored))
    if goals is not None:
        plan = ay.strategic_plan
        assert plan is not None
        n_obj = sum(len(g.objectives) for g in plan.goals)
        doc.add(Paragraph([Run(f"Renstra {plan.start_year}–{plan.end_year} memuat {len(plan.goals)} tujuan "
                               f"dan {n_obj} sasaran, dengan target setiap tahun pada "), Ref(goals.id), Run(".")]))
        doc.add(goals)
    else:
        doc.add(Paragraph.text("[Tujuan dan sasaran Renstra belum diisi.]", "missing"))
        doc.warn("tujuan dan sasaran Renstra belum ada", "3.2")
    section(doc, "3.3", "Program dan Kegiatan")
    stored = narrative(ay, "program_kegiatan")
    if stored:
        doc.add(*paragraphs(stored))
    if wp is not None:
        table = plan_table(ay, facts, version)
        forecast = wp.total_budget("forecast")
        sentence = (
            f"Pada tahun {n} {ay.agency.name} merencanakan {counts[3]} program, {counts[4]} kegiatan "
            f"dan {counts[5]} sub kegiatan"
            + (f" dengan pagu indikatif {rupiah_words(total)}" if total is not None else "")
            + (f" dan prakiraan maju tahun {n + 1} sebesar {rupiah(forecast)}" if forecast is not None else "")
            + ", sebagaimana "
        )
        doc.add(Paragraph([Run(sentence), Ref(table.id), Run(".")]))
        doc.add(table)
    else:
        doc.add(Paragraph.text(f"[Rencana kerja tahun {n} belum diisi.]", "missing"))
        doc.warn(f"rencana kerja tahun {n} belum ada", "3.3")

    # BAB IV
    chapter(doc, "BAB IV", "RENCANA KERJA DAN PENDANAAN PERANGKAT DAERAH", "bab-4")
    stored = narrative(ay, "rencana_kerja_dan_pendanaan")
    if stored:
        doc.add(*paragraphs(stored))
        for w in prose_count_warnings(stored, counts, "BAB IV (uraian tersimpan)"):
            doc.warnings.append(w)
    if wp is not None:
        funded = funded_table(ay, version)
        programs = sorted(wp.programs, key=lambda p: code_key(p.code))
        doc.add(Paragraph([
            Run(f"{ay.agency.name} pada tahun {n} melaksanakan {counts[3]} ({number_in_words(counts[3])}) "
                f"program, {counts[4]} kegiatan dan {counts[5]} sub kegiatan"
                + (f" dengan total pagu indikatif {rupiah(total)}" if total is not None else "")
                + ", yaitu:"),
        ]))
        doc.add(BulletList([[Run(f"{p.name} ({rupiah(p.budget(version) if version else None)})")]
                            for p in programs], numbered=True))
        doc.add(Paragraph([Run("Rincian rencana kerja dan pendanaan sampai sub kegiatan pada "),
                           Ref(funded.id), Run(".")]))
        doc.add(funded)

    # BAB V
    chapter(doc, "BAB V", "PENUTUP", "bab-5")
    doc.add(*prose_or_draft(doc, ay, "penutup", [
        f"Renja {ay.agency.name} Tahun {n} menjadi acuan pelaksanaan program dan kegiatan tahun "
        f"{n} dan bahan penyusunan RKPD.",
    ], "BAB V"))
    doc.add(signature(ay, doc, "BAB V"))

    # Lampiran: consistency warnings and the method
    checks = consistency_warnings(ay, version)
    doc.warnings.extend(checks)
    doc.add(Heading("PERINGATAN KONSISTENSI DAN METODE PERHITUNGAN", 0, id="lampiran", number="Lampiran"))
    doc.add(Heading("Daftar Peringatan Konsistensi", 1, id="peringatan"))
    warnings = list(doc.warnings)
    if warnings:
        doc.add(Paragraph.text(
            f"Terdapat {len(warnings)} hal yang perlu diperiksa perencana sebelum dokumen "
            "ditandatangani:"))
        doc.add(Table(
            id="tabel-peringatan", caption="Peringatan Konsistensi Data Renja",
            columns=[Column("no", "No", Kind.TEXT, 0.5), Column("where", "Letak", Kind.TEXT, 3),
                     Column("message", "Peringatan", Kind.TEXT, 5)],
            rows=[Row([cells.text(str(i)), cells.text(w.where), cells.text(w.message)])
                  for i, w in enumerate(warnings, start=1)],
        ))
    else:
        doc.add(Paragraph.text("Tidak ada peringatan konsistensi."))
    doc.add(Heading("Metode Perhitungan", 1, id="metode"))
    text = method_text(
        lower_is_better_method=ay.settings.lower_is_better_method,
        achievement_scale=PERMENDAGRI_86_2017, include_budget=False,
    )
    doc.add(*(Paragraph.text(block) for block in text.split("\n\n")))
    doc.add(Paragraph.text(
        "Evaluasi Renja (Permendagri 86/2017): kolom 10 = 5 + 7 + 9 untuk indikator "
        "cacah (agregasi 'sum'), nilai terakhir untuk persentase, rasio, indeks dan predikat "
        "('last'), rata-rata untuk 'mean'. Pagu program dan kegiatan = jumlah pagu sub kegiatan. "
        f"Lonjakan prakiraan maju diperiksa terhadap batas {format_number(ay.settings.forecast_jump_factor)} "
        "kali (pengaturan daerah)."))
    return doc.finalize()


register(DocumentKind("renja", "Rencana Kerja (Renja) Perangkat Daerah", build))
