"""Log lines: one JSON object each in production, readable text on a laptop.

Every line, whether from structlog (django-structlog's request_started and
request_finished, Celery task events) or from a plain `logging` logger (Django,
allauth, our apps), carries a timestamp, level and logger name, plus the
request's id, the user's id and the client address while a request is served.
"""

import structlog
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
        renderer = [structlog.processors.dict_tracebacks, structlog.processors.JSONRenderer()]
    else:
        renderer = [structlog.dev.ConsoleRenderer(colors=False)]
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
