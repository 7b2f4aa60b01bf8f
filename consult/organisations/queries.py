"""Read-only views of the organisation directory."""

from __future__ import annotations

from dataclasses import dataclass

import sqlalchemy as sa

from consult.extensions import db
from consult.organisations.models import Organisation
from consult.submissions.models import Submission
from consult.utils import name_key
from consult.workshops.models import workshop_organisations


@dataclass
class DirectoryRow:
    org: Organisation
    submissions: int
    workshops: int


def directory(search: str = "") -> list[DirectoryRow]:
    subs = dict(
        db.session.execute(
            sa.select(Submission.organisation_id, sa.func.count())
            .where(Submission.organisation_id.is_not(None))
            .group_by(Submission.organisation_id)
        ).all()
    )
    attended: dict[int, int] = dict(
        db.session.execute(
            sa.select(workshop_organisations.c.organisation_id, sa.func.count()).group_by(
                workshop_organisations.c.organisation_id
            )
        ).all()
    )
    stmt = sa.select(Organisation).order_by(Organisation.name_key)
    if search:
        stmt = stmt.where(Organisation.name_key.contains(name_key(search), autoescape=True))
    return [
        DirectoryRow(o, subs.get(o.id, 0), attended.get(o.id, 0)) for o in db.session.scalars(stmt)
    ]
