"""Certificates: the PDF read back (Art. 41 fields, QR to the public page, PAdES signature),
the public page and endpoint with their statuses, revocation and suspension shown at once."""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path
from typing import Any

import pytest
import time_machine
from cryptography.hazmat.primitives import serialization
from django.conf import settings as django_settings
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse
from django.utils.translation import override
from pypdf import PdfReader

from tdc.core.documents import public_url, qr_data_uri, render_html
from tdc.core.models import AuditAction, AuditEvent
from tdc.core.tests.test_documents import _self_signed
from tdc.metrology import services
from tdc.metrology.models import Certificate
from tdc.metrology.selectors import (
    certificate_document_context,
    certificate_pdf,
    certificate_public_get,
)
from tdc.metrology.tests.factories import CertificateFactory, Lab, LabFactory
from tdc.testing.factories import make_user
from tdc.testing.fixtures import api_client_for, client_for

pytestmark = pytest.mark.django_db

PUBLIC_KEYS = {
    "number",
    "code",
    "status",
    "status_reason",
    "status_changed_at",
    "owner",
    "instrument_type",
    "model",
    "manufacturer",
    "serial_number",
    "organisation",
    "verified_on",
    "valid_until",
}


@pytest.fixture(autouse=True)
def _english() -> Any:
    cache.clear()  # the public rate limit counts per address across tests
    with override("en"):
        yield


@pytest.fixture
def lab() -> Lab:
    return LabFactory()


@pytest.fixture
def certificate(lab: Lab) -> Certificate:
    return CertificateFactory(verification__lab=lab)


def _text(pdf: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)


def _public(code: str) -> Any:
    return Client().get(f"/tra-cuu/kiem-dinh/{code}/")


def test_it_prints_the_article_41_fields_and_the_qr_code(
    certificate: Certificate, settings: Any
) -> None:
    settings.TDC_PUBLIC_URL = "https://tdc.tayninh.gov.vn"
    pdf = certificate_pdf(certificate)
    text = " ".join(_text(pdf).split())
    for expected in (
        certificate.number,
        "CB-0001",  # serial
        "03/05/2027",  # valid until
        "TN0000001",  # sticker serial
        "Nhơn Hòa",
        "Đạt yêu cầu kỹ thuật đo lường",
        "Nguyễn Văn Kiểm",
        "GIẤY CHỨNG NHẬN KIỂM ĐỊNH",
        "Verification certificate",
    ):
        assert expected in text, expected
    url = f"https://tdc.tayninh.gov.vn/tra-cuu/kiem-dinh/{certificate.public_code}/"
    context = certificate_document_context(certificate)
    assert (
        context["public_url"] == url == public_url(f"/tra-cuu/kiem-dinh/{certificate.public_code}/")
    )
    html = render_html(template_code="metrology_certificate", context=context)
    assert f'src="{qr_data_uri(url)}"' in html  # the QR encodes the public page
    assert url in text.replace(" ", "") or certificate.public_code in text.replace(" ", "")


def test_it_signs_the_certificate_with_pades_when_configured(
    certificate: Certificate, settings: Any, tmp_path: Path
) -> None:
    from asn1crypto import x509 as asn1_x509
    from pyhanko.pdf_utils.reader import PdfFileReader
    from pyhanko.sign.validation import validate_pdf_signature
    from pyhanko_certvalidator import ValidationContext

    key_path, cert_path, cert = _self_signed(tmp_path)
    settings.TDC_SIGNING_KEY_FILE = str(key_path)
    settings.TDC_SIGNING_CERT_FILE = str(cert_path)
    signed = certificate_pdf(certificate)
    (embedded,) = PdfFileReader(io.BytesIO(signed)).embedded_signatures
    trust = asn1_x509.Certificate.load(cert.public_bytes(serialization.Encoding.DER))
    status = validate_pdf_signature(embedded, ValidationContext(trust_roots=[trust]))
    assert status.intact and status.valid and status.trusted
    assert certificate.number in _text(signed)


def test_it_downloads_the_pdf_from_the_screen_and_the_api(
    lab: Lab, certificate: Certificate
) -> None:
    page = client_for(lab.staff).get(reverse("metrology:certificate_pdf", args=[certificate.pk]))
    assert page.status_code == 200 and page.content.startswith(b"%PDF")
    api = api_client_for(lab.staff).get(f"/api/v1/metrology/certificates/{certificate.pk}/pdf/")
    assert api.status_code == 200 and api.content.startswith(b"%PDF")
    detail = client_for(lab.staff).get(certificate.get_absolute_url()).content.decode()
    assert qr_data_uri(certificate_document_context(certificate)["public_url"]) in detail


def test_it_shows_the_public_page_without_login_and_in_one_query(
    certificate: Certificate, django_assert_num_queries: Any
) -> None:
    with django_assert_num_queries(1):
        assert certificate_public_get(certificate.public_code) is not None
    with django_assert_num_queries(1):  # no session, no user: one indexed read
        Client().get(f"/api/v1/public/certificates/{certificate.public_code}/")
    with django_assert_num_queries(1):
        page = _public(certificate.public_code)
    body = page.content.decode()
    assert page.status_code == 200 and page["Cache-Control"] == "no-store"
    for expected in ("Còn hiệu lực", "Hộ kinh doanh Cân Chợ Phước Lý", "CB-0001", "03/05/2027"):
        assert expected in body
    assert "Nguyễn Văn Kiểm" not in body  # nothing about the verifier
    assert "sessionid" not in page.cookies
    assert _public("no-such-code").status_code == 404


def test_it_answers_the_public_api_with_the_exact_schema(certificate: Certificate) -> None:
    response = Client().get(f"/api/v1/public/certificates/{certificate.public_code}/")
    assert response.status_code == 200
    body = response.json()
    assert set(body) == PUBLIC_KEYS
    assert body["status"] == "valid" and body["valid_until"] == "2027-05-03"
    assert body["serial_number"] == "CB-0001" and body["verified_on"] == "2026-05-04"
    missing = Client().get("/api/v1/public/certificates/nope/")
    assert missing.status_code == 404 and "error" in missing.json()


def test_it_shows_expired_after_valid_until(certificate: Certificate) -> None:
    with time_machine.travel(dt.datetime(2027, 5, 4, 9, tzinfo=dt.UTC), tick=False):
        assert "Hết hiệu lực" in _public(certificate.public_code).content.decode()
        body = Client().get(f"/api/v1/public/certificates/{certificate.public_code}/").json()
        assert body["status"] == "expired"


def test_it_revokes_with_a_reason_and_the_public_page_changes_at_once(
    lab: Lab, certificate: Certificate
) -> None:
    assert "Còn hiệu lực" in _public(certificate.public_code).content.decode()
    with pytest.raises(ValidationError):
        services.certificate_revoke(certificate=certificate, by=lab.staff, reason="  ")
    services.certificate_revoke(
        certificate=certificate, by=lab.staff, reason="Tem bị bóc, niêm phong hỏng"
    )
    body = _public(certificate.public_code).content.decode()
    assert "Bị thu hồi" in body and "Tem bị bóc, niêm phong hỏng" in body
    api = Client().get(f"/api/v1/public/certificates/{certificate.public_code}/").json()
    assert api["status"] == "revoked" and api["status_reason"] == "Tem bị bóc, niêm phong hỏng"
    assert AuditEvent.objects.filter(
        action=AuditAction.REVOKED,
        content_type__model="certificate",
        object_id=str(certificate.pk),
        details__reason="Tem bị bóc, niêm phong hỏng",
    ).exists()
    instrument = certificate.verification.instrument
    instrument.refresh_from_db()
    assert instrument.next_due_date is not None and instrument.next_due_date < dt.date(2027, 1, 1)
    with pytest.raises(ValidationError):
        services.certificate_reinstate(certificate=certificate, by=lab.staff, reason="Nhầm")


def test_it_suspends_and_reinstates_through_the_screens_and_the_api(
    lab: Lab, certificate: Certificate
) -> None:
    client = client_for(lab.staff)
    client.cookies[django_settings.LANGUAGE_COOKIE_NAME] = "en"
    page = client.post(
        reverse("metrology:certificate_suspend", args=[certificate.pk]),
        {"reason": "Chờ kết luận thanh tra"},
    )
    assert page.status_code == 302
    assert "Bị tạm đình chỉ" in _public(certificate.public_code).content.decode()
    api = api_client_for(lab.staff)
    answer = api.post(
        f"/api/v1/metrology/certificates/{certificate.pk}/reinstate/",
        {"reason": "Thanh tra kết luận đạt"},
        format="json",
    )
    assert answer.status_code == 200 and answer.json()["status"] == "valid"
    business = make_user("business_user", organisation=lab.owner, province_id=lab.owner.province_id)
    refused = api_client_for(business).post(
        f"/api/v1/metrology/certificates/{certificate.pk}/revoke/", {"reason": "x"}, format="json"
    )
    assert refused.status_code == 404  # owners see their certificates but may not revoke them
    assert (
        api_client_for(business)
        .get(f"/api/v1/metrology/certificates/{certificate.pk}/")
        .status_code
        == 200
    )
