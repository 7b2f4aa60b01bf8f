"""Downloads: themed summaries (DOCX, PDF, Markdown), data (XLSX, JSON, CSV) and charts."""

from __future__ import annotations

from collections.abc import Callable

from flask import Blueprint, Response, abort, redirect, render_template, url_for
from flask_login import login_required

from consult.exports import charts, datasets, documents, highlights, jobs
from consult.exports.docx_summary import build_docx
from consult.exports.pdf_summary import build_pdf
from consult.exports.summary import Summary, build_summary, curated_themes
from consult.extensions import db
from consult.results.pages import visible_round
from consult.rounds.models import Round
from consult.rounds.pages import round_or_404
from consult.themes.models import AnalysisRun
from consult.workshops.participation import (
    Participation,
    organisations_by_kind,
    participation,
    proposal_count,
)

# Downloads live under the round's pages; the statement also on the public results page.
bp = Blueprint("exports", __name__)

DOCX = jobs.DOCX
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _download(body: bytes | str, filename: str, mimetype: str) -> Response:
    data = body.encode("utf-8") if isinstance(body, str) else body
    return Response(
        data,
        mimetype=mimetype,
        headers={"Content-Disposition": f'attachment; filename="{filename}"'},
    )


def _run(slug: str, run_id: int) -> AnalysisRun:
    run = db.get_or_404(AnalysisRun, run_id)
    if run.round.slug != slug or run.status != "done":
        abort(404)
    return run


@bp.app_template_global()
def chart_texts(part: Participation, by_org_kind: dict[str, int]) -> list[dict[str, str]]:
    """Name, title and text alternative of each participation chart, for templates."""
    return [
        dict(
            zip(
                ("name", "title", "alt"),
                (name, *charts.chart_text(name, part, by_org_kind)),
                strict=True,
            )
        )
        for name in charts.CHART_NAMES
    ]


@bp.route("/kierrokset/<slug>/osallistuminen.csv")
@login_required
def participation_csv(slug: str):
    """Participation table as CSV."""
    rnd = round_or_404(slug)
    return _download(
        documents.participation_csv(rnd, participation(rnd)),
        f"{slug}-osallistuminen.csv",
        "text/csv; charset=utf-8",
    )


@bp.route("/kierrokset/<slug>/kaaviot/<name>.png")
@login_required
def chart_png(slug: str, name: str):
    """One participation chart as PNG."""
    rnd = round_or_404(slug)
    if name not in charts.CHART_NAMES:
        abort(404)
    png = charts.chart(name, participation(rnd), organisations_by_kind(rnd)).png
    response = Response(png, mimetype="image/png")
    response.headers["Cache-Control"] = "private, max-age=60"
    return response


@bp.route("/kierrokset/<slug>/analyysi/<int:run_id>/teemat.csv")
@login_required
def themes_csv(slug: str, run_id: int):
    """Themes and their proposals as CSV."""
    run = _run(slug, run_id)
    return _download(
        documents.themes_csv(run), f"{slug}-teemat-{run.id}.csv", "text/csv; charset=utf-8"
    )


@bp.route("/kierrokset/<slug>/analyysi/<int:run_id>/teemat.md")
@login_required
def themes_markdown(slug: str, run_id: int):
    """Themed summary as Markdown."""
    run = _run(slug, run_id)
    body = documents.themes_markdown(run.round, run, participation(run.round))
    return _download(body, f"{slug}-teemat-{run.id}.md", "text/markdown; charset=utf-8")


def _summary(
    kind: str,
    rnd: Round,
    run: AnalysisRun | None,
    n: int,
    filename: str,
    build: Callable[[], bytes],
):
    """The download at once, or for a large round a background job and its progress page."""
    if not jobs.is_large(n):
        return _download(build(), filename, jobs.KINDS[kind].mimetype)
    job_id = jobs.start(kind, rnd.id, run.id if run else None, filename, filename)
    db.session.commit()  # the job is sent after this commit
    return redirect(url_for("exports.prepared", slug=rnd.slug, job_id=job_id))


@bp.route("/kierrokset/<slug>/analyysi/<int:run_id>/yhteenveto.docx")
@login_required
def summary_docx(slug: str, run_id: int):
    """Themed summary as a Word document."""
    return _run_summary(slug, run_id, "summary-docx", "docx", build_docx)


@bp.route("/kierrokset/<slug>/analyysi/<int:run_id>/yhteenveto.pdf")
@login_required
def summary_pdf(slug: str, run_id: int):
    """Themed summary as PDF."""
    return _run_summary(slug, run_id, "summary-pdf", "pdf", build_pdf)


def _run_summary(
    slug: str, run_id: int, kind: str, extension: str, render: Callable[[Summary], bytes]
):
    """A run's themed summary, the download of ``kind`` rendered by ``render``."""
    run = _run(slug, run_id)
    return _summary(
        kind,
        run.round,
        run,
        run.n_proposals,
        f"{slug}-yhteenveto-{run.id}.{extension}",
        lambda: render(build_summary(run.round, run)),
    )


def _curated(slug: str, kind: str, filename: str, render: Callable):
    from consult.curation.queries import curation

    rnd = round_or_404(slug)
    selection = curation(rnd)
    if selection is None:
        abort(404)
    run = db.session.get(AnalysisRun, selection.source_run_id) if selection.source_run_id else None
    return _summary(
        kind,
        rnd,
        run,
        proposal_count(rnd, None),
        filename,
        lambda: render(build_summary(rnd, run, themes=curated_themes(rnd))),
    )


@bp.route("/kierrokset/<slug>/nostot/yhteenveto.docx")
@login_required
def curated_docx(slug: str):
    """The convenors' highlights (nostot) as a Word document."""
    return _curated(slug, "highlights-docx", f"{slug}-nostot.docx", build_docx)


@bp.route("/kierrokset/<slug>/nostot/yhteenveto.pdf")
@login_required
def curated_pdf(slug: str):
    """The convenors' highlights (nostot) as PDF."""
    return _curated(slug, "highlights-pdf", f"{slug}-nostot.pdf", build_pdf)


def _export_job(slug: str, job_id: str) -> tuple[Round, dict]:
    from consult.jobs import BackgroundJob, get_job

    rnd = round_or_404(slug)
    row = db.session.get(BackgroundJob, job_id) if len(job_id) <= 36 else None
    if row is None or row.task != jobs.TASK or row.args[2] != rnd.id:
        abort(404)
    info = get_job(job_id)
    if info is None:
        abort(404)
    return rnd, info.as_dict()


@bp.get("/kierrokset/<slug>/lataukset/<job_id>")
@login_required
def prepared(slug: str, job_id: str):
    """Progress of a download built in the background; its link when ready."""
    rnd, job = _export_job(slug, job_id)
    return render_template("exports/progress.html", rnd=rnd, job=job, job_id=job_id)


@bp.get("/kierrokset/<slug>/lataukset/<job_id>/tiedosto")
@login_required
def prepared_file(slug: str, job_id: str):
    """The file a background export wrote (kept for a day)."""
    _rnd, job = _export_job(slug, job_id)
    result = job.get("result") or {}
    path = jobs.file_path(job_id, result.get("kind", "")) if job["status"] == "done" else None
    if path is None or not path.exists():
        abort(404)
    return _download(path.read_bytes(), result["filename"], jobs.KINDS[result["kind"]].mimetype)


@bp.route("/kierrokset/<slug>/nostot/nostot.xlsx")
@login_required
def highlights_xlsx(slug: str):
    """The highlights and their proposals as an Excel workbook."""
    rnd = round_or_404(slug)
    return _download(highlights.highlights_xlsx(rnd), f"{slug}-nostot.xlsx", XLSX)


@bp.route("/kierrokset/<slug>/nostot/nostot.csv")
@login_required
def highlights_csv(slug: str):
    """The highlights as CSV, one row each."""
    rnd = round_or_404(slug)
    return _download(
        highlights.highlights_csv(rnd), f"{slug}-nostot.csv", "text/csv; charset=utf-8"
    )


@bp.route("/kierrokset/<slug>/lausuntotiivistelma.docx")
@login_required
def statement_docx(slug: str):
    """The summary of views (lausuntotiivistelmä) as a Word document, published or not."""
    return _statement_download(round_or_404(slug), "docx")


@bp.route("/kierrokset/<slug>/lausuntotiivistelma.pdf")
@login_required
def statement_pdf(slug: str):
    """The summary of views (lausuntotiivistelmä) as PDF, published or not."""
    return _statement_download(round_or_404(slug), "pdf")


@bp.route("/k/<slug>/tulokset/lausuntotiivistelma.<any(docx, pdf):kind>")
def public_statement(slug: str, kind: str):
    """The summary of views on the public results page (once published) as DOCX or PDF."""
    return _statement_download(visible_round(slug), kind)


def _statement_download(rnd, kind: str) -> Response:
    """The round's lausuntotiivistelmä as a download."""
    from consult.exports.docx_statement import build_statement_docx
    from consult.exports.pdf_statement import build_statement_pdf
    from consult.exports.statement import build_statement

    st = build_statement(rnd)
    if kind == "docx":
        return _download(build_statement_docx(st), f"{rnd.slug}-lausuntotiivistelma.docx", DOCX)
    return _download(
        build_statement_pdf(st), f"{rnd.slug}-lausuntotiivistelma.pdf", "application/pdf"
    )


@bp.route("/kierrokset/<slug>/analyysi/<int:run_id>/aineisto.xlsx")
@login_required
def data_xlsx(slug: str, run_id: int):
    """Workshops, organisations, proposals and themes as an Excel workbook."""
    run = _run(slug, run_id)
    return _download(datasets.build_xlsx(run.round, run), f"{slug}-aineisto-{run.id}.xlsx", XLSX)


@bp.route("/kierrokset/<slug>/analyysi/<int:run_id>/aineisto.json")
@login_required
def data_json(slug: str, run_id: int):
    """The whole run as JSON."""
    run = _run(slug, run_id)
    return _download(
        datasets.build_json(run.round, run),
        f"{slug}-aineisto-{run.id}.json",
        "application/json",
    )
