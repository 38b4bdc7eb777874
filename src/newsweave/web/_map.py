"""An offline map: event points on an equirectangular graticule drawn as inline SVG.

Hand-written because every map library worth using (Leaflet, MapLibre) needs tiles from a server, and users
run this offline; a point plot with a graticule and labels is what an analyst needs to see where events are.
"""

from __future__ import annotations

from html import escape
from typing import Any

__all__ = ["svg_map"]


def svg_map(points: list[dict[str, Any]], width: int = 640, height: int = 320) -> str:
    if not points:
        return ""
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
    for p in points:
        x, y = xy(p["lat"], p["lon"])
        cls = "pt current" if p.get("current") else "pt"
        parts.append(f'<circle cx="{x:.1f}" cy="{y:.1f}" r="6" class="{cls}"/>'
                     f'<text x="{x + 9:.1f}" y="{y + 4:.1f}" class="label">{escape(str(p.get("label") or ""))}</text>')
    parts.append("</svg>")
    return "".join(parts)
