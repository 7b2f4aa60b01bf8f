"""Reading uploaded tables as Finnish offices write them, within bounds.

CSV in UTF-8 (with or without BOM) or Windows-1252 / Latin-1, separated by semicolons or
commas; or XLSX. Everything comes back as rows of stripped strings.

Every read is bounded, so no file can hold a worker or its memory: the upload's size, an
XLSX's unpacked size (each zip member and the total, checked from the zip directory before
anything is unpacked; Python's zipfile never unpacks more than a member declares), rows,
columns, cells, a cell's length and the time spent. A refusal is a :class:`TableError`
whose :attr:`~TableError.message` names the limit in the user's language.
"""

from __future__ import annotations

import csv
import io
import time
import zipfile
from dataclasses import dataclass
from datetime import date, datetime

MAX_BYTES = 20 * 1024 * 1024  # the uploaded file
MAX_UNPACKED_BYTES = 100 * 1024 * 1024  # an XLSX's members together, unpacked
MAX_MEMBER_BYTES = 80 * 1024 * 1024  # one member of an XLSX, unpacked
MAX_MEMBERS = 1000
MAX_ROWS = 50_000
MAX_SCANNED_ROWS = 2 * MAX_ROWS  # blank rows count too (a sheet formatted down to row 1M)
MAX_COLUMNS = 200
MAX_CELLS = 2_000_000
MAX_CELL_CHARS = 32_767  # Excel's own limit for a cell
TIME_LIMIT_SECONDS = 60.0


def _n(value: int) -> str:
    return f"{value:,}".replace(",", "\u00a0")


class TableError(ValueError):
    """The file cannot be read as a table, or passes a limit.

    ``str(exc)`` is a short English reason (for logs); :attr:`message` is what the user
    sees, in their language, naming the limit.
    """

    def __init__(self, reason: str, limit: str = "", **values: float) -> None:
        super().__init__(reason)
        self.limit = limit
        self.values = values

    @property
    def message(self) -> str:
        from flask_babel import gettext as _

        v = self.values
        messages = {
            "empty": lambda: _("The file is empty."),
            "bytes": lambda: _("The file is larger than %(mb)d MB.", mb=MAX_BYTES // 2**20),
            "unpacked": lambda: _(
                "The workbook unpacks to more than %(mb)d MB, so it is not read. Save only the sheet you need, or save it as CSV.",
                mb=MAX_UNPACKED_BYTES // 2**20,
            ),
            "rows": lambda: _("The file has too many rows (at most %(n)s).", n=_n(MAX_ROWS)),
            "columns": lambda: _(
                "The file has too many columns (at most %(n)s).", n=_n(MAX_COLUMNS)
            ),
            "cells": lambda: _("The file has too many cells (at most %(n)s).", n=_n(MAX_CELLS)),
            "cell": lambda: _(
                "A cell on row %(row)s is longer than %(n)s characters.",
                row=_n(int(v.get("row", 0))),
                n=_n(MAX_CELL_CHARS),
            ),
            "time": lambda: _(
                "Reading the file took longer than %(s)d seconds, so it was stopped. Save only the sheet you need, or split the file.",
                s=int(v.get("seconds", TIME_LIMIT_SECONDS)),
            ),
        }
        if self.limit in messages:
            return messages[self.limit]()
        return _(
            "The file could not be read as CSV or XLSX. Save it from Excel as CSV (UTF-8 or semicolon-separated) or XLSX."
        )


@dataclass
class Table:
    header: list[str]
    rows: list[list[str]]  # data rows, each as long as the header
    encoding: str
    delimiter: str


class _Bounds:
    """Counts rows, cells and time while reading; raises TableError at a limit."""

    def __init__(self, time_limit: float) -> None:
        self.time_limit = time_limit
        self.deadline = time.monotonic() + time_limit
        self.scanned = self.kept = self.cells = 0

    def row(self, cells: list[str]) -> list[str] | None:
        """The row, or None if blank; checks every limit on the way."""
        self.scanned += 1
        if self.scanned % 256 == 0 and time.monotonic() > self.deadline:
            raise TableError("time limit", "time", seconds=self.time_limit)
        if self.scanned > MAX_SCANNED_ROWS:
            raise TableError(f"at most {MAX_ROWS} rows", "rows")
        if len(cells) > MAX_COLUMNS and any(c.strip() for c in cells[MAX_COLUMNS:]):
            raise TableError("too many columns", "columns")
        cells = cells[:MAX_COLUMNS]
        if cells and max(map(len, cells)) > MAX_CELL_CHARS:
            raise TableError("cell too long", "cell", row=self.scanned)
        # stripped once here; _table() relies on it (every reader goes through this method)
        cells = [c.strip() for c in cells]
        if not any(cells):
            return None
        self.kept += 1
        self.cells += len(cells)
        if self.kept > MAX_ROWS + 1:
            raise TableError(f"at most {MAX_ROWS} rows", "rows")
        if self.cells > MAX_CELLS:
            raise TableError("too many cells", "cells")
        return cells


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


def _check_zip(data: bytes) -> None:
    """Refuse a decompression bomb from the zip directory, before unpacking anything."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            members = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise TableError("not a readable XLSX workbook") from exc
    if len(members) > MAX_MEMBERS:
        raise TableError("too many zip members", "unpacked")
    total = 0
    for member in members:
        if member.file_size > MAX_MEMBER_BYTES:
            raise TableError("zip member too large", "unpacked")
        total += member.file_size
    if total > MAX_UNPACKED_BYTES:
        raise TableError("unpacked size too large", "unpacked")


def _read_xlsx(data: bytes, bounds: _Bounds) -> Table:
    from openpyxl import load_workbook

    _check_zip(data)
    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as exc:  # noqa: BLE001 - any parse failure means "not a workbook"
        raise TableError("not a readable XLSX workbook") from exc
    try:
        sheet = workbook.worksheets[0]
        # The sheet's declared size (its used range) answers at once for most oversized
        # files; a false one is caught while reading (rows) or cut off (columns).
        if (sheet.max_column or 0) > MAX_COLUMNS:
            raise TableError("too many columns", "columns")
        if (sheet.max_row or 0) > MAX_SCANNED_ROWS:
            raise TableError(f"at most {MAX_ROWS} rows", "rows")
        rows = []
        # One column past the limit, to tell "too many columns" from a full last column.
        for values in sheet.iter_rows(values_only=True, max_col=MAX_COLUMNS + 1):
            row = bounds.row([_cell(v) for v in values])
            if row is not None:
                rows.append(row)
    except TableError:
        raise
    except Exception as exc:  # noqa: BLE001 - a broken sheet is not a workbook we can read
        raise TableError("not a readable XLSX workbook") from exc
    finally:
        workbook.close()
    return _table(rows, "xlsx", "")


def _table(rows: list[list[str]], encoding: str, delimiter: str) -> Table:
    """The table of the rows :meth:`_Bounds.row` kept (stripped, none blank)."""
    if not rows:
        raise TableError("the file is empty", "empty")
    if len(rows) > MAX_ROWS + 1:
        raise TableError(f"at most {MAX_ROWS} rows", "rows")
    header = [c.strip().lstrip("\ufeff") for c in rows[0]]
    while header and not header[-1]:
        header.pop()
    width = len(header)
    body = [
        row[:width] if len(row) >= width else row + [""] * (width - len(row)) for row in rows[1:]
    ]
    return Table(header=header, rows=body, encoding=encoding, delimiter=delimiter)


def read_table(data: bytes, filename: str = "", time_limit: float = TIME_LIMIT_SECONDS) -> Table:
    """Read an uploaded CSV or XLSX file within the module's bounds.

    Args:
        data: the file's bytes.
        filename: its name as uploaded (``.xlsx`` selects the workbook reader).
        time_limit: seconds the reading may take (a background import may allow more).

    Raises:
        TableError: the file is empty, passes a limit or is not a table.
    """
    if len(data) > MAX_BYTES:
        raise TableError("the file is larger than 20 MB", "bytes")
    bounds = _Bounds(time_limit)
    if filename.lower().endswith((".xlsx", ".xlsm")) or data[:2] == b"PK":
        return _read_xlsx(data, bounds)
    text, encoding = _decode(data)
    if "\x00" in text:
        raise TableError("not a text file")
    first_line = text.split("\n", 1)[0]
    delimiter = ";" if first_line.count(";") > first_line.count(",") else ","
    if first_line.count("\t") > max(first_line.count(";"), first_line.count(",")):
        delimiter = "\t"
    rows = []
    try:
        for values in csv.reader(io.StringIO(text), delimiter=delimiter):
            row = bounds.row(values)
            if row is not None:
                rows.append(row)
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
