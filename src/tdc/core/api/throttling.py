"""A rate limit whose cost per request does not grow with the rate (docs/adr/0007).

DRF's ``SimpleRateThrottle`` keeps the timestamp of every request of the window in one cache
entry and rewrites (pickles) the whole list on each request: at ``120/min`` that is cheap, at a
partner's ``10000/h`` every request copies ten thousand floats. :class:`SteadyRateThrottle`
uses the generic cell rate algorithm instead: one number per client, the *theoretical arrival
time* of its next request. A rate of ``N/period`` lets a client send a burst of N requests, then
one every ``period / N``; a request that would run ahead of that schedule by more than a period
is refused with ``Retry-After``.
"""

from __future__ import annotations

from typing import Any

from rest_framework.throttling import SimpleRateThrottle


class SteadyRateThrottle(SimpleRateThrottle):
    """``SimpleRateThrottle`` with O(1) bookkeeping (GCRA); subclasses give the cache key."""

    cache_format = "throttle_gcra_%(scope)s_%(ident)s"
    num_requests: int | None  # set from the rate by SimpleRateThrottle.__init__
    duration: int | None

    def allow_request(self, request: Any, view: Any) -> bool:
        if self.rate is None:
            return True
        self.key = self.get_cache_key(request, view)
        if self.key is None:
            return True
        assert self.num_requests is not None
        assert self.duration is not None
        now = self.timer()
        interval = self.duration / self.num_requests
        arrival = max(float(self.cache.get(self.key, now)), now) + interval
        if arrival - now > self.duration:
            self._retry_after = arrival - self.duration - now
            return False
        self.cache.set(self.key, arrival, int(self.duration) + 1)
        return True

    def wait(self) -> float | None:
        return max(0.0, getattr(self, "_retry_after", 0.0))
