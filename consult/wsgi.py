"""WSGI entry point for production servers: ``gunicorn consult.wsgi:app``."""

from consult import create_app

app = create_app()
