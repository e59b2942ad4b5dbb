"""Community proposals page: list, add, change, delete; reasons required; stale edits refused;
read-only for readers and after the Renja is final; every change in the audit trail."""

from __future__ import annotations

import re

import pytest

from sakip.planning.models import CommunityProposal
from sakip.workflow.models import Change, DocumentStatus

URL = "/pd/belitung/2024/ubah/usulan/"
NEW = {"number": "1", "proposal": "Pelatihan keterampilan penyandang disabilitas",
       "source": "musrenbang", "source_detail": "Musrenbang Kecamatan Tanjungpandan",
       "location": "Kec. Tanjungpandan", "volume": "2,5", "unit": "paket",
       "estimated_cost": "150.000.000", "status": "accepted", "reason": "", "line_code": ""}


def originals(html: str) -> dict[str, str]:
    found = re.findall(r'<input type="hidden" name="(orig_[^"]+)" value="([^"]*)"', html)
    return {k: v.replace("&quot;", '"').replace("&amp;", "&") for k, v in found}


@pytest.fixture
def op(client, operator):
    client.force_login(operator)
    return client


def test_add_then_listed_with_figures_and_audited(op, operator, belitung):
    response = op.post(URL, NEW)
    assert response.status_code == 302
    p = CommunityProposal.objects.get(agency=belitung, year=2024)
    assert (p.volume, p.estimated_cost, p.order) == (2.5, 150_000_000, 1)
    html = op.get(URL).content.decode()
    assert "Pelatihan keterampilan penyandang disabilitas" in html and "Rp 150.000.000" in html
    assert "Diterima: 1" in html and "2,5 paket" in html
    change = Change.objects.get(content_type__model="communityproposal", object_id=p.pk)
    assert change.user == operator and change.action == "create" and "ditambahkan" in change.reason
    assert "oleh Operator.Uji" in html


def test_rejected_without_reason_and_bad_money_are_refused(op, belitung):
    response = op.post(URL, NEW | {"status": "rejected", "estimated_cost": "seratus"})
    html = response.content.decode()
    assert response.status_code == 400
    assert "harus disertai alasannya" in html and "bukan angka" in html
    assert not CommunityProposal.objects.filter(agency=belitung).exists()
    response = op.post(URL, NEW | {"status": "partial", "reason": "Sebagian ditampung pada 2025."})
    assert response.status_code == 302
    assert CommunityProposal.objects.get(agency=belitung).get_status_display() == "Diterima sebagian"


def test_edit_refuses_a_stale_page_and_delete_is_audited(client, operator, second_operator, belitung):
    client.force_login(operator)
    client.post(URL, NEW)
    p = CommunityProposal.objects.get(agency=belitung)
    opened = originals(client.get(URL + f"{p.pk}/").content.decode())
    assert opened["orig_proposal"] == NEW["proposal"]
    assert client.post(URL + f"{p.pk}/", opened | NEW | {"location": "Kec. Badau"}).status_code == 302
    client.force_login(second_operator)
    response = client.post(URL + f"{p.pk}/", opened | NEW | {"location": "Kec. Membalong"})
    assert response.status_code == 400 and "telah diubah oleh Operator.Uji" in response.content.decode()
    assert CommunityProposal.objects.get(pk=p.pk).location == "Kec. Badau"
    assert client.post(URL + f"{p.pk}/hapus/").status_code == 302
    assert not CommunityProposal.objects.filter(pk=p.pk).exists()
    deleted = Change.objects.get(content_type__model="communityproposal", object_id=p.pk, action="delete")
    assert deleted.user == second_operator


def test_read_only_for_readers_locked_after_final_hidden_elsewhere(client, operator, bappeda, outsider,
                                                                    belitung):
    p = CommunityProposal.objects.create(agency=belitung, year=2024, proposal="Usulan lama",
                                         source="pokir", status="accepted")
    client.force_login(bappeda)
    html = client.get(URL).content.decode()
    assert "Usulan lama" in html and "Tambah usulan</button>" not in html and "hanya baca" in html
    assert client.post(URL, NEW).status_code == 403
    client.force_login(operator)
    DocumentStatus.objects.create(agency=belitung, year=2024, document="renja", state="final")
    assert client.post(URL + f"{p.pk}/hapus/").status_code == 403
    assert client.post(URL, NEW).status_code == 403
    assert CommunityProposal.objects.filter(agency=belitung).count() == 1
    client.force_login(outsider)
    assert client.get(URL).status_code == 404


def test_the_renja_editor_links_to_the_register(op):
    html = op.get("/pd/belitung/2024/ubah/renja/").content.decode()
    assert 'href="/pd/belitung/2024/ubah/usulan/"' in html


def test_linked_from_every_editor_page_and_shown_in_english(op):
    renja = op.get("/pd/belitung/2024/ubah/renja/").content.decode()
    assert f'href="{URL}"' in renja
    assert "Usulan Program dan Kegiatan dari Masyarakat" in op.get(URL).content.decode()
    op.cookies["django_language"] = "en"
    html = op.get(URL).content.decode()
    assert "Community Proposals for Programs and Activities" in html and "Add proposal" in html
    assert "Tambah usulan" not in html
    refused = op.post(URL, {**NEW, "volume": "-1"}).content.decode()
    assert "The volume cannot be negative." in refused
    funding = op.get("/pd/belitung/2024/ubah/renstra/pagu/").content.decode()
    assert "Renstra End-of-Period Budget" in funding and "Save end-of-period budget" in funding
