"""The demo loaders write program / kegiatan / sub kegiatan indicators, their targets and
realisations through the importer's layer (sakip.ingest.importer.apply_line_indicators), the
same code path as `sakip import`: every line indicator, target and realisation stored for a
demo agency was handed to that function, and nothing else writes them."""

from __future__ import annotations

from decimal import Decimal

import pytest

from sakip.ingest import importer


def _load_recording(module_name: str, monkeypatch):
    import importlib

    from sakip.workflow.history import audit_context

    module = importlib.import_module(f"sakip.demo.{module_name}")
    handed: list[tuple[object, object]] = []

    def recording(items, strategic_plan, outcome, **kwargs):
        result = importer.apply_line_indicators(items, strategic_plan, outcome, **kwargs)
        for item in items:
            handed.append((item, result[(item.code, item.name)]))
        return result

    monkeypatch.setattr(module, "apply_line_indicators", recording)
    with audit_context(reason="uji", quiet=True):
        agency = module.load()
    return agency, handed


@pytest.mark.parametrize("name, rows", [("belitung", 96), ("batubara", 85 + 86)])
def test_demo_line_indicators_go_through_the_import_layer(db, monkeypatch, name, rows):
    from sakip.monitoring.models import IndicatorRealisation
    from sakip.planning.models import Indicator, IndicatorTarget

    agency, handed = _load_recording(name, monkeypatch)
    assert len(handed) == rows  # one item per row of the demo's TSV files
    lines = Indicator.objects.filter(
        strategic_plan__agency=agency, subject__in=["program", "activity", "sub_activity"]
    )
    assert {i.pk for i in lines} == {ind.pk for _, ind in handed}
    expected_targets = {(ind.pk, y, f.value, f.level) for item, ind in handed for y, f in item.targets.items()}
    expected_realised = {(ind.pk, y, f.value, f.level) for item, ind in handed for y, f in item.realisations.items()}
    stored_targets = set(
        IndicatorTarget.objects.filter(indicator__in=lines).values_list("indicator_id", "year", "value", "level")
    )
    stored_realised = set(
        IndicatorRealisation.objects.filter(indicator__in=lines).values_list("indicator_id", "year", "value", "level")
    )
    assert stored_targets == expected_targets and stored_targets
    assert stored_realised == expected_realised


def test_belitung_operands_belong_to_their_year(belitung):
    """Lampiran XI Form 2 prints the operands of 2024 ("7336/8324"); the 2023 realisation
    (38,60, Tabel 3.19) has none of its own and must not borrow 2024's."""
    from sakip.monitoring.models import IndicatorRealisation

    program = IndicatorRealisation.objects.filter(indicator__strategic_plan__agency=belitung, indicator__code="1.06.02")
    by_year = {r.year: r for r in program}
    assert (by_year[2024].value, by_year[2024].numerator, by_year[2024].denominator) == (
        Decimal("88.13"), 7336, 8324,
    )
    assert (by_year[2023].value, by_year[2023].numerator, by_year[2023].denominator) == (Decimal("38.6"), None, None)


def test_demo_agreement_items_go_through_the_import_layer(db, monkeypatch):
    """The PK 2024 and its revision (perjanjian-kinerja-2024.tsv, 11 rows) are written by
    importer.apply_agreements, as `sakip import` writes a document's PK."""
    from sakip.demo import belitung
    from sakip.planning.models import AgreementItem
    from sakip.workflow.history import audit_context

    handed = []

    def recording(agreements, indicators, agency, year, outcome, **kwargs):
        handed.extend((a.version, row.indicator.number, row.target) for a in agreements for row in a.rows)
        return importer.apply_agreements(agreements, indicators, agency, year, outcome, **kwargs)

    monkeypatch.setattr(belitung, "apply_agreements", recording)
    with audit_context(reason="uji", quiet=True):
        agency = belitung.load()
    stored = sorted(
        AgreementItem.objects.filter(agreement__agency=agency).values_list(
            "agreement__version", "indicator__number", "target_value", "target_level"
        ),
        key=lambda t: (t[0], t[1]),
    )
    assert len(handed) == 11
    assert stored == sorted(((v, n, f.value, f.level) for v, n, f in handed), key=lambda t: (t[0], t[1]))
