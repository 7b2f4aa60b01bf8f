"""Background jobs: a row per job (status, progress, heartbeat) for RQ and in-process runs.

Data: analysis runs left queued or running by the old in-process worker are marked as
interrupted (no job will ever finish them), and proposals saved before capture ids
existed get one, so that no GET request has to write them.

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-02 15:30:00
"""

import uuid

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "background_jobs",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("task", sa.String(length=200), nullable=False),
        sa.Column("args", sa.JSON(), nullable=False),
        sa.Column("description", sa.String(length=200), nullable=False),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("progress", sa.Integer(), nullable=False),
        sa.Column("stage", sa.String(length=40), nullable=False),
        sa.Column("error", sa.Text(), nullable=False),
        sa.Column("result", sa.JSON(), nullable=True),
        sa.Column("timeout", sa.Integer(), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("started_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("heartbeat_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("finished_at", sa.DateTime(timezone=True), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_background_jobs")),
    )
    with op.batch_alter_table("background_jobs", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_background_jobs_status"), ["status"], unique=False)

    conn = op.get_bind()
    runs = sa.table(
        "analysis_runs",
        sa.column("status", sa.String),
        sa.column("error", sa.Text),
    )
    conn.execute(
        runs.update()
        .where(runs.c.status.in_(("queued", "running")))
        .values(
            status="failed", error="interrupted: its worker stopped before the analysis finished"
        )
    )
    proposals = sa.table(
        "proposals", sa.column("id", sa.Integer), sa.column("client_id", sa.String)
    )
    missing = conn.execute(
        sa.select(proposals.c.id).where(proposals.c.client_id.is_(None))
    ).scalars()
    for proposal_id in list(missing):
        conn.execute(
            proposals.update()
            .where(proposals.c.id == proposal_id)
            .values(client_id=uuid.uuid4().hex)
        )


def downgrade() -> None:
    # The data changes stay: interrupted runs were dead, and capture ids are harmless.
    with op.batch_alter_table("background_jobs", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_background_jobs_status"))
    op.drop_table("background_jobs")
