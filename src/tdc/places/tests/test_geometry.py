"""The offline base map: the vendored commune seats match the national list, and the
generated areas are a true nearest-seat partition of the province's widened hull."""

from __future__ import annotations

import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tdc.places import geometry
from tdc.places.geo import commune_areas, commune_centres
from tdc.places.models import Commune

SQUARE = [(0.0, 0.0), (10.0, 0.0), (10.0, 10.0), (0.0, 10.0)]


def test_the_hull_of_a_square_and_its_inside_points_is_the_square() -> None:
    hull = geometry.convex_hull([*SQUARE, (5.0, 5.0), (1.0, 9.0)])
    assert sorted(hull) == sorted(SQUARE)


def test_clipping_keeps_the_half_plane() -> None:
    half = geometry.clip(SQUARE, 1.0, 0.0, 4.0)  # x <= 4
    assert sorted(half) == [(0.0, 0.0), (0.0, 10.0), (4.0, 0.0), (4.0, 10.0)]


coordinate = st.floats(min_value=0.5, max_value=9.5, allow_nan=False)


@settings(max_examples=60, deadline=None)
@given(
    sites=st.lists(st.tuples(coordinate, coordinate), min_size=2, max_size=12, unique=True),
    probe=st.tuples(coordinate, coordinate),
)
def test_property_a_point_lies_in_the_cell_of_its_nearest_site(
    sites: list[tuple[float, float]], probe: tuple[float, float]
) -> None:
    named = dict(enumerate(sites))
    cells = geometry.voronoi_cells(named, SQUARE)
    distances = sorted((math.dist(probe, s), k) for k, s in named.items())
    if len(distances) > 1 and distances[1][0] - distances[0][0] < 1e-6:
        return  # on a boundary: either cell may claim it
    nearest = distances[0][1]
    assert geometry.contains(cells[nearest], probe)
    others = [k for k in named if k != nearest and geometry.contains(cells[k], probe)]
    assert others == []


@pytest.mark.django_db
def test_the_vendored_seats_are_the_communes_of_tay_ninh() -> None:
    seats = commune_centres("80")
    communes = dict(Commune.objects.filter(province_id="80").values_list("pk", "name"))
    assert len(seats) == 96 and set(seats) == set(communes)
    for lat, lon in seats.values():
        assert 10.3 < lat < 11.8 and 105.5 < lon < 106.8  # inside the province's extent


def test_each_seat_lies_in_its_own_area_and_names_are_carried() -> None:
    seats = commune_centres("80")
    areas = commune_areas("80", {"28159": {"name": "Cần Giuộc", "rate": 50.0}})
    features = {f["properties"]["code"]: f for f in areas["features"]}
    assert len(features) == 96
    assert features["28159"]["properties"] == {"code": "28159", "name": "Cần Giuộc", "rate": 50.0}
    for code, (lat, lon) in seats.items():
        ring = [tuple(p) for p in features[code]["geometry"]["coordinates"][0]]
        assert ring[0] == ring[-1]
        if code not in {"27826", "27877"}:  # shifted twins of a shared source point
            assert geometry.contains(ring, (lon, lat)), code


def test_a_province_without_vendored_seats_has_no_areas() -> None:
    assert commune_centres("92") == {}
    assert commune_areas("92", {})["features"] == []
