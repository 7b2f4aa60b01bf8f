"""Feedback on accessibility."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import EmailField, HiddenField, TextAreaField
from wtforms.validators import DataRequired, Email, Length, Optional


class AccessibilityFeedbackForm(FlaskForm):
    message = TextAreaField(
        _l("Your feedback"),
        description=_l("What did not work, on which page, and how you would have needed it."),
        validators=[
            DataRequired(_l("Write your feedback.")),
            Length(max=5000, message=_l("At most %(max)d characters.")),
        ],
    )
    email = EmailField(
        _l("Email for a reply (optional)"),
        validators=[Optional(), Email(_l("Check the email address.")), Length(max=254)],
        render_kw={"autocomplete": "email"},
    )
    page = HiddenField()
