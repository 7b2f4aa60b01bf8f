"""Flask extensions, created unbound and initialised in :func:`consult.create_app`."""

from __future__ import annotations

import operator
import sqlite3
from typing import TYPE_CHECKING, Any, ClassVar, cast

import sqlalchemy as sa
from flask import Flask, request, session
from flask_babel import Babel
from flask_limiter import Limiter
from flask_limiter.util import get_remote_address
from flask_login import LoginManager
from flask_sqlalchemy import SQLAlchemy
from flask_wtf import CSRFProtect
from sqlalchemy.orm import DeclarativeBase

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


SQLITE_BUSY_TIMEOUT_MS = 15_000


@sa.event.listens_for(sa.engine.Engine, "connect")
def _sqlite_pragmas(dbapi_connection, _record) -> None:
    """Every SQLite connection: WAL (readers never wait for the writer) and a busy timeout
    (a writer waits up to 15 s for another instead of failing with "database is locked")."""
    if not isinstance(dbapi_connection, sqlite3.Connection):
        return
    cursor = dbapi_connection.cursor()
    try:
        cursor.execute(f"PRAGMA busy_timeout = {SQLITE_BUSY_TIMEOUT_MS}")
        cursor.execute("PRAGMA journal_mode = WAL")
    finally:
        cursor.close()


class Base(DeclarativeBase):
    metadata = sa.MetaData(naming_convention=NAMING_CONVENTION)


db = SQLAlchemy(model_class=Base)

if TYPE_CHECKING:
    # To mypy every model is a plain SQLAlchemy declarative class over the same metadata, so
    # its ``Mapped[...]`` annotations type its attributes. At run time models derive from
    # Flask-SQLAlchemy's ``db.Model`` (that metadata plus its bind/table-name mixins).

    class Model(Base):
        __abstract__ = True
        __table__: ClassVar[sa.Table]  # every model maps one table (not just a FromClause)

else:
    Model = db.Model
csrf = CSRFProtect()
login_manager = LoginManager()
limiter = Limiter(key_func=get_remote_address, default_limits=[])


def rowcount(result: sa.Result[Any]) -> int:
    """How many rows an UPDATE or DELETE matched: ``db.session.execute`` is typed to return a
    plain ``Result``, though for such a statement it is a ``CursorResult``."""
    return cast("sa.CursorResult[Any]", result).rowcount


def select_locale() -> str:
    """Pick the UI language: explicit choice in the session, then the browser, then Finnish."""
    from flask import current_app

    languages = current_app.config["LANGUAGES"]
    chosen = session.get("lang")
    if chosen in languages:
        return str(chosen)
    # Finnish first: a Swedish browser gets Swedish, everyone else Finnish until they choose.
    if request.accept_languages.best_match(("fi", "sv")) == "sv" and "sv" in languages:
        return "sv"
    return str(current_app.config["BABEL_DEFAULT_LOCALE"])


babel = Babel()


def install_template_gettext(app: Flask) -> None:
    """Templates translate through the request's translations, looked up once per locale.

    Flask-Babel's own template callables look up the context, the locale and the
    translations on every ``_()``: about 45 µs, which made translating 1,300 strings a
    third of the analysis page of a 256-theme run (perf: ~50 of ~115 ms). The lookup is
    kept on the context with the locale object it was made for, so ``force_locale`` (email
    in the recipient's language) and ``refresh`` (a new request) still get theirs.
    """
    from flask.globals import _cv_app
    from flask_babel import get_locale, get_translations

    def translations() -> Any:
        # Flask-Babel keeps its per-request state in ``g._flask_babel``; reading it through
        # the context variable instead of the ``g`` proxy (three proxy lookups, ~10 µs) is
        # what makes the cache below cheap.
        app_ctx = _cv_app.get(None)
        ctx = None if app_ctx is None else app_ctx.g.__dict__.get("_flask_babel")
        if ctx is None:  # no app context, or Flask-Babel has not looked anything up yet
            return get_translations()
        locale = getattr(ctx, "babel_locale", None) or get_locale()
        cached = getattr(ctx, "consult_translations", None)
        if cached is not None and cached[0] is locale:
            return cached[1]
        found = get_translations()
        ctx.consult_translations = (locale, found)
        return found

    app.jinja_env.install_gettext_callables(  # type: ignore[attr-defined]
        gettext=lambda s: translations().ugettext(s),
        ngettext=lambda s, p, n: translations().ungettext(s, p, n),
        newstyle=True,
        pgettext=lambda c, s: translations().upgettext(c, s),
        npgettext=lambda c, s, p, n: translations().unpgettext(c, s, p, n),
    )


def counted_page(
    ids: sa.Select[Any], order: list[Any], page: int, size: int
) -> tuple[list[Any], int, int]:
    """Page ``page`` of ``ids`` (a one-column select) in ``order``, with the number of all
    rows, as (ids, total, page); a page past the end gives the last page.

    The page and the count come from one pass (``count(*) OVER ()``): a search or an
    anti-join scans every proposal once instead of twice (PostgreSQL, 41,574 proposals:
    ~60-90 ms less a page). Only a page past the end counts apart, then reads the last page.
    """
    counted = ids.add_columns(sa.func.count().over()).order_by(*order).limit(size)
    page = max(1, page)
    found = db.session.execute(counted.offset((page - 1) * size)).all()
    if found:
        total = int(found[0][1])
    else:
        total = db.session.scalar(sa.select(sa.func.count()).select_from(ids.subquery())) or 0
        page = max(1, -(-total // size))
        if total:
            found = db.session.execute(counted.offset((page - 1) * size)).all()
    return [row[0] for row in found], total, page


def insert_rows(table: sa.Table, rows: list[dict[str, Any]]) -> None:
    """INSERT rows (dicts with the same keys) with one executemany of the database driver.

    SQLAlchemy's own executemany builds and processes parameters row by row, which took
    more time than SQLite's insert itself (41,574 proposals: ~0.6 s of ~1.2 s). Values go to
    the driver as they are, except those of a type with a bind processor (a datetime on
    SQLite), which are processed once per distinct value: imports repeat one timestamp.
    """
    if not rows:
        return
    connection = db.session.connection()
    dialect = connection.dialect
    keys = list(rows[0])
    # columns left out get their Python-side default, computed once for every row
    defaults: dict[str, Any] = {}
    for column in table.c:
        default = column.default
        if column.key in rows[0] or default is None:
            continue
        if default.is_scalar:
            defaults[column.key] = default.arg  # type: ignore[attr-defined]
        elif default.is_callable:
            defaults[column.key] = default.arg(None)  # type: ignore[attr-defined]
    keys += list(defaults)
    rows = [{**defaults, **row} for row in rows] if defaults else rows
    compiled = table.insert().compile(dialect=dialect, column_keys=keys)
    order = list(compiled.positiontup or keys) if compiled.positional else keys
    processors: dict[str, Any] = {}
    for key in order:
        processor = table.c[key].type._cached_bind_processor(dialect)
        if processor is not None:
            processors[key] = processor
    if processors:
        # Processed values are replaced in copies of the rows, once per distinct value (a
        # per-cell function call cost ~0.25 s of a 41,574-row insert).
        done: dict[tuple[str, int], Any] = {}
        copies = []
        for row in rows:
            row = dict(row)
            for key, processor in processors.items():
                raw = row[key]
                if raw is not None:
                    memo = (key, id(raw))
                    if memo not in done:
                        done[memo] = processor(raw)
                    row[key] = done[memo]
            copies.append(row)
        rows = copies
    params: list[Any]
    if compiled.positional:
        pick = operator.itemgetter(*order)
        params = [pick(r) for r in rows] if len(order) > 1 else [(r[order[0]],) for r in rows]
    elif set(rows[0]) == set(order):
        params = rows  # the driver takes the dicts as they are
    else:
        params = [{k: r[k] for k in order} for r in rows]
    connection.exec_driver_sql(str(compiled), params)
