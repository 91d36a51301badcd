"""The demo province's organisations: about 300 of every kind the authority deals with (fuel
retailers, water and power utilities, market boards and traders, packers, importers,
verification centres, laboratories, certification bodies, agencies, taxi firms), each with a
valid tax code, placed in the real communes of Tây Ninh, written in bulk with one audit event
each. The seven organisations the accounts seeder imported are reused (the demo accounts
belong to them).

Later seeders find them in ``context.objects["organisations"]``: a dict from a group name
(``fuel``, ``water``, ``power``, ``market_board``, ``trader``, ``packer``, ``importer``,
``verification``, ``lab``, ``certification``, ``agency``, ``taxi``, ``hospital``,
``weighbridge``) to a list of organisations, the demo accounts' organisations first.
"""

from __future__ import annotations

from typing import Any

from tdc.core.audit import audit_bulk
from tdc.core.bulk import bulk_insert
from tdc.core.demo import person_name, phone_number, street_address, tax_codes
from tdc.core.models import AuditAction
from tdc.core.modules import DemoContext
from tdc.places.selectors import communes_of_province
from tdc.registry.choices import OrganisationKind
from tdc.registry.models import Organisation
from tdc.registry.services import organisation_search_text

#: Group → (kind, number in one province, name pattern). ``{place}`` is a commune's name,
#: ``{person}`` a person's, ``{brand}`` a trading name.
GROUPS: dict[str, tuple[str, int, str]] = {
    "fuel": (OrganisationKind.ENTERPRISE, 70, "Công ty TNHH Xăng dầu {brand} {place}"),
    "water": (OrganisationKind.ENTERPRISE, 3, "Công ty Cổ phần Cấp thoát nước {place}"),
    "power": (OrganisationKind.ENTERPRISE, 2, "Công ty Điện lực {place}"),
    "market_board": (OrganisationKind.MARKET_BOARD, 20, "Ban quản lý chợ {place}"),
    "trader": (OrganisationKind.HOUSEHOLD, 90, "Hộ kinh doanh {person}"),
    "packer": (OrganisationKind.ENTERPRISE, 35, "Công ty TNHH Thực phẩm {brand} {place}"),
    "importer": (OrganisationKind.ENTERPRISE, 20, "Công ty TNHH Xuất nhập khẩu {brand}"),
    "verification": (
        OrganisationKind.VERIFICATION_ORG,
        3,
        "Công ty Cổ phần Kiểm định Đo lường {brand}",
    ),
    "lab": (OrganisationKind.TESTING_LAB, 5, "Phòng thử nghiệm {brand} {place}"),
    "certification": (
        OrganisationKind.CERTIFICATION_BODY,
        4,
        "Công ty TNHH Chứng nhận {brand}",
    ),
    "agency": (OrganisationKind.STATE_AGENCY, 12, "Ủy ban nhân dân {commune}"),
    "taxi": (OrganisationKind.ENTERPRISE, 8, "Hợp tác xã Vận tải Taxi {brand}"),
    "hospital": (OrganisationKind.STATE_AGENCY, 8, "Trung tâm Y tế {place}"),
    "weighbridge": (
        OrganisationKind.ENTERPRISE,
        10,
        "Công ty TNHH Vật liệu Xây dựng {brand} {place}",
    ),
}
BRANDS = (
    "Hưng Thịnh",
    "Phát Đạt",
    "Thành Công",
    "Minh Phú",
    "Tân Phước",
    "Hoàng Long",
    "Việt Tín",
    "An Khang",
    "Đại Phát",
    "Kim Ngân",
    "Phú Cường",
    "Hòa Bình",
    "Sao Mai",
    "Thiên Phúc",
    "Trường Sơn",
    "Nam Việt",
    "Bảo Ngọc",
    "Gia Huy",
    "Mekong",
    "Đông Nam",
)
#: The demo accounts' organisations (tax codes of the accounts seeder's file) by group.
ACCOUNT_ORGANISATIONS = {
    "verification": "8000000117",
    "fuel": "8000000205",
    "water": "8000000300",
    "market_board": "8000000406",
    "packer": "8000000501",
    "trader": "8000000607",
    "lab": "8000000702",
}
#: Tax-code prefix of the demo province's new organisations (the former Tây Ninh's).
TAX_PREFIX = "39"


def _place(commune: Any) -> str:
    for prefix in ("Phường ", "Xã ", "Đặc khu "):
        if commune.name.startswith(prefix):
            return commune.name[len(prefix) :]
    return str(commune.name)


def _name(pattern: str, rng: Any, commune: Any, taken: set[str]) -> str:
    for attempt in range(50):
        name = pattern.format(
            place=_place(commune),
            commune=commune.name[:1].lower() + commune.name[1:],
            person=person_name(rng),
            brand=rng.choice(BRANDS),
        )
        if attempt:
            name = f"{name} {attempt + 1}" if name in taken else name
        if name not in taken:
            taken.add(name)
            return name
    raise RuntimeError(pattern)


def seed_organisations(*, context: DemoContext) -> None:
    """Demo seeder: the province's organisations, by group, in bulk."""
    existing = {
        o.tax_code: o
        for o in Organisation.objects.filter(tax_code__in=ACCOUNT_ORGANISATIONS.values())
    }
    groups: dict[str, list[Organisation]] = {
        group: [existing[code]] if code in existing else []
        for group, code in ACCOUNT_ORGANISATIONS.items()
    }
    context.objects["organisations"] = groups
    if Organisation.objects.filter(tax_code__startswith=TAX_PREFIX).exists():
        # Seeded before: reuse what is there.
        for org in Organisation.objects.filter(tax_code__startswith=TAX_PREFIX).order_by("id"):
            groups.setdefault(_group_of(org), []).append(org)
        return
    rng = context.random
    communes = list(communes_of_province(context.province_id))
    total = sum(context.sized(count) for _kind, count, _pattern in GROUPS.values())
    codes = iter(tax_codes(TAX_PREFIX, 1000 + rng.randint(0, 500), total))
    taken = {o.name for o in existing.values()}
    new: list[Organisation] = []
    for group, (kind, count, pattern) in GROUPS.items():
        for _ in range(context.sized(count)):
            commune = rng.choice(communes)
            org = Organisation(
                kind=kind,
                name=_name(pattern, rng, commune, taken),
                tax_code=next(codes),
                province_id=context.province_id,
                commune=commune,
                address=street_address(rng),
                legal_representative=person_name(rng),
                phone=phone_number(rng),
                created_by=context.objects["admin"],
                modified_by=context.objects["admin"],
            )
            org.search_text = organisation_search_text(org)
            new.append(org)
            groups.setdefault(group, []).append(org)
    bulk_insert(Organisation, new)
    audit_bulk(
        actor=context.objects["admin"], objs=new, action=AuditAction.CREATED, details={"demo": 1}
    )
    context.counts["organisations"] = len(new) + len(existing)


def _group_of(org: Organisation) -> str:
    """The group a seeded organisation was made for, read back from its name."""
    for group, (kind, _count, pattern) in GROUPS.items():
        head = pattern.split("{", 1)[0]
        if org.kind == kind and org.name.startswith(head):
            return group
    return "other"
