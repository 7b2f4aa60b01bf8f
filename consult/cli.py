"""The ``consult`` command: a Flask CLI group with the project's own commands."""

from __future__ import annotations

import click
from flask import current_app
from flask.cli import FlaskGroup, with_appcontext

from consult import clock
from consult.errors import DomainError
from consult.extensions import db


def main() -> None:
    from consult import create_app
    from consult.security import InsecureConfigurationError

    cli = FlaskGroup(create_app=create_app, help="consult: consultation rounds and their themes.")
    try:
        cli.main()
    except InsecureConfigurationError as exc:  # a clear message, not a traceback
        raise SystemExit(f"consult: {exc}") from None


def register_commands(app) -> None:
    app.cli.add_command(create_user)
    app.cli.add_command(create_token)
    app.cli.add_command(revoke_token)
    app.cli.add_command(reset_password)
    app.cli.add_command(demo)
    app.cli.add_command(db_group)
    app.cli.add_command(run_scheduled)
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
        raise click.ClickException(_cli_message(exc)) from exc
    db.session.commit()
    click.echo(f"Created {user.role} {user.email}")


def _cli_message(exc: DomainError) -> str:
    from flask_babel import force_locale

    from consult.auth.services import MIN_PASSWORD_LENGTH
    from consult.errors import ErrorCode, user_message

    passwords = {
        ErrorCode.PASSWORD_TOO_SHORT: f"password must be at least {MIN_PASSWORD_LENGTH} characters",
        ErrorCode.PASSWORD_REPEATED: "password repeats the same characters or pattern; use several words",
        ErrorCode.PASSWORD_COMMON: "password is too common or easy to guess; use several unusual words",
    }
    if exc.code in passwords:
        return passwords[exc.code]

    with force_locale("en"):  # the command line speaks English, as its --help does
        return user_message(exc)


@click.command("create-token")
@click.argument("email")
@click.option("--days", type=click.IntRange(1, 3650), default=90, show_default=True)
@with_appcontext
def create_token(email: str, days: int) -> None:
    """Create a bearer token for the read-only API, valid DAYS days (printed once)."""
    from consult.auth.services import create_api_token

    try:
        token = create_api_token(email, days)
    except DomainError as exc:
        raise click.ClickException(_cli_message(exc)) from exc
    db.session.commit()
    click.echo(token)


@click.command("revoke-token")
@click.argument("token", required=False)
@click.option("--user", "email", help="Revoke every token of this account instead.")
@with_appcontext
def revoke_token(token: str | None, email: str | None) -> None:
    """Revoke an API token (as printed by create-token), or all tokens of --user."""
    from consult.auth.services import revoke_api_tokens

    try:
        count = revoke_api_tokens(token=token, email=email)
    except DomainError as exc:
        raise click.ClickException(_cli_message(exc)) from exc
    if not count:
        raise click.ClickException("no such token")
    db.session.commit()
    click.echo(f"Revoked {count} token(s).")


@click.command("reset-password")
@click.argument("email")
@click.password_option(help="The new password; asked for when not given.")
@with_appcontext
def reset_password(email: str, password: str) -> None:
    """Set a new password for EMAIL; its sessions end and any lockout lifts."""
    from consult.auth.services import set_password, user_by_email

    try:
        set_password(user_by_email(email), password)
    except DomainError as exc:
        raise click.ClickException(_cli_message(exc)) from exc
    db.session.commit()
    click.echo(f"Password of {email.strip().lower()} changed; its sessions have ended.")


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

    app = current_app._get_current_object()  # type: ignore[attr-defined]
    upgrade(app, revision)
    click.echo(f"Database at {revision}.")


@db_group.command("downgrade")
@click.argument("revision")
@with_appcontext
def db_downgrade(revision: str) -> None:
    """Migrate the database down to REVISION."""
    from consult.migrate import downgrade

    app = current_app._get_current_object()  # type: ignore[attr-defined]
    downgrade(app, revision)
    click.echo(f"Database at {revision}.")


@click.command("run-scheduled")
@click.option("--only", help="Run only the task of this name.")
@click.option("--today", help="Act as if today were this date (YYYY-MM-DD); for testing.")
@with_appcontext
def run_scheduled(only: str | None, today: str | None) -> None:
    """Queue due periodic work (reminders, ...); run it every hour from cron or a timer."""
    from datetime import date

    from consult.scheduled import run_all

    day = date.fromisoformat(today) if today else clock.today()
    results = run_all(day, only)
    for name, count in results.items():
        click.echo(f"{name}: {'failed' if count < 0 else count}")
    if any(count < 0 for count in results.values()):
        raise SystemExit(1)


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
