"""The demo province (``tdc seed_demo``): every module seeds its part, the data keeps the
services' rules, and the same seed and day give the same rows."""

from __future__ import annotations

import datetime as dt
import random
from collections import Counter
from typing import Any

import pytest
from django.apps import apps
from django.core.management import call_command
from django.db import models, transaction
from django.test import Client
from stdnum.vn import mst

from tdc.core.management.commands.seed_demo import seed_all
from tdc.core.modules import DemoContext, demo_seeders
from tdc.testing.fixtures import client_for

pytestmark = pytest.mark.django_db

TODAY = dt.date(2026, 11, 20)
#: Columns that differ between two runs by nature: when the row was written.
_CLOCK = {"created_at", "modified_at", "occurred_at", "date_joined", "last_login", "password"}
#: What each module's seeder must have written (model label → at least this many rows).
EXPECTED = {
    "registry.Organisation": 20,
    "metrology.Designation": 2,
    "metrology.Verifier": 2,
    "metrology.MeasurementStandard": 5,
    "metrology.StandardCalibration": 20,
    "metrology.Instrument": 300,
    "metrology.Verification": 300,
    "metrology.Certificate": 300,
    "metrology.StampUse": 300,
    "metrology.VerificationStandard": 300,
    "metrology.Market": 1,
    "metrology.ReferenceWeight": 4,
    "metrology.MarketCheck": 1,
    "complaints.Complaint": 12,
    "inspections.InspectionPlan": 1,
    "inspections.Campaign": 3,
    "inspections.Inspection": 6,
    "inspections.Violation": 3,
    "inspections.SanctionDecision": 3,
    "prepackages.QuantityInspection": 3,
    "prepackages.QuantityMeasurement": 20,
    "notifications.Notification": 1,
    "quality.SurveyPlan": 1,
    "quality.Sample": 10,
    "quality.LabResult": 14,
    "inspections.TargetReferral": 3,
    "quality.ComplianceCommitment": 3,
    "standards.Standard": 30,
    "standards.StandardEvent": 10,
}
#: Models whose rows two runs must give identically (complaints draw their tracking codes and
#: encrypt their reporters with the services' own secrets; inspections and quantity checks
#: draw document numbers and sample seeds the same way).
DETERMINISTIC = [
    "registry.Organisation",
    "metrology.Designation",
    "metrology.Verifier",
    "metrology.MeasurementStandard",
    "metrology.StandardCalibration",
    "metrology.Instrument",
    "metrology.Verification",
    "metrology.Certificate",
    "metrology.StampBatch",
    "metrology.StampUse",
    "metrology.VerificationStandard",
    "metrology.Market",
    "metrology.ReferenceWeight",
    "metrology.MarketCheck",
]


def _seed(seed: int = 2026) -> DemoContext:
    context = DemoContext(
        province_id="80",
        random=random.Random(seed),  # noqa: S311 - reproducible demo data
        scale="small",
        today=TODAY,
    )
    return seed_all(context)


def _rows() -> dict[str, list[tuple[Any, ...]]]:
    """Every row of every model the seeders fill, keys replaced by their rank in their table
    (so that two runs compare equal on PostgreSQL too, where sequences do not roll back)."""
    labels = [*DETERMINISTIC, "accounts.User"]
    ranks: dict[str, dict[Any, int]] = {}
    for label in labels:
        model = apps.get_model(label)
        ranks[label] = {
            pk: n
            for n, pk in enumerate(
                model._default_manager.order_by("pk").values_list("pk", flat=True)
            )
        }
    rows: dict[str, list[tuple[Any, ...]]] = {}
    for label in labels:
        model = apps.get_model(label)
        fields = [f for f in model._meta.concrete_fields if f.attname not in _CLOCK]
        table = []
        for values in model._default_manager.order_by("pk").values_list(
            *[f.attname for f in fields]
        ):
            row = []
            for f, value in zip(fields, values, strict=True):
                target = f.related_model._meta.label if isinstance(f, models.ForeignKey) else None
                if f.primary_key:
                    row.append(ranks[label][value])
                elif target in ranks and value is not None:
                    row.append(ranks[target][value])
                else:
                    row.append(value)
            table.append(tuple(row))
        rows[label] = table
    return rows


def test_every_module_registers_its_own_seeder_in_dependency_order() -> None:
    names = [s.name for s in demo_seeders()]
    assert names.index("accounts") < names.index("organisations")
    for later in ("metrology", "complaints", "inspections", "prepackages"):
        assert names.index("organisations") < names.index(later)


def test_the_small_demo_province_has_data_in_every_module_and_keeps_the_rules() -> None:
    from tdc.metrology.models import Certificate, Instrument, StampUse, Verification
    from tdc.registry.models import Organisation

    _seed()
    for label, least in EXPECTED.items():
        assert apps.get_model(label)._default_manager.count() >= least, label
    # The standards library: the sourced catalogue and the province's illustrative QCĐP under
    # review (its status computed from the review event).
    from tdc.standards.models import Standard

    local = Standard.objects.get(kind="QCĐP", province_id="80")
    assert local.status_on(TODAY) == "under_review" and "minh họa" in local.source
    # Every organisation's tax code is valid.
    codes = list(Organisation.objects.values_list("tax_code", flat=True))
    assert codes and all(code and mst.is_valid(code) for code in codes)
    # Organisations of every kind the authority deals with.
    assert set(Organisation.objects.values_list("kind", flat=True)) >= {
        "enterprise", "household", "state_agency", "verification_org", "testing_lab",
        "certification_body", "market_board",
    }  # fmt: skip
    # Passed verifications carry a certificate number, a validity and a sticker; failed ones
    # none of them.
    for v in Verification.objects.all():
        if v.result == "passed":
            assert v.certificate_number and v.valid_until and v.stamp_serial, v.pk
            assert v.valid_until > v.verified_on
        else:
            assert v.certificate_number is None and v.valid_until is None and v.failure_reason
        assert v.verified_on <= TODAY
    results = Counter(Verification.objects.values_list("result", flat=True))
    assert results["passed"] > results["failed"] > 0
    # One certificate per passed verification, same number and validity; one sticker each.
    assert Certificate.objects.count() == results["passed"] == StampUse.objects.count()
    for c in Certificate.objects.select_related("verification"):
        assert (c.number, c.valid_until) == (
            c.verification.certificate_number,
            c.verification.valid_until,
        )
    # Each instrument's due date is that of its latest verification (as the service keeps it).
    latest: dict[int, Verification] = {}
    for v in Verification.objects.order_by("verified_on", "id"):
        latest[v.instrument_id] = v
    for instrument in Instrument.objects.all():
        v = latest.get(instrument.pk)
        assert v is not None, instrument.pk
        expected = v.valid_until if v.result == "passed" else v.verified_on
        assert instrument.next_due_date == expected, instrument.pk
        assert instrument.latitude is not None and instrument.commune_id is not None
    # Complaints in every state, an approved plan with decisions and payments.
    from tdc.complaints.models import Complaint
    from tdc.inspections.models import InspectionPlan, SanctionDecision

    assert set(Complaint.objects.values_list("status", flat=True)) == {
        "received", "verified", "rejected", "in_progress", "resolved", "closed",
    }  # fmt: skip
    assert InspectionPlan.objects.get().status == "approved"
    assert SanctionDecision.objects.filter(payment_status="paid").exists()
    # A due/overdue mix.
    due = Counter(
        "overdue" if i.next_due_date < TODAY else "valid" for i in Instrument.objects.all()
    )
    assert due["overdue"] > 0 and due["valid"] > due["overdue"]
    # A survey with samples at every stage; each non-conforming one referred to inspections.
    from tdc.inspections.models import TargetReferral
    from tdc.quality.models import Sample

    verdicts = Counter(Sample.objects.values_list("verdict", flat=True))
    assert verdicts["non_conforming"] == 3 and verdicts["conforming"] == 4
    assert TargetReferral.objects.count() == verdicts["non_conforming"]
    assert Sample.objects.filter(warning__published_on__isnull=False).count() == 1


def test_the_validity_follows_the_group2_row_in_force_on_the_verification_day() -> None:
    from tdc.metrology.models import Verification
    from tdc.metrology.selectors import instrument_type_rule_on
    from tdc.metrology.services.verification import valid_until_for

    _seed()
    for v in Verification.objects.filter(result="passed").order_by("id")[:200]:
        rule = instrument_type_rule_on(v.type_code, v.verified_on)
        assert v.valid_until == valid_until_for(v.verified_on, rule.cycle_months)
        assert v.rules_version == rule.version_label


def test_certificate_numbers_continue_after_the_seeded_ones() -> None:
    """The next certificate the service numbers follows the seeded ones of its issuer."""
    from tdc.core.numbering import allocate_number
    from tdc.metrology.models import Verification

    _seed()
    last = Verification.objects.exclude(certificate_number=None).order_by("-verified_on").first()
    assert last is not None
    issuer = last.organisation.tax_code
    year = last.verified_on.year
    taken = set(
        Verification.objects.filter(organisation=last.organisation).values_list(
            "certificate_number", flat=True
        )
    )
    with transaction.atomic():
        assert (
            allocate_number(series="metrology-certificate", issuer=issuer, year=year) not in taken
        )


def test_two_runs_with_the_same_seed_give_identical_rows() -> None:
    class Rollback(Exception):
        pass

    snapshots = []
    for _ in range(2):
        try:
            with transaction.atomic():
                _seed(seed=11)
                snapshots.append(_rows())
                raise Rollback
        except Rollback:
            pass
    assert snapshots[0]["metrology.Instrument"]
    assert snapshots[0] == snapshots[1]


def test_a_seeded_certificate_answers_on_the_public_lookup() -> None:
    from tdc.metrology.models import Certificate

    _seed()
    certificate = Certificate.objects.filter(valid_until__gte=TODAY).order_by("id").first()
    assert certificate is not None
    response = Client().get(f"/tra-cuu/kiem-dinh/{certificate.public_code}/")
    assert response.status_code == 200
    assert certificate.number in response.content.decode()
    # Printable: its issuer's staff download the PDF (with the QR code of the public page).
    from tdc.accounts.models import User

    staff = User.objects.get(username="kiemdinh")
    mine = Certificate.objects.for_user(staff).filter(valid_until__gte=TODAY).order_by("id")[0]
    pdf = client_for(staff).get(f"/metrology/certificates/{mine.pk}/pdf/")
    assert pdf.status_code == 200
    assert pdf["Content-Type"] == "application/pdf"


def test_the_command_takes_a_scale_and_a_day() -> None:
    call_command("seed_demo", "--scale", "small", "--today", "2026-11-20", "--seed", "3")
    from tdc.metrology.models import Instrument

    assert Instrument.objects.filter(province_id="80").count() > 0


def test_the_demo_accounts_see_data_in_their_jurisdiction() -> None:
    from tdc.accounts.models import User
    from tdc.complaints.models import Complaint
    from tdc.metrology.models import Certificate, Instrument, Verification

    _seed()
    for username in ("lanhdao", "canbo", "canboxa", "thanhtra", "kiemdinh", "doanhnghiep"):
        user = User.objects.get(username=username)
        assert Instrument.objects.for_user(user).exists(), username
        assert Verification.objects.for_user(user).exists(), username
    assert Certificate.objects.for_user(User.objects.get(username="kiemdinh")).exists()
    for username in ("canbo", "canboxa"):
        assert Complaint.objects.for_user(User.objects.get(username=username)).exists(), username
    officer = User.objects.get(username="canboxa")
    client = client_for(officer)
    overdue = (
        Instrument.objects.for_user(officer).filter(next_due_date__lt=TODAY).order_by("id").first()
    )
    response = client.get("/metrology/due/")
    assert response.status_code == 200
    if overdue is not None:
        assert overdue.serial_number in response.content.decode()
