"""The public rate limit: a burst of N, then one request per period/N, O(1) state per client."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from django.core.cache import cache
from rest_framework.request import Request
from rest_framework.test import APIClient, APIRequestFactory

from tdc.core.api.permissions import PublicRateThrottle


class Clock:
    def __init__(self) -> None:
        self.now = 1_000_000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def clock(monkeypatch: pytest.MonkeyPatch) -> Iterator[Clock]:
    cache.clear()
    clock = Clock()
    monkeypatch.setattr(PublicRateThrottle, "THROTTLE_RATES", {"public": "3/min"})
    monkeypatch.setattr(PublicRateThrottle, "timer", clock)
    yield clock
    cache.clear()


def _allowed(address: str = "203.0.113.7") -> tuple[bool, float | None]:
    request = Request(APIRequestFactory().get("/api/v1/places/provinces/", REMOTE_ADDR=address))
    throttle = PublicRateThrottle()
    return throttle.allow_request(request, None), throttle.wait()


def test_it_allows_a_burst_then_refuses_with_the_wait(clock: Clock) -> None:
    assert [_allowed()[0] for _ in range(3)] == [True, True, True]
    allowed, wait = _allowed()
    assert not allowed
    assert wait == pytest.approx(20.0)


def test_it_allows_one_more_request_per_interval(clock: Clock) -> None:
    for _ in range(3):
        _allowed()
    clock.now += 19.9
    assert not _allowed()[0]
    clock.now += 0.2
    assert _allowed()[0]
    assert not _allowed()[0]
    clock.now += 60
    assert [_allowed()[0] for _ in range(3)] == [True, True, True]


def test_it_counts_each_client_address_apart(clock: Clock) -> None:
    for _ in range(3):
        _allowed("203.0.113.7")
    assert not _allowed("203.0.113.7")[0]
    assert _allowed("198.51.100.1")[0]


def test_it_keeps_one_number_per_client_whatever_the_rate(
    clock: Clock, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(PublicRateThrottle, "THROTTLE_RATES", {"public": "100000/h"})
    for _ in range(500):
        assert _allowed()[0]
    request = Request(APIRequestFactory().get("/", REMOTE_ADDR="203.0.113.7"))
    key = PublicRateThrottle().get_cache_key(request, None)
    assert isinstance(cache.get(key), float)


@pytest.mark.django_db
def test_it_answers_429_with_retry_after(clock: Clock, places: object) -> None:
    client = APIClient()
    statuses = [client.get("/api/v1/places/provinces/").status_code for _ in range(4)]
    assert statuses == [200, 200, 200, 429]
    response = client.get("/api/v1/places/provinces/")
    assert response.json()["error"]["code"] == "throttled"
    assert int(response["Retry-After"]) == 20
