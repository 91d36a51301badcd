"""The demo province: its organisations (imported through the import framework, like a real
province's first load) and one account per role, created through the services."""

from __future__ import annotations

import csv
import secrets
from pathlib import Path
from typing import Any

from django.db import transaction
from stdnum.vn import mst

from tdc.accounts.models import User
from tdc.accounts.services import user_create
from tdc.core.imports import get_import_type, process_file
from tdc.core.modules import DemoContext
from tdc.core.roles import Role
from tdc.places.selectors import commune_get, province_get
from tdc.registry.selectors import organisation_by_tax_code, organisation_ids_by_tax_code

DEMO_PROVINCE = "80"  # Tây Ninh (merged with Long An on 1 July 2025)
DEMO_COMMUNE = "28165"  # Xã Phước Lý
DEMO_ORGANISATIONS = Path(__file__).parent / "data" / "demo" / "organisations.csv"

# username, role, display name, jurisdiction (province / commune code or the row of the demo
# organisations file, 1-based, of the user's organisation)
DEMO_USERS: list[tuple[str, str, str, dict[str, Any]]] = [
    ("admin", Role.SYSTEM_ADMIN, "Quản trị hệ thống", {}),
    ("lanhdao", Role.PROVINCIAL_LEADER, "Lãnh đạo Sở", {"province": DEMO_PROVINCE}),
    ("canbo", Role.PROVINCIAL_OFFICER, "Cán bộ Chi cục", {"province": DEMO_PROVINCE}),
    ("canboxa", Role.COMMUNE_OFFICER, "Cán bộ xã Phước Lý", {"commune": DEMO_COMMUNE}),
    ("thanhtra", Role.INSPECTOR, "Thanh tra viên", {"province": DEMO_PROVINCE}),
    ("kiemdinh", Role.VERIFICATION_STAFF, "Kiểm định viên", {"org_row": 1}),
    ("doanhnghiep", Role.BUSINESS_USER, "Doanh nghiệp xăng dầu", {"org_row": 2}),
    ("trunguong", Role.NATIONAL_USER, "Cán bộ Trung ương", {}),
]


def demo_tax_code(serial: int) -> str:
    """A tax code with a valid check digit (prefix 80) for demo and test organisations."""
    for n in range(serial * 10, serial * 10 + 10):
        body = f"80{n:07d}"
        candidate = body + mst.calc_check_digit(body)
        if mst.is_valid(candidate):
            return candidate
    raise ValueError(serial)


class DemoDataError(RuntimeError):
    """The demo data files no longer pass the import validation."""


def _demo_tax_codes() -> list[str]:
    with DEMO_ORGANISATIONS.open(encoding="utf-8") as fh:
        return [row["Mã số thuế"] for row in csv.DictReader(fh)]


def _organisation_import() -> Any:
    import_type = get_import_type("organisations")
    assert import_type is not None  # the register's import type, discovered by core
    return import_type


def _import_organisations(admin: User) -> None:
    codes = _demo_tax_codes()
    if set(codes) <= set(organisation_ids_by_tax_code()):
        return
    report, _rejected = process_file(
        _organisation_import()(user=admin),
        DEMO_ORGANISATIONS.read_bytes(),
        DEMO_ORGANISATIONS.name,
        commit=True,
    )
    if not report.ok:
        raise DemoDataError(f"demo organisations rejected: {report.to_json()}")


def _ensure_user(username: str, **fields: Any) -> tuple[User, str | None]:
    existing = User.objects.filter(username=username).first()
    if existing is not None:
        return existing, None
    password = secrets.token_urlsafe(9)
    return user_create(by=None, password=password, username=username, **fields), password


@transaction.atomic
def seed_demo() -> list[tuple[str, str, str]]:
    """Create what is missing; return (username, role, password) of accounts created now."""
    created: list[tuple[str, str, str]] = []
    username, role, name, _where = DEMO_USERS[0]
    admin, password = _ensure_user(username, role=role, first_name=name, otp_exempt=True)
    if password:
        created.append((username, str(role), password))
    _import_organisations(admin)
    codes = _demo_tax_codes()
    province = province_get(DEMO_PROVINCE)
    for username, role, name, where in DEMO_USERS[1:]:
        fields: dict[str, Any] = {"role": role, "first_name": name, "otp_exempt": True}
        if "province" in where:
            fields["province"] = province
        if "commune" in where:
            fields["commune"] = commune_get(where["commune"])
        if "org_row" in where:
            fields["organisation"] = organisation_by_tax_code(codes[where["org_row"] - 1])
            fields["province"] = province
        user, password = _ensure_user(username, **fields)
        if password:
            created.append((username, str(role), password))
    return created


def seed_accounts(*, context: DemoContext) -> None:
    """Demo seeder: the demo organisations and one account per role; the administrator is
    the author of the records the later seeders write (``context.objects["admin"]``); the
    demo accounts by username in ``context.objects["users"]``."""
    context.credentials.extend(seed_demo())
    context.objects["admin"] = User.objects.get(username=DEMO_USERS[0][0])
    context.objects["users"] = {
        u.username: u for u in User.objects.filter(username__in=[d[0] for d in DEMO_USERS])
    }
