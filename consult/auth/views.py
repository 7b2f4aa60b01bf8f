"""Login and logout for convenors and observers."""

from __future__ import annotations

from urllib.parse import urlsplit

from flask import Blueprint, current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required, login_user, logout_user

from consult.auth.services import authenticate
from consult.extensions import db, limiter
from forms.auth import LoginForm

bp = Blueprint("auth", __name__)


def _safe_next(target: str | None) -> str:
    if (
        target
        and urlsplit(target).netloc == ""
        and target.startswith("/")
        and not target.startswith("//")
    ):
        return target
    return url_for("rounds.index")


@bp.route("/kirjaudu", methods=["GET", "POST"])
@limiter.limit(lambda: current_app.config["LOGIN_RATE_LIMIT"], methods=["POST"])
def login():
    """Log in with email and password."""
    if current_user.is_authenticated:
        return redirect(url_for("rounds.index"))
    form = LoginForm()
    if form.validate_on_submit():
        user = authenticate(form.email.data, form.password.data)
        if user is not None:
            db.session.commit()
            login_user(user)
            return redirect(_safe_next(request.args.get("next")))
        form.password.errors.append(_("The email address or password is wrong."))
    return render_template("auth/login.html", form=form)


@bp.route("/kirjaudu-ulos", methods=["POST"])
@login_required
def logout():
    """Log out."""
    logout_user()
    flash(_("You have logged out."), "info")
    return redirect(url_for("main.index"))
