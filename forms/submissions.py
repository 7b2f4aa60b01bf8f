"""An organisation's independent submission, built for the round's questions."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, EmailField, HiddenField, SelectField, StringField
from wtforms.validators import DataRequired, Email, Length, Optional

from forms.fields import proposals_field, question_field_name, split_lines


def organisation_kind_choices() -> list[tuple[str, str]]:
    from consult.formatting import ORGANISATION_KIND_LABELS

    return [("", _l("Choose…"))] + [(k, v) for k, v in ORGANISATION_KIND_LABELS.items()]


class SubmissionForm(FlaskForm):
    organisation = StringField(
        _l("Organisation"),
        validators=[
            DataRequired(_l("Give the name of your organisation.")),
            Length(max=200, message=_l("At most %(max)d characters.")),
        ],
        render_kw={"autocomplete": "organization"},
    )
    kind = SelectField(
        _l("Kind of organisation"),
        validators=[DataRequired(_l("Choose the kind of organisation."))],
    )
    municipality = StringField(
        _l("Municipality"),
        validators=[
            DataRequired(_l("Give the municipality where your organisation works.")),
            Length(max=100, message=_l("At most %(max)d characters.")),
        ],
    )
    contact_name = StringField(
        _l("Contact person (optional)"),
        validators=[Optional(), Length(max=200, message=_l("At most %(max)d characters."))],
        render_kw={"autocomplete": "name"},
    )
    contact_email = EmailField(
        _l("Contact email (optional)"),
        validators=[Optional(), Email(_l("Check the email address.")), Length(max=254)],
        render_kw={"autocomplete": "email"},
    )
    quote_consent = BooleanField(
        _l("Our proposals may be quoted with our organisation's name in the published results")
    )
    send_link = BooleanField(_l("Send me the private edit link by email"))
    notify_results = BooleanField(
        _l("Tell me by email when the results are published or a highlight moves on")
    )

    # Made when the form is rendered; a resend of the same form finds the first answer.
    submission_key = HiddenField()

    question_fields: list[str] = []

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.kind.choices = organisation_kind_choices()

    def proposals(self) -> dict[str, list[str]]:
        return {name: split_lines(getattr(self, name).data) for name in self.question_fields}

    def validate(self, extra_validators=None) -> bool:
        ok = super().validate(extra_validators)
        if (
            ok
            and (self.send_link.data or self.notify_results.data)
            and not (self.contact_email.data or "").strip()
        ):
            self.contact_email.errors.append(_l("Give the email address to send to."))
            return False
        if ok and not any(self.proposals().values()):
            first = (
                getattr(self, self.question_fields[0])
                if self.question_fields
                else self.organisation
            )
            first.errors.append(_l("Write at least one proposal."))
            return False
        return ok


def edit_data(submission: Any, texts: dict[int, list[str]]) -> dict[str, Any]:
    """The edit form's initial data: the answer as saved (``texts``: proposals by question)."""
    org = submission.organisation
    data: dict[str, Any] = {
        "organisation": org.name if org else "",
        "kind": org.kind if org else "",
        "municipality": org.municipality if org else "",
        "contact_name": submission.contact_name,
        "contact_email": submission.contact_email,
        "notify_results": submission.notify_results,
        "quote_consent": submission.quote_consent,
    }
    for q in submission.round.questions:
        data[question_field_name(q.id)] = "\n".join(texts.get(q.id, []))
    return data


def submission_form(questions: Sequence, **kwargs) -> SubmissionForm:
    """A submission form with one proposals field per question."""

    class Form(SubmissionForm):
        pass

    Form.question_fields = [question_field_name(q.id) for q in questions]
    for question in questions:
        setattr(
            Form,
            question_field_name(question.id),
            proposals_field(question.text, _l("One proposal per line.")),
        )
    return Form(**kwargs)
