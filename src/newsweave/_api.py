"""The library facade: everything the CLI and the web app do goes through here or the store."""

from __future__ import annotations

import builtins
from pathlib import Path
from typing import Any, Callable, Iterable, Sequence

from .errors import NewsweaveError
from .models import Article, Event, Rejection, Story
from .pipeline import Context, Pipeline
from .settings import Settings, load_settings
from .store import SQLiteStore, open_store

__all__ = ["Newsweave", "open"]


class Newsweave:
    """One store plus the pipeline that fills it."""

    def __init__(self, store: SQLiteStore, settings: Settings | None = None) -> None:
        self.store = store
        self.settings = settings or load_settings(db=store.path)

    # --- running ------------------------------------------------------------------------------------------

    def _context(
        self,
        inputs: Sequence[str],
        show_progress: bool | None,
        on_message: Callable[[str], None] | None,
        on_warning: Callable[[str], None] | None,
    ) -> Context:
        return Context(
            store=self.store,
            settings=self.settings,
            inputs=[str(p) for p in inputs],
            show_progress=show_progress,
            on_message=on_message,
            on_warning=on_warning,
        )

    def ingest(
        self,
        paths: Iterable[str | Path],
        *,
        show_progress: bool | None = None,
        on_message: Callable[[str], None] | None = None,
        on_warning: Callable[[str], None] | None = None,
    ) -> dict[str, Any]:
        """Ingest files and folders (and clean them). Returns the stages' stats.

        ``on_message`` gets the stages' progress reports, ``on_warning`` the problems (rejected inputs); problems
        go to ``on_message`` when ``on_warning`` is not given.
        """
        pipeline = Pipeline()
        ctx = self._context(list(paths), show_progress, on_message, on_warning)
        return pipeline.run(ctx, only=[n for n in ("ingest", "clean") if n in pipeline.names])

    def run(
        self,
        paths: Iterable[str | Path] = (),
        *,
        show_progress: bool | None = None,
        on_message: Callable[[str], None] | None = None,
        only: Sequence[str] | None = None,
        on_warning: Callable[[str], None] | None = None,
    ) -> dict[str, Any]:
        """Ingest ``paths`` (may be empty) and run every stage that exists (messages as for :meth:`ingest`)."""
        ctx = self._context(list(paths), show_progress, on_message, on_warning)
        return Pipeline().run(ctx, only=only)

    # --- reading ------------------------------------------------------------------------------------------

    def articles(self, ids: Sequence[str] | None = None) -> list[Article]:
        return builtins.list(self.store.articles(ids))

    def article(self, article_id: str) -> Article:
        return self.store.article(article_id)

    def rejections(self) -> list[Rejection]:
        return self.store.rejections()

    def events(self) -> list[Event]:
        return self.store.events()

    def stories(self) -> list[Story]:
        return self.store.stories()

    def frame(self, name: str) -> Any:
        """A pandas DataFrame of ``events``, ``articles``, ``claims``, ``quotes`` or ``acled`` (needs the
        ``data`` extra)."""
        from . import frames

        if name not in frames.FRAMES:
            raise NewsweaveError(f"no frame {name!r}; choose one of {', '.join(frames.FRAMES)}")
        return getattr(frames, name)(self.store)

    def close(self) -> None:
        self.store.close()

    def __enter__(self) -> "Newsweave":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def open(db: str | Path = "newsweave.db", settings: Settings | None = None) -> Newsweave:  # noqa: A001
    """Open the store at ``db`` (``":memory:"`` for a throw-away one)."""
    settings = settings or load_settings(db=str(db))
    return Newsweave(open_store(db), settings)
