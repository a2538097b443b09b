"""A JSON body nested deeper than this Python's parser recurses.

How deep that is depends on the Python: about a thousand levels up to 3.11,
where the parser counts Python's recursion limit; tens of thousands from 3.12,
where it counts the C stack. The tests that need a RecursionError from the
parser take the first depth that gives one here.
"""

from __future__ import annotations

import json
from functools import cache


@cache
def too_deep_json() -> bytes:
    """The shallowest balanced JSON array (of 10**3 ... 10**6 levels) the parser refuses."""
    for depth in (1_000, 10_000, 100_000, 1_000_000):
        text = "[" * depth + "]" * depth
        try:
            json.loads(text)
        except RecursionError:
            return text.encode()
    raise AssertionError("json.loads parsed a million nested arrays: no depth to test with")
