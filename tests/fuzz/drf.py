"""A DRF view whose serializer has choice, dict, list and nested fields, and hostile JSON for it.

The documents aim at the fields (their names are the serializer's), with
values of any shape: hostile strings (controls, bidi marks, lone surrogates
written as ``\\ud800`` escapes, up to hundreds of kilobytes), keys of any
text, nesting, and raw bodies that are barely JSON (deep brackets, bad
escapes).
"""

from __future__ import annotations

import json
from typing import Any, Callable

from hypothesis import strategies as st

from .strategies import ANY_CHAR, NASTY

BODY_LIMIT = 2**20  # DATA_UPLOAD_MAX_MEMORY_SIZE here: huge strings reach the fields
BIDI = ["\u202a", "\u202b", "\u202c", "\u202d", "\u202e", "\u2066", "\u2067", "\u2068", "\u2069"]
INVISIBLE = ["\u200b", "\u200e", "\u200f", "\ufeff", "\u061c"]
CHOICES = ["red", "green", "blue"]


def _serializers() -> Any:
    from rest_framework import serializers

    class Line(serializers.Serializer):  # type: ignore[type-arg]
        sku = serializers.ChoiceField(choices=CHOICES)
        qty = serializers.IntegerField(min_value=1, max_value=99)
        notes = serializers.DictField(child=serializers.CharField(max_length=8), required=False)

    class Order(serializers.Serializer):  # type: ignore[type-arg]
        color = serializers.ChoiceField(choices=CHOICES)
        colors = serializers.MultipleChoiceField(choices=CHOICES, required=False)
        labels = serializers.DictField(child=serializers.IntegerField(), required=False)
        tags = serializers.ListField(
            child=serializers.ChoiceField(choices=CHOICES), max_length=4, required=False
        )
        matrix = serializers.ListField(
            child=serializers.ListField(child=serializers.IntegerField()), required=False
        )
        owner = Line(required=False)
        lines = Line(many=True, required=False)
        name = serializers.CharField(max_length=20, required=False)
        email = serializers.EmailField(required=False)
        slug = serializers.SlugField(required=False)
        when = serializers.DateTimeField(required=False)
        ratio = serializers.DecimalField(max_digits=5, decimal_places=2, required=False)
        ident = serializers.UUIDField(required=False)

    return Order


FIELDS = [
    "color",
    "colors",
    "labels",
    "tags",
    "matrix",
    "owner",
    "lines",
    "name",
    "email",
    "slug",
    "when",
    "ratio",
    "ident",
]


def orders_view() -> Any:
    """The DRF view: validates an order, 201 when valid."""
    from rest_framework.response import Response
    from rest_framework.views import APIView

    order = _serializers()

    class Orders(APIView):
        def post(self, request: Any) -> Any:
            serializer = order(data=request.data)
            serializer.is_valid(raise_exception=True)
            return Response({"ok": True}, status=201)

    return Orders.as_view()


def _urlpatterns() -> list[Any]:
    from django.urls import path

    return [path("drf/orders", orders_view())]


urlpatterns = _urlpatterns()


# Hostile documents ---------------------------------------------------------------

hostile_piece = st.sampled_from([*NASTY, *BIDI, *INVISIBLE, "\x7f", "\x85", "\u2029"])
hostile_text = st.lists(hostile_piece | st.text(ANY_CHAR, max_size=12), max_size=6).map("".join)
huge_text = st.builds(
    lambda piece, n: (piece * n)[: BODY_LIMIT // 8],
    hostile_text.filter(bool) | st.sampled_from(CHOICES),
    st.integers(10, 50_000),
)
strings = st.one_of(hostile_text, hostile_text, st.sampled_from(CHOICES), huge_text)
scalars = st.one_of(
    strings,
    st.integers(-(10**30), 10**30),
    st.floats(allow_nan=False),
    st.booleans(),
    st.none(),
)
keys = st.one_of(st.sampled_from(FIELDS), strings, st.sampled_from(["sku", "qty", "notes"]))
values = st.recursive(
    scalars,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(keys, inner, max_size=4),
    max_leaves=12,
)
documents = st.dictionaries(st.sampled_from(FIELDS), values, max_size=6) | values


def _dumped(document: object, ascii_only: bool) -> bytes:
    # ensure_ascii writes a lone surrogate as its \\u escape, as a client's JSON may.
    text = json.dumps(document, ensure_ascii=ascii_only)
    return text.encode("utf-8", "surrogatepass")


DEEP = st.integers(1, 3000).flatmap(
    lambda depth: st.sampled_from(
        [b"[" * depth, b"[" * depth + b"]" * depth, b'{"a":' * depth + b"1" + b"}" * depth]
    )
)
RAW = [b'{"color": "\\ud800"}', b'{"color": "\\udfff\\ud800"}', b'{"tags": ["\\u202e"]}', b"{"]


@st.composite
def bodies(draw: Callable[..., Any]) -> bytes:
    """One request body: a JSON document, or JSON-ish bytes."""
    kind = draw(st.sampled_from(["document", "document", "document", "deep", "raw"]))
    if kind == "deep":
        return bytes(draw(DEEP))
    if kind == "raw":
        return bytes(draw(st.sampled_from(RAW)))
    return _dumped(draw(documents), draw(st.booleans()))


def client_strings(body: bytes) -> list[str]:
    """Every string (keys included) the client sent in ``body``, if it is JSON."""
    try:
        document = json.loads(body.decode("utf-8", "surrogatepass"))
    except (ValueError, RecursionError):
        return [body.decode("utf-8", "replace")]
    found: list[str] = []
    # A loop, not recursion: from 3.12 the parser nests deeper than Python recurses.
    pending: list[object] = [document]
    while pending:
        value = pending.pop()
        if isinstance(value, str):
            found.append(value)
        elif isinstance(value, list):
            pending.extend(value)
        elif isinstance(value, dict):
            found.extend(value)
            pending.extend(value.values())
        elif value is not None and not isinstance(value, bool):
            found.append(str(value))
    return found
