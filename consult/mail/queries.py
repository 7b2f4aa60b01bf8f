"""What the convenor sees of email: messages and invitations of a round."""

from __future__ import annotations

from collections import Counter

import sqlalchemy as sa

from consult.extensions import db
from consult.mail.models import Invitation, OutgoingMessage
from consult.organisations.models import Organisation
from consult.rounds.models import Round


def messages(rnd: Round, limit: int = 500) -> list[OutgoingMessage]:
    return list(
        db.session.scalars(
            sa.select(OutgoingMessage)
            .where(OutgoingMessage.round_id == rnd.id)
            .order_by(OutgoingMessage.created_at.desc(), OutgoingMessage.id.desc())
            .limit(limit)
        )
    )


def status_counts(rnd: Round) -> Counter:
    rows = db.session.execute(
        sa.select(OutgoingMessage.status, sa.func.count())
        .where(OutgoingMessage.round_id == rnd.id)
        .group_by(OutgoingMessage.status)
    ).all()
    return Counter({status: n for status, n in rows})


def latest_by(rnd: Round, column) -> dict[int, OutgoingMessage]:
    """The newest message per workshop or invitation (``column``) of the round."""
    latest: dict[int, OutgoingMessage] = {}
    for message in db.session.scalars(
        sa.select(OutgoingMessage)
        .where(OutgoingMessage.round_id == rnd.id, column.is_not(None))
        .order_by(OutgoingMessage.id)
    ):
        latest[getattr(message, column.key)] = message
    return latest


def invitations(rnd: Round) -> list[Invitation]:
    return list(
        db.session.scalars(
            sa.select(Invitation)
            .join(Organisation, Organisation.id == Invitation.organisation_id)
            .where(Invitation.round_id == rnd.id)
            .order_by(Organisation.name)
        )
    )


def invitable(rnd: Round) -> tuple[list[Organisation], int]:
    """Organisations with an email not invited yet, and how many have no email."""
    invited = sa.select(Invitation.organisation_id).where(Invitation.round_id == rnd.id)
    orgs = list(
        db.session.scalars(
            sa.select(Organisation)
            .where(Organisation.email != "", Organisation.id.not_in(invited))
            .order_by(Organisation.name)
        )
    )
    without = db.session.scalar(
        sa.select(sa.func.count()).select_from(Organisation).where(Organisation.email == "")
    )
    return orgs, int(without or 0)
