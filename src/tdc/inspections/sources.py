"""What the inspections module reads from other modules, behind one adapter.

Complaints, the metrology register and prepackaged-goods quantity checks live in other apps.
Each function here reads them through their selectors or models when the app is installed and
returns empty results when it is not, so inspections work in a deployment without them.
Bulk readers take many organisation ids at once (the ranked risk list scores hundreds).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.apps import apps
from django.db.models import Count, Q


def _installed(app_label: str) -> bool:
    return apps.is_installed(f"tdc.{app_label}")


# --- Complaints --------------------------------------------------------------------------


def verified_complaint_counts(org_ids: Iterable[int], since: dt.date) -> dict[int, int]:
    """Verified complaints per organisation received since ``since``."""
    ids = list(org_ids)
    if not ids or not _installed("complaints"):
        return {}
    from tdc.complaints.choices import VERIFIED_STATUSES

    since_at = dt.datetime.combine(since, dt.time.min, tzinfo=dt.UTC)
    rows = (
        apps.get_model("complaints", "Complaint")
        .objects.filter(
            organisation_id__in=ids, status__in=VERIFIED_STATUSES, received_at__gte=since_at
        )
        .order_by()
        .values("organisation_id")
        .annotate(n=Count("id"))
    )
    return {row["organisation_id"]: row["n"] for row in rows}


# --- Metrology register ------------------------------------------------------------------


def instrument_counts(org_ids: Iterable[int], today: dt.date) -> dict[int, tuple[int, int]]:
    """(instruments in use, of which overdue for verification) per owner organisation."""
    ids = list(org_ids)
    if not ids or not _installed("metrology"):
        return {}
    rows = (
        apps.get_model("metrology", "Instrument")
        .objects.filter(owner_id__in=ids, archived_at__isnull=True, status="in_use")
        .order_by()
        .values("owner_id")
        .annotate(
            n=Count("id"),
            overdue=Count("id", filter=Q(next_due_date__lt=today) | Q(next_due_date__isnull=True)),
        )
    )
    return {row["owner_id"]: (row["n"], row["overdue"]) for row in rows}


@dataclass(frozen=True)
class InstrumentFacts:
    """What the register says about an instrument on the day it is checked."""

    instrument_id: int
    description: str
    serial_number: str
    certificate_number: str
    certificate_valid_until: dt.date | None
    stamp_serial: str
    stamp_valid: bool | None
    sealed: bool


def instruments_of(organisation_id: int) -> list[tuple[int, str]]:
    """(id, label) of the organisation's instruments in the register, for a choice list."""
    if not _installed("metrology"):
        return []
    rows = (
        apps.get_model("metrology", "Instrument")
        .objects.filter(owner_id=organisation_id, archived_at__isnull=True)
        .order_by("type_code", "serial_number")
        .values_list("id", "type_code", "manufacturer", "serial_number")[:500]
    )
    return [(pk, f"{kind} · {maker} · {serial}") for pk, kind, maker, serial in rows]


def instrument_facts(
    instrument_id: int, *, organisation_id: int, on: dt.date
) -> InstrumentFacts | None:
    """Stamp and certificate validity of one instrument of the organisation, from the register."""
    if not _installed("metrology"):
        return None
    instrument = (
        apps.get_model("metrology", "Instrument")
        .objects.filter(pk=instrument_id, owner_id=organisation_id)
        .first()
    )
    if instrument is None:
        return None
    certificate = (
        apps.get_model("metrology", "Certificate")
        .objects.filter(verification__instrument_id=instrument.pk)
        .order_by("-issued_on", "-id")
        .first()
    )
    valid_until = getattr(certificate, "valid_until", None)
    stamp_valid: bool | None = None
    if certificate is not None:
        stamp_valid = certificate.status == "valid" and (valid_until is None or valid_until >= on)
    elif instrument.next_due_date is not None:
        stamp_valid = instrument.next_due_date >= on
    return InstrumentFacts(
        instrument_id=instrument.pk,
        description=" · ".join(
            filter(None, [instrument.type_code, instrument.manufacturer, instrument.model_name])
        ),
        serial_number=instrument.serial_number,
        certificate_number=getattr(certificate, "number", "") or "",
        certificate_valid_until=valid_until,
        stamp_serial=getattr(certificate, "stamp_serial", "") or "",
        stamp_valid=stamp_valid,
        sealed=instrument.status == "sealed",
    )


# --- Prepackaged goods -------------------------------------------------------------------


def rejected_check_counts(org_ids: Iterable[int], since: dt.date) -> dict[int, int]:
    """Rejected quantity checks per packer since ``since``."""
    ids = list(org_ids)
    if not ids or not _installed("prepackages"):
        return {}
    rows = (
        apps.get_model("prepackages", "QuantityInspection")
        .objects.filter(packer_id__in=ids, decision="reject", inspected_on__gte=since)
        .order_by()
        .values("packer_id")
        .annotate(n=Count("id"))
    )
    return {row["packer_id"]: row["n"] for row in rows}


def inspection_ref(inspection: Any) -> str:
    """How other modules point at an inspection: ``app.Model:pk``."""
    return f"inspections.Inspection:{inspection.pk}"


def quantity_check_start_url(inspection: Any, user: Any) -> str:
    """Where the user opens a quantity check that belongs to the inspection (the form takes the
    inspection from the address, so nobody types its reference); empty when they may not."""
    if not _installed("prepackages"):
        return ""
    from django.urls import reverse

    from tdc.core.scoping import user_may

    if not user_may(user, apps.get_model("prepackages", "QuantityInspection"), "create"):
        return ""
    return f"{reverse('prepackages:inspection_create')}?inspection={inspection.pk}"


def quantity_checks_for(inspection: Any, user: Any) -> list[dict[str, Any]]:
    """Quantity checks done as part of the inspection (their ``parent_inspection_ref``)."""
    if not _installed("prepackages"):
        return []
    from tdc.prepackages.selectors import inspection_list

    rows = (
        inspection_list(user=user)
        .filter(parent_inspection_ref=inspection_ref(inspection))
        .order_by("inspected_on", "id")
    )
    return [
        {
            "pk": row.pk,
            "label": str(row),
            "decision": row.get_decision_display() if row.decision else "",
            "url": row.get_absolute_url(),
        }
        for row in rows
    ]
