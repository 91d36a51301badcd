"""Test data of the library, entered through its services."""

from __future__ import annotations

import itertools
from typing import Any

from tdc.standards.models import Standard
from tdc.standards.services import standard_create

_serial = itertools.count(1)


def make_standard(designation: str | None = None, **values: Any) -> Standard:
    """A document entered by no one (as the seed loader does); a fresh TCVN by default."""
    designation = designation or f"TCVN {90000 + next(_serial)}:2024"
    values.setdefault("title_vi", f"Tiêu chuẩn thử {designation}")
    values.setdefault("source", "test")
    return standard_create(by=None, designation=designation, **values)


def make_local_regulation(province_id: str, **values: Any) -> Standard:
    """A local technical regulation (QCĐP) of a province."""
    from tdc.places.models import Province

    number = next(_serial)
    return make_standard(
        f"QCĐP {number}:2025/P{province_id}",
        province=Province.objects.get(code=province_id),
        **values,
    )


def make_tbt(province_id: str, **values: Any) -> Any:
    """A notification recorded by a province's TBT point (by no one, as an import would)."""
    import datetime as dt

    from tdc.places.models import Province
    from tdc.standards.services import tbt_notification_create

    values.setdefault("symbol", f"G/TBT/N/USA/{next(_serial)}")
    values.setdefault("title", "Household appliances — energy and safety requirements")
    values.setdefault("products", "Nồi cơm điện, máy xay")
    values.setdefault("hs_codes", ["8516.60", "8509.40"])
    values.setdefault("distributed_on", dt.date(2026, 10, 1))
    values.setdefault("comment_deadline", dt.date(2026, 11, 30))
    return tbt_notification_create(
        by=None,  # type: ignore[arg-type]
        province=Province.objects.get(code=province_id),
        **values,
    )
