"""Forms of email: invitations, reminders, lost links, unsubscribing."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import EmailField, IntegerField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, Email, InputRequired, Length, NumberRange


def language_choices() -> list[SelectChoice]:
    """The languages messages can be written in, each named in itself."""
    return [
        SelectChoice(code, name, render_kw={"lang": code})
        for code, name in (("fi", "suomi"), ("sv", "svenska"), ("en", "English"))
    ]


class LostLinkForm(FlaskForm):
    email = EmailField(
        _l("The email address given with the answer"),
        validators=[
            DataRequired(_l("Give the email address.")),
            Email(_l("Check the email address.")),
            Length(max=254),
        ],
        render_kw={"autocomplete": "email"},
    )


class ReminderForm(FlaskForm):
    reminder_days = IntegerField(
        _l("Days before closing"),
        validators=[
            InputRequired(_l("Give a number of days.")),
            NumberRange(min=0, max=90, message=_l("Give a number from %(min)s to %(max)s.")),
        ],
    )


class ConfirmForm(FlaskForm):
    """A button that only needs the CSRF token."""
