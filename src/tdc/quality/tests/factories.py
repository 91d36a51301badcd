"""factory_boy factories of quality records, created through the services where the rules
matter: ``ConformityBodyFactory(status="designated")``, ``DeclarationFactory(accepted=True)``,
``QualityWarningFactory(published_on=day)``."""

from __future__ import annotations

import datetime as dt
from typing import Any

import factory

from tdc.places.models import Province
from tdc.quality import services
from tdc.quality.models import ConformityBody, Declaration, QualityWarning
from tdc.testing.factories import COMMUNE_A, PROVINCE_A, OrganisationFactory, make_user

#: A day under the risk-based regime, a Thursday.
RISK_DAY = dt.date(2026, 9, 10)
#: A day under the legacy regime, a Wednesday.
LEGACY_DAY = dt.date(2026, 3, 11)


def officer(province_id: str = PROVINCE_A) -> Any:
    return make_user("provincial_officer", province_id=province_id)


def leader(province_id: str = PROVINCE_A) -> Any:
    return make_user("provincial_leader", province_id=province_id)


class ConformityBodyFactory(factory.django.DjangoModelFactory):
    """A designated certification body for QCVN 4 and 9 (electrical goods), valid 2024–2029."""

    class Meta:
        model = ConformityBody

    class Params:
        province_id = PROVINCE_A

    name = factory.Sequence(lambda n: f"Trung tâm Chứng nhận Phù hợp số {n}")
    kind = "certification"
    status = "designated"
    registration_number = factory.Sequence(lambda n: f"{n:03d}/TĐC-CĐ")
    province = factory.LazyAttribute(lambda o: Province.objects.get(pk=o.province_id))
    scope_qcvn = factory.LazyFunction(
        lambda: ["QCVN 4:2009/BKHCN", "QCVN 9:2012/BKHCN", "QCVN 19:2025/BKHCN"]
    )
    valid_from = dt.date(2024, 1, 1)
    valid_until = dt.date(2029, 12, 31)


class LabFactory(ConformityBodyFactory):
    name = factory.Sequence(lambda n: f"Phòng thử nghiệm số {n}")
    kind = "laboratory"
    status = "accredited"
    registration_number = factory.Sequence(lambda n: f"VILAS {n:03d}")


def declaration_values(**overrides: Any) -> dict[str, Any]:
    """A rice cooker declared under the risk-based regime on a designated body's certificate."""
    values: dict[str, Any] = {
        "kind": "regulation",
        "product": "Nồi cơm điện",
        "brand": "Sunhouse",
        "model_type": "SHD8955",
        "origin": "Việt Nam",
        "hs_code": "8516.60.10",
        "qcvn": "QCVN 4:2009/BKHCN",
        "declared_on": RISK_DAY,
        "basis": "certification",
        "certificate_number": "CN-2026-0012",
        "certificate_valid_until": dt.date(2029, 9, 9),
    }
    values.update(overrides)
    return values


class DeclarationFactory(factory.django.DjangoModelFactory):
    """A declaration filed through ``declaration_file`` by the province's officer; with
    ``accepted=True`` its receipt notice is issued by the leader."""

    class Meta:
        model = Declaration
        skip_postgeneration_save = True

    @classmethod
    def _create(cls, model_class: Any, *args: Any, **kwargs: Any) -> Declaration:
        declarant = kwargs.pop("declarant", None) or OrganisationFactory(
            province_id=PROVINCE_A, commune_id=COMMUNE_A
        )
        accepted = kwargs.pop("accepted", False)
        by = kwargs.pop("by", None) or officer(declarant.province_id)
        if "body" not in kwargs and kwargs.get("basis", "certification") == "certification":
            kwargs["body"] = ConformityBodyFactory()
        declaration = services.declaration_file(
            by=by,
            declarant=declarant,
            received_on=kwargs.get("declared_on", RISK_DAY),
            **declaration_values(**kwargs),
        )
        if accepted:
            declaration = services.declaration_accept(
                declaration=declaration,
                by=leader(declarant.province_id),
                accepted_on=declaration.declared_on + dt.timedelta(days=1),
            )
        return declaration


class QualityWarningFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = QualityWarning

    class Params:
        province_id = PROVINCE_A

    title = factory.Sequence(lambda n: f"Mũ bảo hiểm không đạt QCVN 2:2021/BKHCN ({n})")
    product = "Mũ bảo hiểm cho người đi xe máy"
    brand = "Nón Việt"
    batch = "L2026-07"
    gtin = "8934567890128"
    hazard = "injury"
    description = "Độ hấp thụ xung động không đạt yêu cầu."
    measure = "Ngừng kinh doanh, thu hồi lô hàng."
    source = "province"
    province = factory.LazyAttribute(lambda o: Province.objects.get(pk=o.province_id))
