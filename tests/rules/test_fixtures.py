"""The clean fixtures of ../shared/fixtures recomputed with the rules (skip when absent)."""

import csv
from decimal import Decimal as D
from pathlib import Path

import pytest

from sakip.rules.achievement import (
    ORDINAL_SCALES,
    Polarity,
    TargetKind,
    achievement,
)
from sakip.rules.averages import mean_achievement
from sakip.rules.budget import (
    absorption,
    direct_spending,
    effectiveness,
    efficiency_mahsun,
    rollup,
    total,
)
from sakip.rules.codes import Level, normalise_code
from sakip.rules.numbers import ColumnKind, Number, format_percent, parse_number
from sakip.rules.scales import PERMENDAGRI_54_2010, category, predikat

FIXTURES = Path(__file__).resolve().parents[3] / "shared" / "fixtures"
BUDGET = FIXTURES / "belitung-2024-budget-realisation.tsv"
IKU = FIXTURES / "belitung-2024-iku.tsv"


def read(path: Path) -> list[dict[str, str]]:
    if not path.exists():
        pytest.skip(f"{path} tidak ada")
    with path.open(encoding="utf-8") as handle:
        return list(csv.DictReader(handle, delimiter="\t"))


def test_budget_fixture_every_parent_and_percentage_recomputes():
    rows = read(BUDGET)
    stated: dict = {}
    leaves_budget: dict = {}
    leaves_real: dict = {}
    for row in rows:
        if row["kode"] == "TOTAL":
            grand = row
            continue
        code = normalise_code(row["kode"])
        stated[code] = row
        if code.level is Level.SUB_KEGIATAN:
            leaves_budget[code] = int(row["apbd_p"])
            leaves_real[code] = int(row["realisasi"])
    sums_budget, sums_real = rollup(leaves_budget), rollup(leaves_real)
    assert len(stated) == len(rows) - 1 == 93  # every coded row; TOTAL read separately
    for code, row in stated.items():
        assert sums_budget[code] == int(row["apbd_p"]), code
        assert sums_real[code] == int(row["realisasi"]), code
        printed = parse_number(row["pct"], ColumnKind.PERCENT)
        assert isinstance(printed, Number)
        shown = absorption(sums_real[code], sums_budget[code])
        assert shown.rounded == printed.value, code
    assert total(leaves_budget) == int(grand["apbd_p"]) == 10_314_852_053
    assert total(leaves_real) == int(grand["realisasi"]) == 9_521_256_875
    assert format_percent(effectiveness(total(leaves_real), total(leaves_budget)).value) == "92,31"
    salaries = leaves_real[normalise_code("0.00.01.2.02.0001")]
    direct = direct_spending(total(leaves_real), salaries)
    assert direct == 4_684_827_187
    assert efficiency_mahsun(direct, total(leaves_real)).display == "49,20"


def test_iku_fixture_achievements_predikat_and_categories():
    rows = read(IKU)
    printed_ok = []
    results = {}
    for row in rows:
        polarity = {
            "positif": Polarity.HIGHER_IS_BETTER,
            "negatif": Polarity.LOWER_IS_BETTER,
            "ordinal": Polarity.HIGHER_IS_BETTER,
        }[row["polaritas"]]
        if row["polaritas"] == "ordinal":
            result = achievement(
                row["t2024"],
                row["r2024"],
                polarity=polarity,
                kind=TargetKind.ORDINAL,
                scale=ORDINAL_SCALES["ape"],
            )
        else:
            result = achievement(
                row["t2024"],
                row["r2024"],
                polarity=polarity,
                percentage_change=row["indikator"].startswith("Persentase penurunan"),
            )
        results[row["no"]] = result
        printed = parse_number(row["capaian2024"], ColumnKind.PERCENT)
        assert isinstance(printed, Number) and result.value is not None
        if result.rounded == printed.value:
            printed_ok.append(row["no"])
            assert predikat(result.value) == row["predikat"], row["no"]
            assert category(PERMENDAGRI_54_2010, result.value) == row["kategori"], row["no"]
    # every printed 2024 achievement reproduces; the 6110 % one is flagged, not averaged
    assert printed_ok == ["1.1.1", "1.1.2", "2.1.1", "2.1.2", "3.1.1", "3.1.2"]
    assert results["3.1.1"].display == "71,91" and results["2.1.2"].display == "100,00"
    pathological = results["1.1.1"]
    assert pathological.rounded == D("6110.00") and not pathological.countable
    sasaran_1 = mean_achievement([("1.1.1", results["1.1.1"]), ("1.1.2", results["1.1.2"])])
    assert sasaran_1.display == "98,82" and sasaran_1.excluded[0][0] == "1.1.1"
