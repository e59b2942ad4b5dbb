"""A small in-process cache of loaded agency-years for the read-heavy pages (dashboard, region
overview, API figures): loading one is ~30 queries and most of a page's time.

An entry is used only while its stamp is unchanged. The stamp is read fresh on every request:
the newest audit-trail row of the agency and of region-level facts (every change made through
the application — forms, imports, the admin — writes one; bulk loads record a summary row),
the newest document-status change of the year, and the publication time. Nothing derived is
stored anywhere but this process's memory, and a change shows on the next request.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from typing import Any

from django.db.models import Max

from sakip import dataset
from sakip.organisations.models import Agency

MAX_ENTRIES = 128
_entries: OrderedDict[tuple[int, int], tuple[Any, dataset.AgencyYear]] = OrderedDict()
_lock = threading.Lock()


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
    """The agency-year, from memory when nothing changed since it was loaded."""
    key = (agency.pk, year)
    current = stamp(agency, year)
    with _lock:
        found = _entries.get(key)
        if found is not None and found[0] == current:
            _entries.move_to_end(key)
            return found[1]
    ay = dataset.load_agency(agency, year)
    with _lock:
        _entries[key] = (current, ay)
        _entries.move_to_end(key)
        while len(_entries) > MAX_ENTRIES:
            _entries.popitem(last=False)
    return ay


def clear() -> None:
    with _lock:
        _entries.clear()
