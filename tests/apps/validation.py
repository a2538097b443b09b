"""A pydantic model both example apps validate the client's JSON with."""

from __future__ import annotations

from pydantic import BaseModel


class Widget(BaseModel):
    """What POST /pydantic accepts."""

    name: str
    qty: int
