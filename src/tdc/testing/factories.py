"""factory_boy factories for the core models, and persona helpers."""

from __future__ import annotations

import itertools
from typing import Any

import factory
from stdnum.vn import mst

from tdc.core.text import vn_fold
from tdc.registry.choices import OrganisationKind
from tdc.registry.models import Organisation

PROVINCE_A = "80"  # Tây Ninh
PROVINCE_B = "92"  # Cần Thơ
COMMUNE_A = "28165"  # Xã Phước Lý (Tây Ninh)
COMMUNE_A2 = "28159"  # Xã Cần Giuộc (Tây Ninh)
COMMUNE_B = "31135"  # Phường Ninh Kiều (Cần Thơ)

_serial = itertools.count(100_000)


def valid_tax_code(prefix: str = "03") -> str:
    """A fresh tax code with a correct check digit (bodies with no valid digit are skipped)."""
    while True:
        body = f"{prefix}{next(_serial):07d}"
        candidate = body + mst.calc_check_digit(body)
        if mst.is_valid(candidate):
            return candidate


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation

    kind = OrganisationKind.ENTERPRISE
    name = factory.Sequence(lambda n: f"Công ty TNHH Thử nghiệm {n}")
    tax_code = factory.LazyFunction(valid_tax_code)
    province_id = PROVINCE_A
    commune_id = COMMUNE_A
    address = "Ấp 1"
    search_text = factory.LazyAttribute(lambda o: vn_fold(f"{o.name} {o.tax_code or ''}"))


_user_serial = itertools.count(1)


def make_user(role: str, **fields: Any) -> Any:
    """A user with ``role``; jurisdiction fields as keyword arguments (``province_id=…``)."""
    from tdc.accounts.models import User

    n = next(_user_serial)
    user = User(username=fields.pop("username", f"{role}-{n}"), role=role, **fields)
    if not user.province_id and user.commune is not None:
        user.province_id = user.commune.province_id
    user.set_password("Mật-khẩu-thử-123")
    user.save()
    return user
