"""Reading uploaded tables as Finnish offices write them.

CSV in UTF-8 (with or without BOM) or Windows-1252 / Latin-1, separated by semicolons or
commas; or XLSX. Everything comes back as rows of stripped strings.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from datetime import date, datetime

MAX_BYTES = 20 * 1024 * 1024
MAX_ROWS = 50_000


class TableError(ValueError):
    """The file cannot be read as a table; the message is shown to the user."""


@dataclass
class Table:
    header: list[str]
    rows: list[list[str]]  # data rows, each as long as the header
    encoding: str
    delimiter: str


def _decode(data: bytes) -> tuple[str, str]:
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8"), "utf-8-sig"
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    # Finnish Excel writes Windows-1252; it is a superset of Latin-1 for printable text.
    try:
        return data.decode("cp1252"), "cp1252"
    except UnicodeDecodeError:
        return data.decode("latin-1"), "latin-1"


def _cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        return (
            value.date().isoformat()
            if value.time() == datetime.min.time()
            else value.isoformat(sep=" ")
        )
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def _read_xlsx(data: bytes) -> Table:
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as exc:  # noqa: BLE001 - any parse failure means "not a workbook"
        raise TableError("not a readable XLSX workbook") from exc
    sheet = workbook.worksheets[0]
    rows = [[_cell(v) for v in row] for row in sheet.iter_rows(values_only=True)]
    workbook.close()
    return _table(rows, "xlsx", "")


def _table(rows: list[list[str]], encoding: str, delimiter: str) -> Table:
    rows = [r for r in rows if any(c.strip() for c in r)]
    if not rows:
        raise TableError("the file is empty")
    if len(rows) > MAX_ROWS + 1:
        raise TableError(f"at most {MAX_ROWS} rows")
    header = [c.strip().lstrip("\ufeff") for c in rows[0]]
    while header and not header[-1]:
        header.pop()
    width = len(header)
    body = []
    for row in rows[1:]:
        row = [c.strip() for c in row][:width]
        body.append(row + [""] * (width - len(row)))
    return Table(header=header, rows=body, encoding=encoding, delimiter=delimiter)


def read_table(data: bytes, filename: str = "") -> Table:
    """Read an uploaded CSV or XLSX file.

    Raises:
        TableError: the file is empty, too large or not a table.
    """
    if len(data) > MAX_BYTES:
        raise TableError("the file is larger than 20 MB")
    if filename.lower().endswith((".xlsx", ".xlsm")) or data[:2] == b"PK":
        return _read_xlsx(data)
    text, encoding = _decode(data)
    if "\x00" in text:
        raise TableError("not a text file")
    first_line = text.split("\n", 1)[0]
    delimiter = ";" if first_line.count(";") > first_line.count(",") else ","
    if first_line.count("\t") > max(first_line.count(";"), first_line.count(",")):
        delimiter = "\t"
    try:
        rows = list(csv.reader(io.StringIO(text), delimiter=delimiter))
    except csv.Error as exc:
        raise TableError(f"not a valid CSV file: {exc}") from exc
    return _table(rows, encoding, delimiter)


def find_column(header: list[str], *aliases: str) -> int | None:
    """Index of the first column whose name matches one of the aliases (case-insensitive)."""
    names = [h.casefold().strip() for h in header]
    for alias in aliases:
        if alias.casefold() in names:
            return names.index(alias.casefold())
    return None


def parse_date(text: str) -> date | None:
    """``29.8.2018``, ``29.08.2018`` or ``2018-08-29``; None if not a date."""
    text = text.strip()
    for fmt in ("%d.%m.%Y", "%Y-%m-%d", "%d.%m.%y", "%Y-%m-%d %H:%M:%S"):
        try:
            return datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    return None
