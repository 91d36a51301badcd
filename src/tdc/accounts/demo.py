"""The demo province: organisations and one account per role, created through the services."""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from stdnum.vn import mst

from tdc.accounts.models import User
from tdc.accounts.services import user_create
from tdc.core.roles import Role
from tdc.places.models import Commune, Province
from tdc.registry.choices import OrganisationKind
from tdc.registry.models import Organisation
from tdc.registry.services import organisation_create

DEMO_PROVINCE = "80"  # Tây Ninh (merged with Long An on 1 July 2025)
DEMO_COMMUNE = "28165"  # Xã Phước Lý
OTHER_COMMUNE = "28159"  # Xã Cần Giuộc


def demo_tax_code(serial: int) -> str:
    """A tax code with a valid check digit (province prefix 80, demo serial)."""
    for n in range(serial * 10, serial * 10 + 10):
        body = f"80{n:07d}"
        candidate = body + mst.calc_check_digit(body)
        if mst.is_valid(candidate):
            return candidate
    raise ValueError(serial)


@dataclass(frozen=True)
class DemoOrg:
    key: str
    kind: str
    name: str
    commune: str
    address: str


DEMO_ORGS = [
    DemoOrg(
        "verifier",
        OrganisationKind.VERIFICATION_ORG,
        "Trung tâm Kỹ thuật Tiêu chuẩn Đo lường Chất lượng Tây Ninh",
        DEMO_COMMUNE,
        "Quốc lộ 50, ấp 3",
    ),
    DemoOrg(
        "fuel",
        OrganisationKind.ENTERPRISE,
        "Công ty TNHH Xăng dầu Phước Lý",
        DEMO_COMMUNE,
        "Tỉnh lộ 826, ấp 1",
    ),
    DemoOrg(
        "water",
        OrganisationKind.ENTERPRISE,
        "Công ty Cổ phần Cấp nước Cần Giuộc",
        OTHER_COMMUNE,
        "Khu phố 2",
    ),
    DemoOrg(
        "market",
        OrganisationKind.MARKET_BOARD,
        "Ban quản lý chợ Cần Giuộc",
        OTHER_COMMUNE,
        "Chợ Cần Giuộc",
    ),
    DemoOrg(
        "packer",
        OrganisationKind.ENTERPRISE,
        "Công ty TNHH Thực phẩm Đóng gói Long An",
        DEMO_COMMUNE,
        "KCN Phước Lý",
    ),
    DemoOrg(
        "household",
        OrganisationKind.HOUSEHOLD,
        "Hộ kinh doanh Nguyễn Văn Tư",
        OTHER_COMMUNE,
        "Sạp 12, chợ Cần Giuộc",
    ),
    DemoOrg(
        "lab",
        OrganisationKind.TESTING_LAB,
        "Phòng thử nghiệm Chất lượng Tây Ninh",
        DEMO_COMMUNE,
        "Quốc lộ 50",
    ),
]

DEMO_USERS: list[tuple[str, str, str, dict[str, Any]]] = [
    ("admin", Role.SYSTEM_ADMIN, "Quản trị hệ thống", {}),
    ("lanhdao", Role.PROVINCIAL_LEADER, "Lãnh đạo Sở", {"province_id": DEMO_PROVINCE}),
    ("canbo", Role.PROVINCIAL_OFFICER, "Cán bộ Chi cục", {"province_id": DEMO_PROVINCE}),
    ("canboxa", Role.COMMUNE_OFFICER, "Cán bộ xã Phước Lý", {"commune_id": DEMO_COMMUNE}),
    ("thanhtra", Role.INSPECTOR, "Thanh tra viên", {"province_id": DEMO_PROVINCE}),
    ("kiemdinh", Role.VERIFICATION_STAFF, "Kiểm định viên", {"org": "verifier"}),
    ("doanhnghiep", Role.BUSINESS_USER, "Doanh nghiệp xăng dầu", {"org": "fuel"}),
    ("trunguong", Role.NATIONAL_USER, "Cán bộ Trung ương", {}),
]


@transaction.atomic
def seed_demo() -> list[tuple[str, str, str]]:
    """Create what is missing; return (username, role, password) for accounts created now."""
    province = Province.objects.get(pk=DEMO_PROVINCE)
    orgs: dict[str, Organisation] = {}
    for serial, spec in enumerate(DEMO_ORGS, start=1):
        tax_code = demo_tax_code(serial)
        org = Organisation.objects.filter(tax_code=tax_code).first()
        if org is None:
            org = organisation_create(
                by=None,
                kind=spec.kind,
                name=spec.name,
                tax_code=tax_code,
                province=province,
                commune=Commune.objects.get(pk=spec.commune),
                address=spec.address,
            )
        orgs[spec.key] = org
    created: list[tuple[str, str, str]] = []
    for username, role, full_name, where in DEMO_USERS:
        if User.objects.filter(username=username).exists():
            continue
        password = secrets.token_urlsafe(9)
        fields: dict[str, Any] = {
            "username": username,
            "role": role,
            "first_name": full_name,
            "otp_exempt": True,
        }
        if "org" in where:
            fields["organisation"] = orgs[where["org"]]
            fields["province"] = province
        if "province_id" in where:
            fields["province"] = province
        if "commune_id" in where:
            fields["commune"] = Commune.objects.get(pk=where["commune_id"])
        user_create(by=None, password=password, **fields)
        created.append((username, str(role), password))
    return created
