"""Several processes on PostgreSQL + Redis: web instances and real RQ worker processes.

An analysis is submitted through one web app instance, its progress read through
another, and the worker process running it is SIGKILLed (with its work horse) mid-run.
A second worker must take the job over: the run ends done, or clearly failed, and is
never left "running". Needs PostgreSQL and Redis; skipped without them, failed in CI.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest
import sqlalchemy as sa

from consult.loadtest import kill_tree, spawn
from tests.conftest import csrf_token

ROOT = Path(__file__).resolve().parents[2]
PG_DEFAULT = "postgresql://postgres@127.0.0.1:5432/test"
REDIS_DEFAULT = "redis://127.0.0.1:6379/15"

pytestmark = pytest.mark.slow


def _unavailable(reason: str):
    if os.environ.get("CI"):
        pytest.fail(f"{reason}, and CI must run the multi-process test")
    pytest.skip(reason)


@pytest.fixture
def pg_redis():
    """A private PostgreSQL database and a Redis URL, or a skip (a failure in CI)."""
    from redis import Redis
    from redis.exceptions import RedisError

    pg = os.environ.get("CONSULT_TEST_DATABASE_URL") or ""
    if not pg.startswith("postgres"):
        if not os.environ.get("CI"):
            pytest.skip("runs in the PostgreSQL half (CONSULT_TEST_DATABASE_URL=postgresql://...)")
        pg = PG_DEFAULT
    redis_url = os.environ.get("CONSULT_TEST_REDIS_URL", REDIS_DEFAULT)
    try:
        Redis.from_url(redis_url, socket_connect_timeout=2).ping()
    except RedisError:
        _unavailable(f"Redis at {redis_url} is not reachable")
    base = sa.engine.make_url(pg.replace("postgresql://", "postgresql+psycopg://", 1))
    admin = sa.create_engine(base, isolation_level="AUTOCOMMIT")
    name = f"{base.database}_mp_{os.getpid()}_{uuid.uuid4().hex[:8]}"
    try:
        with admin.connect() as conn:
            conn.execute(sa.text(f'CREATE DATABASE "{name}"'))
    except sa.exc.OperationalError:
        admin.dispose()
        _unavailable(f"PostgreSQL at {pg} is not reachable")
    url = base.set(database=name).render_as_string(hide_password=False)
    queue = f"consult-mp-{uuid.uuid4().hex[:10]}"
    try:
        yield url, redis_url, queue
    finally:
        with admin.connect() as conn:
            conn.execute(sa.text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()
        redis = Redis.from_url(redis_url)
        for key in redis.scan_iter(f"rq:*{queue}*"):
            redis.delete(key)


def _config(url: str, redis_url: str, queue: str) -> dict:
    return {
        "TESTING": True,
        "DATABASE_URL": url,
        "SECRET_KEY": "multi-process-secret-of-at-least-32-characters",
        "REDIS_URL": redis_url,
        "JOBS_QUEUE": queue,
        "JOBS_HEARTBEAT": 1,
        "JOBS_STALE_AFTER": 6,
        "EMBED_ON_SAVE": False,
        "SERVER_NAME": "consult.test",
    }


def _worker_env(url: str, redis_url: str, queue: str) -> dict:
    env = dict(os.environ)
    env.update(
        PYTHONPATH=str(ROOT),
        CONSULT_DATABASE_URL=url,
        CONSULT_REDIS_URL=redis_url,
        CONSULT_JOBS_QUEUE=queue,
        CONSULT_JOBS_HEARTBEAT="1",
        CONSULT_JOBS_STALE_AFTER="6",
        CONSULT_SECRET_KEY="multi-process-secret-of-at-least-32-characters",
        PYTHONUNBUFFERED="1",
    )
    return env


def _start_worker(env: dict, log: Path) -> subprocess.Popen:
    return spawn([sys.executable, "-m", "consult.cli", "worker"], env, log)


def _seed(app, n: int = 600):
    """A round with enough proposals that its analysis takes a while."""
    from consult.auth.services import create_user
    from consult.extensions import db
    from consult.seeding import NEEDS, SUBJECTS, open_round, proposal_texts, workshop

    with app.app_context():
        create_user("mp@example.fi", "correct horse battery", "convenor")
        rnd = open_round(
            "Monta prosessia", ["Toimintaedellytykset"], opened_days_ago=5, closes_in_days=5
        )
        question = rnd.questions[0]
        texts = proposal_texts(
            n,
            [*SUBJECTS, "Seurakunnan diakoniatyö", "Kulttuuriyhdistysten esitykset"],
            [*NEEDS, "on saatava maksuttomaksi"],
            areas=30,
        )
        for w in range(3):
            workshop(rnd, f"Verkosto {w}", proposals={question.id: texts[w::3]})
        db.session.commit()
        slug = rnd.slug
        db.session.remove()
        db.engine.dispose()
    return slug


def _login(client) -> None:
    page = client.get("/kirjaudu").get_data(as_text=True)
    response = client.post(
        "/kirjaudu",
        data={
            "email": "mp@example.fi",
            "password": "correct horse battery",
            "csrf_token": csrf_token(page),
        },
    )
    assert response.status_code == 302


def test_worker_killed_mid_run_is_taken_over_by_another(pg_redis, tmp_path):
    from consult import create_app
    from consult.migrate import upgrade

    url, redis_url, queue = pg_redis
    config = _config(url, redis_url, queue)
    web_a, web_b = create_app(config), create_app(config)
    upgrade(web_a)
    slug = _seed(web_a)
    env = _worker_env(url, redis_url, queue)
    log = tmp_path / "workers.log"
    first = _start_worker(env, log)
    second = None
    try:
        submitter, watcher = web_a.test_client(), web_b.test_client()
        _login(submitter)
        _login(watcher)
        page = submitter.get(f"/kierrokset/{slug}/analyysi").get_data(as_text=True)
        response = submitter.post(
            f"/kierrokset/{slug}/analyysi",
            data={"question": "", "csrf_token": csrf_token(page)},
        )
        assert response.status_code == 302
        run_id = int(re.search(r"/analyysi/(\d+)", response.headers["Location"])[1])
        status_url = f"/kierrokset/{slug}/analyysi/{run_id}/tila.json"

        seen = []
        deadline = time.monotonic() + 180
        while time.monotonic() < deadline:  # progress through the other web instance
            state = watcher.get(status_url).json
            seen.append((state["status"], state["progress"]))
            if state["status"] == "running" and 0 < state["progress"] < 100:
                break
            assert state["status"] in ("queued", "running"), (state, log.read_text())
            time.sleep(0.2)
        else:
            pytest.fail(f"the run never started: {seen}\n{log.read_text()}")
        kill_tree(first)  # mid-run: the worker and its work horse die at once
        killed_at = watcher.get(status_url).json
        assert killed_at["status"] == "running" and killed_at["progress"] < 100

        second = _start_worker(env, log)
        deadline = time.monotonic() + 400  # the machine may be busy; bounded all the same
        while time.monotonic() < deadline:
            state = watcher.get(status_url).json
            if state["status"] in ("done", "failed"):
                break
            time.sleep(0.5)
        assert state["status"] == "done", (state, log.read_text())
        assert state["progress"] == 100

        with web_b.app_context():
            from consult.extensions import db
            from consult.jobs import get_job
            from consult.themes.models import AnalysisRun, CandidateThemeProposal

            run = db.session.get(AnalysisRun, run_id)
            job = get_job(run.settings["job_id"])
            assert (job.status, job.attempts) == ("done", 2)  # killed once, then taken over
            members = db.session.scalars(sa.select(CandidateThemeProposal.proposal_id)).all()
            assert len(members) == len(set(members)) == run.n_proposals == 600
            db.session.remove()
            db.engine.dispose()
        job_json = submitter.get(f"/tyot/{job.id}.json").json
        assert job_json["status"] == "done" and job_json["progress"] == 100
    finally:
        kill_tree(first)
        if second is not None:
            kill_tree(second)
        for app in (web_a, web_b):
            with app.app_context():
                from consult.extensions import db

                db.engine.dispose()
