"""Notifications: preferences, immediate and digest e-mail, editable templates, own-only API."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
import time_machine
from django.contrib.contenttypes.models import ContentType
from django.core import mail
from django.urls import reverse

from tdc.core.models import AuditAction, AuditEvent
from tdc.notifications.choices import EmailMode
from tdc.notifications.models import Notification, NotificationTemplate
from tdc.notifications.services import notify, preference_set
from tdc.notifications.tasks import send_daily_digest
from tdc.testing.factories import PROVINCE_A, make_user
from tdc.testing.fixtures import api_client_for, client_for


def _user(name: str, email: bool = True) -> Any:
    return make_user(
        "provincial_officer",
        province_id=PROVINCE_A,
        username=name,
        email=f"{name}@example.gov.vn" if email else "",
    )


@pytest.mark.django_db
def test_it_respects_each_users_preferences(django_capture_on_commit_callbacks: Any) -> None:
    default, silent, centre_only = _user("an"), _user("binh"), _user("chi")
    preference_set(
        user=silent,
        event_type="record.assigned",
        in_app=False,
        email=False,
        email_mode=EmailMode.IMMEDIATE,
    )
    preference_set(
        user=centre_only,
        event_type="record.assigned",
        in_app=True,
        email=False,
        email_mode=EmailMode.IMMEDIATE,
    )

    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        created = notify(
            recipients=[default, silent, centre_only],
            event_type="record.assigned",
            context={"record": "Cơ sở Phước Lý", "assigned_by": "Trưởng phòng"},
            link="/organisations/1/",
        )
        assert mail.outbox == []  # nothing leaves before the transaction commits

    assert len(callbacks) == 1
    assert {n.recipient for n in created} == {default, centre_only}
    assert all(n.title == "Được giao cho bạn: Cơ sở Phước Lý" for n in created)
    assert [m.to for m in mail.outbox] == [["an@example.gov.vn"]]
    assert "Trưởng phòng đã giao “Cơ sở Phước Lý” cho bạn" in mail.outbox[0].body
    assert "/organisations/1/" in mail.outbox[0].body
    assert Notification.objects.get(recipient=default).emailed_at is not None
    assert Notification.objects.get(recipient=centre_only).emailed_at is None


@pytest.mark.django_db
def test_it_sends_no_email_when_the_change_rolls_back(
    django_capture_on_commit_callbacks: Any,
) -> None:
    from django.db import transaction

    user = _user("dung")
    with django_capture_on_commit_callbacks(execute=True):
        try:
            with transaction.atomic():
                notify(recipients=[user], event_type="record.assigned", context={"record": "X"})
                raise RuntimeError("rolled back")
        except RuntimeError:
            pass

    assert mail.outbox == []
    assert not Notification.objects.exists()


@pytest.mark.django_db
def test_the_digest_task_sends_one_email_per_user(mailoutbox: Any) -> None:
    giang, hoa, immediate = _user("giang"), _user("hoa"), _user("khanh")
    for user in (giang, hoa):
        preference_set(
            user=user,
            event_type="export.finished",
            in_app=True,
            email=True,
            email_mode=EmailMode.DIGEST,
        )
    day = dt.date(2026, 3, 2)
    with time_machine.travel(dt.datetime(2026, 3, 2, 9, 0, tzinfo=dt.UTC), tick=False):
        for title in ("Tổ chức", "Phương tiện đo", "Chứng chỉ"):
            notify(
                recipients=[giang, hoa],
                event_type="export.finished",
                context={"title": title},
                link="/jobs/x/",
            )
        notify(recipients=[immediate], event_type="record.assigned", context={"record": "Y"})
    mailoutbox.clear()

    result = send_daily_digest.enqueue(day=day.isoformat())

    assert result.return_value == 2
    assert sorted(m.to[0] for m in mailoutbox) == ["giang@example.gov.vn", "hoa@example.gov.vn"]
    body = mailoutbox[0].body
    assert body.count("Tệp xuất dữ liệu đã sẵn sàng") == 3
    assert "02/03/2026" in mailoutbox[0].subject
    send_daily_digest.enqueue(day=day.isoformat())
    assert len(mailoutbox) == 2  # each notification goes into one digest only


@pytest.mark.django_db
def test_the_digest_leaves_out_read_notifications(mailoutbox: Any) -> None:
    user = _user("lan")
    preference_set(
        user=user,
        event_type="export.finished",
        in_app=True,
        email=True,
        email_mode=EmailMode.DIGEST,
    )
    notify(recipients=[user], event_type="export.finished", context={"title": "A"})
    Notification.objects.update(read_at=dt.datetime.now(tz=dt.UTC))

    assert send_daily_digest.enqueue().return_value == 0
    assert mailoutbox == []


@pytest.mark.django_db
def test_an_edited_template_is_audited_and_used_by_the_next_notification(
    admin_user: Any,
) -> None:
    template = NotificationTemplate.objects.get(event_type="import.finished")
    client = client_for(admin_user)
    url = reverse("notifications:template_edit", args=[template.pk])
    assert client.get(url).status_code == 200

    response = client.post(
        url,
        {
            "_version": template.version,
            "name": template.name,
            "subject": "Nhập dữ liệu xong: {{ title }} ({{ rows }} dòng)",
            "body": "Kính gửi {{ recipient }}, đã nhập {{ rows }} dòng.",
            "default_in_app": "on",
            "default_email": "on",
            "default_email_mode": EmailMode.IMMEDIATE,
        },
    )

    assert response.status_code == 302, response.content.decode()[:2000]
    event = AuditEvent.objects.filter(
        content_type=ContentType.objects.get_for_model(NotificationTemplate),
        object_id=str(template.pk),
    ).get()
    assert event.action == AuditAction.UPDATED
    assert event.before["subject"] == "Đã nhập xong: {{ title }}"
    user = _user("minh")
    (notification,) = notify(
        recipients=[user], event_type="import.finished", context={"title": "Tổ chức", "rows": 12}
    )
    assert notification.title == "Nhập dữ liệu xong: Tổ chức (12 dòng)"
    assert notification.body == "Kính gửi minh, đã nhập 12 dòng."


@pytest.mark.django_db
def test_it_refuses_a_template_that_does_not_compile(admin_user: Any) -> None:
    template = NotificationTemplate.objects.get(event_type="record.assigned")
    response = client_for(admin_user).post(
        reverse("notifications:template_edit", args=[template.pk]),
        {
            "name": template.name,
            "subject": "{% if record %}unclosed",
            "body": template.body,
            "default_email_mode": EmailMode.IMMEDIATE,
            "_version": template.version,
        },
    )

    assert response.status_code == 200
    assert "The template cannot be read" in response.content.decode()
    template.refresh_from_db()
    assert template.version == 1


@pytest.mark.django_db
def test_only_system_administrators_reach_the_template_editor(officer_a: Any) -> None:
    template = NotificationTemplate.objects.get(event_type="record.assigned")
    client = client_for(officer_a)

    assert client.get(reverse("notifications:template_list")).status_code == 403
    url = reverse("notifications:template_edit", args=[template.pk])
    assert client.get(url).status_code == 404


@pytest.mark.django_db
def test_the_api_lists_only_the_callers_own_notifications() -> None:
    mine, theirs = _user("nam"), _user("oanh")
    notify(recipients=[mine], event_type="record.assigned", context={"record": "Của tôi"})
    (other,) = notify(recipients=[theirs], event_type="record.assigned", context={"record": "Khác"})
    client = api_client_for(mine)

    response = client.get(reverse("api:notification-list"))

    assert response.status_code == 200
    rows = response.json()["results"]
    assert [row["title"] for row in rows] == ["Được giao cho bạn: Của tôi"]
    assert client.get(reverse("api:notification-detail", args=[other.pk])).status_code == 404
    assert client.post(reverse("api:notification-read", args=[other.pk])).status_code == 404
    read = client.post(reverse("api:notification-read", args=[rows[0]["id"]]))
    assert read.status_code == 200
    assert read.json()["read"] is True
    assert client.get(reverse("api:notification-list"), {"unread": "1"}).json()["results"] == []
    assert Notification.objects.get(pk=other.pk).read_at is None


@pytest.mark.django_db
def test_the_api_turns_away_anonymous_callers(client: Any) -> None:
    assert client.get(reverse("api:notification-list")).status_code in {401, 403}


@pytest.mark.django_db
def test_the_navbar_badge_counts_unread_notifications_and_mark_read_clears_it(
    officer_a: Any,
) -> None:
    notify(recipients=[officer_a], event_type="record.assigned", context={"record": "A"})
    (second,) = notify(
        recipients=[officer_a], event_type="record.assigned", context={"record": "B"}
    )
    client = client_for(officer_a)

    page = client.get(reverse("notifications:notification_list")).content.decode()
    assert "Được giao cho bạn: B" in page
    assert '<span class="badge rounded-pill text-bg-warning">2<' in page

    client.post(reverse("notifications:notification_read", args=[second.pk]))
    page = client.get(reverse("notifications:notification_list")).content.decode()
    assert '<span class="badge rounded-pill text-bg-warning">1<' in page
    client.post(reverse("notifications:notification_read_all"))
    page = client.get(reverse("notifications:notification_list")).content.decode()
    assert "text-bg-warning" not in page


@pytest.mark.django_db
def test_someone_elses_notification_cannot_be_marked_read(officer_a: Any) -> None:
    other = _user("phuong")
    (notification,) = notify(recipients=[other], event_type="record.assigned", context={})

    response = client_for(officer_a).post(
        reverse("notifications:notification_read", args=[notification.pk])
    )

    assert response.status_code == 404


@pytest.mark.django_db
def test_preferences_are_saved_from_the_preferences_page(officer_a: Any) -> None:
    client = client_for(officer_a)
    assert client.get(reverse("notifications:preferences")).status_code == 200
    data = {}
    # Every event type with a template has its row on the page (other apps add their own).
    for code in NotificationTemplate.objects.values_list("event_type", flat=True):
        data[f"{code}-in_app"] = "on"
        data[f"{code}-email_mode"] = EmailMode.IMMEDIATE
    data["export.finished-email"] = "on"
    data["export.finished-email_mode"] = EmailMode.DIGEST

    response = client.post(reverse("notifications:preferences"), data)

    assert response.status_code == 302
    prefs = {p.event_type: p for p in officer_a.notification_preferences.all()}
    assert prefs["export.finished"].email_mode == EmailMode.DIGEST
    assert prefs["record.assigned"].email is False
