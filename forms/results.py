"""Forms of the published results (convenor side)."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import HiddenField, TextAreaField
from wtforms.validators import AnyOf, Length


class ObservationsForm(FlaskForm):
    observations = TextAreaField(
        _l("General observations"),
        description=_l(
            "Shown on the results page and in the summary of views: what stood out overall, "
            "in a few paragraphs."
        ),
        validators=[Length(max=20000, message=_l("At most %(max)d characters."))],
    )


class PublishForm(FlaskForm):
    action = HiddenField(validators=[AnyOf(("publish", "unpublish"))])
