"""Filing, checking and answering conformity declarations: the basis the class requires, the
body's scope and validity on the declaration date, the lab report's age, the receipt notice."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import translation

from tdc.core.audit import timeline_for
from tdc.core.models import AuditEvent
from tdc.quality import services
from tdc.quality.models import Declaration
from tdc.quality.tests.factories import (
    LEGACY_DAY,
    RISK_DAY,
    ConformityBodyFactory,
    DeclarationFactory,
    LabFactory,
    declaration_values,
    leader,
    officer,
)
from tdc.testing.factories import COMMUNE_A, PROVINCE_A, OrganisationFactory, make_user

if TYPE_CHECKING:
    from tdc.accounts.models import User

pytestmark = pytest.mark.django_db


@pytest.fixture
def org() -> Any:
    return OrganisationFactory(province_id=PROVINCE_A, commune_id=COMMUNE_A)


def _file(org: Any, by: User | None = None, **overrides: Any) -> Declaration:
    return services.declaration_file(
        by=by or officer(),
        declarant=org,
        received_on=overrides.get("declared_on", RISK_DAY),
        **declaration_values(**overrides),
    )


def _refusal(org: Any, **overrides: Any) -> dict[str, list[str]]:
    before = (Declaration.objects.count(), AuditEvent.objects.count())
    with translation.override("vi"), pytest.raises(ValidationError) as caught:
        _file(org, **overrides)
    assert (Declaration.objects.count(), AuditEvent.objects.count()) == before
    return {k: [str(m) for m in v] for k, v in caught.value.message_dict.items()}


def test_it_files_a_high_risk_declaration_on_a_designated_body(org: Any) -> None:
    declaration = _file(org, body=ConformityBodyFactory())
    assert (declaration.regime, declaration.risk_class) == ("risk_based", "high")
    assert declaration.hs_code == "85166010"
    assert declaration.receipt_number.endswith(f"/2026/TBTN-{PROVINCE_A}")
    # 5 working days from Thursday 10/09/2026: Thu 17/09/2026.
    assert declaration.check_due == dt.date(2026, 9, 17)
    assert any(v.startswith("quality.timelimit@2026-07-01") for v in declaration.rule_versions)
    assert [e.action for e in timeline_for(declaration)] == ["created"]


@pytest.mark.vietnamese
def test_it_refuses_a_high_risk_product_on_an_accredited_body_before_and_accepts_before_july(
    org: Any,
) -> None:
    accredited = ConformityBodyFactory(status="registered")
    errors = _refusal(org, body=accredited)
    assert "cần tổ chức ít nhất ở mức “được chỉ định”" in errors["body"][0]
    # The same file under the legacy list (registered body suffices) on 11/03/2026.
    legacy = _file(org, body=accredited, declared_on=LEGACY_DAY)
    assert (legacy.regime, legacy.risk_class) == ("group2", "")


@pytest.mark.vietnamese
def test_it_refuses_a_body_outside_its_scope(org: Any) -> None:
    body = ConformityBodyFactory(scope_qcvn=["QCVN 2:2021/BKHCN"])
    errors = _refusal(org, body=body)
    assert "nằm ngoài phạm vi" in errors["body"][0]


@pytest.mark.vietnamese
def test_it_refuses_a_body_not_valid_on_the_declaration_date(org: Any) -> None:
    body = ConformityBodyFactory(valid_until=dt.date(2026, 9, 9))
    errors = _refusal(org, body=body)
    assert "không còn hiệu lực vào ngày công bố 10/09/2026" in errors["body"][0]


@pytest.mark.vietnamese
def test_it_refuses_a_body_suspended_on_the_declaration_date(org: Any) -> None:
    body = ConformityBodyFactory()
    services.body_suspend(
        body=body,
        by=officer(),
        suspended_from=dt.date(2026, 9, 1),
        suspended_until=None,
        reason="Vi phạm quy định chứng nhận",
    )
    body.refresh_from_db()
    errors = _refusal(org, body=body)
    assert "đang bị đình chỉ" in errors["body"][0]


def _led(**overrides: Any) -> dict[str, Any]:
    values = {
        "product": "Bóng đèn LED",
        "hs_code": "8539.52.90",
        "qcvn": "QCVN 19:2025/BKHCN",
        "basis": "self_assessment",
        "body": None,
        "certificate_number": "",
        "certificate_valid_until": None,
        "lab_report_number": "TN-331",
        "assessment_signed_on": RISK_DAY,
    }
    values.update(overrides)
    return values


def test_it_files_a_medium_risk_self_assessment_with_a_recent_report(org: Any) -> None:
    declaration = _file(org, **_led(lab=LabFactory(), lab_report_date=dt.date(2025, 9, 10)))
    assert (declaration.risk_class, declaration.basis) == ("medium", "self_assessment")


@pytest.mark.vietnamese
def test_it_refuses_a_lab_report_older_than_12_months(org: Any) -> None:
    errors = _refusal(org, **_led(lab=LabFactory(), lab_report_date=dt.date(2025, 9, 9)))
    assert "đã quá 12 tháng" in errors["lab_report_date"][0]


@pytest.mark.vietnamese
def test_it_refuses_self_assessment_for_a_high_risk_product(org: Any) -> None:
    errors = _refusal(
        org,
        basis="self_assessment",
        body=None,
        lab=LabFactory(),
        lab_report_date=RISK_DAY,
    )
    assert "không được công bố dựa trên tự đánh giá" in errors["basis"][0]


@pytest.mark.vietnamese
def test_it_refuses_a_registered_lab_under_the_risk_based_regime(org: Any) -> None:
    errors = _refusal(
        org, **_led(lab=LabFactory(status="registered"), lab_report_date=dt.date(2026, 8, 1))
    )
    assert "được công nhận" in errors["lab"][0]


@pytest.mark.vietnamese
def test_it_refuses_a_malformed_hs_code(org: Any) -> None:
    errors = _refusal(org, hs_code="85A6.60")
    assert "không phải là mã HS" in errors["hs_code"][0]


@pytest.mark.vietnamese
def test_it_refuses_a_regulation_other_than_the_one_governing_the_product(org: Any) -> None:
    errors = _refusal(org, qcvn="QCVN 2:2021/BKHCN")
    assert "không phải quy chuẩn áp dụng" in errors["qcvn"][0]


def test_it_lets_a_business_file_only_for_itself(org: Any) -> None:
    own = make_user("business_user", organisation=org, province_id=PROVINCE_A)
    declaration = _file(org, by=own, body=ConformityBodyFactory())
    assert declaration.created_by == own
    other = OrganisationFactory(province_id=PROVINCE_A)
    with pytest.raises(PermissionDenied):
        _file(other, by=own, body=ConformityBodyFactory())


def test_it_issues_the_receipt_notice_valid_as_long_as_the_certificate() -> None:
    declaration = DeclarationFactory(accepted=True)
    assert declaration.status == "accepted"
    assert declaration.valid_until == dt.date(2029, 9, 9)


def test_it_gives_a_self_assessment_three_years() -> None:
    declaration = DeclarationFactory(
        **_led(lab=LabFactory(), lab_report_date=dt.date(2026, 5, 4)), accepted=True
    )
    assert declaration.valid_until == dt.date(2029, 9, 9)


def test_it_withdraws_and_refuses_with_a_reason() -> None:
    declaration = DeclarationFactory(accepted=True)
    with pytest.raises(ValidationError):
        services.declaration_withdraw(
            declaration=declaration, by=leader(), reason=" ", withdrawn_on=RISK_DAY
        )
    withdrawn = services.declaration_withdraw(
        declaration=declaration, by=leader(), reason="Sản phẩm không phù hợp", withdrawn_on=RISK_DAY
    )
    assert withdrawn.status == "withdrawn"
    other = DeclarationFactory()
    refused = services.declaration_refuse(declaration=other, by=leader(), reason="Hồ sơ sai")
    assert refused.status == "refused"


def test_it_refuses_a_receipt_notice_by_an_officer_who_may_not_sign() -> None:
    declaration = DeclarationFactory()
    with pytest.raises(PermissionDenied):
        services.declaration_accept(declaration=declaration, by=officer(), accepted_on=RISK_DAY)


def test_it_recognises_a_later_identical_import_lot() -> None:
    declaration = DeclarationFactory(accepted=True)
    found = services.declaration_covering_lot(
        declarant=declaration.declarant,
        product="nồi cơm điện",
        brand="Sunhouse",
        model_type="SHD8955",
        origin="Việt Nam",
        qcvn="QCVN 4:2009/BKHCN",
        on=dt.date(2027, 1, 5),
    )
    assert found == declaration
    assert (
        services.declaration_covering_lot(
            declarant=declaration.declarant,
            product="Nồi cơm điện",
            brand="Sunhouse",
            model_type="SHD9999",
            origin="Việt Nam",
            qcvn="QCVN 4:2009/BKHCN",
            on=dt.date(2027, 1, 5),
        )
        is None
    )
