"""Plane geometry for the offline base map, pure (no Django): the convex hull of the commune
seats, widened, cut into the cell of points nearer to each seat than to any other (a Voronoi
diagram by half-plane clipping).

The cells stand in for commune areas where no openly licensed boundary set exists: they are
*approximate areas around each commune seat*, never legal boundaries, and the map says so.
Coordinates are ``(x, y)`` = ``(longitude, latitude)``; at this country's latitudes the
distortion of treating degrees as a plane is a few per cent, well below what the cells claim.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

type Point = tuple[float, float]
type Polygon = list[Point]


def convex_hull(points: Sequence[Point]) -> Polygon:
    """The hull, counter-clockwise, without repeating the first point (monotone chain)."""
    pts = sorted(set(points))
    if len(pts) <= 2:
        return list(pts)

    def cross(o: Point, a: Point, b: Point) -> float:
        return (a[0] - o[0]) * (b[1] - o[1]) - (a[1] - o[1]) * (b[0] - o[0])

    lower: Polygon = []
    for p in pts:
        while len(lower) >= 2 and cross(lower[-2], lower[-1], p) <= 0:
            lower.pop()
        lower.append(p)
    upper: Polygon = []
    for p in reversed(pts):
        while len(upper) >= 2 and cross(upper[-2], upper[-1], p) <= 0:
            upper.pop()
        upper.append(p)
    return lower[:-1] + upper[:-1]


def widened(polygon: Polygon, margin: float) -> Polygon:
    """``polygon`` pushed ``margin`` outwards from its centroid (vertex by vertex)."""
    cx = sum(p[0] for p in polygon) / len(polygon)
    cy = sum(p[1] for p in polygon) / len(polygon)
    out: Polygon = []
    for x, y in polygon:
        dx, dy = x - cx, y - cy
        length = (dx * dx + dy * dy) ** 0.5 or 1.0
        out.append((x + dx / length * margin, y + dy / length * margin))
    return out


def clip(polygon: Polygon, a: float, b: float, c: float) -> Polygon:
    """The part of ``polygon`` where ``a*x + b*y <= c`` (Sutherland–Hodgman, one edge)."""
    out: Polygon = []
    n = len(polygon)
    for i in range(n):
        p, q = polygon[i], polygon[(i + 1) % n]
        fp, fq = a * p[0] + b * p[1] - c, a * q[0] + b * q[1] - c
        if fp <= 0:
            out.append(p)
        if (fp < 0 < fq) or (fq < 0 < fp):
            t = fp / (fp - fq)
            out.append((p[0] + t * (q[0] - p[0]), p[1] + t * (q[1] - p[1])))
    return out


def voronoi_cells[K](sites: Mapping[K, Point], bounds: Polygon) -> dict[K, Polygon]:
    """Each site's cell inside ``bounds``: the points nearer to it than to any other site.
    Sites at the same place share the boundary between them through a tiny, fixed offset."""
    placed: dict[K, Point] = {}
    seen: dict[Point, int] = {}
    for key, point in sites.items():
        count = seen.get(point, 0)
        seen[point] = count + 1
        placed[key] = (point[0] + 0.002 * count, point[1] + 0.002 * count)
    cells: dict[K, Polygon] = {}
    for key, (sx, sy) in placed.items():
        cell = list(bounds)
        for other, (tx, ty) in placed.items():
            if other == key or not cell:
                continue
            # Nearer to s than to t: (t - s) · p <= (|t|² - |s|²) / 2
            cell = clip(cell, tx - sx, ty - sy, (tx * tx + ty * ty - sx * sx - sy * sy) / 2)
        cells[key] = cell
    return cells


def contains(polygon: Polygon, point: Point) -> bool:
    """Whether ``point`` lies inside ``polygon`` (ray casting)."""
    x, y = point
    inside = False
    n = len(polygon)
    for i in range(n):
        (x1, y1), (x2, y2) = polygon[i], polygon[(i + 1) % n]
        if (y1 > y) != (y2 > y) and x < (x2 - x1) * (y - y1) / (y2 - y1) + x1:
            inside = not inside
    return inside
