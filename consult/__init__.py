"""consult: collect consultation input and turn it into themed highlights (nostot)."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from flask import Flask, render_template, request, session

from consult.config import DefaultConfig
from consult.extensions import (
    babel,
    csrf,
    db,
    install_template_gettext,
    limiter,
    login_manager,
    select_locale,
)
from consult.security import rate_limit_storage, register_security

PACKAGE_ROOT = Path(__file__).resolve().parent
PROJECT_ROOT = PACKAGE_ROOT.parent


def templates_folder() -> Path:
    """Inside the package when installed from a wheel; the top-level folder in the source tree."""
    installed = PACKAGE_ROOT / "templates"
    return installed if installed.is_dir() else PROJECT_ROOT / "templates"


log = logging.getLogger(__name__)


def create_app(config: dict[str, Any] | None = None) -> Flask:
    """Build the application; no migrations, no network, no work at import time."""
    app = Flask(
        __name__,
        instance_relative_config=True,
        template_folder=str(templates_folder()),
        static_folder="static",
    )
    register_config(app, config)
    register_security(app)
    register_url_converters(app)
    register_extensions(app)
    register_blueprints(app)
    register_error_handlers(app)
    register_template_helpers(app)
    register_cli(app)
    register_logging(app)
    return app


def register_config(app: Flask, config: dict[str, Any] | None) -> None:
    app.config.from_object(DefaultConfig)
    app.config.from_prefixed_env("CONSULT")
    if config:
        app.config.update(config)
    url = app.config.get("DATABASE_URL")
    if not url:
        url = f"sqlite:///{Path(app.instance_path) / 'consult.sqlite3'}"
    if url.startswith("postgres://"):
        url = "postgresql://" + url.removeprefix("postgres://")
    if url.startswith("postgresql://"):
        url = "postgresql+psycopg://" + url.removeprefix("postgresql://")
    app.config["SQLALCHEMY_DATABASE_URI"] = url
    app.config["RATELIMIT_STORAGE_URI"] = rate_limit_storage(app.config)
    app.config.setdefault(
        "BABEL_TRANSLATION_DIRECTORIES", str(Path(__file__).parent / "translations")
    )


def register_url_converters(app: Flask) -> None:
    """Ids in URLs fit the database's integer: a larger number is a 404, not a crash."""
    from werkzeug.routing import IntegerConverter

    from consult.utils import MAX_ID

    class IdConverter(IntegerConverter):
        def __init__(self, url_map, *args, **kwargs) -> None:
            kwargs.setdefault("max", MAX_ID)
            super().__init__(url_map, *args, **kwargs)

    app.url_map.converters["int"] = IdConverter


def register_extensions(app: Flask) -> None:
    db.init_app(app)
    csrf.init_app(app)
    login_manager.init_app(app)
    login_manager.login_view = "auth.login"
    login_manager.login_message_category = "info"
    limiter.init_app(app)
    from consult import jobs

    jobs.init_app(app)
    babel.init_app(app, locale_selector=select_locale)
    install_template_gettext(app)
    # The locale is cached on the app context; a request must choose afresh (the session's
    # language may have changed), also when an outer app context is shared, as in tests.
    from flask_babel import refresh

    app.before_request(refresh)

    from consult.auth.services import load_user

    login_manager.user_loader(load_user)

    from flask_babel import lazy_gettext

    login_manager.login_message = lazy_gettext("Please log in to see this page.")


def register_blueprints(app: Flask) -> None:
    from consult.api.views import bp as api_bp
    from consult.auth.views import bp as auth_bp
    from consult.curation.views import bp as curation_bp
    from consult.exports.views import bp as exports_bp
    from consult.feedback.views import bp as feedback_bp
    from consult.followup.views import bp as followup_bp
    from consult.imports.views import bp as imports_bp
    from consult.legal.views import bp as legal_bp
    from consult.mail.views import bp as mail_bp
    from consult.main.views import bp as main_bp
    from consult.organisations.views import bp as organisations_bp
    from consult.printing.views import bp as printing_bp
    from consult.privacy.views import bp as privacy_bp
    from consult.proposals.views import bp as proposals_bp
    from consult.results.views import bp as results_bp
    from consult.rounds.views import bp as rounds_bp
    from consult.submissions.views import bp as submissions_bp
    from consult.themes.views import bp as themes_bp
    from consult.workshops.views import bp as workshops_bp

    for bp in (
        main_bp,
        auth_bp,
        rounds_bp,
        workshops_bp,
        submissions_bp,
        themes_bp,
        curation_bp,
        followup_bp,
        exports_bp,
        feedback_bp,
        printing_bp,
        organisations_bp,
        imports_bp,
        proposals_bp,
        mail_bp,
        results_bp,
        legal_bp,
        privacy_bp,
    ):
        app.register_blueprint(bp)
    app.register_blueprint(api_bp)
    csrf.exempt(api_bp)


def _has_nul(values) -> bool:
    return any(isinstance(v, str) and "\x00" in v for v in values)


def refuse_nul_characters() -> tuple[str, int] | None:
    """A NUL character is never text a person typed, and PostgreSQL cannot store or compare
    it: refused in the path, the query string, form fields and JSON bodies alike."""
    query = request.args
    if (
        _has_nul((request.view_args or {}).values())
        or _has_nul(query.keys())
        or _has_nul(v for _k, v in query.items(multi=True))
    ):
        return render_template("errors/error.html", code=400), 400
    if request.method not in ("POST", "PUT", "PATCH", "DELETE"):
        return None
    if _has_nul(v for _k, v in request.form.items(multi=True)) or (
        request.is_json and b"\\u0000" in request.get_data(cache=True)
    ):
        return render_template("errors/error.html", code=400), 400
    return None


def register_error_handlers(app: Flask) -> None:
    app.before_request(refuse_nul_characters)

    @app.teardown_request
    def roll_back_on_error(error: BaseException | None) -> None:
        # One unit of work per request: what a failed request flushed is never kept.
        if error is not None:
            db.session.rollback()

    def render_error(error: Any) -> tuple[str, int]:
        from flask_babel import refresh

        refresh()  # the error may come before the request chose its language (e.g. a 413)
        code = getattr(error, "code", 500) or 500
        limit = request.max_content_length or 0
        return render_template("errors/error.html", code=code, limit_mb=limit // 2**20), code

    for code in (400, 403, 404, 405, 410, 413, 429, 500):
        app.register_error_handler(code, render_error)

    from flask_wtf.csrf import CSRFError

    @app.errorhandler(CSRFError)
    def csrf_error(error: CSRFError) -> tuple[str, int]:
        return render_template("errors/error.html", code=400, csrf=True), 400


def register_template_helpers(app: Flask) -> None:
    from consult import formatting

    app.jinja_env.filters["fdate"] = formatting.format_date_short
    app.jinja_env.filters["fdatetime"] = formatting.format_datetime_short
    app.jinja_env.globals["organisation_kind_label"] = formatting.organisation_kind_label
    app.jinja_env.globals["participant_kind_label"] = formatting.participant_kind_label

    @app.context_processor
    def inject_locale() -> dict[str, Any]:
        from flask_babel import get_locale

        return {
            "current_locale": str(get_locale()),
            "languages": app.config["LANGUAGES"],
            "next_url": request.full_path if request else "/",
            "chosen_lang": session.get("lang"),
        }


def register_logging(app: Flask) -> None:
    """No personal data and no secret link tokens in the logs (see consult/logfilter.py)."""
    from consult.logfilter import install

    install(app)


def register_cli(app: Flask) -> None:
    from consult.cli import register_commands

    register_commands(app)
