"""Reverse traceability: a standard found out of tolerance → every verification made with it
or with a standard calibrated against it during the window, across organisations, scoped;
one audited action flags the instruments and notifies the owners."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.urls import reverse

from tdc.core.models import AuditAction, AuditEvent
from tdc.core.roles import Role
from tdc.metrology import selectors, services
from tdc.metrology.choices import FindingStatus, StandardStatus
from tdc.metrology.models import Instrument
from tdc.metrology.tests.factories import (
    InstrumentFactory,
    MeasurementStandardFactory,
    PastVerificationFactory,
    StandardCalibrationFactory,
    VerificationOrganisationFactory,
    VerifierFactory,
)
from tdc.notifications.models import Notification
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

D = dt.date


def _verified(*rows: tuple[Any, Any, dt.date, Any]) -> list[Any]:
    """Verifications on record: (instrument, verifier, date, standard used) each."""
    return [
        PastVerificationFactory(instrument=i, verifier=v, verified_on=day, standards=[standard])
        for i, v, day, standard in rows
    ]


@pytest.fixture
def world() -> dict[str, Any]:
    """A national standard → a reference standard R of lab 1 → working standards of two labs,
    verifications before, inside and after the affected window, in two provinces."""
    institute = OrganisationFactory(
        kind=OrganisationKind.TESTING_LAB, province_id="01", commune_id=None, name="Viện Đo lường"
    )
    lab1 = VerificationOrganisationFactory(name="Trung tâm Kỹ thuật 1")
    lab2 = VerificationOrganisationFactory(name="Công ty Kiểm định 2")
    v1, v2 = VerifierFactory(organisation=lab1), VerifierFactory(organisation=lab2)
    national = MeasurementStandardFactory(
        holder=institute, level="national", name="Chuẩn quốc gia thể tích"
    )
    reference = MeasurementStandardFactory(
        holder=lab1, level="main", parent=national, name="Bình chuẩn 100 L"
    )
    StandardCalibrationFactory(standard=reference, calibrated_on=D(2024, 1, 5))
    last_good = StandardCalibrationFactory(standard=reference, calibrated_on=D(2025, 1, 10))
    found = StandardCalibrationFactory(
        standard=reference, calibrated_on=D(2026, 3, 1), result="out_of_tolerance"
    )
    # W1: calibrated against R before and inside R's window → suspect from 2025-06-01.
    w1 = MeasurementStandardFactory(holder=lab1, parent=reference, name="Bình chuẩn 20 L (W1)")
    StandardCalibrationFactory(standard=w1, calibrated_on=D(2024, 6, 1))
    StandardCalibrationFactory(standard=w1, calibrated_on=D(2025, 6, 1))
    # W2: last calibrated against R before R's last good calibration → not affected.
    w2 = MeasurementStandardFactory(holder=lab2, parent=reference, name="Bình chuẩn 20 L (W2)")
    StandardCalibrationFactory(standard=w2, calibrated_on=D(2024, 12, 1))
    # W3, another organisation's standard, calibrated against R inside the window.
    w3 = MeasurementStandardFactory(holder=lab2, parent=reference, name="Bình chuẩn 10 L (W3)")
    StandardCalibrationFactory(standard=w3, calibrated_on=D(2025, 4, 1))
    # W3b below W3 (third level), calibrated against W3 inside W3's window.
    w3b = MeasurementStandardFactory(holder=lab2, parent=w3, name="Ca đong 5 L (W3b)")
    StandardCalibrationFactory(standard=w3b, calibrated_on=D(2025, 11, 1))

    owner1 = OrganisationFactory(province_id=PROVINCE_A, commune_id=COMMUNE_A, name="Xăng dầu 1")
    owner2 = OrganisationFactory(province_id=PROVINCE_A, commune_id=COMMUNE_A2, name="Xăng dầu 2")
    owner3 = OrganisationFactory(province_id=PROVINCE_A, commune_id=COMMUNE_A, name="Không TK")
    owner_b = OrganisationFactory(province_id=PROVINCE_B, commune_id=COMMUNE_B, name="Cần Thơ")
    i1 = InstrumentFactory(owner=owner1)
    i2 = InstrumentFactory(owner=owner1)
    i3 = InstrumentFactory(owner=owner2)
    i4 = InstrumentFactory(owner=owner1)
    i5 = InstrumentFactory(owner=owner2)
    i6 = InstrumentFactory(owner=owner2)
    i7 = InstrumentFactory(owner=owner3)
    ib = InstrumentFactory(owner=owner_b)
    affected = _verified(
        (i1, v1, D(2025, 3, 1), reference),
        (i2, v1, D(2025, 7, 1), w1),
        (i3, v2, D(2025, 10, 1), w3),
        (i7, v2, D(2025, 12, 1), w3b),
    )
    unaffected = _verified(
        (i4, v1, D(2024, 12, 20), reference),
        (i5, v1, D(2025, 5, 1), w1),
        (i6, v2, D(2025, 8, 1), w2),
        (i3, v2, D(2025, 3, 15), w3b),  # before W3b's suspect calibration
    )
    (outside,) = _verified((ib, v1, D(2025, 8, 1), w1))
    officer = make_user(Role.PROVINCIAL_OFFICER, province_id=PROVINCE_A)
    users = {
        "owner1": make_user(Role.BUSINESS_USER, organisation=owner1, province_id=PROVINCE_A),
        "owner2": make_user(Role.BUSINESS_USER, organisation=owner2, province_id=PROVINCE_A),
    }
    return locals()


def _record(world: dict[str, Any]) -> Any:
    return services.finding_record(
        standard=world["reference"],
        by=world["officer"],
        found_on=D(2026, 3, 1),
        calibration=world["found"],
    )


def test_it_finds_every_affected_verification_down_the_chain(world: dict[str, Any]) -> None:
    finding = _record(world)
    assert finding.last_good_calibration == world["last_good"]  # chosen automatically
    got = set(
        selectors.affected_verifications(finding, user=world["officer"]).values_list(
            "pk", flat=True
        )
    )
    assert got == {v.pk for v in world["affected"]}
    assert finding.affected_count == len(world["affected"]) + 1  # plus the one in province B
    windows = {w.standard.pk: w for w in selectors.affected_windows(finding)}
    assert windows[world["w1"].pk].start == D(2025, 6, 1)
    assert world["w2"].pk not in windows
    assert windows[world["w3b"].pk].via == world["w3"]
    assert windows[world["w3b"].pk].depth == 2


def test_it_closes_the_window_at_the_next_good_calibration(world: dict[str, Any]) -> None:
    StandardCalibrationFactory(
        standard=world["reference"], calibrated_on=D(2026, 3, 20)
    )  # adjusted and found good again
    late = PastVerificationFactory(
        instrument=world["i4"],
        verifier=world["v1"],
        verified_on=D(2026, 4, 1),
        standards=[world["reference"]],
    )
    finding = _record(world)
    ids = set(
        selectors.affected_verifications(finding, user=world["officer"]).values_list(
            "pk", flat=True
        )
    )
    assert late.pk not in ids and world["affected"][0].pk in ids


def test_it_covers_every_organisation_and_counts_other_jurisdictions(
    world: dict[str, Any],
) -> None:
    finding = _record(world)
    impact = selectors.impact(finding, user=world["officer"])
    assert (impact.visible, impact.total, impact.outside) == (4, 5, 1)
    assert impact.organisations == 2 and impact.owners == 3


def test_it_shows_a_province_b_officer_nothing(world: dict[str, Any]) -> None:
    finding = _record(world)
    officer_b = make_user(Role.PROVINCIAL_OFFICER, province_id=PROVINCE_B)
    page = client_for(officer_b).get(reverse("metrology:finding_detail", args=[finding.pk]))
    assert page.status_code == 404
    api = api_client_for(officer_b)
    assert api.get(reverse("api:metrology-finding-list")).json()["results"] == []
    assert api.get(reverse("api:metrology-finding-affected", args=[finding.pk])).status_code == 404
    assert api.post(reverse("api:metrology-finding-act", args=[finding.pk])).status_code == 404
    assert not Instrument.objects.filter(needs_reverification=True).exists()


def test_it_flags_notifies_and_audits_in_one_action(world: dict[str, Any]) -> None:
    finding = _record(world)
    outcome = services.finding_act(finding=finding, by=world["officer"])
    flagged = {i.pk for i in outcome.flagged}
    expected = {world[k].pk for k in ("i1", "i2", "i3", "i7")}
    assert flagged == expected
    rows = Instrument.objects.filter(pk__in=expected)
    assert all(i.needs_reverification for i in rows)
    assert all(i.reverification_reason == "standard_oot" for i in rows)
    assert all(f"#{finding.pk}" in i.reverification_note for i in rows)
    assert not Instrument.objects.filter(
        pk__in=[world[k].pk for k in ("i4", "i5", "i6", "ib")], needs_reverification=True
    ).exists()
    events = AuditEvent.objects.filter(
        content_type=ContentType.objects.get_for_model(Instrument),
        action=AuditAction.UPDATED,
        details__finding=finding.pk,
    )
    assert sorted(int(e.object_id) for e in events) == sorted(expected)
    # One notification per owner with an account, listing its instruments.
    notes = Notification.objects.filter(event_type=services.REVERIFICATION_EVENT)
    assert {n.recipient_id for n in notes} == {
        world["users"]["owner1"].pk,
        world["users"]["owner2"].pk,
    }
    first = notes.get(recipient=world["users"]["owner1"])
    assert world["i1"].serial_number in first.body and world["i2"].serial_number in first.body
    assert outcome.owners_without_account == ["Không TK"]
    finding.refresh_from_db()
    assert finding.status == FindingStatus.ACTED and finding.acted_by == world["officer"]
    with pytest.raises(ValidationError):
        services.finding_act(finding=finding, by=world["officer"])


def test_it_takes_the_standard_out_of_service_and_refuses_bad_dates(
    world: dict[str, Any],
) -> None:
    finding = _record(world)
    world["reference"].refresh_from_db()
    assert world["reference"].status == StandardStatus.OUT_OF_SERVICE
    assert AuditEvent.objects.filter(
        action=AuditAction.CREATED, object_id=str(finding.pk), details__affected_verifications=5
    ).exists()
    with pytest.raises(ValidationError) as err:
        services.finding_record(
            standard=world["w1"],
            by=world["officer"],
            found_on=D(2026, 3, 1),
            last_good_calibration=world["last_good"],
        )
    assert "last_good_calibration" in err.value.message_dict


def test_it_shows_the_screen_with_chain_tree_and_export(world: dict[str, Any]) -> None:
    finding = _record(world)
    client = client_for(world["officer"])
    page = client.get(reverse("metrology:finding_detail", args=[finding.pk]))
    body = page.content.decode()
    assert page.status_code == 200
    assert "Chuẩn quốc gia thể tích" in body and "Ca đong 5 L (W3b)" in body
    assert "W2" not in body.split('data-testid="trace-tree"')[1].split("</ul>")[0]
    assert world["i7"].serial_number in body and 'data-testid="impact-outside"' in body
    csv = b"".join(
        client.get(
            reverse("metrology:finding_detail", args=[finding.pk]), {"_export": "csv"}
        ).streaming_content
    ).decode("utf-8-sig")
    assert len(csv.strip().splitlines()) == 1 + 4
    assert "Xăng dầu 2" in csv and "Bình chuẩn 10 L (W3)" in csv
    response = client.post(reverse("metrology:finding_act", args=[finding.pk]))
    assert response.status_code == 302
    assert Instrument.objects.filter(needs_reverification=True).count() == 4


def test_it_records_lists_and_acts_through_the_api(world: dict[str, Any]) -> None:
    api = api_client_for(world["officer"])
    created = api.post(
        reverse("api:metrology-finding-list"),
        {"standard": world["reference"].pk, "found_on": "2026-03-01"},
        format="json",
    )
    assert created.status_code == 201, created.content
    pk = created.json()["id"]
    affected = api.get(reverse("api:metrology-finding-affected", args=[pk])).json()
    assert affected["count"] == 4
    by_id = {row["id"]: row for row in affected["results"]}
    assert by_id[world["affected"][3].pk]["standards_used"] == [str(world["w3b"])]
    preview = api.get(reverse("api:metrology-finding-act", args=[pk])).json()
    assert preview["affected_outside_jurisdiction"] == 1 and preview["instruments"] == 4
    acted = api.post(reverse("api:metrology-finding-act", args=[pk]), {}, format="json")
    assert acted.status_code == 200 and acted.json()["instruments_flagged"] == 4
    again = api.post(reverse("api:metrology-finding-act", args=[pk]), {}, format="json")
    assert again.status_code == 400 and again.json()["error"]["message"]
    staff = make_user(Role.VERIFICATION_STAFF, organisation=world["lab1"], province_id=PROVINCE_A)
    assert (
        api_client_for(staff).post(reverse("api:metrology-finding-act", args=[pk])).status_code
        == 404
    )
