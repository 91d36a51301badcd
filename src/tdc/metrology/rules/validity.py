"""How long the regulation's decisions last (no Django): a designation five years from its
signature (TT 24/2013 Art. 15), a suspension at most six months (Art. 17)."""

from __future__ import annotations

import datetime as dt

#: Validity of a designation decision, in years from its signature: the default when no
#: ``designation.years`` rule setting is in force (the setting is the data; issue 11).
DESIGNATION_YEARS = 5
#: The longest suspension of a designation, in days (six months).
SUSPENSION_DAYS = 183


def add_years(day: dt.date, years: int) -> dt.date:
    """The same day ``years`` later (28 February for 29 February in a common year)."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)


def designation_last_day(valid_from: dt.date, years: int = DESIGNATION_YEARS) -> dt.date:
    """The last day a designation valid from ``valid_from`` for ``years`` can be in force."""
    return add_years(valid_from, years) - dt.timedelta(days=1)


def suspension_last_day(today: dt.date) -> dt.date:
    """The latest end of a suspension decided ``today``."""
    return today + dt.timedelta(days=SUSPENSION_DAYS)
