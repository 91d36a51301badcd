"""Due and overdue instruments: lists by commune, type, owner and organisation, exports, map,
dashboard counts; owners' reminders (once per due date) and the officers' weekly digest."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone, translation

from tdc.core.roles import Role
from tdc.metrology.selectors import DueQuery, due_counts, due_instruments
from tdc.metrology.tasks import (
    DUE_REMINDER_EVENT,
    WEEKLY_DIGEST_EVENT,
    send_due_reminders,
    send_weekly_digest,
)
from tdc.metrology.tests.factories import (
    InstrumentFactory,
    PastVerificationFactory,
    VerificationOrganisationFactory,
    VerifierFactory,
)
from tdc.notifications.models import Notification
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


@pytest.fixture
def data() -> dict[str, Any]:
    today = timezone.localdate()
    days = dt.timedelta
    owner = OrganisationFactory(province_id=PROVINCE_A, commune_id=COMMUNE_A, name="Xăng dầu A")
    other = OrganisationFactory(province_id=PROVINCE_A, commune_id=COMMUNE_A2, name="Nước sạch")
    owner_b = OrganisationFactory(province_id=PROVINCE_B, commune_id=COMMUNE_B, name="Cần Thơ")
    lab = VerificationOrganisationFactory()
    overdue = InstrumentFactory(
        owner=owner,
        next_due_date=today - days(5),
        latitude=Decimal("11.3"),
        longitude=Decimal("106.1"),
    )
    soon = InstrumentFactory(
        owner=owner,
        next_due_date=today + days(10),
        latitude=Decimal("11.31"),
        longitude=Decimal("106.12"),
    )
    later = InstrumentFactory(owner=owner, next_due_date=today + days(90))
    meter = InstrumentFactory(
        owner=other, next_due_date=today + days(20), type_code="cold-water-meter-mechanical"
    )
    scrapped = InstrumentFactory(owner=owner, next_due_date=today - days(50), status="scrapped")
    far = InstrumentFactory(owner=owner_b, next_due_date=today)
    PastVerificationFactory(
        instrument=soon,
        verifier=VerifierFactory(organisation=lab),
        verified_on=today - days(355),
    )
    return locals()


def _ids(qs: Any) -> list[int]:
    return [i.pk for i in qs]


def test_it_lists_due_and_overdue_in_the_jurisdiction(data: dict[str, Any]) -> None:
    officer = make_user(Role.PROVINCIAL_OFFICER, province_id=PROVINCE_A)
    due = _ids(due_instruments(user=officer, query=DueQuery()))
    assert due == [data["overdue"].pk, data["soon"].pk, data["meter"].pk]  # soonest first
    assert _ids(due_instruments(user=officer, query=DueQuery(state="overdue"))) == [
        data["overdue"].pk
    ]
    assert data["later"].pk in _ids(due_instruments(user=officer, query=DueQuery(within_days=120)))
    by_commune = due_instruments(user=officer, query=DueQuery(commune=COMMUNE_A2))
    assert _ids(by_commune) == [data["meter"].pk]
    by_type = due_instruments(user=officer, query=DueQuery(type_code="cold-water-meter-mechanical"))
    assert _ids(by_type) == [data["meter"].pk]
    by_owner = due_instruments(user=officer, query=DueQuery(owner=data["other"].pk))
    assert _ids(by_owner) == [data["meter"].pk]
    by_lab = due_instruments(user=officer, query=DueQuery(organisation=data["lab"].pk))
    assert _ids(by_lab) == [data["soon"].pk]
    commune_officer = make_user(Role.COMMUNE_OFFICER, commune_id=COMMUNE_A2)
    assert _ids(due_instruments(user=commune_officer, query=DueQuery())) == [data["meter"].pk]
    assert due_counts(user=officer) == {"overdue": 1, "due_soon": 2, "reverify": 0, "total": 4}


@pytest.mark.vietnamese
def test_it_shows_the_list_exports_map_and_card(
    data: dict[str, Any], django_assert_max_num_queries: Any
) -> None:
    officer = make_user(Role.PROVINCIAL_OFFICER, province_id=PROVINCE_A)
    client = client_for(officer)
    url = reverse("metrology:due_list")
    with django_assert_max_num_queries(20):
        page = client.get(url, {"commune": COMMUNE_A})
    body = page.content.decode()
    assert page.status_code == 200
    assert data["overdue"].serial_number in body and data["meter"].serial_number not in body
    with translation.override("vi"):
        assert translation.gettext("Overdue by {days} days").format(days=5) in body
    export = client.get(url, {"state": "overdue", "_export": "csv"})
    text = b"".join(export.streaming_content).decode("utf-8-sig")
    assert data["overdue"].serial_number in text and data["soon"].serial_number not in text
    xlsx = client.get(url, {"_export": "xlsx"})
    assert xlsx["Content-Type"].startswith("application/vnd.openxmlformats")
    map_page = client.get(reverse("metrology:due_map")).content.decode()
    assert "due-map-points" in map_page and '"status": "overdue"' in map_page
    assert data["far"].serial_number not in map_page
    # The offline base layer: the province's commune areas shaded by the overdue share.
    areas = client.get(reverse("metrology:due_map")).context["areas"]
    shaded = {f["properties"]["code"]: f["properties"] for f in areas["features"]}
    assert len(shaded) == 96
    assert shaded[COMMUNE_A]["overdue"] == 1 and shaded[COMMUNE_A]["rate"] == round(100 / 3, 1)
    assert shaded[COMMUNE_A2]["rate"] == 0.0
    assert "total" not in shaded["28243"]  # a commune without instruments: no rate
    assert 'data-testid="map-areas-legend"' in map_page
    card = client.get(reverse("metrology:due_dashboard_card")).content.decode()
    assert 'data-testid="due-overdue">1<' in card


def test_it_serves_the_due_list_and_counts_through_the_api(data: dict[str, Any]) -> None:
    owner_user = make_user(Role.BUSINESS_USER, organisation=data["owner"], province_id=PROVINCE_A)
    api = api_client_for(owner_user)
    rows = api.get(reverse("api:metrology-due-list"), {"state": "overdue"}).json()["results"]
    assert [r["id"] for r in rows] == [data["overdue"].pk]
    assert rows[0]["due_status"] == "overdue"
    counts = api.get(reverse("api:metrology-due-counts")).json()
    assert counts["overdue"] == 1 and counts["due_soon"] == 1


def test_it_reminds_each_owner_once_per_due_date(data: dict[str, Any]) -> None:
    today = timezone.localdate()
    user = make_user(Role.BUSINESS_USER, organisation=data["owner"], province_id=PROVINCE_A)
    first = send_due_reminders(today=today)
    assert first == {"instruments": 1, "owners": 1, "owners_without_account": 2}
    note = Notification.objects.get(event_type=DUE_REMINDER_EVENT)
    assert note.recipient == user and data["soon"].serial_number in note.body
    assert send_due_reminders(today=today + dt.timedelta(days=1))["instruments"] == 0
    # A new due date (after a verification) is reminded again.
    data["soon"].next_due_date = today + dt.timedelta(days=25)
    data["soon"].save()
    assert send_due_reminders(today=today)["instruments"] == 1
    call_command("metrology_send_due_reminders", "--now", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert Notification.objects.filter(event_type=DUE_REMINDER_EVENT).count() == 2


def test_it_sends_officers_one_weekly_digest(data: dict[str, Any]) -> None:
    today = timezone.localdate()
    officer = make_user(Role.PROVINCIAL_OFFICER, province_id=PROVINCE_A)
    leader = make_user(Role.PROVINCIAL_LEADER, province_id=PROVINCE_A)
    make_user(Role.PROVINCIAL_OFFICER, province_id=PROVINCE_B)
    assert send_weekly_digest(today=today) == 3
    digest = Notification.objects.get(event_type=WEEKLY_DIGEST_EVENT, recipient=officer)
    assert "quá hạn kiểm định: 1" in digest.body and "đến hạn trong 30 ngày: 2" in digest.body
    assert Notification.objects.filter(recipient=leader).exists()
    assert send_weekly_digest(today=today) == 0
