"""Staff by education, status and sex (LKjIP BAB I 1.3): entered on one page, totals derived,
bad input refused with nothing stored, stale edits refused, the previous year's list copied."""

from __future__ import annotations

import re

from sakip import dataset
from sakip.organisations.models import StaffCount
from sakip.workflow.models import Change

URL_2024 = "/pd/belitung/2024/ubah/pegawai/"
URL = "/pd/belitung/2025/ubah/pegawai/"


def form(html: str) -> dict[str, str]:
    """Every field as the browser sends it back unchanged."""
    data = dict(re.findall(r'<input type="hidden" name="(r[^"]+_orig_[^"]+)" value="([^"]*)"', html))
    data |= dict(re.findall(r'<input (?:class="count" )?name="(r[^"]+_(?:group|education|civil_servant_male|'
                            r'civil_servant_female|contract_male|contract_female|honorary_male|'
                            r'honorary_female))" value="([^"]*)"', html))
    return data


def overall(html: str) -> list[str]:
    row = re.search(r"<tr class=\"total\" data-overall>(.*?)</tr>", html, re.S).group(1)
    return re.findall(r'<td class="num">([^<]*)</td>', row)


def copied(client) -> dict[str, str]:
    response = client.post(URL, {"action": "copy"})
    assert response.status_code == 302
    return form(client.get(URL).content.decode())


def test_locked_year_is_shown_with_its_totals(client, operator, belitung):
    client.force_login(operator)
    html = client.get(URL_2024).content.decode()
    assert "Pegawai menurut Jenis Pendidikan" in html and "data-readonly" in html
    assert 'name="r' not in html and 'data-row="baru1"' not in html  # LKjIP 2024 is final: nothing to type into
    # 24 PNS + 4 PPPK + 11 honorer, summed from the stored rows with the report's rule
    ay = dataset.load("belitung", 2024)
    pns = sum((r.civil_servant[0] or 0) + (r.civil_servant[1] or 0) for r in ay.staff)
    assert pns == 24
    assert overall(html)[-1] == "39"


def test_copy_previous_year_then_edit_add_and_delete(client, operator, belitung):
    client.force_login(operator)
    html = client.get(URL).content.decode()
    assert "Salin daftar tahun sebelumnya" in html
    data = copied(client)
    rows_2024 = StaffCount.objects.filter(agency=belitung, year=2024).count()
    assert StaffCount.objects.filter(agency=belitung, year=2025).count() == rows_2024
    first, second = StaffCount.objects.filter(agency=belitung, year=2025).order_by("group_order", "order")[:2]
    data[f"r{first.pk}_civil_servant_male"] = str((first.civil_servant_male or 0) + 2)
    data[f"r{second.pk}_delete"] = "1"
    data |= {"rbaru1_group": first.group, "rbaru1_education": "Sarjana Statistika",
             "rbaru1_civil_servant_female": "1"}
    response = client.post(URL, data)
    assert response.status_code == 302, re.findall(r"role=\"alert\">([^<]*)", response.content.decode())
    first.refresh_from_db()
    assert first.civil_servant_male == (StaffCount.objects.get(agency=belitung, year=2024,
                                                               education=first.education).civil_servant_male or 0) + 2
    assert not StaffCount.objects.filter(pk=second.pk).exists()
    added = StaffCount.objects.get(agency=belitung, year=2025, education="Sarjana Statistika")
    assert added.civil_servant_female == 1 and added.group == first.group
    ay = dataset.load("belitung", 2025)
    expected = sum(sum(v or 0 for pair in r.statuses for v in pair) for r in ay.staff)
    assert overall(client.get(URL).content.decode())[-1] == str(expected)
    change = Change.objects.filter(content_type__model="staffcount", object_id=added.pk).first()
    assert change.user == operator and "Pegawai belitung 2025" in change.reason
    assert change.agency_id == belitung.pk  # the agency's trail, not a region-level change


def test_bad_count_saves_nothing_and_names_the_row(client, operator, belitung):
    client.force_login(operator)
    data = copied(client)
    before = list(StaffCount.objects.filter(agency=belitung, year=2025).values_list("id", "civil_servant_male"))
    first = StaffCount.objects.filter(agency=belitung, year=2025).order_by("group_order", "order").first()
    data[f"r{first.pk}_civil_servant_male"] = "9"
    data[f"r{first.pk}_contract_female"] = "2,5"
    response = client.post(URL, data)
    html = response.content.decode()
    assert response.status_code == 400
    assert "bukan jumlah orang" in html and first.education in html and "PPPK perempuan" in html
    assert 'value="2,5"' in html  # what was typed stays on the page
    after = list(StaffCount.objects.filter(agency=belitung, year=2025).values_list("id", "civil_servant_male"))
    assert after == before


def test_incomplete_and_duplicate_rows_are_refused(client, operator, belitung):
    client.force_login(operator)
    data = copied(client)
    first = StaffCount.objects.filter(agency=belitung, year=2025).order_by("group_order", "order").first()
    response = client.post(URL, data | {"rbaru1_group": "", "rbaru1_education": "Sarjana Hukum", "rbaru1_honorary_male": "3"})
    assert response.status_code == 400 and "kelompok dan jenis pendidikan harus diisi" in response.content.decode()
    response = client.post(URL, data | {"rbaru1_group": first.group, "rbaru1_education": first.education.upper(),
                                        "rbaru1_honorary_male": "3"})
    assert response.status_code == 400 and "sudah ada pada kelompok" in response.content.decode()
    assert StaffCount.objects.filter(agency=belitung, year=2025).count() == \
        StaffCount.objects.filter(agency=belitung, year=2024).count()


def test_stale_row_is_refused(client, operator, second_operator, belitung):
    client.force_login(operator)
    mine = copied(client)
    first = StaffCount.objects.filter(agency=belitung, year=2025).order_by("group_order", "order").first()
    client.force_login(second_operator)
    theirs = form(client.get(URL).content.decode())
    theirs[f"r{first.pk}_honorary_female"] = "7"
    assert client.post(URL, theirs).status_code == 302
    client.force_login(operator)
    mine[f"r{first.pk}_honorary_female"] = "4"
    response = client.post(URL, mine)
    html = response.content.decode()
    assert response.status_code == 400, html
    assert "telah diubah oleh Rekan.Uji" in html and first.education in html, re.findall(r"role=\"alert\">([^<]*)", html)
    first.refresh_from_db()
    assert first.honorary_female == 7


def test_readers_and_other_agencies_cannot_change(client, bappeda, outsider, belitung):
    client.force_login(bappeda)
    assert client.get(URL).status_code == 200
    assert client.post(URL, {"action": "copy"}).status_code == 403
    client.force_login(outsider)
    assert client.get(URL).status_code == 404
    assert not StaffCount.objects.filter(agency=belitung, year=2025).exists()


def test_two_rows_swapping_names_are_refused_cleanly(client, operator, belitung):
    client.force_login(operator)
    data = copied(client)
    first, second = StaffCount.objects.filter(agency=belitung, year=2025, group_order=1).order_by("order")[:2]
    data[f"r{first.pk}_education"], data[f"r{second.pk}_education"] = second.education, first.education
    response = client.post(URL, data)
    assert response.status_code == 400 and "bertukar jenis pendidikan" in response.content.decode()
    first.refresh_from_db()
    assert StaffCount.objects.get(pk=second.pk).education != first.education  # nothing changed
