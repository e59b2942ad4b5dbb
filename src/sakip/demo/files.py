"""Reading the demo data files: TSV tables and TOML metadata, with clear errors.

The demo data (src/sakip/demo/data/<agency>/) is written in one clean convention: integers and
rupiah as plain digits, decimals with a comma, missing as an empty cell or `-`. Every cell is
read through sakip.rules.numbers, so a malformed value stops the load with the file, line and
column that hold it.
"""

from __future__ import annotations

import csv
import tomllib
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal
from importlib import resources
from pathlib import Path
from typing import Any

from sakip.common.errors import UserError
from sakip.rules.numbers import (
    Ambiguous,
    ColumnKind,
    Missing,
    Number,
    NumberFormatError,
    parse_number,
)


def data_dir(agency: str) -> Path:
    return Path(str(resources.files("sakip.demo") / "data" / agency))


def read_toml(path: Path) -> dict[str, Any]:
    try:
        with path.open("rb") as fh:
            return tomllib.load(fh)
    except FileNotFoundError as exc:
        raise UserError(f"berkas data demo tidak ada: {path}") from exc
    except tomllib.TOMLDecodeError as exc:
        raise UserError(f"{path}: TOML tidak terbaca ({exc}).") from exc


@dataclass(frozen=True)
class Row:
    """One TSV row with typed accessors that name file, line and column on bad input."""

    path: Path
    line: int
    cells: dict[str, str]

    def where(self, column: str) -> str:
        return f"{self.path.name} baris {self.line} kolom '{column}'"

    def text(self, column: str) -> str:
        if column not in self.cells:
            raise UserError(f"kolom '{column}' tidak ada.", where=f"{self.path.name}")
        return self.cells[column].strip()

    def has(self, column: str) -> bool:
        return column in self.cells and self.cells[column].strip() not in {"", "-"}

    def number(self, column: str, kind: ColumnKind) -> Decimal | None:
        """The cell as a Decimal, or None when it is empty or a dash."""
        raw = self.text(column)
        try:
            parsed = parse_number(raw, kind)
        except NumberFormatError as exc:
            raise UserError(str(exc), where=self.where(column)) from exc
        if isinstance(parsed, Missing):
            return None
        if isinstance(parsed, Ambiguous):
            raise UserError(parsed.message, where=self.where(column))
        assert isinstance(parsed, Number)
        return parsed.value

    def money(self, column: str) -> int | None:
        value = self.number(column, ColumnKind.MONEY)
        if value is None:
            return None
        if value != value.to_integral_value():
            raise UserError(
                f"uang harus rupiah bulat, tertulis {self.text(column)!r}.", where=self.where(column)
            )
        return int(value)

    def integer(self, column: str) -> int | None:
        value = self.number(column, ColumnKind.COUNT)
        return None if value is None else int(value)

    def required_integer(self, column: str) -> int:
        value = self.integer(column)
        if value is None:
            raise UserError("sel ini wajib berisi angka.", where=self.where(column))
        return value


def read_tsv(path: Path) -> Iterator[Row]:
    try:
        fh = path.open(encoding="utf-8", newline="")
    except FileNotFoundError as exc:
        raise UserError(f"berkas data demo tidak ada: {path}") from exc
    with fh:
        reader = csv.reader(fh, delimiter="\t", quoting=csv.QUOTE_NONE)
        header = next(reader, None)
        if not header:
            raise UserError(f"{path.name}: berkas kosong, baris judul kolom tidak ada.")
        for number, cells in enumerate(reader, start=2):
            if not any(c.strip() for c in cells):
                continue
            if len(cells) > len(header):
                raise UserError(
                    f"{len(cells)} sel, padahal judul kolom hanya {len(header)}.",
                    where=f"{path.name} baris {number}",
                )
            padded = cells + [""] * (len(header) - len(cells))
            yield Row(path, number, dict(zip(header, padded, strict=True)))
