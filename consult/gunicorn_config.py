"""gunicorn settings for consult: ``gunicorn -c python:consult.gunicorn_config consult.wsgi:app``.

Logs carry no personal data and no secret links: the access log has no query string, no
referrer (it would hold the page's token) and no client address, and every line of the
error and access logs passes :class:`consult.logfilter.RedactFilter` (session, edit and
feedback link tokens become ``#`` + an 8-digit hash prefix; emails are hidden).
Other settings (workers, bind) come from the command line or ``GUNICORN_CMD_ARGS``.
"""

from consult.security import gunicorn_post_worker_init as post_worker_init  # noqa: F401, E402

# method, path without query, protocol, status, bytes, duration in ms
access_log_format = '%(t)s "%(m)s %(U)s %(H)s" %(s)s %(B)s %(M)sms'
accesslog = "-"
errorlog = "-"

logconfig_dict = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"redact": {"()": "consult.logfilter.RedactFilter"}},
    "formatters": {
        "generic": {
            "format": "%(asctime)s [%(process)d] [%(levelname)s] %(name)s: %(message)s",
            "datefmt": "[%Y-%m-%d %H:%M:%S %z]",
        },
        "access": {"format": "%(message)s"},
    },
    "handlers": {
        "error_console": {
            "class": "logging.StreamHandler",
            "formatter": "generic",
            "filters": ["redact"],
            "stream": "ext://sys.stderr",
        },
        "access_console": {
            "class": "logging.StreamHandler",
            "formatter": "access",
            "filters": ["redact"],
            "stream": "ext://sys.stdout",
        },
    },
    "root": {"level": "INFO", "handlers": ["error_console"]},
    "loggers": {
        "gunicorn.error": {"level": "INFO", "handlers": ["error_console"], "propagate": False},
        "gunicorn.access": {"level": "INFO", "handlers": ["access_console"], "propagate": False},
    },
}
