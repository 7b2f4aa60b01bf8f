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


def _keep(key: str, suffix: str, value: tuple[Any, ...]) -> None:
    """Write ``value`` beside the stored file ``key`` (atomically: a reader never sees half)."""
    if not _KEY.match(key or ""):
        return
    path = _folder() / f"{key}.{suffix}"
    partial = path.with_name(f".{key}.{os.getpid()}.{suffix}.part")
    # marshal: fast for plain lists of strings, and loading it never runs code
    partial.write_bytes(marshal.dumps(value))
    partial.replace(path)


def _kept(key: str, suffix: str, header: tuple[Any, ...], size: int) -> tuple[Any, ...] | None:
    """What :func:`_keep` wrote, after ``header``, if it starts so and has ``size`` items."""
    if not _KEY.match(key or ""):
        return None
    try:
        data = marshal.loads((_folder() / f"{key}.{suffix}").read_bytes())  # noqa: S302 - ours
    except (FileNotFoundError, ValueError, EOFError, TypeError):
        return None
    if not isinstance(data, tuple) or len(data) != size or data[: len(header)] != header:
        return None
    return data[len(header) :]


def store_table(key: str, filename: str, table: Table) -> None:
    """Keep the table read from a stored file, so that confirming need not read it again."""
    kept = (table.header, table.rows, table.encoding, table.delimiter)
    _keep(key, "table", (TABLE_FORMAT, filename, *kept))


def load_table(key: str, filename: str) -> Table | None:
    """The table kept for a stored file (read with the same filename), else None."""
    kept = _kept(key, "table", (TABLE_FORMAT, filename), 6)
    return None if kept is None else Table(*kept)


def _mapping_key(mapping: dict[str, Any]) -> str:
    return json.dumps(mapping, sort_keys=True)


def store_checked(key: str, mapping: dict[str, Any], rows: list[tuple[Any, ...]]) -> None:
    """Keep the rows checked at confirm time, so that the import job need not check them again
    (41,574 rows: ~0.3 s); they are kept with the mapping they were checked under."""
    _keep(key, "checked", (TABLE_FORMAT, _mapping_key(mapping), rows))


def load_checked(key: str, mapping: dict[str, Any]) -> list[tuple[Any, ...]] | None:
    """The rows kept by :func:`store_checked` under the same mapping, else None."""
    kept = _kept(key, "checked", (TABLE_FORMAT, _mapping_key(mapping)), 3)
    return None if kept is None else list(kept[0])


def discard(key: str) -> None:
    if _KEY.match(key or ""):
        for name in (key, f"{key}.table", f"{key}.checked"):
            (_folder() / name).unlink(missing_ok=True)
