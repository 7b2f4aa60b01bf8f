"""Forms of the organisation directory and of imports."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import FileField, FileRequired
from wtforms import EmailField, HiddenField, SelectField, StringField
from wtforms.validators import DataRequired, Email, Length, Optional, ValidationError

from consult.errors import DomainError, user_message
from consult.organisations.validation import normalise_business_id
from forms.mail import language_choices
from forms.submissions import organisation_kind_choices


def _check_business_id(form, field) -> None:
    if not field.data:
        return
    try:
        field.data = normalise_business_id(field.data)
    except DomainError as exc:
        raise ValidationError(user_message(exc)) from exc


class OrganisationForm(FlaskForm):
    name = StringField(
        _l("Name"),
        validators=[
            DataRequired(_l("Give the name.")),
            Length(max=200, message=_l("At most %(max)d characters.")),
        ],
    )
    kind = SelectField(
        _l("Kind of organisation"),
        validators=[DataRequired(_l("Choose the kind of organisation."))],
    )
    municipality = StringField(
        _l("Municipality"), validators=[Length(max=100, message=_l("At most %(max)d characters."))]
    )
    business_id = StringField(
        _l("Business ID (Y-tunnus)"),
        validators=[Optional(), Length(max=12), _check_business_id],
        description=_l("Optional, e.g. 1234567-8."),
    )
    register_number = StringField(
        _l("Association register number"),
        validators=[Optional(), Length(max=20, message=_l("At most %(max)d characters."))],
        description=_l("Optional."),
    )
    email = EmailField(
        _l("Email for invitations (optional)"),
        validators=[Optional(), Email(_l("Check the email address.")), Length(max=254)],
        description=_l(
            "The organisation's general address (e.g. the board's), used only to invite it to "
            "consultation rounds and to remind it before they close. Prefer an address that is "
            "not a person's own."
        ),
    )
    language = SelectField(
        _l("Language of messages"),
        choices=language_choices(),
        default="fi",
    )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.kind.choices = organisation_kind_choices()

    def values(self) -> dict:
        """The keyword arguments of ``update_organisation``."""
        return {
            "name": self.name.data,
            "kind": self.kind.data,
            "municipality": self.municipality.data or "",
            "business_id": self.business_id.data or "",
            "register_number": self.register_number.data or "",
            "email": self.email.data or "",
            "language": self.language.data or "fi",
        }


class UploadForm(FlaskForm):
    file = FileField(_l("File (CSV or XLSX)"), validators=[FileRequired(_l("Choose a file."))])


class ConfirmImportForm(FlaskForm):
    payload = HiddenField()
    filename = HiddenField()
