"""Dataclass <-> JSON-ready dict, so nouns round-trip through the store without per-class code.

Written by hand because the nouns are plain frozen dataclasses with tuples and optional nested nouns; a
serialisation library (pydantic, cattrs) would add a dependency and a second definition of each noun.
"""

from __future__ import annotations

import dataclasses
import functools
import json
import types
import typing
from typing import Any

__all__ = ["to_dict", "from_dict", "dumps", "loads"]


def to_dict(obj: Any) -> Any:
    if dataclasses.is_dataclass(obj) and not isinstance(obj, type):
        return {f.name: to_dict(getattr(obj, f.name)) for f in dataclasses.fields(obj)}
    if isinstance(obj, (list, tuple)):
        return [to_dict(x) for x in obj]
    if isinstance(obj, dict) or isinstance(obj, typing.Mapping):
        return {str(k): to_dict(v) for k, v in obj.items()}
    return obj


@functools.lru_cache(maxsize=None)
def _hints(cls: type) -> dict[str, Any]:
    from .. import models

    return typing.get_type_hints(cls, vars(models))


def _decode(tp: Any, value: Any) -> Any:
    if value is None:
        return None
    origin = typing.get_origin(tp)
    if origin in (typing.Union, types.UnionType):
        args = [a for a in typing.get_args(tp) if a is not type(None)]
        return _decode(args[0], value) if len(args) == 1 else value
    if origin is tuple:
        args = typing.get_args(tp)
        if len(args) == 2 and args[1] is Ellipsis:
            return tuple(_decode(args[0], v) for v in value)
        return tuple(_decode(a, v) for a, v in zip(args, value))
    if dataclasses.is_dataclass(tp):
        return from_dict(tp, value)
    return value


def from_dict(cls: type, data: dict[str, Any]) -> Any:
    hints = _hints(cls)
    kwargs = {f.name: _decode(hints[f.name], data[f.name]) for f in dataclasses.fields(cls) if f.name in data}
    return cls(**kwargs)


def dumps(obj: Any) -> str:
    return json.dumps(to_dict(obj), ensure_ascii=False, separators=(",", ":"), sort_keys=True)


def loads(cls: type, text: str) -> Any:
    return from_dict(cls, json.loads(text))
