"""factory_boy factories of prepackaged-goods records, created through the services as the
screens create them (the rules version, the sample, the numbers and the deadlines are the
services' to set): ``QuantityInspectionFactory(packer=org, readings=["500", …])``,
``MarkDeclarationFactory(accepted_on=day)``, ``MarkCertificationFactory(issued_on=day)``."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import TYPE_CHECKING, Any

import factory

from tdc.places.models import Commune, Province
from tdc.prepackages import services
from tdc.prepackages.models import (
    MarkCertification,
    MarkDeclaration,
    ProvinceRulesSetting,
    QuantityInspection,
)
from tdc.testing.factories import COMMUNE_A, PROVINCE_A, OrganisationFactory, make_user

if TYPE_CHECKING:
    from tdc.accounts.models import User

_DAY = dt.timedelta(days=1)


def _officer(province: Province) -> User:
    user: User = make_user("provincial_officer", province_id=province.pk)
    return user


def _leader(province: Province) -> User:
    user: User = make_user("provincial_leader", province_id=province.pk)
    return user


class QuantityInspectionFactory(factory.django.DjangoModelFactory):
    """A draft inspection of a lot of 10 units of 500 g in commune A, opened by a provincial
    officer (``by``); ``readings=[…]`` enters the first readings, one by one."""

    class Meta:
        model = QuantityInspection
        skip_postgeneration_save = True  # the readings go through their service

    class Params:
        province_id = PROVINCE_A
        commune_id = COMMUNE_A

    by = factory.LazyAttribute(lambda o: _officer(o.province))
    inspected_on = dt.date(2026, 3, 10)
    product_name = "Nước mắm cá cơm"
    product_category = "cooking_oil"
    brand = "Phước Lý"
    packer = factory.SubFactory(
        OrganisationFactory,
        province_id=factory.SelfAttribute("..province_id"),
        commune_id=factory.SelfAttribute("..commune_id"),
    )
    province = factory.LazyAttribute(lambda o: Province.objects.get(pk=o.province_id))
    commune = factory.LazyAttribute(
        lambda o: Commune.objects.get(pk=o.commune_id) if o.commune_id else None
    )
    address = "Ấp 3"
    lot_code = "L2603-01"
    lot_size = 10
    quantity_kind = "mass"
    nominal_quantity = Decimal("500")
    unit = "g"

    @classmethod
    def _create(cls, model_class: type[QuantityInspection], *args: Any, **kwargs: Any) -> Any:
        return services.inspection_create(**kwargs)

    @factory.post_generation
    def readings(obj: QuantityInspection, create: bool, extracted: list[str] | None) -> None:
        """Enter ``readings`` for sample units 1, 2, … as whoever opened the inspection."""
        for position, value in enumerate(extracted or [], 1):
            services.measurement_record(
                inspection=obj, position=position, value=value, by=obj.created_by
            )


class ProvinceRulesSettingFactory(factory.django.DjangoModelFactory):
    """The quantity-rules version a province applies, set by a provincial leader."""

    class Meta:
        model = ProvinceRulesSetting

    class Params:
        province_id = PROVINCE_A

    province = factory.LazyAttribute(lambda o: Province.objects.get(pk=o.province_id))
    rules_version = "vn-tt21-2014"
    reason = ""
    by = factory.LazyAttribute(lambda o: _leader(o.province))

    @classmethod
    def _create(cls, model_class: type[ProvinceRulesSetting], *args: Any, **kwargs: Any) -> Any:
        return services.rules_setting_set(**kwargs)


class MarkDeclarationFactory(factory.django.DjangoModelFactory):
    """A Group 1 declaration in the receipt register of the declarant's province, received by a
    provincial officer (``by``); ``accepted_on=day`` has a provincial leader stamp it that day."""

    class Meta:
        model = MarkDeclaration

    by = factory.LazyAttribute(lambda o: _officer(o.province))
    declarant = factory.SubFactory(OrganisationFactory)
    province = factory.SelfAttribute("declarant.province")
    products = "Nước mắm 500 mL\nNước mắm 1 L"
    received_on = dt.date(2026, 3, 2)
    accepted_on = None

    @classmethod
    def _create(cls, model_class: type[MarkDeclaration], *args: Any, **kwargs: Any) -> Any:
        accepted_on = kwargs.pop("accepted_on")
        declaration = services.declaration_receive(**kwargs)
        if accepted_on is None:
            return declaration
        return services.declaration_accept(
            declaration=declaration, by=_leader(declaration.province), accepted_on=accepted_on
        )


class MarkCertificationFactory(factory.django.DjangoModelFactory):
    """A Group 2 certification file of the applicant's province, received by a provincial
    officer (``by``). ``issued_on=day`` takes it on to a certificate issued that day: received
    40 days before, complete 30 days before, the team set up 20 days before, assessed on site 5
    days before, issued by a provincial leader."""

    class Meta:
        model = MarkCertification

    by = factory.LazyAttribute(lambda o: _officer(o.province))
    applicant = factory.SubFactory(OrganisationFactory)
    province = factory.SelfAttribute("applicant.province")
    products = "Gas LPG 12 kg"
    issued_on = None
    received_on = factory.LazyAttribute(
        lambda o: o.issued_on - 40 * _DAY if o.issued_on else dt.date(2026, 3, 2)
    )

    @classmethod
    def _create(cls, model_class: type[MarkCertification], *args: Any, **kwargs: Any) -> Any:
        issued_on = kwargs.pop("issued_on")
        by = kwargs["by"]
        cert = services.certification_receive(**kwargs)
        if issued_on is None:
            return cert
        cert = services.certification_accept_file(
            certification=cert, by=by, completed_on=issued_on - 30 * _DAY
        )
        cert = services.certification_set_team(
            certification=cert,
            by=by,
            assessors=[{"name": "Nguyễn An", "role": "trưởng đoàn"}, {"name": "Trần Bình"}],
            set_on=issued_on - 20 * _DAY,
        )
        return services.certification_issue(
            certification=cert,
            by=_leader(cert.province),
            issued_on=issued_on,
            assessed_on=issued_on - 5 * _DAY,
        )
