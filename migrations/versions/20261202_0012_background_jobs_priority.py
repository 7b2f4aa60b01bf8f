"""Background jobs get a priority: work nobody waits for (embeddings, email) goes to a
queue that workers take only when no interactive job (an analysis) is waiting.

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-02 21:00:00
"""

import sqlalchemy as sa
from alembic import op

revision = "0012"
down_revision = "0011"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("background_jobs") as batch:
        batch.add_column(
            sa.Column("background", sa.Boolean(), nullable=False, server_default=sa.false())
        )


def downgrade() -> None:
    with op.batch_alter_table("background_jobs") as batch:
        batch.drop_column("background")
