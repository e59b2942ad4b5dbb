"""A small in-process cache of loaded agency-years for the read-heavy pages (dashboard, region
overview, API figures): loading one is ~30 queries and most of a page's time.

An entry is used only while its stamp is unchanged. The stamp is read fresh on every request:
the newest audit-trail row of the agency and of region-level facts (every change made through
the application — forms, imports, the admin — writes one; bulk loads record a summary row),
the newest document-status change of the year, and the publication time. Nothing derived is
stored anywhere but this process's memory, and a change shows on the next request.

What pages derive from a cached agency-year (the dashboard's rendered tables, the overview's
figures) is kept with it (`memo`): it is thrown away with the agency-year when the stamp
changes, so it is never older than the facts it was computed from. Each process of `sakip serve
--workers N` has its own cache; all of them read the same stamp from the database.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable
from typing import Any, TypeVar

from django.db.models import Max

from sakip import dataset
from sakip.organisations.models import Agency

T = TypeVar("T")

MAX_ENTRIES = 128
_entries: OrderedDict[tuple[int, int], tuple[Any, dataset.AgencyYear]] = OrderedDict()
#: Derived values per cached agency-year, by id() of the cached object (see `memo`).
_memos: dict[int, dict[Any, Any]] = {}
_lock = threading.Lock()
#: The agency-year states being loaded right now, by key: (stamp, set when done).
_loading: dict[tuple[int, int], tuple[tuple[Any, ...], threading.Event]] = {}
LOAD_WAIT_SECONDS = 30


def stamp(agency: Agency, year: int) -> tuple[Any, ...]:
    from sakip.monitoring.models import PerformanceReport
    from sakip.workflow.models import Change, DocumentStatus

    return (
        agency.code,
        Change.objects.filter(agency_id=agency.pk).aggregate(m=Max("id"))["m"],
        Change.objects.filter(agency__isnull=True).aggregate(m=Max("id"))["m"],
        DocumentStatus.objects.filter(agency=agency, year=year).aggregate(m=Max("updated_at"))["m"],
        tuple(PerformanceReport.objects.filter(agency=agency, year=year).values_list("published_at", flat=True)),
    )


def load(agency: Agency, year: int) -> dataset.AgencyYear:
    """The agency-year, from memory when nothing changed since it was loaded.

    One thread loads a given agency-year state; threads asking for the same state meanwhile
    wait for its result instead of loading it again (after a save, every reader of the
    agency misses at once: without this they all ran the ~30 queries together, which on a
    busy server made each load slower and the crowd of loaders larger)."""
    key = (agency.pk, year)
    current = stamp(agency, year)
    while True:
        with _lock:
            found = _entries.get(key)
            if found is not None and found[0] == current:
                _entries.move_to_end(key)
                return found[1]
            loading = _loading.get(key)
            if loading is None or loading[0] != current:
                mine = threading.Event()
                _loading[key] = (current, mine)
                break
        # another thread is loading this very state: wait for it, then look again (if it
        # failed, this thread loads)
        loading[1].wait(LOAD_WAIT_SECONDS)
    try:
        ay = dataset.load_agency(agency, year)
        with _lock:
            replaced = _entries.get(key)
            if replaced is not None:
                _memos.pop(id(replaced[1]), None)
            _entries[key] = (current, ay)
            _memos[id(ay)] = {}
            _entries.move_to_end(key)
            while len(_entries) > MAX_ENTRIES:
                _, (_, evicted) = _entries.popitem(last=False)
                _memos.pop(id(evicted), None)
    finally:
        with _lock:
            if _loading.get(key, (None, None))[1] is mine:
                del _loading[key]
        mine.set()
    return ay


def memo(ay: dataset.AgencyYear, key: Any, compute: Callable[[], T]) -> T:
    """`compute()` once per cached agency-year and key; an agency-year that is not (or no
    longer) in the cache gets a fresh computation every time."""
    with _lock:
        found = _memos.get(id(ay))
        if found is not None and key in found:
            return found[key]  # type: ignore[no-any-return]
    value = compute()
    with _lock:
        found = _memos.get(id(ay))
        current = _entries.get((ay.agency.id, ay.year))
        if found is not None and current is not None and current[1] is ay:
            found[key] = value
    return value


def clear() -> None:
    with _lock:
        _entries.clear()
        _memos.clear()
