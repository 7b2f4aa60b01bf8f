"""Alembic, driven from the app: upgrade, downgrade and revision helpers."""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config
from flask import Flask

import migrations
from consult.extensions import db

# The Alembic folder is the ``migrations`` package, in the source tree and in the wheel alike.
MIGRATIONS = Path(migrations.__file__).resolve().parent


def alembic_config(app: Flask) -> Config:
    config = Config(str(MIGRATIONS / "alembic.ini"))
    config.set_main_option("script_location", str(MIGRATIONS))
    config.set_main_option(
        "sqlalchemy.url", app.config["SQLALCHEMY_DATABASE_URI"].replace("%", "%%")
    )
    return config


def upgrade(app: Flask, revision: str = "head") -> None:
    """Bring the app's database to ``revision`` (creating the instance folder for SQLite)."""
    if app.config["SQLALCHEMY_DATABASE_URI"].startswith("sqlite"):
        # the default SQLite file lives there; a server on PostgreSQL may have it read-only
        Path(app.instance_path).mkdir(parents=True, exist_ok=True)
    with app.app_context(), db.engine.begin() as connection:
        config = alembic_config(app)
        config.attributes["connection"] = connection
        command.upgrade(config, revision)


def downgrade(app: Flask, revision: str) -> None:
    with app.app_context(), db.engine.begin() as connection:
        config = alembic_config(app)
        config.attributes["connection"] = connection
        command.downgrade(config, revision)
