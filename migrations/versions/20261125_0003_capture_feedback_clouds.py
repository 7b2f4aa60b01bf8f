"""Organisation business ids, client-made proposal ids (no duplicate on resend),
workshop feedback, and per-question word clouds of analysis runs.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-25 14:15:33.106227
"""

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "feedback",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("workshop_id", sa.Integer(), nullable=False),
        sa.Column("grade", sa.Integer(), nullable=False),
        sa.Column("useful", sa.String(length=10), nullable=False),
        sa.Column("comment", sa.Text(), nullable=False),
        sa.Column("browser_key", sa.String(length=64), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint("grade BETWEEN 1 AND 5", name=op.f("ck_feedback_grade_range")),
        sa.ForeignKeyConstraint(
            ["workshop_id"],
            ["workshops.id"],
            name=op.f("fk_feedback_workshop_id_workshops"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_feedback")),
        sa.UniqueConstraint("workshop_id", "browser_key", name=op.f("uq_feedback_workshop_id")),
    )
    with op.batch_alter_table("feedback", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_feedback_workshop_id"), ["workshop_id"], unique=False)

    op.create_table(
        "run_word_clouds",
        sa.Column("run_id", sa.Integer(), nullable=False),
        sa.Column("question_id", sa.Integer(), nullable=False),
        sa.Column("png", sa.LargeBinary(), nullable=False),
        sa.ForeignKeyConstraint(
            ["question_id"],
            ["questions.id"],
            name=op.f("fk_run_word_clouds_question_id_questions"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["run_id"],
            ["analysis_runs.id"],
            name=op.f("fk_run_word_clouds_run_id_analysis_runs"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("run_id", "question_id", name=op.f("pk_run_word_clouds")),
    )
    with op.batch_alter_table("organisations", schema=None) as batch_op:
        batch_op.add_column(sa.Column("business_id", sa.String(length=9), nullable=True))
        batch_op.add_column(sa.Column("register_number", sa.String(length=20), nullable=True))
        batch_op.create_unique_constraint(
            batch_op.f("uq_organisations_business_id"), ["business_id"]
        )

    with op.batch_alter_table("proposals", schema=None) as batch_op:
        batch_op.add_column(sa.Column("client_id", sa.String(length=64), nullable=True))
        batch_op.create_unique_constraint(
            batch_op.f("uq_proposals_submission_id"), ["submission_id", "client_id"]
        )


def downgrade() -> None:
    with op.batch_alter_table("proposals", schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f("uq_proposals_submission_id"), type_="unique")
        batch_op.drop_column("client_id")

    with op.batch_alter_table("organisations", schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f("uq_organisations_business_id"), type_="unique")
        batch_op.drop_column("register_number")
        batch_op.drop_column("business_id")

    op.drop_table("run_word_clouds")
    with op.batch_alter_table("feedback", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_feedback_workshop_id"))

    op.drop_table("feedback")
