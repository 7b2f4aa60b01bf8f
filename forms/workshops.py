"""The facilitator's workshop form, built for the round's questions."""

from __future__ import annotations

from collections.abc import Sequence

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import HiddenField, IntegerField, TextAreaField
from wtforms.validators import InputRequired, Length, NumberRange, ValidationError

from consult.utils import is_id
from forms.fields import proposals_field, question_field_name, split_lines

MAX_COUNT = 10000


def _count_field(label) -> IntegerField:
    return IntegerField(
        label,
        default=0,
        validators=[
            InputRequired(_l("Give a number (0 if none).")),
            NumberRange(min=0, max=MAX_COUNT, message=_l("Give a number from %(min)s to %(max)s.")),
        ],
        render_kw={"inputmode": "numeric", "min": 0, "max": MAX_COUNT},
    )


def _check_organisations(form, field) -> None:
    for line in split_lines(field.data):
        if len(line) > 200:
            raise ValidationError(_l("An organisation's name can be at most 200 characters."))


class WorkshopSessionForm(FlaskForm):
    org_reps = _count_field(_l("Organisations' representatives"))
    staff = _count_field(_l("Municipality or wellbeing county staff"))
    residents = _count_field(_l("Residents"))
    others = _count_field(_l("Others"))
    organisations = TextAreaField(
        _l("Attending organisations"),
        description=_l("One organisation per line."),
        validators=[Length(max=20000), _check_organisations],
    )
    report = TextAreaField(
        _l("Closing report"),
        description=_l("A few sentences: how the workshop went, what stood out."),
        validators=[Length(max=5000, message=_l("At most %(max)d characters."))],
    )
    # What the page showed when it was loaded: a save removes only these, so entries another
    # facilitator added on the same link meanwhile are kept.
    known_proposals = HiddenField()
    known_organisations = HiddenField()


def known_ids(field: HiddenField) -> set[int] | None:
    """The ids a hidden "known" field listed when the form was rendered; None if not sent."""
    if not field.raw_data:
        return None
    return {int(part) for part in (field.data or "").split(",") if is_id(part.strip())}


def workshop_session_form(questions: Sequence, **kwargs) -> WorkshopSessionForm:
    """A session form with one proposals field per question."""

    class Form(WorkshopSessionForm):
        pass

    for question in questions:
        setattr(
            Form,
            question_field_name(question.id),
            proposals_field(question.text, _l("One proposal per line.")),
        )
    return Form(**kwargs)
