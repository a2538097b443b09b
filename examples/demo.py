"""The demo: both example apps under gunicorn, the same requests, one table.

    python -m examples.demo

Exits non-zero if any scenario answers differently on Flask and Django.
"""

from __future__ import annotations

import json
import sys

from tests.apps.scenarios import SCENARIOS, Scenario
from tests.apps.servers import Answer, gunicorn, send

COMPARED_HEADERS = ("content-type", "cache-control", "retry-after", "allow", "www-authenticate")


def comparable(scenario: Scenario, answer: Answer) -> object:
    """What must be equal on both frameworks: the id is replaced, success bodies are the app's."""
    if scenario.code is None:
        return answer.status
    request_id = answer.headers.get("request-id", "")
    headers = {name: answer.headers.get(name) for name in COMPARED_HEADERS}
    return answer.status, headers, answer.body.replace(request_id.encode(), b"<id>")


def as_the_table_says(scenario: Scenario, answer: Answer) -> bool:
    """The status, and for an error the envelope's code and id, that the table expects."""
    if answer.status != scenario.status or "request-id" not in answer.headers:
        return False
    if any(answer.headers.get(k.lower()) != v for k, v in scenario.expect_headers.items()):
        return False
    if scenario.code is None:
        return True
    if scenario.method == "HEAD":
        return answer.body == b""
    try:
        envelope = json.loads(answer.body)
    except ValueError:
        return False
    return (
        answer.headers.get("content-type") == "application/json"
        and list(envelope) == ["code", "message", "request_id"]
        and envelope["code"] == scenario.code
        and envelope["request_id"] == answer.headers["request-id"]
    )


def describe(scenario: Scenario, answer: Answer | None) -> str:
    if answer is None:
        return "(not applicable)"
    code = "-"
    if answer.body and scenario.code is not None:
        try:
            code = json.loads(answer.body)["code"]
        except (ValueError, KeyError, TypeError):
            code = "NOT AN ENVELOPE"
    elif scenario.method == "HEAD":
        code = "(HEAD)"
    return f"{answer.status} {code:<19} {answer.headers.get('request-id', 'NO ID')}"


def main() -> int:
    with gunicorn("flask") as flask_port, gunicorn("django") as django_port:
        rows = []
        for scenario in SCENARIOS:
            flask = None if "flask" in scenario.skip else send(flask_port, scenario)
            django = None if "django" in scenario.skip else send(django_port, scenario)
            answers = [a for a in (flask, django) if a is not None]
            if any(not as_the_table_says(scenario, a) for a in answers):
                verdict = "WRONG"
            elif flask is None or django is None:
                verdict = "only one"
            else:
                same = comparable(scenario, flask) == comparable(scenario, django)
                verdict = "same" if same else "DIFFERENT"
            rows.append((scenario, flask, django, verdict))

    print(f"{'scenario':<32} {'Flask (gunicorn)':<54} {'Django (gunicorn)':<54} verdict")
    for scenario, flask, django, verdict in rows:
        print(
            f"{scenario.name:<32} {describe(scenario, flask):<54} "
            f"{describe(scenario, django):<54} {verdict}"
        )
    different = [row[0].name for row in rows if row[3] in ("DIFFERENT", "WRONG")]
    compared = sum(1 for row in rows if row[3] != "only one")
    print(
        f"\n{len(rows)} scenarios, {compared} compared between Flask and Django over HTTP; "
        f"{len(different)} different or not as the table says."
    )
    if different:
        print("Different: " + ", ".join(different), file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
