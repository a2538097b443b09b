"""An application error code shared by both example apps."""

from __future__ import annotations

from error_core import APIError


class CardDeclined(APIError):
    """The card was declined by the issuer."""

    code = "card_declined"
    status = 402
    message = "Your card was declined."


# Messages that must survive both frameworks byte for byte.
QUOTES_MESSAGE = 'The "name" field can\'t contain a backslash (\\),\na newline or a\ttab.'
UNICODE_MESSAGE = "Le champ « nom » est requis — 名前は必須です ✓ 😀"
SECRET = "db-password=hunter2"
STREAM_CONFLICT = "Widget wid_123 changed while its list was streamed."

# The /drf/ endpoints of both example apps.
API_KEY = "key_live_123"
REVOKED_KEY = "key_revoked_456"
REVOKED_MESSAGE = "The API key key_revoked_456 was revoked."
WWW_AUTHENTICATE = 'Bearer realm="api"'
SCOPE_MESSAGE = "The API key lacks the widgets:write scope."
WIDGET_MISSING = "Widget wid_123 does not exist."
THROTTLE_WAIT = 42
