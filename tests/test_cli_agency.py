"""`sakip agency`: adding the agency (and its region) an import will load into, listing them."""

from __future__ import annotations

import pytest

from sakip.organisations.models import Agency, Region
from sakip.workflow.models import Change
from tests.test_cli import call

pytestmark = pytest.mark.django_db


def test_add_agency_with_a_new_region_then_list(capsys):
    out, status = call(["agency", "add", "dinsos", "--name", "Dinas Sosial Kota Pangkalpinang",
                        "--short-name", "Dinsos", "--region", "pangkalpinang",
                        "--region-name", "Kota Pangkalpinang", "--sectors", "1.06  2.08"], capsys)
    assert status == 0, out.err
    agency = Agency.objects.select_related("region").get(code="dinsos")
    assert (agency.name, agency.short_name, agency.sector_codes) == ("Dinas Sosial Kota Pangkalpinang",
                                                                      "Dinsos", "1.06 2.08")
    assert (agency.region.code, agency.region.name, agency.region.kind) == ("pangkalpinang",
                                                                            "Kota Pangkalpinang", "kota")
    assert "sakip import BERKAS --agency dinsos" in out.out
    # in the audit trail like any change made in the application
    assert Change.objects.filter(reason="sakip agency add dinsos").count() == 2
    out, status = call(["agency", "add", "dp3a", "--name", "Dinas PPPA Kota Pangkalpinang",
                        "--region", "pangkalpinang"], capsys)
    assert status == 0 and "Daerah baru" not in out.out
    out, status = call(["agency", "list"], capsys)
    assert status == 0
    lines = out.out.splitlines()
    assert lines[0] == "Kota Pangkalpinang (pangkalpinang)"
    assert [line.split()[0] for line in lines[1:]] == ["dp3a", "dinsos"]  # by name


@pytest.mark.parametrize("argv, needle", [
    (["--region", "tidakada"], "daerah 'tidakada' tidak ada"),
    (["--region", "babel", "--region-name", "Bangka Belitung"], "--region-kind"),
    (["--region", "babel", "--region-name", "Provinsi Kepulauan Bangka Belitung", "--name", "x" * 301],
     "nama:"),
])
def test_bad_input_is_refused_and_nothing_is_written(argv, needle, capsys):
    args = ["agency", "add", "dinsos", "--name", "Dinas Sosial"] + argv
    out, status = call(args, capsys)
    assert status == 2 and needle in out.err and "Traceback" not in out.err
    assert not Agency.objects.exists() and not Region.objects.exists()  # one transaction


def test_bad_code_and_existing_code_are_refused(capsys):
    out, status = call(["agency", "add", "Dinas Sosial", "--name", "Dinas Sosial", "--region", "r",
                        "--region-name", "Kabupaten R"], capsys)
    assert status == 2 and "kode:" in out.err and "slug" in out.err
    assert not Region.objects.exists()
    assert call(["agency", "add", "dinsos", "--name", "Dinas Sosial", "--region", "r",
                 "--region-name", "Kabupaten R"], capsys)[1] == 0
    out, status = call(["agency", "add", "dinsos", "--name", "Dinas Lain", "--region", "r"], capsys)
    assert status == 2 and "sudah ada (Dinas Sosial)" in out.err
    assert Agency.objects.get(code="dinsos").name == "Dinas Sosial"
