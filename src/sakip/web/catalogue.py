"""The English catalogue of the interface (src/sakip/locale/en/LC_MESSAGES/django.po/.mo).

Source strings are Indonesian (the default language); the English catalogue translates them.
Only Python's Babel is used (it is in the lock file), so no system GNU gettext is needed:

    python -m sakip.web.catalogue update    # collect the marked strings into the .po, compile
    python -m sakip.web.catalogue compile   # the .po → .mo only
    python -m sakip.web.catalogue check     # what the test checks; exit 1 with the problems

`make messages` runs `update`. Strings are collected from `{% translate %}` /
`{% blocktranslate %}` in the templates (through Django's own `templatize`, as makemessages
does) and from gettext calls in the Python code. New strings enter the .po with an empty
English text; `check` (and tests/web/test_language.py) fails until every one is translated
and the committed .mo matches the .po.

What is translated where: templates ({% translate %}); model field labels, help texts and
choice labels (gettext_lazy in the models — no migration follows); messages built in views,
editors and sakip.workflow (gettext). sakip.rules stays free of Django: the labels and reasons it
produces as data are re-worded at display time by sakip.web.labels (template filters ui_label,
ui_reason, ui_name) and its number-reading problems by sakip.web.numbers. Generated documents,
the XLSX round-trip workbooks and the audit trail stay Indonesian (translation.override("id")).
"""

from __future__ import annotations

import io
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from babel.messages.catalog import Catalog

PACKAGE = Path(__file__).resolve().parents[1]
PO = PACKAGE / "locale" / "en" / "LC_MESSAGES" / "django.po"
MO = PO.with_suffix(".mo")

#: gettext functions as Babel's extractor names them (argument positions of msgid, plural, context).
KEYWORDS = {
    "_": None, "gettext": None, "gettext_lazy": None, "gettext_noop": None,
    "ngettext": (1, 2), "ngettext_lazy": (1, 2),
    "pgettext": ((1, "c"), 2), "pgettext_lazy": ((1, "c"), 2),
    "npgettext": ((1, "c"), 2, 3), "npgettext_lazy": ((1, "c"), 2, 3),
}
SKIPPED_DIRS = {"migrations", "locale", "static", "__pycache__"}

Message = tuple[str | tuple[str, ...], str | None]  # msgid (or singular, plural), context


def _python_files() -> Iterator[Path]:
    for path in sorted(PACKAGE.rglob("*.py")):
        if not SKIPPED_DIRS.intersection(path.relative_to(PACKAGE).parts):
            yield path


def _template_files() -> Iterator[Path]:
    yield from sorted(p for p in PACKAGE.rglob("templates/**/*.html"))


def _extract(source: bytes) -> Iterator[tuple[int, str | tuple[str, ...], str | None]]:
    from babel.messages.extract import extract

    for lineno, message, _comments, context in extract(
        "python", io.BytesIO(source), keywords=KEYWORDS, comment_tags=()
    ):
        yield lineno, message, context


def collect() -> dict[Message, list[str]]:
    """Every marked string of the code and templates → where it occurs (relative paths)."""
    from django.utils.translation.template import templatize

    found: dict[Message, list[str]] = {}

    def note(message: str | tuple[str, ...], context: str | None, where: str) -> None:
        places = found.setdefault((message, context), [])
        if where not in places:
            places.append(where)

    for path in _python_files():
        source = path.read_bytes()
        if b"gettext" not in source:
            continue
        for _line, message, context in _extract(source):
            note(message, context, str(path.relative_to(PACKAGE)))
    for path in _template_files():
        text = path.read_text(encoding="utf-8")
        if "translate" not in text:
            continue
        # templatize writes each gettext call on one line among filler text; its indentation
        # is meaningless and Babel's Python tokenizer would trip over it.
        python = "\n".join(line.lstrip() for line in templatize(text, origin=str(path)).splitlines())
        for _line, message, context in _extract(python.encode("utf-8")):
            note(message, context, str(path.relative_to(PACKAGE)))
    return found


#: Fixed header dates: the .po changes only when the strings do (no churn, no merge conflicts).
STABLE_DATE = "2026-11-23 00:00+0700"


def _new_catalog() -> Catalog:
    from datetime import datetime

    from babel.messages.catalog import Catalog

    when = datetime.strptime(STABLE_DATE, "%Y-%m-%d %H:%M%z")
    return Catalog(locale="en", project="OpenSAKIP", version="1", domain="django",
                   charset="utf-8", fuzzy=False, creation_date=when, revision_date=when,
                   copyright_holder="OpenSAKIP", last_translator="OpenSAKIP",
                   language_team="OpenSAKIP")


def _template_catalog(found: dict[Message, list[str]]) -> Catalog:
    template = _new_catalog()
    for (message, context), places in found.items():
        template.add(message, None, locations=[(p, 0) for p in places], context=context)
    return template


def read_catalog() -> Catalog:
    from babel.messages.pofile import read_po

    if not PO.exists():
        return _new_catalog()
    with PO.open("rb") as handle:
        return read_po(handle, locale="en", domain="django")


def update() -> int:
    """Bring the .po up to date with the marked strings (keeping the English texts already
    written, dropping strings no longer used), then compile. Returns the untranslated count."""
    from babel.messages.pofile import write_po

    catalog = read_catalog()
    catalog.update(_template_catalog(collect()), no_fuzzy_matching=True)
    PO.parent.mkdir(parents=True, exist_ok=True)
    with PO.open("wb") as handle:
        write_po(handle, catalog, width=100, ignore_obsolete=True, include_previous=False,
                 sort_output=True, include_lineno=False)
    compile_mo()
    return len(untranslated(catalog))


def compiled(catalog: Catalog) -> bytes:
    from babel.messages.mofile import write_mo

    out = io.BytesIO()
    write_mo(out, catalog)
    return out.getvalue()


def compile_mo() -> None:
    MO.write_bytes(compiled(read_catalog()))


def untranslated(catalog: Catalog) -> list[str]:
    missing = []
    for m in catalog:
        if not m.id:
            continue
        strings = m.string if isinstance(m.string, tuple) else (m.string,)
        if m.fuzzy or not all(strings):
            missing.append(m.id if isinstance(m.id, str) else m.id[0])
    return missing


def _pairs(catalog: Catalog) -> dict[object, object]:
    def text(value: object) -> object:  # Babel's .mo reader leaves a context as bytes
        return value.decode("utf-8") if isinstance(value, bytes) else value

    def plain(value: object) -> object:  # and a plural's forms as a list, the .po as a tuple
        return tuple(value) if isinstance(value, list) else value

    return {(text(m.context), plain(m.id)): plain(m.string) for m in catalog if m.id and not m.fuzzy}


def problems() -> list[str]:
    """Why the catalogue is not ready: strings not in the .po, untranslated, placeholders
    that differ, a .mo that is not the compiled .po."""
    from babel.messages.mofile import read_mo

    catalog = read_catalog()
    found = collect()
    out: list[str] = []
    known = {(m.id, m.context) for m in catalog if m.id}
    for (message, context), places in found.items():
        if (message, context) not in known:
            out.append(f"not in the .po (run `make messages`): {message!r} ({', '.join(places)})")
    out += [f"no English text: {text!r}" for text in untranslated(catalog)]
    for entry, errors in catalog.check():
        out += [f"{entry.id!r}: {e}" for e in errors]
    if not MO.exists():
        out.append(f"{MO} is missing (run `make messages`)")
    else:
        with MO.open("rb") as handle:
            shipped = read_mo(handle)
        if _pairs(shipped) != _pairs(catalog):
            out.append(f"{MO.name} is not the compiled {PO.name} (run `make messages`)")
    return out


def main(argv: list[str]) -> int:
    import django

    django.setup()
    command = argv[0] if argv else "update"
    if command == "update":
        missing = update()
        print(f"{PO}: {missing} string(s) without English text")
        return 0
    if command == "compile":
        compile_mo()
        return 0
    if command == "check":
        found = problems()
        for line in found:
            print(line)
        return 1 if found else 0
    print("usage: python -m sakip.web.catalogue update|compile|check", file=sys.stderr)
    return 2


if __name__ == "__main__":
    import os

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sakip.settings")
    raise SystemExit(main(sys.argv[1:]))
