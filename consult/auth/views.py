"""Login, logout and password change for convenors and observers."""

from __future__ import annotations

from urllib.parse import urlsplit

from flask import (
    Blueprint,
    current_app,
    flash,
    g,
    redirect,
    render_template,
    request,
    session,
    url_for,
)
from flask_babel import gettext as _
from flask_login import current_user, login_required, login_user, logout_user

from consult.auth import services
from consult.auth.services import AccountLocked, WeakPassword
from consult.errors import user_message
from consult.extensions import db, limiter
from consult.formatting import format_datetime_short
from forms.auth import LoginForm, PasswordChangeForm

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


def _clear_session() -> None:
    """Empty the session but for the chosen language; a new CSRF secret is made on next use."""
    lang = session.get("lang")
    session.clear()
    g.pop(current_app.config.get("WTF_CSRF_FIELD_NAME", "csrf_token"), None)
    if lang:
        session["lang"] = lang


def _start_session(user) -> None:
    """A fresh session at login: nothing from before survives, the CSRF secret included."""
    _clear_session()
    login_user(user)


@bp.route("/kirjaudu", methods=["GET", "POST"])
@limiter.limit(lambda: current_app.config["LOGIN_RATE_LIMIT"], methods=["POST"])
def login():
    """Log in with email and password."""
    if current_user.is_authenticated:
        return redirect(url_for("rounds.index"))
    form = LoginForm()
    if form.validate_on_submit():
        try:
            user = services.authenticate(form.email.data, form.password.data)
        except AccountLocked as exc:
            user = None
            form.password.errors.append(
                _(
                    "Too many failed attempts: this account is locked for a while. Try again at %(time)s.",
                    time=format_datetime_short(exc.until),
                )
            )
        else:
            db.session.commit()  # the failed attempt or the login time
            if user is not None:
                _start_session(user)
                return redirect(_safe_next(request.args.get("next")))
            form.password.errors.append(_("The email address or password is wrong."))
    return render_template("auth/login.html", form=form)


@bp.route("/kirjaudu-ulos", methods=["POST"])
@login_required
def logout():
    """Log out: this session and every copy of its cookie end."""
    services.end_sessions(current_user._get_current_object())
    db.session.commit()
    logout_user()
    _clear_session()
    flash(_("You have logged out."), "info")
    return redirect(url_for("main.index"))


@bp.route("/tili/salasana", methods=["GET", "POST"])
@login_required
@limiter.limit(lambda: current_app.config["LOGIN_RATE_LIMIT"], methods=["POST"])
def password():
    """Change one's own password; other sessions of the account end."""
    form = PasswordChangeForm()
    if form.validate_on_submit():
        user = current_user._get_current_object()
        if not user.check_password(form.current.data):
            form.current.errors.append(_("The current password is wrong."))
        else:
            try:
                services.set_password(user, form.new.data)
            except WeakPassword as exc:
                form.new.errors.append(user_message(exc))
            else:
                db.session.commit()
                _start_session(user)
                flash(_("Your password has been changed."), "success")
                return redirect(url_for("rounds.index"))
    return render_template("auth/password.html", form=form), 400 if form.errors else 200
