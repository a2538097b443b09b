"""Whether an exception was raised inside a given function (a library's parser)."""

from __future__ import annotations

import sys
from typing import Any


def raised_inside(exception: BaseException, function: Any) -> bool:
    """Whether ``function`` is in ``exception``'s traceback (``None``, or no code: no).

    The adapters tell a parser's ``RecursionError`` (the client's too deeply
    nested JSON) from the application's own this way.
    """
    code = getattr(function, "__code__", None)
    if code is None:
        return False
    frame = exception.__traceback__
    while frame is not None:
        if frame.tb_frame.f_code is code:
            return True
        frame = frame.tb_next
    return False


def raised_inside_loaded(exception: BaseException, module: str, function: str) -> bool:
    """Whether ``exception`` was raised inside ``module``'s ``function`` (``"Class.method"``).

    Nothing is imported: a library the application has not loaded raised nothing.
    """
    target: Any = sys.modules.get(module)
    for name in function.split("."):
        target = getattr(target, name, None)
    return raised_inside(exception, target)
