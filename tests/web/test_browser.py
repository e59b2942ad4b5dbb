"""The main journeys in a real browser (Debian's Chromium through Playwright) against a live
server: an operator enters a quarter's realisation and submits it, Bappeda verifies, the head
approves; the LKjIP goes through review and is published; the public then sees the dashboard.
Screenshots of every screen at a laptop and a phone width go to SAKIP_SCREENSHOTS
(default /tmp/sakip-screens-<checkout directory name>)."""

from __future__ import annotations

import pytest

from tests.browser import BROWSER_TEST, PASSWORD, SHOTS

pytestmark = BROWSER_TEST


@pytest.fixture
def site(transactional_db, live_server):
    """The demo, plus a Bappeda verifier and an Inspektorat reviewer for Batu Bara."""
    from django.contrib.auth import get_user_model

    from sakip.demo.loader import load_all
    from sakip.organisations.models import Membership

    agencies = {a.code: a for a in load_all()}
    region = agencies["batubara"].region
    for name, role in (("bappeda.batubara", Membership.Role.BAPPEDA),
                       ("inspektorat.batubara", Membership.Role.INSPECTORATE)):
        user = get_user_model().objects.create_user(name, password=PASSWORD, first_name=name)
        Membership.objects.create(user=user, region=region, role=role)
    SHOTS.mkdir(parents=True, exist_ok=True)
    return live_server.url


def shot(page, name: str, full_page: bool = True) -> None:
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=full_page)


def login(browser, base: str, username: str, width: int = 1366):
    context = browser.new_context(viewport={"width": width, "height": 900}, locale="id-ID")
    page = context.new_page()
    page.goto(f"{base}/masuk/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(f"{base}/")
    return page


def move(page, document: str, quarter: int, action: str, comment: str = "") -> None:
    card = page.locator(f'article[data-document="{document}"][data-quarter="{quarter}"]')
    if comment:
        card.locator("textarea[name=comment]").fill(comment)
    card.locator(f'button[value="{action}"]').click()
    page.wait_for_load_state("networkidle")


def state(page, document: str, quarter: int) -> str:
    card = page.locator(f'article[data-document="{document}"][data-quarter="{quarter}"]')
    return card.locator("[data-state]").get_attribute("data-state") or ""


def test_operator_enters_and_submits_head_approves_public_reads(browser, site):
    from sakip.monitoring.models import IndicatorRealisation, SpendingRealisation
    from sakip.planning.models import BudgetAllocation, Indicator

    indicator = Indicator.objects.filter(strategic_plan__agency__code="batubara", targets__year=2024,
                                         target_kind="number").order_by("id").first()
    alloc = BudgetAllocation.objects.filter(line__work_plan__agency__code="batubara",
                                            amount__gte=1_000_000).order_by("line__code").first()

    # The operator enters quarter I: an indicator value, then spending too low without reason.
    page = login(browser, site, "operator.batubara")
    shot(page, "01-home-operator")
    page.goto(f"{site}/pd/batubara/2024/realisasi/1/")
    item = page.locator(f"#indicator-{indicator.id}")
    item.locator("input[name=value]").fill("12,5")
    item.locator("button[type=submit]").click()
    page.locator(f"#indicator-{indicator.id} .ok").wait_for()
    assert IndicatorRealisation.objects.get(indicator=indicator, period=1).value == 12.5
    spending = page.locator(f"#spending-{alloc.line_id}")
    spending.locator("input[name=amount]").fill(str(alloc.amount // 10))
    spending.locator("button[type=submit]").click()
    page.locator(f"#spending-{alloc.line_id} .field-errors").wait_for()
    assert "Tuliskan penjelasan" in page.locator(f"#spending-{alloc.line_id}").inner_text()
    spending = page.locator(f"#spending-{alloc.line_id}")
    spending.locator("textarea[name=explanation]").fill("Pengadaan baru dimulai triwulan II.")
    spending.locator("input[name=physical_progress]").fill("10")
    spending.locator("button[type=submit]").click()
    page.locator(f"#spending-{alloc.line_id} .ok").wait_for()
    assert SpendingRealisation.objects.get(line_id=alloc.line_id, period=1).amount == alloc.amount // 10
    page.locator(f"#spending-{alloc.line_id}").scroll_into_view_if_needed()
    shot(page, "02-realisation-entry-operator", full_page=False)
    move(page, "realisation", 1, "submit")
    assert state(page, "realisation", 1) == "submitted"
    assert page.locator("[data-editable='0']").count() == 1  # nothing editable any more
    # The LKjIP is submitted too.
    page.goto(f"{site}/pd/batubara/2024/status/")
    move(page, "lkjip", 0, "submit")
    page.context.close()

    # Bappeda returns it once with a comment, the operator resubmits, Bappeda verifies.
    page = login(browser, site, "bappeda.batubara")
    page.goto(f"{site}/pd/batubara/2024/status/")
    move(page, "realisation", 1, "return", comment="Lampirkan bukti belanja.")
    assert state(page, "realisation", 1) == "returned"
    page.context.close()
    page = login(browser, site, "operator.batubara")
    page.goto(f"{site}/pd/batubara/2024/status/")
    move(page, "realisation", 1, "submit")
    page.context.close()
    page = login(browser, site, "bappeda.batubara")
    page.goto(f"{site}/pd/batubara/2024/status/")
    move(page, "realisation", 1, "verify")
    page.context.close()
    page = login(browser, site, "inspektorat.batubara")
    page.goto(f"{site}/pd/batubara/2024/status/")
    move(page, "lkjip", 0, "review")
    page.context.close()

    # The head approves both and publishes the LKjIP.
    page = login(browser, site, "kadis.batubara")
    page.goto(f"{site}/pd/batubara/2024/status/")
    move(page, "realisation", 1, "approve")
    move(page, "lkjip", 0, "approve")
    assert state(page, "realisation", 1) == "final" and state(page, "lkjip", 0) == "final"
    page.locator("article[data-document=realisation][data-quarter='1'] details.history summary").click()
    history = page.locator("article[data-document=realisation][data-quarter='1'] details.history").inner_text()
    assert "Lampirkan bukti belanja." in history and "bappeda.batubara" in history
    page.click("text=Publikasikan LKjIP")
    page.wait_for_load_state("networkidle")
    assert page.locator("[data-published='1']").count() == 1
    shot(page, "03-cycle-head")
    page.context.close()

    # The public sees the published dashboard and the overview.
    context = browser.new_context(viewport={"width": 390, "height": 844})
    page = context.new_page()
    page.goto(f"{site}/pd/batubara/2024/")
    assert "Dinas Sosial" in page.locator("h1").inner_text()
    assert page.locator("[data-figure=total-realised]").inner_text() == \
        f"Rp {alloc.amount // 10:,}".replace(",", ".")
    shot(page, "04-dashboard-public-phone")
    page.goto(f"{site}/daerah/")
    assert page.locator("tr[data-agency=batubara]").count() == 1
    context.close()


SCREENS = [
    ("home", "/"), ("login", "/masuk/"), ("overview", "/daerah/?tahun=2024"),
    ("dashboard", "/pd/belitung/2024/"), ("cycle", "/pd/belitung/2024/status/"),
    ("realisation", "/pd/batubara/2024/realisasi/2/"),
    ("realisation-locked", "/pd/belitung/2024/realisasi/1/"),
]


def test_every_screen_fits_a_laptop_and_a_phone(browser, site):
    """Screenshots of every screen; the page itself never scrolls sideways (wide tables
    scroll inside their own box)."""
    problems = []
    for width in (1366, 390):
        page = login(browser, site, "admin", width=width)
        for name, path in SCREENS:
            if name == "login":
                continue
            page.goto(f"{site}{path}")
            overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
            if overflow > 1:
                problems.append(f"{name} at {width}px is {overflow}px too wide")
            shot(page, f"screen-{name}-{width}", full_page=not name.startswith("realisation"))
        page.context.close()
        context = browser.new_context(viewport={"width": width, "height": 900})
        anonymous = context.new_page()
        anonymous.goto(f"{site}/masuk/")
        shot(anonymous, f"screen-login-{width}")
        context.close()
    assert not problems, problems
