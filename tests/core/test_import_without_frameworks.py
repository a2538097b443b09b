from __future__ import annotations

import json
import subprocess
import sys
import textwrap
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

SCRIPT = textwrap.dedent(
    """
    import json, sys

    sys.path.insert(0, ROOT)
    BLOCKED = ("flask", "werkzeug", "django", "rest_framework", "asgiref")
    for name in BLOCKED:
        sys.modules[name] = None  # any import of it now raises ImportError
    for name in BLOCKED:
        try:
            __import__(name)
        except ImportError:
            pass
        else:
            raise SystemExit(f"{name} was not blocked")

    import importlib
    import pkgutil

    import error_core
    from error_core import _envelope as envelope

    for module in pkgutil.iter_modules(error_core.__path__):
        if module.name != "__main__":  # runs the command line
            importlib.import_module(f"error_core.{module.name}")
    from error_core import _error_response as responding
    from error_core import _log as log
    from error_core import _settings as settings

    rendered = envelope.render(error_core.NotFound(), "req_test")
    response = responding.error_response(
        error_core.RateLimited(retry_after=5),
        request_id="req_test",
        method="GET",
        path="/",
        settings=settings.Settings(),
    )
    log.install_record_factory()
    loaded = sorted(
        name for name, module in sys.modules.items()
        if module is not None and name.split(".")[0] in BLOCKED
    )
    print(json.dumps({
        "all": error_core.__all__,
        "body": rendered.body.decode("utf-8"),
        "headers": rendered.headers,
        "status": rendered.status,
        "limited": [response.status, response.headers[-1]],
        "loaded": loaded,
    }))
    """
)


def test_error_core_imports_and_renders_without_any_framework() -> None:
    result = subprocess.run(
        [sys.executable, "-I", "-W", "error", "-c", f"ROOT = {str(ROOT)!r}\n{SCRIPT}"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    output = json.loads(result.stdout)
    assert output["loaded"] == []
    assert output["status"] == 404
    assert output["body"] == (
        '{"code":"not_found","message":"The requested resource does not exist.",'
        '"request_id":"req_test"}'
    )
    assert output["headers"] == [
        ["Content-Type", "application/json"],
        ["Cache-Control", "no-store"],
        ["Request-Id", "req_test"],
    ]
    assert output["limited"] == [429, ["Retry-After", "5"]]
    assert {
        "APIError",
        "InvalidRequest",
        "AuthenticationError",
        "PermissionDenied",
        "NotFound",
        "Conflict",
        "RateLimited",
        "InternalError",
        "ErrorCode",
        "current_request_id",
        "new_request_id",
    } <= set(output["all"])
