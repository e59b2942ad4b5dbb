"""In a real browser (Debian's Chromium through Playwright): the language switch, uploads over
the size limit answered in place, and copying a drafted text into a prose section.
Screenshots at 1280 and 390 px in both languages go to SAKIP_SCREENSHOTS
(default /tmp/sakip-screens-<checkout directory name>)."""

from __future__ import annotations

from tests.browser import BROWSER_TEST, PASSWORD, SHOTS

pytestmark = BROWSER_TEST


def new_page(browser, width: int = 1280):
    # An English browser: the interface stays Indonesian until English is chosen.
    context = browser.new_context(viewport={"width": width, "height": 900}, locale="en-US")
    return context.new_page()


def login(browser, base: str, username: str, width: int = 1280):
    page = new_page(browser, width)
    page.goto(f"{base}/masuk/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(f"{base}/")
    return page


def test_the_language_switch_keeps_the_page(browser, site):
    for width in (1280, 390):
        page = new_page(browser, width)
        page.goto(f"{site}/pd/belitung/2024/?x=1")
        assert page.locator("html").get_attribute("lang") == "id"
        assert page.locator("h2").first.inner_text() == "Capaian Indikator Kinerja Utama"
        page.screenshot(path=str(SHOTS / f"lang-dashboard-id-{width}.png"), full_page=True)
        page.locator(".lang-switch button").click()
        page.wait_for_load_state("networkidle")
        assert page.url == f"{site}/pd/belitung/2024/?x=1"  # the same page
        assert page.locator("html").get_attribute("lang") == "en"
        assert page.locator("h2").first.inner_text() == "Key Performance Indicator Achievement"
        assert "stay in Indonesian" in page.locator(".lang-note").inner_text()
        figures = page.locator("[data-figure=absorption]").inner_text()
        assert "," in figures  # Indonesian decimal comma in English too
        page.screenshot(path=str(SHOTS / f"lang-dashboard-en-{width}.png"), full_page=True)
        page.goto(f"{site}/daerah/?tahun=2024")
        assert page.locator("h1").inner_text().startswith("Agency Overview")
        page.screenshot(path=str(SHOTS / f"lang-overview-en-{width}.png"), full_page=True)
        page.locator(".lang-switch button").click()
        page.wait_for_load_state("networkidle")
        assert page.locator("h1").inner_text().startswith("Ikhtisar Perangkat Daerah")
        page.context.close()


def test_too_large_evidence_shows_a_message_in_place(browser, site, monkeypatch):
    from sakip.planning.models import Indicator
    from sakip.web import realisation
    from sakip.web.models import Evidence

    monkeypatch.setattr(realisation, "MAX_EVIDENCE_BYTES", 1000)  # the live server's thread too
    indicator = Indicator.objects.filter(strategic_plan__agency__code="batubara", targets__year=2024,
                                         target_kind="number").order_by("id").first()
    big = {"name": "bukti.pdf", "mimeType": "application/pdf", "buffer": b"%PDF-1.4\n" + b"0" * 150_000}
    page = login(browser, site, "operator.batubara")
    page.goto(f"{site}/pd/batubara/2024/realisasi/1/")
    item = page.locator(f"#indicator-{indicator.id}")

    # 1. The browser knows the limit: refused before sending, the message under the form.
    sent = []
    page.on("request", lambda r: sent.append(r.url) if "/realisasi/1/indicator/" in r.url else None)
    item.locator("input[name=value]").fill("3")
    item.locator("input[name=evidence]").set_input_files(files=[big])
    item.locator("button[type=submit]").click()
    message = item.locator("[data-upload-error]")
    message.wait_for()
    assert "Berkas bukti terlalu besar" in message.inner_text()
    assert sent == []

    # 2. Without that check (an old page, a script removed), the server answers 413 with the
    #    item and its message, and htmx swaps it in place instead of showing nothing.
    page.evaluate("document.querySelectorAll('[data-max-bytes]').forEach(e => e.removeAttribute('data-max-bytes'))")
    with page.expect_response(lambda r: "/realisasi/1/indicator/" in r.url) as answer:
        page.locator(f"#indicator-{indicator.id} button[type=submit]").click()
    assert answer.value.status == 413
    alert = page.locator(f"#indicator-{indicator.id} .error[role=alert]")
    alert.wait_for()
    assert "Kiriman terlalu besar" in alert.inner_text()
    assert not Evidence.objects.exists()
    page.locator(f"#indicator-{indicator.id}").scroll_into_view_if_needed()
    page.screenshot(path=str(SHOTS / "upload-too-large-id-1280.png"), full_page=False)
    page.context.close()


def test_too_large_workbook_and_check_upload_are_refused_before_sending(browser, site, monkeypatch):
    page = login(browser, site, "operator.batubara", width=390)
    page.goto(f"{site}/pd/batubara/2024/ubah/excel/")
    page.evaluate("document.querySelector('input[name=file]').setAttribute('data-max-bytes', '100')")
    page.locator("input[name=file]").set_input_files(files=[{
        "name": "renja.xlsx", "mimeType": "application/octet-stream", "buffer": b"PK" + b"0" * 500}])
    page.locator("form[data-too-large] button[type=submit]").click()
    page.locator("[data-upload-error]").wait_for()
    assert "Berkas terlalu besar" in page.locator("[data-upload-error]").inner_text()
    assert page.url.endswith("/ubah/excel/")  # nothing was sent
    page.screenshot(path=str(SHOTS / "upload-workbook-too-large-id-390.png"), full_page=True)
    page.context.close()


def test_copying_the_drafted_text_into_an_empty_section(browser, site):
    for width in (1280, 390):
        page = login(browser, site, "operator.batubara", width=width)
        page.goto(f"{site}/pd/batubara/2024/ubah/narasi/renja/")
        preview = page.locator('[data-draft="telaahan_kebijakan"]')
        drafted = preview.locator("[data-drafted]").all_inner_texts()
        assert drafted
        field = page.locator("#teks-telaahan_kebijakan")
        assert field.input_value() == ""
        assert field.get_attribute("placeholder").startswith(drafted[0][:40])
        preview.scroll_into_view_if_needed()
        page.screenshot(path=str(SHOTS / f"prose-draft-id-{width}.png"), full_page=False)
        preview.locator("button[data-copy-to]").click()
        assert field.input_value() == "\n\n".join(drafted)
        page.locator(".lang-switch button").click()
        page.wait_for_load_state("networkidle")
        page.locator('[data-draft="telaahan_kebijakan"]').scroll_into_view_if_needed()
        assert "If left empty, the document will say" in page.locator('[data-draft="telaahan_kebijakan"]').inner_text()
        page.screenshot(path=str(SHOTS / f"prose-draft-en-{width}.png"), full_page=False)
        page.context.close()
