"""Themes a convenor can trust: suggested statements, word clouds drawn on demand from
stored frequencies, lineage to the previous run's themes, and the engine's suggested theme
for proposals in "Muut".

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-02 15:30:00.000000
"""

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("themes", schema=None) as batch_op:
        batch_op.add_column(sa.Column("word_frequencies", sa.JSON(), nullable=True))
        batch_op.add_column(sa.Column("statement", sa.Text(), server_default="", nullable=False))
        batch_op.add_column(
            sa.Column("lineage", sa.String(length=20), server_default="", nullable=False)
        )
        batch_op.add_column(sa.Column("predecessor_ids", sa.JSON(), nullable=True))
    with op.batch_alter_table("theme_proposals", schema=None) as batch_op:
        batch_op.add_column(sa.Column("suggested_theme_id", sa.Integer(), nullable=True))
        batch_op.create_foreign_key(
            batch_op.f("fk_theme_proposals_suggested_theme_id_themes"),
            "themes",
            ["suggested_theme_id"],
            ["id"],
            ondelete="SET NULL",
        )
    with op.batch_alter_table("run_word_clouds", schema=None) as batch_op:
        batch_op.add_column(sa.Column("frequencies", sa.JSON(), nullable=True))
        batch_op.alter_column("png", existing_type=sa.LargeBinary(), nullable=True)


def downgrade() -> None:
    op.execute("DELETE FROM run_word_clouds WHERE png IS NULL")
    with op.batch_alter_table("run_word_clouds", schema=None) as batch_op:
        batch_op.alter_column("png", existing_type=sa.LargeBinary(), nullable=False)
        batch_op.drop_column("frequencies")
    with op.batch_alter_table("theme_proposals", schema=None) as batch_op:
        batch_op.drop_constraint(
            batch_op.f("fk_theme_proposals_suggested_theme_id_themes"), type_="foreignkey"
        )
        batch_op.drop_column("suggested_theme_id")
    with op.batch_alter_table("themes", schema=None) as batch_op:
        batch_op.drop_column("predecessor_ids")
        batch_op.drop_column("lineage")
        batch_op.drop_column("statement")
        batch_op.drop_column("word_frequencies")
