"""Forms for rounds, their questions and workshops."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import EmailField, IntegerField, SelectField, StringField, TextAreaField
from wtforms.validators import (
    DataRequired,
    Email,
    InputRequired,
    Length,
    NumberRange,
    Optional,
    ValidationError,
)

from forms.fields import LocalDateField
from forms.mail import language_choices


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

    title_sv = StringField(
        _l("Title in Swedish"),
        validators=[Length(max=200, message=_l("At most %(max)d characters."))],
        render_kw={"lang": "sv"},
    )
    title_en = StringField(
        _l("Title in English"),
        validators=[Length(max=200, message=_l("At most %(max)d characters."))],
        render_kw={"lang": "en"},
    )
    purpose_sv = TextAreaField(
        _l("Purpose in Swedish"),
        validators=[Length(max=5000, message=_l("At most %(max)d characters."))],
        render_kw={"lang": "sv"},
    )
    purpose_en = TextAreaField(
        _l("Purpose in English"),
        validators=[Length(max=5000, message=_l("At most %(max)d characters."))],
        render_kw={"lang": "en"},
    )
    instructions_sv = TextAreaField(
        _l("Instructions in Swedish"),
        validators=[Length(max=10000, message=_l("At most %(max)d characters."))],
        render_kw={"lang": "sv"},
    )
    instructions_en = TextAreaField(
        _l("Instructions in English"),
        validators=[Length(max=10000, message=_l("At most %(max)d characters."))],
        render_kw={"lang": "en"},
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
    text_sv = StringField(
        _l("Question in Swedish"),
        validators=[Length(max=500, message=_l("At most %(max)d characters."))],
        render_kw={"lang": "sv"},
    )
    text_en = StringField(
        _l("Question in English"),
        validators=[Length(max=500, message=_l("At most %(max)d characters."))],
        render_kw={"lang": "en"},
    )
    help_text_sv = TextAreaField(
        _l("Help text in Swedish"),
        validators=[Length(max=2000, message=_l("At most %(max)d characters."))],
        render_kw={"lang": "sv"},
    )
    help_text_en = TextAreaField(
        _l("Help text in English"),
        validators=[Length(max=2000, message=_l("At most %(max)d characters."))],
        render_kw={"lang": "en"},
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
    facilitator_email = EmailField(
        _l("Facilitator's email (optional)"),
        validators=[Optional(), Email(_l("Check the email address.")), Length(max=254)],
        description=_l(
            "Only for sending the facilitator the session link and the QR sheet from the "
            "round page."
        ),
    )
    facilitator_language = SelectField(
        _l("Language of the facilitator's messages"),
        choices=language_choices(),
        default="fi",
    )

    def values(self) -> dict:
        """The keyword arguments of ``add_workshop``/``update_workshop``."""
        return {
            "network": self.network.data,
            "date": self.date.data,
            "place": self.place.data or "",
            "facilitator": self.facilitator.data or "",
            "facilitator_email": self.facilitator_email.data or "",
            "facilitator_language": self.facilitator_language.data or "fi",
        }
