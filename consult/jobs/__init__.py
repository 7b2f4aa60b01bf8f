"""Background jobs: ``enqueue`` after the commit, run by RQ workers or in-process threads.

Public interface (other features code against exactly this)::

    from consult.jobs import enqueue, progress, set_result, get_job, preload

    job_id = enqueue("consult.feature.tasks:function", 42, "text", description="...", timeout=600)
    # inside the task: progress(50, "clustering"); set_result({"n": 3})
    get_job(job_id).as_dict()  # {"status", "progress", "stage", "error", "result"}

A feature whose task module is heavy to import registers it when it is set up
(``preload("consult.feature.tasks")``), so that ``consult worker`` imports it once before
forking; jobs itself imports no feature.

``GET /tyot/<job_id>.json`` answers the same JSON to a logged-in user. ``consult worker``
runs jobs when ``CONSULT_REDIS_URL`` is set; without it jobs run in a thread pool of the
serving process, and with ``JOBS_SYNC`` (tests) inline right after the commit.
"""

from __future__ import annotations

from flask import Flask

from consult.jobs.models import BackgroundJob
from consult.jobs.queue import enqueue, preload
from consult.jobs.runner import describe_error, progress, set_result
from consult.jobs.status import JobInfo, get_job, reap_stale_jobs

__all__ = [
    "BackgroundJob",
    "JobInfo",
    "describe_error",
    "enqueue",
    "get_job",
    "init_app",
    "preload",
    "progress",
    "reap_stale_jobs",
    "set_result",
]


def init_app(app: Flask) -> None:
    """Send enqueued jobs after commits; serve the job status endpoint."""
    from consult.jobs.queue import register_session_events
    from consult.jobs.views import bp

    register_session_events()
    app.register_blueprint(bp)

    @app.before_request
    def watch_jobs_of_this_process() -> None:
        # Without Redis the serving process is the worker: after a restart it must find
        # the jobs its previous life left behind, without waiting for a new enqueue.
        from consult.jobs.queue import backend_name
        from consult.jobs.status import start_reaper

        if backend_name(app) == "thread":
            start_reaper(app)
