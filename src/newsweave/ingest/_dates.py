"""Publication dates as ISO ``YYYY-MM-DD``, whatever shape the source gave them in."""

from __future__ import annotations

import re
import time
from datetime import date, datetime, timezone
from email.utils import parsedate_to_datetime
from functools import lru_cache
from typing import Any

__all__ = ["iso_date"]

_ISO = re.compile(r"^\s*(\d{4})-(\d{1,2})-(\d{1,2})(?:\b|T)")
_COMPACT = re.compile(r"^\s*(\d{4})(\d{2})(\d{2})(?:T?\d{2,6})?\s*$")  # GDELT-style 20240123 / 20240123T101500
# Unix timestamps in seconds or milliseconds between 1990 and 2100; anything else numeric is not a date.
_EPOCH_RANGE = (631152000, 4102444800)


def _valid(y: int, m: int, d: int) -> str | None:
    try:
        return date(y, m, d).isoformat()
    except ValueError:
        return None


def _from_epoch(value: float) -> str | None:
    if value > _EPOCH_RANGE[1] * 100:
        value /= 1000.0
    if _EPOCH_RANGE[0] <= value <= _EPOCH_RANGE[1]:
        return datetime.fromtimestamp(value, tz=timezone.utc).date().isoformat()
    return None


@lru_cache(maxsize=4096)
def _parse_string(value: str) -> str | None:
    m = _ISO.match(value)
    if m:
        return _valid(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    m = _COMPACT.match(value)
    if m and 1900 <= int(m.group(1)) <= 2100:
        found = _valid(int(m.group(1)), int(m.group(2)), int(m.group(3)))
        if found:
            return found
    try:  # RFC 822, as in RSS pubDate and e-mail style dumps
        return parsedate_to_datetime(value).date().isoformat()
    except (TypeError, ValueError, IndexError):
        pass
    if value.strip().isdigit():
        return _from_epoch(float(value))
    import dateparser

    # Only reached for free-form dates ("23 January 2024", "Jan 23, 2024 10:15 AM"); the cache keeps
    # corpora with one date format from paying dateparser's cost per record. Relative dates ("yesterday")
    # would depend on today's date, so they are refused for determinism.
    parsed = dateparser.parse(
        value, settings={"PREFER_DAY_OF_MONTH": "first", "RETURN_AS_TIMEZONE_AWARE": False, "PARSERS": ["absolute-time"]}
    )
    return parsed.date().isoformat() if parsed else None


def iso_date(value: Any) -> str | None:
    """``value`` (string, number, struct_time, date) as ``YYYY-MM-DD``, or None when it is not a date."""
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, time.struct_time):
        return _valid(value.tm_year, value.tm_mon, value.tm_mday)
    if isinstance(value, bool):
        return None
    if isinstance(value, (int, float)):
        return _from_epoch(float(value))
    if isinstance(value, dict):  # {"$date": ...} (MongoDB export) and similar wrappers
        for key in ("$date", "date", "value"):
            if key in value:
                return iso_date(value[key])
        return None
    if isinstance(value, str):
        return _parse_string(value.strip()[:100]) if value.strip() else None
    return None
