"""Load and fault script (not a test): ``python -m consult.loadtest [--sqlite] [--duration S]``.

Starts its own stack on 127.0.0.1 — a PostgreSQL database it creates (or a SQLite file),
a private ``redis-server``, gunicorn (4 workers; 1 with ``--sqlite``) and 2 RQ workers
(none with ``--sqlite``: the in-process executor) — then runs independent submitters on the
public form and facilitators on the capture API. An analysis is started just before the
web server and one RQ worker are SIGKILLed mid-load and restarted; clients retry what
failed. At the end the database is checked against what clients were told was saved.

Bounded: ``--duration`` seconds of load (120), at most ``--max-requests`` requests, 20 s
per request, and everything it started is stopped and dropped (``--keep`` keeps the
database). Run it niced: ``nice -n 10 python -m consult.loadtest``.
"""

from __future__ import annotations

import argparse
import contextlib
import http.client
import http.cookiejar
import json
import os
import random
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
import uuid
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
HOST = "127.0.0.1"
REQUEST_TIMEOUT = 20


# --- the stack ------------------------------------------------------------------------------


def _free(port: int) -> bool:
    with socket.socket() as s:
        return s.connect_ex((HOST, port)) != 0


def _wait_port(port: int, seconds: float) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if not _free(port):
            return
        time.sleep(0.2)
    raise RuntimeError(f"nothing answers on {HOST}:{port} after {seconds:.0f} s")


def _wait_ready(url: str, seconds: float) -> None:
    """Until the app answers (workers import the app; slow on a busy machine)."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=10) as response:  # noqa: S310 - 127.0.0.1
                if response.status == 200:
                    return
        except (OSError, urllib.error.URLError):
            pass
        time.sleep(0.5)
    raise RuntimeError(f"{url} did not answer 200 within {seconds:.0f} s")


def child_pids(pid: int) -> list[int]:
    """The ids of the direct children of a process (from /proc; Linux)."""
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdecimal():
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            if int(stat.rsplit(")", 1)[1].split()[1]) == pid:
                found.append(int(entry.name))
    return found


def kill_tree(process: subprocess.Popen | None) -> None:
    """SIGKILL a process and its direct children (gunicorn workers, an RQ work horse)."""
    if process is None or process.poll() is not None:
        return
    children = child_pids(process.pid)
    process.kill()
    for child in children:
        with contextlib.suppress(ProcessLookupError):
            os.kill(child, signal.SIGKILL)
    process.wait(timeout=10)


def spawn(command: list[str], env: dict, log: Path) -> subprocess.Popen:
    """Start ``command`` in the project folder, in a session of its own (so that
    :func:`kill_tree` reaches it whole), its output appended to ``log``."""
    with log.open("ab") as out:
        return subprocess.Popen(  # noqa: S603 - our own commands
            command,
            cwd=ROOT,
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )


@dataclass
class Stack:
    args: argparse.Namespace
    workdir: Path
    env: dict = field(default_factory=dict)
    redis: subprocess.Popen | None = None
    web: subprocess.Popen | None = None
    workers: list[subprocess.Popen] = field(default_factory=list)
    database_url: str = ""
    pg_name: str = ""
    convenor: Browser | None = None

    @property
    def base(self) -> str:
        return f"http://{HOST}:{self.args.port}"

    def start(self) -> None:
        args = self.args
        self.env = dict(os.environ)
        self.env.update(
            PYTHONPATH=str(ROOT),
            CONSULT_SECRET_KEY=secrets.token_hex(32),
            CONSULT_RATELIMIT_ENABLED="false",  # 250 clients share one address here
            CONSULT_JOBS_HEARTBEAT="2",
            CONSULT_JOBS_STALE_AFTER="10",
            CONSULT_JOBS_QUEUE=f"loadtest-{uuid.uuid4().hex[:8]}",
        )
        self.env.pop("CONSULT_REDIS_URL", None)
        if args.sqlite:
            self.database_url = f"sqlite:///{self.workdir / 'loadtest.sqlite3'}"
        else:
            import sqlalchemy as sa

            base = self._pg_base()
            self.pg_name = f"{args.db_prefix}_{uuid.uuid4().hex[:8]}"
            admin = sa.create_engine(base, isolation_level="AUTOCOMMIT")
            with admin.connect() as conn:
                conn.execute(sa.text(f'CREATE DATABASE "{self.pg_name}"'))
            admin.dispose()
            self.database_url = base.set(database=self.pg_name).render_as_string(
                hide_password=False
            )
            if not _free(args.redis_port):
                raise RuntimeError(f"port {args.redis_port} is taken; choose --redis-port")
            self.redis = subprocess.Popen(  # noqa: S603 - fixed arguments, local ports only
                [  # noqa: S607 - redis-server from PATH, checked with shutil.which
                    "redis-server",
                    "--port",
                    str(args.redis_port),
                    "--bind",
                    HOST,
                    "--save",
                    "",
                    "--appendonly",
                    "no",
                    "--dir",
                    str(self.workdir),
                ],
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
            )
            _wait_port(args.redis_port, 15)
            self.env["CONSULT_REDIS_URL"] = f"redis://{HOST}:{args.redis_port}/0"
        self.env["CONSULT_DATABASE_URL"] = self.database_url
        subprocess.run(
            [sys.executable, "-m", "consult.cli", "db", "upgrade"],
            cwd=ROOT,
            env=self.env,
            check=True,
            stdout=subprocess.DEVNULL,
        )
        self.start_web()
        if not args.sqlite:
            for _ in range(2):
                self.workers.append(self.start_worker())

    def _spawn(self, command: list[str], log: str) -> subprocess.Popen:
        return spawn(command, self.env, self.workdir / log)

    def start_web(self) -> None:
        if not _free(self.args.port):
            raise RuntimeError(f"port {self.args.port} is taken; choose --port")
        workers = (
            ["-w", "1", "--threads", "8"] if self.args.sqlite else ["-w", "4", "--threads", "4"]
        )
        self.web = self._spawn(
            [
                sys.executable,
                "-m",
                "gunicorn",
                *workers,
                "-b",
                f"{HOST}:{self.args.port}",
                "--timeout",
                "60",
                "--preload",
                "--control-socket",
                str(self.workdir / "gunicorn.ctl"),
                "consult.wsgi:app",
            ],
            "web.log",
        )
        _wait_ready(f"{self.base}/healthz", 180)

    def start_worker(self) -> subprocess.Popen:
        return self._spawn([sys.executable, "-m", "consult.cli", "worker"], "workers.log")

    def worker_running_the_analysis(self, slug: str) -> subprocess.Popen:
        """The RQ worker whose current job is the latest analysis (else the first one)."""
        import sqlalchemy as sa
        from redis import Redis
        from rq import Worker

        from consult.extensions import db
        from consult.themes.models import AnalysisRun

        app = self.app()
        with app.app_context():
            run = db.session.scalars(
                sa.select(AnalysisRun).order_by(AnalysisRun.id.desc()).limit(1)
            ).first()
            job_id = run.settings.get("job_id") if run else None
            db.session.remove()
            db.engine.dispose()
        connection = Redis.from_url(self.env["CONSULT_REDIS_URL"])
        pids = {
            w.pid
            for w in Worker.all(connection=connection)
            if job_id and w.get_current_job_id() == job_id
        }
        connection.close()
        for process in self.workers:
            if process.pid in pids:
                return process
        return self.workers[0]

    def _pg_base(self):
        import sqlalchemy as sa

        url = self.args.pg_url.replace("postgresql://", "postgresql+psycopg://", 1)
        return sa.engine.make_url(url).set(database="postgres")

    def stop(self) -> None:
        for process in [self.web, *self.workers, self.redis]:
            kill_tree(process)
        if self.pg_name and not self.args.keep:
            import sqlalchemy as sa

            admin = sa.create_engine(self._pg_base(), isolation_level="AUTOCOMMIT")
            with admin.connect() as conn:
                conn.execute(sa.text(f'DROP DATABASE IF EXISTS "{self.pg_name}" WITH (FORCE)'))
            admin.dispose()

    def app(self):
        from consult import create_app

        return create_app(
            {
                "DATABASE_URL": self.database_url,
                "SECRET_KEY": self.env["CONSULT_SECRET_KEY"],
                "EMBED_ON_SAVE": False,
            }
        )


# --- data -----------------------------------------------------------------------------------


def seed(stack: Stack, n_workshops: int, n_initial: int):
    """A round with two questions, a workshop per facilitator, a convenor, and some proposals."""
    from consult.auth.services import create_user
    from consult.extensions import db
    from consult.seeding import open_round, proposal_texts, workshop
    from consult.workshops.services import workshop_token

    app = stack.app()
    with app.app_context():
        create_user("load@example.fi", "load-test-password", "convenor")
        rnd = open_round("Kuormitustesti", ["Palvelulupaus", "Toimintaedellytykset"])
        questions = list(rnd.questions)
        tokens = []
        texts = proposal_texts(n_initial)
        proposals = {questions[0].id: texts[::2], questions[1].id: texts[1::2]}
        for w in range(n_workshops):  # the first holds the initial proposals
            added = workshop(rnd, f"Verkosto {w + 1}", proposals=proposals if w == 0 else None)
            db.session.flush()
            tokens.append(workshop_token(added))
        db.session.commit()
        result = rnd.slug, [q.id for q in questions], tokens
        db.session.remove()
        db.engine.dispose()
    return result


# --- clients --------------------------------------------------------------------------------


class Recorder:
    def __init__(self, max_requests: int) -> None:
        self.lock = threading.Lock()
        self.latencies: list[float] = []
        self.outcomes: Counter[str] = Counter()
        self.max_requests = max_requests

    def record(self, outcome: str, seconds: float) -> None:
        with self.lock:
            self.latencies.append(seconds)
            self.outcomes[outcome] += 1

    @property
    def exhausted(self) -> bool:
        return len(self.latencies) >= self.max_requests


class Browser:
    """One client: its own cookies; every request timed and recorded."""

    def __init__(self, base: str, recorder: Recorder) -> None:
        self.base = base
        self.recorder = recorder
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()), _NoRedirect()
        )

    def request(self, method: str, path: str, data=None, json_body=None, headers=None):
        """(status, body, headers); status 0 when the connection failed."""
        body = None
        headers = dict(headers or {})
        if data is not None:
            body = urllib.parse.urlencode(data).encode()
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        elif json_body is not None:
            body = json.dumps(json_body).encode()
            headers["Content-Type"] = "application/json"
        req = urllib.request.Request(  # noqa: S310 - always http://127.0.0.1
            self.base + path, data=body, method=method, headers=headers
        )
        started = time.perf_counter()
        try:
            with self.opener.open(req, timeout=REQUEST_TIMEOUT) as response:
                status, text, hdrs = response.status, response.read().decode(), response.headers
        except urllib.error.HTTPError as exc:
            try:
                status, text, hdrs = exc.code, exc.read().decode(errors="replace"), exc.headers
            except (OSError, http.client.HTTPException):
                status, text, hdrs = exc.code, "", exc.headers
        except (OSError, urllib.error.URLError, http.client.HTTPException):
            status, text, hdrs = 0, "", {}
        self.recorder.record(str(status) if status else "connection", time.perf_counter() - started)
        return status, text, hdrs


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


CSRF = re.compile(r'name="csrf_token" (?:type="hidden" )?value="([^"]+)"')
FORM_KEY = re.compile(r'name="submission_key" (?:type="hidden" )?value="([^"]+)"')


@dataclass
class Ledger:
    """What clients were told was saved."""

    lock: threading.Lock = field(default_factory=threading.Lock)
    public_confirmed: set[str] = field(default_factory=set)  # markers of answers
    public_attempted: set[str] = field(default_factory=set)
    capture_confirmed: dict[tuple[str, str], str] = field(default_factory=dict)  # (token, cid)
    retries: Counter[str] = field(default_factory=Counter)


def submitter(n: int, stack: Stack, slug: str, question_ids, recorder, ledger, stop_at) -> None:
    browser = Browser(stack.base, recorder)
    k = 0
    while time.monotonic() < stop_at and not recorder.exhausted:
        k += 1
        marker = f"LT{n:03d}x{k:03d}"
        with ledger.lock:
            ledger.public_attempted.add(marker)
        data = {
            "organisation": f"Kuormitusyhdistys {marker} ry",
            "kind": "culture",
            "municipality": "Oulu",
            "contact_name": "",
            "contact_email": "",
            f"q_{question_ids[0]}": f"{marker} ensimmäinen ehdotus\n{marker} toinen ehdotus",
            f"q_{question_ids[1]}": f"{marker} kolmas ehdotus",
        }
        # Retry until confirmed, as a person would: a failed page load is loaded again; a
        # send that got no answer is sent again as it was (the browser's resend keeps the
        # form's hidden key, so the server can tell a resend from a new answer).
        form: dict[str, str] | None = None
        for attempt in range(8):
            if time.monotonic() > stop_at + 60:
                break
            if form is None:
                status, text, _h = browser.request("GET", f"/k/{slug}")
                token = CSRF.search(text) if status == 200 else None
                key = FORM_KEY.search(text) if status == 200 else None
                if token and key:
                    form = {"csrf_token": token[1], "submission_key": key[1]}
            if form is not None:
                status, _text, headers = browser.request(
                    "POST", f"/k/{slug}", data={**data, **form}
                )
                if status in (302, 303) and "/kiitos" in headers.get("Location", ""):
                    with ledger.lock:
                        ledger.public_confirmed.add(marker)
                    break
                if status == 400:  # the form had expired: load a new one
                    form = None
            with ledger.lock:
                ledger.retries["public"] += 1
            time.sleep(min(5.0, 0.5 * 2**attempt) * random.uniform(0.5, 1.0))
        time.sleep(random.uniform(0.5, 1.5))


def facilitator(n: int, stack: Stack, token: str, question_ids, recorder, ledger, stop_at) -> None:
    browser = Browser(stack.base, recorder)
    api = f"/tyopaja/{token}/api"
    csrf = ""
    k = 0
    while time.monotonic() < stop_at and not recorder.exhausted:
        k += 1
        client_id = uuid.uuid4().hex
        text = f"F{n:03d}x{k:03d} fasilitaattorin kirjaama ehdotus"
        body = {"question_id": question_ids[k % 2], "text": text, "position": k}
        for attempt in range(8):
            if time.monotonic() > stop_at + 60:
                break
            if not csrf:
                status, payload, _h = browser.request("GET", f"{api}/state")
                if status == 200:
                    csrf = json.loads(payload)["csrf_token"]
                else:
                    time.sleep(min(5.0, 0.5 * 2**attempt))
                    continue
            status, payload, _h = browser.request(
                "PUT", f"{api}/proposals/{client_id}", json_body=body, headers={"X-CSRFToken": csrf}
            )
            if status == 200 and json.loads(payload).get("ok"):
                with ledger.lock:
                    ledger.capture_confirmed[(token, client_id)] = text
                break
            if status == 400:
                csrf = ""  # e.g. the CSRF token of a session the restart did not keep
            with ledger.lock:
                ledger.retries["capture"] += 1
            time.sleep(min(5.0, 0.5 * 2**attempt) * random.uniform(0.5, 1.0))
        time.sleep(random.uniform(0.3, 1.0))


def start_analysis(stack: Stack, slug: str, recorder: Recorder, seconds: float = 90) -> str | None:
    """Log in as the convenor and start an analysis of all questions; the run's status URL.

    Each step is retried (the server is under load) for at most ``seconds`` in all.
    """
    browser = Browser(stack.base, recorder)
    stack.convenor = browser
    deadline = time.monotonic() + seconds

    def form(path: str) -> str | None:
        while time.monotonic() < deadline:
            status, text, _h = browser.request("GET", path)
            match = CSRF.search(text) if status == 200 else None
            if match:
                return match[1]
            time.sleep(1)
        return None

    logged_in = False
    while not logged_in and time.monotonic() < deadline:
        token = form("/kirjaudu")
        if token is None:
            return None
        status, _t, _h = browser.request(
            "POST",
            "/kirjaudu",
            data={
                "email": "load@example.fi",
                "password": "load-test-password",
                "csrf_token": token,
            },
        )
        logged_in = status in (302, 303)
    while time.monotonic() < deadline:
        token = form(f"/kierrokset/{slug}/analyysi")
        if token is None:
            return None
        status, _t, headers = browser.request(
            "POST", f"/kierrokset/{slug}/analyysi", data={"question": "", "csrf_token": token}
        )
        found = re.search(r"/analyysi/(\d+)", headers.get("Location", "") if status else "")
        if status in (302, 303) and found:
            return f"/kierrokset/{slug}/analyysi/{found[1]}/tila.json"
    return None


def analysis_state(stack: Stack, status_url: str) -> dict:
    assert stack.convenor is not None  # logged in by start_analysis
    status, text, _h = stack.convenor.request("GET", status_url)
    return json.loads(text) if status == 200 else {"status": f"http {status}"}


# --- checking -------------------------------------------------------------------------------


def check(stack: Stack, ledger: Ledger) -> dict:
    import sqlalchemy as sa

    from consult.extensions import db
    from consult.organisations.models import Organisation
    from consult.submissions.models import Proposal, Submission
    from consult.workshops.models import Workshop

    app = stack.app()
    out: dict = {}
    with app.app_context():
        rows = db.session.execute(
            sa.select(Proposal.client_id, Proposal.text, Workshop.id)
            .join(Submission, Submission.id == Proposal.submission_id)
            .join(Workshop, Workshop.id == Submission.workshop_id)
            .where(Proposal.text.like("F%fasilitaattorin kirjaama ehdotus"))
        ).all()
        stored_ids = Counter(cid for cid, _t, _w in rows)
        stored_texts = Counter((w, t) for _c, t, w in rows)
        confirmed = ledger.capture_confirmed
        out["capture_confirmed"] = len(confirmed)
        out["capture_lost"] = sum(1 for (_tok, cid) in confirmed if cid not in stored_ids)
        out["capture_duplicated"] = sum(n - 1 for n in stored_texts.values() if n > 1)
        answers = db.session.execute(
            sa.select(Organisation.name, sa.func.count(sa.distinct(Submission.id)))
            .join(Submission, Submission.organisation_id == Organisation.id)
            .where(Organisation.name.like("Kuormitusyhdistys LT%"))
            .group_by(Organisation.name)
        ).all()
        per_marker = {name.split()[1]: n for name, n in answers}
        proposals = db.session.execute(
            sa.select(Proposal.text).where(Proposal.text.like("LT%ehdotus"))
        ).scalars()
        per_text = Counter(proposals)
        out["public_confirmed"] = len(ledger.public_confirmed)
        out["public_attempted"] = len(ledger.public_attempted)
        out["public_lost"] = sum(1 for m in ledger.public_confirmed if per_marker.get(m, 0) == 0)
        out["public_duplicated_answers"] = sum(n - 1 for n in per_marker.values() if n > 1)
        out["public_duplicated_proposals"] = sum(n - 1 for n in per_text.values() if n > 1)
        out["public_stored_unconfirmed"] = sum(
            1 for m in per_marker if m not in ledger.public_confirmed
        )
        db.session.remove()
        db.engine.dispose()
    return out


def percentile(values: list[float], p: float) -> float:
    if not values:
        return 0.0
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]


# --- main -----------------------------------------------------------------------------------


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sqlite", action="store_true", help="one gunicorn process on SQLite")
    parser.add_argument("--duration", type=float, default=120, help="seconds of load (120)")
    parser.add_argument("--submitters", type=int, default=200, help="public-form clients (200)")
    parser.add_argument("--facilitators", type=int, default=50, help="capture clients (50)")
    parser.add_argument("--max-requests", type=int, default=200_000)
    parser.add_argument("--initial", type=int, default=1500, help="proposals before the load")
    parser.add_argument("--kill-at", type=float, default=0.4, help="fraction of the duration")
    parser.add_argument("--down", type=float, default=3, help="seconds the server stays dead")
    parser.add_argument("--analysis-wait", type=float, default=240, help="max wait at the end")
    parser.add_argument("--port", type=int, default=5150)
    parser.add_argument("--redis-port", type=int, default=5151)
    parser.add_argument(
        "--pg-url", default="postgresql://postgres@127.0.0.1:5432/", help="server to create on"
    )
    parser.add_argument("--db-prefix", default="consult_loadtest", help="database name prefix")
    parser.add_argument("--keep", action="store_true", help="keep the database and logs")
    args = parser.parse_args(argv)
    if not args.sqlite and not shutil.which("redis-server"):
        parser.error("redis-server is not installed (or use --sqlite)")

    workdir = Path(tempfile.mkdtemp(prefix="consult-loadtest-"))
    stack = Stack(args, workdir)
    recorder = Recorder(args.max_requests)
    ledger = Ledger()
    mode = (
        "SQLite, 1 gunicorn process, in-process executor"
        if args.sqlite
        else ("PostgreSQL, gunicorn -w 4, 2 RQ workers, Redis")
    )
    print(f"consult load test: {mode}; logs in {workdir}", flush=True)
    try:
        stack.start()
        slug, question_ids, tokens = seed(stack, max(1, args.facilitators), args.initial)
        started = time.monotonic()
        stop_at = started + args.duration
        threads = [
            threading.Thread(
                target=submitter,
                args=(i, stack, slug, question_ids, recorder, ledger, stop_at),
                daemon=True,
            )
            for i in range(args.submitters)
        ] + [
            threading.Thread(
                target=facilitator,
                args=(i, stack, tokens[i], question_ids, recorder, ledger, stop_at),
                daemon=True,
            )
            for i in range(args.facilitators)
        ]
        for t in threads:
            t.start()
        kill_at = started + args.duration * args.kill_at
        time.sleep(max(0.0, kill_at - 2 - time.monotonic()))
        status_url = start_analysis(stack, slug, recorder)
        before = {"status": "not started"}
        while status_url and time.monotonic() < started + args.duration:
            before = analysis_state(stack, status_url)  # kill it while it runs
            if before.get("status") != "queued" and time.monotonic() >= kill_at:
                break
            time.sleep(0.5)
        kill_tree(stack.web)
        killed_worker = None
        if stack.workers:
            killed_worker = stack.worker_running_the_analysis(slug)
            stack.workers.remove(killed_worker)
            kill_tree(killed_worker)
        print(
            f"t={time.monotonic() - started:.0f}s: SIGKILLed the web server"
            + (" and the RQ worker running the analysis" if killed_worker else "")
            + f" (analysis was {before.get('status')} {before.get('progress', '')}%)",
            flush=True,
        )
        time.sleep(args.down)
        stack.start_web()
        if killed_worker is not None:
            stack.workers.append(stack.start_worker())
        print(f"t={time.monotonic() - started:.0f}s: restarted", flush=True)
        for t in threads:
            t.join(timeout=max(1.0, stop_at + 90 - time.monotonic()))
        analysis = {"status": "not started"}
        if status_url:
            deadline = time.monotonic() + args.analysis_wait
            while time.monotonic() < deadline:
                analysis = analysis_state(stack, status_url)
                if analysis.get("status") in ("done", "failed"):
                    break
                time.sleep(2)
        elapsed = time.monotonic() - started
        results = check(stack, ledger)
    finally:
        stack.stop()
        if not args.keep:
            shutil.rmtree(workdir, ignore_errors=True)

    latencies = recorder.latencies
    errors = {k: v for k, v in sorted(recorder.outcomes.items()) if not k.startswith(("2", "3"))}
    print(f"mode: {mode}")
    print(
        f"clients: {args.submitters} submitters + {args.facilitators} facilitators, "
        f"{args.duration:.0f} s of load, {elapsed:.0f} s in all"
    )
    print(f"requests: {len(latencies)}  outcomes: {dict(sorted(recorder.outcomes.items()))}")
    print(f"errors by status: {errors or 'none'}")
    print(
        "latency ms: p50 {:.0f}  p95 {:.0f}  p99 {:.0f}".format(
            *(percentile(latencies, p) * 1000 for p in (50, 95, 99))
        )
    )
    print(f"client retries: {dict(ledger.retries)}")
    print(
        f"capture entries: confirmed {results['capture_confirmed']}  "
        f"LOST {results['capture_lost']}  DUPLICATED {results['capture_duplicated']}"
    )
    print(
        f"public answers: attempted {results['public_attempted']}  confirmed "
        f"{results['public_confirmed']}  LOST {results['public_lost']}  DUPLICATED "
        f"{results['public_duplicated_answers']} answers / "
        f"{results['public_duplicated_proposals']} proposals  (stored but never confirmed: "
        f"{results['public_stored_unconfirmed']})"
    )
    print(
        f"analysis started before the kill: {analysis.get('status')}"
        f" ({analysis.get('progress', '?')}%)"
    )
    bad = results["capture_lost"] + results["public_lost"] + results["capture_duplicated"]
    return 1 if bad or analysis.get("status") != "done" else 0


if __name__ == "__main__":
    sys.exit(main())
