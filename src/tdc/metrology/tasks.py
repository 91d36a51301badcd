"""Periodic work of legal metrology: owners' due-date reminders and the officers' weekly digest.

Both run as django.tasks tasks, queued by the management commands ``tdc
metrology_send_due_reminders`` (daily) and ``tdc metrology_weekly_digest`` (weekly) that cron or
a systemd timer calls. Both are idempotent: an instrument's owner is reminded once per due date
(the reminder is recorded as an audit event on the instrument, which the next run reads), and an
officer gets one digest per ISO week.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.tasks import task
from django.urls import reverse
from django.utils import timezone

from tdc.core.audit import audit_bulk
from tdc.core.models import AuditAction, AuditEvent
from tdc.core.roles import Role
from tdc.metrology.models import Instrument
from tdc.metrology.selectors import due_for_reminder, province_digest, reminder_days

DUE_REMINDER_EVENT = "metrology.due_reminder"
WEEKLY_DIGEST_EVENT = "metrology.weekly_digest"
#: Key of the audit event details recording the due date an owner was reminded of.
REMINDER_KEY = "due_reminder"


def _already_reminded(instruments: list[Instrument]) -> set[tuple[int, str]]:
    """(instrument id, due date) pairs whose reminder was sent by an earlier run."""
    if not instruments:
        return set()
    content_type = ContentType.objects.get_for_model(Instrument)
    sent: set[tuple[int, str]] = set()
    ids = [str(i.pk) for i in instruments]
    for start in range(0, len(ids), 2000):
        for object_id, details in AuditEvent.objects.filter(
            content_type=content_type,
            object_id__in=ids[start : start + 2000],
            details__has_key=REMINDER_KEY,
        ).values_list("object_id", "details"):
            sent.add((int(object_id), str(details.get(REMINDER_KEY))))
    return sent


def send_due_reminders(*, today: dt.date, days: int | None = None) -> dict[str, int]:
    """Remind owners of their instruments due within ``days`` (default
    ``TDC_METROLOGY_REMINDER_DAYS``), one notification per owner listing its instruments.
    Returns counts: instruments reminded, owners notified, owners without an account."""
    from tdc.accounts.selectors import business_accounts_by_organisation
    from tdc.notifications.services import notify

    days = reminder_days() if days is None else days
    candidates = list(due_for_reminder(today, days))
    done = _already_reminded(candidates)
    pending = [
        i
        for i in candidates
        if (i.pk, i.next_due_date.isoformat()) not in done  # type: ignore[union-attr]
    ]
    per_owner: dict[int, list[Instrument]] = defaultdict(list)
    for instrument in pending:
        per_owner[instrument.owner_id].append(instrument)
    accounts = business_accounts_by_organisation(per_owner)
    link = reverse("metrology:due_list")
    reminded = owners = silent = 0
    for owner_id, items in per_owner.items():
        recipients = accounts.get(owner_id)
        if not recipients:
            silent += 1  # nobody to tell in the system; the officers' digest still counts them
            continue
        with transaction.atomic():
            notify(
                recipients=recipients,
                event_type=DUE_REMINDER_EVENT,
                context={
                    "owner": items[0].owner.name,
                    "count": len(items),
                    "days": days,
                    "instruments": [
                        f"{i.type_code} {i.manufacturer} {i.serial_number} — "
                        f"{i.next_due_date:%d/%m/%Y}"
                        for i in items
                    ],
                },
                link=f"{link}?owner={owner_id}",
            )
            for due, group in _by_due_date(items).items():
                audit_bulk(
                    actor=None,
                    objs=group,
                    action=AuditAction.UPDATED,
                    details={REMINDER_KEY: due, "sent_on": today.isoformat()},
                )
        reminded += len(items)
        owners += 1
    return {"instruments": reminded, "owners": owners, "owners_without_account": silent}


def _by_due_date(items: list[Instrument]) -> dict[str, list[Instrument]]:
    groups: dict[str, list[Instrument]] = defaultdict(list)
    for item in items:
        groups[item.next_due_date.isoformat()].append(item)  # type: ignore[union-attr]
    return groups


def send_weekly_digest(*, today: dt.date) -> int:
    """Send each provincial officer and leader the week's figures of their province (once per
    ISO week). Returns the number of digests sent."""
    from tdc.accounts.selectors import provincial_staff
    from tdc.notifications.selectors import recipients_notified_since
    from tdc.notifications.services import notify

    monday = today - dt.timedelta(days=today.weekday())
    week_start = timezone.make_aware(dt.datetime.combine(monday, dt.time.min))
    already = recipients_notified_since(WEEKLY_DIGEST_EVENT, week_start)
    officers: dict[str, list[Any]] = defaultdict(list)
    for user in provincial_staff(Role.PROVINCIAL_OFFICER, Role.PROVINCIAL_LEADER):
        if user.pk not in already and user.province_id:
            officers[user.province_id].append(user)
    link = reverse("metrology:due_list")
    sent = 0
    for province_id, users in officers.items():
        figures = province_digest(province_id, today)
        with transaction.atomic():
            sent += len(
                notify(
                    recipients=users,
                    event_type=WEEKLY_DIGEST_EVENT,
                    context={
                        **figures,
                        "week": f"{monday:%d/%m/%Y}",
                        "communes": [f"{name}: {n}" for name, n in figures["worst_communes"]],
                    },
                    link=link,
                )
            )
    return sent


@task()
def metrology_due_reminders(*, day: str | None = None, days: int | None = None) -> dict[str, int]:
    """Daily: remind owners of instruments due soon (see :func:`send_due_reminders`)."""
    today = dt.date.fromisoformat(day) if day else timezone.localdate()
    return send_due_reminders(today=today, days=days)


@task()
def metrology_weekly_digest(*, day: str | None = None) -> int:
    """Weekly: the officers' digest of due, overdue and flagged instruments."""
    today = dt.date.fromisoformat(day) if day else timezone.localdate()
    return send_weekly_digest(today=today)
