"""error_core.testing.assert_error with Django and DRF test client responses."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import include, path

from error_core import Conflict
from error_core.testing import assert_error

pytest.importorskip("rest_framework")

from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.test import APIClient
from rest_framework.views import APIView

from tests.django.urls import urlpatterns as test_urls


class Taken(APIView):
    def post(self, request: Request) -> Response:
        raise Conflict("Widget wid_123 is taken.")


urlpatterns = [path("drf/taken", Taken.as_view()), path("", include(test_urls))]


def test_django_error_responses_pass() -> None:
    client = Client(raise_request_exception=False)
    body = assert_error(client.get("/errors/not-found"), "not_found")
    assert body["message"] == "Widget wid_123 does not exist."
    assert_error(client.delete("/items"), "method_not_allowed")
    assert_error(client.get("/framework/410"), "invalid_request", status=410)
    assert_error(client.get("/errors/unexpected"), "internal")


def test_a_django_success_fails_with_a_clear_message() -> None:
    with pytest.raises(AssertionError, match="status is 200, expected 404; the body's keys are"):
        assert_error(Client().get("/ok"), "not_found")


@pytest.mark.urls(__name__)
def test_drf_test_client_responses_pass() -> None:
    client = APIClient()
    response = client.post("/drf/taken", {"name": "x"}, format="json")
    assert_error(response, "conflict", message="Widget wid_123 is taken.")
    assert_error(client.get("/errors/card-declined"), "card_declined")
    with pytest.raises(AssertionError, match="code is 'conflict', expected 'not_found'"):
        assert_error(response, "not_found", status=409)
