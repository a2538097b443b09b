"""A request id for work outside HTTP: a command, a script, a scheduled job."""

from __future__ import annotations

import functools
import inspect
from contextvars import ContextVar, Token
from types import TracebackType
from typing import Any, Callable, TypeVar

from . import _request_id as ids

F = TypeVar("F", bound=Callable[..., Any])


class request_id_scope:
    """Bind a request id while a block or a function runs; restore the outer one after.

    ``request_id`` (optional) must match the rule for incoming ids (1-128 of
    ``[A-Za-z0-9._:-]``); without it each use binds a fresh id. Usable as
    ``with request_id_scope() as request_id:``, ``async with``, and as a
    decorator of sync and async functions (each call gets its own id). Log
    records, :func:`error_core.current_request_id` and the outgoing-call
    integrations see the id; nested scopes restore the outer id on exit.
    """

    def __init__(self, request_id: str | None = None) -> None:
        if request_id is not None and not ids.is_valid_incoming(request_id):
            raise ValueError(
                f"request_id must be 1-128 characters of [A-Za-z0-9._:-], got {request_id!r}"
            )
        self.request_id = request_id
        # A stack per context: one scope object may be entered again, nested,
        # or from several threads and tasks at once.
        self._tokens: ContextVar[tuple[Token[str | None], ...]] = ContextVar(
            "error_core.request_id_scope", default=()
        )

    def _bind(self) -> tuple[str, Token[str | None]]:
        request_id = self.request_id or ids.new_request_id()
        return request_id, ids.bind(request_id)

    def __enter__(self) -> str:
        request_id, token = self._bind()
        self._tokens.set((*self._tokens.get(), token))
        return request_id

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        *outer, token = self._tokens.get()
        self._tokens.set(tuple(outer))
        ids.unbind(token)

    async def __aenter__(self) -> str:
        return self.__enter__()

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.__exit__(exc_type, exc, traceback)

    def __call__(self, func: F) -> F:
        if inspect.isgeneratorfunction(func) or inspect.isasyncgenfunction(func):
            # Their body runs after the call returns, outside the binding.
            raise TypeError("request_id_scope cannot decorate a generator function")
        if inspect.iscoroutinefunction(func):

            @functools.wraps(func)
            async def run_async(*args: Any, **kwargs: Any) -> Any:
                # Bound inside the coroutine: in the task that runs it.
                _, token = self._bind()
                try:
                    return await func(*args, **kwargs)
                finally:
                    ids.unbind(token)

            return run_async  # type: ignore[return-value]

        @functools.wraps(func)
        def run(*args: Any, **kwargs: Any) -> Any:
            # Not the token stack: one decorated function may run in many threads.
            _, token = self._bind()
            try:
                return func(*args, **kwargs)
            finally:
                ids.unbind(token)

        return run  # type: ignore[return-value]
