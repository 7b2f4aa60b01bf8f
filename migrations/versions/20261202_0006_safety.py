"""Safety: session versions and lockout on users, API token expiry, a submission key that
makes the public form idempotent, and organisation changes proposed by public answers.

Revision ID: 0006
Revises: 0004
Create Date: 2026-12-02 15:20:00
"""

from datetime import UTC, datetime, timedelta

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("users") as batch:
        batch.add_column(
            sa.Column("session_version", sa.Integer(), nullable=False, server_default="0")
        )
        batch.add_column(
            sa.Column("failed_logins", sa.Integer(), nullable=False, server_default="0")
        )
        batch.add_column(sa.Column("locked_until", sa.DateTime(timezone=True), nullable=True))
    with op.batch_alter_table("api_tokens") as batch:
        batch.add_column(sa.Column("expires_at", sa.DateTime(timezone=True), nullable=True))
    # Tokens made before expiry existed get the default lifetime from today.
    op.get_bind().execute(
        sa.text("UPDATE api_tokens SET expires_at = :until WHERE expires_at IS NULL"),
        {"until": datetime.now(UTC) + timedelta(days=90)},
    )
    with op.batch_alter_table("submissions") as batch:
        batch.add_column(sa.Column("submission_key", sa.String(length=64), nullable=True))
        batch.create_unique_constraint(batch.f("uq_submissions_submission_key"), ["submission_key"])
    op.create_table(
        "organisation_changes",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("organisation_id", sa.Integer(), nullable=False),
        sa.Column("submission_id", sa.Integer(), nullable=True),
        sa.Column("kind", sa.String(length=20), nullable=True),
        sa.Column("municipality", sa.String(length=100), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["organisation_id"],
            ["organisations.id"],
            name=op.f("fk_organisation_changes_organisation_id_organisations"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["submission_id"],
            ["submissions.id"],
            name=op.f("fk_organisation_changes_submission_id_submissions"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_organisation_changes")),
    )
    op.create_index(
        op.f("ix_organisation_changes_organisation_id"),
        "organisation_changes",
        ["organisation_id"],
    )


def downgrade() -> None:
    op.drop_index(
        op.f("ix_organisation_changes_organisation_id"), table_name="organisation_changes"
    )
    op.drop_table("organisation_changes")
    with op.batch_alter_table("submissions") as batch:
        batch.drop_constraint(batch.f("uq_submissions_submission_key"), type_="unique")
        batch.drop_column("submission_key")
    with op.batch_alter_table("api_tokens") as batch:
        batch.drop_column("expires_at")
    with op.batch_alter_table("users") as batch:
        batch.drop_column("locked_until")
        batch.drop_column("failed_logins")
        batch.drop_column("session_version")
