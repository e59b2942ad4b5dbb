"""Demo agency `batubara`: Dinas Sosial PPPA Kabupaten Batu Bara, Renja 2024 (seed 000).

Loads the facts of data/batubara/ (provenance in its README.md): the region and the acting head
of the agency; the previous Renstra (2021–2023) with the program / kegiatan / sub kegiatan
indicators evaluated in Tabel 2.1 (end target, realisation up to 2021, target and realisation
2022, target 2023); Renstra 2024–2026 with its goals, objectives and IKU (Tabel 3.1) and their
2022 performance (Tabel 2.3); the 2024 work plan (Tabel 3.2) with its output indicators, targets
2024 and 2025, the pagu indikatif of every sub kegiatan, the 2025 forecast, and the Ranwal RKPD
money of Tabel 2.5; and the prose. Parents' money and every percentage are derived, never loaded.
"""

from __future__ import annotations

from sakip.common.errors import UserError
from sakip.demo import common
from sakip.demo.files import Row, data_dir, read_toml, read_tsv
from sakip.ingest.goals import Fact, GoalItem, IndicatorItem, ObjectiveItem, StrategyPlan
from sakip.ingest.importer import (
    ImportPlan,
    LinePlan,
    Outcome,
    apply_line_indicators,
    apply_lines,
    apply_strategy,
)
from sakip.ingest.lines import LineIndicator
from sakip.monitoring import models as mon
from sakip.organisations.models import Agency
from sakip.planning import models as plan
from sakip.rules.achievement import Polarity, TargetKind
from sakip.rules.numbers import ColumnKind, parse_score

CODE = "batubara"
YEAR = 2024
URUSAN_OF_SOCIAL = "1"  # the document drops the urusan of bidang 06 (Sosial): 6.01 = 1.06.01


def load() -> Agency:
    folder = data_dir("batubara")
    meta = read_toml(folder / "agency.toml")

    common.remove_agency(CODE)
    region = common.region(meta["region"])
    for head in meta["region"].get("heads", []):
        if head.get("name"):  # the Bupati's name is not printed in this Renja
            common.region_head(region, head)
    agency = common.agency(region, CODE, meta["agency"])
    head_data = next(o for o in meta["officials"] if o.get("is_head"))
    common.official(agency, head_data, position=f"Kepala {meta['agency']['name']}")
    edition = common.edition(
        "Permendagri 90/2019", "Permendagri Nomor 90 Tahun 2019 (kode sub kegiatan 2 digit)", 2019
    )

    # -- The previous Renstra and its evaluation (Tabel 2.1) -------------------------------------
    old = meta["renstra_sebelumnya"]
    old_plan = plan.StrategicPlan.objects.create(
        agency=agency, name=f"Renstra {old['start_year']}–{old['end_year']}",
        start_year=old["start_year"], end_year=old["end_year"],
    )
    # line indicators, their targets and realisations are written as `sakip import` writes them
    evaluated: dict[str, Row] = {}
    old_items = []
    for order, row in enumerate(read_tsv(folder / "evaluasi-renja-2022.tsv")):
        code = _code(row)
        evaluated[code] = row
        old_item = _line_indicator(row, order, code)
        if row.has("target_renstra"):
            old_item.end_target = Fact(row.number("target_renstra", ColumnKind.MEASURE))
        for year, column, note in (
            (old["start_year"], "realisasi_sd_2021", "Realisasi s/d 2021 (Renja 2024, Tabel 2.1 kolom 5)"),
            (2022, "realisasi_2022", "Renja 2024, Tabel 2.1 kolom 7"),
        ):
            if row.has(column):
                old_item.realisations[year] = _fact(plan.TargetKind.NUMBER, row, column)
                old_item.realisation_notes[year] = note
        for year in (2022, 2023):
            if row.has(f"target_{year}"):
                old_item.targets[year] = _fact(plan.TargetKind.NUMBER, row, f"target_{year}")
        old_items.append(old_item)
    apply_line_indicators(old_items, old_plan, Outcome(), replace=False, path="evaluasi-renja-2022.tsv")

    # -- Renstra 2024–2026: goals, objectives, IKU (Tabel 3.1) -----------------------------------
    rs = meta["renstra"]
    sp = plan.StrategicPlan.objects.create(
        agency=agency, name=f"Renstra {rs['start_year']}–{rs['end_year']}",
        start_year=rs["start_year"], end_year=rs["end_year"],
        vision=rs.get("visi_rpjpd", ""), mission=rs.get("misi_rpjpd_terkait", ""),
    )
    # goals, objectives and their indicators are written as `sakip import` writes them
    strategy = StrategyPlan((rs["start_year"], rs["end_year"]), "tujuan-sasaran-2024-2026.tsv")
    objective_of: dict[tuple[str, str], str] = {}
    key_items: dict[str, IndicatorItem] = {}
    for order, row in enumerate(read_tsv(folder / "tujuan-sasaran-2024-2026.tsv")):
        goal_no = row.text("no").split(".")[0]
        if all(g.number != goal_no for g in strategy.goals):
            strategy.goals.append(GoalItem(goal_no, row.text("tujuan")))
            strategy.indicators.append(
                IndicatorItem("goal", goal_no, row.text("indikator_tujuan"), number=goal_no, is_key=False, order=order)
            )
        key = (goal_no, row.text("sasaran"))
        if key not in objective_of:
            number = f"{goal_no}.{sum(1 for k in objective_of if k[0] == goal_no) + 1}"
            objective_of[key] = number
            strategy.objectives.append(ObjectiveItem(number, goal_no, row.text("sasaran")))
        kind = common.pick(common.TARGET_KIND, row.text("jenis_target"), row.where("jenis_target"))
        item = IndicatorItem(
            "objective", objective_of[key], row.text("indikator_sasaran"), number=row.text("no"),
            unit=row.text("satuan"),
            polarity=Polarity(common.pick(common.POLARITY, row.text("polaritas"), row.where("polaritas"))),
            target_kind=TargetKind(kind), ordinal_scale=row.text("skala"), aggregation=plan.Aggregation.LAST,
            is_key=True, order=100 + order,
        )
        for year in (2024, 2025, 2026):
            if row.has(f"target_{year}"):
                item.targets[year] = _fact(kind, row, f"target_{year}")
        strategy.indicators.append(item)
        key_items[item.name.casefold()] = item

    # Their performance in 2022 (Tabel 2.3), recorded on the same measures where the indicator
    # is the same; rows of another measure (KLA in % vs the new KLA score) are not loaded.
    for row in read_tsv(folder / "kinerja-pelayanan-2022.tsv"):
        same = _same_measure(key_items, row.text("indikator"))
        if same is None:
            continue
        if same.target_kind is TargetKind.ORDINAL:  # printed as a score with its grade: "74.91 (BB)"
            target, realised = (parse_score(row.text(c)) for c in ("target_dicetak", "realisasi_dicetak"))
            same.targets[2022] = Fact(target.value, target.level or "")
            same.realisations[2022] = Fact(realised.value, realised.level or "")
            same.realisation_notes[2022] = "Renja 2024, Tabel 2.3"
            continue
        if row.has("target"):
            same.targets[2022] = _fact(plan.TargetKind.NUMBER, row, "target")
        if row.has("realisasi"):
            same.realisations[2022] = _fact(plan.TargetKind.NUMBER, row, "realisasi")
            same.realisation_notes[2022] = "Renja 2024, Tabel 2.3"
    apply_strategy(strategy, sp, Outcome(), replace=False, path="tujuan-sasaran-2024-2026.tsv")

    # -- Work plan 2024 (Tabel 3.2) with the 2025 forecast and the Ranwal RKPD money --------------
    work = ImportPlan(YEAR)
    entries = []
    line_rows: list[tuple[int, Row, str]] = []
    for order, row in enumerate(read_tsv(folder / "rencana-2024.tsv")):
        if row.text("tingkat") == "total":
            continue
        code = _code(row)
        level = common.pick(common.LEVEL, row.text("tingkat"), row.where("tingkat"))
        _check_parent(work, code, level, row)
        line = work.lines[code] = LinePlan(
            code, int(level), row.text("nama"), "rencana-2024.tsv", order=order,
            location=row.text("lokasi"), funding_source=row.text("sumber_dana"), notes=row.text("catatan"),
        )
        entries.append((code, int(level), row.text("nama")))
        line_rows.append((order, row, code))
        if level == plan.Level.SUB_ACTIVITY:
            for column, version in (("pagu_2024", "renja"), ("pagu_2025", "forecast")):
                amount = row.money(column)
                if amount is not None:
                    line.money[version] = amount
        elif row.has("pagu_2024") or row.has("pagu_2025"):
            raise UserError("pagu hanya dicatat pada sub kegiatan.", where=row.where("pagu_2024"))
    for row in read_tsv(folder / "review-ranwal-rkpd-2024.tsv"):
        if row.text("tingkat") != "sub_kegiatan" or not row.text("kode"):
            continue
        reviewed = work.lines.get(row.text("kode"))
        if reviewed is None:
            raise UserError(f"kode {row.text('kode')} tidak ada di rencana 2024.", where=row.where("kode"))
        amount = row.money("renja_pagu")
        if amount is not None:
            reviewed.money["ranwal_rkpd"] = amount
    # lines and money written as `sakip import` writes them
    apply_lines(work, agency, Outcome(), replace=False, path="rencana-2024.tsv", edition=edition, bulk=True)
    line_items = []
    for order, row, code in line_rows:
        line_item = _line_indicator(evaluated.get(code, row), 200 + order, code, name=row.text("indikator"),
                               unit=row.text("satuan_2024") or row.text("satuan_2025"))
        for year in (YEAR, YEAR + 1):
            if row.has(f"target_{year}"):
                line_item.targets[year] = _fact(plan.TargetKind.NUMBER, row, f"target_{year}")
                line_item.target_units[year] = row.text(f"satuan_{year}")
        line_items.append(line_item)
    apply_line_indicators(line_items, sp, Outcome(), replace=False, path="rencana-2024.tsv")

    # SPM (Tabel 2.2): only the percentages were printed, one per year; the 2023 target.
    spm = []
    for row in read_tsv(folder / "spm.tsv"):
        for year in (2019, 2020, 2021, 2022):
            value = row.number(f"capaian_{year}", ColumnKind.MEASURE)
            if value is not None:
                spm.append(mon.SpmResult(agency=agency, year=year, number=row.text("no"),
                                         service=row.text("indikator"), reported_achievement=value,
                                         note="Renja 2024, Tabel 2.2"))
        spm.append(mon.SpmResult(agency=agency, year=2023, number=row.text("no"), service=row.text("indikator"),
                                 target=row.number("target_2023", ColumnKind.MEASURE),
                                 note="Renja 2024, Tabel 2.2 (target 2023 = kondisi akhir periode Renstra)"))
    mon.SpmResult.objects.bulk_create(spm)
    # Codes evaluated in Tabel 2.1 that the 2024 plan no longer has (1.06.03, 2.08.05 …) keep
    # their names from Tabel 2.1; the 2024 plan's names win where a code is in both.
    planned = {code for code, _, _ in entries}
    entries += [
        (code, int(common.pick(common.LEVEL, row.text("tingkat"), row.where("tingkat"))), row.text("nama"))
        for code, row in evaluated.items() if code not in planned
    ]
    common.nomenclature(edition, entries)
    common.narratives(agency, read_toml(folder / "narasi.toml"), "renja", YEAR)
    return agency


def _code(row: Row) -> str:
    return common.canonical(row.text("kode"), row.where("kode"), urusan=URUSAN_OF_SOCIAL)


def _check_parent(work: ImportPlan, code: str, level: int, row: Row) -> None:
    if code in work.lines:
        raise UserError(f"kode {code} tercantum dua kali.", where=row.where("kode"))
    if level == plan.Level.PROGRAM:
        return
    parent_code = code.rsplit(".", 2 if level == plan.Level.ACTIVITY else 1)[0]
    if parent_code not in work.lines:
        raise UserError(f"induk {parent_code} belum ada sebelum {code}.", where=row.where("kode"))


def _line_indicator(row: Row, order: int, code: str, name: str = "", unit: str = "") -> LineIndicator:
    """An outcome/output indicator of a program, kegiatan or sub kegiatan."""
    tingkat = row.text("tingkat")
    unit = unit or (row.text("satuan") if "satuan" in row.cells else "")
    aggregation = row.text("agregasi") if "agregasi" in row.cells else ""
    if not aggregation:
        aggregation = "last" if unit.strip() == "%" else "sum"
    return LineIndicator(
        code,
        int(common.pick(common.LEVEL, tingkat, row.where("tingkat"))),
        name or row.text("indikator"),
        unit=unit,
        polarity=Polarity(
            common.pick(common.POLARITY, row.text("polaritas") or "positif", row.where("polaritas"))
            if "polaritas" in row.cells else plan.Polarity.HIGHER_IS_BETTER
        ),
        aggregation=common.pick(common.AGGREGATION, aggregation, row.where("agregasi")),
        order=order,
    )


def _fact(kind: str, row: Row, column: str) -> Fact:
    """A cell as a target or realisation: a level for ordinal indicators, else a number."""
    if kind == plan.TargetKind.ORDINAL:
        return Fact(None, row.text(column))
    return Fact(row.number(column, ColumnKind.MEASURE))


def _same_measure(indicators: dict[str, IndicatorItem], name: str) -> IndicatorItem | None:
    """The 2024–2026 indicator that measures the same thing (spelling variants of one name)."""
    wanted = _key(name)
    for known, ind in indicators.items():
        if _key(known) == wanted:
            return ind
    return None


def _key(name: str) -> str:
    return name.casefold().replace("percentase", "persentase").strip()

