"""Abstract bases, the audit trail and background-job progress shared by every app."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any, Self

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from tdc.core.numberformat import validate_number_format
from tdc.core.plausibility import check_record
from tdc.core.roles import Role
from tdc.core.scoping import ScopedQuerySet, ScopeSpec
from tdc.core.text import BLANK_TEXT_MESSAGE, is_blank_text, nfc


class AuditedModel(models.Model):
    """A regulated record: who created and last changed it, and an edit version.

    ``version`` increases on every change; services compare it with the version the editor
    loaded so that two people editing one record never silently overwrite each other.
    """

    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        # Authorship columns: never queried by author (the audit trail answers "who"), and
        # accounts are deactivated, never deleted (Django still applies PROTECT). Neither an
        # index nor a database-level check on every write of every regulated table pays for
        # itself (docs/adr/0008).
        db_index=False,
        db_constraint=False,
    )
    modified_at = models.DateTimeField(_("modified at"), auto_now=True)
    modified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("modified by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        db_index=False,
        db_constraint=False,
    )
    version = models.PositiveIntegerField(_("version"), default=1, editable=False)

    class Meta:
        abstract = True

    def clean_fields(self, exclude: Any = None) -> None:
        """Text in one spelling (NFC) and never made only of accents or control characters,
        whichever door it came in by (form, API, import, service), before Django's checks;
        then plausible values (tdc.core.plausibility)."""
        errors = self._normalise_text(exclude)
        try:
            super().clean_fields(exclude=exclude)
        except ValidationError as exc:
            for name, messages in exc.message_dict.items():
                errors.setdefault(name, []).extend(messages)
        for name, messages in check_record(self, exclude).items():
            if name not in errors:  # one complaint per field: Django's own comes first
                errors[name] = list(messages)
        if errors:
            raise ValidationError(errors)

    def _normalise_text(self, exclude: Any) -> dict[str, list[Any]]:
        errors: dict[str, list[Any]] = {}
        for field in self._meta.concrete_fields:
            if exclude and field.name in exclude:
                continue
            if not isinstance(field, models.CharField | models.TextField):
                continue
            value = getattr(self, field.attname)
            if not isinstance(value, str) or not value:
                continue
            if not value.isascii():
                value = nfc(value)
                setattr(self, field.attname, value)
            if is_blank_text(value):
                errors[field.name] = [ValidationError(BLANK_TEXT_MESSAGE, code="blank_text")]
        return errors


class AuditAction(models.TextChoices):
    CREATED = "created", _("Created")
    UPDATED = "updated", _("Updated")
    ARCHIVED = "archived", _("Archived")
    RESTORED = "restored", _("Restored")
    DELETED = "deleted", _("Deleted")
    MERGED = "merged", _("Merged")
    IMPORTED = "imported", _("Imported")
    STATUS_CHANGED = "status_changed", _("Status changed")
    ROLE_CHANGED = "role_changed", _("Role changed")
    PASSWORD_CHANGED = "password_changed", _("Password changed")
    PASSWORD_RESET = "password_reset", _("Password reset")
    TWO_FACTOR_RESET = "2fa_reset", _("Two-factor reset")
    TOKEN_ISSUED = "token_issued", _("API token issued")
    TWO_FACTOR_ENROLLED = "2fa_enrolled", _("Two-factor enrolled")
    APPROVED = "approved", _("Approved")
    REVOKED = "revoked", _("Revoked")
    SUSPENDED = "suspended", _("Suspended")
    REVEALED = "revealed", _("Protected data revealed")
    EXPORTED = "exported", _("Exported")


class AuditEvent(models.Model):
    """One change to a record: who, what, before and after, when, from which request.

    Written by services in the same transaction as the change. Carries the jurisdiction of the
    record it is about (province, commune, owning organisation) so that the trail itself is
    scoped like the records.
    """

    id = models.BigAutoField(primary_key=True)
    occurred_at = models.DateTimeField(_("time"), auto_now_add=True, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("actor"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="audit_events",
        # The trail is append-only and written in the same transaction as the change it
        # records; it checks nothing against other tables (docs/adr/0008). The audit list
        # filters by the actor's name (actor_label), so the id needs no index either.
        db_constraint=False,
        db_index=False,
    )
    actor_label = models.CharField(_("actor name"), max_length=150, blank=True)
    action = models.CharField(_("action"), max_length=32, choices=AuditAction.choices)
    content_type = models.ForeignKey(
        "contenttypes.ContentType",
        verbose_name=_("record type"),
        on_delete=models.PROTECT,
        related_name="+",
        db_index=False,  # leads core_audit_object_idx
        db_constraint=False,
    )
    object_id = models.CharField(_("record id"), max_length=64)
    object_repr = models.CharField(_("record"), max_length=255)
    before = models.JSONField(_("before"), null=True, blank=True)
    after = models.JSONField(_("after"), null=True, blank=True)
    details = models.JSONField(_("details"), default=dict, blank=True)
    request_id = models.CharField(_("request id"), max_length=64, blank=True)
    ip_address = models.GenericIPAddressField(_("IP address"), null=True, blank=True)
    province_code = models.CharField(_("province code"), max_length=8, blank=True)
    commune_code = models.CharField(_("commune code"), max_length=8, blank=True)
    organisation_id = models.BigIntegerField(_("organisation id"), null=True, blank=True)

    scope = ScopeSpec(
        province="province_code",
        commune="commune_code",
        organisation="organisation_id",
        roles={
            "view": {
                Role.SYSTEM_ADMIN,
                Role.NATIONAL_USER,
                Role.PROVINCIAL_LEADER,
                Role.PROVINCIAL_OFFICER,
            },
            "export": {Role.SYSTEM_ADMIN, Role.PROVINCIAL_LEADER, Role.PROVINCIAL_OFFICER},
        },
    )
    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("audit event")
        verbose_name_plural = _("audit events")
        ordering = ["-occurred_at", "-id"]
        indexes = [
            # Timeline on every detail page: events of one record, newest first.
            models.Index(
                fields=["content_type", "object_id", "-occurred_at"],
                name="core_audit_object_idx",
            ),
            # Audit list filtered to a province.
            models.Index(fields=["province_code", "-occurred_at"], name="core_audit_prov_idx"),
        ]

    def __str__(self) -> str:
        return (
            f"{self.occurred_at:%Y-%m-%d %H:%M} {self.actor_label} {self.action} {self.object_repr}"
        )

    def get_absolute_url(self) -> str:
        from django.urls import reverse

        return reverse("core:auditevent_detail", args=[self.pk])

    @property
    def changes(self) -> list[tuple[str, object, object]]:
        """Fields that differ between before and after, for the timeline."""
        before = self.before or {}
        after = self.after or {}
        keys = sorted(set(before) | set(after))
        return [(k, before.get(k), after.get(k)) for k in keys if before.get(k) != after.get(k)]


class JobProgress(models.Model):
    """Progress of a long background task (imports, exports, batches), shown on its own page."""

    class Status(models.TextChoices):
        QUEUED = "queued", _("Queued")
        RUNNING = "running", _("Running")
        SUCCEEDED = "succeeded", _("Succeeded")
        FAILED = "failed", _("Failed")

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    kind = models.CharField(_("kind"), max_length=64)
    title = models.CharField(_("title"), max_length=255)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("owner"),
        on_delete=models.CASCADE,
        related_name="jobs",
    )
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.QUEUED
    )
    total = models.PositiveIntegerField(_("total"), default=0)
    done = models.PositiveIntegerField(_("done"), default=0)
    message = models.TextField(_("message"), blank=True)
    result_file = models.FileField(_("result file"), upload_to="jobs/%Y/%m/", blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)

    class Meta:
        verbose_name = _("background job")
        verbose_name_plural = _("background jobs")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.title

    @property
    def percent(self) -> int:
        if self.status == self.Status.SUCCEEDED:
            return 100
        if not self.total:
            return 0
        return min(100, int(self.done * 100 / self.total))

    @property
    def finished(self) -> bool:
        return self.status in {self.Status.SUCCEEDED, self.Status.FAILED}


# --- Versioned reference data (DESIGN.md §4: regulation is versioned data) -------------------


class ReferenceConfidence(models.TextChoices):
    """How sure we are of a reference row: read in the official text, reported, or inferred."""

    CONFIRMED = "confirmed", _("Confirmed (official text read)")
    REPORTED = "reported", _("Reported (official source cited, text not read)")
    UNCONFIRMED = "unconfirmed", _("Unconfirmed (projection or third-party only)")


class VersionedQuerySet(ScopedQuerySet):
    """Queries over effective-dated rows: which version was in force on a given day."""

    def in_force_on(self, day: dt.date) -> Self:
        """Rows whose validity interval [effective_from, effective_to] contains ``day``."""
        return self.filter(effective_from__lte=day).filter(
            models.Q(effective_to__isnull=True) | models.Q(effective_to__gte=day)
        )

    def overlapping(self, start: dt.date, end: dt.date) -> Self:
        """Rows in force on at least one day of [start, end]."""
        return self.filter(effective_from__lte=end).filter(
            models.Q(effective_to__isnull=True) | models.Q(effective_to__gte=start)
        )


#: Reference data: everyone signed in reads it; only system administrators change it.
REFERENCE_SCOPE = ScopeSpec(
    public_read=True,
    roles={"change": {Role.SYSTEM_ADMIN}, "create": {Role.SYSTEM_ADMIN}},
)


class VersionedReference(AuditedModel):
    """A row of regulation held as data: valid from one date to another, with its legal source.

    A computation picks the row in force on the date it is about (``in_force_on``) and records
    the row's :attr:`version_label`. Rows are loaded from data files in the repository
    (``tdc load_reference``) and may be corrected by a system administrator through
    ``tdc.core.refdata.reference_row_update``, which writes an audit event.
    """

    effective_from = models.DateField(
        _("effective from"), help_text=_("First day on which this row applies.")
    )
    effective_to = models.DateField(
        _("effective to"),
        null=True,
        blank=True,
        help_text=_("Last day on which this row applies; leave empty while it is still in force."),
    )
    legal_basis = models.CharField(
        _("legal basis"),
        max_length=255,
        blank=True,
        help_text=_("The instrument and article, e.g. “Bộ luật Lao động 2019, Điều 112”."),
    )
    source = models.TextField(
        _("source"), blank=True, help_text=_("Where the value was read: a URL or a citation.")
    )
    confidence = models.CharField(
        _("confidence"),
        max_length=16,
        choices=ReferenceConfidence.choices,
        default=ReferenceConfidence.CONFIRMED,
    )
    notes = models.TextField(_("notes"), blank=True)

    scope = REFERENCE_SCOPE
    objects = VersionedQuerySet.as_manager()

    class Meta:
        abstract = True
        constraints = [
            models.CheckConstraint(
                condition=models.Q(effective_to__isnull=True)
                | models.Q(effective_to__gte=models.F("effective_from")),
                name="%(app_label)s_%(class)s_effective_order",
                violation_error_message=_(
                    "The end date comes before the start date: correct one of them."
                ),
            )
        ]

    def clean(self) -> None:
        super().clean()
        if self.effective_to and self.effective_from and self.effective_to < self.effective_from:
            raise ValidationError(
                {
                    "effective_to": _(
                        "The last day in force must be on or after the first day; correct "
                        "one of the two dates."
                    )
                }
            )

    def is_in_force_on(self, day: dt.date) -> bool:
        return self.effective_from <= day and (
            self.effective_to is None or day <= self.effective_to
        )

    @property
    def version_label(self) -> str:
        """Stable name of this version, ``<app>.<model>@<effective_from>#<pk>``.

        Computations store it next to their result (see ``tdc.core.refdata.version_label``).
        """
        return f"{self._meta.label_lower}@{self.effective_from.isoformat()}#{self.pk}"


class HolidayGroup(models.TextChoices):
    """The public holidays of Bộ luật Lao động 2019 Art. 112 (and later additions)."""

    NEW_YEAR = "new_year", _("New Year's Day (Tết Dương lịch)")
    LUNAR_NEW_YEAR = "lunar_new_year", _("Lunar New Year (Tết Âm lịch)")
    HUNG_KINGS = "hung_kings", _("Hung Kings' Commemoration (Giỗ Tổ Hùng Vương)")
    REUNIFICATION = "reunification", _("Victory Day (30/4)")
    LABOUR_DAY = "labour_day", _("International Labour Day (1/5)")
    NATIONAL_DAY = "national_day", _("National Day (Quốc khánh)")
    CULTURE_DAY = "culture_day", _("Vietnamese Culture Day (Ngày Văn hóa Việt Nam)")
    OTHER = "other", _("Other day off decided by the government")


class HolidayRule(models.TextChoices):
    """How a statutory holiday's dates are found for a given year."""

    SOLAR = "solar", _("Fixed solar date")
    LUNAR = "lunar", _("Fixed lunar date")
    LUNAR_NEW_YEAR = "lunar_new_year", _("Last day of the lunar year and the days after it")
    SOLAR_WITH_ADJACENT = "solar_with_adjacent", _("Fixed solar date and one adjacent day")


class StatutoryHoliday(VersionedReference):
    """A public holiday the law grants every year, and how to find its dates.

    The yearly government schedule (:class:`HolidayScheduleDay`) fixes the exact days where the
    law leaves them open (Tết, the Quốc khánh adjacent day); without it, the dates are derived
    from this rule and marked provisional.
    """

    group = models.CharField(_("holiday"), max_length=32, choices=HolidayGroup.choices)
    name = models.CharField(_("name"), max_length=200)
    rule = models.CharField(_("date rule"), max_length=32, choices=HolidayRule.choices)
    month = models.PositiveSmallIntegerField(
        _("month"), help_text=_("Solar or lunar month, as the rule says.")
    )
    day = models.PositiveSmallIntegerField(
        _("day"), help_text=_("Solar or lunar day of the month, as the rule says.")
    )
    days = models.PositiveSmallIntegerField(_("number of days off"), default=1)

    class Meta(VersionedReference.Meta):
        verbose_name = _("statutory public holiday")
        verbose_name_plural = _("statutory public holidays")
        ordering = ["month", "day", "effective_from"]
        constraints = [
            *VersionedReference.Meta.constraints,
            models.UniqueConstraint(
                fields=["group", "effective_from"],
                name="%(app_label)s_%(class)s_unique_version",
                violation_error_message=_(
                    "This holiday already has a version starting on that day; edit that version "
                    "instead."
                ),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.effective_from:%d/%m/%Y})"


class ScheduleDayKind(models.TextChoices):
    """What the yearly schedule says about one day."""

    HOLIDAY = "holiday", _("Public holiday")
    COMPENSATORY = "compensatory", _("Compensating day off")
    DAY_OFF = "day_off", _("Working day swapped into a day off")
    WORKING_DAY = "working_day", _("Weekend day swapped into a working day")


class HolidayScheduleDay(VersionedReference):
    """One day of the government's yearly holiday schedule (Art. 112(3) decisions).

    Holiday and compensating rows of a holiday group replace the dates derived from the law for
    that group and year; swapped days (a weekday off, a Saturday worked) add to them. The row in
    force on the day itself applies, so a later decision closes the earlier row's validity.
    """

    date = models.DateField(_("date"))
    group = models.CharField(_("holiday"), max_length=32, choices=HolidayGroup.choices)
    kind = models.CharField(_("kind"), max_length=16, choices=ScheduleDayKind.choices)
    name = models.CharField(_("name"), max_length=200)

    class Meta(VersionedReference.Meta):
        verbose_name = _("holiday schedule day")
        verbose_name_plural = _("holiday schedule days")
        ordering = ["date", "effective_from"]
        constraints = [
            *VersionedReference.Meta.constraints,
            models.UniqueConstraint(
                fields=["date", "effective_from"],
                name="%(app_label)s_%(class)s_unique_version",
                violation_error_message=_(
                    "This day already has a schedule entry decided on that date; edit that entry "
                    "instead."
                ),
            ),
        ]
        indexes = [
            # The calendar loads one year's schedule at a time.
            models.Index(fields=["date"], name="core_holidayday_date_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.date:%d/%m/%Y} {self.name}"

    def clean(self) -> None:
        super().clean()
        if self.date and self.kind == ScheduleDayKind.WORKING_DAY and self.date.weekday() < 5:
            raise ValidationError(
                {"kind": _("Only a Saturday or Sunday can be swapped into a working day.")}
            )
        if self.date and self.kind == ScheduleDayKind.DAY_OFF and self.date.weekday() >= 5:
            raise ValidationError(
                {"kind": _("A weekend day is already off; only a weekday can be swapped off.")}
            )


# --- Gap-free numbering (DESIGN.md §4: numbers) ----------------------------------------------


class NumberSeries(AuditedModel):
    """A kind of numbered document (certificate, dossier, decision…) and its number format.

    Numbers restart at 1 every year for every issuer; the format places the sequence, the year
    and the issuer code, e.g. ``{seq:05d}/{year}/GCN-{issuer}``.
    """

    code = models.SlugField(_("code"), max_length=64, unique=True)
    name = models.CharField(_("name"), max_length=200)
    format = models.CharField(
        _("number format"),
        max_length=120,
        validators=[validate_number_format],
        help_text=_(
            "Placeholders: {seq} (the running number, e.g. {seq:05d} for 00001), {year} or {yy}, "
            "{issuer}. Example: {seq:05d}/{year}/GCN-{issuer}"
        ),
    )

    class Meta:
        verbose_name = _("number series")
        verbose_name_plural = _("number series")
        ordering = ["code"]

    def __str__(self) -> str:
        return self.name

    def save(self, *args: Any, **kwargs: Any) -> None:
        # A broken format would only fail at the first allocation, inside someone's transaction.
        validate_number_format(self.format)
        super().save(*args, **kwargs)


class NumberCounter(models.Model):
    """The last number given in one series, for one year and one issuer."""

    id = models.BigAutoField(primary_key=True)
    series = models.ForeignKey(
        NumberSeries,
        verbose_name=_("number series"),
        on_delete=models.PROTECT,
        related_name="counters",
    )
    year = models.PositiveSmallIntegerField(_("year"))
    issuer = models.CharField(_("issuer code"), max_length=64)
    last_seq = models.PositiveBigIntegerField(_("last number given"), default=0)

    class Meta:
        verbose_name = _("number counter")
        verbose_name_plural = _("number counters")
        constraints = [
            models.UniqueConstraint(
                fields=["series", "year", "issuer"],
                name="%(app_label)s_%(class)s_unique_scope",
                violation_error_message=_(
                    "This series already has a counter for that year and issuer."
                ),
            )
        ]

    def __str__(self) -> str:
        return f"{self.series_id}/{self.year}/{self.issuer}: {self.last_seq}"


class DocumentTemplate(AuditedModel):
    """An administrator's edited version of an official document template (certificate, minutes…).

    The default of each document lives in ``templates/documents/<code>.html``; a row here
    replaces it without a code change. Deleting the row (``document_template_reset``) returns
    to the default.
    """

    code = models.SlugField(_("code"), max_length=100, unique=True)
    title = models.CharField(_("title"), max_length=255)
    html = models.TextField(
        _("HTML template"),
        help_text=_("Django template syntax; it extends documents/base.html like the default."),
    )

    scope = ScopeSpec(
        roles={
            "view": {Role.SYSTEM_ADMIN},
            "create": {Role.SYSTEM_ADMIN},
            "change": {Role.SYSTEM_ADMIN},
            "archive": {Role.SYSTEM_ADMIN},
            "export": {Role.SYSTEM_ADMIN},
        }
    )
    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("document template")
        verbose_name_plural = _("document templates")
        ordering = ["code"]

    def __str__(self) -> str:
        return self.title or self.code

    def get_absolute_url(self) -> str:
        from django.urls import reverse

        return reverse("core:documenttemplate_detail", args=[self.pk])


class FormSubmission(models.Model):
    """A create form's one-time token, used up by its first successful submission: a second
    post of the same rendered form (a double click, a resent request) creates nothing and is
    sent to what the first one created."""

    token = models.CharField(_("token"), max_length=64, primary_key=True)
    result_url = models.CharField(_("result"), max_length=500)
    # Tokens older than a few days are removed when new ones are claimed (tdc.core.submissions).
    created_at = models.DateTimeField(_("submitted at"), auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = _("form submission")
        verbose_name_plural = _("form submissions")

    def __str__(self) -> str:
        return self.token[:8]


class IdempotentRequest(models.Model):
    """An API ``POST`` sent with an ``Idempotency-Key`` header, and the answer it got: the same
    key from the same caller gets the same answer again, without a second record."""

    scope = models.CharField(_("caller"), max_length=64)
    key = models.CharField(_("key"), max_length=255)
    fingerprint = models.CharField(_("request fingerprint"), max_length=64)
    completed = models.BooleanField(_("completed"), default=False)
    status_code = models.PositiveSmallIntegerField(_("status"), null=True, blank=True)
    content_type = models.CharField(_("content type"), max_length=100, blank=True)
    body = models.BinaryField(_("body"), blank=True, default=b"")
    # Keys older than a day are removed when new ones arrive (tdc.core.middleware).
    created_at = models.DateTimeField(_("received at"), auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = _("idempotent API request")
        verbose_name_plural = _("idempotent API requests")
        constraints = [
            models.UniqueConstraint(
                fields=["scope", "key"], name="%(app_label)s_%(class)s_unique_key"
            )
        ]

    def __str__(self) -> str:
        return self.key
