"""The organisation directory: list, edit, merge duplicates, import from CSV."""

from __future__ import annotations

import sqlalchemy as sa
from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import login_required

from consult.auth.decorators import convenor_required
from consult.errors import DomainError, ErrorCode, user_message
from consult.extensions import db
from consult.imports import uploads
from consult.imports.preview import import_page, uploaded_table
from consult.imports.services import bulk_work
from consult.organisations import queries, services
from consult.organisations.models import Organisation
from consult.utils import is_id
from forms.organisations import ConfirmImportForm, OrganisationForm, UploadForm

bp = Blueprint("organisations", __name__, url_prefix="/organisaatiot")


def row_error_message(code: str) -> str:
    return {
        "no_name_column": _("The file has no column for the name (nimi / name)."),
        "name_missing": _("the name is empty"),
        "name_too_long": _("the name is longer than 200 characters"),
        "kind_unknown": _("unknown kind of organisation"),
        "business_id_invalid": _(
            "the business ID is not valid (format 1234567-8 and its check digit)"
        ),
        "duplicate_row": _("the same organisation appears twice in the file"),
        "business_id_duplicate": _("the same business ID appears twice in the file"),
        "email_invalid": _("the email address is not valid"),
    }.get(code, code)


@bp.route("/")
@login_required
def index():
    """All organisations, with how often each took part."""
    search = request.args.get("q", "").strip()[:100]
    return render_template(
        "organisations/index.html", rows=queries.directory(search), search=search
    )


@bp.route("/<int:org_id>", methods=["GET", "POST"])
@convenor_required
def edit(org_id: int):
    """Edit an organisation's details."""
    org = db.get_or_404(Organisation, org_id)
    form = OrganisationForm(obj=org)
    if form.validate_on_submit():
        try:
            services.update_organisation(org, **form.values())
        except DomainError as exc:
            field = form.business_id if exc.code == ErrorCode.BUSINESS_ID_TAKEN else form.name
            field.errors.append(user_message(exc))
        else:
            db.session.commit()
            flash(_("Changes saved."), "success")
            return redirect(url_for("organisations.index"))
    return render_template(
        "organisations/edit.html", form=form, org=org, changes=services.pending_changes(org)
    )


@bp.route("/<int:org_id>/muutokset/<int:change_id>", methods=["POST"])
@convenor_required
def change(org_id: int, change_id: int):
    """Accept or dismiss a change that a public answer proposed."""
    org = db.get_or_404(Organisation, org_id)
    action = request.form.get("action")
    if action not in ("accept", "dismiss"):
        abort(400)
    if services.decide_change(org, change_id, accept=action == "accept"):
        db.session.commit()
        flash(
            _("The change was accepted.") if action == "accept" else _("The change was dismissed."),
            "success",
        )
    return redirect(url_for("organisations.edit", org_id=org.id))


@bp.route("/yhdista", methods=["POST"])
@convenor_required
def merge():
    """Merge the chosen duplicates into one organisation."""
    from flask_wtf.csrf import validate_csrf
    from wtforms.validators import ValidationError

    try:
        validate_csrf(request.form.get("csrf_token"))
    except ValidationError:
        abort(400)
    ids = {int(i) for i in request.form.getlist("ids") if is_id(i)}
    target_id = request.form.get("target", type=int)
    if not target_id or target_id not in ids or len(ids) < 2:
        flash(_("Tick at least two organisations and choose which one stays."), "error")
        return redirect(url_for("organisations.index"))
    target = db.get_or_404(Organisation, target_id)
    duplicates = list(
        db.session.scalars(sa.select(Organisation).where(Organisation.id.in_(ids - {target_id})))
    )
    count = services.merge(target, duplicates)
    db.session.commit()
    flash(_("%(n)d organisations were merged into %(name)s.", n=count, name=target.name), "success")
    return redirect(url_for("organisations.index"))


def _import_page(upload: UploadForm, status: int = 200, **context):
    return import_page("organisations/import.html", upload, status, **context)


@bp.route("/tuo", methods=["GET", "POST"])
@convenor_required
def import_csv():
    """Import organisations from CSV: preview first, then confirm."""
    upload, confirm = UploadForm(), ConfirmImportForm()
    confirming = request.form.get("step") == "confirm"
    if request.method == "GET":
        return _import_page(upload)
    got = uploaded_table(upload, confirm)
    if got is None:
        # On confirming, the preview's key was tampered with or the file is gone: nothing saved.
        return abort(400) if confirming else _import_page(upload, 400)
    table, key, filename = got
    with bulk_work():
        parsed = services.parse_organisations(table)
    if confirming:
        return _apply_import(parsed, key)
    confirm.payload.data, confirm.filename.data = key, filename
    errors = [(line, row_error_message(code)) for line, code in parsed.errors]
    return _import_page(upload, confirm=confirm, parsed=parsed, errors=errors)


def _apply_import(parsed: services.OrganisationImport, key: str):
    if parsed.errors:
        abort(400)
    with bulk_work():
        added, updated = services.apply_organisations(parsed)
    db.session.commit()
    uploads.discard(key)
    flash(
        _(
            "Import done: %(added)d organisations added, %(updated)d completed.",
            added=added,
            updated=updated,
        ),
        "success",
    )
    return redirect(url_for("organisations.index"))
