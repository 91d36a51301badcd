"""Field work: opening an inspection, the phone page (answers, position, photos, instruments,
signatures), the record and its notices and documents (services, screens, API)."""

from __future__ import annotations

import base64
import datetime as dt
import io
from decimal import Decimal
from typing import TYPE_CHECKING, Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from tdc.core.documents import render_pdf
from tdc.core.exceptions import ConcurrentEditError
from tdc.inspections import selectors, services
from tdc.inspections.choices import InspectionStatus, NoticeKind, SignatureRole, TeamRole
from tdc.inspections.models import Inspection
from tdc.inspections.tests.conftest import said
from tdc.inspections.tests.factories import (
    CampaignFactory,
    ExternalInspectionFactory,
    InspectionFactory,
    OfficerFactory,
    SignedInspectionFactory,
    photo,
    png_bytes,
)
from tdc.inspections.views.documents import DOCUMENT_CODES, inspection_document_context
from tdc.metrology.services import instrument_register
from tdc.places.models import Province
from tdc.testing.factories import COMMUNE_A, COMMUNE_A2, PROVINCE_A, OrganisationFactory, make_user
from tdc.testing.fixtures import api_client_for, client_for

if TYPE_CHECKING:
    from tdc.accounts.models import User

pytestmark = pytest.mark.django_db
API = "/api/v1/inspections"
SIGNATURE = "data:image/png;base64," + base64.b64encode(png_bytes()).decode()


def _squeeze(text: str) -> str:
    """Text without white space (PDF extraction breaks lines anywhere)."""
    return "".join(text.split())


# --- Opening and editing -------------------------------------------------------------------


def test_it_opens_an_inspection_under_a_numbered_decision_at_the_organisations_place(
    officer: Any, org_a: Any
) -> None:
    inspection = InspectionFactory(organisation=org_a, by=officer)

    assert inspection.decision_number
    assert inspection.decision_date == inspection.inspected_on
    assert (inspection.province_id, inspection.commune_id) == (PROVINCE_A, COMMUNE_A)
    assert inspection.address == org_a.address
    assert [(m.user, m.role) for m in inspection.team.all()] == [(officer, TeamRole.HEAD)]
    assert inspection.status == InspectionStatus.DRAFT


def test_it_opens_inspections_only_under_campaigns_of_approved_plans(
    officer: Any, leader: Any, org_a: Any
) -> None:
    campaign = CampaignFactory()
    with pytest.raises(ValidationError) as caught:
        InspectionFactory(organisation=org_a, campaign=campaign)
    assert "campaign" in caught.value.message_dict

    services.plan_submit(plan=campaign.plan, by=officer)
    services.plan_approve(plan=campaign.plan, by=leader)
    campaign.refresh_from_db()

    assert InspectionFactory(organisation=org_a, campaign=campaign).campaign == campaign


def test_it_changes_the_record_only_while_it_is_a_draft(officer: Any) -> None:
    inspection = InspectionFactory(by=officer)

    changed = services.inspection_update(
        inspection=inspection, by=officer, expected_version=1, representative="Bà Ba"
    )

    assert changed.representative == "Bà Ba" and changed.version == 2
    with pytest.raises(ConcurrentEditError):
        services.inspection_update(
            inspection=inspection, by=officer, expected_version=1, findings="x"
        )
    signed = SignedInspectionFactory(by=officer)
    with pytest.raises(ValidationError) as caught:
        services.inspection_update(inspection=signed, by=officer, findings="Too late")
    assert "signed" in caught.value.messages[0]


def test_it_opens_an_inspection_on_screen_and_warns_of_a_recent_one(
    web: Client, org_a: Any
) -> None:
    ExternalInspectionFactory(organisation=org_a)
    url = reverse("inspections:inspection_create")
    assert web.get(url).status_code == 200

    response = web.post(
        url,
        {
            "organisation": org_a.pk,
            "area": "market_scales",
            "inspected_on": timezone.localdate().isoformat(),
        },
        follow=True,
    )

    inspection = Inspection.objects.get()
    assert response.redirect_chain == [
        (reverse("inspections:inspection_field", args=[inspection.pk]), 302)
    ]
    assert said(response) == [
        "This business was inspected in the last 12 months: Quản lý thị trường "
        f"{timezone.localdate():%d/%m/%Y}."
    ]
    national = client_for(make_user("national_user"))
    assert national.get(url).status_code == 403


def test_it_refuses_on_screen_a_campaign_whose_plan_is_not_approved(
    web: Client, org_a: Any
) -> None:
    campaign = CampaignFactory()

    response = web.post(
        reverse("inspections:inspection_create"),
        {
            "organisation": org_a.pk,
            "area": "market_scales",
            "inspected_on": "2026-05-04",
            "campaign": campaign.pk,
        },
    )

    assert response.status_code == 200
    assert "campaign" in response.context["form"].errors
    assert not Inspection.objects.exists()


def test_it_edits_a_draft_record_on_screen_and_shows_its_page(web: Client, officer: Any) -> None:
    inspection = InspectionFactory(by=officer)
    url = reverse("inspections:inspection_edit", args=[inspection.pk])

    edited = web.post(
        url,
        {
            "address": "Chợ Phước Lý",
            "inspected_on": inspection.inspected_on.isoformat(),
            "representative": "Ông Tư",
            "findings": "Cân sai số",
            "conclusion": "",
            "_version": inspection.version,
        },
    )
    page = web.get(inspection.get_absolute_url())

    assert edited.status_code == 302
    assert ("representative of the inspected party", "Ông Tư") in [
        r for g in page.context["field_groups"] for r in g.filled
    ]
    assert page.context["can_change"] is True and page.context["may_record_more"] is True
    assert [name for name, _title in page.context["documents"]] == [
        f"inspections:inspection_pdf_{code.replace('-', '_')}" for code in DOCUMENT_CODES
    ]


def test_it_shows_the_signed_record_read_only(web: Client, officer: Any) -> None:
    inspection = SignedInspectionFactory(by=officer)

    page = web.get(inspection.get_absolute_url())
    field = web.get(reverse("inspections:inspection_field", args=[inspection.pk]))

    assert page.context["can_change"] is False
    assert page.context["may_record_more"] is True
    assert "Suspension notice due by" in page.content.decode()
    assert "The record is signed; answers can no longer change." in field.content.decode()


# --- The checklist, position and photos ----------------------------------------------------


def test_it_saves_checklist_answers_once_per_item(officer: Any) -> None:
    inspection = InspectionFactory(by=officer)
    item = selectors.checklist_items(inspection.area, inspection.inspected_on)[0]

    services.answer_save(inspection=inspection, by=officer, item_code=item.code, answer="compliant")
    services.answer_save(
        inspection=inspection,
        by=officer,
        item_code=item.code,
        answer="non_compliant",
        note="Sai số",
    )

    assert inspection.answers.get().answer == "non_compliant"
    for code, answer, note, field in [
        (item.code, "non_compliant", "", "note"),
        ("fuel-99", "compliant", "", "item"),
        (item.code, "maybe", "", "answer"),
    ]:
        with pytest.raises(ValidationError) as caught:
            services.answer_save(
                inspection=inspection, by=officer, item_code=code, answer=answer, note=note
            )
        assert field in caught.value.message_dict


def test_it_answers_and_locates_from_the_phone(web: Client, officer: Any) -> None:
    inspection = InspectionFactory(by=officer)
    page = web.get(reverse("inspections:inspection_field", args=[inspection.pk]))
    answer = reverse("inspections:inspection_answer", args=[inspection.pk])
    position = reverse("inspections:inspection_position", args=[inspection.pk])

    saved = web.post(answer, {"item": "scale-01", "answer": "compliant"})
    refused = web.post(answer, {"item": "scale-01", "answer": "non_compliant"})
    located = web.post(
        position, {"latitude": "11.0123456", "longitude": "106.5", "accuracy": "12.34"}
    )
    garbled = web.post(position, {"latitude": "north"})

    assert page.context["is_head"] is True
    assert [row["item"].code for row in page.context["checklist"]][:1] == ["scale-01"]
    assert saved.json() == {"ok": True, "item": "scale-01", "answer": "compliant"}
    assert refused.status_code == 400
    assert refused.json()["error"]["fields"] == {"note": ["Describe what is not compliant."]}
    assert located.json() == {"ok": True}
    inspection.refresh_from_db()
    assert (inspection.latitude, inspection.longitude) == (Decimal("11.012346"), Decimal("106.5"))
    assert inspection.position_accuracy == Decimal("12.3")
    assert garbled.status_code == 400
    assert garbled.json()["error"]["message"] == "The position was not received; try again."


def test_it_refuses_a_position_once_the_record_is_signed(web: Client, officer: Any) -> None:
    inspection = SignedInspectionFactory(by=officer)

    response = web.post(
        reverse("inspections:inspection_position", args=[inspection.pk]),
        {"latitude": "11", "longitude": "106"},
    )

    assert response.status_code == 400
    assert "signed" in response.json()["error"]["message"]


def test_it_accepts_photos_and_refuses_other_files(web: Client, officer: Any) -> None:
    inspection = InspectionFactory(by=officer)
    url = reverse("inspections:inspection_photo", args=[inspection.pk])
    field_page = reverse("inspections:inspection_field", args=[inspection.pk])

    saved = web.post(url, {"photo": photo()}, follow=True)
    missing = web.post(url, {}, follow=True)
    pdf = web.post(
        url, {"photo": SimpleUploadedFile("x.pdf", b"%PDF-1.4 not a photo")}, follow=True
    )

    assert saved.redirect_chain == [(field_page, 302)]
    assert said(saved) == ["Photo saved."]
    assert said(missing) == ["Choose or take a photo first."]
    assert said(pdf)[0].startswith("Only photos are accepted here")
    with pytest.raises(ValidationError) as caught:
        services.photo_add(
            inspection=inspection, by=officer, uploaded_file=SimpleUploadedFile("y.txt", b"hi")
        )
    assert "file" in caught.value.message_dict


# --- Instruments checked -------------------------------------------------------------------


def _registered_instrument(officer: Any, organisation: Any, serial: str = "SN-77") -> Any:
    return instrument_register(
        by=officer,
        owner=organisation,
        type_code="fuel-dispenser",
        manufacturer="Tatsuno",
        model_name="Sunny",
        serial_number=serial,
        province=Province.objects.get(pk=organisation.province_id),
    )


def test_it_copies_the_register_facts_of_an_instrument_checked(officer: Any, org_a: Any) -> None:
    inspection = InspectionFactory(organisation=org_a, by=officer)
    instrument = _registered_instrument(officer, org_a)
    elsewhere = _registered_instrument(officer, OrganisationFactory(), serial="SN-78")

    check = services.instrument_check_add(
        inspection=inspection, by=officer, instrument_id=instrument.pk, seals_intact=True
    )
    described = services.instrument_check_add(
        inspection=inspection, by=officer, description="Cân đồng hồ 30 kg", stamp_valid=False
    )

    assert check.instrument_id == instrument.pk
    assert check.description == "fuel-dispenser · Tatsuno · Sunny"
    assert check.serial_number == "SN-77" and check.stamp_valid is None
    assert str(described) == "Cân đồng hồ 30 kg"
    with pytest.raises(ValidationError) as foreign:
        services.instrument_check_add(inspection=inspection, by=officer, instrument_id=elsewhere.pk)
    assert "instrument_id" in foreign.value.message_dict
    with pytest.raises(ValidationError) as unnamed:
        services.instrument_check_add(inspection=inspection, by=officer)
    assert "description" in unnamed.value.message_dict


def test_it_records_instruments_from_the_phone(web: Client, officer: Any, org_a: Any) -> None:
    inspection = InspectionFactory(organisation=org_a, by=officer)
    instrument = _registered_instrument(officer, org_a)
    url = reverse("inspections:inspection_instrument", args=[inspection.pk])

    page = web.get(reverse("inspections:inspection_field", args=[inspection.pk]))
    chosen = web.post(url, {"instrument_id": instrument.pk, "seals_intact": "true"}, follow=True)
    unknown = web.post(url, {"instrument_id": 999_999}, follow=True)
    unnamed = web.post(url, {"seals_intact": "unknown"}, follow=True)

    choices = page.context["instrument_form"].fields["instrument_id"].choices
    assert (instrument.pk, "fuel-dispenser · Tatsuno · SN-77") in choices
    assert said(chosen) == ["Instrument recorded."]
    assert said(unknown) == ["Choose an instrument from the register or describe it."]
    assert said(unnamed) == ["Name the instrument or choose it from the register."]
    assert inspection.instrument_checks.get().seals_intact is True


# --- Signatures ----------------------------------------------------------------------------


def test_it_finalises_the_record_when_both_have_signed(officer: Any) -> None:
    inspection = SignedInspectionFactory(by=officer)

    assert inspection.status == InspectionStatus.RECORDED
    assert inspection.record_number and inspection.record_signed_at
    assert inspection.suspension_due is not None
    with pytest.raises(ValidationError):
        services.answer_save(
            inspection=inspection, by=officer, item_code="scale-01", answer="compliant"
        )


def test_it_refuses_signatures_that_cannot_stand(officer: Any) -> None:
    inspection = InspectionFactory(by=officer)
    member = OfficerFactory()

    def sign(role: str, by: User = officer, png: bytes = png_bytes()) -> Inspection:
        return services.signature_add(inspection=inspection, by=by, role=role, png=png)

    for role, png, field in [
        ("witness", png_bytes(), "role"),
        (SignatureRole.INSPECTED_PARTY, b"GIF89a", "signature"),
    ]:
        with pytest.raises(ValidationError) as caught:
            sign(role, png=png)
        assert field in caught.value.message_dict
    with pytest.raises(ValidationError) as unanswered:
        sign(SignatureRole.INSPECTED_PARTY)
    assert "Answer the checklist" in unanswered.value.messages[0]
    with pytest.raises(PermissionDenied):
        sign(SignatureRole.TEAM_HEAD, by=member)

    services.answer_save(
        inspection=inspection, by=officer, item_code="scale-01", answer="compliant"
    )
    one = sign(SignatureRole.INSPECTED_PARTY)

    assert one.party_signature_id and not one.record_signed
    assert one.suspension_due is None


def test_it_signs_from_the_phone(officer: Any) -> None:
    inspection = InspectionFactory(by=officer)
    services.answer_save(
        inspection=inspection, by=officer, item_code="scale-01", answer="compliant"
    )
    url = reverse("inspections:inspection_signature", args=[inspection.pk])
    head, member = client_for(officer), client_for(OfficerFactory())

    garbled = head.post(url, {"role": "inspected_party", "signature": "data:image/png;base64,@@"})
    empty = head.post(url, {"role": "inspected_party"})
    not_head = member.post(url, {"role": "team_head", "signature": SIGNATURE})
    party = head.post(url, {"role": "inspected_party", "signature": SIGNATURE})
    both = head.post(url, {"role": "team_head", "signature": SIGNATURE})

    assert garbled.json()["error"]["message"] == "The signature was not received; sign again."
    assert empty.status_code == 400 and "signature" in empty.json()["error"]["fields"]
    assert not_head.status_code == 403
    assert party.json() == {"ok": True, "signed": False}
    assert both.json() == {"ok": True, "signed": True}


def test_it_refuses_a_signature_that_is_not_base64_through_the_api(officer: Any) -> None:
    inspection = InspectionFactory(by=officer)

    response = api_client_for(officer).post(
        f"{API}/inspections/{inspection.pk}/signatures/",
        {"role": "team_head", "signature": "not base64!"},
        format="json",
    )

    assert response.status_code == 400
    assert "signature" in response.json()["error"]["fields"]


# --- Notices and documents -----------------------------------------------------------------


def test_it_issues_numbered_notices_after_the_signed_record(officer: Any) -> None:
    draft = InspectionFactory(by=officer)
    signed = SignedInspectionFactory(by=officer)
    today = timezone.localdate()

    def issue(inspection: Inspection, kind: str, seals: str = "") -> Any:
        return services.notice_issue(
            inspection=inspection, by=officer, kind=kind, issued_on=today, seal_numbers=seals
        )

    with pytest.raises(ValidationError) as unsigned:
        issue(draft, NoticeKind.SUSPENSION)
    assert "must be signed" in unsigned.value.messages[0]
    for kind, field in [("fine", "kind"), (NoticeKind.SEALING, "seal_numbers")]:
        with pytest.raises(ValidationError) as caught:
            issue(signed, kind)
        assert field in caught.value.message_dict
    with pytest.raises(ValidationError) as early:
        issue(signed, NoticeKind.RESUMPTION)
    assert "Resumption follows a suspension" in early.value.messages[0]

    suspension = issue(signed, NoticeKind.SUSPENSION)
    resumption = issue(signed, NoticeKind.RESUMPTION)
    sealing = issue(signed, NoticeKind.SEALING, seals=" TN-01, TN-02 ")

    assert suspension.number and resumption.number and suspension.number != resumption.number
    assert sealing.seal_numbers == "TN-01, TN-02"
    context = inspection_document_context(signed, NoticeKind.SEALING)
    assert context["notice"] == sealing and context["seal_numbers"] == ["TN-01", "TN-02"]


def test_it_issues_notices_on_screen(web: Client, officer: Any) -> None:
    draft = InspectionFactory(by=officer)
    signed = SignedInspectionFactory(by=officer)
    today = timezone.localdate().isoformat()

    def post(inspection: Inspection, data: dict[str, Any]) -> Any:
        url = reverse("inspections:notice_issue", args=[inspection.pk])
        return web.post(url, data, follow=True)

    invalid = post(signed, {"kind": "suspension"})
    unsigned = post(draft, {"kind": "suspension", "issued_on": today})
    issued = post(signed, {"kind": "suspension", "issued_on": today})

    assert said(invalid) == ["Choose the document and its date."]
    assert "must be signed" in said(unsigned)[0]
    notice = signed.notices.get()
    assert said(issued) == [f"Issued: {notice}."]
    assert issued.redirect_chain == [(signed.get_absolute_url(), 302)]


def test_it_prints_the_record_with_its_number_and_organisation(officer: Any, org_a: Any) -> None:
    inspection = SignedInspectionFactory(organisation=org_a, by=officer)

    pdf = render_pdf(
        template_code="inspection_record", context=inspection_document_context(inspection, None)
    )

    text = _squeeze("".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages))
    assert _squeeze(inspection.decision_number) in text
    assert _squeeze(inspection.record_number) in text
    assert _squeeze(org_a.name) in text


def test_it_prints_a_record_not_signed_yet(web: Client, officer: Any) -> None:
    inspection = InspectionFactory(by=officer)

    context = inspection_document_context(inspection, None)
    response = web.get(reverse("inspections:inspection_pdf_record", args=[inspection.pk]))

    assert context["party_signature"] == "" and context["head_signature"] == ""
    assert context["notice"] is None and context["seal_numbers"] == []
    assert response.status_code == 200 and response.content.startswith(b"%PDF")


def test_it_serves_the_record_and_the_seal_stickers_as_pdf(web: Client, officer: Any) -> None:
    inspection = SignedInspectionFactory(by=officer)
    services.notice_issue(
        inspection=inspection,
        by=officer,
        kind=NoticeKind.SEALING,
        issued_on=timezone.localdate(),
        seal_numbers="TN-09",
    )

    for code in ("record", "seal-stickers"):
        url_name = f"inspections:inspection_pdf_{code.replace('-', '_')}"
        response = web.get(reverse(url_name, args=[inspection.pk]))
        assert response.status_code == 200
        assert response["Content-Type"] == "application/pdf"
        assert response["Content-Disposition"] == f'inline; filename="{code}-{inspection.pk}.pdf"'
        assert response.content.startswith(b"%PDF")


# --- Scoping -------------------------------------------------------------------------------


def test_it_keeps_commune_officers_to_their_commune(org_a: Any) -> None:
    mine = InspectionFactory(organisation=org_a)
    theirs = InspectionFactory(organisation=OrganisationFactory(commune_id=COMMUNE_A2))
    commune_officer = make_user("commune_officer", commune_id=COMMUNE_A)

    visible = set(selectors.inspection_list(user=commune_officer).values_list("pk", flat=True))

    assert mine.pk in visible and theirs.pk not in visible
    page = client_for(commune_officer).get(theirs.get_absolute_url())
    assert page.status_code == 404


def test_it_dates_an_inspection_decision_on_the_day_given(officer: Any, org_a: Any) -> None:
    decided = dt.date(2026, 3, 2)

    inspection = services.inspection_create(
        by=officer,
        organisation=org_a,
        area="market_scales",
        inspected_on=dt.date(2026, 3, 5),
        decision_date=decided,
        address="Sạp 12",
    )

    assert inspection.decision_date == decided and inspection.address == "Sạp 12"


def test_the_new_inspection_screen_says_what_is_missing(officer: Any) -> None:
    from tdc.testing.fixtures import client_for

    web = client_for(officer)
    empty = web.get(reverse("inspections:inspection_create"))
    labels = [str(p.label) for p in empty.context["prerequisites_unmet"]]
    assert len(labels) == 2 and empty.context["prerequisites_blocked"]
    assert f'href="{reverse("registry:organisation_create")}"' in empty.content.decode()

    OrganisationFactory()
    with_business = web.get(reverse("inspections:inspection_create"))
    unmet = with_business.context["prerequisites_unmet"]
    assert len(unmet) == 1 and not unmet[0].blocking  # no approved plan: a warning only
    assert not with_business.context["prerequisites_blocked"]
