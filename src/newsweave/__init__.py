"""newsweave: turn a pile of news articles from many outlets into deduplicated, sourced events.

    >>> import newsweave
    >>> nw = newsweave.open("newsweave.db")
    >>> nw.run(["examples/"])          # ingest, clean, dedup, cluster, extract, compare
    >>> nw.events()                    # a list of Event values (``nw.frame("events")`` for pandas)
"""

from __future__ import annotations

from ._api import Newsweave, open
from .errors import (
    EvalError,
    IngestError,
    MigrationError,
    MissingExtraError,
    NewsweaveError,
    NotFoundError,
    PipelineError,
    StoreError,
)
from .models import (
    Article,
    Assignment,
    Claim,
    CopyDiff,
    CopyGroup,
    Entity,
    Event,
    EventDate,
    EventRecord,
    Evidence,
    Mention,
    Passage,
    Place,
    Quote,
    RawDocument,
    Rejection,
    Segment,
    Story,
)
from .pipeline import Context, Pipeline, Stage
from .settings import Settings, load_settings

__version__ = "0.1.0"

__all__ = [
    "__version__",
    "open",
    "Newsweave",
    "Pipeline",
    "Stage",
    "Context",
    "Settings",
    "load_settings",
    "NewsweaveError",
    "IngestError",
    "StoreError",
    "MigrationError",
    "PipelineError",
    "MissingExtraError",
    "NotFoundError",
    "EvalError",
    "Article",
    "Assignment",
    "Claim",
    "CopyDiff",
    "CopyGroup",
    "Entity",
    "Event",
    "EventDate",
    "EventRecord",
    "Evidence",
    "Mention",
    "Passage",
    "Place",
    "Quote",
    "RawDocument",
    "Rejection",
    "Segment",
    "Story",
]
