"""Convenor: a large round's themed summaries are built in the background.

The threshold is lowered so that a small round counts as large; jobs run inline after the
commit in tests (``JOBS_SYNC``), so the progress page already offers the file.
"""

from __future__ import annotations

import io
import os
import time

import pytest
from docx import Document
from pypdf import PdfReader

from consult.exports import jobs
from consult.themes.models import AnalysisRun, CandidateTheme


@pytest.fixture
def large(app, tmp_path):
    app.config.update(EXPORT_INLINE_PROPOSALS=0, EXPORT_FOLDER=str(tmp_path / "exports"))
    return tmp_path / "exports"


def _run(db, factory):
    rnd = factory.round()
    run = AnalysisRun(round_id=rnd.id, status="done", n_themes=1, n_proposals=3)
    run.themes = [
        CandidateTheme(position=1, title="Liikuntatilat", keywords=["tila"], n_proposals=0)
    ]
    db.session.add(run)
    db.session.commit()
    return rnd, run


@pytest.mark.parametrize("suffix", ["docx", "pdf"])
def test_large_summary_is_built_in_the_background(client, login, factory, db, large, suffix):
    login()
    rnd, run = _run(db, factory)
    response = client.get(f"/kierrokset/{rnd.slug}/analyysi/{run.id}/yhteenveto.{suffix}")
    assert response.status_code == 302
    progress = response.headers["Location"]
    assert f"/kierrokset/{rnd.slug}/lataukset/" in progress
    page = client.get(progress).get_data(as_text=True)
    assert "Tiedosto on valmis." in page
    link = f"{progress}/tiedosto"
    assert link in page
    download = client.get(link)
    assert download.status_code == 200
    assert f"{rnd.slug}-yhteenveto-{run.id}.{suffix}" in download.headers["Content-Disposition"]
    if suffix == "docx":
        headings = [p.text for p in Document(io.BytesIO(download.data)).paragraphs]
        assert "1. Liikuntatilat" in headings
    else:
        text = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(download.data)).pages)
        assert "Liikuntatilat" in text
    assert len(list(large.glob(f"*.{suffix}"))) == 1

    other = factory.round(title="Toinen")
    job_id = progress.rsplit("/", 1)[1]
    assert client.get(f"/kierrokset/{other.slug}/lataukset/{job_id}").status_code == 404
    assert client.get(f"/kierrokset/{other.slug}/lataukset/{job_id}/tiedosto").status_code == 404


def test_small_round_downloads_at_once(client, login, factory, db):
    login()
    rnd, run = _run(db, factory)
    response = client.get(f"/kierrokset/{rnd.slug}/analyysi/{run.id}/yhteenveto.docx")
    assert response.status_code == 200 and response.data[:2] == b"PK"


def test_old_export_files_are_removed(app, large):
    large.mkdir(parents=True)
    old, new = large / "a.docx", large / "b.pdf"
    old.write_bytes(b"x")
    new.write_bytes(b"y")
    day_ago = time.time() - (jobs.KEEP_HOURS + 1) * 3600
    os.utime(old, (day_ago, day_ago))
    assert jobs.clean_up() == 1
    assert not old.exists() and new.exists()
