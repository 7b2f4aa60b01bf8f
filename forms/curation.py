"""Forms of the curation pages; each carries the selection's version it was made from."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import FileField, FileRequired
from wtforms import (
    BooleanField,
    HiddenField,
    IntegerField,
    SelectField,
    SelectMultipleField,
    StringField,
    TextAreaField,
)
from wtforms.fields.choices import SelectChoice
from wtforms.validators import (
    DataRequired,
    InputRequired,
    Length,
    NumberRange,
    Optional,
    ValidationError,
)

from forms.fields import LocalDateField

MAX_DOCUMENT_BYTES = 20 * 1024 * 1024


def _hidden_version():
    from wtforms.widgets import HiddenInput

    return IntegerField(widget=HiddenInput(), validators=[InputRequired()], default=0)


class ChangeForm(FlaskForm):
    """A change with no other fields (undo, delete, reorder, quotable)."""

    version = _hidden_version()


class StartForm(ChangeForm):
    run = SelectField(_l("Start from the analysis"), coerce=int)
    replace = BooleanField(_l("Yes, replace the current selection (you can undo this afterwards)"))


class EditThemeForm(ChangeForm):
    title = StringField(
        _l("Title"),
        validators=[DataRequired(_l("Give the theme a title.")), Length(max=200)],
    )
    statement = TextAreaField(
        _l("Highlight statement (nosto)"),
        validators=[Length(max=4000)],
        description=_l("One or two sentences that say what the organisations want."),
    )
    keywords = StringField(
        _l("Keywords"),
        validators=[Length(max=1000)],
        description=_l("Separate with commas."),
    )

    def keyword_list(self) -> list[str]:
        return [k.strip() for k in (self.keywords.data or "").split(",") if k.strip()][:20]


class AddThemeForm(ChangeForm):
    title = StringField(
        _l("Title of the new theme"),
        validators=[DataRequired(_l("Give the theme a title.")), Length(max=200)],
    )
    statement = TextAreaField(_l("Highlight statement (nosto)"), validators=[Length(max=4000)])


class MergeForm(ChangeForm):
    themes = SelectMultipleField(_l("Themes to merge"), coerce=int)


class ProposalsForm(ChangeForm):
    """Proposals picked on a theme's page: move them, or split them into a new theme."""

    proposals = SelectMultipleField(_l("Proposals"), coerce=int)
    target = SelectField(_l("Move to"), coerce=str, validate_choice=False)
    title = StringField(_l("Title of the new theme"), validators=[Length(max=200)])


class ReclusterForm(ChangeForm):
    n_themes = IntegerField(
        _l("Into how many themes (optional)"),
        validators=[
            Optional(),
            NumberRange(min=2, max=10, message=_l("Give a number from %(min)s to %(max)s.")),
        ],
    )


class AssignForm(ChangeForm):
    proposal = HiddenField(validators=[InputRequired()])
    theme = SelectField(_l("Theme"), coerce=int, validate_choice=False)


class FollowUpForm(ChangeForm):
    route = SelectField(_l("Route"))
    route_other = StringField(_l("Name of the other document"), validators=[Length(max=200)])
    status = SelectField(_l("Follow-up status"))
    status_date = LocalDateField(_l("Date"), validators=[Optional()])
    status_note = TextAreaField(_l("Note"), validators=[Length(max=4000)])

    def set_choices(self, routes, statuses) -> None:
        self.route.choices = [SelectChoice(k, str(v)) for k, v in routes.items()]
        self.status.choices = [SelectChoice(k, str(v)) for k, v in statuses.items()]

    def validate_route_other(self, field: StringField) -> None:
        if self.route.data == "other" and not (field.data or "").strip():
            raise ValidationError(_l("Name the other document."))


BULK_ACTIONS = ("merge", "move", "route", "status", "delete")


class BulkForm(ChangeForm):
    """What to do with the highlights ticked on the overview."""

    themes = SelectMultipleField(
        _l("Ticked highlights"),
        coerce=int,
        validators=[DataRequired(_l("Tick at least one highlight first."))],
    )
    action = HiddenField()
    position = IntegerField(
        _l("To place"),
        validators=[
            Optional(),
            NumberRange(min=1, max=1000, message=_l("Give a number from %(min)s to %(max)s.")),
        ],
    )
    # Only the pressed action's fields count; those are checked below.
    route = SelectField(_l("Route"), validate_choice=False)
    route_other = StringField(_l("Name of the other document"), validators=[Length(max=200)])
    status = SelectField(_l("Follow-up status"), validate_choice=False)
    status_date = LocalDateField(_l("Date of the status (optional)"), validators=[Optional()])
    confirm = HiddenField()

    def set_choices(self, themes, routes, statuses) -> None:
        self.themes.choices = [SelectChoice(t.id, t.title) for t in themes]
        self.route.choices = [SelectChoice(k, str(v)) for k, v in routes.items()]
        self.status.choices = [SelectChoice(k, str(v)) for k, v in statuses.items()]

    def validate_themes(self, field) -> None:
        if self.action.data == "merge" and len(field.data or []) < 2:
            raise ValidationError(_l("Tick at least two highlights to merge."))

    def validate_position(self, field) -> None:
        if self.action.data == "move" and field.data is None:
            raise ValidationError(_l("Give the place to move the highlights to."))

    def validate_route(self, field: SelectField) -> None:
        if self.action.data == "route" and field.data not in {c.value for c in field.choices}:
            raise ValidationError(_l("Choose the route."))

    def validate_status(self, field: SelectField) -> None:
        if self.action.data == "status" and field.data not in {c.value for c in field.choices}:
            raise ValidationError(_l("Choose the follow-up status."))

    def validate_route_other(self, field: StringField) -> None:
        needs_name = self.action.data == "route" and self.route.data == "other"
        if needs_name and not (field.data or "").strip():
            raise ValidationError(_l("Name the other document."))


class DocumentForm(FlaskForm):
    name = StringField(
        _l("Name of the document"),
        validators=[Length(max=200)],
        description=_l("For example: Maakuntastrategia 2019–2025, luonnos 3.12."),
    )
    stage = SelectField(
        _l("Stage"),
        choices=[SelectChoice("draft", _l("Draft")), SelectChoice("final", _l("Final"))],
        default="draft",
    )
    file = FileField(
        _l("File (Word .docx, PDF or text)"),
        validators=[FileRequired(_l("Choose the file to upload."))],
    )


# Fields whose typed text is shown again when a stale edit is refused, so nothing is lost.
TYPED_FIELDS = ("title", "statement", "keywords", "status_note", "route_other")


def choices(pairs) -> list[SelectChoice]:
    """SelectChoices from (value, label) pairs."""
    return [SelectChoice(value, label) for value, label in pairs]
