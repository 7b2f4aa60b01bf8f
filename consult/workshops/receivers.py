"""What workshops do when another feature changes something they depend on."""

from __future__ import annotations

import sqlalchemy as sa

from consult.extensions import db
from consult.signals import organisation_merging
from consult.workshops.models import workshop_organisations


@organisation_merging.connect
def move_attendances(_sender: object, from_id: int, to_id: int, **_kwargs: object) -> None:
    """A merged duplicate's workshop attendances move to the organisation that stays (once
    per workshop)."""
    already = set(
        db.session.scalars(
            sa.select(workshop_organisations.c.workshop_id).where(
                workshop_organisations.c.organisation_id == to_id
            )
        )
    )
    moving = set(
        db.session.scalars(
            sa.select(workshop_organisations.c.workshop_id).where(
                workshop_organisations.c.organisation_id == from_id
            )
        )
    )
    db.session.execute(
        sa.delete(workshop_organisations).where(workshop_organisations.c.organisation_id == from_id)
    )
    for workshop_id in sorted(moving - already):
        db.session.execute(
            sa.insert(workshop_organisations).values(workshop_id=workshop_id, organisation_id=to_id)
        )
