"""The instrument register and the organisations behind it: services, scoping, reference
versions, import and API."""

from __future__ import annotations

import datetime as dt
import io
from typing import Any

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook

from tdc.core.imports import load_report
from tdc.core.models import AuditAction, AuditEvent, JobProgress
from tdc.core.roles import Role
from tdc.metrology import services
from tdc.metrology.choices import DesignationStatus, InstrumentStatus, VerifierStatus
from tdc.metrology.imports import InstrumentImport
from tdc.metrology.models import (
    Instrument,
    MeasurementStandard,
)
from tdc.metrology.selectors import instrument_type_rule_on, standard_chain
from tdc.metrology.tests.factories import (
    DesignationFactory,
    InstrumentFactory,
    MeasurementStandardFactory,
    PastVerificationFactory,
    StandardCalibrationFactory,
    VerificationOrganisationFactory,
)
from tdc.places.models import Commune, Province
from tdc.registry.choices import OrganisationKind
from tdc.testing.factories import (
    COMMUNE_A,
    COMMUNE_A2,
    COMMUNE_B,
    PROVINCE_A,
    PROVINCE_B,
    OrganisationFactory,
    make_user,
)
from tdc.testing.fixtures import api_client_for, client_for

pytestmark = pytest.mark.django_db


@pytest.fixture
def officer() -> Any:
    return make_user(Role.PROVINCIAL_OFFICER, province_id=PROVINCE_A)


@pytest.fixture
def retailer() -> Any:
    return OrganisationFactory(name="Công ty Xăng dầu Phước Lý")


# --- register and uniqueness ------------------------------------------------------------------


def test_it_registers_an_instrument_with_an_audit_event(officer: Any, retailer: Any) -> None:
    instrument = services.instrument_register(
        by=officer,
        owner=retailer,
        type_code="fuel-dispenser",
        manufacturer="Tatsuno",
        serial_number="TS-0001",
        commune=Commune.objects.get(pk=COMMUNE_A),
    )
    assert instrument.pk and instrument.province_id == PROVINCE_A
    assert AuditEvent.objects.filter(
        content_type=ContentType.objects.get_for_model(Instrument),
        object_id=str(instrument.pk),
        action=AuditAction.CREATED,
        province_code=PROVINCE_A,
        organisation_id=retailer.pk,
    ).exists()


def test_it_names_the_existing_record_when_a_serial_is_registered_twice(
    officer: Any, retailer: Any
) -> None:
    first = InstrumentFactory(by=officer, owner=retailer, serial_number="TS-0001")
    with pytest.raises(ValidationError) as caught:
        InstrumentFactory(by=officer, owner=OrganisationFactory(), serial_number=" TS-0001 ")
    message = " ".join(caught.value.message_dict["serial_number"])
    assert f"#{first.pk}" in message
    assert retailer.name in message
    assert Instrument.objects.count() == 1


def test_it_refuses_an_unknown_type_code_and_min_above_max(officer: Any, retailer: Any) -> None:
    with pytest.raises(ValidationError) as caught:
        InstrumentFactory(by=officer, owner=retailer, type_code="flux-capacitor")
    assert "type_code" in caught.value.message_dict
    with pytest.raises(ValidationError):
        InstrumentFactory(by=officer, owner=retailer, min_capacity=10, max_capacity=5)


def test_it_keeps_edits_from_overwriting_each_other(officer: Any, retailer: Any) -> None:
    instrument = InstrumentFactory(by=officer, owner=retailer)
    services.instrument_update(
        instrument=instrument, by=officer, expected_version=1, model_name="N-2000"
    )
    with pytest.raises(ValidationError):
        services.instrument_update(
            instrument=instrument, by=officer, expected_version=1, model_name="N-3000"
        )


def test_it_changes_status_and_archives_with_a_reason(officer: Any, retailer: Any) -> None:
    instrument = InstrumentFactory(by=officer, owner=retailer)
    with pytest.raises(ValidationError):
        services.instrument_change_status(
            instrument=instrument, by=officer, status=InstrumentStatus.SEALED
        )
    sealed = services.instrument_change_status(
        instrument=instrument, by=officer, status=InstrumentStatus.SEALED, reason="BBNP 12/2026"
    )
    assert sealed.status == InstrumentStatus.SEALED
    archived = services.instrument_archive(instrument=sealed, by=officer, reason="Nhập trùng")
    assert archived.archived_at is not None
    assert Instrument.objects.filter(pk=instrument.pk).exists()  # never deleted


def test_it_refuses_a_business_user_registering_for_another_owner(retailer: Any) -> None:
    business = make_user(Role.BUSINESS_USER, organisation=retailer, province_id=PROVINCE_A)
    other = OrganisationFactory()
    with pytest.raises(ValidationError):
        InstrumentFactory(by=business, owner=other)
    assert InstrumentFactory(by=business, owner=retailer).owner_id == retailer.pk


# --- scoping ----------------------------------------------------------------------------------


def test_it_scopes_the_register_to_each_users_jurisdiction(officer: Any, retailer: Any) -> None:
    mine = InstrumentFactory(by=officer, owner=retailer, serial_number="A-1")
    elsewhere_owner = OrganisationFactory(commune_id=COMMUNE_A2)
    in_other_commune = InstrumentFactory(by=officer, owner=elsewhere_owner, serial_number="A-2")
    owner_b = OrganisationFactory(province_id=PROVINCE_B, commune_id=COMMUNE_B)
    officer_b = make_user(Role.PROVINCIAL_OFFICER, province_id=PROVINCE_B)
    in_b = InstrumentFactory(by=officer_b, owner=owner_b, serial_number="B-1")

    business = make_user(Role.BUSINESS_USER, organisation=retailer, province_id=PROVINCE_A)
    commune_officer = make_user(Role.COMMUNE_OFFICER, commune_id=COMMUNE_A)

    def visible(user: Any) -> set[int]:
        return set(Instrument.objects.for_user(user).values_list("pk", flat=True))

    assert visible(business) == {mine.pk}
    assert visible(commune_officer) == {mine.pk}
    assert visible(officer) == {mine.pk, in_other_commune.pk}
    assert visible(officer_b) == {in_b.pk}

    # Province B officer: the province A record answers 404 on the page and the API.
    assert client_for(officer_b).get(mine.get_absolute_url()).status_code == 404
    api = api_client_for(officer_b)
    assert api.get(f"/api/v1/metrology/instruments/{mine.pk}/").status_code == 404
    ids = {row["id"] for row in api.get("/api/v1/metrology/instruments/").json()["results"]}
    assert ids == {in_b.pk}


def test_it_shows_verification_staff_the_instruments_their_organisation_verified(
    officer: Any, retailer: Any
) -> None:
    lab = VerificationOrganisationFactory(name="Trung tâm KTĐL")
    staff = make_user(Role.VERIFICATION_STAFF, organisation=lab, province_id=PROVINCE_A)
    verified = InstrumentFactory(by=officer, owner=retailer, serial_number="V-1")
    InstrumentFactory(by=officer, owner=retailer, serial_number="V-2")
    PastVerificationFactory(instrument=verified, verifier__organisation=lab)
    assert set(Instrument.objects.for_user(staff).values_list("pk", flat=True)) == {verified.pk}
    # Seeing is not changing: staff may not edit the owner's register entry.
    assert not Instrument.objects.for_user(staff, "change").exists()


# --- reference data: the cycle in force on the verification date ----------------------------


@pytest.mark.parametrize(
    ("code", "day", "cycle", "confidence"),
    [
        ("crane-scale", dt.date(2021, 6, 1), 12, "confirmed"),
        ("crane-scale", dt.date(2026, 4, 14), 12, "confirmed"),
        ("crane-scale", dt.date(2026, 4, 15), 24, "unconfirmed"),
        ("cold-water-meter-electronic", dt.date(2025, 12, 31), 36, "confirmed"),
        ("cold-water-meter-electronic", dt.date(2026, 6, 1), 60, "unconfirmed"),
        ("fuel-dispenser", dt.date(2026, 6, 1), 12, "reported"),
        ("measuring-tape", dt.date(2022, 1, 1), None, "confirmed"),
    ],
)
def test_it_applies_the_cycle_in_force_on_the_verification_date(
    code: str, day: dt.date, cycle: int | None, confidence: str
) -> None:
    row = instrument_type_rule_on(code, day)
    assert row.cycle_months == cycle
    assert row.confidence == confidence
    assert row.version_label.startswith("metrology.instrumenttype@")


def test_it_knows_tt_03_2024_additions_only_from_their_start() -> None:
    assert (
        instrument_type_rule_on("ev-charger-meter-ac-car", dt.date(2025, 1, 1)).cycle_months == 36
    )
    with pytest.raises(ValidationError):
        instrument_type_rule_on("ev-charger-meter-ac-car", dt.date(2024, 10, 14))
    # Issue 11: the GNSS row's removal by TT 04/2026 is not confirmed; it stays in force flagged.
    assert instrument_type_rule_on("gnss-receiver", dt.date(2026, 5, 1)).removal_unconfirmed


# --- designations, verifiers, standards, markets ------------------------------------------------


def test_it_designates_for_five_years_and_revokes_the_verifiers_with_it(officer: Any) -> None:
    lab = OrganisationFactory(kind=OrganisationKind.VERIFICATION_ORG)
    designation = services.designation_create(
        by=officer,
        organisation=lab,
        decision_number="123/QĐ-UBTCĐLCL",
        decision_date=dt.date(2024, 2, 29),
        valid_from=dt.date(2024, 2, 29),
        type_codes=["fuel-dispenser", "taximeter"],
        provinces=[Province.objects.get(pk=PROVINCE_A)],
    )
    assert designation.valid_to == dt.date(2029, 2, 27)
    verifier = services.verifier_create(
        by=officer,
        organisation=lab,
        designation=designation,
        full_name="Phạm Văn Đo",
        card_number="KĐV-0001",
        valid_from=dt.date(2024, 3, 1),
        type_codes=["fuel-dispenser"],
    )
    assert verifier.valid_to == designation.valid_to
    with pytest.raises(ValidationError):
        services.designation_revoke(designation=designation, by=officer, reason="  ")
    services.designation_revoke(designation=designation, by=officer, reason="Vi phạm Điều 17")
    designation.refresh_from_db()
    verifier.refresh_from_db()
    assert designation.status == DesignationStatus.REVOKED
    assert verifier.status == VerifierStatus.REVOKED
    with pytest.raises(ValidationError):
        services.designation_create(
            by=officer,
            organisation=lab,
            decision_number="124/QĐ",
            decision_date=dt.date(2024, 1, 1),
            valid_from=dt.date(2024, 1, 1),
            valid_to=dt.date(2030, 1, 1),
            type_codes=["fuel-dispenser"],
        )


def test_it_refuses_a_verifier_outlasting_the_designation(officer: Any) -> None:
    designation = DesignationFactory(
        by=officer, decision_date=dt.date(2025, 1, 1), type_codes=["taximeter"]
    )
    with pytest.raises(ValidationError) as caught:
        services.verifier_create(
            by=officer,
            organisation=designation.organisation,
            designation=designation,
            full_name="Ngô Thị Chuẩn",
            card_number="KĐV-9",
            valid_from=dt.date(2025, 1, 1),
            valid_to=dt.date(2031, 1, 1),
            type_codes=["taximeter"],
        )
    assert "valid_to" in caught.value.message_dict


def test_it_shows_the_chain_up_to_the_national_standard(officer: Any) -> None:
    institute = OrganisationFactory(
        kind=OrganisationKind.TESTING_LAB, province_id="01", commune_id=None, name="Viện Đo lường"
    )
    lab = VerificationOrganisationFactory()
    admin = make_user(Role.SYSTEM_ADMIN)
    national = MeasurementStandardFactory(
        by=admin, level="national", name="Chuẩn quốc gia thể tích", holder=institute
    )
    main = MeasurementStandardFactory(
        by=officer, level="main", name="Bình chuẩn 100 L", holder=lab, parent=national
    )
    working = MeasurementStandardFactory(
        by=officer,
        name="Bình chuẩn 20 L",
        holder=lab,
        parent=main,
        certified_for_group2=True,
        group2_certificate_number="45/QĐ-CN",
    )
    StandardCalibrationFactory(
        standard=working,
        by=officer,
        laboratory=institute,
        laboratory_name="",
        certificate_number="HC-2026-001",
        calibrated_on=dt.date(2026, 1, 10),
    )
    assert [s.pk for s in standard_chain(working)] == [working.pk, main.pk, national.pk]
    with pytest.raises(ValidationError):
        services.standard_update(standard=national, by=admin, level="main", parent=working)
    page = client_for(officer).get(reverse("metrology:standard_detail", args=[working.pk]))
    body = page.content.decode()
    assert page.status_code == 200
    assert "Chuẩn quốc gia thể tích" in body and "HC-2026-001" in body
    assert MeasurementStandard.objects.get(pk=national.pk).level == "national"


def test_it_records_markets_reference_weights_and_checks() -> None:
    commune_officer = make_user(Role.COMMUNE_OFFICER, commune_id=COMMUNE_A)
    board = OrganisationFactory(kind=OrganisationKind.MARKET_BOARD, name="BQL chợ Phước Lý")
    market = services.market_create(
        by=commune_officer,
        name="Chợ Phước Lý",
        commune=Commune.objects.get(pk=COMMUNE_A),
        management_board=board,
    )
    assert market.province_id == PROVINCE_A
    services.reference_weight_add(
        market=market, by=commune_officer, kind="scale", nominal_value=60, unit="kg"
    )
    services.market_check_record(
        market=market,
        by=commune_officer,
        checked_on=dt.date(2026, 6, 1),
        scales_checked=12,
        scales_failed=2,
        result="non_compliant",
        findings="2 cân sai số vượt quá giới hạn",
    )
    with pytest.raises(ValidationError):
        services.market_check_record(
            market=market,
            by=commune_officer,
            checked_on=dt.date(2026, 6, 2),
            scales_checked=1,
            scales_failed=3,
        )
    with pytest.raises(ValidationError):  # another commune is not theirs
        services.market_create(
            by=commune_officer, name="Chợ Cần Giuộc", commune=Commune.objects.get(pk=COMMUNE_A2)
        )
    page = client_for(commune_officer).get(market.get_absolute_url())
    assert "2 cân sai số" in page.content.decode()


# --- screens ----------------------------------------------------------------------------------


def test_it_lists_instruments_with_filters_in_a_fixed_number_of_queries(
    officer: Any, retailer: Any, django_assert_max_num_queries: Any
) -> None:
    for n in range(25):
        InstrumentFactory(
            by=officer, owner=retailer if n % 2 else OrganisationFactory(), serial_number=f"Q-{n}"
        )
    client = client_for(officer)
    with django_assert_max_num_queries(15):
        response = client.get(
            reverse("metrology:instrument_list"), {"owner_tax_code": retailer.tax_code}
        )
    assert response.status_code == 200
    assert response.content.decode().count("/metrology/instruments/") >= 12


def test_it_registers_through_the_form_and_shows_the_duplicate_message(
    officer: Any, retailer: Any
) -> None:
    client = client_for(officer)
    data = {
        "owner": retailer.pk,
        "type_code": "fuel-dispenser",
        "manufacturer": "Tokheim",
        "serial_number": "TK-9",
        "type_approval_number": "PDM 031-2021",
        "province": PROVINCE_A,
        "commune": COMMUNE_A,
    }
    response = client.post(reverse("metrology:instrument_create"), data)
    assert response.status_code == 302, response.content.decode()[:3000]
    first = Instrument.objects.get(serial_number="TK-9")
    again = client.post(reverse("metrology:instrument_create"), data)
    assert again.status_code == 200
    assert f"#{first.pk}" in again.content.decode()
    detail = client.get(first.get_absolute_url())
    assert "Cột đo xăng dầu" in detail.content.decode()


# --- import -----------------------------------------------------------------------------------

HEADERS = [c.header for c in InstrumentImport.columns]


def _xlsx(rows: list[dict[str, Any]]) -> SimpleUploadedFile:
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(HEADERS)
    for values in rows:
        sheet.append([values.get(c.key, "") for c in InstrumentImport.columns])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return SimpleUploadedFile("cot-do.xlsx", buffer.getvalue())


def _row(owner: Any, serial: str, **extra: Any) -> dict[str, Any]:
    return {
        "owner_tax_code": owner.tax_code,
        "type_code": "fuel-dispenser",
        "manufacturer": "Tatsuno",
        "serial_number": serial,
        "accuracy_class": "0.5",
        "unit": "L",
        "commune": COMMUNE_A,
        **extra,
    }


def _upload(client: Any, upload: SimpleUploadedFile) -> JobProgress:
    response = client.post(reverse("metrology:instrument_import"), {"file": upload})
    assert response.status_code == 302, response.content.decode()[:2000]
    return JobProgress.objects.get(pk=response["Location"].rstrip("/").rsplit("/", 1)[-1])


def _commit(client: Any, job: JobProgress) -> Any:
    return client.post(reverse("core:import_report", args=[job.pk]))


def test_it_imports_a_retailers_dispensers(officer: Any, retailer: Any) -> None:
    client = client_for(officer)
    job = _upload(client, _xlsx([_row(retailer, f"D-{n}") for n in range(1, 6)]))
    report = load_report(job)
    assert report.ok, report
    _commit(client, job)
    assert Instrument.objects.filter(owner=retailer).count() == 5
    assert (
        AuditEvent.objects.filter(
            action=AuditAction.IMPORTED, content_type=ContentType.objects.get_for_model(Instrument)
        ).count()
        == 5
    )


def test_it_rejects_a_bad_file_with_every_error_and_writes_nothing(
    officer: Any, retailer: Any
) -> None:
    existing = InstrumentFactory(by=officer, owner=retailer, serial_number="D-1")
    outsider = OrganisationFactory(province_id=PROVINCE_B, commune_id=COMMUNE_B)
    client = client_for(officer)
    job = _upload(
        client,
        _xlsx(
            [
                _row(retailer, "D-1"),  # already registered
                _row(retailer, "D-2"),
                _row(retailer, "D-2"),  # twice in the file
                _row(retailer, "D-3", type_code="flux-capacitor"),
                _row(outsider, "D-4"),  # owner outside the province
                _row(retailer, "D-5", commune=COMMUNE_B),  # place outside the province
                _row(retailer, "D-6", max_capacity="abc"),
            ]
        ),
    )
    report = load_report(job)
    assert not report.ok
    messages = " ".join(e.message for e in report.errors)
    assert f"#{existing.pk}" in messages
    assert "row 3" in messages
    assert "flux-capacitor" in messages
    assert "outside your jurisdiction" in messages
    assert "outside your province" in messages
    assert report.rejected_rows == 6
    _commit(client, job)
    assert Instrument.objects.count() == 1


# --- API --------------------------------------------------------------------------------------


def test_it_creates_and_filters_instruments_through_the_api(officer: Any, retailer: Any) -> None:
    api = api_client_for(officer)
    payload = {
        "owner": retailer.pk,
        "type_code": "cold-water-meter-mechanical",
        "manufacturer": "Itron",
        "serial_number": "W-100",
        "commune": COMMUNE_A,
        "accuracy_class": "2",
        "unit": "m³",
    }
    created = api.post("/api/v1/metrology/instruments/", payload, format="json")
    assert created.status_code == 201, created.json()
    body = created.json()
    assert body["province"] == PROVINCE_A and body["owner_tax_code"] == retailer.tax_code
    duplicate = api.post("/api/v1/metrology/instruments/", payload, format="json")
    assert duplicate.status_code == 400
    error = duplicate.json()["error"]
    assert f"#{body['id']}" in " ".join(error["fields"]["serial_number"])
    listed = api.get(
        "/api/v1/metrology/instruments/", {"type_code": "cold-water-meter-mechanical"}
    ).json()
    assert [row["id"] for row in listed["results"]] == [body["id"]]
    patched = api.patch(
        f"/api/v1/metrology/instruments/{body['id']}/",
        {"model_name": "Multimag", "version": body["version"]},
        format="json",
    )
    assert patched.status_code == 200 and patched.json()["model_name"] == "Multimag"
    stale = api.patch(
        f"/api/v1/metrology/instruments/{body['id']}/",
        {"model_name": "Other", "version": body["version"]},
        format="json",
    )
    assert stale.status_code == 409  # someone saved it since: a conflict, not a bad request
    assert stale.json()["error"]["code"] == "conflict"


def test_it_lists_designations_verifiers_standards_and_markets_through_the_api(
    officer: Any,
) -> None:
    DesignationFactory(by=officer, type_codes=["taximeter"])
    api = api_client_for(officer)
    rows = api.get("/api/v1/metrology/designations/", {"type_code": "taximeter"}).json()
    assert rows["results"][0]["type_codes"] == ["taximeter"]
    assert api.get("/api/v1/metrology/designations/", {"type_code": "x"}).json()["results"] == []
    for path in ("verifiers", "standards", "markets"):
        assert api.get(f"/api/v1/metrology/{path}/").status_code == 200
    business = make_user(Role.BUSINESS_USER, organisation=OrganisationFactory())
    assert api_client_for(business).get("/api/v1/metrology/standards/").status_code == 403
