"""A background job's row: what to run, and what any process may read about it."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from consult.extensions import Model
from consult.utils import utcnow

JOB_STATUSES = ("queued", "running", "done", "failed")


def new_job_id() -> str:
    return str(uuid.uuid4())


class BackgroundJob(Model):
    """One unit of background work; the queue carries only its id.

    ``attempts`` counts the runs that claimed the job; a runner writes only while the
    count is still its own, so a runner presumed dead cannot overwrite its successor.
    """

    __tablename__ = "background_jobs"

    id: Mapped[str] = mapped_column(sa.String(36), primary_key=True, default=new_job_id)
    task: Mapped[str] = mapped_column(sa.String(200))
    args: Mapped[list[Any]] = mapped_column(sa.JSON, default=list)
    description: Mapped[str] = mapped_column(sa.String(200), default="")
    status: Mapped[str] = mapped_column(sa.String(20), default="queued", index=True)
    progress: Mapped[int] = mapped_column(default=0)
    stage: Mapped[str] = mapped_column(sa.String(40), default="")
    error: Mapped[str] = mapped_column(sa.Text, default="")
    result: Mapped[dict[str, Any] | None] = mapped_column(sa.JSON)
    timeout: Mapped[int] = mapped_column(default=600)
    attempts: Mapped[int] = mapped_column(default=0)
    # Background work nobody waits for (embeddings, email) goes to a queue that workers
    # take only when the interactive one (analyses, exports, imports) is empty.
    background: Mapped[bool] = mapped_column(default=False)
    created_at: Mapped[datetime] = mapped_column(sa.DateTime(timezone=True), default=utcnow)
    started_at: Mapped[datetime | None] = mapped_column(sa.DateTime(timezone=True))
    heartbeat_at: Mapped[datetime | None] = mapped_column(sa.DateTime(timezone=True))
    finished_at: Mapped[datetime | None] = mapped_column(sa.DateTime(timezone=True))
