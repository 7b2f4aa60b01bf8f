"""The migrations reach head on an empty database, match the models, and have one head."""

from __future__ import annotations

import sqlalchemy as sa
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory

from consult.extensions import db
from consult.migrate import alembic_config


def test_single_head(app):
    script = ScriptDirectory.from_config(alembic_config(app))
    assert len(script.get_heads()) == 1


def test_database_is_at_head_and_matches_models(app):
    script = ScriptDirectory.from_config(alembic_config(app))
    with db.engine.connect() as conn:
        context = MigrationContext.configure(conn, opts={"compare_type": True})
        assert context.get_current_revision() == script.get_current_head()
        diff = compare_metadata(context, db.metadata)
    assert diff == [], f"models and migrations differ: {diff}"


def test_every_revision_downgrades_and_upgrades_again(tmp_path):
    from consult import create_app
    from consult.migrate import downgrade, upgrade

    app = create_app({"DATABASE_URL": f"sqlite:///{tmp_path / 'm.sqlite3'}", "TESTING": True})
    upgrade(app)
    downgrade(app, "base")
    with app.app_context():
        tables = set(sa.inspect(db.engine).get_table_names()) - {"alembic_version"}
        assert tables == set()
        db.engine.dispose()
    upgrade(app)
    with app.app_context():
        assert "proposals" in sa.inspect(db.engine).get_table_names()
        db.engine.dispose()
