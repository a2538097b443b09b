"""The apps under fuzz: a Flask app and Django URLs whose view does what the plan says.

Every example draws a :class:`Plan`; the view reads the body the way the plan
says and then returns, raises the plan's exception or lets the framework
answer. :data:`SEEN` records what the view actually did, so the properties
know which statuses and messages the request may have produced.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any, Callable

ALLOWED_HOSTS = ["localhost", "127.0.0.1", "testserver"]
METHODS = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"]
BODY_LIMIT = 1024  # MAX_CONTENT_LENGTH and DATA_UPLOAD_MAX_MEMORY_SIZE


@dataclass(frozen=True)
class Text:
    """Text made when it is used: ``piece`` repeated, at most a megabyte.

    Hypothesis keeps thousands of recent examples: a recipe keeps them small.
    """

    piece: str
    repeat: int = 1

    def __str__(self) -> str:
        return (self.piece * self.repeat)[: 2**20]


@dataclass(frozen=True)
class Raise:
    """An exception made in the view: ``factory(*args, **kwargs)``, texts made then."""

    factory: Callable[..., BaseException]
    args: tuple[Any, ...] = ()
    kwargs: tuple[tuple[str, Any], ...] = ()

    def make(self) -> BaseException:
        made = [_made(arg) for arg in self.args]
        return self.factory(*made, **{name: _made(value) for name, value in self.kwargs})


def _made(value: Any) -> Any:
    if isinstance(value, Text):
        return str(value)
    if isinstance(value, Raise):
        return value.make()
    if isinstance(value, list):
        return [_made(item) for item in value]
    return value


@dataclass(frozen=True)
class Plan:
    """What the view does: read the body (``read``), then ``action``."""

    read: str = "none"  # none, data, json, form, files, args
    action: str = "ok"  # ok, api_error, unexpected, framework
    exception: Raise | None = None  # raised for api_error / unexpected / framework
    status: int = 0  # framework: the status of an HTML error page the view returns
    marker: str = "SECRET"  # in every unexpected exception's text: never in a body


@dataclass
class Seen:
    """What the current request's view did."""

    plan: Plan = field(default_factory=Plan)
    reached: bool = False  # the view ran
    raised: BaseException | None = None  # what the view raised after reading the body
    returned: int = 0  # the status of a page the view returned itself


SEEN = Seen()


def start(plan: Plan) -> None:
    """Reset :data:`SEEN` for a new request made with ``plan``."""
    SEEN.plan, SEEN.reached, SEEN.raised, SEEN.returned = plan, False, None, 0


def act() -> None:
    """After the body was read: raise the plan's exception, if any."""
    plan = SEEN.plan
    if plan.action in ("api_error", "unexpected", "framework") and plan.exception is not None:
        SEEN.raised = plan.exception.make()
        raise SEEN.raised


# Flask ---------------------------------------------------------------------------


def flask_app(**config: Any) -> Any:
    """The Flask app: trusted hosts, a body limit, one catch-all view."""
    from flask import Flask, Request, request
    from werkzeug.exceptions import abort

    from flask_errors import Errors

    class TrustedHostRequest(Request):
        trusted_hosts = ALLOWED_HOSTS

    app = Flask("fuzz")
    app.request_class = TrustedHostRequest
    app.config.update({"MAX_CONTENT_LENGTH": BODY_LIMIT, **config})
    Errors(app)

    @app.before_request
    def check_host() -> None:
        request.host  # noqa: B018 - SecurityError (400) for an untrusted Host

    @app.route("/fuzz/", defaults={"rest": ""}, methods=METHODS)
    @app.route("/fuzz/<path:rest>", methods=METHODS)
    def fuzz(rest: str) -> Any:
        SEEN.reached = True
        plan = SEEN.plan
        if plan.read == "data":
            request.get_data()
        elif plan.read == "json":
            request.get_json()
        elif plan.read == "form":
            request.form.to_dict()
        elif plan.read == "files":
            request.files.to_dict()
        elif plan.read == "args":
            request.args.to_dict()
        if plan.action == "framework" and plan.status:
            SEEN.returned = plan.status
            abort(plan.status)
        act()
        return {"ok": True}

    @app.get("/ok")
    def ok() -> Any:
        SEEN.reached = True
        return {"ok": True}

    return app


# Django --------------------------------------------------------------------------


def django_view(request: Any, rest: str = "") -> Any:
    """The catch-all Django view (CSRF-exempt under /fuzz/, protected under /csrf/)."""
    from django.http import HttpResponse, JsonResponse

    from error_core import InvalidRequest

    SEEN.reached = True
    plan = SEEN.plan
    if plan.read == "data":
        request.body  # noqa: B018
    elif plan.read == "json":
        try:
            json.loads(request.body)
        except (ValueError, RecursionError):
            # What an application does with a body that is not JSON (the parser
            # recurses: deep nesting within the body limit is a RecursionError).
            raise InvalidRequest() from None
    elif plan.read == "form":
        request.POST.dict()
    elif plan.read == "files":
        request.FILES.dict()
    elif plan.read == "args":
        request.GET.dict()
    if plan.action == "framework" and plan.status:
        SEEN.returned = plan.status
        return HttpResponse(f"<h1>{plan.marker}</h1>", status=plan.status)
    act()
    return JsonResponse({"ok": True})


def _urlpatterns() -> list[Any]:
    from django.urls import re_path
    from django.views.decorators.csrf import csrf_exempt

    return [
        re_path(r"^fuzz/(?P<rest>.*)$", csrf_exempt(django_view)),
        re_path(r"^csrf/(?P<rest>.*)$", django_view),
        re_path(r"^ok$", django_view),
    ]


urlpatterns = _urlpatterns()
