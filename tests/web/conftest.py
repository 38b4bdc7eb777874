from __future__ import annotations

import pytest

pytest.importorskip("fastapi")

from newsweave.store import SQLiteStore  # noqa: E402
from web_world import populate  # noqa: E402


@pytest.fixture()
def db_path(tmp_path):
    path = tmp_path / "web.db"
    store = SQLiteStore(path)
    populate(store)
    store.close()
    return str(path)


@pytest.fixture()
def client(db_path):
    from fastapi.testclient import TestClient

    from newsweave.web import create_app

    with TestClient(create_app(db_path)) as c:
        yield c
