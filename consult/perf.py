"""Time every convenor page on a round of the whole Yle 2015 set (41,574 proposals).

Usage::

    .venv/bin/python -m consult.perf [PATH] [--database-url URL] [--requests 20]

Builds the round through the fast import path over HTTP (gunicorn, 2 workers, on
127.0.0.1:5520), adds 13 workshops and an analysis run whose themes are inserted directly
(a fast path for timing the pages: 8 themes per question, not computed by the engine),
a selection of 24 highlights from it, then requests every page ``--requests`` times and
prints p50/p95 and the SQL statements one request makes (counted in-process through the
test client with a SQLAlchemy event). Downloads are timed once each.
Not a test: it prints figures.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

import sqlalchemy as sa

from consult import PROJECT_ROOT
from consult.imports import measure

PORT = 5520
SECRET = measure.SECRET


def _app(url: str):
    from consult import create_app

    return create_app(
        {"DATABASE_URL": url, "SECRET_KEY": SECRET, "EMBED_ON_SAVE": False, "JOBS_SYNC": True}
    )


def build(url: str, slug: str) -> dict:
    """Workshops, a fast-path analysis run and a selection; returns ids for the URLs."""
    from consult.curation.models import Curation, Highlight, HighlightProposal
    from consult.extensions import db
    from consult.rounds.models import Round
    from consult.submissions.models import Proposal, Submission
    from consult.themes.models import AnalysisRun, CandidateTheme, CandidateThemeProposal
    from consult.workshops import services as workshops
    from consult.workshops.services import add_workshop, workshop_token

    app = _app(url)
    with app.app_context(), app.test_request_context("/"):
        rnd = db.session.scalar(sa.select(Round).where(Round.slug == slug))
        assert rnd is not None, slug  # made by the measurement's own import
        made = [
            add_workshop(
                rnd,
                network=f"Verkosto {i}",
                date=date(2015, 9, i + 1),
                place="Oulu",
                facilitator="Maija",
            )
            for i in range(13)
        ]
        db.session.commit()
        question = rnd.questions[0]
        workshops.save_output(
            made[0],
            counts={"org_reps": 12, "staff": 3},
            organisations=["Oulun Kisa ry"],
            proposals={question.id: ["Liikuntapaikat esteettömiksi", "Avustukset ajoissa"]},
            report="",
        )
        db.session.commit()
        rows = db.session.execute(
            sa.select(Proposal.id, Proposal.question_id)
            .join(Submission, Submission.id == Proposal.submission_id)
            .where(Submission.round_id == rnd.id)
            .order_by(Proposal.id)
        ).all()
        run = AnalysisRun(
            round_id=rnd.id,
            status="done",
            progress=100,
            stage="done",
            settings={"perf": "themes inserted directly"},
            engine_version="perf",
            n_proposals=len(rows),
            n_themes=0,
        )
        db.session.add(run)
        db.session.flush()
        by_question: dict[int, list[int]] = {}
        for pid, qid in rows:
            by_question.setdefault(qid, []).append(pid)
        themes: list[tuple[CandidateTheme, list[int]]] = []
        for pids in by_question.values():
            for k in range(8):
                members = pids[k::8]
                theme = CandidateTheme(
                    run_id=run.id,
                    position=len(themes) + 1,
                    title=f"Teema {len(themes) + 1}",
                    keywords=["avustus", "tila", "palvelu"],
                    is_other=False,
                    n_proposals=len(members),
                    n_organisations=0,
                    n_workshops=0,
                    # as the engine stores them: the word cloud is drawn when asked for
                    word_frequencies={"avustus": 1.0, "tila": 0.6, "palvelu": 0.4},
                )
                db.session.add(theme)
                themes.append((theme, members))
        db.session.flush()
        run.n_themes = len(themes)
        db.session.execute(
            CandidateThemeProposal.__table__.insert(),
            [
                {"theme_id": t.id, "proposal_id": pid, "representative_rank": i if i < 5 else None}
                for t, members in themes
                for i, pid in enumerate(members)
            ],
        )
        db.session.add(Curation(round_id=rnd.id, version=0, source_run_id=run.id))
        highlights = []
        for position, (_theme, members) in enumerate(themes[:24], start=1):
            selected = Highlight(
                round_id=rnd.id,
                position=position,
                title=f"Nosto {position}",
                statement="Kannanotto",
                keywords=["avustus"],
            )
            db.session.add(selected)
            highlights.append((selected, members))
        db.session.flush()
        db.session.execute(
            HighlightProposal.__table__.insert(),
            [
                {"theme_id": s.id, "proposal_id": pid, "quotable": False}
                for s, members in highlights
                for pid in members
            ],
        )
        db.session.commit()
        ids = {
            "run": run.id,
            "theme": themes[0][0].id,
            "highlight": highlights[0][0].id,
            "token": workshop_token(made[0]),
            "proposal": rows[0][0],
        }
        db.engine.dispose()
    return ids


def pages(slug: str, ids: dict) -> list[tuple[str, str]]:
    base = f"/kierrokset/{slug}"
    return [
        ("round", base),
        ("participation", f"{base}/osallistuminen"),
        ("proposals browser", f"{base}/ehdotukset"),
        ("proposals browser, page 400", f"{base}/ehdotukset?sivu=400"),
        ("proposals browser, search", f"{base}/ehdotukset?q=sosiaaliturvan"),
        ("proposals browser, search+filter", f"{base}/ehdotukset?q=verot&nosto=none"),
        ("one proposal", f"{base}/ehdotukset/{ids['proposal']}"),
        ("analysis (themes)", f"{base}/analyysi"),
        ("analysis run", f"{base}/analyysi/{ids['run']}"),
        ("one theme, page 2", f"{base}/analyysi/{ids['run']}?teema={ids['theme']}&sivu=2"),
        ("one theme's word cloud", f"{base}/teemat/{ids['theme']}/sanapilvi.png"),
        ("highlights overview", f"{base}/nostot"),
        ("one highlight", f"{base}/nostot/{ids['highlight']}"),
        ("unassigned", f"{base}/nostot/kohdistamattomat"),
        ("follow-up", f"{base}/seuranta"),
        ("organisations", "/organisaatiot/"),
        ("links/QR", f"{base}/linkit"),
        ("public form", f"/k/{slug}"),
        ("session link", f"/tyopaja/{ids['token']}"),
    ]


def downloads(slug: str, ids: dict) -> list[tuple[str, str]]:
    base = f"/kierrokset/{slug}"
    run = ids["run"]
    return [
        ("DOCX", f"{base}/analyysi/{run}/yhteenveto.docx"),
        ("PDF", f"{base}/analyysi/{run}/yhteenveto.pdf"),
        ("XLSX", f"{base}/analyysi/{run}/aineisto.xlsx"),
        ("CSV", f"{base}/analyysi/{run}/teemat.csv"),
        ("JSON", f"{base}/analyysi/{run}/aineisto.json"),
        ("highlights DOCX", f"{base}/nostot/yhteenveto.docx"),
        ("highlights PDF", f"{base}/nostot/yhteenveto.pdf"),
    ]


def count_queries(url: str, paths: list[tuple[str, str]]) -> dict[str, int]:
    """SQL statements of one request per page, through the test client."""
    from consult.extensions import db

    app = _app(url)
    app.config.update(WTF_CSRF_ENABLED=False, RATELIMIT_ENABLED=False)
    counts: dict[str, int] = {}
    with app.app_context():
        client = app.test_client()
        client.post("/kirjaudu", data={"email": measure.EMAIL, "password": measure.PASSWORD})
        statements = []

        def count(*args, **kwargs):  # noqa: ANN002, ANN003
            statements.append(1)

        sa.event.listen(db.engine, "before_cursor_execute", count)
        for name, path in paths:
            client.get(path)  # warm caches (templates, lemmatiser)
            statements.clear()
            client.get(path)
            counts[name] = len(statements)
        sa.event.remove(db.engine, "before_cursor_execute", count)
        db.engine.dispose()
    return counts


def time_pages(
    base: str, paths: list[tuple[str, str]], n: int
) -> dict[str, tuple[float, float, int, int]]:
    from consult.benchclient import Session

    session = Session(base)
    session.login(measure.EMAIL, measure.PASSWORD)
    result = {}
    for name, path in paths:
        started = time.perf_counter()
        session.get(path)  # warm-up
        # a page slower than 2 s is timed 3 times only, to keep the run bounded
        runs = n if time.perf_counter() - started < 2 else 3
        times, status = [], 0
        for _ in range(runs):
            started = time.perf_counter()
            response = session.get(path)
            times.append((time.perf_counter() - started) * 1000)
            status = response.status
        times.sort()
        p95 = times[min(len(times) - 1, int(round(0.95 * (len(times) - 1))))]
        result[name] = (statistics.median(times), p95, status, runs)
    return result


def time_downloads(
    base: str, paths: list[tuple[str, str]]
) -> dict[str, tuple[float, int, int, str]]:
    from consult.benchclient import Session

    session = Session(base)
    session.login(measure.EMAIL, measure.PASSWORD)
    result = {}
    for name, path in paths:
        started = time.perf_counter()
        response = session.get(path)
        how = "at once"
        if response.status == 302 and "/lataukset/" in response.headers["Location"]:
            response, how = _prepared(session, response.headers["Location"]), "background job"
        result[name] = (time.perf_counter() - started, response.status, len(response.body), how)
    return result


def _prepared(session, location: str):
    """Wait for a download built in the background (its job's JSON), then fetch the file."""
    import json
    from urllib.parse import urlsplit

    progress = urlsplit(location).path
    job_id = progress.rstrip("/").rsplit("/", 1)[1]
    while True:
        job = json.loads(session.get(f"/tyot/{job_id}.json").body)
        if job["status"] in ("done", "failed"):
            break
        time.sleep(0.5)
    return session.get(f"{progress}/tiedosto")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument(
        "path", nargs="?", default=str(PROJECT_ROOT.parent / "shared/bench/yle2015_fi_full.csv")
    )
    parser.add_argument(
        "--database-url", help="an empty database (default: SQLite in a temporary folder)"
    )
    parser.add_argument("--requests", type=int, default=20)
    parser.add_argument("--port", type=int, default=PORT)
    parser.add_argument("--no-downloads", action="store_true")
    args = parser.parse_args(argv)
    sys.stdout.reconfigure(line_buffering=True)  # type: ignore[union-attr]  # a TextIOWrapper
    import csv
    import io

    with open(args.path, encoding="utf-8") as f:
        records = list(csv.DictReader(f))
    for r in records:
        r["text"] = r["text"].strip()[:4000]
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(records[0]))
    writer.writeheader()
    writer.writerows(records)
    data = out.getvalue().encode("utf-8")
    with tempfile.TemporaryDirectory(prefix="consult-perf-") as tmp:
        url = measure.prepare_database(args.database_url, Path(tmp))
        slug = measure.new_round(url, "Yle 2015")
        base = f"http://127.0.0.1:{args.port}"
        env = {"CONSULT_SECRET_KEY": SECRET}
        server = measure.start_server(url, args.port, extra_env=env)
        try:
            started = time.perf_counter()
            imported = measure.import_through_http(base, slug, data, "yle2015.csv")
            lemmas = measure.wait_for_lemmas(url, slug)
            print(
                f"{url.split(':', 1)[0]}: imported {len(records)} rows over HTTP in "
                f"{imported['total']:.1f} s, search lemmas {lemmas:.1f} s more"
            )
            ids = build(url, slug)
            print(
                f"round built in {time.perf_counter() - started:.1f} s; "
                "analysis run: themes inserted directly (fast path, not the engine)"
            )
            paths = pages(slug, ids)
            queries = count_queries(url, paths)
            timings = time_pages(base, paths, args.requests)
            print(f"\n{'page':34} {'p50 ms':>8} {'p95 ms':>8} {'queries':>8} status")
            for name, _ in paths:
                p50, p95, status, runs = timings[name]
                flag = "" if p95 <= 300 else f"  > 300 ms ({runs} requests)"
                print(f"{name:34} {p50:8.0f} {p95:8.0f} {queries[name]:8d} {status}{flag}")
            if not args.no_downloads:
                print(f"\n{'download':34} {'seconds':>8} {'status':>8} {'bytes':>10}  built")
                for name, (seconds, status, size, how) in time_downloads(
                    base, downloads(slug, ids)
                ).items():
                    print(f"{name:34} {seconds:8.1f} {status:8d} {size:10d}  {how}")
        finally:
            measure.stop_server(server)


if __name__ == "__main__":
    main()
