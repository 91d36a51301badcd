"""The standards library: the ICS tree (reference data), catalogue documents (TCVN, QCVN,
QCĐP, TCCS and the international documents they adopt) and their dated lifecycle events.

A document's status is never stored: it is computed for a day from its events
(``rules.status``): amendments, reviews, replacement by a successor, cancellation.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, Self

from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from tdc.core.models import REFERENCE_SCOPE, AuditedModel, VersionedReference
from tdc.core.roles import ROLE_JURISDICTION, Action, Jurisdiction, Role
from tdc.core.scoping import ScopedQuerySet, ScopeSpec
from tdc.standards import rules
from tdc.standards.choices import Confidence, EventKind, Harmonisation, StandardKind, Status

LIBRARIANS = {Role.PROVINCIAL_LEADER, Role.PROVINCIAL_OFFICER, Role.SYSTEM_ADMIN}


class IcsCode(models.Model):
    """One entry of the International Classification for Standards (edition 7): a field
    (``13``), group (``13.220``) or subgroup (``13.220.20``)."""

    code = models.CharField(_("ICS code"), max_length=9, primary_key=True)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("parent"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    title_en = models.CharField(_("title (English)"), max_length=255)
    title_vi = models.CharField(_("title (Vietnamese)"), max_length=255, blank=True)

    scope = REFERENCE_SCOPE
    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("ICS code")
        verbose_name_plural = _("ICS codes")
        ordering = ["code"]

    def __str__(self) -> str:
        return f"{self.code} {self.title_vi or self.title_en}"

    @property
    def level(self) -> int:
        return self.code.count(".") + 1


class StandardQuerySet(ScopedQuerySet["Standard"]):
    """National documents (no province) are everyone's library; a local regulation (QCĐP) or a
    province's own record belongs to its province."""

    def for_user(self, user: Any, action: str = Action.VIEW) -> Self:
        q = Standard.scope.q_for(user, action)
        if q is None:
            return self.none()
        if ROLE_JURISDICTION.get(getattr(user, "role", "") or "") == Jurisdiction.PROVINCE:
            q |= Q(province__isnull=True)
        return self.filter(q)

    def with_ics(self, code: str) -> Self:
        """Documents classified under an ICS code or any code below it (``97.200`` finds
        ``97.200.50``)."""
        code = code.strip()
        if not code:
            return self
        return self.filter(Q(ics_codes__startswith=code) | Q(ics_codes__contains=f" {code}"))

    def status_in(self, statuses: list[str], day: dt.date) -> Self:
        """Documents whose status on ``day`` is one of ``statuses`` (computed in SQL from the
        events, as ``rules.status_on`` computes it for one document)."""
        events = StandardEvent.objects.filter(standard=models.OuterRef("pk"), on__lte=day)
        terminal = events.filter(kind__in=[EventKind.REPLACED, EventKind.CANCELLED])
        first_terminal = terminal.order_by("on", "id").values("kind")[:1]
        last_review = (
            events.filter(kind__in=[EventKind.REVIEW_OPENED, EventKind.REVIEW_CLOSED])
            .order_by("-on", "-id")
            .values("kind")[:1]
        )
        qs = self.annotate(
            _terminal=models.Subquery(first_terminal),
            _review=models.Subquery(last_review),
            _amended=models.Exists(events.filter(kind=EventKind.AMENDED)),
        )
        live = Q(_terminal__isnull=True) & (
            Q(effective_from__isnull=True) | Q(effective_from__lte=day)
        )
        reviewing = Q(_review=EventKind.REVIEW_OPENED)
        not_reviewing = Q(_review__isnull=True) | Q(_review=EventKind.REVIEW_CLOSED)
        conditions: dict[str, Q] = {
            Status.REPLACED: Q(_terminal=EventKind.REPLACED),
            Status.CANCELLED: Q(_terminal=EventKind.CANCELLED),
            Status.NOT_YET: Q(_terminal__isnull=True, effective_from__gt=day),
            Status.UNDER_REVIEW: live & reviewing,
            Status.AMENDED: live & not_reviewing & Q(_amended=True),
            Status.IN_FORCE: live & not_reviewing & Q(_amended=False),
        }
        condition = Q(pk__in=[])
        for status in statuses:
            condition |= conditions.get(status, Q(pk__in=[]))
        return qs.filter(condition)


class Standard(AuditedModel):
    """A document of the catalogue: a national standard or regulation, an organisation's
    standard, or an international document, with its designation in canonical form."""

    designation = models.CharField(
        _("designation"),
        max_length=120,
        unique=True,
        help_text=_("Canonical form, e.g. TCVN 6776:2005 or QCVN 1:2022/BKHCN."),
    )
    kind = models.CharField(_("kind"), max_length=16, choices=StandardKind.choices)
    number = models.CharField(_("number"), max_length=40)
    year = models.PositiveSmallIntegerField(_("year"), null=True, blank=True)
    authority = models.CharField(_("issuing authority"), max_length=24, blank=True)
    title_vi = models.CharField(_("title (Vietnamese)"), max_length=500)
    title_en = models.CharField(_("title (English)"), max_length=500, blank=True)
    harmonisation = models.CharField(
        _("harmonisation"), max_length=3, choices=Harmonisation.choices, blank=True, default=""
    )
    international_designation = models.CharField(
        _("adopted international document"), max_length=120, blank=True
    )
    #: ICS codes separated by spaces (checked against :class:`IcsCode` by the services; kept
    #: on the row so that imports insert in bulk and the ICS filter is one ``LIKE``).
    ics_codes = models.CharField(_("ICS codes"), max_length=255, blank=True)
    issuing_decision = models.CharField(
        _("issuing decision or circular"), max_length=200, blank=True
    )
    issued_on = models.DateField(_("issued on"), null=True, blank=True)
    effective_from = models.DateField(_("in force from"), null=True, blank=True)
    scope_text = models.TextField(_("scope"), blank=True)
    province = models.ForeignKey(
        "places.Province",
        verbose_name=_("province (local regulations)"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    source = models.TextField(_("source"), help_text=_("Where these facts were read (URL)."))
    confidence = models.CharField(
        _("confidence"), max_length=16, choices=Confidence.choices, default=Confidence.CONFIRMED
    )
    search_text = models.TextField(_("search text"), blank=True, editable=False)
    number_key = models.CharField(_("number key"), max_length=160, editable=False, db_index=True)

    scope = ScopeSpec(
        province="province_id",
        roles={
            "view": {*LIBRARIANS, Role.INSPECTOR, Role.NATIONAL_USER},
            "export": {*LIBRARIANS, Role.INSPECTOR, Role.NATIONAL_USER},
            "create": LIBRARIANS,
            "change": LIBRARIANS,
            "approve": LIBRARIANS,
        },
    )
    objects = StandardQuerySet.as_manager()

    FIELDS = (
        "designation",
        "title_vi",
        "title_en",
        "harmonisation",
        "international_designation",
        "issuing_decision",
        "issued_on",
        "effective_from",
        "scope_text",
        "source",
        "confidence",
    )

    class Meta:
        verbose_name = _("standard")
        verbose_name_plural = _("standards")
        ordering = ["kind", "number_key", "id"]

    def __str__(self) -> str:
        return self.designation

    def get_absolute_url(self) -> str:
        return reverse("standards:standard_detail", kwargs={"pk": self.pk})

    @property
    def ics_list(self) -> list[str]:
        return self.ics_codes.split()

    def status_on(self, day: dt.date) -> Status:
        events = [rules.Event(e.kind, e.on) for e in self.events.all()]
        return Status(rules.status_on(self.effective_from, events, day).value)


class StandardEvent(AuditedModel):
    """What happened to a document on a day: an amendment, a review opened or closed, its
    replacement by a successor or its cancellation, with the deciding instrument."""

    standard = models.ForeignKey(
        Standard, verbose_name=_("document"), on_delete=models.PROTECT, related_name="events"
    )
    kind = models.CharField(_("event"), max_length=16, choices=EventKind.choices)
    on = models.DateField(_("on"))
    successor = models.ForeignKey(
        Standard,
        verbose_name=_("replaced by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="replaces_events",
    )
    reference = models.CharField(
        _("amendment"), max_length=120, blank=True, help_text=_("e.g. Sửa đổi 1:2016.")
    )
    decision = models.CharField(_("deciding instrument"), max_length=200, blank=True)
    note = models.TextField(_("note"), blank=True)
    source = models.TextField(_("source"), blank=True)
    confidence = models.CharField(
        _("confidence"), max_length=16, choices=Confidence.choices, default=Confidence.CONFIRMED
    )

    scope = ScopeSpec(
        province="standard__province_id",
        roles=Standard.scope.roles,
    )
    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("lifecycle event")
        verbose_name_plural = _("lifecycle events")
        ordering = ["on", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(kind="replaced", successor__isnull=False)
                | (~Q(kind="replaced") & Q(successor__isnull=True)),
                name="standards_event_successor_iff_replaced",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.standard} — {self.get_kind_display()} {self.on:%d/%m/%Y}"


class TbtNotification(AuditedModel):
    """A WTO member's TBT notification (from ePing or the WTO document), as the province's TBT
    point recorded it: symbol, member, products with their HS codes, objective, the comment
    deadline and links to the documents."""

    symbol = models.CharField(
        _("WTO symbol"),
        max_length=60,
        help_text=_("e.g. G/TBT/N/VNM/123 or G/TBT/N/USA/1234/Add.1"),
    )
    member = models.CharField(_("notifying member"), max_length=3)
    title = models.CharField(_("title"), max_length=500)
    products = models.TextField(_("products"))
    hs_codes = models.JSONField(_("HS codes"), default=list, blank=True)
    objective = models.TextField(_("objective and rationale"), blank=True)
    distributed_on = models.DateField(_("distributed on"))
    comment_deadline = models.DateField(_("final date for comments"), null=True, blank=True)
    links = models.TextField(_("documents (one link per line)"), blank=True)
    province = models.ForeignKey(
        "places.Province",
        verbose_name=_("TBT point's province"),
        on_delete=models.PROTECT,
        related_name="+",
    )

    scope = ScopeSpec(
        province="province_id",
        roles={
            "view": {*LIBRARIANS, Role.INSPECTOR, Role.NATIONAL_USER},
            "export": {*LIBRARIANS, Role.INSPECTOR, Role.NATIONAL_USER},
            "create": LIBRARIANS,
            "change": LIBRARIANS,
        },
    )
    objects = ScopedQuerySet.as_manager()

    FIELDS = (
        "symbol",
        "title",
        "products",
        "hs_codes",
        "objective",
        "distributed_on",
        "comment_deadline",
        "links",
    )

    class Meta:
        verbose_name = _("TBT notification")
        verbose_name_plural = _("TBT notifications")
        ordering = ["-distributed_on", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["province", "symbol"], name="standards_tbt_symbol_per_province"
            )
        ]

    def __str__(self) -> str:
        return self.symbol

    def get_absolute_url(self) -> str:
        return reverse("standards:tbt_detail", kwargs={"pk": self.pk})


class ExporterInterest(AuditedModel):
    """What an exporter of the province sells abroad: its HS codes and, optionally, the
    markets (WTO member codes) — matched against each new TBT notification."""

    organisation = models.ForeignKey(
        "registry.Organisation",
        verbose_name=_("exporter"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    hs_codes = models.JSONField(_("HS codes"), default=list)
    markets = models.CharField(
        _("markets"),
        max_length=200,
        blank=True,
        help_text=_("WTO member codes separated by spaces, e.g. USA EU JPN; blank: every market."),
    )

    scope = ScopeSpec(
        province="organisation__province_id",
        commune="organisation__commune_id",
        organisation="organisation_id",
        roles={
            "view": {*LIBRARIANS, Role.INSPECTOR, Role.NATIONAL_USER, Role.BUSINESS_USER},
            "export": {*LIBRARIANS, Role.NATIONAL_USER},
            "create": {*LIBRARIANS, Role.BUSINESS_USER},
            "change": {*LIBRARIANS, Role.BUSINESS_USER},
        },
    )
    objects = ScopedQuerySet.as_manager()

    FIELDS = ("hs_codes", "markets")

    class Meta:
        verbose_name = _("exporter interest")
        verbose_name_plural = _("exporter interests")
        ordering = ["organisation__name", "id"]

    def __str__(self) -> str:
        return f"{self.organisation} — {' '.join(self.hs_codes)}"

    def get_absolute_url(self) -> str:
        return reverse("standards:interest_edit", kwargs={"pk": self.pk})

    @property
    def market_list(self) -> list[str]:
        return self.markets.upper().split()


class EnquiryTimeLimit(VersionedReference):
    """Working days the TBT enquiry point has to answer an enquiry, in force over a period."""

    step = models.CharField(_("procedure step"), max_length=48)
    working_days = models.PositiveSmallIntegerField(_("working days"))

    class Meta(VersionedReference.Meta):
        verbose_name = _("enquiry time limit")
        verbose_name_plural = _("enquiry time limits")
        ordering = ["step", "effective_from"]
        constraints = [
            *VersionedReference.Meta.constraints,
            models.UniqueConstraint(
                fields=["step", "effective_from"],
                name="%(app_label)s_%(class)s_unique_version",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.step}: {self.working_days}"


class Enquiry(AuditedModel):
    """A business's question to the TBT enquiry point, with the answer deadline in working days
    (from the :class:`EnquiryTimeLimit` row in force on receipt) and the answer."""

    province = models.ForeignKey(
        "places.Province", verbose_name=_("province"), on_delete=models.PROTECT, related_name="+"
    )
    organisation = models.ForeignKey(
        "registry.Organisation",
        verbose_name=_("business"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    asker = models.CharField(_("asked by"), max_length=200)
    question = models.TextField(_("question"))
    received_on = models.DateField(_("received on"))
    answer_due = models.DateField(_("answer due"), editable=False)
    deadline_rule = models.CharField(_("deadline rule version"), max_length=120, editable=False)
    answer = models.TextField(_("answer"), blank=True)
    answered_on = models.DateField(_("answered on"), null=True, blank=True)
    publish = models.BooleanField(_("the business agrees to publish the answer"), default=False)

    scope = ScopeSpec(
        province="province_id",
        organisation="organisation_id",
        roles={
            "view": {*LIBRARIANS, Role.NATIONAL_USER, Role.BUSINESS_USER},
            "export": {*LIBRARIANS, Role.NATIONAL_USER},
            "create": {*LIBRARIANS, Role.BUSINESS_USER},
            "change": LIBRARIANS,
            "approve": LIBRARIANS,
        },
    )
    objects = ScopedQuerySet.as_manager()

    FIELDS = ("asker", "question", "received_on", "publish")

    class Meta:
        verbose_name = _("enquiry")
        verbose_name_plural = _("enquiries")
        ordering = ["-received_on", "-id"]

    def __str__(self) -> str:
        return f"{self.asker} — {self.received_on:%d/%m/%Y}"

    def get_absolute_url(self) -> str:
        return reverse("standards:enquiry_detail", kwargs={"pk": self.pk})
