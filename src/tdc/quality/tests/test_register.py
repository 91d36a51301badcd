"""The register of businesses under management: which businesses the quality records name, one
page per business with its products, declarations, survey results, inspections and signed
commitments, and the commitments themselves (service, screens, audit, scoping)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from tdc.core.models import AuditEvent
from tdc.quality import services
from tdc.quality.models import ComplianceCommitment
from tdc.quality.tests.factories import DeclarationFactory, officer
from tdc.quality.tests.factories_surveys import make_sample
from tdc.testing.factories import (
    COMMUNE_A,
    COMMUNE_B,
    PROVINCE_A,
    PROVINCE_B,
    OrganisationFactory,
    make_user,
)
from tdc.testing.fixtures import client_for

pytestmark = [pytest.mark.django_db, pytest.mark.vietnamese]


@pytest.fixture
def business() -> Any:
    return OrganisationFactory(
        name="Công ty Xăng dầu Phước Lý", province_id=PROVINCE_A, commune_id=COMMUNE_A
    )


def _commit(business: Any, **values: Any) -> ComplianceCommitment:
    return services.commitment_record(
        by=officer(PROVINCE_A),
        organisation=business,
        signed_on=values.pop("signed_on", dt.date(2026, 9, 2)),
        signed_by_name="Trần Văn Ký",
        products="Xăng RON 95, dầu diesel",
        **values,
    )


def test_a_commitment_is_recorded_with_its_audit_event_and_checked_dates(business: Any) -> None:
    commitment = _commit(business, valid_until=dt.date(2027, 9, 2))
    assert commitment.province_id == PROVINCE_A
    kind = ContentType.objects.get_for_model(ComplianceCommitment)
    assert AuditEvent.objects.filter(content_type=kind, object_id=str(commitment.pk)).count() == 1
    with pytest.raises(ValidationError) as backwards:
        _commit(business, valid_until=dt.date(2026, 1, 1))
    with pytest.raises(ValidationError) as future:
        _commit(business, signed_on=timezone.localdate() + dt.timedelta(days=3))
    assert "valid_until" in backwards.value.message_dict
    assert "signed_on" in future.value.message_dict
    assert ComplianceCommitment.objects.count() == 1  # nothing written on bad input


def test_the_register_lists_only_businesses_the_quality_records_name(business: Any) -> None:
    untouched = OrganisationFactory(name="Cửa hàng Không Liên Quan", province_id=PROVINCE_A)
    DeclarationFactory(declarant=business, accepted=True)
    make_sample(business=business)
    sampled_only = OrganisationFactory(name="Đại lý Mũ bảo hiểm", province_id=PROVINCE_A)
    make_sample(business=sampled_only, product="Mũ bảo hiểm", qcvn="QCVN 2:2021/BKHCN")
    client = client_for(officer(PROVINCE_A))

    page = client.get(reverse("quality:business_list"))
    names = [row.record.name for row in page.context["table"].rows]
    assert names == sorted([business.name, sampled_only.name])
    assert untouched.name not in page.content.decode()
    row = next(r.record for r in page.context["table"].rows if r.record.pk == business.pk)
    assert (row.declarations, row.samples, row.commitments) == (1, 1, 0)

    searched = client.get(reverse("quality:business_list"), {"q": "phuoc ly"})
    assert [r.record.pk for r in searched.context["table"].rows] == [business.pk]


def test_one_page_per_business_gathers_its_quality_record(business: Any) -> None:
    DeclarationFactory(declarant=business, accepted=True, product="Xăng RON 95")
    make_sample(business=business)
    _commit(business)
    client = client_for(officer(PROVINCE_A))

    response = client.get(reverse("quality:business_detail", args=[business.pk]))
    body = response.content.decode()
    profile = response.context["profile"]
    assert len(profile.declarations) == 1 and len(profile.samples) == 1
    assert len(profile.commitments) == 1
    assert [p.product for p in profile.products] == ["Xăng RON 95", "Xăng RON 95-III"]
    for section in ("products", "commitments", "declarations", "samples", "imports", "inspections"):
        assert f'data-testid="business-{section}"' in body
    assert f"?organisation={business.pk}" in body  # record a commitment for this business


def test_an_importer_is_under_management_with_its_lots(business: Any) -> None:
    from tdc.quality.tests.factories_imports import ImportRegistrationFactory

    lot = ImportRegistrationFactory(importer=business)
    client = client_for(officer(PROVINCE_A))
    listed = client.get(reverse("quality:business_list"))
    row = next(r.record for r in listed.context["table"].rows if r.record.pk == business.pk)
    assert row.imports == 1
    page = client.get(reverse("quality:business_detail", args=[business.pk]))
    assert page.context["profile"].imports == [lot]
    assert lot.get_absolute_url() in page.content.decode()


def test_a_business_of_another_province_is_not_found(business: Any) -> None:
    other = OrganisationFactory(province_id=PROVINCE_B, commune_id=COMMUNE_B)
    client = client_for(officer(PROVINCE_A))
    assert client.get(reverse("quality:business_detail", args=[other.pk])).status_code == 404


def test_a_commitment_is_recorded_on_screen_for_the_business_chosen(business: Any) -> None:
    client = client_for(officer(PROVINCE_A))
    url = reverse("quality:commitment_create")
    form = client.get(url, {"organisation": business.pk})
    assert form.context["form"].initial["organisation"] == business.pk
    response = client.post(
        url,
        {
            "organisation": business.pk,
            "signed_on": "2026-10-01",
            "signed_by_name": "Trần Văn Ký",
            "products": "Xăng RON 95",
        },
    )
    commitment = ComplianceCommitment.objects.get()
    assert response.status_code in (302, 204)
    assert commitment.organisation == business and commitment.created_by is not None


def test_the_business_sees_its_own_commitment_only(business: Any) -> None:
    mine = _commit(business)
    other = _commit(OrganisationFactory(province_id=PROVINCE_A, commune_id=COMMUNE_A))
    user = make_user("business_user", organisation=business, province_id=PROVINCE_A)
    client = client_for(user)
    assert client.get(mine.get_absolute_url()).status_code == 200
    assert client.get(other.get_absolute_url()).status_code == 404
