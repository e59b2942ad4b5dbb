"""The document cycle on the web: statuses with the user's buttons, moves with comments,
refusals shown as messages (never a 500), history, publishing a final LKjIP."""


from sakip.monitoring.models import PerformanceReport
from sakip.workflow.models import DocumentStatus, StatusEvent

State = DocumentStatus.State




def login(client, people, name):
    client.force_login(people[name])
    return client


def post_move(client, code, year, document, action, quarter=0, comment="", expected=None):
    data = {"document": document, "quarter": quarter, "action": action, "comment": comment}
    if expected:
        data["expected_state"] = expected
    return client.post(f"/pd/{code}/{year}/status/pindah/", data, follow=True)


def test_operator_sees_submit_and_the_whole_cycle_is_recorded(client, people):
    login(client, people, "operator.belitung")
    html = client.get("/pd/belitung/2025/status/").content.decode()
    assert 'data-document="renja"' in html and 'value="submit"' in html
    response = post_move(client, "belitung", 2025, "renja", "submit", expected="draft")
    assert response.status_code == 200
    assert "Draf → Diajukan" in response.content.decode()
    login(client, people, "bappeda.belitung")
    post_move(client, "belitung", 2025, "renja", "verify")
    login(client, people, "kadis.belitung")
    html = post_move(client, "belitung", 2025, "renja", "approve").content.decode()
    assert DocumentStatus.objects.get(agency__code="belitung", year=2025, document="renja").state == State.FINAL
    # History: who, from → to, in the page.
    assert "Operator DSPPPA Belitung" in html and "Verifikator Bappeda Belitung" in html
    assert "Diverifikasi Bappeda → <strong>Final (terkunci)</strong>" in html


def test_a_refused_move_is_a_message_not_an_error_page(client, people):
    login(client, people, "operator.belitung")
    post_move(client, "belitung", 2025, "pk", "submit")
    login(client, people, "bappeda.belitung")
    response = post_move(client, "belitung", 2025, "pk", "return", comment="  ")
    assert response.status_code == 200
    assert "memerlukan catatan" in response.content.decode()
    response = post_move(client, "belitung", 2025, "pk", "return", comment="Target IKU 2 keliru")
    assert "Target IKU 2 keliru" in response.content.decode()
    # An operator may not verify; a stale page is refused; an unknown document is refused.
    login(client, people, "operator.belitung")
    assert "tidak dapat dilakukan" in post_move(client, "belitung", 2025, "pk", "verify").content.decode()
    assert "diubah orang lain" in post_move(
        client, "belitung", 2025, "pk", "submit", expected="draft").content.decode()
    assert "tidak dikenal" in post_move(client, "belitung", 2025, "nope", "submit").content.decode()


def test_other_agency_and_public_cannot_open_or_move(client, people):
    assert client.get("/pd/belitung/2025/status/").status_code == 302
    assert client.post("/pd/belitung/2025/status/pindah/", {"document": "renja", "action": "submit"}).status_code == 302
    login(client, people, "operator.batubara")
    assert client.get("/pd/belitung/2025/status/").status_code == 404
    assert client.post("/pd/belitung/2025/status/pindah/", {"document": "renja", "action": "submit"}).status_code == 404
    assert not StatusEvent.objects.filter(status__year=2025).exists()


def _lkjip_to_final(client, people, code="belitung", year=2025):
    login(client, people, "operator.belitung")
    post_move(client, code, year, "lkjip", "submit")
    login(client, people, "inspektorat.belitung")
    post_move(client, code, year, "lkjip", "review")
    login(client, people, "kadis.belitung")
    post_move(client, code, year, "lkjip", "approve")


def test_the_head_publishes_a_final_lkjip_and_the_public_sees_it(client, people):
    login(client, people, "kadis.belitung")
    html = client.post("/pd/belitung/2025/status/publikasi/", follow=True).content.decode()
    assert "belum final" in html
    _lkjip_to_final(client, people)
    login(client, people, "operator.belitung")
    assert "Hanya kepala" in client.post("/pd/belitung/2025/status/publikasi/", follow=True).content.decode()
    assert not PerformanceReport.objects.filter(year=2025, published_at__isnull=False).exists()
    login(client, people, "kadis.belitung")
    assert "Publikasikan LKjIP" in client.get("/pd/belitung/2025/status/").content.decode()
    html = client.post("/pd/belitung/2025/status/publikasi/", follow=True).content.decode()
    assert "dipublikasikan" in html and 'data-published="1"' in html
    client.logout()
    assert client.get("/pd/belitung/2025/").status_code == 200


def test_region_admin_may_publish_bappeda_may_not(client, people):
    _lkjip_to_final(client, people)
    login(client, people, "bappeda.belitung")
    client.post("/pd/belitung/2025/status/publikasi/")
    assert not PerformanceReport.objects.filter(year=2025, published_at__isnull=False).exists()
    login(client, people, "admin")
    client.post("/pd/belitung/2025/status/publikasi/")
    assert PerformanceReport.objects.filter(year=2025, published_at__isnull=False).exists()
