"""`sakip import` of the Perjanjian Kinerja: seed 003 (LKjIP 2024 Belitung) prints the PK 2024
(Tabel 2.4, line 661 of the seed) and its revision (Lampiran X, "PERUBAHAN PERJANJIAN KINERJA",
line 3738). Imported into an empty agency they give the same items as the hand-kept demo
agency `belitung`; a changed target is a conflict, written only with --replace."""

from __future__ import annotations

from decimal import Decimal

from sakip.cli import main
from tests.conftest import shared_path

SEED = ("seeds", "003_f19590e1e1b92e14.txt")


def _import(*extra: str) -> int:
    return main(["import", str(shared_path(*SEED)), "--agency", "uji", "--year", "2024", *extra])


def _items(code: str) -> list[tuple[object, ...]]:
    from sakip.planning.models import AgreementItem

    return sorted(
        AgreementItem.objects.filter(agreement__agency__code=code, agreement__year=2024).values_list(
            "agreement__version", "indicator__number", "target_value", "target_level"
        ),
        key=repr,
    )


def test_seed_003_agreements_match_the_demo(belitung, capsys):
    from sakip.organisations.models import Agency

    Agency.objects.create(region=belitung.region, code="uji", name="Dinas Sosial Uji")
    assert _import("--dry-run") == 0
    out = capsys.readouterr().out
    assert "+ perjanjian kinerja 2024 (dari Tabel 2.4)" in out
    assert "+ perjanjian kinerja perubahan 2024" in out
    assert not _items("uji")
    assert _import() == 0
    items = _items("uji")
    # Tabel 2.4 (line 667): IDG 47; Lampiran X (line 3745): IDG 53,43; APE "Pratama" in both;
    # the revision prints "Rasio kekerasan …" once (row 5, for the goal and the objective
    # alike): one item, as printed, on the goal's indicator
    assert ("original", "2.1.1", Decimal("47"), "") in items
    assert ("revised", "2.1.1", Decimal("53.43"), "") in items
    assert ("revised", "2.1.2", None, "Pratama") in items
    assert [i[1] for i in items if i[0] == "revised"] == ["1.1.1", "1.1.2", "2.1.1", "2.1.2", "3.1.1"]
    assert items == _items("belitung")


def test_changed_agreement_target_is_a_conflict(belitung, capsys):
    from sakip.organisations.models import Agency
    from sakip.planning.models import AgreementItem

    Agency.objects.create(region=belitung.region, code="uji", name="Dinas Sosial Uji")
    assert _import() == 0
    item = AgreementItem.objects.get(agreement__agency__code="uji", agreement__version="revised", indicator__number="2.1.1")
    item.target_value = Decimal("50")
    item.save()
    capsys.readouterr()
    assert _import() == 1
    assert "Perjanjian Kinerja Perubahan 2024 indikator 2.1.1 target: tersimpan 50, dokumen 53,43" in capsys.readouterr().out
    item.refresh_from_db()
    assert item.target_value == 50
    assert _import("--replace") == 0
    item.refresh_from_db()
    assert item.target_value == Decimal("53.43")
