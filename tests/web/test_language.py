"""Interface language: Indonesian by default, English when chosen with the switch; numbers and
generated documents stay Indonesian in both; the English catalogue is complete and compiled."""

from __future__ import annotations

import re

import pytest
from django.test import Client

EN = {"django_language": "en"}


def english(client: Client) -> Client:
    client.cookies["django_language"] = "en"
    return client


def test_catalogue_is_complete_and_compiled():
    """Every marked string has English text and the committed .mo is the compiled .po
    (`make messages` fixes the second; the first needs a translator)."""
    from sakip.web import catalogue

    assert catalogue.problems() == []


def test_catalogue_check_notices_an_untranslated_string(tmp_path, monkeypatch):
    """The check above can fail: a marked string missing from the .po, and a stale .mo."""
    from sakip.web import catalogue

    po = tmp_path / "django.po"
    mo = tmp_path / "django.mo"
    po.write_bytes(catalogue.PO.read_bytes())
    mo.write_bytes(catalogue.MO.read_bytes())
    monkeypatch.setattr(catalogue, "PO", po)
    monkeypatch.setattr(catalogue, "MO", mo)
    found = dict(catalogue.collect())
    found[("Kalimat uji yang belum diterjemahkan", None)] = ["tests"]
    monkeypatch.setattr(catalogue, "collect", lambda: found)
    problems = catalogue.problems()
    assert any("Kalimat uji yang belum diterjemahkan" in p for p in problems)
    monkeypatch.setattr(catalogue, "collect", lambda: dict(found))
    text = po.read_text(encoding="utf-8").replace('msgstr "Log out"', 'msgstr "Sign out"')
    po.write_text(text, encoding="utf-8")
    assert any("is not the compiled" in p for p in catalogue.problems())


@pytest.mark.django_db
def test_pages_are_indonesian_by_default_and_english_when_chosen(belitung):
    url = "/pd/belitung/2024/"
    indonesian = Client(HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9").get(url)  # an English browser
    html = indonesian.content.decode()
    assert '<html lang="id">' in html
    assert "Capaian Indikator Kinerja Utama" in html and ">Ikhtisar</a>" in html
    assert "Key Performance Indicator Achievement" not in html

    response = english(Client()).get(url)
    html = response.content.decode()
    assert '<html lang="en">' in html
    assert "Key Performance Indicator Achievement" in html
    assert ">Overview</a>" in html and ">Log in</a>" in html
    assert "Budget per Programme" in html
    assert "Capaian Indikator Kinerja Utama" not in html
    assert "stay in Indonesian" in html  # said next to the switch
    assert response["Content-Language"] == "en"


@pytest.mark.django_db
def test_the_switch_sets_the_language_and_returns_to_the_page(belitung):
    client = Client()
    page = client.get("/daerah/").content.decode()
    assert 'name="language" value="en"' in page
    response = client.post("/bahasa/", {"language": "en", "next": "/daerah/?tahun=2024"})
    assert response.status_code == 302 and response["Location"] == "/daerah/?tahun=2024"
    assert "Agency Overview" in client.get("/daerah/?tahun=2024").content.decode()
    client.post("/bahasa/", {"language": "id", "next": "/daerah/"})
    assert "Ikhtisar Perangkat Daerah" in client.get("/daerah/").content.decode()


def _figures(html: str) -> list[str]:
    return re.findall(r'data-figure="[^"]+">([^<]*)<', html)


@pytest.mark.django_db
def test_numbers_are_indonesian_in_both_languages(belitung):
    url = "/pd/belitung/2024/"
    indonesian = Client().get(url).content.decode()
    english_html = english(Client()).get(url).content.decode()
    figures = _figures(indonesian)
    assert len(figures) >= 5 and any("," in f for f in figures)
    assert _figures(english_html) == figures
    # Django's own localisation (a Decimal rendered without our filters) follows too.
    from decimal import Decimal

    from django.template import engines
    from django.utils import translation

    template = engines["django"].from_string("{{ x }} {% load humanize %}{{ n|intcomma }}")
    with translation.override("en"):
        assert template.render({"x": Decimal("1234.5"), "n": 1234567}) == "1234,5 1.234.567"


@pytest.mark.django_db
def test_generated_documents_stay_indonesian(belitung):
    import io

    from docx import Document

    def text(client: Client) -> str:
        response = client.get("/pd/belitung/2024/dokumen/pk.docx")
        assert response.status_code == 200
        doc = Document(io.BytesIO(response.content))
        cells = [c.text for t in doc.tables for r in t.rows for c in r.cells]
        return "\n".join([p.text for p in doc.paragraphs] + cells)

    indonesian = text(Client())
    assert "PERJANJIAN KINERJA" in indonesian.upper()
    assert text(english(Client())) == indonesian


@pytest.mark.django_db
def test_error_pages_and_messages_follow_the_language(belitung):
    client = english(Client())
    response = client.get("/tidak-ada/")
    assert response.status_code == 404
    assert "Page not found" in response.content.decode()
    assert "Halaman tidak ditemukan" in Client().get("/tidak-ada/").content.decode()


def test_validation_and_workflow_messages_follow_the_language(client, people):
    from sakip.planning.models import Indicator

    client.force_login(people["operator.batubara"])
    ordinal = Indicator.objects.filter(strategic_plan__agency__code="batubara", targets__year=2024,
                                       target_kind="ordinal").first()
    url = f"/pd/batubara/2024/realisasi/1/indicator/{ordinal.id}/"
    hx = {"HTTP_HX_REQUEST": "true"}
    html = client.post(url, {"value": "12,5", "orig_exists": "0"}, **hx).content.decode()
    assert "diukur dengan tingkat" in html
    client.cookies["django_language"] = "en"
    html = client.post(url, {"value": "12,5", "orig_exists": "0"}, **hx).content.decode()
    assert "This indicator is measured in levels" in html and "Realisation (level)" in html
    cycle = client.get("/pd/batubara/2024/status/").content.decode()
    assert ">Submit</button>" in cycle and ">Draft</span>" in cycle
    assert "Quarterly realisation I" in cycle
