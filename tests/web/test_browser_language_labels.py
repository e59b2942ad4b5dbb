"""In a real browser, with English chosen: the screens whose labels and messages come from the
models, the rules and the validation (not only the templates) — an editor form, the realisation
entry with a refused value, the workflow status page, an XLSX upload with bad cells, the
dashboard's ratings. One screenshot per screen goes to SAKIP_SCREENSHOTS
(default /tmp/sakip-screens-<checkout directory name>), named lang-en-*.png."""

from __future__ import annotations

import io

from openpyxl import load_workbook

from tests.browser import BROWSER_TEST, SHOTS
from tests.web.test_browser import login

pytestmark = BROWSER_TEST


def english_session(browser, base: str, username: str):
    page = login(browser, base, username, width=1280)  # the language is the app's cookie, not the browser's
    page.locator(".lang-switch button").click()  # the switch in the header
    page.wait_for_load_state("networkidle")
    assert page.locator("html").get_attribute("lang") == "en"
    return page


def shot(page, name: str) -> None:
    page.screenshot(path=str(SHOTS / f"lang-en-{name}.png"), full_page=True)


def test_english_screens_with_model_and_rule_labels(browser, site):
    from sakip.planning.models import Indicator

    page = english_session(browser, site, "operator.belitung")
    indicator = Indicator.objects.filter(strategic_plan__agency__code="belitung",
                                         polarity="lower_is_better").order_by("id").first()
    page.goto(f"{site}/pd/belitung/2024/ubah/renstra/indikator/{indicator.pk}/")
    form = page.locator("main").inner_text()
    assert "Aggregation across periods" in form and "Negative (lower is better)" in form
    assert "Agregasi antar periode" not in form
    shot(page, "renstra-indicator-form")

    page.goto(f"{site}/pd/belitung/2024/")
    body = page.locator("main").inner_text()
    assert "Above target" in body and "Not achieved" in body and "excluded:" in body
    assert "Melebihi target" not in body
    shot(page, "dashboard")

    page.goto(f"{site}/daerah/?tahun=2024")
    assert "Q I" in page.locator("main").inner_text()
    shot(page, "overview")

    # The XLSX round trip: the downloaded workbook stays Indonesian; the cell messages do not.
    page.goto(f"{site}/pd/belitung/2024/ubah/excel/")
    with page.expect_download() as download:
        page.locator("a[href$='/ubah/excel/unduh/renja/']").first.click()
    wb = load_workbook(io.BytesIO(download.value.path().read_bytes()))
    ws = wb["Pagu"]
    headers = [str(c.value or "") for c in ws[4]]
    money, level = headers.index("Pagu APBD murni (induk) (Rp)"), headers.index("Tingkat")
    leaf = next(r for r in ws.iter_rows(min_row=5) if r[level].value == "Sub Kegiatan")
    leaf[money].value = "12,5 juta"
    buffer = io.BytesIO()
    wb.save(buffer)
    page.locator("input[name=file]").set_input_files(files=[{
        "name": "isian.xlsx", "buffer": buffer.getvalue(),
        "mimeType": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"}])
    page.locator("form[action$='/unggah/'] button[type=submit]").click()
    page.wait_for_load_state("networkidle")
    problems = page.locator("[data-problems]").inner_text()
    assert "“12,5 juta” is not a number" in problems and "bukan angka" not in problems
    shot(page, "xlsx-upload-bad-cell")
    page.context.close()


def test_english_realisation_entry_and_status_page(browser, site):
    from sakip.planning.models import Indicator

    page = english_session(browser, site, "operator.batubara")
    indicator = Indicator.objects.filter(strategic_plan__agency__code="batubara", targets__year=2024,
                                         target_kind="number").order_by("id").first()
    page.goto(f"{site}/pd/batubara/2024/realisasi/1/")
    item = page.locator(f"#indicator-{indicator.id}")
    item.locator("input[name=value]").fill("12,5,3")
    item.locator("button[type=submit]").click()
    page.wait_for_load_state("networkidle")
    item = page.locator(f"#indicator-{indicator.id}")
    item.locator("text=is not a number").first.wait_for()
    text = item.inner_text()
    assert "“12,5,3” is not a number (irregular thousands groups)" in text
    assert "bukan angka" not in text
    assert "Absorption up to quarter I" in page.locator("main").inner_text()
    item.scroll_into_view_if_needed()
    shot(page, "realisation-refused-value")

    page.goto(f"{site}/pd/batubara/2024/status/")
    body = page.locator("main").inner_text()
    assert "Quarterly realisation I" in body and "Draft" in body and "Triwulan" not in body
    shot(page, "status")
    page.context.close()
