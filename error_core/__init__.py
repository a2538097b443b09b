"""One error contract for Flask and Django APIs: codes, request ids, bytes."""

from __future__ import annotations

from ._codes import CODES, Code, CodeConflictError, ErrorCode, register_code
from ._errors import (
    APIError,
    AuthenticationError,
    Conflict,
    InternalError,
    InvalidRequest,
    NotFound,
    PermissionDenied,
    RateLimited,
)
from ._log import RequestIdFilter
from ._log_escaping import EscapingFormatter
from ._request_id import current_request_id, new_request_id
from ._scope import request_id_scope
from ._settings import SettingsError

__version__ = "0.1.0"

__all__ = [
    "CODES",
    "APIError",
    "AuthenticationError",
    "Code",
    "CodeConflictError",
    "Conflict",
    "ErrorCode",
    "EscapingFormatter",
    "InternalError",
    "InvalidRequest",
    "NotFound",
    "PermissionDenied",
    "RateLimited",
    "RequestIdFilter",
    "SettingsError",
    "current_request_id",
    "new_request_id",
    "register_code",
    "request_id_scope",
]
