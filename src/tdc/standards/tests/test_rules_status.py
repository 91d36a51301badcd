"""A document's status on a day, computed from its dated events."""

from __future__ import annotations

import datetime as dt

from hypothesis import given
from hypothesis import strategies as st

from tdc.standards.rules import Event, Status, status_on

D = dt.date


def test_it_is_in_force_from_its_effective_date() -> None:
    assert status_on(D(2026, 6, 1), [], D(2026, 5, 31)) == Status.NOT_YET
    assert status_on(D(2026, 6, 1), [], D(2026, 6, 1)) == Status.IN_FORCE


def test_it_is_amended_once_an_amendment_is_in_force() -> None:
    events = [Event("amended", D(2016, 12, 15))]
    assert status_on(None, events, D(2016, 12, 14)) == Status.IN_FORCE
    assert status_on(None, events, D(2016, 12, 15)) == Status.AMENDED


def test_it_is_under_review_between_opening_and_closing() -> None:
    events = [Event("review_opened", D(2025, 1, 1)), Event("review_closed", D(2025, 6, 1))]
    assert status_on(None, events, D(2025, 3, 1)) == Status.UNDER_REVIEW
    assert status_on(None, events, D(2025, 6, 1)) == Status.IN_FORCE


def test_it_is_replaced_or_cancelled_from_the_day_it_happens() -> None:
    replaced = [Event("amended", D(2017, 5, 22)), Event("replaced", D(2026, 7, 1))]
    assert status_on(None, replaced, D(2026, 6, 30)) == Status.AMENDED
    assert status_on(None, replaced, D(2026, 7, 1)) == Status.REPLACED
    assert status_on(None, [Event("cancelled", D(2020, 1, 1))], D(2021, 1, 1)) == Status.CANCELLED


_KINDS = st.sampled_from(["amended", "review_opened", "review_closed", "replaced", "cancelled"])
_EVENTS = st.lists(
    st.builds(Event, _KINDS, st.dates(min_value=D(2000, 1, 1), max_value=D(2030, 1, 1)))
)


@given(_EVENTS, st.dates(min_value=D(2000, 1, 1), max_value=D(2030, 1, 1)))
def test_it_never_comes_back_from_a_replacement_or_cancellation(
    events: list[Event], day: dt.date
) -> None:
    if status_on(None, events, day) in {Status.REPLACED, Status.CANCELLED}:
        assert status_on(None, events, day + dt.timedelta(days=365)) in {
            Status.REPLACED,
            Status.CANCELLED,
        }


@given(_EVENTS, st.dates(min_value=D(2000, 1, 1), max_value=D(2030, 1, 1)))
def test_it_ignores_events_after_the_day(events: list[Event], day: dt.date) -> None:
    past = [e for e in events if e.on <= day]
    assert status_on(None, events, day) == status_on(None, past, day)
