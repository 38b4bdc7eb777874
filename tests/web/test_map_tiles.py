"""The event map: offline by default; on raster tiles, with the CSP opened to the tile server only, when a
tile URL is configured."""

from __future__ import annotations

import re

import pytest

from newsweave.errors import NewsweaveError
from newsweave.web._map import svg_map, tile_origin

TILES = "http://tiles.example.test:8080/osm/{z}/{x}/{y}.png"


def test_default_map_is_offline(client) -> None:
    r = client.get("/events/ev-1")
    assert "<svg" in r.text and "<image" not in r.text
    assert "img-src 'self' data:;" in r.headers["content-security-policy"]


def test_tiled_map_and_csp_when_configured(db_path) -> None:
    from fastapi.testclient import TestClient

    from newsweave.web import create_app

    with TestClient(create_app(db_path, tile_url=TILES, tile_attribution="© Example <contributors>")) as c:
        r = c.get("/events/ev-1")
        hrefs = re.findall(r'<image href="([^"]+)"', r.text)
        assert hrefs and all(re.fullmatch(r"http://tiles\.example\.test:8080/osm/\d+/\d+/\d+\.png", h) for h in hrefs)
        assert "© Example &lt;contributors&gt;" in r.text
        assert "img-src 'self' data: http://tiles.example.test:8080;" in r.headers["content-security-policy"]
        assert "script-src 'self';" in r.headers["content-security-policy"]


def test_tile_url_from_the_environment(db_path, monkeypatch) -> None:
    from newsweave.web import create_app

    monkeypatch.setenv("NEWSWEAVE_MAP_TILE_URL", TILES)
    assert create_app(db_path).state.tile_url == TILES


@pytest.mark.parametrize("bad", ["javascript:alert(1)/{z}/{x}/{y}", "http://tiles.test/{z}/{x}.png",
                                 "ftp://t/{z}/{x}/{y}", "http://a b/{z}/{x}/{y}"])
def test_bad_tile_urls_are_refused(db_path, bad) -> None:
    from newsweave.web import create_app

    with pytest.raises(ValueError):
        tile_origin(bad)
    with pytest.raises(NewsweaveError):
        create_app(db_path, tile_url=bad)


def test_serve_refuses_a_bad_tile_url_before_serving(db_path) -> None:
    from click.testing import CliRunner

    from newsweave.cli import cli

    r = CliRunner().invoke(cli, ["serve", "--db", db_path, "--tiles", "http://tiles.test/{z}.png"])
    assert r.exit_code != 0 and "{x}" in r.output


def test_tiles_cover_the_frame_and_points_land_on_them() -> None:
    pts = [{"lat": 51.5, "lon": -0.12, "label": "London", "current": True},
           {"lat": 48.85, "lon": 2.35, "label": "Paris"}]
    svg = svg_map(pts, tile_url="https://t.test/{z}/{x}/{y}.png")
    zooms = {int(z) for z in re.findall(r"t\.test/(\d+)/", svg)}
    assert len(zooms) == 1 and 4 <= zooms.pop() <= 8
    circles = [(float(x), float(y)) for x, y in re.findall(r'<circle cx="([-\d.]+)" cy="([-\d.]+)"', svg)]
    assert all(0 < x < 640 and 0 < y < 320 for x, y in circles)
    assert circles[0][0] < circles[1][0] and circles[0][1] < circles[1][1]  # London is west and north of Paris
    tiles = [(float(x), float(y)) for x, y in re.findall(r'<image href="[^"]+" x="([-\d.]+)" y="([-\d.]+)"', svg)]
    assert min(x for x, _ in tiles) <= 0 and max(x for x, _ in tiles) + 256 >= 640
    assert min(y for _, y in tiles) <= 0 and max(y for _, y in tiles) + 256 >= 320
    one = svg_map([{"lat": 0.0, "lon": 0.0, "label": "Null Island"}], tile_url="https://t.test/{z}/{x}/{y}.png")
    assert re.search(r"t\.test/16/32768/32768\.png", one)  # a single point: the deepest zoom, the right tile
