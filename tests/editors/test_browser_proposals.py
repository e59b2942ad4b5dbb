"""Adding a community proposal in a real browser (Debian's Chromium through Playwright): from
the Renja editor's link to the register, a rejected proposal without a reason is refused in
Indonesian, then saved with one and listed. Screenshots editors-usulan-*.png in SAKIP_SCREENSHOTS."""

from __future__ import annotations

from tests.browser import BROWSER_TEST, SHOTS
from tests.editors.test_browser import login

pytestmark = BROWSER_TEST


def test_add_a_proposal(browser, site):
    from sakip.planning.models import CommunityProposal
    from sakip.workflow.models import Change

    page = login(browser, site)
    page.goto(f"{site}/pd/belitung/2024/ubah/renja/")
    page.click("text=Usulan masyarakat (Musrenbang, Pokir DPRD, pemangku kepentingan)")
    page.wait_for_url(f"{site}/pd/belitung/2024/ubah/usulan/")
    assert "Belum ada usulan" in page.content()
    page.fill("#id_proposal", "Rehabilitasi rumah tidak layak huni bagi fakir miskin")
    page.select_option("#id_source", "pokir")
    page.fill("#id_source_detail", "Anggota DPRD Dapil 1")
    page.fill("#id_location", "Desa Air Saga")
    page.fill("#id_volume", "12")
    page.fill("#id_unit", "unit")
    page.fill("#id_estimated_cost", "360.000.000")
    page.select_option("#id_status", "rejected")
    page.click("button:has-text('Tambah usulan')")
    page.locator(".errorlist").first.wait_for()
    assert "harus disertai alasannya" in page.content()
    assert not CommunityProposal.objects.exists()
    page.fill("#id_reason", "Bukan kewenangan dinas; diteruskan ke Dinas Perkim.")
    page.click("button:has-text('Tambah usulan')")
    page.locator("[role=status]").wait_for()
    row = page.locator("#daftar-usulan tbody tr").first
    assert "Rehabilitasi rumah tidak layak huni" in row.inner_text()
    assert "Rp 360.000.000" in row.inner_text() and "Ditolak" in row.inner_text()
    page.screenshot(path=str(SHOTS / "editors-usulan-1366.png"), full_page=True)
    saved = CommunityProposal.objects.get()
    assert (saved.source, saved.status, saved.estimated_cost, saved.volume) == ("pokir", "rejected",
                                                                                360_000_000, 12)
    assert Change.objects.get(content_type__model="communityproposal", object_id=saved.pk).user.username \
        == "operator.belitung"
