"""Read-only figures of answers."""

from __future__ import annotations

import sqlalchemy as sa

from consult.extensions import db
from consult.submissions.models import Submission


def answers_by_organisation() -> dict[int, int]:
    """How many answers each organisation gave, over all rounds (the directory's count)."""
    rows = db.session.execute(
        sa.select(Submission.organisation_id, sa.func.count())
        .where(Submission.organisation_id.is_not(None))
        .group_by(Submission.organisation_id)
    ).all()
    return {org_id: n for org_id, n in rows if org_id is not None}
