"""The timed workloads. Each runs inside a fresh process (see __main__) and returns figures."""

from __future__ import annotations

import os
import resource
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any


def setup_django() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sakip.settings")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", interactive=False, verbosity=0)


def peak_rss_mb() -> float:
    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)


@dataclass
class Workload:
    name: str
    run: Callable[[dict[str, Any]], dict[str, Any]]
    describe: Callable[[dict[str, Any]], str]
    defaults: dict[str, Any] = field(default_factory=dict)


def _compute(params: dict[str, Any]) -> dict[str, Any]:
    """Load every agency-year of a synthetic province and compute every figure."""
    setup_django()
    from benchmarks.synthetic import Size, generate
    from sakip import dataset
    from sakip.organisations.models import Agency

    size = Size(params["regions"], params["agencies"], params["subs"])
    t0 = time.perf_counter()
    counts = generate(size, year=2024)
    generate_s = time.perf_counter() - t0

    t0 = time.perf_counter()
    subs = figures = 0
    for agency in Agency.objects.select_related("region").filter(code__startswith="bench-"):
        ay = dataset.load_agency(agency, 2024)
        assert ay.strategic_plan is not None and ay.work_plan is not None
        for ind in ay.strategic_plan.indicators:
            ind.achievement(2024, ay.settings)
            figures += 1
        version = ay.work_plan.budget_version
        assert version is not None
        for line in ay.work_plan.lines():
            line.budget(version)
            line.realised()
            figures += 2
            if line.is_leaf:
                subs += 1
        ay.work_plan.absorption()
        figures += 1
    compute_s = time.perf_counter() - t0
    return {
        "size": params,
        "rows": counts,
        "generate_s": round(generate_s, 2),
        "compute_s": round(compute_s, 2),
        "sub_kegiatan": subs,
        "figures": figures,
        "subs_per_s": round(subs / compute_s) if compute_s else None,
        "figures_per_s": round(figures / compute_s) if compute_s else None,
        "peak_rss_mb": peak_rss_mb(),
    }


def _describe_compute(r: dict[str, Any]) -> str:
    rows = sum(r["rows"].values())
    s = r["size"]
    return (
        f"[compute] {s['regions']} regions × {s['agencies']} agencies × {s['subs']} sub kegiatan "
        f"= {r['sub_kegiatan']} sub kegiatan ({rows} rows generated in {r['generate_s']} s)\n"
        f"          load + compute every figure: {r['compute_s']} s — "
        f"{r['subs_per_s']} sub kegiatan/s, {r['figures_per_s']} figures/s; "
        f"peak memory {r['peak_rss_mb']} MB (max RSS of the worker process)"
    )


def _renja(params: dict[str, Any]) -> dict[str, Any]:
    """The Renja of one synthetic large agency: build the Document (and, once the renderers
    exist, write DOCX and XLSX), plus its quarterly evaluation and Renja Perubahan."""
    setup_django()
    from decimal import Decimal

    from benchmarks.synthetic import Size, generate
    from sakip import dataset
    from sakip.documents.registry import Options, kinds
    from sakip.monitoring import models as mon
    from sakip.organisations.models import Agency
    from sakip.planning import models as plan

    generate(Size(1, 1, params["subs"]), year=2024)
    agency = Agency.objects.select_related("region").get(code="bench-r0-a0")
    # What a Renja has beyond the generator's APBD: its own pagu, the Ranwal RKPD and the
    # forecast, and last year's realisations for Tabel 2.1.
    extra = []
    for a in plan.BudgetAllocation.objects.filter(line__work_plan__agency=agency, version="apbd"):
        extra += [plan.BudgetAllocation(line_id=a.line_id, version="renja", amount=a.amount),
                  plan.BudgetAllocation(line_id=a.line_id, version="ranwal_rkpd",
                                        amount=a.amount - (a.amount % 7_000_000 if a.line_id % 10 == 0 else 0)),
                  plan.BudgetAllocation(line_id=a.line_id, version="forecast", amount=a.amount * 11 // 10)]
    plan.BudgetAllocation.objects.bulk_create(extra, batch_size=2000)
    # A Renstra running 2021–2025 with the earlier years filled in, as a real Renja has them.
    plan.StrategicPlan.objects.filter(agency=agency).update(start_year=2021, end_year=2025)
    targets = list(plan.IndicatorTarget.objects.filter(indicator__strategic_plan__agency=agency, year=2023))
    plan.IndicatorTarget.objects.bulk_create(
        [plan.IndicatorTarget(indicator_id=t.indicator_id, year=2022, value=t.value) for t in targets],
        batch_size=2000,
    )
    mon.IndicatorRealisation.objects.bulk_create(
        [mon.IndicatorRealisation(indicator_id=t.indicator_id, year=y, period=0, value=t.value * factor)
         for t in targets for y, factor in ((2021, Decimal("0.8")), (2022, Decimal("0.95")), (2023, Decimal("0.9")))],
        batch_size=2000,
    )
    for t in targets:
        plan.Indicator.objects.filter(id=t.indicator_id).update(end_target_value=t.value * 5)
    registry = kinds()
    timings: dict[str, Any] = {}
    t0 = time.perf_counter()
    ay = dataset.load_agency(agency, 2024)
    timings["load_s"] = round(time.perf_counter() - t0, 3)
    runs = params.get("runs", 5)
    docs = {}
    for key, options in (("renja", Options()), ("evaluasi-renja", Options(quarter=2)),
                         ("renja-perubahan", Options())):
        t0 = time.perf_counter()
        for _ in range(runs):
            docs[key] = registry[key].build(ay, options)
        timings[f"build_{key}_s"] = round((time.perf_counter() - t0) / runs, 3)
    doc = docs["renja"]
    rows = sum(len(t.rows) for t in doc.tables())
    try:
        from sakip.documents import render  # the renderers (issue 4)
    except ImportError:
        render = None  # type: ignore[assignment]
    if render is not None:
        for fmt in params.get("formats", ("docx", "xlsx", "pdf")):
            t0 = time.perf_counter()
            data = render.render(doc, fmt)  # the first call also imports the renderer's libraries
            timings[f"{fmt}_cold_s"] = round(time.perf_counter() - t0, 3)
            t0 = time.perf_counter()
            data = render.render(doc, fmt)
            timings[f"{fmt}_s"] = round(time.perf_counter() - t0, 3)
            timings[f"{fmt}_kb"] = round(len(data) / 1024)
    return {
        "size": params, "sub_kegiatan": ay.work_plan.count(5) if ay.work_plan else 0,
        "tables": len(list(doc.tables())), "table_rows": rows, "warnings": len(doc.warnings),
        **timings, "peak_rss_mb": peak_rss_mb(),
    }


def _describe_renja(r: dict[str, Any]) -> str:
    lines = [
        f"[renja] synthetic agency, {r['sub_kegiatan']} sub kegiatan: Renja with {r['tables']} tables, "
        f"{r['table_rows']} table rows, {r['warnings']} warnings",
        f"          load agency-year {r['load_s']} s; build Document: Renja {r['build_renja_s']} s, "
        f"evaluasi TW II {r['build_evaluasi-renja_s']} s, Renja Perubahan {r['build_renja-perubahan_s']} s "
        "(mean of runs)",
    ]
    formats = [f for f in ("docx", "xlsx", "pdf") if f"{f}_s" in r]
    if formats:
        lines.append("          render (warm; first call incl. imports in brackets): " + ", ".join(
            f"{f.upper()} {r[f + '_s']} s [{r[f + '_cold_s']} s] ({r[f + '_kb']} KB)" for f in formats)
                     + (f"; DOCX + XLSX {round(r['docx_s'] + r['xlsx_s'], 3)} s" if "xlsx_s" in r else ""))
    else:
        lines.append("          render: renderers not available yet (sakip.documents.render)")
    lines.append(f"          peak memory {r['peak_rss_mb']} MB")
    return "\n".join(lines)


def _time_formats(doc: Any, timings: dict[str, Any], prefix: str) -> None:
    """Each format three times: the first call of the process (imports of python-docx,
    matplotlib, WeasyPrint, and the charts drawn); again with every chart drawn anew (the chart
    cache off: what a document with new numbers costs); and again with the charts from the
    cache (what a re-render after a narrative edit, or the second format, costs). The PDF
    document cache is off for these; the PDF is then timed once more as a repeated download of
    the same document (rendered once into the cache, then served from it)."""
    from sakip.documents.render import charts, render

    def children_cpu() -> float:
        used = resource.getrusage(resource.RUSAGE_CHILDREN)
        return used.ru_utime + used.ru_stime

    def timed(fmt: str, key: str) -> bytes:
        # CPU time includes the processes that drew charts for this render (charts.prepare)
        t0, c0, k0 = time.perf_counter(), time.process_time(), children_cpu()
        data = render(doc, fmt)
        timings[f"{key}_s"] = round(time.perf_counter() - t0, 3)
        timings[f"{key}_cpu_s"] = round(time.process_time() - c0 + children_cpu() - k0, 3)
        return data

    def setting(name: str, value: str | None) -> str | None:
        previous = os.environ.get(name)
        if value is None:
            os.environ.pop(name, None)
        else:
            os.environ[name] = value
        return previous

    document_cache = setting("SAKIP_DOCUMENT_CACHE", "0")
    try:
        for fmt in ("docx", "xlsx", "pdf"):
            timed(fmt, f"{prefix}_{fmt}_cold")
            chart_cache = setting("SAKIP_CHART_CACHE", "0")
            charts.clear_memory()
            try:
                timed(fmt, f"{prefix}_{fmt}_draw")
            finally:
                setting("SAKIP_CHART_CACHE", chart_cache)
            charts.clear_memory()
            render(doc, fmt)  # fills the in-process cache (from var/cache/charts)
            data = timed(fmt, f"{prefix}_{fmt}")
            timings[f"{prefix}_{fmt}_kb"] = round(len(data) / 1024)
    finally:
        setting("SAKIP_DOCUMENT_CACHE", document_cache)
    render(doc, "pdf")  # into the document cache (a no-op when it holds this PDF already)
    timed("pdf", f"{prefix}_pdf_again")
    timings[f"{prefix}_charts"] = len(list(doc.charts()))


def _lkjip(params: dict[str, Any]) -> dict[str, Any]:
    """The LKjIP of the Belitung demo and of a synthetic large agency (300 sub kegiatan, 20 IKU,
    6 years of series): build the Document, then DOCX, XLSX and PDF, each timed."""
    setup_django()
    from decimal import Decimal

    from benchmarks.synthetic import Size, generate
    from sakip import dataset
    from sakip.demo import belitung
    from sakip.documents import service
    from sakip.documents.registry import Options
    from sakip.monitoring import models as mon
    from sakip.organisations.models import Agency
    from sakip.planning import models as plan
    from sakip.workflow.history import audit_context

    timings: dict[str, Any] = {}
    with audit_context(reason="benchmark", quiet=True):
        belitung.load()
    kind = service.document_kind("lkjip")
    t0 = time.perf_counter()
    ay = dataset.load("belitung", 2024)
    doc = service.build(kind, ay, Options())
    timings["belitung_build_s"] = round(time.perf_counter() - t0, 3)
    timings["belitung_tables"] = len(list(doc.tables()))
    _time_formats(doc, timings, "belitung")

    generate(Size(1, 1, params["subs"]), year=2024)
    agency = Agency.objects.select_related("region").get(code="bench-r0-a0")
    sp = plan.StrategicPlan.objects.get(agency=agency)
    objectives = list(plan.Objective.objects.filter(goal__strategic_plan=sp).order_by("id"))
    existing = plan.Indicator.objects.filter(strategic_plan=sp, is_key=True).count()
    extra = [
        plan.Indicator(strategic_plan=sp, subject="objective", objective=objectives[k % len(objectives)],
                       name=f"IKU tambahan {k + 1}", unit="%" if k % 3 else "indeks", is_key=True,
                       polarity="lower_is_better" if k % 4 == 3 else "higher_is_better",
                       aggregation="last", order=100 + k)
        for k in range(params["iku"] - existing)
    ]
    plan.Indicator.objects.bulk_create(extra)
    years = list(range(2024 - params["years"] + 1, 2025))
    targets, realisations = [], []
    for n, ind in enumerate(plan.Indicator.objects.filter(strategic_plan=sp, is_key=True)):
        plan.IndicatorTarget.objects.filter(indicator=ind).delete()
        mon.IndicatorRealisation.objects.filter(indicator=ind).delete()
        for y in years + [2025, 2026, 2027]:
            targets.append(plan.IndicatorTarget(indicator=ind, year=y, value=Decimal(50 + n + (y - 2019))))
        for i, y in enumerate(years):
            realisations.append(mon.IndicatorRealisation(
                indicator=ind, year=y, period=0, value=Decimal(45 + n + i * 2) + Decimal("0.37")))
    plan.IndicatorTarget.objects.bulk_create(targets, batch_size=2000)
    mon.IndicatorRealisation.objects.bulk_create(realisations, batch_size=2000)
    t0 = time.perf_counter()
    ay = dataset.load_agency(agency, 2024)
    doc = service.build(kind, ay, Options())
    timings["large_build_s"] = round(time.perf_counter() - t0, 3)
    timings["large_iku"] = len([i for i in ay.strategic_plan.indicators if i.is_key]) if ay.strategic_plan else 0
    timings["large_subs"] = ay.work_plan.count(5) if ay.work_plan else 0
    timings["large_tables"] = len(list(doc.tables()))
    timings["large_charts"] = len(list(doc.charts()))
    _time_formats(doc, timings, "large")
    return {"size": params, **timings, "peak_rss_mb": peak_rss_mb()}


def _describe_lkjip(r: dict[str, Any]) -> str:
    def formats(prefix: str) -> str:
        def one(f: str) -> str:
            p = f"{prefix}_{f}"
            again = (f"; the same PDF again (document cache) {r[p + '_again_s']} s"
                     if f == "pdf" else "")
            return (f"{f.upper()} {r[p + '_draw_s']} s (CPU {r[p + '_draw_cpu_s']} s) / "
                    f"{r[p + '_s']} s (CPU {r[p + '_cpu_s']} s) [{r[p + '_cold_s']} s] ({r[p + '_kb']} KB)"
                    + again)

        def both(key: str) -> str:
            return f"{round(r[f'{prefix}_docx{key}_s'] + r[f'{prefix}_xlsx{key}_s'], 3)} s"

        return (f"\n            charts drawn / charts from the cache (CPU time of the process) "
                f"[first call, imports included]:\n            {one('docx')},\n            {one('xlsx')},"
                f"\n            DOCX + XLSX {both('_draw')} / {both('')},\n            {one('pdf')}")

    return "\n".join([
        f"[lkjip] Belitung demo: build {r['belitung_build_s']} s ({r['belitung_tables']} tables, "
        f"{r['belitung_charts']} charts); " + formats("belitung"),
        f"          synthetic agency, {r['large_subs']} sub kegiatan, {r['large_iku']} IKU, "
        f"{r['size']['years']} years of series: build {r['large_build_s']} s "
        f"({r['large_tables']} tables, {r['large_charts']} charts); " + formats("large"),
        f"          peak memory {r['peak_rss_mb']} MB",
    ])


def _check(params: dict[str, Any]) -> dict[str, Any]:
    """`sakip check` (read, recognise, recompute) on the two seed documents and on a
    synthetic budget realisation table of ``subs`` sub kegiatan; no database."""
    from pathlib import Path

    from sakip.ingest.checks import check_document
    from sakip.ingest.readers import read_document

    result: dict[str, Any] = {}
    seeds = Path(__file__).resolve().parents[2] / "shared" / "seeds"
    for key, name in (("seed000", "000_1abe8954bf9dd558.txt"), ("seed003", "003_f19590e1e1b92e14.txt")):
        path = seeds / name
        if not path.exists():
            continue
        best = None
        for _ in range(3):
            started = time.perf_counter()
            report = check_document(read_document(path))
            elapsed = time.perf_counter() - started
            best = elapsed if best is None else min(best, elapsed)
        result[key + "_s"] = round(best or 0, 3)
        result[key + "_tables"] = len(report.tables)
        result[key + "_findings"] = len(report.findings)
    subs = int(params["subs"])
    lines = ["LAPORAN KINERJA TAHUN 2024", "", "Tabel 3.43 Realisasi Anggaran Tahun 2024", "",
             "Kode\tProgram/Kegiatan/Sub Kegiatan\tAnggaran (Rp)\tRealisasi (Rp)\t%"]
    per_kegiatan = 10
    for k in range(subs // per_kegiatan):
        program, kegiatan = 1 + k // 99 % 99, 1 + k % 99
        code = f"1.06.{program:02d}.2.{kegiatan:02d}"
        lines.append(f"{code}\tKegiatan {k}\t{per_kegiatan * 1_000_000:,}\t{per_kegiatan * 900_000:,}\t90,00".replace(",", "."))
        for s_ in range(1, per_kegiatan + 1):
            lines.append(f"{code}.{s_:04d}\tSub {k}.{s_}\t1.000.000\t900.000\t90,00")
    path = Path(os.environ.get("SAKIP_HOME", "/tmp")) / "synthetic-check.txt"
    path.write_text("\n".join(lines), encoding="utf-8")
    started = time.perf_counter()
    report = check_document(read_document(path))
    result["synthetic_s"] = round(time.perf_counter() - started, 3)
    result["synthetic_rows"] = len(lines) - 5
    result["synthetic_kb"] = round(path.stat().st_size / 1024)
    result["synthetic_recomputed"] = report.comparisons
    result["peak_rss_mb"] = peak_rss_mb()
    return result


def _describe_check(r: dict[str, Any]) -> str:
    lines = ["[check] sakip check (read + recognise + recompute), best of 3"]
    for key, label in (("seed000", "seed 000 (Renja, 150 KB)"), ("seed003", "seed 003 (LKjIP, 470 KB)")):
        if key + "_s" in r:
            lines.append(f"          {label}: {r[key + '_s']} s, {r[key + '_tables']} tables, {r[key + '_findings']} findings")
    lines.append(
        f"          synthetic budget table: {r['synthetic_rows']} rows ({r['synthetic_kb']} KB) in "
        f"{r['synthetic_s']} s, {r['synthetic_recomputed']} figures recomputed"
    )
    lines.append(f"          peak memory {r['peak_rss_mb']} MB")
    return "\n".join(lines)


def _import(params: dict[str, Any]) -> dict[str, Any]:
    """`sakip import` of seed 003 (LKjIP 2024 Belitung) into an empty agency: read + check +
    plan (no database), the first import (everything created, one transaction, audited), and a
    second import of the same document (everything compared, nothing written)."""
    from pathlib import Path

    setup_django()
    from sakip.ingest import importer
    from sakip.ingest.checks import check_document
    from sakip.ingest.readers import read_document
    from sakip.organisations.models import Agency, Region

    path = Path(__file__).resolve().parents[2] / "shared" / "seeds" / "003_f19590e1e1b92e14.txt"
    if not path.exists():
        return {"missing": str(path), "peak_rss_mb": peak_rss_mb()}
    region = Region.objects.create(name="Kabupaten Bench Impor", kind=Region.Kind.REGENCY)
    Agency.objects.create(region=region, code="bench-impor", name="Dinas Bench Impor")
    result: dict[str, Any] = {}
    started = time.perf_counter()
    report = check_document(read_document(path))
    result["check_s"] = round(time.perf_counter() - started, 3)
    started = time.perf_counter()
    plan = importer.build_plan(report, 2024)
    result["plan_s"] = round(time.perf_counter() - started, 3)
    for key in ("first", "second"):
        started = time.perf_counter()
        outcome = importer.apply_plan(plan, "bench-impor", path=str(path))
        result[key + "_s"] = round(time.perf_counter() - started, 3)
        result[key + "_created"] = sum(outcome.created.values())
        result[key + "_unchanged"] = outcome.unchanged
        result[key + "_conflicts"] = len(outcome.conflicts)
    result["line_realisations"] = sum(len(i.realisations) for i in plan.indicators)
    result["peak_rss_mb"] = peak_rss_mb()
    return result


def _describe_import(r: dict[str, Any]) -> str:
    if "missing" in r:
        return f"[import] seed 003 not found ({r['missing']})"
    return "\n".join([
        "[import] sakip import of seed 003 (LKjIP, 470 KB) into an empty agency",
        f"          read + check {r['check_s']} s, plan {r['plan_s']} s "
        f"({r['line_realisations']} realisations of line indicators read)",
        f"          first import {r['first_s']} s: {r['first_created']} rows created",
        f"          second import {r['second_s']} s: {r['second_unchanged']} unchanged, "
        f"{r['second_created']} created, {r['second_conflicts']} conflicts",
        f"          peak memory {r['peak_rss_mb']} MB",
    ])


REGISTRY: dict[str, Workload] = {
    "compute": Workload(
        "compute", _compute, _describe_compute, {"regions": 35, "agencies": 40, "subs": 120}
    ),
    "renja": Workload("renja", _renja, _describe_renja, {"subs": 300}),
    "lkjip": Workload("lkjip", _lkjip, _describe_lkjip, {"subs": 300, "iku": 20, "years": 6}),
    "check": Workload("check", _check, _describe_check, {"subs": 5000}),
    "import": Workload("import", _import, _describe_import, {}),
}


def _web(params: dict[str, Any]) -> dict[str, Any]:
    from benchmarks import web_load

    return web_load.run(params)


def _describe_web(r: dict[str, Any]) -> str:
    from benchmarks import web_load

    return web_load.describe(r)


REGISTRY["web"] = Workload("web", _web, _describe_web, {"users": 100, "seconds": 60})
