"""Forms for rounds, their questions and workshops."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import IntegerField, StringField, TextAreaField
from wtforms.validators import (
    DataRequired,
    InputRequired,
    Length,
    NumberRange,
    Optional,
    ValidationError,
)

from forms.fields import LocalDateField


class RoundForm(FlaskForm):
    title = StringField(
        _l("Title"),
        validators=[
            DataRequired(_l("Give the round a title.")),
            Length(max=200, message=_l("At most %(max)d characters.")),
        ],
    )
    purpose = TextAreaField(
        _l("Purpose"), validators=[Length(max=5000, message=_l("At most %(max)d characters."))]
    )
    instructions = TextAreaField(
        _l("Instructions for independent participation"),
        validators=[Length(max=10000, message=_l("At most %(max)d characters."))],
    )
    opens_on = LocalDateField(
        _l("Opens on"), validators=[InputRequired(_l("Give the opening date."))]
    )
    closes_on = LocalDateField(
        _l("Closes on"), validators=[InputRequired(_l("Give the closing date."))]
    )

    def validate_closes_on(self, field: LocalDateField) -> None:
        if self.opens_on.data and field.data and field.data < self.opens_on.data:
            raise ValidationError(_l("The round cannot close before it opens."))


class QuestionForm(FlaskForm):
    text = StringField(
        _l("Question"),
        validators=[
            DataRequired(_l("Write the question.")),
            Length(max=500, message=_l("At most %(max)d characters.")),
        ],
    )
    help_text = TextAreaField(
        _l("Help text"), validators=[Length(max=2000, message=_l("At most %(max)d characters."))]
    )
    position = IntegerField(
        _l("Order"),
        validators=[
            Optional(),
            NumberRange(min=1, max=100, message=_l("Give a number from %(min)s to %(max)s.")),
        ],
    )


class WorkshopForm(FlaskForm):
    network = StringField(
        _l("Network"),
        validators=[
            DataRequired(_l("Name the network.")),
            Length(max=200, message=_l("At most %(max)d characters.")),
        ],
    )
    date = LocalDateField(
        _l("Date"), validators=[InputRequired(_l("Give the date of the workshop."))]
    )
    place = StringField(
        _l("Place"), validators=[Length(max=200, message=_l("At most %(max)d characters."))]
    )
    facilitator = StringField(
        _l("Facilitator"), validators=[Length(max=200, message=_l("At most %(max)d characters."))]
    )
