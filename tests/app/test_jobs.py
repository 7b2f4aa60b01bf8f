"""The job queue: sent only after commit, inline, in threads, via RQ; progress; dead workers."""

from __future__ import annotations

import os
from datetime import timedelta

import pytest
import sqlalchemy as sa

from consult.jobs import BackgroundJob, enqueue, get_job, reap_stale_jobs
from consult.jobs.queue import wait_for_threads
from consult.utils import utcnow
from tests.app import job_tasks


@pytest.fixture(autouse=True)
def _clean_tasks():
    job_tasks.calls.clear()
    job_tasks.failures.clear()
    job_tasks.release.clear()
    job_tasks.reached.clear()
    yield
    job_tasks.release.set()
    wait_for_threads()


def test_a_job_is_sent_only_after_the_commit(app, db):
    job_id = enqueue("tests.app.job_tasks:record", 7, "x", description="test")
    assert db.session.get(BackgroundJob, job_id).status == "queued"  # flushed in this session
    assert job_tasks.calls == []  # not before the commit
    db.session.commit()
    assert job_tasks.calls == [(7, "x")]
    info = get_job(job_id)
    assert info.as_dict() == {
        "status": "done",
        "progress": 100,
        "stage": "halfway",
        "error": None,
        "result": {"args": [7, "x"]},
    }
    assert info.attempts == 1 and info.finished_at is not None


def test_a_rolled_back_job_is_never_sent(app, db):
    job_id = enqueue("tests.app.job_tasks:record", 1)
    db.session.rollback()
    db.session.commit()  # a later commit in the same session sends nothing either
    assert job_tasks.calls == []
    assert get_job(job_id) is None


def test_a_failing_task_is_recorded_without_its_message(app, db):
    job_id = enqueue("tests.app.job_tasks:boom", "secret")
    db.session.commit()
    info = get_job(job_id)
    assert info.status == "failed"
    assert info.error.startswith("ValueError") and "example.fi" not in info.error
    assert job_tasks.failures == [(("secret",), info.error)]  # the task's own hook heard of it


def test_thread_pool_runs_jobs_and_progress_is_seen_from_another_session(app, db):
    app.config["JOBS_SYNC"] = False
    job_id = enqueue("tests.app.job_tasks:wait_for_release")
    db.session.commit()
    assert job_tasks.reached.wait(30)
    other = sa.create_engine(db.engine.url)  # as another web process would read it
    with other.connect() as conn:
        row = conn.execute(
            sa.select(BackgroundJob.status, BackgroundJob.progress, BackgroundJob.stage).where(
                BackgroundJob.id == job_id
            )
        ).one()
    other.dispose()
    assert tuple(row) == ("running", 40, "waiting")
    job_tasks.release.set()
    wait_for_threads()
    db.session.expire_all()
    assert get_job(job_id).status == "done"


def test_status_endpoint_needs_login(app, db, client, login):
    job_id = enqueue("tests.app.job_tasks:record", 2)
    db.session.commit()
    assert client.get(f"/tyot/{job_id}.json").status_code == 302  # to the login page
    login()
    response = client.get(f"/tyot/{job_id}.json")
    assert response.status_code == 200 and response.json["status"] == "done"
    assert client.get("/tyot/no-such-job.json").status_code == 404


def _stale(db, job_id, attempts):
    job = db.session.get(BackgroundJob, job_id)
    job.status, job.attempts = "running", attempts
    job.heartbeat_at = utcnow() - timedelta(minutes=5)
    db.session.commit()


def test_stale_heartbeat_with_tries_left_is_run_again(app, db):
    job_id = enqueue("tests.app.job_tasks:record", 3)
    db.session.flush()
    db.session.info.pop("consult.jobs.pending")  # as if the worker took it and then died
    _stale(db, job_id, attempts=1)
    assert get_job(job_id).status == "queued"  # read: waiting for its retry, nothing written
    assert db.session.get(BackgroundJob, job_id).status == "running"
    assert reap_stale_jobs(app)["requeued"] == 1
    db.session.expire_all()
    info = get_job(job_id)
    assert (info.status, info.attempts) == ("done", 2)
    assert job_tasks.calls == [(3,)]


def test_stale_heartbeat_without_tries_left_fails(app, db):
    job_id = enqueue("tests.app.job_tasks:boom", "s")
    db.session.flush()
    db.session.info.pop("consult.jobs.pending")
    _stale(db, job_id, attempts=app.config["JOBS_MAX_ATTEMPTS"])
    assert get_job(job_id).status == "failed"  # read as failed at once
    assert reap_stale_jobs(app)["failed"] == 1
    db.session.expire_all()
    row = db.session.get(BackgroundJob, job_id)
    assert row.status == "failed" and row.error.startswith("lost")
    assert job_tasks.failures == [(("s",), row.error)]


def test_a_running_job_with_a_fresh_heartbeat_is_not_run_twice(app, db):
    from consult.jobs.runner import run_job

    job_id = enqueue("tests.app.job_tasks:record", 4)
    db.session.flush()
    db.session.info.pop("consult.jobs.pending")
    job = db.session.get(BackgroundJob, job_id)
    job.status, job.attempts, job.heartbeat_at = "running", 1, utcnow()
    db.session.commit()
    run_job(job_id)  # a duplicate delivery
    assert job_tasks.calls == []
    assert reap_stale_jobs(app) == {"requeued": 0, "failed": 0, "resent": 0}


def _redis_url() -> str:
    return os.environ.get("CONSULT_TEST_REDIS_URL", "redis://127.0.0.1:6379/15")


@pytest.fixture
def redis_app(app):
    from redis import Redis
    from redis.exceptions import RedisError

    url = _redis_url()
    try:
        Redis.from_url(url, socket_connect_timeout=2).ping()
    except RedisError:
        if os.environ.get("CI"):
            pytest.fail(f"Redis at {url} is not reachable, and CI must test it")
        pytest.skip(f"Redis at {url} is not reachable")
    app.config.update(
        REDIS_URL=url, JOBS_SYNC=False, JOBS_QUEUE=f"consult-test-{os.urandom(6).hex()}"
    )
    yield app
    from consult.jobs.queue import queue_names, rq_queue

    for name in queue_names(app):
        rq_queue(app, name).delete(delete_jobs=True)


def test_rq_backend_sends_our_id_with_timeout_and_retry(redis_app, db):
    from rq import SimpleWorker

    from consult.jobs.queue import redis_connection, rq_queue

    job_id = enqueue("tests.app.job_tasks:record", 5, timeout=123)
    queue = rq_queue(redis_app)
    assert queue.count == 0  # nothing before the commit
    db.session.commit()
    assert queue.job_ids == [job_id]
    rq_job = queue.fetch_job(job_id)
    assert rq_job.timeout == 123
    assert rq_job.retries_left == redis_app.config["JOBS_MAX_ATTEMPTS"] - 1
    assert rq_job.args == (job_id,)  # ids only: the row holds task and arguments
    SimpleWorker([queue], connection=redis_connection(redis_app)).work(burst=True)
    db.session.expire_all()
    assert get_job(job_id).status == "done" and job_tasks.calls == [(5,)]


def test_interactive_jobs_run_before_queued_background_work(redis_app, db):
    """An analysis a convenor watches does not wait behind embeddings and email."""
    from rq import SimpleWorker

    from consult.jobs.queue import queue_names, redis_connection, rq_queue

    interactive, background = (rq_queue(redis_app, n) for n in queue_names(redis_app))
    job_tasks.calls.clear()
    first = enqueue("tests.app.job_tasks:record", 1, background=True)
    second = enqueue("tests.app.job_tasks:record", 2, background=True)
    watched = enqueue("tests.app.job_tasks:record", 3)
    db.session.commit()
    assert background.job_ids == [first, second] and interactive.job_ids == [watched]
    # Workers listen in priority order (as `consult worker` does by default).
    SimpleWorker([interactive, background], connection=redis_connection(redis_app)).work(burst=True)
    assert job_tasks.calls == [(3,), (1,), (2,)]
    db.session.expire_all()
    assert all(get_job(j).status == "done" for j in (first, second, watched))


def test_worker_command_refuses_without_redis(app):
    result = app.test_cli_runner().invoke(args=["worker"])
    assert result.exit_code != 0
    assert "CONSULT_REDIS_URL is not set" in result.output


def test_the_worker_preloads_the_task_modules_features_register(app):
    from consult.jobs.queue import preloaded_modules

    # Registered by themes when the app is set up; the jobs package names no feature.
    assert "consult.themes.tasks" in preloaded_modules()


def test_analysis_retried_after_its_worker_died_keeps_its_themes_once(app, db, factory):
    from consult.jobs.runner import run_job
    from consult.themes import jobs, services
    from consult.themes.models import AnalysisRun, CandidateThemeProposal
    from tests.seeds import seed_round

    rnd = seed_round(factory, db)
    run = services.create_run(rnd, question_id=None, user_id=None)
    job_id = jobs.submit_run(run)
    db.session.commit()  # analysed inline (JOBS_SYNC)
    run = db.session.get(AnalysisRun, run.id)
    assert run.status == "done" and get_job(job_id).status == "done"
    n_members = db.session.scalar(sa.select(sa.func.count()).select_from(CandidateThemeProposal))
    # Now pretend the worker died just before the end: run and job still "running".
    run.status = "running"
    _stale(db, job_id, attempts=1)
    assert reap_stale_jobs(app)["requeued"] == 1
    db.session.expire_all()
    assert db.session.get(AnalysisRun, run.id).status == "done"
    assert (
        db.session.scalar(sa.select(sa.func.count()).select_from(CandidateThemeProposal))
        == n_members
    )
    assert get_job(job_id).attempts == 2
    # A worker dying on the last try: the run is failed with "Analyse again" shown.
    db.session.get(AnalysisRun, run.id).status = "running"
    _stale(db, job_id, attempts=app.config["JOBS_MAX_ATTEMPTS"])
    run_job(job_id)  # e.g. RQ's own retry arriving after ours gave up
    db.session.expire_all()
    run = db.session.get(AnalysisRun, run.id)
    assert run.status == "failed" and run.error.startswith("interrupted")


def test_a_request_that_fails_keeps_nothing_and_sends_nothing(app, db, client):
    def failing_view():
        enqueue("tests.app.job_tasks:record", 9)
        raise RuntimeError("fails after flushing")

    from consult.extensions import csrf

    app.add_url_rule("/test-failing-view", view_func=csrf.exempt(failing_view), methods=["POST"])
    app.config["PROPAGATE_EXCEPTIONS"] = False
    assert client.post("/test-failing-view").status_code == 500
    db.session.commit()  # the next unit of work in the same session commits nothing of it
    assert db.session.scalar(sa.select(sa.func.count()).select_from(BackgroundJob)) == 0
    assert job_tasks.calls == []


def test_a_job_horse_caps_its_native_threads():
    """Each job uses WORKER_THREADS native threads (one per worker and core), also in a
    runtime loaded later in the job (the embedding engine reads OMP_NUM_THREADS)."""
    import subprocess
    import sys

    code = (
        "import os, sklearn.cluster\n"
        "from threadpoolctl import threadpool_info\n"
        "from consult.jobs.worker import limit_native_threads\n"
        "assert any(i['num_threads'] > 1 for i in threadpool_info()) or os.cpu_count() == 1\n"
        "limit_native_threads(1)\n"
        "print(sorted({i['num_threads'] for i in threadpool_info()}), os.environ['OMP_NUM_THREADS'])\n"
    )
    out = subprocess.run(  # noqa: S603 - our own code, in a fresh interpreter
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=120
    ).stdout
    assert out.split() == ["[1]", "1"]
