"""What submissions say when another feature changes something they depend on."""

from __future__ import annotations

import sqlalchemy as sa

from consult.errors import DomainError, ErrorCode
from consult.extensions import db
from consult.rounds.models import Question
from consult.signals import organisation_merging, question_deleting
from consult.submissions.models import Proposal, Submission


@question_deleting.connect
def refuse_question_with_proposals(question: Question, **_kwargs: object) -> None:
    """A question with proposals is not deleted, so nothing typed is lost."""
    if db.session.scalar(
        sa.select(Proposal.id).where(Proposal.question_id == question.id).limit(1)
    ):
        raise DomainError(ErrorCode.QUESTION_HAS_PROPOSALS)


@organisation_merging.connect
def move_answers(_sender: object, from_id: int, to_id: int, **_kwargs: object) -> None:
    """A merged duplicate's answers belong to the organisation that stays."""
    db.session.execute(
        sa.update(Submission)
        .where(Submission.organisation_id == from_id)
        .values(organisation_id=to_id)
    )
