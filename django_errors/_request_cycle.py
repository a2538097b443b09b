"""What the middleware does as a request starts and as its response leaves."""

from __future__ import annotations

from typing import Any, Collection

from django.core.handlers.wsgi import WSGIRequest
from django.http import HttpRequest, HttpResponseBase

from error_core import InternalError
from error_core._cors import outgoing_headers
from error_core._header_lines import header_lines
from error_core._lifecycle import start_request
from error_core._malformed_requests import malformed_request, malformed_request_error
from error_core._sendable_headers import unsendable_header

from ._conf import get_settings
from ._django_pages import converted_page, is_django_page
from ._envelope_response import envelope_response, log_when_leaving
from ._streamed_bodies import bind_while_streaming, prefetch_first_chunk
from ._unexpected import view_exception_response


def start(request: HttpRequest) -> Any:
    """Choose and bind the request's id; the token to unbind it with."""
    # request.headers is built from META on first use: only when an id is trusted.
    request_id, token = start_request(get_settings(), lambda name: request.headers.get(name))
    request.request_id = request_id  # type: ignore[attr-defined]
    return token


def early_answer(request: HttpRequest) -> HttpResponseBase | None:
    """The answer to a request Django or Flask would answer with a 500: both say 400."""
    # Under ASGI the query string is text already (Django refused it if not UTF-8).
    if malformed_request(
        request.META.get("CONTENT_LENGTH"),
        request.META.get("QUERY_STRING", ""),
        decoded=not isinstance(request, WSGIRequest),
    ):
        return envelope_response(request, malformed_request_error())
    return None


def first_chunk_made(request: HttpRequest, response: HttpResponseBase) -> HttpResponseBase:
    """``response``, or the envelope if its streamed body fails before its first chunk (WSGI)."""
    try:
        prefetch_first_chunk(response)
    except Exception as exc:  # answered as an exception from the view
        answer = view_exception_response(request, exc)
        if answer is None:
            raise
        return answer
    return response


def finish(request: HttpRequest, response: HttpResponseBase) -> HttpResponseBase:
    """``response`` with Django's pages converted and the id headers set."""
    if response.status_code >= 400:
        if is_django_page(request, response):
            response = converted_page(request, response)
        else:
            log_when_leaving(request, response)
    pairs = header_pairs(response)
    lines = header_lines(pairs)
    refused = unsendable_header(pairs, lines)
    if refused is not None:
        response = _unsendable(request, refused)
        lines = header_lines(header_pairs(response))
    request_id: str = request.request_id  # type: ignore[attr-defined]
    # The response's headers, checked; the id's own, set next, are valid by construction.
    for name, value in outgoing_headers(
        get_settings(), request_id, lines.lower(), response.headers.get
    ):
        response[name] = value
    if response.streaming:
        bind_while_streaming(request, response)
    # Answered: dropped, as it closes a cycle (request -> exception -> traceback
    # -> frames -> request) that only the cyclic garbage collector would free.
    request.__dict__.pop("_error_core_exception", None)
    return response


def header_pairs(response: HttpResponseBase) -> Collection[tuple[str, str]]:
    """The response's ``(name, value)`` pairs, as ``response.items()`` gives them.

    Django's ``ResponseHeaders`` keeps them in a dict of pairs; ``items()``
    goes through a generator and a case-insensitive look-up per header, on
    every response. Another mapping (a future Django) is read with ``items()``.
    """
    store = getattr(response.headers, "_store", None)
    if isinstance(store, dict):
        pairs: Collection[tuple[str, str]] = store.values()
        return pairs
    return list(response.items())


def _unsendable(request: HttpRequest, refused: str) -> HttpResponseBase:
    """The ``internal`` envelope for a response a strict server would refuse to send."""
    problem = ValueError(f"The response header {refused!r} is not one a server can send.")
    # The envelope's own headers are sendable: the core drops any an error cannot send.
    return envelope_response(request, InternalError(), (ValueError, problem, None))
