"""Which headers of a framework's error page the envelope replaces when it converts one.

A converted page keeps every header other middleware or the application set
on it (CORS, security headers, ``Vary``, cookies, ``X-Frame-Options``...).
It loses what described the page's own body, since that body is gone, and
what the envelope itself owns (its ``Content-Type``, ``Cache-Control`` and
request id header, and the headers the error carries, such as ``Allow``).
"""

from __future__ import annotations

# Lower case. What describes (or frames) the old body and its freshness.
BODY_HEADERS = frozenset(
    {
        "content-type",
        "content-length",
        "content-language",
        "content-disposition",
        "content-encoding",
        "content-location",
        "content-range",
        "content-md5",
        "accept-ranges",
        "etag",
        "last-modified",
        "expires",
        "age",
        "pragma",
        "cache-control",
        "transfer-encoding",
        "digest",
        "content-digest",
        "repr-digest",
    }
)


def kept_headers(
    page_headers: list[tuple[str, str]], envelope_names: set[str]
) -> list[tuple[str, str]]:
    """The headers of ``page_headers`` a converted response keeps.

    ``envelope_names``: the lower-case names the envelope sets itself; they win.
    """
    return [
        (name, value)
        for name, value in page_headers
        if name.lower() not in BODY_HEADERS and name.lower() not in envelope_names
    ]
