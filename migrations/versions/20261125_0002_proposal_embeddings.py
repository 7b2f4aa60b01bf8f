"""Stored sentence embeddings of proposals (one row per proposal and model).

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-25 14:07:37.727993
"""

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "proposal_embeddings",
        sa.Column("proposal_id", sa.Integer(), nullable=False),
        sa.Column("model", sa.String(length=60), nullable=False),
        sa.Column("vector", sa.LargeBinary(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["proposal_id"],
            ["proposals.id"],
            name=op.f("fk_proposal_embeddings_proposal_id_proposals"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("proposal_id", "model", name=op.f("pk_proposal_embeddings")),
    )


def downgrade() -> None:
    op.drop_table("proposal_embeddings")
