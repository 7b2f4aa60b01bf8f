"""``consult worker``: an RQ worker that runs consult's jobs with the app's context."""

from __future__ import annotations

import importlib
import logging

import click
from flask import current_app
from flask.cli import with_appcontext
from rq import Worker

from consult.extensions import db

log = logging.getLogger(__name__)


def limit_native_threads(n: int) -> None:
    """Cap the OpenMP/BLAS threads of this process (a job's horse) at ``n``.

    The runtimes already loaded (numpy's and scikit-learn's) are capped now; one loaded later
    in the job (the embedding engine's OpenMP) reads ``OMP_NUM_THREADS`` when it starts.
    """
    import os

    from threadpoolctl import threadpool_limits

    for name in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
        os.environ[name] = str(n)
    threadpool_limits(limits=n)


class ConsultWorker(Worker):
    """RQ's forking worker, made safe for SQLAlchemy and aware of our job rows."""

    threads = 1

    def main_work_horse(self, job, queue):
        # The horse is a fork: it must never use the parent's pooled connections.
        db.engine.dispose(close=False)
        limit_native_threads(self.threads)
        super().main_work_horse(job, queue)

    def handle_work_horse_killed(self, job, retpid, ret_val, rusage):
        """The horse died mid-job (killed, out of memory): free our row for RQ's retry."""
        from consult.jobs.runner import JOBS
        from consult.jobs.status import LOST, fail_job

        try:
            row = db.session.execute(
                JOBS.select().where(JOBS.c.id == job.id, JOBS.c.status == "running")
            ).first()
            if row is None:
                return
            if (job.retries_left or 0) > 0:
                db.session.execute(
                    JOBS.update()
                    .where(
                        (JOBS.c.id == job.id)
                        & (JOBS.c.attempts == row.attempts)
                        & (JOBS.c.status == "running")
                    )
                    .values(status="queued", stage="retrying")
                )
                db.session.commit()
            else:
                fail_job(job.id, row.attempts, LOST)
        except Exception:  # noqa: BLE001 - the reaper settles the row later
            db.session.rollback()
            log.exception("could not record the death of job %s's worker", job.id)
        finally:
            db.session.remove()


@click.command("worker")
@click.option(
    "--queue",
    "queues",
    multiple=True,
    help="Queue(s) to listen on, in priority order; default CONSULT_JOBS_QUEUE ('consult') "
    "and then its background queue ('consult-background').",
)
@click.option("--burst", is_flag=True, help="Stop when the queues are empty.")
@click.option("--name", default=None, help="Worker name (default: RQ's random one).")
@with_appcontext
def worker_command(queues: tuple[str, ...], burst: bool, name: str | None) -> None:
    """Run background jobs (analyses, embeddings) from Redis; needs CONSULT_REDIS_URL."""
    from consult.jobs.queue import preloaded_modules, queue_names, redis_connection, rq_queue
    from consult.jobs.status import reap_stale_jobs, start_reaper

    app = current_app._get_current_object()  # type: ignore[attr-defined]
    if not app.config.get("REDIS_URL"):
        raise click.ClickException(
            "CONSULT_REDIS_URL is not set, so there is no queue to work on. "
            "Set it (e.g. CONSULT_REDIS_URL=redis://127.0.0.1:6379/0) for the web processes "
            "and the workers; without it the web process runs background jobs itself."
        )
    if app.config.get("JOBS_SYNC"):
        raise click.ClickException("JOBS_SYNC is set: jobs run inline, a worker has nothing to do.")
    logging.basicConfig(
        level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s"
    )
    for module in preloaded_modules():
        importlib.import_module(module)  # loaded once here, shared by every forked job

    reap_stale_jobs(app)  # jobs of workers that died while nobody was watching
    db.session.remove()
    db.engine.dispose()
    start_reaper(app)
    names = queues or queue_names(app)
    worker = ConsultWorker(
        [rq_queue(app, q) for q in names],
        connection=redis_connection(app),
        name=name,
        job_monitoring_interval=min(30, max(5, int(app.config["JOBS_HEARTBEAT"]))),
    )
    worker.threads = max(1, int(app.config["WORKER_THREADS"]))
    worker.work(burst=burst, with_scheduler=False)
