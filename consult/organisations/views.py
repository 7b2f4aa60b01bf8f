"""The organisation directory: list, edit, merge duplicates (its CSV import is in imports)."""

from __future__ import annotations

import sqlalchemy as sa
from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import login_required

from consult.auth.decorators import convenor_required
from consult.errors import DomainError, ErrorCode, user_message
from consult.extensions import db
from consult.organisations import queries, services
from consult.organisations.models import Organisation
from consult.utils import is_id
from forms.organisations import OrganisationForm

bp = Blueprint("organisations", __name__, url_prefix="/organisaatiot")


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
