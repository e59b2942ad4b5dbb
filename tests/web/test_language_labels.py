"""English interface, beyond the templates: model field labels and help texts, choice labels,
labels the rules produce as data (scale classes, flags), validation and number-reading messages,
the XLSX round trip's cell-by-cell messages, and "not found" messages that say what to do.
Each page is fetched in both languages: the Indonesian text must be there in Indonesian and
gone in English (so a label left untranslated fails here). Generated workbooks stay Indonesian."""

from __future__ import annotations

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.utils import translation
from openpyxl import load_workbook

from sakip.planning.models import Indicator, WorkPlanLine


def as_user(user, language: str = "id") -> Client:
    client = Client()
    client.force_login(user)
    if language == "en":
        client.cookies["django_language"] = "en"
    return client


def page(client: Client, url: str, status: int = 200) -> str:
    response = client.get(url)
    assert response.status_code == status, response.content[:500]
    return response.content.decode()


def both(user, url: str, status: int = 200) -> tuple[str, str]:
    return page(as_user(user), url, status), page(as_user(user, "en"), url, status)


def switched(indonesian: str, english: str, pairs: list[tuple[str, str]]) -> None:
    """Each (Indonesian, English) text: the first on the Indonesian page only, the second on
    the English page only."""
    for id_text, en_text in pairs:
        assert id_text in indonesian, f"{id_text!r} not on the Indonesian page"
        assert en_text in english, f"{en_text!r} not on the English page"
        assert id_text not in english, f"{id_text!r} left on the English page"


# --------------------------------------------------------------------------------------
# Editor form: model field labels, help texts, choice labels, form-only fields


def test_indicator_form_labels_help_texts_and_choices(people):
    operator = people["operator.belitung"]
    indicator = Indicator.objects.filter(strategic_plan__agency__code="belitung").order_by("id").first()
    indonesian, english = both(operator, f"/pd/belitung/2024/ubah/renstra/indikator/{indicator.pk}/")
    switched(indonesian, english, [
        (">Agregasi antar periode<", ">Aggregation across periods<"),  # verbose_name
        (">Skala tingkat<", ">Level scale<"),
        ("ape, kla atau akip", "ape, kla or akip"),  # help_text
        ("Positif (makin tinggi makin baik)", "Positive (higher is better)"),  # choices
        ("Dijumlahkan antar periode (cacah)", "Summed across periods (counts)"),
        (">Pengali<", ">Multiplier<"),  # a form field, not a model field
        ("Mis. 100 untuk persentase.", "E.g. 100 for a percentage."),
        (">Target akhir Renstra<", ">Renstra end target<"),
    ])


def test_proposal_form_labels_and_choices(people):
    indonesian, english = both(people["operator.belitung"], "/pd/belitung/2024/ubah/usulan/")
    switched(indonesian, english, [
        (">Rincian sumber<", ">Source details<"),
        (">Perkiraan biaya (Rp)<", ">Estimated cost (Rp)<"),
        ("— pilih —", "— choose —"),
        (">Pemangku kepentingan<", ">Stakeholders<"),
        (">Diterima sebagian<", ">Partly accepted<"),
    ])


def test_indicator_form_validation_in_english(people):
    operator = people["operator.belitung"]
    indicator = Indicator.objects.filter(strategic_plan__agency__code="belitung").order_by("id").first()
    url = f"/pd/belitung/2024/ubah/renstra/indikator/{indicator.pk}/"
    form = {"name": indicator.name, "polarity": "higher_is_better", "target_kind": "number",
            "aggregation": "last", "multiplier": "1.2.3,4,5", "order": "1"}
    english = as_user(operator, "en").post(url, form).content.decode()
    assert "“1.2.3,4,5” is not a number (decimal separator &#x27;,&#x27; appears more than once)" in english
    assert "bukan angka" not in english and "pemisah desimal" not in english
    indonesian = as_user(operator).post(url, form).content.decode()
    assert "“1.2.3,4,5” bukan angka (pemisah desimal &#x27;,&#x27; muncul lebih dari sekali)" in indonesian


# --------------------------------------------------------------------------------------
# Realisation entry: labels of the page and validation messages


def test_realisation_entry_labels_in_english(people):
    indonesian, english = both(people["operator.batubara"], "/pd/batubara/2024/realisasi/2/")
    switched(indonesian, english, [
        ("Sub Kegiatan 1.", "Sub-activity 1."),  # Indicator.Subject choice label
        (">Satuan<", ">Unit<"),
        ("Realisasi s.d. triwulan sebelumnya", "Spending up to the previous quarter"),
        ("Serapan s.d. triwulan II", "Absorption up to quarter II"),
        (">Triwulan I<", ">Quarter I<"),  # the figure of the previous quarter
    ])


def test_realisation_validation_messages_in_english(people):
    client = as_user(people["operator.batubara"], "en")
    number = Indicator.objects.filter(strategic_plan__agency__code="batubara", targets__year=2024,
                                      target_kind="number").order_by("id").first()
    url = f"/pd/batubara/2024/realisasi/1/indicator/{number.id}/"
    hx = {"HTTP_HX_REQUEST": "true"}
    html = client.post(url, {"value": "12,5,3", "orig_exists": "0"}, **hx).content.decode()
    assert "Realisation: “12,5,3” is not a number (irregular thousands groups)" in html
    assert "bukan angka" not in html and "Tulis angka" not in html
    html = client.post(url, {"numerator": "3", "orig_exists": "0"}, **hx).content.decode()
    assert "Fill in both numerator and denominator, or leave both empty." in html
    assert "pembilang dan penyebut" not in html
    line = WorkPlanLine.objects.filter(work_plan__agency__code="batubara", work_plan__year=2024,
                                       level=5).order_by("code").first()
    url = f"/pd/batubara/2024/realisasi/1/spending/{line.id}/"
    html = client.post(url, {"amount": "1,5", "orig_exists": "0"}, **hx).content.decode()
    assert "Spending is written in whole rupiah, without cents." in html
    assert "Absorption up to quarter I" in html and "Spending up to the previous quarter" in html
    assert "tanpa sen" not in html and "Serapan s.d." not in html


# --------------------------------------------------------------------------------------
# Workflow status page and region overview


def test_workflow_status_page_in_english(people):
    indonesian, english = both(people["operator.batubara"], "/pd/batubara/2024/status/")
    switched(indonesian, english, [
        ("Realisasi triwulan I", "Quarterly realisation I"),
        (">Draf</span>", ">Draft</span>"),
        (">Ajukan</button>", ">Submit</button>"),
    ])


def test_dashboard_rule_labels_in_english(people):
    indonesian, english = both(people["admin"], "/pd/belitung/2024/")
    switched(indonesian, english, [
        (">Melebihi target<", ">Above target<"),
        (">Tidak tercapai<", ">Not achieved<"),
        (">Sangat baik<", ">Very good<"),
        ("Kategori capaian kinerja (", "Performance achievement category ("),
        ("dikecualikan: capaian tidak wajar", "excluded: implausible achievement"),
        ("Tujuan 1<br>", "Goal 1<br>"),
        ("per tahun (Tujuan 1) — ", "per tahun (Goal 1) — "),
    ])
    assert "indikator tidak tercapai" in indonesian and "indicators: not achieved" in english


def test_region_overview_in_english(people):
    indonesian, english = both(people["admin"], "/daerah/?tahun=2024")
    switched(indonesian, english, [
        (">TW I<", ">Q I<"),
        ("tidak ada capaian yang dapat dirata-ratakan", "no achievement that can be averaged"),
    ])


# --------------------------------------------------------------------------------------
# XLSX round trip: the workbook stays Indonesian; the messages about it follow the language


BASE = "/pd/belitung/2024/ubah/excel/"


def _column(ws, header: str) -> int:
    return next(i for i, c in enumerate(ws[4]) if c.value and str(c.value).startswith(header))


def test_xlsx_upload_with_bad_cells_in_english(people):
    client = as_user(people["operator.belitung"], "en")
    response = client.get(BASE + "unduh/renja/")
    assert response.status_code == 200
    wb = load_workbook(io.BytesIO(response.content))
    assert wb.sheetnames[1:] == ["Pagu", "Target"]  # downloaded in English, still Indonesian
    ws = wb["Pagu"]
    headers = [c.value for c in ws[4]]
    assert "Pagu APBD murni (induk) (Rp)" in headers and "Sumber dana" in headers
    assert ws["A1"].value.startswith("Rencana kerja dan pagu — ")
    money = _column(ws, "Pagu APBD murni")
    leaf = WorkPlanLine.objects.get(work_plan__agency__code="belitung", code="1.06.01.2.01.0001")
    activity = WorkPlanLine.objects.get(work_plan__agency__code="belitung", code="1.06.01.2.01")
    rows = {r[0].value: r for r in ws.iter_rows(min_row=5)}
    rows[f"L{leaf.pk}"][money].value = "12,5 juta"
    rows[f"L{activity.pk}"][money].value = 99
    buffer = io.BytesIO()
    wb.save(buffer)
    upload = SimpleUploadedFile("isian.xlsx", buffer.getvalue())
    response = client.post(BASE + "unggah/", {"kind": "renja", "quarter": 0, "file": upload})
    html = response.content.decode()
    assert response.status_code == 400
    assert "“12,5 juta” is not a number" in html
    assert "Write the number with a comma as the decimal separator" in html
    assert "An activity&#x27;s budget is the sum of its sub-activities" in html
    assert "Empty this cell." in html
    for indonesian in ("bukan angka", "dihitung dari jumlah", "Kosongkan sel ini", "Tulis angka"):
        assert indonesian not in html
    # The column names the file's own (Indonesian) heading: that is what the person sees in Excel.
    assert "Pagu APBD murni (induk) (Rp)" in html


def test_xlsx_download_is_indonesian_in_both_languages(people):
    def cells(client: Client, path: str) -> list[object]:
        wb = load_workbook(io.BytesIO(client.get(BASE + path).content))
        return [wb.sheetnames] + [c.value for ws in wb.worksheets[1:] for row in ws.iter_rows(max_row=4)
                                  for c in row]

    operator = people["operator.belitung"]
    for path in ("unduh/renja/", "unduh/realisasi/1/"):
        indonesian = cells(as_user(operator), path)
        assert cells(as_user(operator, "en"), path) == indonesian
    assert any("Realisasi Triwulan I" in str(v) for v in indonesian)


# --------------------------------------------------------------------------------------
# "Not found": what is missing and what to do, in both languages


def test_not_found_messages_say_what_to_do(people):
    operator = people["operator.belitung"]
    indonesian, english = both(operator, "/pd/belitung/2031/ubah/renstra/tujuan/", status=404)
    assert "Belum ada Renstra yang mencakup tahun ini. Buat Renstra dari halaman Renstra" in indonesian
    assert "There is no Renstra covering this year yet. Create one from the Renstra page" in english
    indonesian, english = both(operator, "/pd/belitung/2031/ubah/renja/nomenklatur/?q=1", status=404)
    assert "Buka halaman Renja (Rencana kerja &amp; pagu) untuk membuatnya" in indonesian
    assert "Open the Renja page (Work plan &amp; budget) to create it" in english
    indonesian, english = both(operator, "/pd/batubara/2024/ubah/renja/", status=404)
    assert "minta admin pemerintah daerah menambahkan peran Anda" in indonesian
    assert "ask the regional government admin to give you a role" in english


# --------------------------------------------------------------------------------------
# The lists the web layer keeps in step with sakip.rules


def test_every_rule_label_is_listed_and_keyed_by_its_msgid():
    from sakip.rules import achievement, scales
    from sakip.web.labels import RULE_LABELS, rule_reason

    wanted = {band.label for scale in scales.SCALES.values() for band in scale.bands
              if not band.label.isupper()}  # SAKIP grades (AA … D) are letters in both languages
    wanted |= {scale.name for scale in scales.SCALES.values()}
    wanted |= {flag.label for flag in achievement.Flag}
    missing = wanted - set(RULE_LABELS)
    assert not missing, f"labels of sakip.rules without an English text: {sorted(missing)}"
    with translation.override("id"):
        assert {k: str(v) for k, v in RULE_LABELS.items()} == {k: k for k in RULE_LABELS}
    with translation.override("en"):
        untranslated = [k for k, v in RULE_LABELS.items() if str(v) == k]
        assert untranslated == []
        reason = f"dikecualikan: {achievement.Flag.OVER_200.label} (C = 250,00)"
        assert rule_reason(reason) == "excluded: implausible achievement (|C| > 200 %) (C = 250,00)"


@pytest.mark.parametrize("text", ["abc", "12,5,3", "1.2.3,4,5", "1.23.456", "1.234,5.6", "1.,5"])
def test_every_number_problem_of_the_rules_is_reworded(text):
    """The web layer re-words sakip.rules' NumberFormatError; a new or changed wording in the
    rules makes this fail instead of leaking Indonesian into the English interface."""
    from sakip.rules.numbers import Convention, NumberFormatError, parse_number
    from sakip.web.numbers import number_problem

    with pytest.raises(NumberFormatError) as caught:
        parse_number(text, dominant=Convention.INDONESIAN)
    with translation.override("en"):
        english = number_problem(caught.value)
    assert english.startswith(f"“{text}” is not a number")
    for word in ("bukan", "pemisah", "kelompok", "muncul", "tidak"):
        assert word not in english


def test_workflow_refusals_in_english(people):
    def move(client: Client, action: str, comment: str = "") -> str:
        data = {"document": "pk", "quarter": 0, "action": action, "comment": comment}
        response = client.post("/pd/belitung/2025/status/pindah/", data, follow=True)
        assert response.status_code == 200
        return response.content.decode()

    move(as_user(people["operator.belitung"], "en"), "submit")
    html = move(as_user(people["bappeda.belitung"], "en"), "return", "  ")
    assert "Action “Return” on Performance Agreement" in html and "needs a note" in html
    assert "memerlukan catatan" not in html
    html = move(as_user(people["operator.belitung"], "en"), "approve")
    assert "cannot be taken on Performance Agreement" in html and "Ask a user with the right role" in html


def test_renstra_money_reasons_in_english():
    from decimal import Decimal

    from sakip.rules.numbers import Figure
    from sakip.rules.renja import renstra_money
    from sakip.web.labels import rule_reason

    missing = renstra_money(None, [("1.01.01.2.01", Figure(None, "x")), ("1.01.01.2.02", Figure(Decimal(5)))])
    differs = renstra_money(7, [("1.01.01.2.01", Figure(Decimal(5)))])
    summed = renstra_money(None, [("1.01.01.2.01", Figure(Decimal(5)))])
    with translation.override("en"):
        assert rule_reason(missing.reason) == ("Renstra end-of-period budget not filled in for 1 of its 2 "
                                               "parts (1.01.01.2.01)")
        assert rule_reason(differs.note) == "differs from the sum of its parts (5); the stated budget is used"
        assert rule_reason(summed.note) == "sum of its parts"
    with translation.override("id"):
        assert rule_reason(missing.reason) == missing.reason


@pytest.mark.parametrize("path", ["/pd/batubara/2024/dokumen/renja.xlsx", "/pd/belitung/2024/dokumen/lkjip.xlsx"])
def test_generated_workbooks_do_not_follow_the_interface_language(people, path):
    """Model choice labels are now translated: the documents that print them stay Indonesian."""

    def cells(language: str) -> list[list[object]]:
        response = as_user(people["admin"], language).get(path)
        assert response.status_code == 200
        wb = load_workbook(io.BytesIO(response.content))
        return [[c.value for row in ws.iter_rows() for c in row] for ws in wb.worksheets]

    indonesian = cells("id")
    assert cells("en") == indonesian and any("Sub Kegiatan" in str(v) for s in indonesian for v in s)


def test_indonesian_source_strings_are_not_caught_by_djangos_own_indonesian_catalogue():
    """Our msgids are Indonesian and Indonesian is the default language, whose catalogue also
    holds Django's English msgids: a msgid of ours that is also one of Django's ("No" →
    "Tidak") would be changed on the Indonesian pages. Every msgid must come back unchanged."""
    from sakip.web import catalogue

    changed = []
    with translation.override("id"):
        for m in catalogue.read_catalog():
            if not m.id or isinstance(m.id, tuple):
                continue
            shown = translation.pgettext(m.context, m.id) if m.context else translation.gettext(m.id)
            if shown != m.id:
                changed.append((m.id, shown))
    assert changed == []


def test_proposal_table_number_column_is_not_translated_as_no(people, demo_data):
    from sakip.planning.models import CommunityProposal

    CommunityProposal.objects.create(agency=demo_data["batubara"], year=2024, number="1",
                                     proposal="Rehabilitasi balai", source="musrenbang",
                                     status="accepted")
    indonesian, english = both(people["operator.batubara"], "/pd/batubara/2024/ubah/usulan/")
    assert "<th>No</th>" in indonesian and ">Tidak</th>" not in indonesian
    assert "<th>No.</th>" in english and ">Musrenbang<" in english and ">Accepted<" in english


def test_budget_ratio_reasons_in_english():
    from sakip.rules import budget
    from sakip.web.labels import rule_reason

    undefined = budget.absorption(0, 0)
    assert undefined.value is None
    with translation.override("en"):
        assert rule_reason(undefined.display) == "cannot be computed (zero budget)"
