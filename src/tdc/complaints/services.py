"""Writes to complaints: filing by the public, handling by officers, revealing the reporter.

Every write is atomic and audited. The reporter's identity is encrypted before it reaches the
database and never enters the audit trail; the audit events of a public filing do not record
the client address either (the reporter may be a whistle-blower).
"""

from __future__ import annotations

import contextlib
import datetime as dt
from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ImproperlyConfigured, PermissionDenied, ValidationError
from django.core.files import File
from django.db import transaction
from django.template.defaultfilters import filesizeformat
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from tdc.attachments.services import (
    CheckedUpload,
    UploadRefused,
    attachment_add_from_public,
    upload_check,
)
from tdc.complaints import crypto
from tdc.complaints.choices import (
    FINISHED_STATUSES,
    TRANSITIONS,
    ComplaintCategory,
    ComplaintSource,
    ComplaintStatus,
    HandlingLevel,
)
from tdc.complaints.models import Complaint, ComplaintHandlingPeriod, ComplaintNote
from tdc.complaints.selectors import may_reveal_reporter, user_may_handle
from tdc.complaints.tracking import new_code
from tdc.core.audit import audit_record, save_changes, snapshot
from tdc.core.calendar import add_working_days
from tdc.core.context import client_ip_var
from tdc.core.exceptions import check_version
from tdc.core.models import AuditAction
from tdc.core.roles import Role
from tdc.notifications.services import notify
from tdc.registry.selectors import organisation_by_tax_code
from tdc.registry.validators import normalise_tax_code

if TYPE_CHECKING:
    from tdc.places.models import Commune, Province
    from tdc.registry.models import Organisation

#: Kinds of file a complaint photo may be (judged from the content).
PHOTO_KINDS = ["jpeg", "png", "webp"]
#: Which handling-period row applies to public complaints.
PERIOD_CODE = "standard"

MESSAGES = {
    "description": gettext_lazy(
        "Describe what you saw: the goods, the scale or pump, the date and what was wrong."
    ),
    "commune_province": gettext_lazy(
        "The commune chosen is not in the province chosen; choose the commune again."
    ),
    "too_many_photos": gettext_lazy(
        "Attach at most {limit} photos; leave out the least useful ones and send again."
    ),
    "photo_too_large": gettext_lazy(
        "The photo “{name}” is {size}, larger than the {limit} allowed; take it again at a lower "
        "resolution or shrink it, then attach it again."
    ),
    "photo_not_image": gettext_lazy(
        "“{name}” is not a photo (JPEG, PNG or WebP), so it was refused; attach a photo instead. "
        "Everything else you wrote is kept below."
    ),
    "photo_empty": gettext_lazy("The photo “{name}” is empty; choose it again."),
    "transition": gettext_lazy(
        "A complaint that is “{current}” cannot become “{wanted}”; next it may become: {allowed}."
    ),
    "outcome_needed": gettext_lazy(
        "Write the outcome the reporter will read on the tracking page before marking the "
        "complaint “{status}”."
    ),
    "assignee": gettext_lazy(
        "{user} may not handle this complaint (outside their jurisdiction or role); choose an "
        "officer of the place where it happened."
    ),
    "reason": gettext_lazy(
        "Give the reason for revealing the reporter (e.g. the inspection that needs a witness)."
    ),
    "no_identity": gettext_lazy(
        "This complaint was filed anonymously: there is no identity to reveal."
    ),
    "may_not_reveal": gettext_lazy(
        "Only complaint handlers may reveal a reporter; ask the administrator to grant you the "
        "capability."
    ),
    "unreadable": gettext_lazy(
        "The reporter's details cannot be decrypted with the configured keys; ask the "
        "administrator to check TDC_COMPLAINT_KEY (an old key may be missing)."
    ),
    "note": gettext_lazy("Write the note before saving it."),
    "no_period": gettext_lazy(
        "No complaint handling period is in force on {day}; an administrator must load the "
        "reference data (tdc load_reference)."
    ),
}


@contextlib.contextmanager
def _without_client_address() -> Iterator[None]:
    """Audit events written inside leave the client address out (protecting the reporter)."""
    token = client_ip_var.set(None)
    try:
        yield
    finally:
        client_ip_var.reset(token)


# --- Filing ---------------------------------------------------------------------------------


def _photo_error(code: str, **params: Any) -> ValidationError:
    return ValidationError({"photos": ValidationError(str(MESSAGES[code]).format(**params), code)})


def check_photos(photos: Sequence[File]) -> list[tuple[File, CheckedUpload]]:
    """Check every photo (count, size, content is an image) before anything is stored.

    Returns each photo with what was checked of it; raises a ValidationError keyed ``photos``
    naming the first refused file and what to do.
    """
    limit = settings.TDC_COMPLAINT_MAX_PHOTOS
    if len(photos) > limit:
        raise _photo_error("too_many_photos", limit=limit)
    max_bytes = settings.TDC_COMPLAINT_PHOTO_MAX_BYTES
    checked = []
    for photo in photos:
        name = (getattr(photo, "name", "") or "photo").replace("\\", "/").rsplit("/", 1)[-1]
        try:
            checked.append((photo, upload_check(photo, allowed=PHOTO_KINDS, limit=max_bytes)))
        except UploadRefused as refused:
            if refused.code == "too_large":
                raise _photo_error(
                    "photo_too_large",
                    name=name,
                    size=filesizeformat(int(str(refused.params.get("size", 0)))),
                    limit=filesizeformat(max_bytes),
                ) from None
            if refused.code == "empty":
                raise _photo_error("photo_empty", name=name) from None
            raise _photo_error("photo_not_image", name=name) from None
    return checked


def handling_period(day: dt.date) -> ComplaintHandlingPeriod:
    row = (
        ComplaintHandlingPeriod.objects.in_force_on(day)
        .filter(code=PERIOD_CODE)
        .order_by("-effective_from")
        .first()
    )
    if row is None:
        raise ImproperlyConfigured(str(MESSAGES["no_period"]).format(day=day.isoformat()))
    return row


def _routing(commune: Commune | None) -> str:
    """The commune handles it when it has commune officers; otherwise the province."""
    if commune is None:
        return HandlingLevel.PROVINCE
    has_officers = (
        get_user_model()
        .objects.filter(role=Role.COMMUNE_OFFICER, commune=commune, is_active=True)
        .exists()
    )
    return HandlingLevel.COMMUNE if has_officers else HandlingLevel.PROVINCE


def _handlers(complaint: Complaint) -> list[Any]:
    """Who is told about a new complaint: the commune's officers, or the province's officers."""
    users = get_user_model().objects.filter(is_active=True)
    if complaint.handling_level == HandlingLevel.COMMUNE:
        return list(users.filter(role=Role.COMMUNE_OFFICER, commune_id=complaint.commune_id))
    return list(users.filter(role=Role.PROVINCIAL_OFFICER, province_id=complaint.province_id))


def _unique_code() -> str:
    for _attempt in range(20):
        code = new_code()
        if not Complaint.objects.filter(tracking_code=code).exists():
            return code
    raise RuntimeError("could not draw an unused tracking code")  # pragma: no cover


def _match_organisation(tax_code: str) -> Organisation | None:
    if not tax_code:
        return None
    return organisation_by_tax_code(tax_code)


def _store_photos(complaint: Complaint, photos: list[tuple[File, CheckedUpload]]) -> None:
    for photo, checked in photos:
        attachment_add_from_public(
            parent=complaint,
            uploaded_file=photo,
            checked=checked,
            description=_("Photo sent with the complaint"),
        )


@transaction.atomic
def complaint_submit(
    *,
    category: str,
    province: Province,
    commune: Commune | None,
    description: str,
    address: str = "",
    business_name: str = "",
    business_tax_code: str = "",
    anonymous: bool = False,
    reporter: dict[str, str] | None = None,
    photos: Sequence[File] = (),
    source: str = ComplaintSource.WEB,
    received_at: dt.datetime | None = None,
) -> Complaint:
    """File a complaint from the public: checked, encrypted, routed, given a deadline.

    Nothing is stored when any part is refused (a photo that is not an image, a wrong tax
    code…); the ValidationError names the field and what to do.
    """
    errors: dict[str, Any] = {}
    if category not in ComplaintCategory.values:
        errors["category"] = _("Choose what the complaint is about.")
    if not (description or "").strip():
        errors["description"] = str(MESSAGES["description"])
    if commune is not None and commune.province_id != province.pk:
        errors["commune"] = str(MESSAGES["commune_province"])
    tax_code = (business_tax_code or "").strip()
    if tax_code:
        try:
            tax_code = normalise_tax_code(tax_code)
        except ValidationError as exc:
            errors["business_tax_code"] = exc.messages
    try:
        checked_photos = check_photos(list(photos))
    except ValidationError as exc:
        errors.update(exc.message_dict)
    if errors:
        raise ValidationError(errors)

    identity_token = "" if anonymous else crypto.encrypt_identity(reporter or {})
    when = received_at or timezone.now()
    day = timezone.localdate(when)
    period = handling_period(day)
    complaint = Complaint(
        tracking_code=_unique_code(),
        category=category,
        province=province,
        commune=commune,
        address=(address or "").strip(),
        business_name=(business_name or "").strip(),
        business_tax_code=tax_code,
        organisation=_match_organisation(tax_code),
        description=description.strip(),
        anonymous=not identity_token,
        reporter_identity=identity_token,
        source=source,
        status=ComplaintStatus.RECEIVED,
        handling_level=_routing(commune),
        received_at=when,
        deadline=add_working_days(
            day, period.working_days, count_from_receipt_day=period.count_from_receipt_day
        ),
        deadline_basis=period.version_label,
    )
    complaint.full_clean()
    complaint.save()
    with _without_client_address():
        audit_record(
            actor=None,
            obj=complaint,
            action=AuditAction.CREATED,
            details={"photos": len(checked_photos), "source": source},
        )
        _store_photos(complaint, checked_photos)
    notify(
        recipients=_handlers(complaint),
        event_type="complaints.received",
        context={
            "code": complaint.tracking_code,
            "category": complaint.get_category_display(),
            "place": ", ".join(str(p) for p in (complaint.commune, complaint.province) if p),
            "deadline": complaint.deadline.strftime("%d/%m/%Y"),
        },
        link=complaint.get_absolute_url(),
    )
    return complaint


# --- Handling -------------------------------------------------------------------------------

HANDLING_FIELDS = ("status", "assigned_to", "outcome", "inspection_ref", "handling_level")


def _check_transition(current: str, wanted: str) -> None:
    if wanted == current:
        return
    allowed = TRANSITIONS.get(current, frozenset())
    if wanted not in allowed:
        labels = dict(ComplaintStatus.choices)
        raise ValidationError(
            {
                "status": str(MESSAGES["transition"]).format(
                    current=labels.get(current, current),
                    wanted=labels.get(wanted, wanted),
                    allowed=", ".join(str(labels[s]) for s in sorted(allowed)) or "—",
                )
            }
        )


def _stamp_status(complaint: Complaint, now: dt.datetime) -> None:
    status = complaint.status
    if status == ComplaintStatus.VERIFIED and complaint.verified_at is None:
        complaint.verified_at = now
    if status == ComplaintStatus.RESOLVED:
        complaint.resolved_at = now
    if status == ComplaintStatus.CLOSED:
        complaint.closed_at = now
    if (
        status in {ComplaintStatus.RESOLVED, ComplaintStatus.REJECTED}
        and not (complaint.outcome or "").strip()
    ):
        raise ValidationError(
            {
                "outcome": str(MESSAGES["outcome_needed"]).format(
                    status=complaint.get_status_display()
                )
            }
        )


@transaction.atomic
def complaint_update(
    *, complaint: Complaint, by: Any, expected_version: int | None = None, **fields: Any
) -> Complaint:
    """Move a complaint through its workflow, assign it, write the outcome or link an inspection."""
    locked = Complaint.objects.select_for_update().get(pk=complaint.pk)
    if not user_may_handle(by, locked):
        raise PermissionDenied(_("You may not handle this complaint."))
    check_version(locked, expected_version)
    before = snapshot(locked)
    for name, value in fields.items():
        if name not in HANDLING_FIELDS:
            raise TypeError(f"unknown complaint field: {name}")
        setattr(locked, name, value if value is not None or name == "assigned_to" else "")
    _check_transition(before["status"], locked.status)
    newly_assigned = (
        locked.assigned_to is not None and locked.assigned_to_id != before["assigned_to"]
    )
    if newly_assigned and not user_may_handle(locked.assigned_to, locked):
        raise ValidationError(
            {"assigned_to": str(MESSAGES["assignee"]).format(user=locked.assigned_to)}
        )
    if locked.status != before["status"]:
        _stamp_status(locked, timezone.now())
    locked.full_clean()
    if not save_changes(locked, by=by, before=before):
        return locked
    action = (
        AuditAction.STATUS_CHANGED if before["status"] != locked.status else AuditAction.UPDATED
    )
    audit_record(actor=by, obj=locked, action=action, before=before)
    if locked.assigned_to is not None and locked.assigned_to_id != before["assigned_to"]:
        notify(
            recipients=[locked.assigned_to],
            event_type="record.assigned",
            context={"record": str(locked), "assigned_by": str(by)},
            link=locked.get_absolute_url(),
        )
    return locked


@transaction.atomic
def complaint_note_add(*, complaint: Complaint, by: Any, text: str) -> ComplaintNote:
    """An internal note of the handlers; the trail records that a note was added, not its text."""
    if not user_may_handle(by, complaint):
        raise PermissionDenied(_("You may not handle this complaint."))
    if not (text or "").strip():
        raise ValidationError({"text": str(MESSAGES["note"])})
    note = ComplaintNote(complaint=complaint, text=text.strip(), created_by=by)
    note.full_clean()
    note.save()
    state = snapshot(complaint)
    audit_record(
        actor=by,
        obj=complaint,
        action=AuditAction.UPDATED,
        before=state,
        after=state,
        details={"note_added": note.pk},
    )
    return note


def is_finished(complaint: Complaint) -> bool:
    return complaint.status in FINISHED_STATUSES


# --- Revealing the reporter -----------------------------------------------------------------


@transaction.atomic
def complaint_reveal_reporter(*, complaint: Complaint, by: Any, reason: str) -> dict[str, str]:
    """The reporter's name, phone, e-mail and address, for a complaint handler with a reason.

    Each reveal leaves an audit event (who, when, why) that never contains the identity.
    """
    if not may_reveal_reporter(by, complaint):
        raise PermissionDenied(str(MESSAGES["may_not_reveal"]))
    reason = (reason or "").strip()
    if len(reason) < 5:
        raise ValidationError({"reason": str(MESSAGES["reason"])})
    if not complaint.reporter_identity:
        raise ValidationError({"reason": str(MESSAGES["no_identity"])})
    try:
        identity = crypto.decrypt_identity(complaint.reporter_identity)
    except crypto.IdentityUnreadable:
        raise ValidationError(str(MESSAGES["unreadable"])) from None
    state = snapshot(complaint)
    audit_record(
        actor=by,
        obj=complaint,
        action=AuditAction.REVEALED,
        before=state,
        after=state,
        details={"reason": reason},
    )
    return identity


def reveal_permission() -> Permission:
    return Permission.objects.get(
        content_type=ContentType.objects.get_for_model(Complaint), codename="reveal_reporter"
    )


@transaction.atomic
def complaint_handler_grant(*, user: Any, by: Any, grant: bool = True) -> Any:
    """Grant (or withdraw) the complaint-handler capability to one provincial officer or leader."""
    if grant and user.role not in {Role.PROVINCIAL_LEADER, Role.PROVINCIAL_OFFICER}:
        raise ValidationError(
            _(
                "Only provincial leaders and officers may become complaint handlers; {user} is "
                "{role}."
            ).format(user=user, role=user.get_role_display())
        )
    permission = reveal_permission()
    if grant:
        user.user_permissions.add(permission)
    else:
        user.user_permissions.remove(permission)
    state = snapshot(user)
    audit_record(
        actor=by,
        obj=user,
        action=AuditAction.ROLE_CHANGED,
        before=state,
        after=state,
        details={"complaint_handler": grant},
    )
    return user


def complaint_rotate_keys(*, batch_size: int = 500) -> int:
    """Re-encrypt every stored identity with the first configured key; the count of rows."""
    count = 0
    pks = list(
        Complaint.objects.exclude(reporter_identity="").order_by("pk").values_list("pk", flat=True)
    )
    for start in range(0, len(pks), batch_size):
        with transaction.atomic():
            rows = Complaint.objects.select_for_update().filter(
                pk__in=pks[start : start + batch_size]
            )
            for row in rows.only("pk", "reporter_identity"):
                new = crypto.rotate_token(row.reporter_identity)
                Complaint.objects.filter(pk=row.pk).update(reporter_identity=new)
                count += 1
    return count


def staff_url(complaint: Complaint) -> str:
    return reverse("complaints:complaint_detail", args=[complaint.pk])
