"""How many complaints one client address may file: ``TDC_COMPLAINT_RATE`` (e.g. ``5/hour``).

Kept in the cache with the generic cell rate algorithm (one number per address, as
``tdc.core.api.throttling``): a burst of N filings, then one every ``period / N``. Only filings
that were stored (or caught by the honeypot) use up the allowance, so a reporter who corrects a
refused photo is not punished; the public form and the API share the allowance.
"""

from __future__ import annotations

import time
from typing import Any

from django.conf import settings
from django.core.cache import cache
from rest_framework.settings import api_settings
from rest_framework.throttling import BaseThrottle

_PERIODS = {"s": 1, "m": 60, "h": 3600, "d": 86400}


def parse_rate(rate: str) -> tuple[int, int]:
    """``"5/hour"`` → (5, 3600)."""
    number, _, period = rate.partition("/")
    seconds = _PERIODS.get(period.strip()[:1].lower())
    if not number.strip().isdigit() or seconds is None or int(number) <= 0:
        raise ValueError(f"TDC_COMPLAINT_RATE={rate!r}: write it like 5/hour or 20/day.")
    return int(number), seconds


def client_address(request: Any) -> str:
    """The client address as DRF's throttles see it (honours ``NUM_PROXIES``)."""
    meta = request.META
    xff = meta.get("HTTP_X_FORWARDED_FOR")
    remote = meta.get("REMOTE_ADDR", "")
    proxies = api_settings.NUM_PROXIES
    if proxies is not None and xff:
        if proxies == 0:
            return str(remote)
        addrs = xff.split(",")
        return addrs[-min(proxies, len(addrs))].strip()
    return str(remote or "unknown")


def _key(request: Any) -> str:
    return f"complaints_rate_{client_address(request)}"


def _next_arrival(request: Any) -> tuple[float, float, int]:
    count, period = parse_rate(settings.TDC_COMPLAINT_RATE)
    now = time.time()
    arrival = max(float(cache.get(_key(request), now)), now) + period / count
    return arrival, now, period


def retry_after(request: Any) -> int | None:
    """Seconds the address must wait before filing again, or ``None`` when it may file now."""
    arrival, now, period = _next_arrival(request)
    if arrival - now > period:
        return max(1, int(arrival - period - now) + 1)
    return None


def record_filing(request: Any) -> None:
    """Use up one filing of the address's allowance."""
    arrival, _now, period = _next_arrival(request)
    cache.set(_key(request), arrival, period + 1)


class ComplaintRateThrottle(BaseThrottle):
    """DRF face of the same allowance (checked before, used up after a stored filing)."""

    def allow_request(self, request: Any, view: Any) -> bool:
        if request.method != "POST":
            return True
        self._wait = retry_after(request)
        return self._wait is None

    def wait(self) -> float | None:
        return float(getattr(self, "_wait", 0) or 0)
