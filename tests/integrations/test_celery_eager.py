"""The Celery integration in eager mode, and its receivers called as Celery calls them."""

from __future__ import annotations

import logging
from typing import Any, Iterator

import pytest

pytest.importorskip("celery", reason="the Celery integration needs celery")

from celery import Celery
from celery.signals import before_task_publish, task_postrun, task_prerun

from error_core import RequestIdFilter, current_request_id, request_id_scope
from error_core.integrations import celery as request_ids


@pytest.fixture
def app() -> Iterator[Celery]:
    app = Celery("eager", set_as_current=False)
    app.conf.update(task_always_eager=True, task_eager_propagates=True)
    request_ids.install()
    yield app
    request_ids.uninstall()
    app.close()


def test_an_eager_task_runs_under_the_callers_id(app: Celery) -> None:
    @app.task(shared=False, name="eager.1")
    def report() -> str | None:
        return current_request_id()

    with request_id_scope("req-caller"):
        assert report.delay().get() == "req-caller"
        assert current_request_id() == "req-caller"
    assert current_request_id() is None


def test_an_eager_task_outside_a_request_gets_a_fresh_id_and_unbinds_it(app: Celery) -> None:
    @app.task(shared=False, name="eager.2")
    def report() -> str | None:
        return current_request_id()

    first, second = report.delay().get(), report.delay().get()
    assert first.startswith("req_") and second.startswith("req_") and first != second
    assert current_request_id() is None


def test_an_eager_task_that_fails_unbinds_its_id(app: Celery) -> None:
    @app.task(shared=False, name="eager.3")
    def fail() -> None:
        raise ValueError("no")

    with pytest.raises(ValueError, match="no"):
        fail.delay()
    assert current_request_id() is None


def test_log_records_of_a_task_carry_its_id(app: Celery, caplog: pytest.LogCaptureFixture) -> None:
    @app.task(shared=False, name="eager.4")
    def chatty() -> None:
        logging.getLogger("tests.chatty").info("working")

    caplog.handler.addFilter(RequestIdFilter())
    with caplog.at_level(logging.INFO, "tests.chatty"), request_id_scope("req-log"):
        chatty.delay()
    assert [r.request_id for r in caplog.records if r.name == "tests.chatty"] == ["req-log"]  # type: ignore[attr-defined]


def _published_headers(sender: str = "task") -> dict[str, Any]:
    headers: dict[str, Any] = {}
    before_task_publish.send(sender=sender, body=(), headers=headers, exchange="", routing_key="")
    return headers


def test_publishing_in_a_request_sends_its_id(app: Celery) -> None:
    with request_id_scope("req-web"):
        assert _published_headers()[request_ids.HEADER] == "req-web"


def test_publishing_outside_a_request_sends_a_fresh_id(app: Celery) -> None:
    first, second = _published_headers(), _published_headers()
    assert first[request_ids.HEADER].startswith("req_")
    assert first[request_ids.HEADER] != second[request_ids.HEADER]


def test_a_valid_id_already_in_the_headers_is_kept(app: Celery) -> None:
    headers = {request_ids.HEADER: "req-set-by-caller"}
    with request_id_scope("req-other"):
        before_task_publish.send(sender="task", body=(), headers=headers)
    assert headers[request_ids.HEADER] == "req-set-by-caller"


def test_nothing_is_published_before_install() -> None:
    request_ids.uninstall()
    assert request_ids.HEADER not in _published_headers()


def test_an_invalid_id_in_a_message_is_not_bound(app: Celery) -> None:
    @app.task(bind=True, shared=False, name="eager.5")
    def report(self: Any) -> str | None:
        return current_request_id()

    result = report.apply(headers={request_ids.HEADER: "bad id\nforged"})
    assert result.get().startswith("req_")


def test_the_id_sent_in_the_message_is_bound(app: Celery) -> None:
    @app.task(shared=False, name="eager.6")
    def report() -> str | None:
        return current_request_id()

    with request_id_scope("req-caller"):
        result = report.apply(headers={request_ids.HEADER: "req-from-message"})
    assert result.get() == "req-from-message"


def test_prerun_without_a_task_does_nothing(app: Celery) -> None:
    task_prerun.send(sender=None, task_id="x", task=None, args=(), kwargs={})
    assert current_request_id() is None


def test_postrun_without_a_task_leaves_the_current_id_bound(app: Celery) -> None:
    with request_id_scope("req-caller"):
        task_postrun.send(sender=None, task_id="x", task=None, args=(), kwargs={}, retval=None)
        assert current_request_id() == "req-caller"
