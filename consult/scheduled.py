"""Periodic work, run by ``consult run-scheduled`` every hour (cron or a systemd timer).

Each task takes today's date, queues what is due and returns how many items it queued.
A task must be idempotent: running it twice in an hour, or two runs overlapping, must not
do the work twice (claim rows with a conditional update, as the reminders do).

Features add their task with :func:`periodic` in a module listed in ``TASK_MODULES``.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import date
from importlib import import_module

from consult.extensions import db

log = logging.getLogger(__name__)

#: Modules whose import registers periodic tasks.
TASK_MODULES = ("consult.mail.scheduled", "consult.privacy.scheduled")

REGISTRY: dict[str, Callable[[date], int]] = {}


def periodic(name: str) -> Callable[[Callable[[date], int]], Callable[[date], int]]:
    """Register ``function(today) -> int`` as the periodic task ``name``."""

    def register(function: Callable[[date], int]) -> Callable[[date], int]:
        REGISTRY[name] = function
        return function

    return register


def load_tasks() -> dict[str, Callable[[date], int]]:
    for module in TASK_MODULES:
        import_module(module)
    return REGISTRY


def run_all(today: date, only: str | None = None) -> dict[str, int]:
    """Run every registered task (or the one named ``only``), each in its own transaction.

    A task that fails is rolled back and reported as -1; the others still run.
    """
    results: dict[str, int] = {}
    for name, function in sorted(load_tasks().items()):
        if only and name != only:
            continue
        try:
            results[name] = int(function(today))
            db.session.commit()
        except Exception:
            db.session.rollback()
            log.exception("scheduled task %s failed", name)
            results[name] = -1
    return results
