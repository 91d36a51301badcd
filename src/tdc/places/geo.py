"""Commune seats and the offline base map's approximate commune areas.

The seats (``data/commune_centres_<province>.csv``) come from the Vietnam Administrative
Divisions dataset of Open Admin Data (CC BY 4.0; see ``data/SOURCES.md``), three decimals
(about 100 m). The areas are generated from them (:mod:`tdc.places.geometry`): approximate
areas around each seat, not legal boundaries.
"""

from __future__ import annotations

import csv
from functools import cache
from pathlib import Path
from typing import Any

from tdc.places import geometry

DATA = Path(__file__).resolve().parent / "data"
#: How far the areas reach beyond the outermost seats (degrees, about 6 km).
MARGIN = 0.055


@cache
def commune_centres(province_code: str) -> dict[str, tuple[float, float]]:
    """``{commune code: (latitude, longitude)}`` of the province's commune seats, or ``{}``
    where none are vendored."""
    path = DATA / f"commune_centres_{province_code}.csv"
    if not path.exists():
        return {}
    with path.open(encoding="utf-8", newline="") as handle:
        return {
            row["code"]: (float(row["latitude"]), float(row["longitude"]))
            for row in csv.DictReader(handle)
        }


@cache
def _cells(province_code: str) -> dict[str, geometry.Polygon]:
    centres = commune_centres(province_code)
    if len(centres) < 3:
        return {}
    sites = {code: (lon, lat) for code, (lat, lon) in centres.items()}
    bounds = geometry.widened(geometry.convex_hull(list(sites.values())), MARGIN)
    return geometry.voronoi_cells(sites, bounds)


def commune_areas(province_code: str, values: dict[str, dict[str, Any]]) -> dict[str, Any]:
    """A GeoJSON FeatureCollection of the province's approximate commune areas, each with
    ``code`` and the properties ``values`` gives for it (names, counts, rates)."""
    features = []
    for code, cell in sorted(_cells(province_code).items()):
        ring = [[round(x, 5), round(y, 5)] for x, y in cell]
        ring.append(ring[0])
        features.append(
            {
                "type": "Feature",
                "properties": {"code": code, **values.get(code, {})},
                "geometry": {"type": "Polygon", "coordinates": [ring]},
            }
        )
    return {"type": "FeatureCollection", "features": features}
