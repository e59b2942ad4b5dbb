"""The editors in a real browser (Debian's Chromium through Playwright) against a live server:
typing money in the work plan grid refreshes the parents' totals before anything is saved,
leaving the cell saves the row (HTMX), Enter moves down the column, money typed on a kegiatan
is refused in place; a prose section saves in place. Screenshots go to SAKIP_SCREENSHOTS
(default /tmp/sakip-screens) as editors-*.png at 1366 and 390 px."""

from __future__ import annotations

import re

from tests.browser import BROWSER_TEST, PASSWORD, SHOTS

LEAF = "1.06.01.2.01.0001"
NEXT_LEAF = "1.06.01.2.01.0007"
KEGIATAN = "1.06.01.2.01"

pytestmark = BROWSER_TEST


def login(browser, base: str, width: int = 1366):
    context = browser.new_context(viewport={"width": width, "height": 900}, locale="id-ID")
    page = context.new_page()
    page.goto(f"{base}/masuk/")
    page.fill("input[name=username]", "operator.belitung")
    page.fill("input[name=password]", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(f"{base}/")
    return page


def rupiah(amount: int) -> str:
    return "Rp " + f"{amount:,}".replace(",", ".")


def test_grid_totals_as_you_type_and_save_per_row(browser, site):
    from sakip.planning.models import BudgetAllocation, WorkPlanLine

    def amount(code: str) -> int:
        return BudgetAllocation.objects.get(line__code=code, line__work_plan__agency__code="belitung",
                                            version="apbd").amount

    kegiatan = WorkPlanLine.objects.get(code=KEGIATAN, work_plan__agency__code="belitung")
    others = sum(BudgetAllocation.objects.filter(line__parent=kegiatan, version="apbd")
                 .exclude(line__code=LEAF).values_list("amount", flat=True))
    old = amount(LEAF)
    page = login(browser, site)
    page.goto(f"{site}/pd/belitung/2024/ubah/renja/?versi=apbd")
    total = page.locator(f"#jumlah-{kegiatan.pk}-apbd")
    cell = page.locator(f'tr[data-code="{LEAF}"] input[name="amount_apbd"]')
    cell.fill("")
    cell.type("1.000.000")
    page.wait_for_function(
        "([id, text]) => document.getElementById(id).textContent.trim() === text",
        arg=[f"jumlah-{kegiatan.pk}-apbd", rupiah(others + 1_000_000)])
    assert amount(LEAF) == old  # typing previews, it does not save
    cell.press("Enter")  # leaves the cell: the row is saved, the cursor goes down the column
    page.locator(f'tr[data-code="{LEAF}"] [role=status]').wait_for()
    assert amount(LEAF) == 1_000_000
    focused = page.evaluate("document.activeElement.closest('tr').dataset.code")
    assert focused == NEXT_LEAF
    assert total.text_content().strip() == rupiah(others + 1_000_000)
    page.screenshot(path=str(SHOTS / "editors-renja-1366.png"))

    money_on_parent = page.locator(f'tr[data-code="{KEGIATAN}"] input[name="location"]')
    money_on_parent.fill("Seluruh kecamatan")
    money_on_parent.press("Tab")
    page.locator(f'tr[data-code="{KEGIATAN}"] [role=status]').wait_for()
    assert WorkPlanLine.objects.get(pk=kegiatan.pk).location == "Seluruh kecamatan"
    assert page.locator(f'tr[data-code="{KEGIATAN}"] input[name^="amount_"]').count() == 0

    bad = page.locator(f'tr[data-code="{NEXT_LEAF}"] input[name="amount_apbd"]')
    bad.fill("12,5")
    bad.press("Tab")
    alert = page.locator(f'tr[data-code="{NEXT_LEAF}"] [role=alert]')
    alert.wait_for()
    assert "bukan rupiah bulat" in alert.text_content()


def test_prose_section_saves_in_place_and_pages_fit_a_phone(browser, site):
    from sakip.planning.models import Narrative

    page = login(browser, site)
    page.goto(f"{site}/pd/belitung/2024/ubah/narasi/renja/")
    box = page.locator("#teks-penutup")
    box.fill("Demikian Renja ini disusun.")
    page.locator("#bagian-penutup button[type=submit]").click()
    page.locator("#bagian-penutup [role=status]").wait_for()
    assert Narrative.objects.get(agency__code="belitung", document="renja",
                                 section="penutup").text == "Demikian Renja ini disusun."
    phone = login(browser, site, width=390)
    for name, url in [("renja", "renja/"), ("renstra", "renstra/"), ("pk", "pk/"),
                      ("narasi", "narasi/renja/"), ("excel", "excel/")]:
        phone.goto(f"{site}/pd/belitung/2024/ubah/{url}")
        width = phone.evaluate("document.documentElement.scrollWidth")
        assert width <= 392, f"{name} is {width}px wide on a 390px phone"
        phone.screenshot(path=str(SHOTS / f"editors-{name}-390.png"), full_page=True)
        assert re.search(r"Tahun 2024", phone.content())
