"""Read-only queries over proposals and where they came from (a workshop or an organisation)."""

from __future__ import annotations

import sqlalchemy as sa

from consult.organisations.models import Organisation
from consult.rounds.models import Question
from consult.submissions.models import Proposal, Submission
from consult.workshops.models import Workshop


def with_source(stmt: sa.Select) -> sa.Select:
    """``stmt``, a select over ``Proposal``, joined to the proposal's ``Question`` and
    ``Submission`` and to its source: the ``Workshop`` or the ``Organisation`` (outer joins;
    a workshop's proposals have no organisation, an independent answer's no workshop)."""
    return (
        stmt.join(Question, Question.id == Proposal.question_id)
        .join(Submission, Submission.id == Proposal.submission_id)
        .outerjoin(Workshop, Workshop.id == Submission.workshop_id)
        .outerjoin(Organisation, Organisation.id == Submission.organisation_id)
    )
