"""Staff figures in a real browser (Debian's Chromium through Playwright): the operator opens
the LKjIP 2025 staff page from the editor menu, copies the 2024 list, corrects a count (a typo
refused in Indonesian first), saves, and sees the totals recomputed. Screenshots
editors-pegawai-*.png in SAKIP_SCREENSHOTS."""

from __future__ import annotations

from tests.browser import BROWSER_TEST, SHOTS
from tests.editors.test_browser import login

pytestmark = BROWSER_TEST


def test_copy_and_correct_staff_counts(browser, site):
    from sakip.organisations.models import StaffCount

    page = login(browser, site)
    page.goto(f"{site}/pd/belitung/2025/ubah/renja/")
    page.click("nav.editor-nav >> text=Pegawai")
    page.wait_for_url(f"{site}/pd/belitung/2025/ubah/pegawai/")
    page.click("button:has-text('Salin daftar tahun sebelumnya')")
    page.locator("[role=status]").wait_for()
    assert "disalin dari tahun sebelumnya" in page.content()
    before = page.locator("[data-overall] td.num").last.inner_text()
    first = StaffCount.objects.filter(agency__code="belitung", year=2025).order_by("group_order", "order").first()
    field = page.locator(f"input[name='r{first.pk}_honorary_male']")
    field.fill("3 orang")
    page.click("button:has-text('Simpan data pegawai')")
    page.locator(".error[role=alert]").first.wait_for()
    assert "bukan angka" in page.content() or "bukan jumlah orang" in page.content()
    assert StaffCount.objects.get(pk=first.pk).honorary_male == first.honorary_male
    page.locator(f"input[name='r{first.pk}_honorary_male']").fill(str((first.honorary_male or 0) + 3))
    page.click("button:has-text('Simpan data pegawai')")
    page.locator("[role=status]").wait_for()
    assert "Data pegawai tersimpan." in page.content()
    assert int(page.locator("[data-overall] td.num").last.inner_text()) == int(before) + 3
    assert StaffCount.objects.get(pk=first.pk).honorary_male == (first.honorary_male or 0) + 3
    page.screenshot(path=str(SHOTS / "editors-pegawai-1366.png"), full_page=True)
    narrow = login(browser, site, width=390)
    narrow.goto(f"{site}/pd/belitung/2024/ubah/pegawai/")
    narrow.screenshot(path=str(SHOTS / "editors-pegawai-390.png"), full_page=True)
