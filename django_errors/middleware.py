"""The Django middleware: every error leaving Django is the error-core envelope."""

from __future__ import annotations

from typing import Any, Awaitable, Callable, Union

from asgiref.sync import iscoroutinefunction, markcoroutinefunction
from django.http import HttpRequest, HttpResponse, HttpResponseBase

from error_core import _request_id as ids
from error_core._log import install_record_factory
from error_core._propagation import must_propagate

from ._conf import validated_settings
from ._default_not_found import use_envelope_for_unknown_urls
from ._logging import join_request_id_tools
from ._request_cycle import early_answer, finish, first_chunk_made, start
from ._unexpected import connect_receivers, escaped_response, view_exception_response

_GetResponse = Callable[[HttpRequest], Union[HttpResponseBase, Awaitable[HttpResponseBase]]]


class ErrorMiddleware:
    """Sets the request id and turns every error response into the envelope.

    Goes first in ``MIDDLEWARE``. Sync- and async-capable.
    """

    sync_capable = True
    async_capable = True

    def __init__(self, get_response: _GetResponse) -> None:
        validated_settings()  # an invalid ERRORS_* setting fails at start-up
        install_record_factory()
        connect_receivers()
        join_request_id_tools()
        use_envelope_for_unknown_urls()
        self.get_response = get_response
        self.async_mode = iscoroutinefunction(get_response)
        if self.async_mode:
            markcoroutinefunction(self)

    def __call__(self, request: HttpRequest) -> Any:
        if self.async_mode:
            return self.__acall__(request)
        token = start(request)
        try:
            answer = early_answer(request)
            if answer is not None:
                return answer
            response: HttpResponseBase = self.get_response(request)  # type: ignore[assignment]
            if response.streaming:
                response = first_chunk_made(request, response)
            return finish(request, response)
        except BaseException as exc:  # must_propagate says which may leave
            if must_propagate(exc):
                raise
            return escaped_response(request, exc)
        finally:
            ids.unbind(token)

    async def __acall__(self, request: HttpRequest) -> HttpResponseBase:
        token = start(request)
        try:
            return early_answer(request) or finish(request, await self.get_response(request))  # type: ignore[misc]
        except BaseException as exc:  # must_propagate says which may leave
            if must_propagate(exc):
                raise
            return escaped_response(request, exc)
        finally:
            ids.unbind(token)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        """Answer an exception raised by the view with the envelope."""
        return view_exception_response(request, exception)
