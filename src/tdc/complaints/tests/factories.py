"""Complaints filed as the public would, for tests."""

from __future__ import annotations

from typing import Any

from tdc.complaints.models import Complaint
from tdc.complaints.services import complaint_submit
from tdc.places.models import Commune, Province
from tdc.testing.factories import COMMUNE_A, PROVINCE_A

REPORTER = {
    "name": "Trần Thị Tố Giác",
    "phone": "0912345678",
    "email": "to.giac@example.vn",
    "address": "12 Đường Chợ, Xã Phước Lý",
}


def file_complaint(**overrides: Any) -> Complaint:
    province_id = overrides.pop("province_id", PROVINCE_A)
    commune_id = overrides.pop("commune_id", COMMUNE_A)
    values: dict[str, Any] = {
        "category": "market_scales",
        "province": Province.objects.get(pk=province_id),
        "commune": Commune.objects.get(pk=commune_id) if commune_id else None,
        "description": "Cân của quầy thịt thiếu 100 g mỗi kg.",
        "business_name": "Quầy thịt Cô Ba",
        "reporter": dict(REPORTER),
    }
    values.update(overrides)
    return complaint_submit(**values)
