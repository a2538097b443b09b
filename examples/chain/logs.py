"""The log format of every process of the demo: the request id on each line."""

from __future__ import annotations

import logging.config
from typing import Any

FORMAT = "%(process_name)s %(levelname)s [%(request_id)s] %(name)s: %(message)s"


def config(process_name: str) -> dict[str, Any]:
    """A ``dictConfig`` sending INFO and up to stderr, one line per record."""
    return {
        "version": 1,
        "disable_existing_loggers": False,
        "formatters": {
            "plain": {
                "()": "error_core.EscapingFormatter",
                "format": FORMAT.replace("%(process_name)s", process_name),
            }
        },
        "filters": {"request_id": {"()": "error_core.RequestIdFilter"}},
        "handlers": {
            "stderr": {
                "class": "logging.StreamHandler",
                "formatter": "plain",
                "filters": ["request_id"],
            }
        },
        "root": {"handlers": ["stderr"], "level": "INFO"},
    }


def configure(process_name: str) -> None:
    logging.config.dictConfig(config(process_name))
