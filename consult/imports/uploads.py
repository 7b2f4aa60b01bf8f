"""Uploaded files kept on the server between preview and confirm.

A file is stored once under ``instance/uploads/<sha256>`` and the preview form carries
only its hash, so a large export never makes a round trip through the browser. Files are
removed after the import is confirmed, and any left behind after a day.
"""

from __future__ import annotations

import hashlib
import os
import re
import time
from pathlib import Path

from flask import current_app

MAX_AGE_SECONDS = 24 * 3600
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


def discard(key: str) -> None:
    if _KEY.match(key or ""):
        (_folder() / key).unlink(missing_ok=True)
