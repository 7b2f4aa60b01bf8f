"""Shared field helpers: proposals typed one per line."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from flask_babel import lazy_gettext as _l
from wtforms import DateField, TextAreaField
from wtforms.validators import Length, ValidationError

from consult.rounds.models import OTHER_LANGUAGES

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
                _l(
                    "Proposal %(number)d is too long (at most %(max)d characters).",
                    number=number,
                    max=MAX_PROPOSAL_LENGTH,
                )
            )


def proposals_field(label: str, description: str = "") -> TextAreaField:
    return TextAreaField(
        label,
        description=description,
        validators=[
            Length(max=MAX_PROPOSALS_PER_QUESTION * (MAX_PROPOSAL_LENGTH + 2)),
            check_proposal_lines,
        ],
    )


def typed_lines(form_data, question_ids) -> list[str]:
    """Every proposal line typed into a posted form, to show back when it cannot be saved."""
    return [
        line
        for qid in question_ids
        for line in split_lines(form_data.get(question_field_name(qid)))
    ]


def question_field_name(question_id: int) -> str:
    return f"q_{question_id}"


class LocalDateField(DateField):
    """A date typed as ``29.8.2018`` or sent by a browser's date picker as ``2018-08-29``."""

    def __init__(self, label=None, validators=None, **kwargs) -> None:
        super().__init__(label, validators, format=["%Y-%m-%d", "%d.%m.%Y"], **kwargs)

    def process_formdata(self, valuelist) -> None:
        if not valuelist or not valuelist[0].strip():
            self.data = None
            return
        text = valuelist[0].strip()
        for fmt in self.format:
            try:
                self.data = datetime.strptime(text, fmt).date()
                return
            except ValueError:
                continue
        self.data = None
        raise ValueError(str(_l("Give a real date, for example %(example)s.", example="29.8.2018")))


def translations_from(values: dict[str, str], fields: tuple[str, ...]) -> dict[str, dict]:
    """``{"sv": {...}, "en": {...}}`` from form values named ``<field>_<lang>``, blanks
    left out."""
    result: dict[str, dict] = {}
    for lang in OTHER_LANGUAGES:
        texts = {f: (values.get(f"{f}_{lang}") or "").strip() for f in fields}
        texts = {f: t for f, t in texts.items() if t}
        if texts:
            result[lang] = texts
    return result


def translation_values(obj: Any, fields: tuple[str, ...]) -> dict[str, str]:
    """The reverse of :func:`translations_from`: form data for the translation fields."""
    data = {}
    for lang in OTHER_LANGUAGES:
        for f in fields:
            data[f"{f}_{lang}"] = ((obj.translations or {}).get(lang) or {}).get(f, "")
    return data
