"""Curation: selected themes (nostot) of a round with quotable proposals, the change
history with snapshots for undo, a version per round against lost updates, routing and
follow-up status, and uploaded follow-up documents.

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-25 14:24:07.475341
"""

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "curation_events",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("round_id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("action", sa.String(length=40), nullable=False),
        sa.Column("params", sa.JSON(), nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("snapshot", sa.JSON(), nullable=True),
        sa.Column("undone_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["round_id"],
            ["rounds.id"],
            name=op.f("fk_curation_events_round_id_rounds"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["user_id"],
            ["users.id"],
            name=op.f("fk_curation_events_user_id_users"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_curation_events")),
    )
    with op.batch_alter_table("curation_events", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_curation_events_round_id"), ["round_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_curation_events_user_id"), ["user_id"], unique=False)

    op.create_table(
        "followup_documents",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("round_id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("filename", sa.String(length=255), nullable=False),
        sa.Column("stage", sa.String(length=20), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("uploaded_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("uploaded_by_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["round_id"],
            ["rounds.id"],
            name=op.f("fk_followup_documents_round_id_rounds"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["uploaded_by_id"],
            ["users.id"],
            name=op.f("fk_followup_documents_uploaded_by_id_users"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_followup_documents")),
    )
    with op.batch_alter_table("followup_documents", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_followup_documents_round_id"), ["round_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_followup_documents_uploaded_by_id"), ["uploaded_by_id"], unique=False
        )

    op.create_table(
        "selected_themes",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("round_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("title", sa.String(length=200), nullable=False),
        sa.Column("statement", sa.Text(), nullable=False),
        sa.Column("keywords", sa.JSON(), nullable=False),
        sa.Column("route", sa.String(length=30), nullable=False),
        sa.Column("route_other", sa.String(length=200), nullable=False),
        sa.Column("status", sa.String(length=30), nullable=False),
        sa.Column("status_date", sa.Date(), nullable=True),
        sa.Column("status_note", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["round_id"],
            ["rounds.id"],
            name=op.f("fk_selected_themes_round_id_rounds"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_selected_themes")),
    )
    with op.batch_alter_table("selected_themes", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_selected_themes_round_id"), ["round_id"], unique=False)

    op.create_table(
        "curations",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("round_id", sa.Integer(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("source_run_id", sa.Integer(), nullable=True),
        sa.Column("started_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["round_id"],
            ["rounds.id"],
            name=op.f("fk_curations_round_id_rounds"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["source_run_id"],
            ["analysis_runs.id"],
            name=op.f("fk_curations_source_run_id_analysis_runs"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_curations")),
        sa.UniqueConstraint("round_id", name=op.f("uq_curations_round_id")),
    )
    with op.batch_alter_table("curations", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_curations_source_run_id"), ["source_run_id"], unique=False
        )

    op.create_table(
        "selected_theme_proposals",
        sa.Column("theme_id", sa.Integer(), nullable=False),
        sa.Column("proposal_id", sa.Integer(), nullable=False),
        sa.Column("quotable", sa.Boolean(), nullable=False),
        sa.ForeignKeyConstraint(
            ["proposal_id"],
            ["proposals.id"],
            name=op.f("fk_selected_theme_proposals_proposal_id_proposals"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["theme_id"],
            ["selected_themes.id"],
            name=op.f("fk_selected_theme_proposals_theme_id_selected_themes"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint(
            "theme_id", "proposal_id", name=op.f("pk_selected_theme_proposals")
        ),
        sa.UniqueConstraint("proposal_id", name=op.f("uq_selected_theme_proposals_proposal_id")),
    )


def downgrade() -> None:
    op.drop_table("selected_theme_proposals")
    with op.batch_alter_table("curations", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_curations_source_run_id"))

    op.drop_table("curations")
    with op.batch_alter_table("selected_themes", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_selected_themes_round_id"))

    op.drop_table("selected_themes")
    with op.batch_alter_table("followup_documents", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_followup_documents_uploaded_by_id"))
        batch_op.drop_index(batch_op.f("ix_followup_documents_round_id"))

    op.drop_table("followup_documents")
    with op.batch_alter_table("curation_events", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_curation_events_user_id"))
        batch_op.drop_index(batch_op.f("ix_curation_events_round_id"))

    op.drop_table("curation_events")
