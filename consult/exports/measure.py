"""Time the downloads on a synthetic round of about 3,000 proposals.

Usage::

    .venv/bin/python -m consult.exports.measure [--proposals 3000] [--database-url URL]

Loads the demo round into a throwaway SQLite database (or the given one, which must be
empty), multiplies its proposals with invented independent answers, spreads them over the
demo analysis's themes and prints how long each download takes to build.
"""

from __future__ import annotations

import argparse
import secrets
import tempfile
import time

import sqlalchemy as sa

from consult import clock


def _grow(rnd, target: int) -> None:
    from consult.extensions import db
    from consult.submissions import services as submissions
    from consult.submissions.models import Proposal, Submission

    texts = list(
        db.session.execute(
            sa.select(Proposal.question_id, Proposal.text)
            .join(Submission, Submission.id == Proposal.submission_id)
            .where(Submission.round_id == rnd.id)
            .order_by(Proposal.id)
        )
    )
    have, n = len(texts), 0
    while have < target:
        n += 1
        chunk = texts[(n * 7) % len(texts) :][:10] or texts[:10]
        proposals: dict[int, list[str]] = {}
        for qid, text in chunk:
            proposals.setdefault(qid, []).append(f"{text} (yhdistys {n})")
        submissions.create_independent_submission(
            rnd,
            today=max(rnd.opens_on, min(clock.today(), rnd.closes_on)),
            organisation=f"Mittausyhdistys {n} ry" if n % 50 else f"=SUM(A{n})",
            kind=("sote", "youth", "village", "culture")[n % 4],
            municipality="Oulu",
            contact_name="",
            contact_email="",
            proposals=proposals,
        )
        have += len(chunk)
    db.session.commit()


def _synthetic_run(rnd):
    """A finished run that puts every proposal of the round into one of 17 themes."""
    from consult.extensions import db
    from consult.submissions.models import Proposal, Submission
    from consult.themes.models import AnalysisRun, CandidateTheme, CandidateThemeProposal
    from consult.utils import utcnow

    template = db.session.scalar(
        sa.select(AnalysisRun).where(AnalysisRun.round_id == rnd.id, AnalysisRun.status == "done")
    )
    ids = list(
        db.session.scalars(
            sa.select(Proposal.id)
            .join(Submission, Submission.id == Proposal.submission_id)
            .where(Submission.round_id == rnd.id)
            .order_by(Proposal.id)
        )
    )
    run = AnalysisRun(round=rnd, status="done", n_proposals=len(ids), finished_at=utcnow())
    db.session.add(run)
    sources = template.themes if template else []
    count = max(len(sources), 17)
    themes = []
    for i in range(count):
        src = sources[i] if i < len(sources) else None
        theme = CandidateTheme(
            run=run,
            position=i + 1,
            title=src.title if src else f"Teema {i + 1}",
            keywords=list(src.keywords) if src else ["avain"],
            word_cloud=src.word_cloud if src else None,
        )
        db.session.add(theme)
        themes.append(theme)
    db.session.flush()
    for index, pid in enumerate(ids):
        theme = themes[index % count]
        rank = index // count + 1 if index // count < 5 else None
        db.session.add(
            CandidateThemeProposal(theme_id=theme.id, proposal_id=pid, representative_rank=rank)
        )
        theme.n_proposals += 1
    run.n_themes = count
    db.session.commit()
    return run


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--proposals", type=int, default=3000)
    parser.add_argument("--database-url")
    args = parser.parse_args()

    from consult import create_app
    from consult.demo import load_demo
    from consult.exports.datasets import build_json, build_xlsx
    from consult.exports.docx_summary import build_docx
    from consult.exports.pdf_summary import build_pdf
    from consult.exports.summary import build_summary
    from consult.extensions import db
    from consult.migrate import upgrade

    url = args.database_url or f"sqlite:///{tempfile.mkdtemp()}/measure.sqlite3"
    config = {"DATABASE_URL": url, "SECRET_KEY": secrets.token_urlsafe(48), "EMBED_ON_SAVE": False}
    app = create_app(config)
    upgrade(app)
    with app.test_request_context():
        started = time.perf_counter()
        rnd = load_demo(analyse=False)
        db.session.commit()
        from consult.themes.services import create_run, execute_run

        execute_run(create_run(rnd, question_id=None, user_id=None).id)
        _grow(rnd, args.proposals)
        run = _synthetic_run(rnd)
        print(f"setup: {run.n_proposals} proposals in {time.perf_counter() - started:.1f} s")

        def timed(label, build):
            t = time.perf_counter()
            body = build()
            size = f"{len(body) / 1e6:6.2f} MB" if isinstance(body, bytes) else ""
            print(f"{label:8} {time.perf_counter() - t:6.2f} s  {size}")
            return body

        summary = timed("summary", lambda: build_summary(rnd, run))
        timed("docx", lambda: build_docx(summary))
        timed("pdf", lambda: build_pdf(summary))
        timed("xlsx", lambda: build_xlsx(rnd, run))
        timed("json", lambda: build_json(rnd, run))


if __name__ == "__main__":
    main()
