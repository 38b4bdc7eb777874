"""The event map as inline SVG: offline by default, on raster tiles when a tile URL is configured.

Hand-written because every map library worth using (Leaflet, MapLibre) needs script and tiles from a server,
and users run this offline; a point plot with a graticule and labels is what an analyst needs to see where
events are. With a tile server configured the same SVG places the tiles as ``<image>`` elements (Web
Mercator, like every slippy-map tile set), so the page still runs no script.
"""

from __future__ import annotations

import math
from html import escape
from typing import Any
from urllib.parse import urlsplit

__all__ = ["svg_map", "tile_origin"]

TILE = 256
MAX_ZOOM = 16


def tile_origin(url: str) -> str:
    """The scheme://host[:port] a tile URL template loads from (for the CSP); ValueError if it is not an
    http(s) template with {z}, {x} and {y}."""
    parts = urlsplit(url.replace("{z}", "0").replace("{x}", "0").replace("{y}", "0"))
    if parts.scheme not in ("http", "https") or not parts.netloc or any(k not in url for k in ("{z}", "{x}", "{y}")):
        raise ValueError(f"tile URL must be an http(s) URL with {{z}}, {{x}} and {{y}}, got {url!r}")
    if any(c in parts.netloc for c in " ;'\""):
        raise ValueError(f"bad host in tile URL {url!r}")
    return f"{parts.scheme}://{parts.netloc}"


def svg_map(
    points: list[dict[str, Any]], width: int = 640, height: int = 320, *, tile_url: str | None = None,
    attribution: str | None = None,
) -> str:
    if not points:
        return ""
    if tile_url:
        return _tiled(points, width, height, tile_url, attribution)
    lats = [p["lat"] for p in points]
    lons = [p["lon"] for p in points]
    pad = 4.0
    lat0, lat1 = max(-90.0, min(lats) - pad), min(90.0, max(lats) + pad)
    lon0, lon1 = max(-180.0, min(lons) - pad * 2), min(180.0, max(lons) + pad * 2)

    def xy(lat: float, lon: float) -> tuple[float, float]:
        return ((lon - lon0) / (lon1 - lon0) * width, (lat1 - lat) / (lat1 - lat0) * height)

    parts = [f'<svg class="map" viewBox="0 0 {width} {height}" role="img" aria-label="map of event locations">',
             f'<rect width="{width}" height="{height}" class="sea"/>']
    step = 1 if (lon1 - lon0) < 15 else 5 if (lon1 - lon0) < 60 else 15
    lon = int(lon0 // step * step)
    while lon <= lon1:
        x, _ = xy(lat0, lon)
        parts.append(f'<line x1="{x:.1f}" y1="0" x2="{x:.1f}" y2="{height}" class="grid"/>'
                     f'<text x="{x + 2:.1f}" y="{height - 4}" class="tick">{lon}°</text>')
        lon += step
    lat = int(lat0 // step * step)
    while lat <= lat1:
        _, y = xy(lat, lon0)
        parts.append(f'<line x1="0" y1="{y:.1f}" x2="{width}" y2="{y:.1f}" class="grid"/>'
                     f'<text x="2" y="{y - 2:.1f}" class="tick">{lat}°</text>')
        lat += step
    parts += _points(points, xy)
    parts.append("</svg>")
    return "".join(parts)


def _points(points: list[dict[str, Any]], xy: Any) -> list[str]:
    out = []
    for p in points:
        x, y = xy(p["lat"], p["lon"])
        cls = "pt current" if p.get("current") else "pt"
        out.append(f'<circle cx="{x:.1f}" cy="{y:.1f}" r="6" class="{cls}"/>'
                   f'<text x="{x + 9:.1f}" y="{y + 4:.1f}" class="label">{escape(str(p.get("label") or ""))}</text>')
    return out


def _mercator(lat: float, lon: float) -> tuple[float, float]:
    """Web Mercator position at zoom 0, in tile units (0..1)."""
    lat = max(-85.05, min(85.05, lat))
    s = math.sin(math.radians(lat))
    return (lon + 180.0) / 360.0, 0.5 - math.log((1 + s) / (1 - s)) / (4 * math.pi)


def _tiled(points: list[dict[str, Any]], width: int, height: int, tile_url: str, attribution: str | None) -> str:
    merc = [_mercator(p["lat"], p["lon"]) for p in points]
    mx0, mx1 = min(m[0] for m in merc), max(m[0] for m in merc)
    my0, my1 = min(m[1] for m in merc), max(m[1] for m in merc)
    # The largest zoom at which the points, with a margin, fit the frame.
    span_x, span_y = max(mx1 - mx0, 1e-9) * 1.3, max(my1 - my0, 1e-9) * 1.3
    zoom = int(max(0, min(MAX_ZOOM, math.floor(math.log2(min(width / (span_x * TILE), height / (span_y * TILE)))))))
    scale = TILE * 2**zoom
    cx, cy = (mx0 + mx1) / 2 * scale, (my0 + my1) / 2 * scale
    left, top = cx - width / 2, cy - height / 2

    def xy(lat: float, lon: float) -> tuple[float, float]:
        mx, my = _mercator(lat, lon)
        return mx * scale - left, my * scale - top

    parts = [f'<svg class="map tiled" viewBox="0 0 {width} {height}" role="img" aria-label="map of event locations">',
             f'<rect width="{width}" height="{height}" class="sea"/>']
    n = 2**zoom
    for ty in range(max(0, int(top // TILE)), min(n - 1, int((top + height) // TILE)) + 1):
        for tx in range(int(left // TILE), int((left + width) // TILE) + 1):
            href = tile_url.replace("{z}", str(zoom)).replace("{x}", str(tx % n)).replace("{y}", str(ty))
            parts.append(f'<image href="{escape(href)}" x="{tx * TILE - left:.1f}" y="{ty * TILE - top:.1f}" '
                         f'width="{TILE}" height="{TILE}"/>')
    parts += _points(points, xy)
    if attribution:
        parts.append(f'<text x="{width - 4}" y="{height - 4}" class="credit" text-anchor="end">'
                     f'{escape(attribution)}</text>')
    parts.append("</svg>")
    return "".join(parts)
