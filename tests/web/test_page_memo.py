"""Pages keep what they derive from a loaded agency-year (sakip.web.datacache.memo) and never
show it once the facts changed: the person who saved sees the new figure on the next page."""

import re

import pytest

from sakip import figures
from sakip.planning.models import BudgetAllocation
from sakip.web import datacache

HX = {"HTTP_HX_REQUEST": "true"}


def figure(html: str, name: str) -> str:
    match = re.search(rf'data-figure="{name}">([^<]*)<', html)
    assert match, f"figure {name} not on the page"
    return match.group(1).strip()


def main(html: str) -> str:
    """The page body (the header carries a per-request CSRF token)."""
    return html.split("<main>")[1].split("</main>")[0]


def overview_row(html: str, code: str) -> str:
    return html.split(f'data-agency="{code}"')[1].split("</tr>")[0]


@pytest.fixture
def operator(client, people):
    client.force_login(people["operator.batubara"])
    return client


def _line_with_pagu():
    alloc = (BudgetAllocation.objects.filter(line__work_plan__agency__code="batubara", line__work_plan__year=2024,
                                             amount__gte=1_000_000).order_by("line__code").first())
    return alloc.line


def test_a_save_shows_at_once_on_the_dashboard_and_the_overview(operator):
    before = operator.get("/pd/batubara/2024/").content.decode()
    overview_before = overview_row(operator.get("/daerah/?tahun=2024").content.decode(), "batubara")
    assert main(operator.get("/pd/batubara/2024/").content.decode()) == main(before)  # memo reused
    line = _line_with_pagu()
    saved = operator.post(f"/pd/batubara/2024/realisasi/1/spending/{line.id}/",
                          {"amount": "1000000", "explanation": "uji"}, **HX)
    assert "Tersimpan." in saved.content.decode()
    after = operator.get("/pd/batubara/2024/").content.decode()
    total = lambda html: int(figure(html, "total-realised").replace("Rp", "").replace(".", "").strip() or 0)  # noqa: E731
    assert total(after) == total(before) + 1_000_000
    assert figure(after, "absorption") != figure(before, "absorption")
    overview_after = overview_row(operator.get("/daerah/?tahun=2024").content.decode(), "batubara")
    assert overview_after != overview_before


def test_figures_are_computed_once_per_loaded_agency_year(client, demo_data, monkeypatch):
    calls = []
    real = figures.indicator_summary
    monkeypatch.setattr(figures, "indicator_summary", lambda ay, *a, **k: calls.append(ay) or real(ay, *a, **k))
    first = main(client.get("/pd/belitung/2024/").content.decode())
    second = main(client.get("/pd/belitung/2024/").content.decode())
    assert first == second and len(calls) == 1
    datacache.clear()  # a new load (as after a change) computes again
    assert main(client.get("/pd/belitung/2024/").content.decode()) == first and len(calls) == 2


def test_the_public_and_the_agency_see_their_own_version_of_the_page(client, people, demo_data):
    public = client.get("/pd/belitung/2024/").content.decode()
    assert "/pd/belitung/2024/realisasi/1/" not in public
    client.force_login(people["operator.belitung"])
    internal = client.get("/pd/belitung/2024/").content.decode()
    assert "/pd/belitung/2024/realisasi/1/" in internal  # not the public body kept from before
    client.logout()
    assert "/pd/belitung/2024/realisasi/1/" not in client.get("/pd/belitung/2024/").content.decode()


def test_an_agency_year_outside_the_cache_is_computed_every_time(demo_data):
    from sakip import dataset

    ay = dataset.load_agency(demo_data["belitung"], 2024)
    values = iter([1, 2])
    assert datacache.memo(ay, "k", lambda: next(values)) == 1
    assert datacache.memo(ay, "k", lambda: next(values)) == 2
    cached = datacache.load(demo_data["belitung"], 2024)
    assert datacache.memo(cached, "k", lambda: "a") == "a"
    assert datacache.memo(cached, "k", lambda: "b") == "a"
