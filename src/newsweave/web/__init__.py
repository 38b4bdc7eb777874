"""The local web app and REST API (FastAPI): a thin layer over the library and :mod:`newsweave.store.queries`.

Needs the ``web`` extra: ``pip install 'newsweave[web]'``.
"""

from __future__ import annotations

from ._app import create_app

__all__ = ["create_app"]
