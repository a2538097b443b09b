"""The services' log lines: one per record, marked so the test can tell them apart."""

from __future__ import annotations

import logging
import logging.config
from typing import Any

# Each line: "APP <service> <logger> [<request id>] <message>"; a traceback's lines
# follow, indented, on the same record.
FORMAT = "APP %(service)s %(name)s [%(request_id)s] %(message)s"


def config(service: str) -> dict[str, Any]:
    """A ``dictConfig`` for ``service``: everything from INFO up to stderr."""
    return {
        "version": 1,
        "disable_existing_loggers": False,
        "formatters": {
            "app": {
                "()": "error_core.EscapingFormatter",
                "format": FORMAT.replace("%(service)s", service),
            }
        },
        "filters": {"request_id": {"()": "error_core.RequestIdFilter"}},
        "handlers": {
            "stderr": {
                "class": "logging.StreamHandler",
                "formatter": "app",
                "filters": ["request_id"],
            }
        },
        "root": {"handlers": ["stderr"], "level": "INFO"},
    }


def configure(service: str) -> None:
    logging.config.dictConfig(config(service))
