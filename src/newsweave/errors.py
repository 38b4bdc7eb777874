"""One exception hierarchy: catch :class:`NewsweaveError` to catch everything newsweave raises on purpose."""

from __future__ import annotations

__all__ = [
    "NewsweaveError",
    "IngestError",
    "StoreError",
    "MigrationError",
    "PipelineError",
    "MissingExtraError",
    "NotFoundError",
    "EvalError",
]


class NewsweaveError(Exception):
    """Base class of every error newsweave raises deliberately."""


class IngestError(NewsweaveError):
    """An input could not be read as news. ``path`` and ``record`` say where; the message says why."""

    def __init__(self, reason: str, path: str | None = None, record: str | None = None) -> None:
        self.reason = reason
        self.path = path
        self.record = record
        where = f"{path}:{record}" if path and record else (path or "")
        super().__init__(f"{where}: {reason}" if where else reason)


class StoreError(NewsweaveError):
    """The store could not be opened, read or written."""


class MigrationError(StoreError):
    """The database schema is newer than this version of newsweave, or a migration failed."""


class PipelineError(NewsweaveError):
    """A stage was misdeclared (unknown input, cycle) or failed as a whole."""


class NotFoundError(NewsweaveError):
    """An id asked for does not exist in the store."""


class EvalError(NewsweaveError):
    """An evaluation file could not be read or scored."""


class MissingExtraError(NewsweaveError, ImportError):
    """An optional dependency is not installed; the message gives the install command."""

    def __init__(self, package: str, extra: str) -> None:
        self.package = package
        self.extra = extra
        super().__init__(f"{package} is not installed: pip install 'newsweave[{extra}]'")


def require(module: str, extra: str):  # noqa: ANN201 - returns a module
    """Import an optional dependency lazily, answering a missing one with the install command."""
    import importlib

    try:
        return importlib.import_module(module)
    except ImportError as exc:  # pragma: no cover - depends on the environment
        raise MissingExtraError(module.split(".")[0], extra) from exc
