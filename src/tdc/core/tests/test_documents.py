"""Documents: PDFs really rendered and read back, QR codes decoded, edited templates, signatures."""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path
from typing import Any

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.x509.oid import NameOID
from django.core.exceptions import ValidationError
from pypdf import PdfReader

from tdc.core.documents import public_url, qr_data_uri, render_pdf, sign_pdf, signing_configured
from tdc.core.models import AuditAction, AuditEvent, DocumentTemplate
from tdc.core.services import documents as services_documents
from tdc.testing.fixtures import client_for

pytestmark = pytest.mark.django_db

CONTEXT = {
    "heading": "Giấy chứng nhận kiểm định",
    "heading_en": "Verification certificate",
    "body": "Phương tiện đo đạt yêu cầu đo lường.",
}


def _text(pdf: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)


def test_it_renders_a_vietnamese_pdf_from_the_default_template() -> None:
    pdf = render_pdf(template_code="sample", context=CONTEXT)
    assert pdf.startswith(b"%PDF")
    text = _text(pdf)
    assert "GIẤY CHỨNG NHẬN KIỂM ĐỊNH" in text.upper()
    assert "Phương tiện đo đạt yêu cầu đo lường." in text


def test_it_embeds_a_qr_code_for_the_public_page(settings: Any) -> None:
    settings.TDC_PUBLIC_URL = "https://tdc.example.gov.vn/"
    url = public_url("/tra-cuu/kiem-dinh/ABC123")
    assert url == "https://tdc.example.gov.vn/tra-cuu/kiem-dinh/ABC123"
    uri = qr_data_uri(url)
    assert uri.startswith("data:image/svg+xml")
    pdf = render_pdf(template_code="sample", context=CONTEXT | {"qr": uri})
    assert len(PdfReader(io.BytesIO(pdf)).pages) == 1


def test_it_uses_an_administrators_edited_template(admin_user: Any) -> None:
    from tdc.core.views.documents import default_source

    html = default_source("sample").replace("{{ body }}", "Bản đã sửa: {{ body }}")
    row = services_documents.document_template_create(
        by=admin_user, code="sample", title="Mẫu", html=html
    )
    assert "Bản đã sửa: Phương tiện" in _text(render_pdf(template_code="sample", context=CONTEXT))
    pk = row.pk
    services_documents.document_template_reset(row=row, by=admin_user)
    assert "Bản đã sửa" not in _text(render_pdf(template_code="sample", context=CONTEXT))
    actions = list(
        AuditEvent.objects.filter(object_id=str(pk), content_type__model="documenttemplate")
        .order_by("id")
        .values_list("action", flat=True)
    )
    assert actions == [AuditAction.CREATED, AuditAction.DELETED]


def test_it_refuses_a_template_with_a_syntax_error(admin_user: Any) -> None:
    with pytest.raises(ValidationError) as exc:
        services_documents.document_template_create(
            by=admin_user, code="sample", title="x", html="{% if %}"
        )
    assert "html" in exc.value.message_dict
    assert not DocumentTemplate.objects.exists()


def test_it_refuses_network_resources_in_documents(admin_user: Any) -> None:
    services_documents.document_template_create(
        by=admin_user,
        code="sample",
        title="x",
        html='<html><body><img src="http://169.254.169.254/x.png">OK</body></html>',
    )
    pdf = render_pdf(template_code="sample", context={})
    assert "OK" in _text(pdf)  # rendered, but the image was not fetched


def test_it_previews_an_edited_template_for_administrators(admin_user: Any) -> None:
    from tdc.core.views.documents import default_source

    row = services_documents.document_template_create(
        by=admin_user, code="sample", title="Mẫu", html=default_source("sample")
    )
    response = client_for(admin_user).get(f"/documents/templates/{row.pk}/preview.pdf")
    assert response.status_code == 200
    assert response.content.startswith(b"%PDF")


def _self_signed(tmp_path: Path) -> tuple[Path, Path, x509.Certificate]:
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "Chi cục TĐC thử nghiệm")])
    now = dt.datetime.now(dt.UTC)
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(days=1))
        .not_valid_after(now + dt.timedelta(days=30))
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .add_extension(
            x509.KeyUsage(
                digital_signature=True,
                content_commitment=True,
                key_encipherment=False,
                data_encipherment=False,
                key_agreement=False,
                key_cert_sign=True,
                crl_sign=True,
                encipher_only=False,
                decipher_only=False,
            ),
            critical=True,
        )
        .sign(key, hashes.SHA256())
    )
    key_path, cert_path = tmp_path / "key.pem", tmp_path / "cert.pem"
    key_path.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    cert_path.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    return key_path, cert_path, cert


def test_it_signs_pdfs_with_pades_and_the_signature_validates(
    settings: Any, tmp_path: Path
) -> None:
    from asn1crypto import x509 as asn1_x509
    from pyhanko.pdf_utils.reader import PdfFileReader
    from pyhanko.sign.validation import validate_pdf_signature
    from pyhanko_certvalidator import ValidationContext

    pdf = render_pdf(template_code="sample", context=CONTEXT)
    assert sign_pdf(pdf, reason="x") == pdf  # nothing configured: unchanged
    key_path, cert_path, cert = _self_signed(tmp_path)
    settings.TDC_SIGNING_KEY_FILE = str(key_path)
    settings.TDC_SIGNING_CERT_FILE = str(cert_path)
    assert signing_configured()
    signed = sign_pdf(pdf, reason="Chứng nhận kiểm định", location="Tây Ninh")
    reader = PdfFileReader(io.BytesIO(signed))
    (embedded,) = reader.embedded_signatures
    trust = asn1_x509.Certificate.load(cert.public_bytes(serialization.Encoding.DER))
    status = validate_pdf_signature(embedded, ValidationContext(trust_roots=[trust]))
    assert status.intact and status.valid and status.trusted
    assert status.coverage.name == "ENTIRE_FILE"
    assert "/ETSI.CAdES.detached" in str(embedded.sig_object.get("/SubFilter"))
