"""Proposals browser and moderation: lemma string for search, hiding with a reason, a
moderation history per proposal; lemmas filled for the proposals already saved.

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-02 15:30:00
"""

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None

BATCH = 2000


def upgrade() -> None:
    with op.batch_alter_table("proposals", schema=None) as batch_op:
        batch_op.add_column(sa.Column("search_text", sa.Text(), nullable=True))
        batch_op.add_column(sa.Column("hidden_at", sa.DateTime(timezone=True), nullable=True))
        batch_op.add_column(
            sa.Column("hidden_reason", sa.String(length=500), nullable=False, server_default="")
        )
        batch_op.create_index("ix_proposals_hidden_at", ["hidden_at"], unique=False)
    with op.batch_alter_table("proposals", schema=None) as batch_op:
        batch_op.alter_column("hidden_reason", server_default=None)

    op.create_table(
        "proposal_events",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("proposal_id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("action", sa.String(length=20), nullable=False),
        sa.Column("reason", sa.String(length=500), nullable=False),
        sa.Column("old_text", sa.Text(), nullable=True),
        sa.ForeignKeyConstraint(
            ["proposal_id"],
            ["proposals.id"],
            name=op.f("fk_proposal_events_proposal_id_proposals"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["user_id"],
            ["users.id"],
            name=op.f("fk_proposal_events_user_id_users"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_proposal_events")),
    )
    with op.batch_alter_table("proposal_events", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_proposal_events_proposal_id"), ["proposal_id"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_proposal_events_user_id"), ["user_id"], unique=False)

    _backfill_search_text()


def _backfill_search_text() -> None:
    """Lemmas for the proposals already saved, in batches (the same as the app computes)."""
    from consult.submissions.lemmas import lemma_strings

    conn = op.get_bind()
    proposals = sa.table(
        "proposals",
        sa.column("id", sa.Integer),
        sa.column("text", sa.Text),
        sa.column("search_text", sa.Text),
    )
    last = 0
    while True:
        rows = conn.execute(
            sa.select(proposals.c.id, proposals.c.text)
            .where(proposals.c.id > last, proposals.c.search_text.is_(None))
            .order_by(proposals.c.id)
            .limit(BATCH)
        ).all()
        if not rows:
            return
        strings = lemma_strings([r.text for r in rows])
        conn.execute(
            sa.update(proposals)
            .where(proposals.c.id == sa.bindparam("pid"))
            .values(search_text=sa.bindparam("lemmas")),
            [{"pid": r.id, "lemmas": s} for r, s in zip(rows, strings, strict=True)],
        )
        last = rows[-1].id


def downgrade() -> None:
    with op.batch_alter_table("proposal_events", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_proposal_events_user_id"))
        batch_op.drop_index(batch_op.f("ix_proposal_events_proposal_id"))
    op.drop_table("proposal_events")
    with op.batch_alter_table("proposals", schema=None) as batch_op:
        batch_op.drop_index("ix_proposals_hidden_at")
        batch_op.drop_column("hidden_reason")
        batch_op.drop_column("hidden_at")
        batch_op.drop_column("search_text")
