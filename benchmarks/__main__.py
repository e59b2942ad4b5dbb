"""`make bench`: timed workloads on synthetic data, figures printed for the issue notes.

    python -m benchmarks                 every workload at its default size
    python -m benchmarks compute --regions 2 --agencies 3 --subs 50
    python -m benchmarks web --database postgres --workers 2

Each workload runs in a fresh Python process so that its peak memory (max RSS) is its own.
The database is a throwaway SQLite file unless SAKIP_DATABASE_URL points elsewhere;
`--database postgres` starts a throwaway PostgreSQL cluster (benchmarks/pgcluster.py) instead.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from benchmarks import workloads

ROOT = Path(__file__).resolve().parent.parent


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks", description=__doc__)
    parser.add_argument("names", nargs="*", help=f"workloads ({', '.join(workloads.REGISTRY)})")
    parser.add_argument("--regions", type=int)
    parser.add_argument("--agencies", type=int)
    parser.add_argument("--subs", type=int)
    parser.add_argument("--users", type=int, help="web: simulated users (100)")
    parser.add_argument("--seconds", type=int, help="web: duration of the load test (60)")
    parser.add_argument("--workers", type=int, help="web: `sakip serve --workers` (its default)")
    parser.add_argument("--threads", type=int, help="web: `sakip serve --threads` (8)")
    parser.add_argument("--database", choices=("sqlite", "postgres"), default="sqlite",
                        help="a throwaway SQLite file (default) or PostgreSQL cluster; "
                             "ignored when SAKIP_DATABASE_URL is set")
    parser.add_argument("--worker", help=argparse.SUPPRESS)
    parser.add_argument("--params", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)

    if args.worker:  # inside the fresh process
        result = workloads.REGISTRY[args.worker].run(json.loads(args.params))
        print(json.dumps(result))
        return 0

    names = args.names or list(workloads.REGISTRY)
    unknown = [n for n in names if n not in workloads.REGISTRY]
    if unknown:
        parser.error(f"unknown workload(s): {', '.join(unknown)}")
    with tempfile.TemporaryDirectory(prefix="sakip-bench-") as home, contextlib.ExitStack() as stack:
        env = dict(os.environ)
        if "SAKIP_DATABASE_URL" not in env and args.database == "postgres":
            from benchmarks.pgcluster import cluster

            env["SAKIP_DATABASE_URL"] = stack.enter_context(cluster())
        env.setdefault("SAKIP_DATABASE_URL", f"sqlite:///{home}/bench.sqlite3")
        env["SAKIP_HOME"] = home
        env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), env.get("PYTHONPATH", "")]))
        print(f"Database: {env['SAKIP_DATABASE_URL'].split('?')[0]}")
        for name in names:
            params = workloads.REGISTRY[name].defaults.copy()
            for key in ("regions", "agencies", "subs", "users", "seconds", "workers", "threads"):
                if getattr(args, key) is not None:
                    params[key] = getattr(args, key)
            started = time.perf_counter()
            proc = subprocess.run(
                [sys.executable, "-m", "benchmarks", "--worker", name, "--params", json.dumps(params)],
                env=env, cwd=ROOT, capture_output=True, text=True,
            )
            if proc.returncode != 0:
                print(f"[{name}] FAILED\n{proc.stderr}", file=sys.stderr)
                return 1
            result = json.loads(proc.stdout.strip().splitlines()[-1])
            result["wall_s"] = round(time.perf_counter() - started, 2)
            print(workloads.REGISTRY[name].describe(result))
            # the machine is often shared: wall-clock figures mean little without its load
            print("          load average (1, 5, 15 min) after the run: "
                  + ", ".join(f"{x:.2f}" for x in os.getloadavg()) + f" on {os.cpu_count()} CPUs")
    return 0


if __name__ == "__main__":
    sys.exit(main())
