"""Log lines: one JSON object each in production, readable text on a laptop.

Every line, whether from structlog (django-structlog's request_started and
request_finished, Celery task events) or from a plain `logging` logger (Django,
allauth, our apps), carries a timestamp, level and logger name, plus the
request's id, the user's id and the client address while a request is served.
"""

import structlog
import structlog.tracebacks
from django.dispatch import receiver
from django_structlog.signals import bind_extra_request_metadata

from ideabank.lib.proxy import client_ip

# Run on every line, ours and other libraries' alike.
SHARED_PROCESSORS = [
    structlog.contextvars.merge_contextvars,
    structlog.processors.TimeStamper(fmt="iso", utc=True),
    structlog.stdlib.add_logger_name,
    structlog.stdlib.add_log_level,
    structlog.stdlib.ExtraAdder(),
]


def structlog_logging(log_format, level):
    """settings.LOGGING: one handler on stderr, JSON or console lines."""
    if log_format == "json":
        # A traceback's frames without their local variables: a view's locals hold
        # passwords, tokens and personal data, which must never reach the log.
        tracebacks = structlog.processors.ExceptionRenderer(
            structlog.tracebacks.ExceptionDictTransformer(show_locals=False)
        )
        renderer = [tracebacks, structlog.processors.JSONRenderer()]
    else:
        # Plain tracebacks: with `rich` installed (a development tool pulls it in) the
        # console renderer would draw each one as a highlighted panel, about 100 times
        # slower, and Django logs every 400 and 403 with its traceback.
        renderer = [
            structlog.dev.ConsoleRenderer(
                colors=False, exception_formatter=structlog.dev.plain_traceback
            )
        ]
    return {
        "version": 1,
        "disable_existing_loggers": False,
        "formatters": {
            "structured": {
                "()": structlog.stdlib.ProcessorFormatter,
                "foreign_pre_chain": SHARED_PROCESSORS,
                "processors": [structlog.stdlib.ProcessorFormatter.remove_processors_meta]
                + renderer,
            }
        },
        "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "structured"}},
        "root": {"handlers": ["console"], "level": level},
    }


def configure_structlog():
    structlog.configure(
        processors=[
            structlog.stdlib.filter_by_level,
            *SHARED_PROCESSORS,
            structlog.stdlib.PositionalArgumentsFormatter(),
            structlog.processors.StackInfoRenderer(),
            structlog.processors.UnicodeDecoder(),
            structlog.stdlib.ProcessorFormatter.wrap_for_formatter,
        ],
        logger_factory=structlog.stdlib.LoggerFactory(),
        wrapper_class=structlog.stdlib.BoundLogger,
        cache_logger_on_first_use=True,
    )


@receiver(bind_extra_request_metadata)
def bind_client_ip(request, logger, **kwargs):
    """The client address as our proxies report it (django-structlog's own reading,
    through django-ipware, would trust any X-Forwarded-For)."""
    structlog.contextvars.bind_contextvars(ip=client_ip(request))
