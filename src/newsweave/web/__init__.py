"""The local web app and REST API (FastAPI): a thin layer over the library and :mod:`newsweave.store.queries`.

Needs the ``web`` extra: ``pip install 'newsweave[web]'``.
"""

from __future__ import annotations

from ._app import create_app, tune_gc

__all__ = ["create_app", "app_from_env", "tune_gc"]


def app_from_env():  # noqa: ANN201 - returns a FastAPI app
    """App factory for ``uvicorn --factory`` with several worker processes: the store is NEWSWEAVE_DB."""
    import os

    app = create_app(os.environ.get("NEWSWEAVE_DB", "newsweave.db"))
    tune_gc()
    return app
