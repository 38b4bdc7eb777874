"""Property-based API tests generated from /openapi.json with schemathesis: no request the schema allows may
cause a server error, and every error is JSON with a message.

Operations are driven through schemathesis' Hypothesis strategies directly (its pytest plugin does not load
under pytest 9)."""

from __future__ import annotations

import pytest

schemathesis = pytest.importorskip("schemathesis")
from hypothesis import HealthCheck, given, settings  # noqa: E402

from newsweave.store import SQLiteStore  # noqa: E402

from web_world import populate  # noqa: E402


@pytest.fixture(scope="module")
def operations(tmp_path_factory):
    from newsweave.web import create_app

    path = tmp_path_factory.mktemp("schema") / "s.db"
    store = SQLiteStore(path)
    populate(store)
    store.close()
    schema = schemathesis.openapi.from_asgi("/openapi.json", create_app(str(path)))
    return {f"{r.ok().method.upper()} {r.ok().path}": r.ok() for r in schema.get_all_operations()}


def test_every_operation_survives_generated_requests(operations) -> None:
    # Uploads are multipart and covered case by case in test_api.py.
    checked = [name for name in operations if name != "POST /api/ingest"]
    assert len(checked) >= 10
    for name in checked:
        op = operations[name]

        @given(op.as_strategy())
        @settings(max_examples=15, deadline=None, suppress_health_check=list(HealthCheck), database=None)
        def run(case) -> None:
            response = case.call()
            assert response.status_code < 500, (name, case.formatted_path, response.text[:300])
            if response.status_code >= 400:
                assert "message" in response.json(), (name, response.text[:300])

        run()
