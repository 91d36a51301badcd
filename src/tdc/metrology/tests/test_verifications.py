"""Recording verifications: every refusal rule, MPE verdicts, valid-until from the cycle in force,
sticker consumption, gap-free certificate numbers (also under concurrency), screens and API."""

from __future__ import annotations

import datetime as dt
import threading
from decimal import Decimal
from typing import Any

import pytest
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import connection
from django.urls import reverse
from django.utils.translation import override

from tdc.core.models import AuditAction, AuditEvent
from tdc.core.roles import Role
from tdc.metrology import services
from tdc.metrology.models import Certificate, StampUse, Verification, VerificationPoint
from tdc.metrology.tests.factories import (
    GOOD_POINTS,
    Lab,
    LabFactory,
    ScaleFactory,
    VerificationFactory,
)
from tdc.testing.factories import PROVINCE_B, OrganisationFactory, make_user
from tdc.testing.fixtures import api_client_for, client_for

D = Decimal
pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english() -> Any:
    with override("en"):
        yield


def _en(client: Any) -> Any:
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


@pytest.fixture
def lab() -> Lab:
    return LabFactory()


def _refused(lab: Lab, instrument: Any, field: str, **overrides: Any) -> str:
    before = Verification.objects.count(), Certificate.objects.count(), StampUse.objects.count()
    with pytest.raises(ValidationError) as caught:
        VerificationFactory(lab=lab, instrument=instrument, **overrides)
    after = Verification.objects.count(), Certificate.objects.count(), StampUse.objects.count()
    assert after == before, "nothing is written when a verification is refused"
    assert field in caught.value.message_dict, caught.value.message_dict
    return " ".join(caught.value.message_dict[field])


# --- the happy path ---------------------------------------------------------------------------


def test_it_records_a_passed_verification_with_certificate_points_and_sticker(lab: Lab) -> None:
    scale = ScaleFactory(lab=lab)
    verification = VerificationFactory(lab=lab, instrument=scale)
    assert verification.result == "passed"
    assert verification.certificate_number == f"000001/2026/GCNKĐ-{lab.organisation.tax_code}"
    assert verification.valid_until == dt.date(2027, 5, 3)  # 12 months, last day of the cycle
    assert verification.rules_version.startswith("metrology.instrumenttype@")
    assert "oiml-r76:2006/t6" in verification.rules_version
    points = list(VerificationPoint.objects.filter(verification=verification).order_by("position"))
    # Class III, e = 0.01 kg, initial: 1 kg = 100 e → 0.5 e; 10 kg = 1000 e → 1 e; 30 kg → 1.5 e.
    assert [p.mpe for p in points] == [D("0.005"), D("0.01"), D("0.015")]
    assert [p.error for p in points] == [D("0.005"), D("0.01"), D("-0.01")]
    assert all(p.passed for p in points)
    use = verification.standard_uses.get()
    assert use.calibration == lab.calibration
    certificate = verification.certificate
    assert certificate.serial_number == "CB-0001"
    assert certificate.stamp_serial == "TN0000001"
    assert certificate.valid_until == verification.valid_until
    assert certificate.method == ""
    assert StampUse.objects.get(serial="TN0000001").verification == verification
    scale.refresh_from_db()
    assert scale.next_due_date == dt.date(2027, 5, 3)
    # The verification's own event (an instrument or a certificate may share its id).
    assert AuditEvent.objects.filter(
        action=AuditAction.CREATED,
        content_type__model="verification",
        object_id=str(verification.pk),
        details__certificate=verification.certificate_number,
    ).exists()


def test_it_fails_an_instrument_whose_point_exceeds_the_mpe_and_issues_no_certificate(
    lab: Lab,
) -> None:
    scale = ScaleFactory(lab=lab)
    points = [*GOOD_POINTS, services.PointInput(reference=D("10"), indication=D("10.02"))]
    verification = VerificationFactory(lab=lab, instrument=scale, points=points)
    assert verification.result == "failed"
    assert "4" in verification.failure_reason
    assert verification.certificate_number is None and verification.valid_until is None
    assert not Certificate.objects.exists()
    assert not StampUse.objects.exists()  # no sticker on a failed instrument
    assert [p.passed for p in verification.points.order_by("position")] == [
        True,
        True,
        True,
        False,
    ]
    scale.refresh_from_db()
    assert scale.next_due_date == verification.verified_on


# 500 e on the factory's class III scale (e = 0.01 kg): initial MPE 0.5 e, in-service 1 e.
_AT_500E_OFF_BY_08E = [services.PointInput(reference=D("5"), indication=D("5.008"))]


@pytest.mark.parametrize("kind", ["periodic", "after_repair", "initial"])
def test_a_class_iii_scale_off_by_08e_at_500e_fails_every_verification_kind(
    lab: Lab, kind: str
) -> None:
    # Issue 11: periodic verification is judged with the initial limits under the default data
    # (the in-service MPE, 2 × initial, would have passed it).
    scale = ScaleFactory(lab=lab)
    verification = VerificationFactory(
        lab=lab, instrument=scale, kind=kind, points=_AT_500E_OFF_BY_08E
    )
    assert verification.result == "failed"
    assert verification.mpe_stage == "initial"
    assert "metrology.verificationlimit@" in verification.rules_version
    if kind != "initial":
        assert "UNCONFIRMED" in verification.mpe_basis
    assert not Certificate.objects.exists()


def test_the_limit_of_a_kind_follows_the_reference_row_in_force(lab: Lab, admin_user: Any) -> None:
    from tdc.core.refdata import reference_row_supersede
    from tdc.metrology.models import VerificationLimit

    row = VerificationLimit.objects.get(scheme="nawi", type_code="", verification_kind="periodic")
    reference_row_supersede(
        row=row,
        by=admin_user,
        effective_from=dt.date(2026, 5, 1),
        reason="test: a procedure that allows the in-service MPE",
        stage="in_service",
        confidence="confirmed",
        legal_basis="ĐLVN test procedure",
    )
    scale = ScaleFactory(lab=lab)
    before = VerificationFactory(
        lab=lab,
        instrument=scale,
        kind="periodic",
        verified_on=dt.date(2026, 4, 30),
        points=_AT_500E_OFF_BY_08E,
    )
    after = VerificationFactory(
        lab=lab,
        instrument=scale,
        kind="periodic",
        verified_on=dt.date(2026, 5, 4),
        points=_AT_500E_OFF_BY_08E,
        stamp_serial="TN0000002",
    )
    assert (before.result, before.mpe_stage) == ("failed", "initial")
    assert (after.result, after.mpe_stage) == ("passed", "in_service")
    assert "ĐLVN test procedure" in after.mpe_basis and "UNCONFIRMED" not in after.mpe_basis


def test_a_type_row_wins_over_the_scheme_row_and_no_row_means_initial() -> None:
    from tdc.metrology.models import VerificationLimit
    from tdc.metrology.selectors import verification_limit_on

    day = dt.date(2026, 6, 1)
    assert verification_limit_on("nawi", "in_use_inspection", day).stage == "in_service"
    VerificationLimit.objects.create(
        scheme="nawi",
        type_code="crane-scale",
        verification_kind="periodic",
        stage="in_service",
        effective_from=dt.date(2020, 1, 1),
        confidence="confirmed",
    )
    assert verification_limit_on("nawi", "periodic", day, "crane-scale").stage == "in_service"
    assert verification_limit_on("nawi", "periodic", day, "platform-scale").stage == "initial"
    VerificationLimit.objects.filter(scheme="water_meter").delete()
    fallback = verification_limit_on("water_meter", "periodic", day)
    assert (fallback.stage, fallback.row, fallback.unconfirmed) == ("initial", None, True)


@pytest.mark.parametrize(
    ("code", "day", "valid_until"),
    [
        # crane scale: 12 months under TT 07/2019, 24 months from TT 04/2026 (15/04/2026).
        ("crane-scale", dt.date(2026, 4, 14), dt.date(2027, 4, 13)),
        ("crane-scale", dt.date(2026, 4, 15), dt.date(2028, 4, 14)),
        ("platform-counter-scale", dt.date(2025, 2, 28), dt.date(2026, 2, 27)),
        ("platform-counter-scale", dt.date(2024, 2, 29), dt.date(2025, 2, 27)),
    ],
)
def test_it_takes_valid_until_from_the_cycle_in_force_on_the_verification_date(
    lab: Lab, code: str, day: dt.date, valid_until: dt.date
) -> None:
    scale = ScaleFactory(lab=lab, type_code=code)
    verification = VerificationFactory(lab=lab, instrument=scale, verified_on=day)
    assert verification.valid_until == valid_until
    row = "2026-04-15" if day >= dt.date(2026, 4, 15) else "2020-01-01"
    # The Group 2 list row applied is the one in force on the verification date.
    assert verification.rules_version.startswith(f"metrology.instrumenttype@{row}#")


# --- refusals ---------------------------------------------------------------------------------


def test_it_refuses_a_verifier_not_certified_for_the_type(lab: Lab) -> None:
    services.verifier_update(verifier=lab.verifier, by=lab.officer, type_codes=["fuel-dispenser"])
    message = _refused(lab, ScaleFactory(lab=lab), "verifier")
    assert "not certified for this instrument type" in message


def test_it_refuses_a_suspended_or_expired_verifier(lab: Lab) -> None:
    scale = ScaleFactory(lab=lab)
    assert "2022" in _refused(lab, scale, "verifier", verified_on=dt.date(2022, 5, 1))
    services.verifier_suspend(verifier=lab.verifier, by=lab.officer, reason="Thẻ hết hạn")
    assert "Thẻ hết hạn" in _refused(lab, scale, "verifier")


def test_it_refuses_an_organisation_not_designated_for_the_type_or_province(lab: Lab) -> None:
    water = ScaleFactory(
        lab=lab,
        serial_number="WM-1",
        type_code="taximeter",
        accuracy_class="",
        verification_interval=None,
        max_capacity=None,
        min_capacity=None,
        unit="km",
    )
    assert "no designation" in _refused(lab, water, "organisation")
    far = ScaleFactory(
        lab=lab,
        serial_number="CB-FAR",
        by=make_user(Role.SYSTEM_ADMIN),
        owner=OrganisationFactory(province_id=PROVINCE_B, commune_id=None),
    )
    assert far.province_id == PROVINCE_B and far.commune_id is None
    assert "does not cover" in _refused(lab, far, "organisation")


def test_it_refuses_a_suspended_or_revoked_designation(lab: Lab) -> None:
    scale = ScaleFactory(lab=lab)
    services.designation_suspend(designation=lab.designation, by=lab.officer, reason="Vi phạm")
    assert "Vi phạm" in _refused(lab, scale, "organisation")


def test_it_refuses_a_standard_whose_calibration_had_expired(lab: Lab) -> None:
    scale = ScaleFactory(lab=lab)
    lab.calibration.valid_until = dt.date(2026, 1, 31)
    lab.calibration.save()
    message = _refused(lab, scale, "standards")
    assert "V01.123/2020" in message and "31/01/2026" in message


def test_it_refuses_a_type_approval_required_instrument_without_approval(lab: Lab) -> None:
    scale = ScaleFactory(lab=lab, type_approval_number="")
    assert "type approval" in _refused(lab, scale, "instrument")
    expired = ScaleFactory(
        lab=lab, serial_number="CB-OLD", type_approval_valid_to=dt.date(2025, 12, 31)
    )
    assert "not valid on" in _refused(lab, expired, "instrument")


def test_it_refuses_impossible_readings_unknown_classes_and_unit_mismatches(lab: Lab) -> None:
    scale = ScaleFactory(lab=lab)
    impossible = [services.PointInput(reference=D("10"), indication=D("900"))]
    _refused(lab, scale, "points.0.indication", points=impossible)
    odd_class = ScaleFactory(lab=lab, serial_number="CB-X", accuracy_class="VII")
    assert "VII" in _refused(lab, odd_class, "instrument")
    litres = ScaleFactory(lab=lab, serial_number="CB-L", unit="L")
    _refused(lab, litres, "instrument")


def test_it_refuses_a_sticker_serial_used_twice_or_outside_the_stock(lab: Lab) -> None:
    VerificationFactory(lab=lab)
    message = _refused(lab, ScaleFactory(lab=lab, serial_number="CB-2"), "stamp_serial")
    assert "cannot be used twice" in message
    assert "not in any batch" in _refused(
        lab, ScaleFactory(lab=lab, serial_number="CB-3"), "stamp_serial", stamp_serial="TN0009999"
    )


def test_it_refuses_staff_of_another_organisation(lab: Lab) -> None:
    other = LabFactory(organisation__name="Trung tâm khác", batch__prefix="TK")
    assert "your own organisation" in _refused(
        lab, ScaleFactory(lab=lab), "organisation", by=other.staff
    )


def test_it_refuses_a_future_date_and_a_kind_the_type_does_not_have(lab: Lab) -> None:
    scale = ScaleFactory(lab=lab)
    _refused(lab, scale, "verified_on", verified_on=dt.date(2099, 1, 1))
    assert "not a control measure" in _refused(lab, scale, "kind", kind="cross_check")


# --- concurrency (PostgreSQL: real row locks) --------------------------------------------------


@pytest.mark.django_db(transaction=True)
def test_it_never_gives_two_concurrent_verifications_the_same_number() -> None:
    if connection.vendor != "postgresql":
        pytest.skip("row-lock concurrency needs PostgreSQL (SQLite serialises writers)")
    lab = LabFactory()
    scales = [ScaleFactory(lab=lab, serial_number=f"CC-{i}") for i in range(4)]
    numbers: list[str] = []
    errors: list[BaseException] = []
    barrier = threading.Barrier(len(scales))

    def run(scale: Any, index: int) -> None:
        try:
            barrier.wait()
            v = VerificationFactory(lab=lab, instrument=scale, stamp_serial=f"TN{index + 1:07d}")
            numbers.append(v.certificate_number or "")
        except BaseException as exc:  # noqa: BLE001 - reported below
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(s, i)) for i, s in enumerate(scales)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors, errors
    assert sorted(n.split("/")[0] for n in numbers) == ["000001", "000002", "000003", "000004"]


# --- screens and API --------------------------------------------------------------------------


def test_it_records_a_verification_through_the_form_with_live_feedback(lab: Lab) -> None:
    scale = ScaleFactory(lab=lab)
    client = _en(client_for(lab.staff))
    found = client.get(
        reverse("metrology:verification_instrument_search"),
        {"type_code": scale.type_code, "serial": "CB-00"},
    )
    assert f'value="{scale.pk}"' in found.content.decode()
    data = {
        "instrument": scale.pk,
        "kind": "initial",
        "verified_on": "2026-05-04",
        "organisation": lab.organisation.pk,
        "verifier": lab.verifier.pk,
        "standards": [lab.standard.pk],
        "place": "on_site",
        "stamp_serial": "tn0000001",
        "points-0-reference": "10",
        "points-0-indication": "10,01",
        "points-1-reference": "30",
        "points-1-indication": "30.02",
    }
    preview = client.post(reverse("metrology:verification_preview"), data)
    body = preview.content.decode()
    assert "± 0.01" in body and "± 0.015" in body and "Fail" in body
    assert not Verification.objects.exists()  # the preview stores nothing
    data["points-1-indication"] = "30.01"
    page = client.post(reverse("metrology:verification_create"), data)
    verification = Verification.objects.get()
    assert page.status_code == 302 and page["Location"] == verification.get_absolute_url()
    detail = client.get(page["Location"]).content.decode()
    assert verification.certificate_number in detail and "± 0.015" in detail


def test_the_preview_the_verification_and_the_certificate_say_which_limit_applied(
    lab: Lab,
) -> None:
    scale = ScaleFactory(lab=lab)
    client = _en(client_for(lab.staff))
    data = {
        "instrument": scale.pk,
        "kind": "periodic",
        "verified_on": "2026-05-04",
        "organisation": lab.organisation.pk,
        "verifier": lab.verifier.pk,
        "standards": [lab.standard.pk],
        "place": "on_site",
        "stamp_serial": "TN0000001",
        "points-0-reference": "5",
        "points-0-indication": "5.004",
    }
    preview = client.post(reverse("metrology:verification_preview"), data).content.decode()
    assert 'data-testid="limit-applied"' in preview
    assert "Limit applied: initial-verification MPE" in preview and "UNCONFIRMED" in preview
    client.post(reverse("metrology:verification_create"), data)
    verification = Verification.objects.get()
    assert verification.mpe_stage == "initial"
    detail = client.get(verification.get_absolute_url()).content.decode()
    assert "Initial-verification MPE" in detail and "UNCONFIRMED" in detail
    certificate = Certificate.objects.get()
    page = client.get(certificate.get_absolute_url()).content.decode()
    assert 'data-testid="limit-applied"' in page and verification.mpe_basis in page


def test_it_shows_refusals_on_the_form_by_field(lab: Lab) -> None:
    scale = ScaleFactory(lab=lab, type_approval_number="")
    client = _en(client_for(lab.staff))
    page = client.post(
        reverse("metrology:verification_create"),
        {
            "instrument": scale.pk,
            "kind": "initial",
            "verified_on": "2026-05-04",
            "organisation": lab.organisation.pk,
            "verifier": lab.verifier.pk,
            "place": "on_site",
            "points-0-reference": "10",
            "points-0-indication": "10",
        },
    )
    assert "enter the decision number in the register" in page.content.decode()


def test_it_records_through_the_api_and_refuses_with_field_errors(lab: Lab) -> None:
    scale = ScaleFactory(lab=lab)
    api = _en(api_client_for(lab.staff))
    payload = {
        "instrument": scale.pk,
        "kind": "initial",
        "verified_on": "2026-05-04",
        "verifier": lab.verifier.pk,
        "standards": [lab.standard.pk],
        "stamp_serial": "TN0000001",
        "points": [{"reference": "10", "indication": "10.01"}],
    }
    created = api.post("/api/v1/metrology/verifications/", payload, format="json")
    assert created.status_code == 201, created.json()
    body = created.json()
    assert body["result"] == "passed" and body["valid_until"] == "2027-05-03"
    assert body["points"][0]["mpe"].rstrip("0") == "0.01"
    assert body["certificate_code"]
    again = api.post("/api/v1/metrology/verifications/", payload, format="json")
    assert again.status_code == 400
    assert "stamp_serial" in again.json()["error"]["fields"]
    listed = api.get("/api/v1/metrology/verifications/").json()
    assert [row["id"] for row in listed["results"]] == [body["id"]]
    outsider = api_client_for(
        LabFactory(organisation__name="Trung tâm B", batch__prefix="TB").staff
    )
    assert outsider.get(f"/api/v1/metrology/verifications/{body['id']}/").status_code == 404


def test_it_lists_verifications_in_a_fixed_number_of_queries(
    lab: Lab, django_assert_max_num_queries: Any
) -> None:
    for i in range(5):
        VerificationFactory(
            lab=lab,
            instrument__serial_number=f"Q-{i}",
            stamp_serial=f"TN{i + 1:07d}",
        )
    client = client_for(lab.officer)
    with django_assert_max_num_queries(15):
        page = client.get(reverse("metrology:verification_list"))
    assert page.status_code == 200
