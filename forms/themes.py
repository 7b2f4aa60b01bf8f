"""The analyse form."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import IntegerField, SelectField
from wtforms.validators import NumberRange, Optional


class AnalyseForm(FlaskForm):
    question = SelectField(_l("Proposals to analyse"), coerce=str, default="")
    n_themes = IntegerField(
        _l("About how many themes (optional)"),
        validators=[
            Optional(),
            NumberRange(min=2, max=40, message=_l("Give a number from %(min)s to %(max)s.")),
        ],
        description=_l("Leave empty and the analysis finds the number of themes itself."),
    )

    def set_questions(self, questions) -> None:
        self.question.choices = [("", _l("All questions together"))] + [
            (str(q.id), q.text) for q in questions
        ]
