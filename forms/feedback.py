"""The anonymous feedback form after a workshop."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import RadioField, TextAreaField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import AnyOf, InputRequired, Length

MAX_COMMENT_LENGTH = 2000
GRADES = ("1", "2", "3", "4", "5")
USEFUL_CHOICES = ("yes", "no", "unsure")


class FeedbackForm(FlaskForm):
    grade = RadioField(
        _l("Overall grade for the workshop"),
        choices=[SelectChoice(g) for g in GRADES],
        validate_choice=False,  # AnyOf below gives the clear message instead of WTForms' own
        validators=[
            InputRequired(_l("Choose a grade from 1 to 5.")),
            AnyOf(GRADES, message=_l("Choose a grade from 1 to 5.")),
        ],
    )
    useful = RadioField(
        _l("Was the workshop useful to you?"),
        choices=[
            SelectChoice("yes", _l("Yes")),
            SelectChoice("no", _l("No")),
            SelectChoice("unsure", _l("Can't say")),
        ],
        validate_choice=False,
        validators=[
            InputRequired(_l("Answer whether the workshop was useful: yes, no or can't say.")),
            AnyOf(
                USEFUL_CHOICES,
                message=_l("Answer whether the workshop was useful: yes, no or can't say."),
            ),
        ],
    )
    comment = TextAreaField(
        _l("Comments (optional)"),
        description=_l(
            "What went well, what could be better? At most %(max)d characters.",
            max=MAX_COMMENT_LENGTH,
        ),
        validators=[
            Length(
                max=MAX_COMMENT_LENGTH,
                message=_l(
                    "The comment is too long: at most %(max)d characters. Shorten it a little."
                ),
            )
        ],
    )
