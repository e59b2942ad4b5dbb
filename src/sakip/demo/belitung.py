"""Demo agency `belitung`: Dinas Sosial PPPA Kabupaten Belitung, LKjIP 2024 (seed 003).

Loads the facts of data/belitung/ (see its README.md for where each comes from): the region and
its settings, the agency and its head, Renstra 2024–2026 with its IKU and their series since
2019, program / kegiatan / sub kegiatan indicators, the 2024 work plan with RKPD, APBD and APBD-P
money and the year's realisation, the PK 2024 and its revision, SAKIP evaluations, and prose.
Printed derived figures (`dicetak_*` columns) are never loaded: they are claims for tests.
"""

from __future__ import annotations

import datetime as dt

from sakip.common.errors import UserError
from sakip.demo import common
from sakip.demo.files import Row, data_dir, read_toml, read_tsv
from sakip.ingest.agreement import AgreementPlan, AgreementRow
from sakip.ingest.goals import Fact, GoalItem, IndicatorItem, ObjectiveItem, StrategyPlan
from sakip.ingest.importer import (
    ImportPlan,
    LinePlan,
    Outcome,
    apply_agreements,
    apply_line_indicators,
    apply_lines,
    apply_strategy,
)
from sakip.ingest.lines import LineIndicator
from sakip.monitoring import models as mon
from sakip.organisations.models import Agency, StaffCount
from sakip.planning import models as plan
from sakip.rules.achievement import Polarity, TargetKind
from sakip.rules.numbers import ColumnKind
from sakip.workflow.models import DocumentStatus, StatusEvent

CODE = "belitung"
YEAR = 2024


def load() -> Agency:
    folder = data_dir("belitung")
    meta = read_toml(folder / "agency.toml")

    common.remove_agency(CODE)
    region = common.region(meta["region"])
    heads = [common.region_head(region, h) for h in meta["region"].get("heads", []) if h.get("menandatangani_pk")]
    agency = common.agency(region, CODE, meta["agency"])
    head_data = next(o for o in meta["officials"] if o.get("is_head"))
    head = common.official(agency, head_data, position=f"Kepala {meta['agency']['name']}")

    edition = common.edition(
        "Kepmendagri 050-5889/2021", "Kepmendagri Nomor 050-5889 Tahun 2021 (kode sub kegiatan 4 digit)", 2021
    )

    # -- Renstra 2024–2026: goals, objectives, IKU -------------------------------------------
    rs = meta["renstra"]
    sp = plan.StrategicPlan.objects.create(
        agency=agency, name=f"Renstra {rs['start_year']}–{rs['end_year']}",
        start_year=rs["start_year"], end_year=rs["end_year"],
        vision=rs.get("visi", ""), mission=rs.get("misi", ""),
    )
    # goals, objectives and their indicators are written as `sakip import` writes them
    strategy = StrategyPlan((rs["start_year"], rs["end_year"]), "renstra.tsv")
    items: dict[str, IndicatorItem] = {}
    rows = list(read_tsv(folder / "renstra.tsv"))
    for row in rows:
        g_no = row.text("nomor_tujuan")
        if row.text("tingkat") == "tujuan" and all(g.number != g_no for g in strategy.goals):
            strategy.goals.append(GoalItem(g_no, row.text("pernyataan")))
    for row in rows:
        s_no = row.text("nomor_sasaran")
        if row.text("tingkat") == "sasaran" and all(o.number != s_no for o in strategy.objectives):
            if all(g.number != row.text("nomor_tujuan") for g in strategy.goals):
                raise UserError("sasaran tanpa tujuan.", where=row.where("nomor_tujuan"))
            strategy.objectives.append(ObjectiveItem(s_no, row.text("nomor_tujuan"), row.text("pernyataan")))
    for row in rows:
        is_goal = row.text("tingkat") == "tujuan"
        kind = common.pick(common.TARGET_KIND, row.text("jenis_target"), row.where("jenis_target"))
        ind_item = IndicatorItem(
            "goal" if is_goal else "objective",
            row.text("nomor_tujuan") if is_goal else row.text("nomor_sasaran"),
            row.text("indikator"),
            number=row.text("kode"),
            unit=row.text("satuan"),
            formula=row.text("formula"),
            polarity=Polarity(common.pick(common.POLARITY, row.text("polaritas"), row.where("polaritas"))),
            target_kind=TargetKind(kind),
            ordinal_scale=row.text("skala"),
            percentage_change=row.text("persentase_perubahan") == "ya",
            aggregation=common.pick(common.AGGREGATION, row.text("agregasi"), row.where("agregasi")),
            baseline_year=row.integer("tahun_data_awal"),
            baseline=_fact(kind, row, "data_awal"),
            end_target=_fact(kind, row, "target_akhir"),
            is_key=row.text("iku") == "ya",
            numerator_label=row.text("pembilang"),
            denominator_label=row.text("penyebut"),
            multiplier=row.number("pengali", ColumnKind.MEASURE),
            data_source=row.text("sumber_data"),
        )
        for year in (2024, 2025, 2026):
            fact = _fact(kind, row, f"target_{year}")
            if fact is not None:
                ind_item.targets[year] = fact
        strategy.indicators.append(ind_item)
        items[ind_item.number] = ind_item

    # The series since 2019 (earlier Renstra years carry the targets that applied then).
    for row in read_tsv(folder / "realisasi-iku.tsv"):
        ind_item = items[row.text("kode")]
        year = row.required_integer("tahun")
        if year < rs["start_year"]:
            fact = _fact(ind_item.target_kind.value, row, "target")
            if fact is not None:
                ind_item.targets[year] = fact
        fact = _fact(ind_item.target_kind.value, row, "realisasi")
        if fact is None:
            continue
        ind_item.realisations[year] = fact
        ind_item.realisation_notes[year] = f"Renstra {row.text('renstra')}" + (
            f"; indikator: {row.text('indikator_lama')}" if row.text("indikator_lama") else ""
        )
        if row.has("pembilang"):
            ind_item.operands[year] = (
                row.number("pembilang", ColumnKind.MEASURE), row.number("penyebut", ColumnKind.MEASURE)
            )
    iku = apply_strategy(strategy, sp, Outcome(), replace=False, path="renstra.tsv")

    # -- Program / kegiatan / sub kegiatan indicators (written as `sakip import` writes them) --
    line_items = []
    for order, row in enumerate(read_tsv(folder / "program-indikator-2024.tsv"), start=100):
        kind = common.pick(common.TARGET_KIND, row.text("jenis_target"), row.where("jenis_target"))
        line_item = LineIndicator(
            common.canonical(row.text("kode"), row.where("kode")),
            int(common.pick(common.LEVEL, row.text("tingkat"), row.where("tingkat"))),
            row.text("indikator"),
            unit=row.text("satuan"),
            polarity=Polarity(common.pick(common.POLARITY, row.text("polaritas"), row.where("polaritas"))),
            target_kind=TargetKind(kind),
            ordinal_scale=row.text("skala"),
            aggregation=common.pick(common.AGGREGATION, row.text("agregasi"), row.where("agregasi")),
            order=order,
        )
        for year in (YEAR, YEAR - 1):
            target = _fact(kind, row, f"target_{year}")
            if target is not None:
                line_item.targets[year] = target
            realised = _fact(kind, row, f"realisasi_{year}")
            if realised is not None:
                line_item.realisations[year] = realised
                line_item.realisation_notes[year] = ""
        if row.has("pembilang"):  # the operands of the year's realisation (Lampiran XI Form 2)
            line_item.operands[YEAR] = (
                row.number("pembilang", ColumnKind.MEASURE), row.number("penyebut", ColumnKind.MEASURE)
            )
        line_items.append(line_item)
    apply_line_indicators(line_items, sp, Outcome(), replace=False, path="program-indikator-2024.tsv")

    # -- Work plan 2024 with money and realisation (written as `sakip import` writes lines) ----
    work = ImportPlan(YEAR)
    entries = []
    for order, row in enumerate(read_tsv(folder / "anggaran-2024.tsv")):
        tingkat = row.text("tingkat")
        if tingkat == "total":
            continue
        code = common.canonical(row.text("kode"), row.where("kode"))
        level = common.pick(common.LEVEL, tingkat, row.where("tingkat"))
        parent_code = code.rsplit(".", 2 if level == plan.Level.ACTIVITY else 1)[0] if level > plan.Level.PROGRAM else None
        if code in work.lines:
            raise UserError(f"kode {code} tercantum dua kali.", where=row.where("kode"))
        if parent_code and parent_code not in work.lines:
            raise UserError(f"induk {parent_code} belum ada sebelum {code}.", where=row.where("kode"))
        line = work.lines[code] = LinePlan(code, int(level), row.text("nama"), "anggaran-2024.tsv", order=order)
        entries.append((code, int(level), row.text("nama")))
        if level != plan.Level.SUB_ACTIVITY:
            continue
        for column, version in (("rkpd", "rkpd"), ("apbd_induk", "apbd"), ("apbd_p", "apbd_p")):
            amount = row.money(column)
            if amount is not None:
                line.money[version] = amount
        line.realised = row.money("realisasi")
        if line.realised is not None:
            line.physical_progress = row.number("fisik", ColumnKind.PERCENT)
            line.explanation = row.text("penjelasan")
    apply_lines(
        work, agency, Outcome(), replace=False, path="anggaran-2024.tsv", edition=edition, bulk=True,
        spending_note="Realisasi s/d Desember 2024 (LKjIP 2024, Lampiran XII)",
    )
    common.nomenclature(edition, entries)

    # -- Perjanjian Kinerja 2024 and its revision ---------------------------------------------
    docs = meta.get("documents", {})
    versions = {
        "awal": (plan.PerformanceAgreement.Version.ORIGINAL, docs.get("pk_2024_awal", {}), "apbd"),
        "perubahan": (plan.PerformanceAgreement.Version.REVISED, docs.get("pk_2024_perubahan", {}), "apbd_p"),
    }
    agreements: dict[str, plan.PerformanceAgreement] = {}
    for key, (version, info, budget_version) in versions.items():
        agreements[key] = plan.PerformanceAgreement.objects.create(
            agency=agency, year=YEAR, version=version,
            signed_on=info.get("tanggal") if isinstance(info.get("tanggal"), dt.date) else None,
            place=info.get("tempat", ""), first_party=head,
            second_party=heads[0] if heads and info.get("pihak_kedua") else None,
            budget_version=info.get("versi_anggaran", budget_version),
        )
    # their items are written as `sakip import` writes them
    pk_plans = {key: AgreementPlan(version.value, "perjanjian-kinerja-2024.tsv") for key, (version, _, _) in versions.items()}
    for order, row in enumerate(read_tsv(folder / "perjanjian-kinerja-2024.tsv")):
        if row.text("versi") not in pk_plans:
            raise UserError(f"versi PK {row.text('versi')!r} tidak dikenal (awal, perubahan).", where=row.where("versi"))
        number = row.text("kode_indikator").split()[0]
        if number not in items:
            raise UserError(f"indikator {number} tidak ada di Renstra.", where=row.where("kode_indikator"))
        target = _fact(items[number].target_kind.value, row, "target") or Fact()
        pk_plans[row.text("versi")].rows.append(AgreementRow(items[number], target, row.text("target"), order=order))
    apply_agreements(list(pk_plans.values()), iku, agency, YEAR, Outcome(), replace=False)
    for order, row in enumerate(read_tsv(folder / "perjanjian-kinerja-program-2024.tsv")):
        plan.AgreementProgram.objects.create(
            agreement=agreements[row.text("versi")],
            code=common.canonical(row.text("kode"), row.where("kode")),
            note=row.text("keterangan"), order=order,
        )

    # -- SAKIP evaluations --------------------------------------------------------------------
    lhe = meta.get("sakip_lhe_2023", {})
    evaluations: dict[int, mon.SakipEvaluation] = {}
    for row in read_tsv(folder / "evaluasi-sakip.tsv"):
        year = row.required_integer("tahun")
        ev = mon.SakipEvaluation.objects.create(
            agency=agency, year=year, framework=mon.SakipEvaluation.Framework.PERMENPAN_88_2021,
            score=row.number("nilai", ColumnKind.MEASURE),
            evaluator=row.text("penilai") or "",
        )
        evaluations[year] = ev
        for component in ("perencanaan", "pengukuran", "pelaporan", "evaluasi_internal"):
            score = row.number(component, ColumnKind.MEASURE)
            if score is not None:
                mon.SakipComponentScore.objects.create(evaluation=ev, component=component, score=score)
    lhe_year = lhe.get("tanggal").year if isinstance(lhe.get("tanggal"), dt.date) else None
    if lhe_year in evaluations:
        for order, row in enumerate(read_tsv(folder / "rekomendasi-sakip.tsv")):
            mon.SakipRecommendation.objects.create(
                evaluation=evaluations[lhe_year], recommendation=row.text("rekomendasi"),
                follow_up=row.text("tindak_lanjut"), order=order,
            )

    # -- Staff by education and status (Tabel 1.1); printed totals are claims, not loaded -------
    groups: dict[str, int] = {}
    for order, row in enumerate(read_tsv(folder / "sdm.tsv")):
        if row.text("baris") != "jenis":
            continue
        group = row.text("kelompok")
        groups.setdefault(group, len(groups))
        StaffCount.objects.create(
            agency=agency, year=YEAR, group=group, group_order=groups[group],
            education=row.text("jenis_pendidikan"), order=order,
            civil_servant_male=row.integer("pns_l"), civil_servant_female=row.integer("pns_p"),
            contract_male=row.integer("pppk_l"), contract_female=row.integer("pppk_p"),
            honorary_male=row.integer("honorer_l"), honorary_female=row.integer("honorer_p"),
        )

    # -- Prose and the published report ---------------------------------------------------------
    common.narratives(agency, read_toml(folder / "narasi.toml"), "lkjip", YEAR)
    lkjip = docs.get("lkjip_2024", {})
    signed = lkjip.get("tanggal")
    for document in (DocumentStatus.Document.PK, DocumentStatus.Document.LKJIP):
        status = DocumentStatus.objects.create(
            agency=agency, year=YEAR, document=document, state=DocumentStatus.State.FINAL
        )
        if document == DocumentStatus.Document.LKJIP and isinstance(signed, dt.date):
            # approved (locked) by the head on the day the report is dated: its signing date
            event = StatusEvent.objects.create(
                status=status, from_state=DocumentStatus.State.REVIEWED,
                to_state=DocumentStatus.State.FINAL, comment="Data demo: tanggal LKjIP yang dicetak",
            )
            StatusEvent.objects.filter(pk=event.pk).update(
                at=dt.datetime.combine(signed, dt.time(9, 0), tzinfo=dt.UTC))
    mon.PerformanceReport.objects.create(
        agency=agency, year=YEAR,
        published_at=dt.datetime.combine(signed, dt.time(9, 0), tzinfo=dt.UTC) if isinstance(signed, dt.date) else None,
    )
    return agency


def _fact(kind: str, row: Row, column: str) -> Fact | None:
    """A cell as a target or realisation: a level for ordinal indicators, else a number."""
    if not row.has(column):
        return None
    if kind == plan.TargetKind.ORDINAL:
        return Fact(None, row.text(column))
    return Fact(row.number(column, ColumnKind.MEASURE))
