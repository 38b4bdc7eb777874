"""Renderings of the store: the briefing (Markdown/HTML) and the exports (JSONL, CSV, Parquet, ACLED, GeoJSON).

Nothing here writes files on its own account: functions return strings or bytes (exports may be handed a path
or a file object by the CLI).
"""

from __future__ import annotations

from .briefing import briefing
from .exports import export

__all__ = ["briefing", "export"]
