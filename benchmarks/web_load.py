"""`python -m benchmarks web`: a load test of the web application on loopback.

The worker loads the demo into the benchmark database, makes one signed-in session per
simulated operator (each owning one realisation item of Batu Bara 2024, quarter II), starts
`sakip serve` on a free 127.0.0.1 port and runs locust headless for a bounded time with the
users of benchmarks/locustfile.py. It reports requests/s, p50/p95 latency and failures per
page, and checks that the last accepted value of every item is the stored one (no lost write).
"""

from __future__ import annotations

import csv
import json
import os
import secrets
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path
from typing import Any

from benchmarks.workloads import setup_django

HERE = Path(__file__).resolve().parent


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _prepare(operators: int) -> dict[str, Any]:
    from django.contrib.auth import (
        BACKEND_SESSION_KEY,
        HASH_SESSION_KEY,
        SESSION_KEY,
        get_user_model,
    )
    from django.contrib.sessions.backends.db import SessionStore

    from sakip.demo.loader import load_all
    from sakip.organisations.models import Agency, Membership
    from sakip.planning.models import Indicator, WorkPlanLine

    if not Agency.objects.filter(code="batubara").exists():
        load_all()
    from django.db import connection

    if connection.vendor == "postgresql":
        # planner statistics of the freshly loaded tables now, not whenever autovacuum gets to
        # them in the middle of the measured minute
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    batubara = Agency.objects.get(code="batubara")
    users = get_user_model().objects
    plan_operators = []
    for i in range(operators):
        user, _ = users.get_or_create(username=f"bench.operator.{i}")
        Membership.objects.get_or_create(user=user, region=batubara.region, agency=batubara,
                                         role=Membership.Role.OPERATOR)
        session = SessionStore()
        session[SESSION_KEY] = str(user.pk)
        session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
        session[HASH_SESSION_KEY] = user.get_session_auth_hash()
        session.create()
        plan_operators.append({"user": user.username, "session": session.session_key})
    base = "/pd/batubara/2024/realisasi/2"
    items = [{"kind": "spending", "url": f"{base}/spending/{pk}/"}
             for pk in WorkPlanLine.objects.filter(work_plan__agency=batubara, level=5)
             .order_by("code", "pk").values_list("pk", flat=True)]
    items += [{"kind": "indicator", "url": f"{base}/indicator/{pk}/"}
              for pk in Indicator.objects.filter(strategic_plan__agency=batubara, targets__year=2024,
                                                 target_kind="number").order_by("code", "pk")
              .values_list("pk", flat=True)]  # the same items on every database and run
    return {"operators": plan_operators, "items": items[:operators], "csrf": secrets.token_hex(16),
            "dashboard": "/pd/belitung/2024/", "entry_page": f"{base}/"}


def _stored(url: str) -> str | None:
    from sakip.monitoring.models import IndicatorRealisation, SpendingRealisation

    parts = url.strip("/").split("/")
    kind, pk = parts[-2], int(parts[-1])
    if kind == "spending":
        row = SpendingRealisation.objects.filter(line_id=pk, period=2).values_list("amount", flat=True).first()
        return None if row is None else str(row)
    value = IndicatorRealisation.objects.filter(indicator_id=pk, year=2024, period=2).values_list("value", flat=True).first()
    return None if value is None else format(value.normalize(), "f")


def run(params: dict[str, Any]) -> dict[str, Any]:
    setup_django()
    users, seconds = int(params["users"]), int(params["seconds"])
    plan = _prepare(operators=users)
    from django.db import connections

    connections.close_all()
    port = _free_port()
    bin_dir = Path(sys.executable).parent
    serve_args = ["--threads", str(params.get("threads") or 8)]
    if params.get("workers"):
        serve_args += ["--workers", str(params["workers"])]
    load_before = _load_average()
    with tempfile.TemporaryDirectory(prefix="sakip-locust-") as tmp:
        plan_path, last_path = Path(tmp, "plan.json"), Path(tmp, "last.json")
        plan_path.write_text(json.dumps(plan), encoding="utf-8")
        env = dict(os.environ, SAKIP_BENCH_PLAN=str(plan_path), SAKIP_BENCH_LAST=str(last_path))
        # The server's messages go to a file: a pipe nobody reads would block it once full.
        server_log = open(Path(tmp, "server.log"), "w+", encoding="utf-8")  # noqa: SIM115
        server = subprocess.Popen(
            [str(bin_dir / "sakip"), "serve", "--host", "127.0.0.1", "--port", str(port), *serve_args],
            env=env, stdout=server_log, stderr=subprocess.STDOUT, text=True,
        )
        banner = ""
        try:
            url = f"http://127.0.0.1:{port}"
            for _ in range(100):
                try:
                    urllib.request.urlopen(f"{url}/masuk/", timeout=2).read()
                    break
                except OSError:
                    time.sleep(0.2)
            else:
                raise RuntimeError(f"server did not start: {Path(tmp, 'server.log').read_text()}")
            banner = Path(tmp, "server.log").read_text(encoding="utf-8").splitlines()[0]
            locust = subprocess.run(
                [str(bin_dir / "locust"), "-f", str(HERE / "locustfile.py"), "--headless",
                 "-u", str(users), "-r", str(max(1, users // 5)), "-t", f"{seconds}s",
                 "--host", url, "--csv", str(Path(tmp, "stats")), "--only-summary",
                 "--stop-timeout", "10", "--loglevel", "WARNING"],
                env=env, capture_output=True, text=True, timeout=seconds + 120,
            )
        finally:
            before = os.times()
            server.terminate()
            server.wait(timeout=30)
            after = os.times()
            server_log.close()
        # CPU time of the server and its workers (reaped by it): less sensitive than latency
        # to what else the machine is doing.
        server_cpu_s = (after.children_user + after.children_system
                        - before.children_user - before.children_system)
        load_after = _load_average()
        server_errors = [line for line in Path(tmp, "server.log").read_text(encoding="utf-8").splitlines()
                         if "Error" in line or "Traceback" in line]
        with open(Path(tmp, "stats_stats.csv"), encoding="utf-8") as fh:
            rows = list(csv.DictReader(fh))
        outcome = json.loads(last_path.read_text(encoding="utf-8")) if last_path.exists() else {}
    last, in_flight = outcome.get("last", {}), outcome.get("in_flight", {})
    lost = [u for u, v in last.items() if _stored(u) not in (v, in_flight.get(u))]
    pages = {}
    for row in rows:
        pages[row["Name"]] = {
            "requests": int(row["Request Count"]), "failures": int(row["Failure Count"]),
            "rps": round(float(row["Requests/s"]), 1),
            "p50_ms": int(float(row["50%"] or 0)), "p95_ms": int(float(row["95%"] or 0)),
        }
    return {"users": users, "seconds": seconds, "pages": pages, "checked_items": len(last),
            "in_flight_at_stop": len(in_flight),
            "lost_writes": len(lost), "locust_exit": locust.returncode,
            "database": os.environ.get("SAKIP_DATABASE_URL", "").split("://")[0],
            "server": banner.split("(")[-1].split(";")[0] if "proses" in banner else "one process",
            "load_before": load_before, "load_after": load_after,
            "server_cpu_s": round(server_cpu_s, 1),
            "server_cpu_ms_per_request": round(1000 * server_cpu_s / max(1, sum(
                p["requests"] for n, p in pages.items() if n != "Aggregated"))),
            "server_errors": server_errors[:5]}


def _load_average() -> str:
    """The machine's 1/5/15-minute load averages: the figures are only comparable under a
    similar load."""
    return " ".join(f"{x:.2f}" for x in os.getloadavg())


def describe(r: dict[str, Any]) -> str:
    lines = [f"[web] {r['users']} simulated users for {r['seconds']} s against `sakip serve` on "
             f"127.0.0.1 ({r['database']}, {r.get('server') or '?'}); locust exit status {r['locust_exit']}",
             f"      load average before {r.get('load_before')}, after {r.get('load_after')} "
             f"({os.cpu_count()} cores); server CPU {r.get('server_cpu_s')} s, "
             f"{r.get('server_cpu_ms_per_request')} ms per request"]
    for name, p in sorted(r["pages"].items(), key=lambda kv: kv[0] == "Aggregated"):
        lines.append(f"      {name:<18} {p['requests']:>6} requests  {p['rps']:>6} req/s  "
                     f"p50 {p['p50_ms']:>5} ms  p95 {p['p95_ms']:>5} ms  failures {p['failures']}")
    lines.append(f"      lost writes: {r['lost_writes']} of {r['checked_items']} items checked "
                 f"(stored value = last accepted one, or the one still in flight at the stop: "
                 f"{r.get('in_flight_at_stop', 0)} items)")
    for line in r.get("server_errors") or []:
        lines.append(f"      server: {line[:160]}")
    return "\n".join(lines)
