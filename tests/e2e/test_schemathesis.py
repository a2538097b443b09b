"""Schemathesis against both example apps, each under gunicorn on 127.0.0.1.

Each app publishes its OpenAPI document (``/openapi.json``: apispec with
``flask_errors.apispec``, drf-spectacular with ``django_errors.spectacular``).
Schemathesis reads it and runs every check through its examples, coverage
and fuzzing phases, bounded in examples and time; the run must find nothing.
The statuses a check accepts beyond Schemathesis' defaults are in
``schemathesis.toml`` beside this file, each with its reason. ``/boom`` raises
on purpose, so it is left out of the run and checked on its own below.
"""

from __future__ import annotations

import http.client
import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.apps.servers import gunicorn_server

HERE = Path(__file__).resolve().parent
CONFIG = HERE / "schemathesis.toml"
APPS = ("flask-widgets", "django-widgets")
MAX_EXAMPLES = 50  # per operation and phase
MAX_TIME = 45  # seconds per app: fuzzing repeats until the budget is spent
SEED = 1
# Django logs a SuspiciousOperation it answers (a body over
# DATA_UPLOAD_MAX_MEMORY_SIZE) on django.security.<class> at ERROR with its
# traceback, and so does the middleware, as Django does: a record with its
# indented lines, as the example project's EscapingFormatter writes it.
DJANGO_SECURITY_RECORD = re.compile(
    r"^ERROR \[[^\]]*\] django\.security\.\S+ .*\n(?:  .*\n)*", re.M
)


def schemathesis_command(port: int) -> list[str]:
    """``schemathesis run`` with every check and the three phases, bounded and seeded."""
    found = shutil.which("schemathesis", path=str(Path(sys.executable).parent))
    assert found, "schemathesis is not installed next to this Python (tox -e e2e installs it)"
    return [
        found,
        "--config-file",
        str(CONFIG),
        "--no-color",
        "run",
        f"http://127.0.0.1:{port}/openapi.json",
        "--checks",
        "all",
        "--phases",
        "examples,coverage,fuzzing",
        "--max-examples",
        str(MAX_EXAMPLES),
        "--max-time",
        str(MAX_TIME),
        "--seed",
        str(SEED),
        "--generation-database",
        "none",
        "--request-timeout",
        "10",
        "--exclude-path",
        "/boom",
    ]


@pytest.mark.parametrize("app", APPS)
def test_schemathesis_finds_nothing_in_the_example_app(app: str, tmp_path: Path) -> None:
    with gunicorn_server(app, workers=2) as server:
        run = subprocess.run(
            schemathesis_command(server.port),
            cwd=tmp_path,  # Schemathesis keeps a cache of crashes in its working directory
            capture_output=True,
            text=True,
            timeout=MAX_TIME + 120,
            check=False,
        )
        log = server.log_text()
    report = run.stdout[-20000:] + run.stderr[-5000:]
    assert run.returncode == 0, f"{app}: Schemathesis found failures:\n{report}"
    unexplained = DJANGO_SECURITY_RECORD.sub("", log)
    at = unexplained.find("Traceback")
    assert at < 0, f"{app}: the server logged a traceback:\n{unexplained[at - 500 : at + 3000]}"


@pytest.mark.parametrize("app", APPS)
def test_the_example_apps_unexpected_error_is_the_documented_internal_envelope(app: str) -> None:
    with gunicorn_server(app, workers=1) as server:
        connection = http.client.HTTPConnection("127.0.0.1", server.port, timeout=10)
        connection.request("GET", "/openapi.json")
        document = json.loads(connection.getresponse().read())
        connection.request("GET", "/boom")
        response = connection.getresponse()
        body = json.loads(response.read())
        connection.close()

    documented = document["paths"]["/boom"]["get"]["responses"]["500"]
    assert documented == {"$ref": "#/components/responses/internal"}
    assert response.status == 500
    assert body["code"] == "internal"
    assert body["request_id"] == response.getheader("Request-Id")
    assert "unexpected failure" not in json.dumps(body)
