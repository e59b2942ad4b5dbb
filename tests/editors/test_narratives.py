"""Prose sections: who may edit, saving through the audit trail, stale edits refused."""

from __future__ import annotations

from sakip.planning.models import Narrative
from sakip.workflow.models import Change, DocumentStatus

URL = "/pd/belitung/2024/ubah/narasi/renja/"


def test_anonymous_is_sent_to_login(client, belitung):
    response = client.get(URL)
    assert response.status_code == 302 and response["Location"].startswith("/masuk/")


def test_operator_of_another_region_sees_nothing(client, outsider):
    client.force_login(outsider)
    assert client.get(URL).status_code == 404
    assert client.post(URL, {"section": "penutup", "text": "x", "orig_text": "∅"}).status_code == 404


def test_operator_of_another_agency_in_the_region_sees_nothing(client, same_region_outsider):
    client.force_login(same_region_outsider)
    assert client.get(URL).status_code == 404


def test_operator_writes_a_section_and_the_trail_names_them(client, operator):
    client.force_login(operator)
    page = client.get(URL).content.decode()
    assert "Bab I.1 Latar Belakang" in page and "Simpan bagian ini" in page
    response = client.post(URL, {"section": "penutup", "text": "Demikian Renja ini.\r\n\r\nSekian.",
                                 "orig_text": "∅"})
    assert response.status_code == 200
    stored = Narrative.objects.get(agency__code="belitung", year=2024, document="renja",
                                   section="penutup")
    assert stored.text == "Demikian Renja ini.\n\nSekian."
    change = Change.objects.filter(object_id=stored.pk, content_type__model="narrative").first()
    assert change.user == operator and "penutup" in change.reason
    assert "Terakhir diubah oleh Operator.Uji" in client.get(URL).content.decode()


def test_the_second_of_two_editors_is_refused_and_sees_the_first_change(
        client, operator, second_operator, belitung):
    Narrative.objects.create(agency=belitung, year=2024, document="renja", section="penutup",
                             text="Awal.")
    client.force_login(operator)
    assert client.post(URL, {"section": "penutup", "text": "Versi A.", "orig_text": "Awal."},
                       HTTP_HX_REQUEST="true").status_code == 200
    client.force_login(second_operator)
    response = client.post(URL, {"section": "penutup", "text": "Versi B.", "orig_text": "Awal."},
                           HTTP_HX_REQUEST="true")
    html = response.content.decode()
    assert "telah diubah oleh Operator.Uji" in html and "Versi A." in html
    assert Narrative.objects.get(agency__code="belitung", section="penutup", document="renja").text == "Versi A."


def test_two_people_creating_the_same_section(client, operator, second_operator, belitung):
    client.force_login(operator)
    client.post(URL, {"section": "penutup", "text": "A", "orig_text": "∅"})
    client.force_login(second_operator)
    response = client.post(URL, {"section": "penutup", "text": "B", "orig_text": "∅"})
    assert response.status_code == 400
    assert "telah diisi oleh pengguna lain" in response.content.decode()
    assert Narrative.objects.get(agency__code="belitung", section="penutup", document="renja").text == "A"


def test_a_locked_document_is_read_only(client, operator, belitung):
    """Belitung's LKjIP 2024 is final in the demo: the page shows, nothing can be saved."""
    assert DocumentStatus.objects.get(agency=belitung, year=2024, document="lkjip").locked
    client.force_login(operator)
    html = client.get("/pd/belitung/2024/ubah/narasi/lkjip/").content.decode()
    assert "hanya baca" in html and "Simpan bagian ini" not in html
    assert "Analisis Capaian Tujuan 1" in html  # one section per tujuan of the Renstra
    before = Narrative.objects.get(agency__code="belitung", document="lkjip", section="kesimpulan.faktor").text
    response = client.post("/pd/belitung/2024/ubah/narasi/lkjip/",
                           {"section": "kesimpulan.faktor", "text": "ubah", "orig_text": before})
    assert response.status_code == 403
    assert Narrative.objects.get(agency__code="belitung", document="lkjip", section="kesimpulan.faktor").text == before


def test_a_reader_role_cannot_edit(client, bappeda):
    client.force_login(bappeda)
    assert "hanya baca" in client.get(URL).content.decode()
    assert client.post(URL, {"section": "penutup", "text": "x", "orig_text": "∅"}).status_code == 403


def test_unknown_document_and_section(client, operator):
    client.force_login(operator)
    assert client.get("/pd/belitung/2024/ubah/narasi/apbd/").status_code == 404
    assert client.post(URL, {"section": "bukan", "text": "x", "orig_text": "∅"}).status_code == 404
