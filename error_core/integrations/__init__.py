"""Opt-in integrations that carry the request id beyond the process.

One module per library, each imported only by the application that uses it:
:mod:`~error_core.integrations.requests` and :mod:`~error_core.integrations.httpx`
(outgoing HTTP calls), :mod:`~error_core.integrations.celery` (tasks) and
:mod:`~error_core.integrations.opentelemetry` (spans and log records).
"""
