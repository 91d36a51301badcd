"""factory_boy factories of the legal-metrology records, for the tests and the permission matrix.

Records whose invariants live in a service are made through it (the register's checks and
search text, a designation's five years, a verification's refusal rules, its gap-free
certificate number, its sticker and its certificate), so a factory never builds what the
application could not. ``by`` is the actor; a system administrator when not given.

Two factories stand outside that rule, each for what no service writes:
:class:`PastVerificationFactory` (a verification already on record, written as the
verifications import writes history) and the ``next_due_date`` of
:class:`InstrumentFactory` (the due date a past verification left).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

import factory

from tdc.core.roles import Role
from tdc.metrology import services
from tdc.metrology.models import (
    Certificate,
    Designation,
    Instrument,
    Market,
    MeasurementStandard,
    OutOfToleranceFinding,
    StampBatch,
    StandardCalibration,
    Verification,
    VerificationStandard,
    Verifier,
)
from tdc.metrology.rules.validity import add_years
from tdc.places.models import Commune, Province
from tdc.registry.choices import OrganisationKind
from tdc.testing.factories import COMMUNE_A, PROVINCE_A, OrganisationFactory, make_user

D = Decimal

#: The platform scale the verification tests verify (class III, e = 0.01 kg, Max 30 kg).
SCALE = "platform-counter-scale"
#: The instrument types a lab is designated and certified for.
LAB_TYPES = [SCALE, "fuel-dispenser", "crane-scale", "cold-water-meter-electronic"]
#: Test points of the scale, all within the initial MPE.
GOOD_POINTS = [
    services.PointInput(reference=D("1"), indication=D("1.005")),
    services.PointInput(reference=D("10"), indication=D("10.01")),
    services.PointInput(reference=D("30"), indication=D("29.99")),
]


def _administrator() -> Any:
    return make_user(Role.SYSTEM_ADMIN)


def _province(code: str) -> Province:
    return Province.objects.get(pk=code)


class ServiceFactory(factory.django.DjangoModelFactory):
    """A record made by the service :meth:`_service` names, acting as ``by``."""

    class Meta:
        abstract = True
        skip_postgeneration_save = True

    by = factory.LazyFunction(_administrator)

    @classmethod
    def _service(cls, **kwargs: Any) -> Any:
        raise NotImplementedError

    @classmethod
    def _create(cls, model_class: type[Any], *args: Any, **kwargs: Any) -> Any:
        return cls._service(**kwargs)


class VerificationOrganisationFactory(OrganisationFactory):
    """An organisation of the register that verifies instruments."""

    kind = OrganisationKind.VERIFICATION_ORG
    name = factory.Sequence(lambda n: f"Trung tâm Kiểm định {n}")


# --- the register -----------------------------------------------------------------------------


class InstrumentFactory(ServiceFactory):
    """An instrument entered in the register, where its owner is (``commune_code`` to place it
    elsewhere); ``next_due_date=`` sets the due date a past verification left."""

    class Meta:
        model = Instrument

    class Params:
        commune_code = factory.SelfAttribute("owner.commune_id")

    owner = factory.SubFactory(OrganisationFactory)
    type_code = "fuel-dispenser"
    manufacturer = "Tatsuno"
    serial_number = factory.Sequence(lambda n: f"T-{n:06d}")
    commune = factory.LazyAttribute(
        lambda o: Commune.objects.get(pk=o.commune_code) if o.commune_code else None
    )
    province = factory.LazyAttribute(
        lambda o: o.commune.province if o.commune else _province(o.owner.province_id)
    )

    @classmethod
    def _service(cls, **kwargs: Any) -> Instrument:
        return services.instrument_register(**kwargs)

    @factory.post_generation
    def next_due_date(obj: Instrument, create: bool, extracted: dt.date | None, **_: Any) -> None:
        if create and extracted is not None:
            Instrument.objects.filter(pk=obj.pk).update(next_due_date=extracted)
            obj.next_due_date = extracted


class ScaleFactory(InstrumentFactory):
    """A class III platform scale at a market stall, owned by the ``lab``'s customer and
    registered by its province's officer when a ``lab`` is given."""

    class Params:
        lab = None

    by = factory.LazyAttribute(lambda o: o.lab.officer if o.lab else _administrator())
    owner = factory.LazyAttribute(lambda o: o.lab.owner if o.lab else OrganisationFactory())
    type_code = SCALE
    manufacturer = "Nhơn Hòa"
    manufacturer_country = "Việt Nam"
    model_name = "CĐH-30"
    serial_number = "CB-0001"
    type_approval_number = "PDM 012-2019"
    accuracy_class = "III"
    measuring_range = "0,2–30 kg"
    max_capacity = D("30")
    min_capacity = D("0.2")
    verification_interval = D("0.01")
    unit = "kg"
    address = "Chợ Phước Lý, sạp 12"


class DesignationFactory(ServiceFactory):
    """A designation decision for ``type_codes`` in ``provinces`` (the organisation's own by
    default), valid five years."""

    class Meta:
        model = Designation

    organisation = factory.SubFactory(VerificationOrganisationFactory)
    decision_number = factory.Sequence(lambda n: f"{n}/QĐ-TĐC")
    decision_date = dt.date(2025, 1, 2)
    valid_from = factory.SelfAttribute("decision_date")
    type_codes = factory.LazyFunction(lambda: ["fuel-dispenser"])
    provinces = factory.LazyAttribute(lambda o: [_province(o.organisation.province_id)])

    @classmethod
    def _service(cls, **kwargs: Any) -> Designation:
        return services.designation_create(**kwargs)


class VerifierFactory(ServiceFactory):
    """A certified verifier of an organisation, for ``type_codes``."""

    class Meta:
        model = Verifier

    organisation = factory.SubFactory(VerificationOrganisationFactory)
    full_name = "Lê Kiểm"
    card_number = factory.Sequence(lambda n: f"KĐV-{n:06d}")
    valid_from = dt.date(2020, 1, 1)
    valid_to = dt.date(2030, 12, 31)
    type_codes = factory.LazyFunction(lambda: ["fuel-dispenser"])

    @classmethod
    def _service(cls, **kwargs: Any) -> Verifier:
        return services.verifier_create(**kwargs)


class MeasurementStandardFactory(ServiceFactory):
    """A working standard (volume) held by a verification organisation."""

    class Meta:
        model = MeasurementStandard

    level = "working"
    name = factory.Sequence(lambda n: f"Chuẩn {n}")
    quantity = "volume"
    holder = factory.SubFactory(VerificationOrganisationFactory)

    @classmethod
    def _service(cls, **kwargs: Any) -> MeasurementStandard:
        return services.standard_create(**kwargs)


class StandardCalibrationFactory(ServiceFactory):
    """A calibration of a standard, valid a year, in tolerance unless ``result=`` says not."""

    class Meta:
        model = StandardCalibration

    standard = factory.SubFactory(MeasurementStandardFactory)
    laboratory_name = "Viện Đo lường Việt Nam"
    certificate_number = factory.Sequence(lambda n: f"HC-{n}")
    calibrated_on = dt.date(2025, 1, 1)
    valid_until = factory.LazyAttribute(lambda o: o.calibrated_on + dt.timedelta(days=365))
    result = "in_tolerance"

    @classmethod
    def _service(cls, **kwargs: Any) -> StandardCalibration:
        return services.standard_calibration_record(**kwargs)


class OutOfToleranceFindingFactory(ServiceFactory):
    """A standard found out of tolerance (the standard is taken out of service)."""

    class Meta:
        model = OutOfToleranceFinding

    standard = factory.SubFactory(MeasurementStandardFactory)
    found_on = dt.date(2026, 3, 1)

    @classmethod
    def _service(cls, **kwargs: Any) -> OutOfToleranceFinding:
        return services.finding_record(**kwargs)


class StampBatchFactory(ServiceFactory):
    """A range of sticker serials issued to a verification organisation (a prefix of its own
    unless ``prefix=`` is given, so that ranges never overlap)."""

    class Meta:
        model = StampBatch

    organisation = factory.SubFactory(VerificationOrganisationFactory)
    kind = "sticker"
    prefix = factory.Sequence(lambda n: f"B{n}")
    first_number = 1
    last_number = 500
    issued_on = dt.date(2026, 1, 5)

    @classmethod
    def _service(cls, **kwargs: Any) -> StampBatch:
        return services.stamp_batch_issue(**kwargs)


class MarketFactory(ServiceFactory):
    """A market in the commune of its management board (``commune_code`` to place it
    elsewhere)."""

    class Meta:
        model = Market

    class Params:
        commune_code = factory.SelfAttribute("management_board.commune_id")

    name = factory.Sequence(lambda n: f"Chợ {n}")
    management_board = factory.SubFactory(OrganisationFactory)
    commune = factory.LazyAttribute(lambda o: Commune.objects.get(pk=o.commune_code))
    province = factory.LazyAttribute(lambda o: o.commune.province)

    @classmethod
    def _service(cls, **kwargs: Any) -> Market:
        return services.market_create(**kwargs)


# --- a designated laboratory and its verifications --------------------------------------------


@dataclass
class Lab:
    """A verification organisation ready to verify: designated for :data:`LAB_TYPES` in its
    province, a certified verifier, a calibrated standard, sticker stock, its staff, the
    province's officer, and a customer whose instruments it verifies."""

    organisation: Any
    staff: Any
    officer: Any
    designation: Designation
    verifier: Verifier
    standard: MeasurementStandard
    calibration: StandardCalibration
    batch: StampBatch | None
    owner: Any


class LabFactory(factory.Factory):
    """A :class:`Lab`, everything made through the services by the province's officer; its
    stickers are numbered TN0000001–TN0000500 (``batch__prefix`` for another series,
    ``batch=None`` for none)."""

    class Meta:
        model = Lab

    class Params:
        province_id = PROVINCE_A
        valid_from = dt.date(2022, 6, 1)
        valid_to = factory.LazyAttribute(
            lambda o: add_years(o.valid_from, 5) - dt.timedelta(days=1)
        )

    officer = factory.LazyAttribute(
        lambda o: make_user(Role.PROVINCIAL_OFFICER, province_id=o.province_id)
    )
    organisation = factory.SubFactory(
        VerificationOrganisationFactory,
        name="Trung tâm Kỹ thuật Tiêu chuẩn Đo lường Chất lượng",
        province_id=factory.SelfAttribute("..province_id"),
    )
    staff = factory.LazyAttribute(
        lambda o: make_user(
            Role.VERIFICATION_STAFF, organisation=o.organisation, province_id=o.province_id
        )
    )
    designation = factory.SubFactory(
        DesignationFactory,
        by=factory.SelfAttribute("..officer"),
        organisation=factory.SelfAttribute("..organisation"),
        type_codes=LAB_TYPES,
        provinces=factory.LazyAttribute(lambda o: [_province(o.factory_parent.province_id)]),
        decision_number=factory.LazyAttribute(lambda o: f"{o.organisation.pk}/QĐ-TĐC-PTN"),
        decision_date=factory.SelfAttribute("..valid_from"),
        valid_to=factory.SelfAttribute("..valid_to"),
    )
    verifier = factory.SubFactory(
        VerifierFactory,
        by=factory.SelfAttribute("..officer"),
        organisation=factory.SelfAttribute("..organisation"),
        designation=factory.SelfAttribute("..designation"),
        type_codes=LAB_TYPES,
        full_name="Nguyễn Văn Kiểm",
        card_number=factory.LazyAttribute(lambda o: f"KĐV-{o.organisation.pk}"),
        valid_from=factory.SelfAttribute("..valid_from"),
        valid_to=factory.SelfAttribute("..valid_to"),
    )
    standard = factory.SubFactory(
        MeasurementStandardFactory,
        by=factory.SelfAttribute("..officer"),
        name="Bộ quả cân chuẩn M1 20 kg",
        quantity="mass",
        serial_number=factory.LazyAttribute(lambda o: f"QC-{o.holder.pk}"),
        holder=factory.SelfAttribute("..organisation"),
    )
    calibration = factory.SubFactory(
        StandardCalibrationFactory,
        by=factory.SelfAttribute("..officer"),
        standard=factory.SelfAttribute("..standard"),
        certificate_number="V01.123/2020",
        calibrated_on=factory.SelfAttribute("..valid_from"),
        valid_until=factory.LazyAttribute(lambda o: add_years(o.factory_parent.valid_from, 7)),
    )
    batch = factory.SubFactory(
        StampBatchFactory,
        by=factory.SelfAttribute("..officer"),
        organisation=factory.SelfAttribute("..organisation"),
        prefix="TN",
        issued_on=factory.SelfAttribute("..valid_from"),
    )
    owner = factory.SubFactory(
        OrganisationFactory,
        name="Hộ kinh doanh Cân Chợ Phước Lý",
        province_id=factory.SelfAttribute("..province_id"),
        commune_id=factory.LazyAttribute(
            lambda o: COMMUNE_A if o.province_id == PROVINCE_A else None
        ),
    )


class VerificationFactory(ServiceFactory):
    """A verification recorded through the verification service, as a verifier records it:
    every refusal rule applies, the points are judged, the sticker is consumed and, when the
    instrument passes, the certificate is issued with the next number of the series. By
    default the ``lab``'s staff verify one of its customer's scales on 04/05/2026."""

    class Meta:
        model = Verification

    class Params:
        lab = factory.SubFactory(LabFactory)

    by = factory.SelfAttribute("lab.staff")
    instrument = factory.SubFactory(ScaleFactory, lab=factory.SelfAttribute("..lab"))
    kind = "initial"
    verified_on = dt.date(2026, 5, 4)
    organisation = factory.SelfAttribute("lab.organisation")
    verifier = factory.SelfAttribute("lab.verifier")
    standards = factory.LazyAttribute(lambda o: [o.lab.standard])
    points = factory.LazyFunction(lambda: list(GOOD_POINTS))
    stamp_serial = "TN0000001"

    @classmethod
    def _service(cls, **kwargs: Any) -> Verification:
        return services.verification_record(**kwargs)


class CertificateFactory(factory.Factory):
    """The certificate of a passed verification, issued by the verification service."""

    class Meta:
        model = Certificate

    verification = factory.SubFactory(VerificationFactory)

    @classmethod
    def _create(cls, model_class: type[Any], *args: Any, **kwargs: Any) -> Certificate:
        certificate: Certificate = kwargs["verification"].certificate
        return certificate


class PastVerificationFactory(factory.django.DjangoModelFactory):
    """A verification already on record (due lists, statistics, reverse traceability), written
    as the verifications import writes history: no points, no certificate, the instrument's due
    date left as it is. The verifier's organisation made it. ``standards=`` lists the standards
    used, each with the calibration in force that day (one is recorded when the standard has
    none)."""

    class Meta:
        model = Verification
        skip_postgeneration_save = True

    instrument = factory.SubFactory(InstrumentFactory)
    kind = "periodic"
    verified_on = dt.date(2026, 5, 4)
    verifier = factory.SubFactory(VerifierFactory)
    organisation = factory.SelfAttribute("verifier.organisation")
    result = "passed"
    valid_until = factory.LazyAttribute(
        lambda o: o.verified_on + dt.timedelta(days=365) if o.result == "passed" else None
    )
    type_code = factory.SelfAttribute("instrument.type_code")
    province_id = factory.SelfAttribute("instrument.province_id")
    commune_id = factory.SelfAttribute("instrument.commune_id")
    owner_id = factory.SelfAttribute("instrument.owner_id")

    @factory.post_generation
    def standards(
        obj: Verification, create: bool, extracted: list[MeasurementStandard] | None, **_: Any
    ) -> None:
        for standard in extracted or ():
            calibration = (
                StandardCalibration.objects.filter(
                    standard=standard, calibrated_on__lte=obj.verified_on
                )
                .order_by("-calibrated_on")
                .first()
            ) or StandardCalibrationFactory(standard=standard, calibrated_on=obj.verified_on)
            VerificationStandard.objects.create(
                verification=obj, standard=standard, calibration=calibration
            )
