"""Import inspection through the services, on the real working-day calendar and reference data:
registration under each regime, refusals that write nothing, the two procedures with their
deadlines and numbered notices, reduced and stepped-up inspection, exemptions, locking."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import translation

from tdc.core.exceptions import ConcurrentEditError
from tdc.core.models import AuditEvent
from tdc.quality import services
from tdc.quality.models import ImportNotice, ImportRegistration, ImportSurveillanceEvent
from tdc.quality.tests.factories import ConformityBodyFactory, leader, officer
from tdc.quality.tests.factories_imports import ImportRegistrationFactory, import_values
from tdc.testing.factories import COMMUNE_A, PROVINCE_A, OrganisationFactory, make_user

pytestmark = pytest.mark.django_db


def _importer():  # type: ignore[no-untyped-def]
    return OrganisationFactory(province_id=PROVINCE_A, commune_id=COMMUNE_A)


def _register(**changes):  # type: ignore[no-untyped-def]
    importer = changes.pop("importer", None) or _importer()
    body = changes.pop("certificate_body", None) or ConformityBodyFactory()
    return services.import_register(
        by=officer(), importer=importer, **import_values(certificate_body=body, **changes)
    )


def test_a_high_risk_lot_registered_from_1_july_2026_gets_its_regime_and_deadline() -> None:
    obj = _register()
    assert (obj.regime, obj.risk_class, obj.status) == ("risk_based", "high", "registered")
    assert obj.hs_code == "85166010"
    assert obj.confirm_due == dt.date(2026, 9, 11)
    assert obj.inspection_level == "normal"
    assert obj.number.endswith(f"ĐKNK-{PROVINCE_A}")
    assert any(v.startswith("quality.importperiod@2026-07-01") for v in obj.rule_versions)
    assert AuditEvent.objects.filter(object_id=str(obj.pk), action="created").exists()


@pytest.mark.vietnamese
def test_lot_data_contradicting_the_certificate_is_refused_in_vietnamese_and_nothing_written() -> (
    None
):
    with translation.override("vi"), pytest.raises(ValidationError) as caught:
        _register(certificate_model="KG20RC", certificate_quantity=Decimal("100"))
    errors = caught.value.message_dict
    assert "mâu thuẫn với giấy chứng nhận" in errors["model_type"][0]
    assert "lớn hơn số lượng được chứng nhận" in errors["quantity"][0]
    assert ImportRegistration.objects.count() == 0


def test_medium_risk_goods_are_refused_from_1_july_2026_but_not_under_group_2() -> None:
    with translation.override("vi"), pytest.raises(ValidationError) as caught:
        _register(
            hs_code="8539.52.90",
            product="Bóng đèn LED",
            qcvn="QCVN 19:2025/BKHCN",
            certificate_qcvn="QCVN 19:2025/BKHCN",
        )
    assert "rủi ro trung bình" in caught.value.message_dict["hs_code"][0]
    legacy = _register(
        registered_on=dt.date(2026, 3, 11),
        certificate_issued_on=dt.date(2026, 3, 2),
        certificate_valid_until=dt.date(2027, 3, 1),
    )
    assert (legacy.regime, legacy.risk_class) == ("group2", "")


def test_an_act_dated_on_a_day_off_is_refused_and_nothing_changes() -> None:
    obj = _register(registered_on=dt.date(2026, 8, 27), certificate_issued_on=dt.date(2026, 8, 20))
    with translation.override("vi"), pytest.raises(ValidationError) as caught:
        services.import_confirm(
            registration=obj, by=officer(), on=dt.date(2026, 9, 2), complete=True
        )
    assert "không phải là ngày làm việc" in caught.value.message_dict["on"][0]
    obj.refresh_from_db()
    assert (obj.status, obj.version) == ("registered", 1)
    assert not ImportNotice.objects.exists()


def test_risk_based_incomplete_dossier_has_7_working_days_then_the_missed_notice() -> None:
    obj = _register(registered_on=dt.date(2026, 8, 27), certificate_issued_on=dt.date(2026, 8, 20))
    obj = services.import_confirm(
        registration=obj,
        by=officer(),
        on=dt.date(2026, 8, 28),
        complete=False,
        missing_items="Ảnh nhãn chính, nhãn phụ",
    )
    assert obj.status == "incomplete"
    # 31/08, [1–2/09 Quốc khánh], 3, 4, 7, 8, 9, 10/09.
    assert obj.dossier_due == dt.date(2026, 9, 10)
    with pytest.raises(ValidationError):
        services.import_missed(registration=obj, by=leader(), on=dt.date(2026, 9, 10))
    obj = services.import_missed(registration=obj, by=leader(), on=dt.date(2026, 9, 11))
    assert obj.status == "not_completed"
    assert obj.missed_notice_due == dt.date(2026, 9, 11)
    kinds = list(obj.notices.values_list("kind", flat=True))
    assert kinds == ["confirmation", "not_completed"]
    notice = obj.notices.get(kind="not_completed")
    assert notice.data["registration"]["customs_declaration"] == "106001234560"
    assert notice.data["outcome"]["dossier_due"] == "2026-09-10"


def test_legacy_certificate_is_due_15_working_days_after_clearance_across_tet() -> None:
    obj = _register(
        registered_on=dt.date(2026, 2, 4),
        certificate_issued_on=dt.date(2026, 1, 20),
        certificate_valid_until=dt.date(2027, 1, 19),
    )
    assert obj.regime == "group2"
    obj = services.import_confirm(
        registration=obj, by=officer(), on=dt.date(2026, 2, 5), complete=False, missing_items="GCN"
    )
    assert obj.dossier_due is None  # not cleared yet
    obj = services.import_record_clearance(
        registration=obj, by=officer(), cleared_on=dt.date(2026, 2, 6), expected_version=2
    )
    # 9–13/02 (5), Tết 16–20/02, 23–27/02 (10), 2–6/03 (15).
    assert obj.dossier_due == dt.date(2026, 3, 6)
    # The legacy rows (in force on the registration date) produced the deadline.
    assert any(v.startswith("quality.importperiod@2018-11-09") for v in obj.rule_versions)


def test_label_fix_then_label_fail_notice_remediation_and_a_second_assessment() -> None:
    obj = _register()
    obj = services.import_confirm(registration=obj, by=officer(), on=RISK, complete=True)
    assert obj.result_due == dt.date(2026, 9, 14)
    obj = services.import_label_fix(
        registration=obj, by=officer(), on=RISK, reason="Thiếu nhãn phụ tiếng Việt"
    )
    assert obj.label_fix_due == dt.date(2026, 9, 18)
    obj = services.import_decide(
        registration=obj, by=leader(), on=dt.date(2026, 9, 21), passed=False, reason="Nhãn"
    )
    assert obj.status == "failed" and obj.first_passed is False
    assert obj.notices.filter(kind="label_fail").exists()
    obj = services.import_remediate(
        registration=obj, by=officer(), on=dt.date(2026, 9, 22), description="Dán nhãn phụ"
    )
    obj = services.import_reassess(registration=obj, by=officer(), on=dt.date(2026, 9, 23))
    obj = services.import_decide(
        registration=obj, by=leader(), on=dt.date(2026, 9, 24), passed=True
    )
    assert obj.status == "passed"
    assert obj.first_passed is False and obj.decided_on == dt.date(2026, 9, 21)


RISK = dt.date(2026, 9, 11)


def test_three_passing_lots_make_the_fourth_reduced_and_a_fail_steps_up() -> None:
    importer = _importer()
    body = ConformityBodyFactory()
    days = [dt.date(2026, 7, 6), dt.date(2026, 8, 3), dt.date(2026, 9, 7)]
    for day in days:
        ImportRegistrationFactory(
            importer=importer,
            certificate_body=body,
            registered_on=day,
            certificate_issued_on=dt.date(2026, 7, 1),
            decided=True,
        )
    fourth = _register(importer=importer, certificate_body=body, registered_on=RISK)
    assert fourth.inspection_level == "reduced"
    assert "reduced_until:2028-09-07" in fourth.level_reasons
    other = _register(
        importer=importer, certificate_body=body, model_type="KG22", certificate_model="KG22"
    )
    assert other.inspection_level == "normal"

    services.import_event_record(
        by=officer(), registration=fourth, kind="complaint", day=dt.date(2026, 9, 14)
    )
    assert ImportSurveillanceEvent.objects.count() == 1
    fifth = _register(importer=importer, certificate_body=body, registered_on=dt.date(2026, 9, 15))
    assert fifth.inspection_level == "normal"


def test_two_failing_lots_of_an_importer_step_the_next_one_up() -> None:
    importer = _importer()
    body = ConformityBodyFactory()
    for day in (dt.date(2026, 7, 6), dt.date(2026, 8, 3)):
        ImportRegistrationFactory(
            importer=importer,
            certificate_body=body,
            registered_on=day,
            certificate_issued_on=dt.date(2026, 7, 1),
            decided=True,
            passed=False,
        )
    nxt = _register(importer=importer, certificate_body=body)
    assert nxt.inspection_level == "stepped_up"
    assert nxt.level_reasons == ["repeated_violations"]


def test_exemption_is_refused_under_a_safety_warning_and_granted_otherwise() -> None:
    obj = _register()
    with translation.override("vi"), pytest.raises(ValidationError) as caught:
        services.import_exempt(
            registration=obj, by=leader(), on=RISK, ground="samples", safety_warning=True
        )
    assert "Không được miễn kiểm tra" in caught.value.message_dict["ground"][0]
    obj = services.import_exempt(registration=obj, by=leader(), on=RISK, ground="samples")
    assert (obj.status, obj.exemption_ground) == ("exempt", "samples")


def test_a_stale_version_is_refused_and_officers_cannot_decide() -> None:
    obj = _register()
    services.import_confirm(registration=obj, by=officer(), on=RISK, complete=True)
    with pytest.raises(ConcurrentEditError):
        services.import_decide(
            registration=obj, by=leader(), on=RISK, passed=True, expected_version=1
        )
    with pytest.raises(PermissionDenied):
        services.import_decide(registration=obj, by=officer(), on=RISK, passed=True)


def test_a_business_registers_only_its_own_lots() -> None:
    own = _importer()
    business = make_user("business_user", organisation=own, province_id=PROVINCE_A)
    body = ConformityBodyFactory()
    obj = services.import_register(
        by=business, importer=own, **import_values(certificate_body=body)
    )
    assert obj.created_by == business
    with pytest.raises(PermissionDenied):
        services.import_register(
            by=business, importer=_importer(), **import_values(certificate_body=body)
        )


def test_the_daily_run_issues_the_missed_deadline_notice_the_working_day_after() -> None:
    from io import StringIO

    from django.core.management import call_command

    obj = _register(registered_on=dt.date(2026, 8, 26), certificate_issued_on=dt.date(2026, 8, 20))
    # Asked on Thursday 27/08: 28, 31/08, [1–2/09], 3, 4, 7, 8, 9/09 → due Wednesday 09/09.
    obj = services.import_confirm(
        registration=obj, by=officer(), on=dt.date(2026, 8, 27), complete=False, missing_items="x"
    )
    assert obj.dossier_due == dt.date(2026, 9, 9)
    assert services.import_missed_sweep(today=dt.date(2026, 9, 9)) == 0  # still the last day
    assert services.import_missed_sweep(today=dt.date(2026, 9, 12)) == 0  # a Saturday
    out = StringIO()
    call_command("quality_import_missed_notices", "--day", "2026-09-10", stdout=out)
    assert "1 missed-deadline notice" in out.getvalue()
    obj.refresh_from_db()
    assert obj.status == "not_completed" and obj.missed_notice_due == dt.date(2026, 9, 10)
    notice = obj.notices.get(kind="not_completed")
    assert notice.issued_on == dt.date(2026, 9, 10) and notice.created_by is None
    assert services.import_missed_sweep(today=dt.date(2026, 9, 11)) == 0  # once only


@pytest.mark.vietnamese
def test_the_detail_page_says_why_the_level_was_chosen() -> None:
    from django.urls import reverse

    from tdc.testing.fixtures import client_for

    importer = _importer()
    body = ConformityBodyFactory()
    for day in (dt.date(2026, 7, 6), dt.date(2026, 8, 3)):
        ImportRegistrationFactory(
            importer=importer,
            certificate_body=body,
            registered_on=day,
            certificate_issued_on=dt.date(2026, 7, 1),
            decided=True,
            passed=False,
        )
    nxt = _register(importer=importer, certificate_body=body)
    page = client_for(officer()).get(reverse("quality:import_detail", args=[nxt.pk]))
    assert "Người nhập khẩu có lô hàng nhiều lần không đạt." in page.content.decode()
