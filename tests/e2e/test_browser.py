"""A real browser reads the error: headless Chromium, a page on one origin, the APIs on another.

The page is served from ``http://127.0.0.1:<port>`` by a small server in the
test; each API runs under gunicorn on another port of 127.0.0.1, so on another
origin, with flask-cors or django-cors-headers allowing the page's origin. The
page's script calls the API with ``fetch()`` and posts what it could read (the
status, the body, the ``Request-Id`` header) back to the page's server; the
test asserts on that. A browser refuses a script any response, or header,
that CORS does not allow it: what the page reads is what a front end gets.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import signal
import subprocess
import tempfile
import threading
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, Iterator

import pytest

from error_core import CODES
from tests.apps.servers import free_port, gunicorn_command, serve

from .browser_apps import CONFLICT_MESSAGE, SECRET

CHROMIUM = (
    os.environ.get("CHROMIUM") or shutil.which("chromium") or shutil.which("chromium-browser")
)
# CI sets ERROR_CORE_REQUIRE_BROWSER=1: there, a missing browser fails instead of skipping.
if CHROMIUM is None and os.environ.get("ERROR_CORE_REQUIRE_BROWSER") == "1":
    raise RuntimeError("ERROR_CORE_REQUIRE_BROWSER=1 but no chromium binary on PATH")
pytestmark = pytest.mark.skipif(
    CHROMIUM is None,
    reason="no chromium binary on PATH (apt-get install chromium, or set CHROMIUM)",
)

ID = re.compile(r"req_[0-9A-HJKMNP-TV-Z]{26}")
RESULTS_TIMEOUT = 60.0
STOP_TIMEOUT = 10.0
CHROMIUM_FLAGS = (
    "--headless",
    "--no-sandbox",  # the tests may run as root, in a container
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-quic",
    "--no-first-run",
    "--no-default-browser-check",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-extensions",
)

# name -> (method, path, expected status, expected code or None for a success)
CASES: dict[str, tuple[str, str, int, str | None]] = {
    "success": ("GET", "/ok", 200, None),
    "unknown-route": ("GET", "/nope", 404, "not_found"),
    "method-not-allowed": ("POST", "/ok", 405, "method_not_allowed"),
    "raised-4xx": ("GET", "/conflict", 409, "conflict"),
    "unexpected-500": ("GET", "/boom", 500, "internal"),
}
MESSAGES = {"raised-4xx": CONFLICT_MESSAGE}

PAGE = """<!doctype html>
<html><head><meta charset="utf-8"><title>error-core in a browser</title></head>
<body><script>
const API = %(api)s, CREDENTIALS = %(credentials)s, CASES = %(cases)s;
(async () => {
  const results = {};
  for (const [name, [method, path]] of Object.entries(CASES)) {
    try {
      const options = {method, credentials: CREDENTIALS, cache: "no-store"};
      const response = await fetch(API + path, options);
      results[name] = {
        status: response.status,
        requestId: response.headers.get("Request-Id"),
        contentType: response.headers.get("Content-Type"),
        body: await response.text(),
      };
    } catch (error) {
      results[name] = {error: String(error)};  // what a CORS refusal looks like to a script
    }
  }
  await fetch("/results", {method: "POST", body: JSON.stringify(results)});
})();
</script></body></html>
"""


@dataclass(frozen=True)
class Setup:
    """One API under gunicorn, called with or without credentials."""

    framework: str  # "flask" or "django"
    credentials: bool

    def __str__(self) -> str:
        return f"{self.framework}-{'credentials' if self.credentials else 'no-credentials'}"


SETUPS = [Setup(f, c) for f in ("flask", "django") for c in (False, True)]


class _Page(ThreadingHTTPServer):
    """Serves the page and receives what its script read."""

    page = b""
    results: Any = None
    received: threading.Event


class _PageHandler(BaseHTTPRequestHandler):
    server: _Page

    def do_GET(self) -> None:
        if self.path != "/":
            self._answer(404, b"", "text/plain")
            return
        self._answer(200, self.server.page, "text/html; charset=utf-8")

    def do_POST(self) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        self.server.results = json.loads(self.rfile.read(length))
        self._answer(204, b"", "text/plain")
        self.server.received.set()

    def _answer(self, status: int, body: bytes, content_type: str) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: Any) -> None:
        pass  # the page's requests are not the test's output


@pytest.fixture(scope="module")
def page_server() -> Iterator[_Page]:
    server = _Page(("127.0.0.1", 0), _PageHandler)
    server.received = threading.Event()
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield server
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=STOP_TIMEOUT)


def _origin(server: _Page) -> str:
    return f"http://127.0.0.1:{server.server_address[1]}"


@pytest.fixture(scope="module", params=SETUPS, ids=str)
def seen(request: pytest.FixtureRequest, page_server: _Page) -> dict[str, Any]:
    """What the page's script read from each case, for one setup."""
    setup: Setup = request.param
    origin = _origin(page_server)
    factory = f"tests.e2e.browser_apps:{setup.framework}_app({origin!r}, {setup.credentials})"
    port = free_port()
    with serve(f"gunicorn-browser-{setup}", gunicorn_command(factory, port), port) as api:
        page_server.page = (
            PAGE
            % {
                "api": json.dumps(f"http://127.0.0.1:{api.port}"),
                "credentials": json.dumps("include" if setup.credentials else "omit"),
                "cases": json.dumps({name: case[:2] for name, case in CASES.items()}),
            }
        ).encode()
        page_server.results = None
        page_server.received.clear()
        _run_browser(f"{origin}/", page_server)
        log = api.log_text()
    assert SECRET in log, "the unexpected exception was not logged by the API"
    results: dict[str, Any] = page_server.results
    return results


def _run_browser(url: str, page_server: _Page) -> None:
    """Open ``url`` in headless Chromium until the page has posted its results."""
    assert CHROMIUM is not None
    with tempfile.TemporaryDirectory(prefix="chromium-") as profile:
        command = [CHROMIUM, *CHROMIUM_FLAGS, f"--user-data-dir={profile}", url]
        with tempfile.TemporaryFile() as output:
            # Its own session: the browser's helper processes are stopped with it.
            browser = subprocess.Popen(
                command, stdout=output, stderr=subprocess.STDOUT, start_new_session=True
            )
            try:
                received = page_server.received.wait(RESULTS_TIMEOUT)
            finally:
                _stop(browser)
            if not received:
                output.seek(0)
                tail = output.read().decode(errors="replace")[-3000:]
                pytest.fail(f"the page posted no results in {RESULTS_TIMEOUT:.0f} s:\n{tail}")


def _stop(browser: subprocess.Popen[bytes]) -> None:
    """SIGTERM to the browser's process group (it and its helpers), SIGKILL if it hangs."""
    for sig in (signal.SIGTERM, signal.SIGKILL):
        try:
            os.killpg(browser.pid, sig)
        except ProcessLookupError:
            break
        try:
            browser.wait(timeout=STOP_TIMEOUT)
            break
        except subprocess.TimeoutExpired:
            continue
    browser.wait()


@pytest.mark.parametrize("case", CASES, ids=str)
def test_page_on_another_origin_reads_status_envelope_and_request_id(
    seen: dict[str, Any], case: str
) -> None:
    method, path, status, code = CASES[case]
    read = seen[case]
    where = f"{method} {path}: {read}"

    assert "error" not in read, f"the browser refused the page the response: {where}"
    assert read["status"] == status, where
    assert read["requestId"] is not None, f"Request-Id not readable (not exposed): {where}"
    assert ID.fullmatch(read["requestId"]), where
    if code is None:
        assert json.loads(read["body"]) == {"ok": True}, where
        return
    assert read["contentType"] == "application/json", where
    envelope = json.loads(read["body"])
    assert envelope == {
        "code": code,
        "message": MESSAGES.get(case, CODES[code].message),
        "request_id": read["requestId"],
    }, where
    assert list(envelope) == ["code", "message", "request_id"], where
    assert SECRET not in read["body"], where
