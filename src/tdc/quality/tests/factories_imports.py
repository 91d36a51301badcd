"""Builders of import-inspection records, through the services: ``import_values(**changes)``
and ``ImportRegistrationFactory(importer=org, decided=True)``."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import factory

from tdc.quality import services
from tdc.quality.models import ImportRegistration
from tdc.quality.tests.factories import ConformityBodyFactory, leader, officer
from tdc.testing.factories import COMMUNE_A, PROVINCE_A, OrganisationFactory

#: A Thursday under the risk-based regime.
RISK_DAY = dt.date(2026, 9, 10)


def import_values(**overrides: Any) -> dict[str, Any]:
    """A lot of rice cookers (high risk from 01/07/2026) on a lot certificate that matches."""
    values: dict[str, Any] = {
        "customs_declaration": "106001234560",
        "product": "Nồi cơm điện",
        "brand": "Kangaroo",
        "model_type": "KG18RC",
        "manufacturer": "Zhongshan Kangaroo Electric Co., Ltd",
        "origin": "Trung Quốc",
        "hs_code": "8516.60.10",
        "qcvn": "QCVN 4:2009/BKHCN",
        "quantity": Decimal("500"),
        "unit": "chiếc",
        "gtin": "",
        "certificate_kind": "lot",
        "certificate_number": "CN-NK-2026-0101",
        "certificate_issued_on": RISK_DAY - dt.timedelta(days=5),
        "certificate_valid_until": RISK_DAY + dt.timedelta(days=365),
        "certificate_qcvn": "QCVN 4:2009/BKHCN",
        "certificate_model": "KG18RC",
        "certificate_origin": "Trung Quốc",
        "certificate_quantity": Decimal("500"),
        "registered_on": RISK_DAY,
    }
    values.update(overrides)
    return values


class ImportRegistrationFactory(factory.django.DjangoModelFactory):
    """A lot registered by the province's officer; ``decided=True`` confirms it complete and
    issues the pass notice (``passed=False``: the fail notice) on the next working days."""

    class Meta:
        model = ImportRegistration
        skip_postgeneration_save = True

    @classmethod
    def _create(cls, model_class: Any, *args: Any, **kwargs: Any) -> ImportRegistration:
        importer = kwargs.pop("importer", None) or OrganisationFactory(
            province_id=PROVINCE_A, commune_id=COMMUNE_A
        )
        decided = kwargs.pop("decided", False)
        passed = kwargs.pop("passed", True)
        by = kwargs.pop("by", None) or officer(importer.province_id)
        if "certificate_body" not in kwargs:
            kwargs["certificate_body"] = ConformityBodyFactory()
        obj = services.import_register(by=by, importer=importer, **import_values(**kwargs))
        if decided:
            from tdc.core.calendar import add_working_days

            day = add_working_days(obj.registered_on, 1)
            obj = services.import_confirm(registration=obj, by=by, on=day, complete=True)
            obj = services.import_decide(
                registration=obj,
                by=leader(importer.province_id),
                on=day,
                passed=passed,
                reason="" if passed else "Kết quả thử nghiệm không đạt QCVN.",
            )
        return obj
