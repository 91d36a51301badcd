"""Builders of prepackaged-goods records for tests (through the services, as the screens do)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from tdc.places.models import Commune, Province
from tdc.prepackages import services
from tdc.prepackages.models import QuantityInspection
from tdc.testing.factories import COMMUNE_A, PROVINCE_A, make_user


def make_inspection(
    *,
    packer: Any,
    by: Any = None,
    province_id: str = PROVINCE_A,
    commune_id: str | None = COMMUNE_A,
    lot_size: int = 10,
    nominal: str = "500",
    unit: str = "g",
    quantity_kind: str = "mass",
    inspected_on: dt.date | None = None,
    **fields: Any,
) -> QuantityInspection:
    by = by or make_user("provincial_officer", province_id=province_id)
    values: dict[str, Any] = {
        "inspected_on": inspected_on or dt.date(2026, 3, 10),
        "product_name": "Nước mắm cá cơm",
        "product_category": "cooking_oil",
        "brand": "Phước Lý",
        "packer": packer,
        "province": Province.objects.get(pk=province_id),
        "commune": Commune.objects.get(pk=commune_id) if commune_id else None,
        "address": "Ấp 3",
        "lot_code": "L2603-01",
        "lot_size": lot_size,
        "quantity_kind": quantity_kind,
        "nominal_quantity": Decimal(nominal),
        "unit": unit,
    }
    values.update(fields)
    return services.inspection_create(by=by, **values)


def measure_all(inspection: QuantityInspection, values: list[str], by: Any) -> None:
    for position, value in enumerate(values, 1):
        services.measurement_record(inspection=inspection, position=position, value=value, by=by)
