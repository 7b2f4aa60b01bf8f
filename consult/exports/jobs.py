"""Large downloads built in the background: the file is written to the instance folder and
offered on a progress page when ready.

A round with more than ``EXPORT_INLINE_PROPOSALS`` proposals (the perf round has 41,574: its
PDF took ~1 min) gets its themed summaries through the job queue; smaller rounds download
at once as before. Files are kept ``KEEP_HOURS`` and removed when a later export starts.
Task functions take ids and strings only (they run in a job worker, see ``consult.jobs``).
"""

from __future__ import annotations

import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from flask import current_app

from consult.extensions import db

EXPORT_INLINE_PROPOSALS = 5000
KEEP_HOURS = 24
TASK = "consult.exports.jobs:build_export"


@dataclass(frozen=True)
class ExportKind:
    """One kind of download that may be built in the background."""

    suffix: str  # file name extension
    mimetype: str
    curated: bool  # the convenors' highlights (True) or a run's candidate themes


DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
KINDS = {
    "summary-docx": ExportKind("docx", DOCX, curated=False),
    "summary-pdf": ExportKind("pdf", "application/pdf", curated=False),
    "highlights-docx": ExportKind("docx", DOCX, curated=True),
    "highlights-pdf": ExportKind("pdf", "application/pdf", curated=True),
}


def folder() -> Path:
    """Where the files are written: ``EXPORT_FOLDER`` or the instance folder's exports/."""
    configured = current_app.config.get("EXPORT_FOLDER")
    path = Path(configured) if configured else Path(current_app.instance_path) / "exports"
    path.mkdir(parents=True, exist_ok=True)
    return path


def file_path(job_id: str, kind: str) -> Path:
    return folder() / f"{job_id}.{KINDS[kind].suffix}"


def is_large(n_proposals: int) -> bool:
    return n_proposals > current_app.config.get("EXPORT_INLINE_PROPOSALS", EXPORT_INLINE_PROPOSALS)


def clean_up(now: float | None = None) -> int:
    """Remove export files older than ``KEEP_HOURS``; returns how many were removed."""
    cutoff = (now or time.time()) - KEEP_HOURS * 3600
    removed = 0
    for path in folder().glob("*.*"):
        if path.stat().st_mtime < cutoff:
            path.unlink(missing_ok=True)
            removed += 1
    return removed


def start(kind: str, round_id: int, run_id: int | None, filename: str, description: str) -> str:
    """Queue an export (sent after the current transaction commits); returns the job id."""
    from flask_babel import get_locale

    from consult.jobs import enqueue

    clean_up()
    job_id = str(uuid.uuid4())
    return enqueue(
        TASK,
        job_id,
        kind,
        round_id,
        run_id or 0,
        filename,
        str(get_locale() or "fi"),
        description=description,
        timeout=1800,
        job_id=job_id,
    )


def render(kind: str, round_id: int, run_id: int | None, report: Callable[[int], None]) -> bytes:
    """The file's bytes, built as the immediate download builds them."""
    from consult.exports.docx_summary import build_docx
    from consult.exports.pdf_summary import build_pdf
    from consult.exports.summary import build_summary, curated_themes
    from consult.rounds.models import Round
    from consult.themes.models import AnalysisRun

    rnd = db.session.get(Round, round_id)
    run = db.session.get(AnalysisRun, run_id) if run_id else None
    if rnd is None:
        raise LookupError("the round is gone")
    themes = curated_themes(rnd) if KINDS[kind].curated else None
    report(40)
    summary = build_summary(rnd, run, themes=themes)
    report(60)
    return build_docx(summary) if KINDS[kind].suffix == "docx" else build_pdf(summary)


def build_export(
    job_id: str, kind: str, round_id: int, run_id: int, filename: str, lang: str
) -> dict:
    """The job: build the file in ``lang`` and write it to the instance folder."""
    from flask_babel import force_locale

    from consult.jobs import progress, set_result

    progress(5, "gathering")
    with current_app.test_request_context("/"), force_locale(lang):
        data = render(kind, round_id, run_id or None, lambda p: progress(p, "writing"))
    path = file_path(job_id, kind)
    partial = path.with_suffix(".part")
    partial.write_bytes(data)
    partial.replace(path)
    result = {"kind": kind, "round_id": round_id, "filename": filename, "bytes": len(data)}
    set_result(result)
    return result
