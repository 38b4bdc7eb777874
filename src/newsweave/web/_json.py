"""JSON responses written straight to bytes, bypassing FastAPI's response validation and ``jsonable_encoder``.

The API's rows are plain dicts of str/int/float/bool/None already (the shapes of the exports), so validating
and re-encoding them is pure cost: on a 50-event page it was most of the request. orjson is used when
installed (the ``web`` extra brings it); the standard library otherwise. Records and comparisons are stored as
JSON text and spliced into responses unparsed. The OpenAPI document is unchanged: it comes from the
endpoints' annotations, and FastAPI passes a returned Response through as is.
"""

from __future__ import annotations

import json
from typing import Any

from starlette.responses import Response

try:
    import orjson
except ImportError:  # pragma: no cover - orjson comes with the web extra
    orjson = None

__all__ = ["dumps", "loads", "json_response", "spliced", "spliced_list"]


def loads(text: str | bytes) -> Any:
    return orjson.loads(text) if orjson is not None else json.loads(text)


def dumps(obj: Any) -> bytes:
    if orjson is not None:
        return orjson.dumps(obj)
    return json.dumps(obj, ensure_ascii=False, separators=(",", ":"), allow_nan=False).encode()


def json_response(obj: Any, status_code: int = 200) -> Response:
    return Response(dumps(obj), status_code=status_code, media_type="application/json")


def spliced(obj: dict[str, Any], raw: dict[str, str | None]) -> Response:
    """``obj`` with more keys whose values are JSON text already (None becomes null)."""
    head = dumps(obj)
    parts = [head[:-1]]
    for key, text in raw.items():
        parts.append(b"," if len(head) > 2 or len(parts) > 1 else b"")
        parts.append(dumps(key) + b":" + (text.encode() if text is not None else b"null"))
    parts.append(b"}")
    return Response(b"".join(parts), media_type="application/json")


def spliced_list(items: list[str], next_cursor: str | None) -> Response:
    """A page ``{"items": [...], "next_cursor": ...}`` whose items are JSON text already."""
    body = b'{"items":[' + ",".join(items).encode() + b'],"next_cursor":' + dumps(next_cursor) + b"}"
    return Response(body, media_type="application/json")
