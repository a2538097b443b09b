"""error_core.testing.assert_error with Flask test client responses."""

from __future__ import annotations

from typing import Any

import pytest

from error_core import NotFound
from error_core.testing import assert_error
from tests.apps.flask_app import create_app
from tests.readme import code_blocks


def test_flask_error_responses_pass() -> None:
    client = create_app().test_client()
    body = assert_error(client.get("/errors/not-found"), "not_found")
    assert body["message"] == "Widget wid_123 does not exist."
    assert_error(client.delete("/items"), "method_not_allowed")
    assert_error(client.get("/framework/410"), "invalid_request", status=410)
    assert_error(client.get("/errors/card-declined"), "card_declined")


def test_a_flask_success_fails_with_a_clear_message() -> None:
    client = create_app().test_client()
    with pytest.raises(AssertionError, match="status is 200, expected 404; the body's keys are"):
        assert_error(client.get("/ok"), "not_found")


def test_the_readme_example_passes_against_the_readme_app() -> None:
    app_example = code_blocks("## Flask")[0]
    namespace: dict[str, Any] = {"__name__": __name__}  # Flask(__name__) finds its root
    exec(app_example, namespace)
    (test_example,) = code_blocks("## Testing your API")
    exec(test_example, namespace)
    namespace["test_missing_widget"](namespace["app"].test_client())
    with pytest.raises(AssertionError, match=r"message is 'Widget 7 does not exist\.'"):
        assert_error(
            namespace["app"].test_client().get("/widgets/7"), "not_found", message=NotFound.message
        )
