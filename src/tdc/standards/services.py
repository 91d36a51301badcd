"""Every write of the standards library: documents entered and corrected, and their lifecycle
events (amendment, review, replacement, cancellation), each audited; the catalogue and the ICS
tree loaded from the repository's sourced data."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from tdc.core.audit import audit_record, save_changes, snapshot
from tdc.core.exceptions import check_version
from tdc.core.models import AuditAction
from tdc.core.text import vn_fold
from tdc.standards import rules
from tdc.standards.choices import EventKind, Harmonisation
from tdc.standards.models import (
    Enquiry,
    EnquiryTimeLimit,
    ExporterInterest,
    IcsCode,
    Standard,
    StandardEvent,
    TbtNotification,
)
from tdc.standards.rules import tbt as tbt_rules

if TYPE_CHECKING:
    from tdc.accounts.models import User
    from tdc.places.models import Province

_EDITABLE = frozenset(Standard.FIELDS)


def parse_designation(text: str, field: str = "designation") -> rules.Designation:
    """The designation's parts; a ValidationError with the parser's Vietnamese message."""
    try:
        return rules.parse(text)
    except rules.NotationError as exc:
        raise ValidationError({field: exc.message_vi}, code=exc.code) from exc


def standard_search_text(standard: Standard) -> str:
    """The folded text the search matches words against: designation, titles, the adopted
    document, ICS codes and scope."""
    parts = [
        standard.designation,
        standard.title_vi,
        standard.title_en,
        standard.international_designation,
        standard.ics_codes,
        standard.scope_text,
    ]
    return vn_fold(" ".join(p for p in parts if p))


def _apply_designation(standard: Standard, text: str) -> None:
    parsed = parse_designation(text)
    if parsed.amendment is not None:
        raise ValidationError(
            {
                "designation": _(
                    "An amendment is recorded on the amended document (action “Amendment”), "
                    "not as a document of its own."
                )
            }
        )
    standard.designation = parsed.key
    standard.kind = parsed.kind
    standard.number = parsed.number
    standard.year = parsed.year
    standard.authority = parsed.authority
    if parsed.adopted is not None and not standard.international_designation:
        standard.international_designation = parsed.adopted.canonical
    if standard.international_designation:
        adopted = parse_designation(standard.international_designation, "international_designation")
        standard.international_designation = adopted.canonical
        if not standard.harmonisation:
            standard.harmonisation = Harmonisation.IDT
    standard.number_key = rules.compact_key(standard.designation)
    duplicate = Standard.objects.filter(designation=standard.designation).exclude(pk=standard.pk)
    if duplicate.exists():
        raise ValidationError(
            {
                "designation": _(
                    "{designation} is already in the catalogue (however it was spelled)."
                ).format(designation=standard.designation)
            },
            code="duplicate",
        )


def check_ics_codes(ics_codes: Iterable[str]) -> list[str]:
    """The codes, sorted; a ValidationError naming those not in the ICS tree."""
    codes = sorted({c.strip() for c in ics_codes if c and c.strip()})
    known = set(IcsCode.objects.filter(code__in=codes).values_list("code", flat=True))
    unknown = [c for c in codes if c not in known]
    if unknown:
        raise ValidationError(
            {
                "ics_codes": _("Not in the ICS tree: {codes}.").format(codes=", ".join(unknown)),
            }
        )
    return codes


@transaction.atomic
def standard_create(
    *,
    by: User | None,
    designation: str,
    title_vi: str,
    source: str,
    ics_codes: Iterable[str] = (),
    province: Province | None = None,
    **values: Any,
) -> Standard:
    """Enter a document; its designation is read in any usual spelling and stored canonical."""
    unknown = set(values) - _EDITABLE
    if unknown:
        raise TypeError(f"not fields of a standard: {sorted(unknown)}")
    standard = Standard(
        title_vi=title_vi,
        source=source,
        province=province,
        created_by=by,
        modified_by=by,
        **values,
    )
    _apply_designation(standard, designation)
    standard.ics_codes = " ".join(check_ics_codes(ics_codes))
    standard.search_text = standard_search_text(standard)
    standard.full_clean(exclude=["search_text", "number_key"])
    standard.save()
    audit_record(actor=by, obj=standard, action=AuditAction.CREATED)
    return standard


@transaction.atomic
def standard_update(
    *,
    standard: Standard,
    by: User,
    expected_version: int | None = None,
    ics_codes: Iterable[str] | None = None,
    **values: Any,
) -> Standard:
    """Correct a document's record; ``expected_version`` is the version the editor loaded."""
    unknown = set(values) - _EDITABLE
    if unknown:
        raise TypeError(f"not fields of a standard: {sorted(unknown)}")
    obj = Standard.objects.select_for_update().get(pk=standard.pk)
    check_version(obj, expected_version)
    before = snapshot(obj)
    designation = values.pop("designation", obj.designation)
    for name, value in values.items():
        setattr(obj, name, value)
    _apply_designation(obj, designation)
    if ics_codes is not None:
        obj.ics_codes = " ".join(check_ics_codes(ics_codes))
    obj.search_text = standard_search_text(obj)
    obj.full_clean(exclude=["search_text", "number_key"])
    if save_changes(obj, by=by, before=before):
        audit_record(actor=by, obj=obj, action=AuditAction.UPDATED, before=before)
    return obj


def _chain_reaches(start: Standard, target: Standard) -> bool:
    """Whether following replacements from ``start`` reaches ``target``."""
    seen: set[int] = set()
    frontier = [start.pk]
    while frontier:
        pk = frontier.pop()
        if pk == target.pk:
            return True
        if pk in seen:
            continue
        seen.add(pk)
        frontier.extend(
            StandardEvent.objects.filter(standard_id=pk, kind=EventKind.REPLACED).values_list(
                "successor_id", flat=True
            )
        )
    return False


@transaction.atomic
def standard_event_add(
    *,
    standard: Standard,
    by: User | None,
    kind: str,
    on: dt.date,
    successor: Standard | None = None,
    reference: str = "",
    decision: str = "",
    note: str = "",
    source: str = "",
    confidence: str = "",
) -> StandardEvent:
    """Record what happened to a document on a day. A replacement names its successor and may
    not close a cycle; a document is replaced or cancelled once; an amendment is written as
    ``Sửa đổi N:YYYY`` or, when an instrument amends clauses without a numbered amendment, names
    that instrument in ``decision``."""
    obj = Standard.objects.select_for_update().get(pk=standard.pk)
    if kind not in EventKind.values:
        raise ValidationError({"kind": _("Choose an event from the list.")})
    terminal = obj.events.filter(kind__in=[EventKind.REPLACED, EventKind.CANCELLED]).first()
    if kind in {EventKind.REPLACED, EventKind.CANCELLED} and terminal is not None:
        raise ValidationError(
            _("{designation} was already {event} on {day}.").format(
                designation=obj.designation,
                event=terminal.get_kind_display().lower(),
                day=f"{terminal.on:%d/%m/%Y}",
            )
        )
    if kind == EventKind.REPLACED:
        if successor is None:
            raise ValidationError({"successor": _("Name the document that replaces it.")})
        if successor.pk == obj.pk or _chain_reaches(successor, obj):
            raise ValidationError(
                {
                    "successor": _(
                        "{successor} cannot replace {designation}: it would close a cycle of "
                        "replacements."
                    ).format(successor=successor.designation, designation=obj.designation)
                },
                code="cycle",
            )
    elif successor is not None:
        raise ValidationError({"successor": _("Only a replacement names a successor.")})
    if kind == EventKind.AMENDED and (reference.strip() or not decision.strip()):
        reference = _amendment_reference(obj, reference)
    event = StandardEvent(
        standard=obj,
        kind=kind,
        on=on,
        successor=successor,
        reference=reference,
        decision=decision,
        note=note,
        source=source or obj.source,
        confidence=confidence or obj.confidence,
        created_by=by,
        modified_by=by,
    )
    event.full_clean()
    event.save()
    audit_record(
        actor=by,
        obj=obj,
        action=AuditAction.STATUS_CHANGED,
        details={
            "event": kind,
            "on": on.isoformat(),
            "successor": successor.designation if successor else "",
            "reference": reference,
            "decision": decision,
        },
    )
    return event


def _amendment_reference(standard: Standard, reference: str) -> str:
    text = reference.strip()
    if not text:
        raise ValidationError({"reference": _("Write the amendment, e.g. Sửa đổi 1:2016.")})
    full = (
        text
        if standard.designation.casefold() in text.casefold()
        else f"{text} {standard.designation}"
    )
    parsed = parse_designation(full, "reference")
    if parsed.amendment is None or parsed.base.key != standard.designation:
        raise ValidationError(
            {
                "reference": _("Write the amendment of {designation}, e.g. Sửa đổi 1:2016.").format(
                    designation=standard.designation
                )
            }
        )
    return parsed.canonical


# ---------------------------------------------------------------------------------------------
# TBT notifications and the exporters' interests


def _hs(values: Any) -> list[str]:
    raw = values.split() if isinstance(values, str) else list(values or [])
    try:
        return tbt_rules.hs_list(str(v) for v in raw)
    except tbt_rules.TbtError as exc:
        raise ValidationError({exc.field: exc.message_vi}) from exc


@transaction.atomic
def tbt_notification_create(
    *, by: User, province: Province, symbol: str, **values: Any
) -> TbtNotification:
    """Record a WTO member's notification; the symbol and HS codes are checked and written the
    WTO's way, and a symbol is recorded once per province."""
    unknown = set(values) - set(TbtNotification.FIELDS)
    if unknown:
        raise TypeError(f"not fields of a TBT notification: {sorted(unknown)}")
    try:
        symbol = tbt_rules.normalise_symbol(symbol)
    except tbt_rules.TbtError as exc:
        raise ValidationError({"symbol": exc.message_vi}) from exc
    if TbtNotification.objects.filter(province=province, symbol=symbol).exists():
        raise ValidationError({"symbol": _("{symbol} is already recorded.").format(symbol=symbol)})
    values["hs_codes"] = _hs(values.get("hs_codes"))
    notification = TbtNotification(
        province=province,
        symbol=symbol,
        member=symbol.split("/")[3],
        created_by=by,
        modified_by=by,
        **values,
    )
    notification.full_clean()
    notification.save()
    audit_record(actor=by, obj=notification, action=AuditAction.CREATED)
    return notification


@transaction.atomic
def exporter_interest_save(
    *,
    by: User,
    organisation: Any,
    hs_codes: Any,
    markets: str = "",
    interest: ExporterInterest | None = None,
    expected_version: int | None = None,
) -> ExporterInterest:
    """Enter or correct what an exporter sells abroad (HS codes, markets)."""
    codes = _hs(hs_codes)
    if not codes:
        raise ValidationError({"hs_codes": _("Give at least one HS code.")})
    if interest is None:
        obj = ExporterInterest(organisation=organisation, created_by=by, modified_by=by)
        before = None
    else:
        obj = ExporterInterest.objects.select_for_update().get(pk=interest.pk)
        check_version(obj, expected_version)
        before = snapshot(obj)
    obj.hs_codes = codes
    obj.markets = " ".join(markets.upper().split())
    obj.full_clean()
    if before is None:
        obj.save()
        audit_record(actor=by, obj=obj, action=AuditAction.CREATED)
    elif save_changes(obj, by=by, before=before):
        audit_record(actor=by, obj=obj, action=AuditAction.UPDATED, before=before)
    return obj


# ---------------------------------------------------------------------------------------------
# The enquiry point


def enquiry_deadline(received_on: dt.date) -> tuple[dt.date, str]:
    """The answer's due day (working days of the row in force on receipt) and that row."""
    from tdc.core.calendar import add_working_days

    row = (
        EnquiryTimeLimit.objects.in_force_on(received_on)
        .filter(step="enquiry_answer")
        .order_by("-effective_from")
        .first()
    )
    if row is None:
        raise ValidationError(
            _("No enquiry time limit is in force on that day: load the reference data.")
        )
    return add_working_days(received_on, row.working_days), row.version_label


@transaction.atomic
def enquiry_receive(
    *, by: User, province: Province, organisation: Any = None, **values: Any
) -> Enquiry:
    """Receive a business's question; the answer is due after the working days in force."""
    unknown = set(values) - set(Enquiry.FIELDS)
    if unknown:
        raise TypeError(f"not fields of an enquiry: {sorted(unknown)}")
    enquiry = Enquiry(
        province=province, organisation=organisation, created_by=by, modified_by=by, **values
    )
    if not (enquiry.question or "").strip():
        raise ValidationError({"question": _("Write the question.")})
    enquiry.answer_due, enquiry.deadline_rule = enquiry_deadline(enquiry.received_on)
    enquiry.full_clean()
    enquiry.save()
    audit_record(actor=by, obj=enquiry, action=AuditAction.CREATED)
    return enquiry


@transaction.atomic
def enquiry_answer(*, enquiry: Enquiry, by: User, answer: str, answered_on: dt.date) -> Enquiry:
    """Record the answer (once)."""
    obj = Enquiry.objects.select_for_update().get(pk=enquiry.pk)
    if obj.answered_on is not None:
        raise ValidationError(_("This enquiry is already answered."))
    if not answer.strip():
        raise ValidationError({"answer": _("Write the answer.")})
    if answered_on < obj.received_on:
        raise ValidationError({"answered_on": _("The answer cannot precede the question.")})
    before = snapshot(obj)
    obj.answer = answer
    obj.answered_on = answered_on
    obj.full_clean()
    save_changes(obj, by=by, before=before)
    audit_record(actor=by, obj=obj, action=AuditAction.STATUS_CHANGED, before=before)
    return obj
