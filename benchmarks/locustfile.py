"""Locust users for `python -m benchmarks web` (not run by pytest).

Readers (the public) open the published dashboard and the region overview. Operators, each
signed in with their own session (made by the benchmark, no password hashing under load),
open the quarterly realisation page and save their own item again and again; the last value
each one saw accepted is written to SAKIP_BENCH_LAST so the benchmark can check that no
accepted write was lost. A save still in flight when the test stops (its answer never read) may
or may not have been stored: its value is written too, as an allowed alternative.
"""

from __future__ import annotations

import json
import os
import random

from locust import HttpUser, between, events, task

with open(os.environ["SAKIP_BENCH_PLAN"], encoding="utf-8") as _fh:
    PLAN = json.load(_fh)
_next_operator = iter(range(10**6))
LAST: dict[str, str] = {}
IN_FLIGHT: dict[str, str] = {}


class Reader(HttpUser):
    weight = 3
    wait_time = between(1, 5)  # think time between clicks

    @task(3)
    def dashboard(self) -> None:
        self.client.get(PLAN["dashboard"], name="dashboard")

    @task(1)
    def overview(self) -> None:
        self.client.get("/daerah/?tahun=2024", name="region overview")


class Operator(HttpUser):
    weight = 2
    wait_time = between(1, 5)  # think time between clicks

    def on_start(self) -> None:
        n = next(_next_operator)
        me = PLAN["operators"][n % len(PLAN["operators"])]
        self.item = PLAN["items"][n % len(PLAN["items"])]
        self.client.cookies.set("sessionid", me["session"])
        self.client.cookies.set("csrftoken", PLAN["csrf"])
        self.headers = {"X-CSRFToken": PLAN["csrf"], "HX-Request": "true"}

    @task(1)
    def entry_page(self) -> None:
        self.client.get(PLAN["entry_page"], name="realisation page")

    @task(1)
    def overview(self) -> None:
        self.client.get("/daerah/?tahun=2024", name="region overview")

    @task(3)
    def save(self) -> None:
        value = str(random.randint(1, 999))
        field = "amount" if self.item["kind"] == "spending" else "value"
        data = {field: value, "note": "uji beban", "explanation": "uji beban"}
        IN_FLIGHT[self.item["url"]] = value
        with self.client.post(self.item["url"], data=data, headers=self.headers,
                              name="realisation save", catch_response=True) as response:
            body = response.text or ""
            if response.status_code == 200 and ("Tersimpan." in body or "Tidak ada perubahan." in body):
                LAST[self.item["url"]] = value
                response.success()
            else:
                response.failure(f"not saved: {response.status_code} {body[:200]}")
            if response.status_code:  # 0: no answer (connection lost), outcome unknown
                IN_FLIGHT.pop(self.item["url"], None)


@events.test_stop.add_listener
def _dump(**kwargs) -> None:
    with open(os.environ["SAKIP_BENCH_LAST"], "w", encoding="utf-8") as fh:
        json.dump({"last": LAST, "in_flight": IN_FLIGHT}, fh)
