"""Shared field helpers: proposals typed one per line."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from wtforms import TextAreaField
from wtforms.validators import Length, ValidationError

MAX_PROPOSAL_LENGTH = 4000
MAX_PROPOSALS_PER_QUESTION = 300


def split_lines(text: str | None) -> list[str]:
    """The non-empty lines of a text area, stripped, bullets removed."""
    lines = []
    for raw in (text or "").splitlines():
        line = raw.strip().lstrip("•*–-").strip()
        if line:
            lines.append(line)
    return lines


def check_proposal_lines(form, field: TextAreaField) -> None:
    lines = split_lines(field.data)
    if len(lines) > MAX_PROPOSALS_PER_QUESTION:
        raise ValidationError(
            _l("At most %(n)d proposals per question.", n=MAX_PROPOSALS_PER_QUESTION)
        )
    for number, line in enumerate(lines, start=1):
        if len(line) > MAX_PROPOSAL_LENGTH:
            raise ValidationError(
                _l("Proposal %(number)d is too long (at most %(max)d characters).", number=number, max=MAX_PROPOSAL_LENGTH)
            )


def proposals_field(label: str, description: str = "") -> TextAreaField:
    return TextAreaField(
        label,
        description=description,
        validators=[Length(max=MAX_PROPOSALS_PER_QUESTION * (MAX_PROPOSAL_LENGTH + 2)), check_proposal_lines],
    )


def question_field_name(question_id: int) -> str:
    return f"q_{question_id}"
