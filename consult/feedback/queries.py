"""Read-only figures of feedback: per workshop and per round."""

from __future__ import annotations

from dataclasses import dataclass, field

import sqlalchemy as sa

from consult.extensions import db
from consult.feedback.models import Feedback
from consult.rounds.models import Round
from consult.workshops.models import Workshop


@dataclass
class FeedbackFigures:
    """Answers, answer rate, mean grade and useful share of one workshop or a whole round."""

    answers: int = 0
    participants: int = 0
    grade_sum: int = 0
    useful_yes: int = 0
    useful_no: int = 0
    useful_unsure: int = 0
    grades: dict[int, int] = field(default_factory=lambda: dict.fromkeys(range(1, 6), 0))

    @property
    def rate(self) -> float | None:
        """Answers per participant; None when no participants were recorded."""
        return self.answers / self.participants if self.participants else None

    @property
    def mean_grade(self) -> float | None:
        return self.grade_sum / self.answers if self.answers else None

    @property
    def useful_share(self) -> float | None:
        """Share who answered "yes" of all answers (can't say counts as not yes)."""
        return self.useful_yes / self.answers if self.answers else None

    def add(self, other: FeedbackFigures) -> None:
        self.answers += other.answers
        self.participants += other.participants
        self.grade_sum += other.grade_sum
        self.useful_yes += other.useful_yes
        self.useful_no += other.useful_no
        self.useful_unsure += other.useful_unsure
        for grade, n in other.grades.items():
            self.grades[grade] += n


@dataclass
class WorkshopFeedback:
    workshop: Workshop
    figures: FeedbackFigures
    comments: list[str]


@dataclass
class RoundFeedback:
    total: FeedbackFigures
    workshops: list[WorkshopFeedback]


def round_feedback(rnd: Round) -> RoundFeedback:
    """Figures per workshop (in date order) and for the round.

    The round's answer rate counts the participants of every workshop, also those whose
    feedback link nobody used, so the figure is not flattered.
    """
    rows = db.session.execute(
        sa.select(Feedback.workshop_id, Feedback.grade, Feedback.useful, sa.func.count())
        .join(Workshop, Workshop.id == Feedback.workshop_id)
        .where(Workshop.round_id == rnd.id)
        .group_by(Feedback.workshop_id, Feedback.grade, Feedback.useful)
    ).all()
    comments: dict[int, list[str]] = {}
    for workshop_id, comment in db.session.execute(
        sa.select(Feedback.workshop_id, Feedback.comment)
        .join(Workshop, Workshop.id == Feedback.workshop_id)
        .where(Workshop.round_id == rnd.id, Feedback.comment != "")
        .order_by(Feedback.created_at, Feedback.id)
    ):
        comments.setdefault(workshop_id, []).append(comment)

    figures = {w.id: FeedbackFigures(participants=w.participants) for w in rnd.workshops}
    for workshop_id, grade, useful, n in rows:
        f = figures[workshop_id]
        f.answers += n
        f.grade_sum += grade * n
        f.grades[grade] += n
        if useful == "yes":
            f.useful_yes += n
        elif useful == "no":
            f.useful_no += n
        else:
            f.useful_unsure += n

    total = FeedbackFigures()
    per_workshop = []
    for w in sorted(rnd.workshops, key=lambda w: (w.date, w.id)):
        total.add(figures[w.id])
        per_workshop.append(WorkshopFeedback(w, figures[w.id], comments.get(w.id, [])))
    return RoundFeedback(total=total, workshops=per_workshop)
