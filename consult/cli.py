"""The ``consult`` command: a Flask CLI group with the project's own commands."""

from __future__ import annotations

import click
from flask import current_app
from flask.cli import FlaskGroup, with_appcontext

from consult.errors import DomainError
from consult.extensions import db


def main() -> None:
    from consult import create_app

    cli = FlaskGroup(create_app=create_app, help="consult: consultation rounds and their themes.")
    cli.main()


def register_commands(app) -> None:
    app.cli.add_command(create_user)
    app.cli.add_command(create_token)
    app.cli.add_command(demo)
    app.cli.add_command(db_group)
    app.cli.add_command(purge_contacts)
    from consult.jobs.worker import worker_command

    app.cli.add_command(worker_command)


@click.command("create-user")
@click.argument("email")
@click.option(
    "--role", type=click.Choice(["convenor", "observer"]), default="convenor", show_default=True
)
@click.password_option(help="At least 10 characters; asked for when not given.")
@with_appcontext
def create_user(email: str, role: str, password: str) -> None:
    """Create a convenor (or observer) account."""
    from consult.auth.services import create_user as create

    try:
        user = create(email, password, role)
    except DomainError as exc:
        raise click.ClickException(str(exc)) from exc
    db.session.commit()
    click.echo(f"Created {user.role} {user.email}")


@click.command("create-token")
@click.argument("email")
@with_appcontext
def create_token(email: str) -> None:
    """Create a bearer token for the read-only API (printed once)."""
    from consult.auth.services import create_api_token

    try:
        token = create_api_token(email)
    except DomainError as exc:
        raise click.ClickException(str(exc)) from exc
    db.session.commit()
    click.echo(token)


@click.command("demo")
@click.option("--if-empty", is_flag=True, help="Load only when the database has no rounds.")
@with_appcontext
def demo(if_empty: bool) -> None:
    """Load the demo round "Maakuntastrategia 2018" with its demo convenor."""
    from consult.demo import DEMO_EMAIL, DEMO_PASSWORD, database_is_empty, load_demo

    if if_empty and not database_is_empty():
        click.echo("Database has rounds already; demo not loaded.")
    else:
        rnd = load_demo()
        db.session.commit()
        click.echo(f"Loaded demo round {rnd.slug}.")
    click.echo(f"Demo convenor: {DEMO_EMAIL} / password: {DEMO_PASSWORD}")


@click.group("db")
def db_group() -> None:
    """Database migrations."""


@db_group.command("upgrade")
@click.argument("revision", default="head")
@with_appcontext
def db_upgrade(revision: str) -> None:
    """Migrate the database to REVISION (default: head)."""
    from consult.migrate import upgrade

    upgrade(current_app._get_current_object(), revision)
    click.echo(f"Database at {revision}.")


@db_group.command("downgrade")
@click.argument("revision")
@with_appcontext
def db_downgrade(revision: str) -> None:
    """Migrate the database down to REVISION."""
    from consult.migrate import downgrade

    downgrade(current_app._get_current_object(), revision)
    click.echo(f"Database at {revision}.")


@click.command("purge-contacts")
@with_appcontext
def purge_contacts() -> None:
    """Remove contact details of rounds whose retention time has passed."""
    from consult.privacy.services import purge_expired_contacts

    cleared = purge_expired_contacts()
    db.session.commit()
    click.echo(f"Contact details removed from {cleared} answers.")


if __name__ == "__main__":
    main()
