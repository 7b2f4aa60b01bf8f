"""Retention of contact details and deleting a round."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import IntegerField, StringField
from wtforms.validators import DataRequired, InputRequired, NumberRange


class RetentionForm(FlaskForm):
    contact_months = IntegerField(
        _l("Keep contact details for this many months after the round closes"),
        validators=[
            InputRequired(_l("Give the number of months.")),
            NumberRange(0, 120, _l("Give a number from 0 to 120.")),
        ],
    )


class DeleteRoundForm(FlaskForm):
    confirm = StringField(
        _l("Type the round's address name to confirm"),
        validators=[DataRequired(_l("Type the round's address name to confirm."))],
        render_kw={"autocomplete": "off", "spellcheck": "false"},
    )
