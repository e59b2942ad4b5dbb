"""Number-reading problems from sakip.rules.numbers, said in the interface language.

sakip.rules stays free of Django, so its NumberFormatError carries an Indonesian `why` (used
as-is by the command line and `sakip check`). Web pages and uploads say the same thing through
the English catalogue: each `why` the rules produce is recognised here by its pattern and
re-worded with gettext; an unknown one is shown as the rules wrote it."""

from __future__ import annotations

import re
from collections.abc import Callable

from django.utils.translation import gettext

from sakip.rules.numbers import Ambiguous, NumberFormatError, format_number

#: (pattern of the rules' `why`, its wording in the interface language given the match).
_WHY: list[tuple[re.Pattern[str], Callable[[re.Match[str]], str]]] = [
    (re.compile(r"^bukan angka$"), lambda m: ""),
    (re.compile(r"^pemisah bercampur (?P<run>.+)$"),
     lambda m: gettext("pemisah bercampur %(run)s") % {"run": m["run"]}),
    (re.compile(r"^pemisah desimal (?P<sep>.+) muncul lebih dari sekali$"),
     lambda m: gettext("pemisah desimal %(sep)s muncul lebih dari sekali") % {"sep": m["sep"]}),
    (re.compile(r"^kelompok ribuan tidak beraturan$"),
     lambda m: gettext("kelompok ribuan tidak beraturan")),
    (re.compile(r"^tidak diawali angka$"), lambda m: gettext("tidak diawali angka")),
]


def number_problem(exc: NumberFormatError) -> str:
    """“'12,5,3' is not a number (decimal separator ',' appears more than once).”"""
    why = exc.why
    for pattern, word in _WHY:
        match = pattern.match(why)
        if match:
            why = word(match)
            break
    if why:
        return gettext("“%(text)s” bukan angka (%(why)s).") % {"text": exc.text, "why": why}
    return gettext("“%(text)s” bukan angka.") % {"text": exc.text}


def ambiguous_problem(reading: Ambiguous) -> str:
    """Two plausible readings of a number, from the readings themselves (not the rules' text)."""
    thousands, decimal = reading.readings[0], reading.readings[-1]
    return gettext(
        "“%(text)s” dapat dibaca %(thousands)s (pemisah ribuan) atau %(decimal)s (pemisah "
        "desimal). Tulis angka tanpa pemisah ribuan dengan koma desimal, mis. 1234,5."
    ) % {"text": reading.text, "thousands": format_number(thousands), "decimal": format_number(decimal)}
