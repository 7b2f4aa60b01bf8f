"""Uploaded files kept on the server between preview and confirm.

A file is stored once under ``instance/uploads/<sha256>`` and the preview form carries
only its hash, so a large export never makes a round trip through the browser. Files are
removed after the import is confirmed, and any left behind after a day.
"""

from __future__ import annotations

import hashlib
import json
import marshal
import os
import re
import time
from pathlib import Path
from typing import Any

from flask import current_app

from consult.imports.reading import Table

MAX_AGE_SECONDS = 24 * 3600
TABLE_FORMAT = 1
_KEY = re.compile(r"^[0-9a-f]{64}$")


def _folder() -> Path:
    folder = Path(current_app.instance_path) / "uploads"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def cleanup(now: float | None = None) -> int:
    """Remove uploads older than a day; returns how many were removed."""
    now = time.time() if now is None else now
    removed = 0
    for path in _folder().iterdir():
        try:
            if now - path.stat().st_mtime > MAX_AGE_SECONDS:
                path.unlink()
                removed += 1
        except FileNotFoundError:
            continue
    return removed


def store(data: bytes) -> str:
    """Keep the file and return its key (the SHA-256 of its content)."""
    key = hashlib.sha256(data).hexdigest()
    cleanup()
    path = _folder() / key
    if not path.exists():
        partial = path.with_name(f".{key}.{os.getpid()}.part")
        partial.write_bytes(data)
        partial.replace(path)
    else:
        path.touch()
    return key


def load(key: str) -> bytes | None:
    """The stored file, or None when the key is malformed or the file is gone."""
    if not _KEY.match(key or ""):
        return None
    try:
        return (_folder() / key).read_bytes()
    except FileNotFoundError:
        return None


def store_table(key: str, filename: str, table: Table) -> None:
    """Keep the table read from a stored file, so that confirming need not read it again."""
    if not _KEY.match(key or ""):
        return
    path = _folder() / f"{key}.table"
    partial = path.with_name(f".{key}.{os.getpid()}.table.part")
    # marshal: fast for plain lists of strings, and loading it never runs code
    partial.write_bytes(
        marshal.dumps(
            (TABLE_FORMAT, filename, table.header, table.rows, table.encoding, table.delimiter)
        )
    )
    partial.replace(path)


def load_table(key: str, filename: str) -> Table | None:
    """The table kept for a stored file (read with the same filename), else None."""
    if not _KEY.match(key or ""):
        return None
    try:
        data = marshal.loads((_folder() / f"{key}.table").read_bytes())  # noqa: S302 - our file
    except (FileNotFoundError, ValueError, EOFError, TypeError):
        return None
    if not isinstance(data, tuple) or len(data) != 6 or data[:2] != (TABLE_FORMAT, filename):
        return None
    return Table(data[2], data[3], data[4], data[5])


def store_checked(key: str, mapping: dict[str, Any], rows: list[tuple[Any, ...]]) -> None:
    """Keep the rows checked at confirm time, so that the import job need not check them again
    (41,574 rows: ~0.3 s); they are kept with the mapping they were checked under."""
    if not _KEY.match(key or ""):
        return
    path = _folder() / f"{key}.checked"
    partial = path.with_name(f".{key}.{os.getpid()}.checked.part")
    partial.write_bytes(marshal.dumps((TABLE_FORMAT, json.dumps(mapping, sort_keys=True), rows)))
    partial.replace(path)


def load_checked(key: str, mapping: dict[str, Any]) -> list[tuple[Any, ...]] | None:
    """The rows kept by :func:`store_checked` under the same mapping, else None."""
    if not _KEY.match(key or ""):
        return None
    try:
        data = marshal.loads((_folder() / f"{key}.checked").read_bytes())  # noqa: S302 - ours
    except (FileNotFoundError, ValueError, EOFError, TypeError):
        return None
    wanted = (TABLE_FORMAT, json.dumps(mapping, sort_keys=True))
    if not isinstance(data, tuple) or len(data) != 3 or data[:2] != wanted:
        return None
    return list(data[2])


def discard(key: str) -> None:
    if _KEY.match(key or ""):
        (_folder() / key).unlink(missing_ok=True)
        (_folder() / f"{key}.table").unlink(missing_ok=True)
        (_folder() / f"{key}.checked").unlink(missing_ok=True)
