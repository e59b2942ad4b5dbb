"""The rules engine of OpenSAKIP: pure functions over plain values (no Django).

Every formula, scale and decision of ``shared/domain/RULES.md`` lives here exactly once;
documents use these functions to compute figures and the audit uses them to recompute the
figures printed in imported documents. Decimal everywhere, money in whole rupiah, rounding
half-up only for display. Undefined results are values with an Indonesian reason.

Modules, one per section of RULES.md:

- :mod:`sakip.rules.numbers` (§1) — reading printed numbers, quantities and scores;
  Indonesian display; amounts in words.
- :mod:`sakip.rules.codes` (§2) — nomenclature codes (Permendagri 90/2019), normalisation,
  hierarchy.
- :mod:`sakip.rules.achievement` (§3) — capaian of one indicator: polarity, ordinal and
  range targets, undefined and pathological cases.
- :mod:`sakip.rules.averages` (§4) — means of achievements with exclusions; physical progress.
- :mod:`sakip.rules.budget` (§4–§5) — money roll-ups, absorption, effectiveness,
  efficiency, resource efficiency.
- :mod:`sakip.rules.scales` (§5) — category scales as data, predikat, SAKIP evaluation.
- :mod:`sakip.rules.renja` (§6) — Renja Tabel 2.1 (T-C.29) and the quarterly E-form.
- :mod:`sakip.rules.comparison` (§7) — change against last year, against the end target.
- :mod:`sakip.rules.spm` (§8) — SPM service index and overall index.
- :mod:`sakip.rules.method` — the Indonesian "Metode pengukuran" text for reports
  (:func:`method_text`, re-exported here).
"""

from sakip.rules.method import method_text

__all__ = ["method_text"]
