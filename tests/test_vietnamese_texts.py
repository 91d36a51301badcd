"""No English inside the Vietnamese interface: empty choices, notification wording, instrument
type names instead of codes, the public tracking page's deadline."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.test import Client

from tdc.core.text import vn_fold
from tdc.testing.factories import PROVINCE_A, make_user
from tdc.testing.fixtures import client_for

pytestmark = [pytest.mark.django_db, pytest.mark.vietnamese]

ENGLISH_EMPTY = ("Select an option", "---------")


def _options(html: str, name: str) -> list[str]:
    select = re.search(rf'<select[^>]*name="{name}"[^>]*>(.*?)</select>', html, re.S)
    assert select, name
    return re.findall(r"<option[^>]*>([^<]*)</option>", select.group(1))


def test_the_public_complaint_form_offers_a_vietnamese_empty_choice(places: Any) -> None:
    html = Client().get("/phan-anh/").content.decode()
    assert _options(html, "province")[0] == "— Chọn —"
    for english in ENGLISH_EMPTY:
        assert english not in html


def test_list_filters_offer_a_vietnamese_empty_choice(places: Any) -> None:
    client = client_for(make_user("provincial_officer", province_id=PROVINCE_A))
    html = client.get("/organisations/").content.decode()
    assert _options(html, "kind")[0] == "— Chọn —"
    for english in ENGLISH_EMPTY:
        assert english not in html


def test_the_instrument_type_choices_are_sorted_by_their_vietnamese_name() -> None:
    from tdc.metrology.forms import type_code_choices

    choices = type_code_choices()
    assert len(choices) > 20
    labels = [label for _, label in choices]
    assert labels == sorted(labels, key=lambda label: (vn_fold(label), label))
    assert all(not re.fullmatch(r"[a-z0-9-]+", label) for label in labels)  # names, not codes


def test_an_instrument_is_shown_by_its_type_name_not_its_code(places: Any) -> None:
    from tdc.metrology.models import InstrumentType
    from tdc.metrology.tests.factories import InstrumentFactory

    instrument = InstrumentFactory(owner__province_id=PROVINCE_A)
    name = InstrumentType.objects.filter(code=instrument.type_code).latest("effective_from").name_vi
    assert str(instrument).startswith(name)
    client = client_for(make_user("provincial_officer", province_id=PROVINCE_A))
    listing = client.get("/metrology/instruments/").content.decode()
    assert re.search(rf"<td\s*>{re.escape(name)}</td>", listing)
    assert not re.search(rf"<td\s*>{re.escape(instrument.type_code)}</td>", listing)
    detail = client.get(instrument.get_absolute_url()).content.decode()
    heading = re.search(r"<h1[^>]*>(.*?)</h1>", detail, re.S)
    assert heading and name in heading.group(1) and instrument.type_code not in heading.group(1)


def test_every_seeded_notification_is_worded_in_vietnamese() -> None:
    from tdc.notifications.models import NotificationTemplate

    templates = list(NotificationTemplate.objects.all())
    assert len(templates) >= 11
    for template in templates:
        text = f"{template.name} {template.subject} {template.body}"
        assert not re.search(r"\b(Hello|Open:|Download:|Note:)", text), template.event_type
        assert "Kính gửi" in template.body, template.event_type


def test_a_new_complaint_notifies_in_vietnamese(places: Any) -> None:
    from tdc.notifications.services import notify

    officer = make_user("provincial_officer", province_id=PROVINCE_A)
    (notification,) = notify(
        recipients=[officer],
        event_type="complaints.received",
        context={"code": "PA-7K3M-Q9XT", "category": "Cân", "place": "Xã A", "deadline": "x"},
        link="/complaints/1/",
    )
    assert notification.title == "Phản ánh mới PA-7K3M-Q9XT: Cân"
    assert "Open:" not in notification.body and "Xem:" in notification.body


def test_the_tracking_page_calls_the_deadline_a_deadline(places: Any) -> None:
    from tdc.complaints.tests.factories import ComplaintFactory

    complaint = ComplaintFactory()
    html = Client().get(f"/tra-cuu/phan-anh/{complaint.tracking_code}/").content.decode()
    assert "Hạn xử lý" in html
    assert "Cơ quan xử lý" not in html
