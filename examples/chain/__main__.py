"""Run the chain, send one failing request, print what each process logged about it.

    python -m examples.chain

Needs gunicorn, Flask, Django, requests, celery[redis] and a ``redis-server``
binary. Every process binds 127.0.0.1 and is stopped when the demo ends.
"""

from __future__ import annotations

import http.client
import json
import sys
import time
from contextlib import ExitStack

from tests.apps.servers import Server, free_port, gunicorn_command, serve

from .processes import Process, celery_worker, environment, redis_server

WAIT_FOR_WORKER = 20.0


def _gunicorn(stack: ExitStack, name: str, app: str, **env: str) -> Server:
    port = free_port()
    extra = tuple(arg for key, value in env.items() for arg in ("--env", f"{key}={value}"))
    return stack.enter_context(
        serve(name, gunicorn_command(app, port, workers=1, extra=extra), port)
    )


def _lines_about(log: str, request_id: str) -> list[str]:
    """The records carrying ``request_id``, each with its indented traceback lines."""
    lines, keep = [], False
    for line in log.splitlines():
        if not line.startswith("  "):
            keep = f"[{request_id}]" in line
        if keep:
            lines.append(line)
    return lines


def main() -> int:
    with ExitStack() as stack:
        redis = stack.enter_context(redis_server())
        worker: Process = stack.enter_context(
            celery_worker("examples.chain.tasks", environment(CHAIN_REDIS_URL=redis))
        )
        orders = _gunicorn(
            stack,
            "orders",
            "examples.chain.orders:application",
            DJANGO_SETTINGS_MODULE="examples.chain.orders_settings",
            CHAIN_REDIS_URL=redis,
        )
        shop = _gunicorn(
            stack, "shop", "examples.chain.shop:app", ORDERS_URL=f"http://127.0.0.1:{orders.port}"
        )

        connection = http.client.HTTPConnection("127.0.0.1", shop.port, timeout=30)
        connection.request("POST", "/checkout", b"{}", {"Content-Type": "application/json"})
        response = connection.getresponse()
        body = response.read()
        connection.close()
        request_id = json.loads(body)["request_id"]
        deadline = time.monotonic() + WAIT_FOR_WORKER
        while f"[{request_id}]" not in worker.log_text() and time.monotonic() < deadline:
            time.sleep(0.1)

        print(f"The client: POST /checkout -> {response.status}")
        print(f"  {body.decode()}")
        print()
        print(f"Every log line carrying {request_id}:")
        for name, log in (
            ("shop", shop.log_text()),
            ("orders", orders.log_text()),
            ("worker", worker.log_text()),
        ):
            print(f"--- {name}")
            for line in _lines_about(log, request_id):
                print(line)
    return 0


if __name__ == "__main__":
    sys.exit(main())
