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


REGISTRY: dict[str, Workload] = {
    "compute": Workload(
        "compute", _compute, _describe_compute, {"regions": 35, "agencies": 40, "subs": 120}
    ),
}
