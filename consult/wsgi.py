"""WSGI entry point for production servers: ``gunicorn consult.wsgi:app``."""

import gc

from consult import create_app

app = create_app()

# The ~260,000 objects made at start (the app, the analysis engine's libraries) live as long
# as the process: moved out of the collector's reach, a full collection no longer walks them
# in the middle of a request. Measured on the 41,574-proposal round (in-process, 30 requests):
# the analysis page's p95 went from 276 ms to 145 ms, its slowest request from 300 to 153.
gc.freeze()
