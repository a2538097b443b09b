"""Celery tasks carry the request id of the code that enqueued them.

::

    from celery import Celery
    from error_core.integrations import celery as request_ids

    app = Celery("shop", broker="redis://127.0.0.1:6379/0")
    request_ids.install()

in the module that both the web processes and the worker import. Then:

- a task enqueued while a request is handled carries its id in the message
  header ``error_core_request_id``; one enqueued outside a request (or a
  :class:`~error_core.request_id_scope`) gets a fresh id of its own;
- the worker binds that id while the task runs, so
  :func:`error_core.current_request_id`, ``%(request_id)s`` and the outgoing
  HTTP integrations see it, and Celery's own record of a failure (logged once,
  with its traceback) carries it;
- a retry, and any task the task enqueues, keep the id.
"""

from __future__ import annotations

from contextvars import Token
from typing import Any

from celery import Task
from celery.signals import before_task_publish, task_postrun, task_prerun

from .. import _request_id as ids
from .._log import install_record_factory

__all__ = ["HEADER", "install", "uninstall"]

HEADER = "error_core_request_id"
"""The message header that carries the id (an identifier: Celery makes it an
attribute of ``task.request``)."""

_TOKEN = "_error_core_token"
_UID = "error_core.integrations.celery"


def install() -> None:
    """Connect the receivers that carry the id; safe to call again.

    Also gives every log record a ``request_id`` (as the web adapters do),
    so a worker's ``%(request_id)s`` works in any format string.
    """
    install_record_factory()
    before_task_publish.connect(_publish, dispatch_uid=_UID, weak=False)
    task_prerun.connect(_prerun, dispatch_uid=_UID, weak=False)
    task_postrun.connect(_postrun, dispatch_uid=_UID, weak=False)


def uninstall() -> None:
    """Disconnect what :func:`install` connected."""
    before_task_publish.disconnect(dispatch_uid=_UID)
    task_prerun.disconnect(dispatch_uid=_UID)
    task_postrun.disconnect(dispatch_uid=_UID)


def _publish(sender: Any = None, headers: dict[str, Any] | None = None, **kwargs: Any) -> None:
    # headers is None for the old message protocol 1, which has no headers.
    if headers is not None and not ids.is_valid_incoming(headers.get(HEADER)):
        headers[HEADER] = ids.current_request_id() or ids.new_request_id()


def _prerun(sender: Any = None, task: Task | None = None, **kwargs: Any) -> None:
    if task is None:
        return
    request = task.request
    sent = getattr(request, HEADER, None) or (request.headers or {}).get(HEADER)
    if isinstance(sent, str) and ids.is_valid_incoming(sent):
        request_id = sent
    else:
        # Not sent by a producer with the integration (or an eager call, which
        # runs in the caller's context): the caller's id, else a fresh one.
        request_id = ids.current_request_id() or ids.new_request_id()
    setattr(request, _TOKEN, ids.bind(request_id))


def _postrun(sender: Any = None, task: Task | None = None, **kwargs: Any) -> None:
    token: Token[str | None] | None = getattr(task.request, _TOKEN, None) if task else None
    if token is not None:
        ids.unbind(token)
        delattr(task.request, _TOKEN)  # type: ignore[union-attr]
