"""Measure big imports through HTTP against a bare bulk insert, side by side.

Usage::

    .venv/bin/python -m consult.imports.measure [PATH] [--database-url URL] [--sample N]

PATH is a long CSV (default ``../shared/bench/yle2015_fi_full.csv``), mapped as
question = ``label`` and text = ``text``. The script migrates a throwaway database (SQLite
in a temporary folder, or the given empty PostgreSQL database), starts gunicorn with
2 workers on 127.0.0.1:5510 and prints, for proposals and for organisations:

- the import through HTTP end to end (log in, upload, preview, confirm; then the
  background search lemmas, reported apart),
- a bare bulk insert of the same rows (one executemany in one transaction),
- the row-by-row service path this replaced, timed on a sample and scaled linearly (it
  grows faster than linearly, so the scaled figure flatters it).
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import sqlalchemy as sa

from consult import PROJECT_ROOT
from consult.imports.services import bulk_work
from forms.fields import MAX_PROPOSAL_LENGTH

PORT = 5510
# A throwaway server on 127.0.0.1; long enough for the secret-key check.
SECRET = "measure-only-secret-key-not-for-production-use"  # noqa: S105
EMAIL, PASSWORD = "measure@consult.test", "measure-password-1"


def _app(url: str):
    from consult import create_app

    return create_app({"DATABASE_URL": url, "SECRET_KEY": SECRET, "EMBED_ON_SAVE": False})


def start_server(url: str, port: int, workers: int = 2, extra_env: dict | None = None):
    """gunicorn serving the app on 127.0.0.1:port; returns the process once it answers."""
    env = {
        **os.environ,
        "PYTHONPATH": str(PROJECT_ROOT),
        "CONSULT_DATABASE_URL": url,
        "CONSULT_SECRET_KEY": SECRET,
        "CONSULT_EMBED_ON_SAVE": "false",
        "CONSULT_LOGIN_RATE_LIMIT": "1000 per minute",
        **(extra_env or {}),
    }
    process = subprocess.Popen(  # noqa: S603 - our own interpreter and arguments
        [
            sys.executable,
            "-m",
            "gunicorn",
            "-w",
            str(workers),
            "-b",
            f"127.0.0.1:{port}",
            "--timeout",
            "600",
            "--log-level",
            "warning",
            "consult.wsgi:app",
        ],
        env=env,
        cwd=str(PROJECT_ROOT),
    )
    import urllib.request

    for _ in range(200):
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=2)
            return process
        except OSError:
            time.sleep(0.2)
    process.terminate()
    raise RuntimeError("gunicorn did not start")


def stop_server(process) -> None:
    process.terminate()
    try:
        process.wait(timeout=30)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait(timeout=30)


def prepare_database(url: str | None, tmp: Path) -> str:
    from consult.migrate import upgrade

    url = url or f"sqlite:///{tmp / 'measure.sqlite3'}"
    app = _app(url)
    upgrade(app)
    with app.app_context():
        from consult.auth.services import create_user
        from consult.extensions import db

        create_user(EMAIL, PASSWORD, "convenor")
        db.session.commit()
        db.engine.dispose()
    return url


def new_round(url: str, title: str) -> str:
    app = _app(url)
    with app.app_context():
        from consult.extensions import db
        from consult.seeding import open_round

        rnd = open_round(title)
        db.session.commit()
        slug = rnd.slug
        db.engine.dispose()
    return slug


PAYLOAD_KEY = re.compile(r'name="payload" type="hidden" value="([0-9a-f]{64})"')


def _payload_key(html: str) -> str:
    """The stored upload's key from a preview page (the hidden ``payload`` field)."""
    match = PAYLOAD_KEY.search(html)
    if match is None:
        raise RuntimeError("the preview page has no payload key")
    return match.group(1)


def warm_up(base: str, slug: str) -> None:
    """A few requests first, so that no timed request meets a worker's first-request costs
    (template compilation, translations): a running server has long paid them."""
    from consult.benchclient import Session

    session = Session(base)
    session.login(EMAIL, PASSWORD)
    for _ in range(6):
        session.get(f"/kierrokset/{slug}/tuo/ehdotukset")
        session.get("/organisaatiot/tuo")


def import_through_http(base: str, slug: str, data: bytes, filename: str) -> dict[str, float]:
    """Upload, preview and confirm as a convenor would; returns seconds per step."""
    from consult.benchclient import Session, csrf

    session = Session(base)
    session.login(EMAIL, PASSWORD)
    url = f"/kierrokset/{slug}/tuo/ehdotukset"
    started = time.perf_counter()
    page = session.get(url).text
    preview = session.upload(url, {"csrf_token": csrf(page)}, "file", filename, data)
    if preview.status != 200:
        raise RuntimeError(f"preview failed: {preview.status}")
    previewed = time.perf_counter()
    html = preview.text
    header = re.findall(r'<th scope="col">([^<]*)</th>', html)
    key = _payload_key(html)
    response = session.post(
        url,
        {
            "csrf_token": csrf(html),
            "payload": key,
            "filename": filename,
            "step": "confirm",
            "map_question": str(header.index("label")),
            "map_text": str(header.index("text")),
        },
    )
    if response.status != 302:
        raise RuntimeError(f"confirm failed: {response.status} {response.text[:500]}")
    location = response.headers.get("Location", "")
    if "/tyo/" in location:  # a background job: follow its progress until done
        job = location.rsplit("/", 1)[1]
        while True:
            status = json.loads(session.get(f"/tyot/{job}.json").text)
            # the proposals are in once the job moves on to the search lemmas
            if status["status"] in ("done", "failed") or status["stage"] == "lemmas":
                break
            time.sleep(0.05)  # as the progress page's script polls, every 0.5 s, but finer
    done = time.perf_counter()
    return {
        "upload_preview": previewed - started,
        "confirm": done - previewed,
        "total": done - started,
    }


def bare_insert(url: str, rows: list[tuple[str, str]]) -> float:
    """The same rows with one executemany in one transaction (questions made first)."""
    from consult.extensions import db
    from consult.rounds.models import Question, Round
    from consult.submissions.models import Proposal, Submission

    slug = new_round(url, "Bare insert")
    app = _app(url)
    with app.app_context():
        rnd = db.session.scalar(sa.select(Round).where(Round.slug == slug))
        assert rnd is not None  # new_round() just made it
        started = time.perf_counter()
        questions = {}
        for position, label in enumerate(dict.fromkeys(label for label, _ in rows), start=1):
            q = Question(round_id=rnd.id, text=label[:500], position=position, help_text="")
            db.session.add(q)
            questions[label] = q
        submission = Submission(round_id=rnd.id)
        db.session.add(submission)
        db.session.flush()
        with bulk_work():  # as the import does, so that both run alike
            db.session.execute(
                Proposal.__table__.insert(),
                [
                    {
                        "submission_id": submission.id,
                        "question_id": questions[label].id,
                        "position": i,
                        "text": text,
                        "client_id": f"bare:{i}",
                    }
                    for i, (label, text) in enumerate(rows)
                ],
            )
        db.session.commit()
        seconds = time.perf_counter() - started
        db.engine.dispose()
    return seconds


def old_service_path(url: str, rows: list[tuple[str, str]]) -> float:
    """The row-by-row path this change replaced (ORM object per proposal, lookups per row)."""
    import hashlib

    from consult.extensions import db
    from consult.rounds.models import Question, Round
    from consult.rounds.services import add_question
    from consult.submissions.models import Proposal, Submission
    from consult.submissions.services import find_or_create_organisation

    slug = new_round(url, "Old service path")
    app = _app(url)
    with app.app_context():
        rnd = db.session.scalar(sa.select(Round).where(Round.slug == slug))
        assert rnd is not None  # new_round() just made it
        for label in dict.fromkeys(label for label, _ in rows):
            add_question(rnd, text=label[:500])
        db.session.commit()
        qids = {
            q.text: q.id
            for q in db.session.scalars(sa.select(Question).where(Question.round_id == rnd.id))
        }
        started = time.perf_counter()
        for i, (label, text) in enumerate(rows):
            # one respondent per row, as in a wide export with a row per organisation
            org = find_or_create_organisation(f"Vastaaja {i}", "other", "")
            submission = db.session.scalar(
                sa.select(Submission).where(
                    Submission.round_id == rnd.id,
                    Submission.organisation_id == org.id,
                    Submission.workshop_id.is_(None),
                    Submission.token_hash.is_(None),
                )
            )
            if submission is None:
                submission = Submission(round=rnd, organisation=org)
                db.session.add(submission)
                db.session.flush()
            known = set(
                db.session.scalars(
                    sa.select(Proposal.client_id).where(Proposal.submission_id == submission.id)
                )
            )
            client_id = (
                "import:" + hashlib.sha256(f"{qids[label[:500]]}\n{text}".encode()).hexdigest()[:56]
            )
            if client_id not in known:
                submission.proposals.append(
                    Proposal(
                        question_id=qids[label[:500]],
                        text=text,
                        position=len(submission.proposals) + 1,
                        client_id=client_id,
                    )
                )
            db.session.flush()
        db.session.commit()
        seconds = time.perf_counter() - started
        db.engine.dispose()
    return seconds


def wait_for_lemmas(url: str, slug: str, limit: float = 600) -> float:
    from consult.extensions import db
    from consult.rounds.models import Round
    from consult.submissions.models import Proposal, Submission

    app = _app(url)
    started = time.perf_counter()
    with app.app_context():
        rid = db.session.scalar(sa.select(Round.id).where(Round.slug == slug))
        while time.perf_counter() - started < limit:
            missing = db.session.scalar(
                sa.select(sa.func.count(Proposal.id))
                .join(Submission, Submission.id == Proposal.submission_id)
                .where(Submission.round_id == rid, Proposal.search_text.is_(None))
            )
            db.session.rollback()
            if not missing:
                break
            time.sleep(0.5)
        db.engine.dispose()
    return time.perf_counter() - started


def organisation_csv(rows: list[tuple[str, str]], ids: list[str]) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";")
    writer.writerow(["nimi", "tyyppi", "kunta"])
    kinds = ["sote", "kulttuuri", "nuoriso", "liikunta", "kylä", "seurakunta", "muu"]
    for i, ident in enumerate(ids):
        writer.writerow([f"Yhdistys {ident}", kinds[i % len(kinds)], f"Kunta {i % 300}"])
    return out.getvalue().encode("utf-8")


def organisations_through_http(base: str, data: bytes) -> float:
    from consult.benchclient import Session, csrf

    session = Session(base)
    session.login(EMAIL, PASSWORD)
    started = time.perf_counter()
    page = session.get("/organisaatiot/tuo").text
    preview = session.upload(
        "/organisaatiot/tuo", {"csrf_token": csrf(page)}, "file", "org.csv", data
    )
    html = preview.text
    key = _payload_key(html)
    response = session.post(
        "/organisaatiot/tuo",
        {"csrf_token": csrf(html), "payload": key, "filename": "org.csv", "step": "confirm"},
    )
    if response.status != 302:
        raise RuntimeError(f"organisation import failed: {response.status}")
    return time.perf_counter() - started


def organisations_bare(url: str, n: int, prefix: str = "Bare") -> float:
    from consult.extensions import db
    from consult.organisations.models import Organisation

    app = _app(url)
    with app.app_context():
        started = time.perf_counter()
        db.session.execute(
            Organisation.__table__.insert(),
            [
                {
                    "name": f"{prefix} {i}",
                    "name_key": f"{prefix.lower()} {i}",
                    "kind": "other",
                    "municipality": "",
                }
                for i in range(n)
            ],
        )
        db.session.commit()
        seconds = time.perf_counter() - started
        db.engine.dispose()
    return seconds


def organisations_old(url: str, n: int) -> float:
    """The row-by-row organisation import this change replaced: a lookup and add per row."""
    from consult.extensions import db
    from consult.organisations.models import Organisation
    from consult.utils import name_key

    app = _app(url)
    with app.app_context():
        started = time.perf_counter()
        for i in range(n):
            name = f"Vanha {i}"  # one lookup, one add per row
            org = db.session.scalar(
                sa.select(Organisation).where(Organisation.name_key == name_key(name))
            )
            if org is None:
                db.session.add(
                    Organisation(name=name, name_key=name_key(name), kind="other", municipality="")
                )
        db.session.flush()
        db.session.commit()
        seconds = time.perf_counter() - started
        db.engine.dispose()
    return seconds


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument(
        "path", nargs="?", default=str(PROJECT_ROOT.parent / "shared/bench/yle2015_fi_full.csv")
    )
    parser.add_argument(
        "--database-url", help="an empty database (default: SQLite in a temporary folder)"
    )
    parser.add_argument("--sample", type=int, default=4000, help="rows for the old row-by-row path")
    parser.add_argument("--port", type=int, default=PORT)
    parser.add_argument("--repeat", type=int, default=3, help="runs of each proposals import")
    args = parser.parse_args(argv)
    with open(args.path, encoding="utf-8") as f:
        records = list(csv.DictReader(f))
    # A proposal is at most 4000 characters (as on every form); longer texts are cut so
    # that every row is imported rather than the file refused.
    long = sum(len(r["text"].strip()) > MAX_PROPOSAL_LENGTH for r in records)
    for r in records:
        r["text"] = r["text"].strip()[:MAX_PROPOSAL_LENGTH]
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(records[0]))
    writer.writeheader()
    writer.writerows(records)
    data = out.getvalue().encode("utf-8")
    rows = [(r["label"], r["text"]) for r in records if r["text"].strip()]
    n = len(records)
    with tempfile.TemporaryDirectory(prefix="consult-measure-") as tmp:
        url = prepare_database(args.database_url, Path(tmp))
        dialect = url.split(":", 1)[0]
        print(f"{n} rows from {args.path} on {dialect} ({long} texts cut to 4000 characters)")
        server = start_server(url, args.port)
        base = f"http://127.0.0.1:{args.port}"
        https, bares, lemmas = [], [], []
        try:
            warm_up(base, new_round(url, "Warm-up"))
            # Interleaved, so that both meet a database of the same size; medians are shown.
            for attempt in range(1, args.repeat + 1):
                slug = new_round(url, f"Measured import {attempt}")
                https.append(import_through_http(base, slug, data, Path(args.path).name))
                lemmas.append(wait_for_lemmas(url, slug))
                bares.append(bare_insert(url, rows))
            org_https, org_bares = [], []
            for attempt in range(1, args.repeat + 1):
                ids = [f"{attempt}-{r['id']}" for r in records]
                org_https.append(organisations_through_http(base, organisation_csv(rows, ids)))
                org_bares.append(organisations_bare(url, n, prefix=f"Bare {attempt}"))
        finally:
            stop_server(server)
        http = {k: statistics.median(h[k] for h in https) for k in https[0]}
        bare = statistics.median(bares)
        sample = rows[: args.sample]
        old = old_service_path(url, sample) * len(rows) / len(sample)
        org_http, org_bare = statistics.median(org_https), statistics.median(org_bares)
        org_old = organisations_old(url, min(args.sample, n)) * n / min(args.sample, n)
    print(f"proposals (median of {args.repeat} runs each, interleaved):")
    print(
        "  runs, HTTP / bare (s):     "
        + ", ".join(f"{h['total']:.2f} / {b:.2f}" for h, b in zip(https, bares, strict=True))
    )
    print(
        f"  HTTP import end to end     {http['total']:7.2f} s  (upload+preview {http['upload_preview']:.2f} s, confirm {http['confirm']:.2f} s)"
    )
    print(
        f"  search lemmas afterwards   {lemmas[0]:7.2f} s  (first run, in the background; search matches plain text meanwhile)"
    )
    print(f"  bare bulk insert           {bare:7.2f} s")
    print(
        f"  old row-by-row path        {old:7.2f} s  (timed on {len(sample)} rows, scaled linearly)"
    )
    print(f"  HTTP / bare = {http['total'] / bare:.2f}x   old / HTTP = {old / http['total']:.1f}x")
    print(f"organisations (median of {args.repeat} runs each, interleaved):")
    print(
        "  runs, HTTP / bare (s):     "
        + ", ".join(f"{h:.2f} / {b:.2f}" for h, b in zip(org_https, org_bares, strict=True))
    )
    print(f"  HTTP import end to end     {org_http:7.2f} s  ({n} organisations)")
    print(f"  bare bulk insert           {org_bare:7.2f} s")
    print(
        f"  old row-by-row path        {org_old:7.2f} s  (timed on {min(args.sample, n)} rows, scaled linearly)"
    )
    print(f"  HTTP / bare = {org_http / org_bare:.2f}x   old / HTTP = {org_old / org_http:.1f}x")


if __name__ == "__main__":
    main()
